"""Dashboard figures as SVG for the PDF, all of one document in one kaleido browser session.

Starting Chromium costs seconds and each figure then a fraction of one, so a report starts
the browser once and passes every figure through it. The figures are the dashboard's own
(reports/charts.py) with the font swapped for DejaVu Sans, the font WeasyPrint sets the
text in, so labels measure the same in the SVG and on the page.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders

PLOTLY_JS = "vendor/plotly/plotly-basic.min.js"
NO_NETWORK_PROXY = "http://127.0.0.1:9"  # the discard port: every request fails at once
PDF_FONT = "DejaVu Sans, sans-serif"
# kaleido's server is one per process: two documents in threads must take turns.
_session_lock = threading.Lock()
# kaleido and its browser driver log every tab at INFO: noise in the worker's log.
for _name in ("kaleido", "choreographer"):
    logging.getLogger(_name).setLevel(logging.WARNING)
_SIZE_ATTRIBUTES = re.compile(r'^(<svg\b[^>]*?)\s(?:width|height)="[^"]*"', re.S)


def figures_to_svg(
    figures: list[tuple[dict[str, Any], int, int]],
    *,
    on_figure: Callable[[int, int], None] | None = None,
) -> list[str]:
    """[(figure, width, height)] → one SVG string each, ready to inline in HTML."""
    if not figures:
        return []
    import kaleido

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    svgs = []
    with _session_lock:
        # The page's own plotly-basic and no MathJax: kaleido's default would fetch MathJax
        # from a CDN, and no PDF may make the server call another host. The proxy that
        # leads nowhere is the second lock: whatever the browser tries, it reaches no host.
        kaleido.start_sync_server(
            plotlyjs=plotly_js(),
            mathjax=False,
            proxy_server=NO_NETWORK_PROXY,
            silence_warnings=True,
        )
        try:
            for done, (figure, width, height) in enumerate(figures, 1):
                raw = kaleido.calc_fig_sync(
                    pdf_figure(figure),
                    opts={"format": "svg", "width": width, "height": height},
                )
                svgs.append(scalable_svg(_text(raw), width, height))
                if on_figure is not None:
                    on_figure(done, len(figures))
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    return svgs


def plotly_js() -> str:
    """The plotly.js bundle the dashboards draw with (bar and scatter are all we need)."""
    path = finders.find(PLOTLY_JS)
    if not path:
        raise FileNotFoundError(PLOTLY_JS)
    return str(Path(path).resolve())


def pdf_figure(figure: dict[str, Any]) -> dict[str, Any]:
    """The figure for print: the PDF's font, no interactivity left to show."""
    printed = copy.deepcopy(figure)
    layout = printed.setdefault("layout", {})
    layout["font"] = {**layout.get("font", {}), "family": PDF_FONT}
    # A bar label outside a full bar ("100 %") needs room: a PNG-less SVG ends at its border.
    margin = layout.setdefault("margin", {})
    margin["r"] = max(int(margin.get("r", 0)), 56)
    for trace in printed.get("data", []):
        if "textfont" in trace:
            trace["textfont"] = {**trace["textfont"], "family": PDF_FONT}
    return printed


def scalable_svg(svg: str, width: int, height: int) -> str:
    """Drop the fixed size for a viewBox, so the SVG fills its column at any width."""
    svg = svg.strip()
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :].lstrip()
    for _ in range(2):
        svg = _SIZE_ATTRIBUTES.sub(r"\1", svg, count=1)
    if "viewBox=" not in svg[: svg.index(">")]:
        svg = svg.replace("<svg", f'<svg viewBox="0 0 {width} {height}"', 1)
    return svg


def _text(raw: Any) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes | bytearray) else str(raw)
