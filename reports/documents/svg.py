"""Dashboard figures as SVG for the PDF, all of one document in one kaleido browser session.

Starting Chromium costs seconds and each figure then a fraction of one, so a report starts
the browser once (in a child process with deadlines, chart_process.py) and passes every
figure through it. The figures are the dashboard's own
(reports/charts.py) with the font swapped for DejaVu Sans, the font WeasyPrint sets the
text in, so labels measure the same in the SVG and on the page.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders

from reports.documents.chart_process import draw_svgs

PLOTLY_JS = "vendor/plotly/plotly-basic.min.js"
PDF_FONT = "DejaVu Sans, sans-serif"
_SIZE_ATTRIBUTES = re.compile(r'^(<svg\b[^>]*?)\s(?:width|height)="[^"]*"', re.S)


def figures_to_svg(
    figures: list[tuple[dict[str, Any], int, int]],
    *,
    on_figure: Callable[[int, int], None] | None = None,
) -> list[str]:
    """[(figure, width, height)] → one SVG string each, ready to inline in HTML.

    Raises ChartsUnavailable (with a reason for the coordinator) when Chromium is missing,
    fails or does not answer in time; it never waits without a bound.
    """
    if not figures:
        return []
    raws = draw_svgs(
        [(pdf_figure(figure), width, height) for figure, width, height in figures],
        plotlyjs=plotly_js(),
        on_figure=on_figure,
    )
    return [
        scalable_svg(raw, width, height)
        for raw, (_, width, height) in zip(raws, figures, strict=True)
    ]


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
