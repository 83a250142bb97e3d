"""The report's content from a snapshot's frozen tables: sections, sentences, small cells."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from reports.documents.content import report_context
from tests.factories import ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(district_a):
    survey = SurveyFactory(district=district_a, title="Was erreicht Familien im Kiez?")
    return ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))


def test_the_html_body_shows_every_section_with_numbers_and_small_cells(snapshot):
    context = report_context(snapshot, language="de", chart_mode="js")
    html = render_to_string("reports/documents/_report_body.html", context)

    assert next(s["title"] for s in context["sections"]) == "Das Wichtigste in Kürze"
    for chapter in context["sections"]:
        assert f'id="{chapter["id"]}"' in html
    assert "Familienservicebüro" in html
    assert "weniger als 5" in html
    assert "61,7" in html  # families without benefits who know the Familienservicebüro
    assert "data-plotly-figure" in html  # js mode: the page draws the charts
    assert "<svg" not in html
    assert all(chart.svg == "" for chart in context["charts"])


def test_findings_put_the_widest_gap_between_the_groups_first(snapshot):
    context = report_context(snapshot, language="en", chart_mode="js")

    assert context["findings"][0].text.startswith("Families with benefits know")
    assert "Familienservicebüro" in context["findings"][0].text
    assert context["decisions"]
    assert context["sections"][0]["title"] == "The essentials in brief"
