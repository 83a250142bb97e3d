"""The gap figures: what they draw, from the computed coverage, with plotly-basic traces only."""

from __future__ import annotations

import pytest

from districts.models import Area
from offerings import charts, gaps
from offerings.models import OfferingCategory
from tests.offerings.test_gaps import build_example

pytestmark = pytest.mark.django_db

# static/js/charts.js loads plotly-basic: these are the trace types it can draw.
PLOTLY_BASIC = {"scatter", "bar", "pie"}
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[13.3, 52.5], [13.31, 52.5], [13.31, 52.51], [13.3, 52.51], [13.3, 52.5]]],
}
TWO_ISLANDS = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[13.2, 52.5], [13.21, 52.5], [13.21, 52.51], [13.2, 52.5]]],
        [[[13.25, 52.5], [13.26, 52.5], [13.26, 52.51], [13.25, 52.5]]],
    ],
}


@pytest.fixture
def coverage(district_a, district_b) -> gaps.AreaCoverage:
    build_example(district_a, district_b)
    return gaps.area_coverage(district_a, level=Area.Level.PLANUNGSRAUM)


def _trace(chart: charts.Chart, role: str) -> dict:
    (trace,) = [t for t in chart.figure["data"] if t.get("meta", {}).get("role") == role]
    return trace


def _cells(chart: charts.Chart, field: str) -> dict[tuple[str, str], object]:
    """(area code, category key) -> the field's value for that cell; "" is everywhere / mobile."""
    counts = _trace(chart, "counts")
    values = counts["marker"]["line"]["color"] if field == "outline" else counts["marker"]["color"]
    return {tuple(cell): value for cell, value in zip(counts["customdata"], values, strict=True)}


def test_heatmap_colours_each_cell_by_its_count(coverage):
    by_cell = _cells(charts.heatmap_chart(coverage), "count")

    expected = {
        (row.area.code, category.key): row.counts.get(category.pk, 0)
        for row in coverage.rows
        for category in coverage.categories
    }
    assert {key: value for key, value in by_cell.items() if key[0]} == expected
    assert by_cell[("04100101", "familienzentrum")] == 2
    assert by_cell[("", "erziehungsberatung")] == 1
    assert by_cell[("", "familienzentrum")] == 0


def test_heatmap_rows_start_with_the_highest_child_poverty(coverage):
    chart = charts.heatmap_chart(coverage)
    poverty = _trace(chart, "poverty")

    assert poverty["y"] == ["Nordufer", "Südpark", "Mittelkiez"]
    assert poverty["marker"]["color"] == [30.0, 25.0, 10.0]
    assert chart.figure["layout"]["yaxis"]["categoryarray"][:3] == poverty["y"]


def test_heatmap_outlines_the_gaps_of_high_poverty_areas(coverage):
    outlines = _cells(charts.heatmap_chart(coverage), "outline")

    assert {cell for cell, colour in outlines.items() if colour == charts.GAP_OUTLINE} == {
        ("04100101", "stadtteilmuetter"),
        ("04100101", "fruehe-hilfen"),
        ("04100101", "erziehungsberatung"),
    }


def test_heatmap_table_holds_the_same_counts(coverage):
    chart = charts.heatmap_chart(coverage)

    assert chart.table_rows[0][0] == "Nordufer"
    assert chart.table_rows[0][2:] == [2, 0, 0, 0]
    assert chart.table_rows[-1][2:] == [0, 0, 0, 1]


def test_map_has_one_filled_shape_per_area_with_a_shape_and_one_trace_of_places(coverage):
    areas = [
        gaps.MapArea("04100101", "Nordufer", SQUARE, 30.0),
        gaps.MapArea("04100103", "Südpark", TWO_ISLANDS, None),
    ]
    places = [
        gaps.MapPlace(
            "Familienzentrum Nord", "Am Ufer 1", "Familienzentrum", 52.505, 13.305, False
        ),
        gaps.MapPlace("Elterncafé", "Parkweg 2", "Familienzentrum", 52.502, 13.255, True),
    ]
    chart = charts.map_chart(areas, places)
    data = chart.figure["data"]
    fills = [t for t in data if t.get("fill") == "toself"]
    markers = [t for t in data if t.get("mode") == "markers"]

    assert [t["name"] for t in fills] == ["Nordufer", "Südpark"]
    assert fills[0]["fillcolor"] == charts.poverty_colour(30.0)
    assert fills[1]["fillcolor"] == charts.NO_VALUE_COLOUR
    assert None in fills[1]["x"]  # two islands, one trace
    assert len(markers) == 1
    assert markers[0]["x"] == [13.305, 13.255]
    assert markers[0]["y"] == [52.505, 52.502]


def test_map_keeps_berlins_aspect_and_hides_the_axes():
    chart = charts.map_chart([gaps.MapArea("04100101", "Nordufer", SQUARE, 12.0)], [])
    layout = chart.figure["layout"]

    assert layout["yaxis"]["scaleanchor"] == "x"
    assert layout["yaxis"]["scaleratio"] == pytest.approx(1.64)
    assert layout["xaxis"]["visible"] is False
    assert layout["yaxis"]["visible"] is False
    assert "mapbox" not in layout
    assert "geo" not in layout


def test_no_map_without_shapes():
    assert charts.map_chart([], []) is None


def test_every_figure_uses_only_plotly_basic_traces(coverage, district_a):
    figures = [
        charts.heatmap_chart(coverage),
        charts.map_chart([gaps.MapArea("04100101", "Nordufer", SQUARE, 30.0)], []),
        charts.group_chart("tg", "Zielgruppen", gaps.target_group_coverage(district_a)),
        charts.language_chart(gaps.language_coverage(district_a)),
    ]

    types = {trace["type"] for chart in figures for trace in chart.figure["data"]}
    assert types <= PLOTLY_BASIC


def test_poverty_classes_have_fixed_colours():
    assert charts.poverty_colour(5) == charts.poverty_colour(9.9)
    assert charts.poverty_colour(10) != charts.poverty_colour(9.9)
    assert charts.poverty_colour(55) == charts.POVERTY_CLASSES[-1][2]
    assert len(charts.poverty_legend()) == len(charts.POVERTY_CLASSES) + 1


def test_no_heatmap_without_categories(district_a):
    empty = gaps.area_coverage(district_a, level=Area.Level.PLANUNGSRAUM)

    assert charts.heatmap_chart(empty) is None
    assert OfferingCategory.objects.exists()
