"""Figures of the gap views: pure functions from computed coverage to a Chart, no queries.

static/js/charts.js draws with plotly-basic (scatter, bar, pie): the heat map is a grid of
square scatter markers, and the map fills each area's outline as a scatter shape, so no
tile server or other third party is ever asked for anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from django.utils import formats
from django.utils.translation import gettext

from mitwirkung.charts import Chart, base_layout
from offerings.gaps import AreaCoverage, GroupCoverage, LanguageCoverage, MapArea, MapPlace

COUNT_SCALE = [[0, "#f1f5fb"], [0.35, "#9ec1e8"], [1, "#123a6b"]]
POVERTY_SCALE = [[0, "#fff5eb"], [0.5, "#fd8d3c"], [1, "#7f2704"]]
GAP_OUTLINE = "#b02a37"
PLACE_COLOUR = "#123a6b"
BAR_COLOUR = "#123a6b"
# Fixed classes for child poverty on the map, so the same colour means the same share on
# every district's map and in every year: (from, below, colour).
POVERTY_CLASSES: list[tuple[float, float | None, str]] = [
    (0, 10, "#fee6ce"),
    (10, 20, "#fdae6b"),
    (20, 30, "#f16913"),
    (30, 40, "#c2410c"),
    (40, None, "#7f2704"),
]
NO_VALUE_COLOUR = "#dee2e6"
# One degree of latitude is about 1.64 times as long as one of longitude at Berlin (52.5° N).
BERLIN_ASPECT = 1.64
CELL = 34  # pixels per heat-map cell: readable numbers, and a tap target on phones
LABEL_CHARACTERS = 28


def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{formats.number_format(round(value, 1), decimal_pos=1)} %"


def _short(text: str, length: int = LABEL_CHARACTERS) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def poverty_colour(value: float | None) -> str:
    if value is None:
        return NO_VALUE_COLOUR
    for start, below, colour in POVERTY_CLASSES:
        if value >= start and (below is None or value < below):
            return colour
    return POVERTY_CLASSES[0][2]


def poverty_legend() -> list[tuple[str, str]]:
    """(colour, label) for each class of the map, for a small legend table."""
    legend = []
    for start, below, colour in POVERTY_CLASSES:
        if below is None:
            label = gettext("%(start)s or more") % {"start": percent(start)}
        else:
            label = gettext("%(start)s to under %(below)s") % {
                "start": percent(start),
                "below": percent(below),
            }
        legend.append((colour, label))
    legend.append((NO_VALUE_COLOUR, gettext("no value")))
    return legend


def heatmap_chart(coverage: AreaCoverage) -> Chart | None:
    """Areas (rows, highest child poverty first) × categories (columns): counted offerings.

    A first column shows the area's child poverty; cells where a high-poverty area has no
    offering of a category are outlined in red.
    """
    if not coverage.rows or not coverage.categories:
        return None
    rows = sorted(
        coverage.rows,
        key=lambda r: (r.poverty is None, -(r.poverty or 0), r.area.code),
    )
    labels = []
    for row in rows:
        label = _short(row.area.name)
        labels.append(f"{label} ({row.area.code})" if label in labels else label)
    everywhere_label = gettext("everywhere / mobile")
    poverty_column = gettext("Child poverty (%)")
    columns = [_short(c.name, 24) for c in coverage.categories]

    xs, ys, counts, texts, outlines, hovers = [], [], [], [], [], []
    cells: list[list[str]] = []  # [area code, category key]: which cell is which, in full
    for row, label in zip(rows, labels, strict=True):
        missing = {c.pk for c in row.missing}
        for category, column in zip(coverage.categories, columns, strict=True):
            n = row.counts.get(category.pk, 0)
            xs.append(column)
            ys.append(label)
            counts.append(n)
            texts.append(str(n))
            outlines.append(GAP_OUTLINE if category.pk in missing else "rgba(0,0,0,0)")
            hovers.append(f"{row.area.name} · {category.name}: {n}")
            cells.append([row.area.code, category.key])
    for category, column in zip(coverage.categories, columns, strict=True):
        n = coverage.everywhere.get(category.pk, 0)
        xs.append(column)
        ys.append(everywhere_label)
        counts.append(n)
        texts.append(str(n))
        outlines.append("rgba(0,0,0,0)")
        hovers.append(f"{everywhere_label} · {category.name}: {n}")
        cells.append(["", category.key])

    top = max(counts) or 1
    count_trace = go.Scatter(
        x=xs,
        y=ys,
        mode="markers+text",
        text=texts,
        textfont={"color": ["#ffffff" if n / top > 0.55 else "#212529" for n in counts]},
        marker={
            "symbol": "square",
            "size": CELL - 4,
            "color": counts,
            "colorscale": COUNT_SCALE,
            "cmin": 0,
            "cmax": top,
            "line": {"color": outlines, "width": 2},
        },
        hovertext=hovers,
        hoverinfo="text",
        customdata=cells,
        name=gettext("Offerings"),
        showlegend=False,
        meta={"role": "counts"},
    )
    shares = [row.poverty for row in rows]
    top_share = max([v for v in shares if v is not None] or [1])
    poverty_trace = go.Scatter(
        x=[poverty_column] * len(rows),
        y=labels,
        mode="markers+text",
        # The column header carries the unit: "28,3" fits a cell, "28,3 %" does not.
        text=[
            formats.number_format(round(v, 1), decimal_pos=1) if v is not None else "–"
            for v in shares
        ],
        textfont={
            "size": 11,
            "color": ["#ffffff" if (v or 0) > 0.6 * top_share else "#212529" for v in shares],
        },
        marker={
            "symbol": "square",
            "size": CELL - 4,
            "color": [v if v is not None else 0 for v in shares],
            "colorscale": POVERTY_SCALE,
            "cmin": 0,
            "cmax": top_share,
        },
        hovertext=[f"{row.area.name}: {percent(row.poverty)}" for row in rows],
        hoverinfo="text",
        name=poverty_column,
        showlegend=False,
        meta={"role": "poverty"},
    )
    row_labels = [*labels, everywhere_label]
    longest = max(len(label) for label in row_labels)
    left = 16 + 6.5 * longest
    top_margin = 8 + 6 * max(len(c) for c in [*columns, poverty_column])
    width = left + (len(columns) + 1) * CELL + 24
    height = top_margin + len(row_labels) * CELL + 16
    figure = go.Figure(
        data=[poverty_trace, count_trace],
        layout=base_layout(
            width=width,
            height=height,
            autosize=False,
            margin={"l": left, "r": 16, "t": top_margin, "b": 8},
            xaxis={
                "side": "top",
                "tickangle": -50,
                "categoryorder": "array",
                "categoryarray": [poverty_column, *columns],
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
                "tickfont": {"size": 12},
            },
            yaxis={
                "categoryorder": "array",
                "categoryarray": row_labels,
                "autorange": "reversed",
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
                "tickfont": {"size": 12},
            },
            showlegend=False,
        ),
    )
    return Chart(
        element_id="gap-heatmap",
        caption=gettext("Offerings per area and category, highest child poverty first"),
        figure=figure,
        table_headers=[
            gettext("Area"),
            poverty_column,
            *[c.name for c in coverage.categories],
        ],
        table_rows=[
            [row.area.name, percent(row.poverty)]
            + [row.counts.get(c.pk, 0) for c in coverage.categories]
            for row in rows
        ]
        + [
            [everywhere_label, "–"]
            + [coverage.everywhere.get(c.pk, 0) for c in coverage.categories]
        ],
    )


def _outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The outer ring of each polygon; holes are left out (the shading marks whole areas)."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return coordinates[:1]
    if kind == "MultiPolygon":
        return [polygon[0] for polygon in coordinates if polygon]
    return []


def map_chart(areas: Sequence[MapArea], places: Sequence[MapPlace]) -> Chart | None:
    """Areas shaded by child poverty, with the places of the offerings as dots."""
    traces: list[go.Scatter] = []
    for area in areas:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in _outer_rings(area.geometry):
            if xs:
                xs.append(None)
                ys.append(None)
            xs.extend(point[0] for point in ring)
            ys.extend(point[1] for point in ring)
        if not xs:
            continue
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=poverty_colour(area.poverty),
                line={"color": "#ffffff", "width": 1},
                hoveron="fills",
                hoverinfo="text",
                text=f"{area.name}: {gettext('child poverty')} {percent(area.poverty)}",
                name=area.name,
                showlegend=False,
                meta={"role": "area", "code": area.code},
            )
        )
    if not traces:
        return None
    stale = gettext("Not confirmed for 12 months")
    if places:
        traces.append(
            go.Scatter(
                x=[p.longitude for p in places],
                y=[p.latitude for p in places],
                mode="markers",
                marker={
                    "size": 9,
                    "color": PLACE_COLOUR,
                    "line": {"color": "#ffffff", "width": 1.5},
                },
                hovertext=[
                    f"{p.offering} ({p.category})<br>{p.place}"
                    + (f"<br><i>{stale}</i>" if p.is_stale else "")
                    for p in places
                ],
                hoverinfo="text",
                name=gettext("Places of offerings"),
                showlegend=True,
                meta={"role": "places"},
            )
        )
    hidden = {"visible": False, "fixedrange": False}
    figure = go.Figure(
        data=traces,
        layout=base_layout(
            height=520,
            margin={"l": 8, "r": 8, "t": 8, "b": 8},
            xaxis=hidden,
            yaxis={**hidden, "scaleanchor": "x", "scaleratio": BERLIN_ASPECT},
            legend={"orientation": "h", "y": 0, "x": 0, "bgcolor": "rgba(255,255,255,0.8)"},
            hovermode="closest",
        ),
    )
    return Chart(
        element_id="gap-map",
        caption=gettext("Areas by child poverty, with the places of the offerings"),
        figure=figure,
        table_headers=[gettext("Area"), gettext("Child poverty")],
        table_rows=[[area.name, percent(area.poverty)] for area in areas],
    )


def _bar_chart(
    element_id: str, caption: str, labels: list[str], values: list[float], value_header: str
) -> Chart:
    figure = go.Figure(
        data=[
            go.Bar(
                x=values,
                y=[_short(label, 36) for label in labels],
                orientation="h",
                marker={"color": BAR_COLOUR},
                hovertext=labels,
                hoverinfo="text+x",
                name=value_header,
            )
        ],
        layout=base_layout(
            height=max(160, 40 + 28 * len(labels)),
            margin={"l": 8, "r": 16, "t": 8, "b": 32},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
            xaxis={"fixedrange": True, "rangemode": "tozero"},
            showlegend=False,
        ),
    )
    return Chart(
        element_id=element_id,
        caption=caption,
        figure=figure,
        table_headers=[gettext("Name"), value_header],
        table_rows=[[label, value] for label, value in zip(labels, values, strict=True)],
    )


def group_chart(element_id: str, caption: str, rows: Sequence[GroupCoverage]) -> Chart | None:
    if not rows:
        return None
    return _bar_chart(
        element_id,
        caption,
        [row.item.name for row in rows],
        [row.count for row in rows],
        gettext("Offerings"),
    )


def language_chart(rows: Sequence[LanguageCoverage]) -> Chart | None:
    if not rows or not rows[0].total:
        return None
    chart = _bar_chart(
        "gap-languages",
        gettext("Share of offerings available in each family language"),
        [row.language.name for row in rows],
        [round(row.share or 0, 1) for row in rows],
        gettext("Share in %"),
    )
    chart.table_rows = [[row.language.name, percent(row.share)] for row in rows]
    return chart
