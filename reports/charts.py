"""Figures of the dashboards: pure functions from a snapshot's table data to a Chart, no queries.

static/js/charts.js draws with plotly-basic (bar, scatter, line, pie), so every figure here
keeps to those traces. The reach-by-area heat map is not a figure at all: it is an HTML
table with coloured cells (templates/reports/_heat_map.html), which reads at 390 px, needs
no JavaScript and is its own accessible table. Suppressed numbers never become bars of 0:
they are left out of the figure and named in the table ("fewer than 5", "hidden").
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext

from goals.charts import (
    BASELINE_COLOUR,
    GERMAN_DATE_TICKS,
    TARGET_COLOUR,
    TARGET_LINE_COLOUR,
    VALUE_COLOUR,
    format_number,
)
from goals.models import Indicator
from mitwirkung.charts import Chart, base_layout
from reports import captions
from reports.dashboard import STAGES, CellView, FunnelView, percent_text, stage_labels

WITH_COLOUR = "#c2410c"  # families with benefits: the group the strategy is about
WITHOUT_COLOUR = "#123a6b"
BEFORE_COLOUR = "#8fa9c9"
AFTER_COLOUR = "#123a6b"
BAR_COLOUR = "#123a6b"
LABEL_CHARACTERS = 24  # bar labels; longer ones squeeze the bars on a phone


class Figure(dict):  # type: ignore[type-arg]
    """A Plotly figure as plain data, with the to_json() that mitwirkung.charts.Chart calls.

    plotly.graph_objects validates every property on assignment and adds its whole default
    template to the JSON: about 10 ms and 8 kB per figure, which a dashboard with twenty
    charts cannot afford under 200 ms. The traces here are few and fixed, so plain dicts do.
    """

    def __init__(self, *, data: list[dict[str, Any]], layout: dict[str, Any]) -> None:
        super().__init__(data=data, layout=layout)

    def to_json(self) -> str:
        return json.dumps(self)


def _bar(**properties: Any) -> dict[str, Any]:
    return {"type": "bar", **properties}


def _scatter(**properties: Any) -> dict[str, Any]:
    return {"type": "scatter", **properties}


def _short(text: str, length: int = LABEL_CHARACTERS) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _bar_text(cell: CellView) -> str:
    return percent_text(cell.p, 0) if cell.p is not None else ""


def _two_lines(text: str) -> str:
    """Break a label at its last space: "finden es<br>hilfreich"."""
    head, _, tail = text.rpartition(" ")
    return f"{head}<br>{tail}" if head else text


def _short_label(cell: CellView) -> str:
    """ "< 5" or "hidden": short enough to stand in place of a bar on a phone."""
    return f"< {cell.min_size}" if cell.is_small else cell.count_text


def _percent_axis(title: str) -> dict[str, Any]:
    return {
        "title": {"text": title},
        "range": [0, 100],
        "ticksuffix": " %",
        "fixedrange": True,
        "gridcolor": "#e9ecef",
    }


def funnel_chart(funnel: FunnelView, element_id: str) -> Chart:
    """One offering: know → use → find helpful, families with and without benefits side by side."""
    labels = stage_labels()
    # Two short lines per label stay horizontal on a phone; rotated labels were cut off.
    stages = [_two_lines(labels[s]) for s in STAGES]
    traces = []
    split = "with_benefits" in funnel.cells or "without_benefits" in funnel.cells
    # A view other than all families has no split by benefits: its own bars then.
    bars = (
        (
            ("with_benefits", gettext("With benefits"), WITH_COLOUR),
            ("without_benefits", gettext("Without benefits"), WITHOUT_COLOUR),
        )
        if split
        else (("all", gettext("All families"), BAR_COLOUR),)
    )
    for column, name, colour in bars:
        if column not in funnel.cells:
            continue
        cells = [funnel.cell(column, s) for s in STAGES]
        traces.append(
            _bar(
                x=stages,
                y=[c.p for c in cells],
                name=name,
                marker={"color": colour},
                text=[_bar_text(c) for c in cells],
                textposition="outside",
                cliponaxis=False,
                hovertext=[f"{name}: {c.text}" for c in cells],
                hoverinfo="text",
                offsetgroup=column,
                meta={"column": column},
            )
        )
        suppressed = [(stage, c) for stage, c in zip(stages, cells, strict=True) if c.suppressed]
        if suppressed:
            # No bar for a suppressed share (a bar of 0 would be a number); a grey label
            # where the bar would stand says why.
            traces.append(
                _scatter(
                    x=[stage for stage, _ in suppressed],
                    y=[4] * len(suppressed),
                    mode="text",
                    text=[_short_label(c) for _, c in suppressed],
                    textfont={"size": 9, "color": "#6c757d"},
                    hovertext=[f"{name}: {c.text}" for _, c in suppressed],
                    hoverinfo="text",
                    offsetgroup=column,
                    showlegend=False,
                    meta={"role": "suppressed", "column": column},
                )
            )
    figure = Figure(
        data=traces,
        layout=base_layout(
            barmode="group",
            scattermode="group",
            height=320,
            margin={"l": 48, "r": 8, "t": 24, "b": 56},
            yaxis={**_percent_axis(""), "title": None},
            xaxis={"fixedrange": True, "tickangle": 0},
            legend={"orientation": "h", "y": -0.22},
        ),
    )
    columns = [c for c in ("all", "with_benefits", "without_benefits") if c in funnel.cells]
    headers = {
        "all": gettext("All families"),
        "with_benefits": gettext("With benefits"),
        "without_benefits": gettext("Without benefits"),
    }
    rows: list[list[Any]] = [[gettext("Answered")] + [funnel.cell(c, "base").text for c in columns]]
    rows += [[labels[s]] + [funnel.cell(c, s).text for c in columns] for s in STAGES]
    return Chart(
        element_id=element_id,
        caption=captions.funnel_caption(funnel),
        figure=figure,  # type: ignore[arg-type]
        table_headers=[gettext("Stage"), *[headers[c] for c in columns]],
        table_rows=rows,
    )


def _grouped_bars(
    labels: list[str],
    series: list[tuple[str, str, list[CellView | float | None]]],
    *,
    axis_title: str,
) -> Figure:
    """Horizontal grouped bars, one group per label; values are percentages."""
    traces = []
    for name, colour, values in series:
        numbers = [v.p if isinstance(v, CellView) else v for v in values]
        traces.append(
            _bar(
                y=[_short(label) for label in labels],
                x=numbers,
                orientation="h",
                name=name,
                marker={"color": colour},
                text=[percent_text(n, 0) if n is not None else "" for n in numbers],
                textposition="outside",
                cliponaxis=False,
                hovertext=[f"{label} · {name}" for label in labels],
                hoverinfo="text+x",
                offsetgroup=name,
            )
        )
        suppressed = [
            (_short(label), v)
            for label, v in zip(labels, values, strict=True)
            if isinstance(v, CellView) and v.suppressed
        ]
        if suppressed:
            traces.append(
                _scatter(
                    y=[label for label, _ in suppressed],
                    x=[1] * len(suppressed),
                    mode="text",
                    text=[_short_label(c) for _, c in suppressed],
                    textposition="middle right",
                    textfont={"size": 9, "color": "#6c757d"},
                    hovertext=[f"{name}: {c.text}" for _, c in suppressed],
                    hoverinfo="text",
                    offsetgroup=name,
                    showlegend=False,
                    meta={"role": "suppressed"},
                )
            )
    return Figure(
        data=traces,
        layout=base_layout(
            barmode="group",
            scattermode="group",
            height=max(200, 90 + 26 * len(series) * len(labels)),
            margin={"l": 8, "r": 40, "t": 8, "b": 40},
            # The caption names the measure; an axis title here collided with the legend.
            xaxis={**_percent_axis(axis_title), "title": None},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
            legend={"orientation": "h", "y": -0.25 if len(labels) < 4 else -0.12},
        ),
    )


def overview_chart(funnels: list[FunnelView], stage: str, element_id: str) -> Chart | None:
    """Every offering: the share who know (use) it, with and without benefits."""
    funnels = [f for f in funnels if "with_benefits" in f.cells and "without_benefits" in f.cells]
    if not funnels:
        return None
    labels = [f.offering.name for f in funnels]
    with_cells = [f.cell("with_benefits", stage) for f in funnels]
    without_cells = [f.cell("without_benefits", stage) for f in funnels]
    axis = gettext("Share who know it") if stage == "known" else gettext("Share who use it")
    figure = _grouped_bars(
        labels,
        [
            (gettext("With benefits"), WITH_COLOUR, list(with_cells)),
            (gettext("Without benefits"), WITHOUT_COLOUR, list(without_cells)),
        ],
        axis_title=axis,
    )
    return Chart(
        element_id=element_id,
        caption=captions.overview_caption(funnels, stage),
        figure=figure,  # type: ignore[arg-type]
        table_headers=[gettext("Offering"), gettext("With benefits"), gettext("Without benefits")],
        table_rows=[
            [label, w.text, wo.text]
            for label, w, wo in zip(labels, with_cells, without_cells, strict=True)
        ],
    )


def _count_bars(labels: list[str], counts: list[int], value_title: str) -> Figure:
    return Figure(
        data=[
            _bar(
                x=counts,
                y=[_short(label) for label in labels],
                orientation="h",
                marker={"color": BAR_COLOUR},
                text=[str(n) for n in counts],
                textposition="outside",
                cliponaxis=False,
                hovertext=labels,
                hoverinfo="text+x",
                name=value_title,
            )
        ],
        layout=base_layout(
            height=max(140, 40 + 28 * len(labels)),
            margin={"l": 8, "r": 36, "t": 8, "b": 28},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
            xaxis={"fixedrange": True, "rangemode": "tozero", "gridcolor": "#e9ecef"},
            showlegend=False,
        ),
    )


def barrier_chart(table: dict[str, Any] | None, element_id: str) -> Chart | None:
    """The barrier ranking: families naming each barrier; suppressed ones only in the table."""
    if not table or not table["rows"]:
        return None
    shown = [row for row in table["rows"] if row["all"].n is not None]
    figure = _count_bars(
        [row["label"] for row in shown], [row["all"].n for row in shown], gettext("Families")
    )
    headers = {
        "all": gettext("All families"),
        "with_benefits": gettext("With benefits"),
        "without_benefits": gettext("Without benefits"),
    }
    # Only the view of all families has the split by benefits.
    columns = ["all"] + [c for c in ("with_benefits", "without_benefits") if table.get(c)]
    return Chart(
        element_id=element_id,
        caption=captions.barrier_caption(table["rows"]),
        figure=figure,  # type: ignore[arg-type]
        table_headers=[gettext("Barrier"), *[headers[c] for c in columns]],
        table_rows=[[row["label"], *[row[c].text for c in columns]] for row in table["rows"]],
    )


def missing_chart(missing: dict[str, Any], element_id: str) -> Chart | None:
    """What families miss: counts of the choice list (labels of options, never free text)."""
    if not missing["rows"]:
        return None
    shown = [row for row in missing["rows"] if row["count"].n is not None]
    figure = _count_bars(
        [row["label"] for row in shown], [row["count"].n for row in shown], gettext("Families")
    )
    return Chart(
        element_id=element_id,
        caption=captions.missing_caption(missing["rows"]),
        figure=figure,  # type: ignore[arg-type]
        table_headers=[gettext("What is missing"), gettext("Families")],
        table_rows=[[row["label"], row["count"].text] for row in missing["rows"]],
    )


def respondents_chart(areas: list[dict[str, Any]], element_id: str) -> Chart | None:
    """Answers per 1,000 children of each area: where the survey heard families, and where not."""
    if not areas:
        return None
    shown = [a for a in areas if a["per_1000"] is not None]
    figure = Figure(
        data=[
            _bar(
                x=[a["per_1000"] for a in shown],
                y=[_short(a["name"]) for a in shown],
                orientation="h",
                marker={"color": BAR_COLOUR},
                text=[a["per_1000_text"] for a in shown],
                textposition="outside",
                cliponaxis=False,
                hovertext=[a["name"] for a in shown],
                hoverinfo="text+x",
            )
        ],
        layout=base_layout(
            height=max(140, 40 + 28 * len(shown)),
            margin={"l": 8, "r": 36, "t": 8, "b": 28},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
            xaxis={"fixedrange": True, "rangemode": "tozero", "gridcolor": "#e9ecef"},
            showlegend=False,
        ),
    )
    return Chart(
        element_id=element_id,
        caption=captions.respondents_caption(areas),
        figure=figure,  # type: ignore[arg-type]
        table_headers=[
            gettext("Area"),
            gettext("Answers"),
            gettext("Children under 18"),
            gettext("Answers per 1,000 children"),
            gettext("Child poverty"),
        ],
        table_rows=[
            [
                a["name"],
                a["respondents"].text,
                a["children"],
                a["per_1000_text"],
                a["child_poverty"],
            ]
            for a in areas
        ],
    )


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def indicator_chart(series: dict[str, Any]) -> Chart:
    """The goals app's turn-the-curve chart (goals/charts.py), drawn from the frozen series.

    Same traces, colours and table as on the indicator's page, built as plain data from the
    snapshot instead of from the live values.
    """
    unit_value = series.get("unit") or Indicator.Unit.COUNT
    unit = str(Indicator.Unit(unit_value).label) if unit_value in Indicator.Unit.values else ""
    hover = "%{x|%d.%m.%Y}: %{y} " + unit + "<extra>%{fullData.name}</extra>"
    baseline_on, target_on = _date(series.get("baseline_on")), _date(series.get("target_on"))
    baseline, target = series.get("baseline_value"), series.get("target_value")
    has_baseline = baseline is not None and baseline_on is not None
    has_target = target is not None and target_on is not None
    values = [
        (day, float(v)) for day, v in ((_date(d), v) for d, v in series.get("values") or []) if day
    ]
    traces: list[dict[str, Any]] = []
    points: list[tuple[datetime.date, float, str]] = []
    if has_baseline and has_target:
        traces.append(
            _scatter(
                x=[baseline_on.isoformat(), target_on.isoformat()],  # type: ignore[union-attr]
                y=[baseline, target],
                mode="lines",
                name=gettext("Target line"),
                line={"color": TARGET_LINE_COLOUR, "dash": "dash", "width": 2},
                hoverinfo="skip",
                meta={"role": "target_line"},
            )
        )
    if has_baseline:
        traces.append(
            _scatter(
                x=[baseline_on.isoformat()],  # type: ignore[union-attr]
                y=[baseline],
                mode="markers",
                name=gettext("Baseline"),
                marker={"color": BASELINE_COLOUR, "size": 12, "symbol": "square"},
                hovertemplate=hover,
                meta={"role": "baseline"},
            )
        )
        points.append((baseline_on, float(baseline), gettext("Baseline")))  # type: ignore[arg-type]
    if has_target:
        traces.append(
            _scatter(
                x=[target_on.isoformat()],  # type: ignore[union-attr]
                y=[target],
                mode="markers",
                name=gettext("Target"),
                marker={"color": TARGET_COLOUR, "size": 15, "symbol": "star"},
                hovertemplate=hover,
                meta={"role": "target"},
            )
        )
        points.append((target_on, float(target), gettext("Target")))  # type: ignore[arg-type]
    if values:
        traces.append(
            _scatter(
                x=[day.isoformat() for day, _ in values],
                y=[v for _, v in values],
                mode="lines+markers",
                name=gettext("Measured values"),
                line={"color": VALUE_COLOUR, "width": 3},
                marker={"color": VALUE_COLOUR, "size": 9},
                hovertemplate=hover,
                meta={"role": "values"},
            )
        )
        points.extend((day, v, gettext("Measured value")) for day, v in values)
    # No axis title ("Date" is plain to see) and few ticks: on a phone both collided with the
    # legend and with each other.
    xaxis: dict[str, Any] = {"showgrid": False, "type": "date", "nticks": 5}
    if translation.get_language() == "de":
        xaxis["tickformatstops"] = GERMAN_DATE_TICKS
    yaxis: dict[str, Any] = {
        "title": {"text": gettext("Value in %(unit)s") % {"unit": unit}},
        "gridcolor": "#e9ecef",
        "zerolinecolor": "#adb5bd",
    }
    if unit_value == Indicator.Unit.PERCENT:
        yaxis["rangemode"] = "tozero"
    figure = Figure(
        data=traces,
        layout=base_layout(xaxis=xaxis, yaxis=yaxis, hovermode="closest", showlegend=True),
    )
    caption_unit = "" if unit_value == Indicator.Unit.COUNT else unit
    return Chart(
        element_id=f"report-indicator-{series['id']}",
        caption=captions.indicator_caption(series, caption_unit),
        figure=figure,  # type: ignore[arg-type]
        table_headers=[
            gettext("Date"),
            gettext("Value in %(unit)s") % {"unit": unit},
            gettext("Kind"),
        ],
        table_rows=[
            [formats.date_format(day, "SHORT_DATE_FORMAT"), format_number(value), kind]
            for day, value, kind in sorted(points, key=lambda p: p[0])
        ],
    )


def compare_chart(rows: list[dict[str, Any]], stage: str, element_id: str) -> Chart | None:
    """Before and after per offering, for one stage, with the change in points."""
    if not rows:
        return None
    labels = [row["name"] for row in rows]
    axis = gettext("Share who know it") if stage == "known" else gettext("Share who use it")
    figure = _grouped_bars(
        labels,
        [
            (gettext("Before"), BEFORE_COLOUR, [row[f"{stage}_before"] for row in rows]),
            (gettext("After"), AFTER_COLOUR, [row[f"{stage}_after"] for row in rows]),
        ],
        axis_title=axis,
    )
    return Chart(
        element_id=element_id,
        caption=captions.compare_caption(rows, stage),
        figure=figure,  # type: ignore[arg-type]
        table_headers=[
            gettext("Offering"),
            gettext("Before"),
            gettext("After"),
            gettext("Change in points"),
        ],
        table_rows=[
            [
                row["name"],
                row[f"{stage}_before_text"],
                row[f"{stage}_after_text"],
                row[f"{stage}_change_text"],
            ]
            for row in rows
        ],
    )
