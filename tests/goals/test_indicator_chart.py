from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from goals.charts import indicator_chart
from goals.models import Indicator, IndicatorValue


def make_indicator(**fields: object) -> Indicator:
    defaults: dict[str, object] = {
        "pk": 7,
        "name": "Anteil der Familien, die das Familienzentrum kennen",
        "unit": Indicator.Unit.PERCENT,
        "baseline_value": 20.0,
        "baseline_on": datetime.date(2024, 1, 1),
        "target_value": 40.0,
        "target_on": datetime.date(2027, 12, 31),
    }
    return Indicator(**{**defaults, **fields})


def values() -> list[IndicatorValue]:
    return [
        IndicatorValue(measured_on=datetime.date(2024, 6, 30), value=22.5),
        IndicatorValue(measured_on=datetime.date(2025, 6, 30), value=28.0),
    ]


def traces_by_role(chart) -> dict[str, dict]:
    return {trace["meta"]["role"]: trace for trace in chart.figure["data"]}


def test_chart_has_values_baseline_target_and_the_target_line():
    traces = traces_by_role(indicator_chart(make_indicator(), values()))

    assert traces["values"]["y"] == [22.5, 28.0]
    assert traces["values"]["mode"] == "lines+markers"
    assert traces["baseline"]["x"] == ["2024-01-01"]
    assert traces["baseline"]["y"] == [20.0]
    assert traces["target"]["x"] == ["2027-12-31"]
    assert traces["target"]["y"] == [40.0]
    assert traces["target_line"]["x"] == ["2024-01-01", "2027-12-31"]
    assert traces["target_line"]["y"] == [20.0, 40.0]
    assert traces["target_line"]["line"]["dash"] == "dash"


def test_chart_without_values_still_shows_baseline_target_and_line():
    traces = traces_by_role(indicator_chart(make_indicator(), []))
    assert set(traces) == {"baseline", "target", "target_line"}


def test_chart_without_target_draws_no_target_line():
    indicator = make_indicator(target_value=None, target_on=None)
    traces = traces_by_role(indicator_chart(indicator, values()))
    assert set(traces) == {"baseline", "values"}


def test_axis_title_names_the_unit_and_numbers_use_german_separators():
    with translation.override("de"):
        chart = indicator_chart(make_indicator(unit=Indicator.Unit.PEOPLE), values())
    layout = chart.figure["layout"]
    assert layout["yaxis"]["title"]["text"] == "Wert in Personen"
    assert layout["separators"] == ",."


def test_table_lists_every_point_in_date_order_with_german_numbers():
    with translation.override("de"):
        chart = indicator_chart(make_indicator(), values())
    assert [row[0] for row in chart.table_rows] == [
        "01.01.2024",
        "30.06.2024",
        "30.06.2025",
        "31.12.2027",
    ]
    assert chart.table_rows[1][1] == "22,5"


@pytest.mark.django_db
def test_chart_function_runs_no_queries(django_assert_num_queries):
    indicator = make_indicator()
    with django_assert_num_queries(0):
        indicator_chart(indicator, values())
