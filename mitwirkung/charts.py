"""What a page needs to show a Plotly figure under a strict Content-Security-Policy."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
from django.utils import translation

# Figures are drawn by static/js/charts.js from plotly-basic (line, bar, pie, scatter);
# keep to those trace types or swap the bundle.
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def base_layout(**overrides: Any) -> dict[str, Any]:
    """Layout defaults: German number format in German, no Plotly logo, readable font."""
    separators = ",." if translation.get_language() == "de" else ".,"
    layout: dict[str, Any] = {
        "separators": separators,
        "font": {"family": FONT, "size": 14, "color": "#212529"},
        "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.2},
        "height": 360,
    }
    layout.update(overrides)
    return layout


@dataclass
class Chart:
    """A figure plus the same numbers as a table; rendered by templates/includes/chart.html."""

    element_id: str
    caption: str
    figure: go.Figure
    table_headers: list[str] = field(default_factory=list)
    table_rows: list[list[Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # json_script needs plain data; Plotly's own encoder handles numpy and dates.
        self.figure = json.loads(self.figure.to_json())  # type: ignore[assignment]
