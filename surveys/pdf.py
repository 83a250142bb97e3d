"""PDFs from HTML templates (WeasyPrint), for posters, flyers, paper questionnaires, slips.

Privacy rule: no page may load anything from another host — a PDF neither. The fetcher
refuses every URL that is not inline data or a file of the app's own static folders, so a
stray link in a template can never make the server call out while rendering.

WeasyPrint is imported on the first PDF, not with the URLconf: it takes about a second to
import, which every process and command would pay otherwise.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any
from urllib.request import url2pathname

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.encoding import iri_to_uri

# WeasyPrint logs each step of every rendering (and its own stylesheets at import) at INFO:
# noise in the app's log. Its warnings still come through.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def static_roots() -> list[Path]:
    roots = [Path(root) for root in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT))
    return roots


@functools.cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Inline `data:` URLs and files below the static folders; everything else is refused."""

        def __init__(self, roots: list[Path]) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.roots = [root.resolve() for root in roots]

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            if url.lower().startswith("file:"):
                path = Path(url2pathname(url.split("?", 1)[0].removeprefix("file:"))).resolve()
                if not any(path.is_relative_to(root) for root in self.roots):
                    raise ValueError(f"not a static file of the app: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def local_only_fetcher(roots: list[Path] | None = None) -> Any:
    """A WeasyPrint URL fetcher that reads inline data and the app's static files only."""
    return _fetcher_class()(static_roots() if roots is None else roots)


def default_base_url() -> str:
    """Relative URLs in print templates point into static/ on disk, never to a host."""
    roots = static_roots()
    return roots[0].resolve().as_uri() + "/" if roots else Path.cwd().as_uri() + "/"


def css_string(text: str, *, isolate: bool = False) -> str:
    """Text as a quoted CSS string, for `content:` in page margins (safe inside <style>).

    `isolate` keeps a left-to-right note in reading order on a right-to-left page.
    """
    if isolate:
        text = f"\u2066{text}\u2069"
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\a ")
        .replace("<", "\\3c ")
        .replace(">", "\\3e ")
    )
    return f'"{escaped}"'


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    base_url: str | None = None,
) -> bytes:
    """The template rendered to PDF bytes; fonts come from the system (DejaVu Sans)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(
        string=html,
        base_url=base_url or default_base_url(),
        url_fetcher=local_only_fetcher(),
    )
    pdf: bytes = document.write_pdf()
    return pdf


def pdf_response(pdf_bytes: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{iri_to_uri(filename)}"'
    # Slips carry one-time codes: no shared cache may keep any of these files.
    response["Cache-Control"] = "private, no-store"
    return response
