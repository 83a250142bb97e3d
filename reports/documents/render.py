"""HTML to a tagged PDF (PDF/UA-1) with WeasyPrint, through the app's local-only fetcher."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from surveys.pdf import default_base_url, local_only_fetcher


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    pages: int


def render_document(
    template_name: str, context: dict[str, Any], *, max_pages: int = 0
) -> RenderedPdf:
    """The template as PDF/UA-1: tagged, with the <title> as document title and <html lang>.

    `max_pages` cuts the layout after that many pages (the one-page brief), so a brief can
    never spill onto a second sheet; 0 keeps every page.
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    document = HTML(
        string=html, base_url=default_base_url(), url_fetcher=local_only_fetcher()
    ).render()
    if max_pages and len(document.pages) > max_pages:
        document = document.copy(document.pages[:max_pages])
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return RenderedPdf(pdf, len(document.pages))


def warm_up_in_background(language: str) -> threading.Thread:
    """Load WeasyPrint, the fonts and the hyphenation dictionary while Chromium draws charts.

    A worker's first report pays about four seconds for these; the chart phase mostly waits
    on the browser, so doing both at once costs nothing. Later reports find them loaded.
    """

    def warm() -> None:
        from weasyprint import HTML

        HTML(
            string=f'<p lang="{language}" style="hyphens: auto; font-family: DejaVu Sans">'
            "Familienservicebüro Kinderarmut</p>"
        ).render()

    thread = threading.Thread(target=warm, name="weasyprint-warm-up", daemon=True)
    thread.start()
    return thread
