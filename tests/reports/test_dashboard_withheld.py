"""What the pages say where the linked protection did not publish a view or one of its tables."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from reports.charts import barrier_chart, funnel_chart
from reports.dashboard import Report
from tests.factories import ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import OFFERING_A, c, sample_tables, stage
from tests.reports.test_dashboard_views import page_text, survey_url

pytestmark = pytest.mark.django_db


def withheld(tables: dict, key: str, label: str, table: str, reason: str) -> None:
    tables["withheld"].append(
        {
            "key": key,
            "kind": key.split(":")[0],
            "label": {"de": label, "en": label},
            "table": table,
            "reason": reason,
        }
    )
    part = tables["reach"]["funnel"] if table == "reach" else tables["barriers"]["by_filter"]
    part.pop(key, None)


@pytest.fixture
def snapshot(district_a):
    survey = SurveyFactory(district=district_a, title="Was erreicht Familien im Kiez?")
    tables = sample_tables(survey=survey)
    # Halensee: its reach is withheld; Arabic: nothing of it is published (not in the list).
    withheld(tables, "area:041002", "Halensee", "reach", "mostly_hidden")
    withheld(tables, "language:ar", "Arabisch", "reach", "small")
    withheld(tables, "language:ar", "Arabisch", "barriers", "small")
    tables["filters"] = [f for f in tables["filters"] if f["key"] != "language:ar"]
    return ReportSnapshotFactory(survey=survey, tables=tables)


@pytest.fixture
def viewer_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


def test_the_dashboard_lists_the_views_it_does_not_publish_with_the_reason(viewer_client, snapshot):
    text = page_text(viewer_client.get(survey_url(snapshot.survey)))
    assert "2 Ansichten werden zum Schutz kleiner Gruppen nicht veröffentlicht" in text
    assert "Halensee (Erreichung): Die meisten ihrer Zahlen müssten verborgen werden." in text
    assert "Arabisch (alles): Darin haben weniger als 5 Familien geantwortet." in text


def test_a_view_whose_reach_is_withheld_says_so_instead_of_charts(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey, filter="area:041002"))
    assert response.context["funnel_charts"] == []
    text = page_text(response)
    assert (
        "Die Erreichung wird für diese Ansicht nicht veröffentlicht: "
        "Die meisten ihrer Zahlen müssten verborgen werden."
    ) in text
    # Its barriers are still there.
    assert response.context["barriers_withheld"] == ""


def test_an_address_of_a_withheld_view_explains_and_shows_all_families(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey, filter="language:ar"))
    assert response.status_code == 200
    assert response.context["filter_key"] == "all"
    text = page_text(response)
    assert "Die Ansicht „Arabisch“ wird in diesem Bericht nicht veröffentlicht:" in text
    assert "Darin haben weniger als 5 Familien geantwortet." in text


def test_the_heat_map_row_of_a_withheld_area_says_why(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey))
    rows = {row.code: row for row in response.context["heat_rows"]}
    assert rows["041002"].withheld == "Die meisten ihrer Zahlen müssten verborgen werden."
    assert rows["041001"].withheld == ""
    assert "Nicht veröffentlicht: Die meisten ihrer Zahlen müssten verborgen werden." in page_text(
        response
    )


def test_the_public_report_names_what_it_does_not_publish(client, snapshot, coordinator_a):
    snapshot.publish(by=coordinator_a.user)
    url = reverse(
        "transparency:report",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk},
    )
    text = page_text(client.get(url))
    assert "In diesem Bericht nicht veröffentlicht:" in text
    assert "Halensee (Erreichung)" in text


def test_a_view_without_the_split_by_benefits_draws_its_own_bars():
    tables = sample_tables()
    tables["reach"]["funnel"]["area:041001"] = [
        {
            "offering": OFFERING_A,
            "columns": {"all": stage(c(40), c(24, 60.0), c(12, 30.0), {"s": "hidden"})},
        }
    ]
    [funnel] = [f for f in Report(tables).funnels("area:041001") if f.offering.id == OFFERING_A]
    chart = funnel_chart(funnel, "f")
    bars = [t for t in chart.figure["data"] if t["type"] == "bar"]
    assert [b["meta"]["column"] for b in bars] == ["all"]
    assert bars[0]["y"] == [60.0, 30.0, None]
    assert chart.table_headers == ["Stufe", "Alle Familien"]
    assert chart.caption.replace("\u00a0", " ") == (
        "60 % der gezeigten Familien kennen Familienservicebüro. "
        "30 % der gezeigten Familien nutzen es."
    )


def test_a_barrier_table_without_the_split_has_one_column():
    tables = sample_tables()
    tables["barriers"]["by_filter"]["area:041001"] = {
        "base": c(20),
        "rows": [{"code": "barrier_7", "all": c(9)}, {"code": "barrier_6", "all": {"s": "hidden"}}],
    }
    chart = barrier_chart(Report(tables).barrier_table("area:041001"), "b")
    assert chart.table_headers == ["Hürde", "Alle Familien"]
    assert [row[1] for row in chart.table_rows] == ["9", "verborgen"]
