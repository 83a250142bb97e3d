"""Figures of the goals app: pure functions from model instances to a Chart, no queries."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from django.utils import formats, translation
from django.utils.translation import gettext

from goals.models import Indicator, IndicatorValue
from mitwirkung.charts import Chart, base_layout

VALUE_COLOUR = "#123a6b"
BASELINE_COLOUR = "#5a6268"
TARGET_COLOUR = "#146c43"
TARGET_LINE_COLOUR = "#6c757d"

# Plotly's own month names are English; in German the axis shows numbers only.
GERMAN_DATE_TICKS = [
    {"dtickrange": [None, "M1"], "value": "%d.%m.%Y"},
    {"dtickrange": ["M1", "M12"], "value": "%m.%Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]


def format_number(value: float) -> str:
    """Digits of the active language, decimals only where the value has them: 29,5 and 25.000."""
    return formats.number_format(
        round(value, 2), decimal_pos=None if value % 1 else 0, use_l10n=True, force_grouping=True
    )


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def unit_label(indicator: Indicator) -> str:
    return str(indicator.get_unit_display())


def indicator_chart(indicator: Indicator, values: Sequence[IndicatorValue]) -> Chart:
    """The turn-the-curve chart: measured values, baseline, target and the straight line between.

    `values` are the indicator's values in date order; the function reads only the
    fields of the objects it gets, so a view decides how (and how often) to query.
    """
    unit = unit_label(indicator)
    hover = "%{x|%d.%m.%Y}: %{y} " + unit + "<extra>%{fullData.name}</extra>"
    has_baseline = indicator.baseline_value is not None and indicator.baseline_on is not None
    has_target = indicator.target_value is not None and indicator.target_on is not None
    traces: list[go.Scatter] = []
    points: list[tuple[datetime.date, float, str]] = []

    if has_baseline and has_target:
        traces.append(
            go.Scatter(
                x=[indicator.baseline_on, indicator.target_on],
                y=[indicator.baseline_value, indicator.target_value],
                mode="lines",
                name=gettext("Target line"),
                line={"color": TARGET_LINE_COLOUR, "dash": "dash", "width": 2},
                hoverinfo="skip",
                meta={"role": "target_line"},
            )
        )
    if has_baseline:
        traces.append(
            go.Scatter(
                x=[indicator.baseline_on],
                y=[indicator.baseline_value],
                mode="markers",
                name=gettext("Baseline"),
                marker={"color": BASELINE_COLOUR, "size": 12, "symbol": "square"},
                hovertemplate=hover,
                meta={"role": "baseline"},
            )
        )
        points.append((indicator.baseline_on, indicator.baseline_value, gettext("Baseline")))  # type: ignore[arg-type]
    if has_target:
        traces.append(
            go.Scatter(
                x=[indicator.target_on],
                y=[indicator.target_value],
                mode="markers",
                name=gettext("Target"),
                marker={"color": TARGET_COLOUR, "size": 15, "symbol": "star"},
                hovertemplate=hover,
                meta={"role": "target"},
            )
        )
        points.append((indicator.target_on, indicator.target_value, gettext("Target")))  # type: ignore[arg-type]
    if values:
        traces.append(
            go.Scatter(
                x=[v.measured_on for v in values],
                y=[v.value for v in values],
                mode="lines+markers",
                name=gettext("Measured values"),
                line={"color": VALUE_COLOUR, "width": 3},
                marker={"color": VALUE_COLOUR, "size": 9},
                hovertemplate=hover,
                meta={"role": "values"},
            )
        )
        points.extend((v.measured_on, v.value, gettext("Measured value")) for v in values)

    xaxis: dict[str, Any] = {"title": {"text": gettext("Date")}, "showgrid": False}
    if translation.get_language() == "de":
        xaxis["tickformatstops"] = GERMAN_DATE_TICKS
    yaxis: dict[str, Any] = {
        "title": {"text": gettext("Value in %(unit)s") % {"unit": unit}},
        "gridcolor": "#e9ecef",
        "zerolinecolor": "#adb5bd",
    }
    if indicator.is_percentage:
        yaxis["rangemode"] = "tozero"
    figure = go.Figure(
        data=traces,
        layout=base_layout(xaxis=xaxis, yaxis=yaxis, hovermode="closest", showlegend=True),
    )
    return Chart(
        element_id=f"indicator-chart-{indicator.pk}",
        caption=gettext("%(name)s: values, baseline and target") % {"name": indicator.name},
        figure=figure,
        table_headers=[
            gettext("Date"),
            gettext("Value in %(unit)s") % {"unit": unit},
            gettext("Kind"),
        ],
        table_rows=[
            [_day(day), format_number(value), kind]
            for day, value, kind in sorted(points, key=lambda p: p[0])
        ],
    )
