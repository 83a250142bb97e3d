"""Comparing two snapshots of one survey: known and used before and after, change in points."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from reports.models import ReportSnapshot
from tests.factories import ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import S, sample_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a)


@pytest.fixture
def pair(survey):
    """Before: the sample. After: the Familienservicebüro better known, the Elterncafé too small."""
    before = ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    after_tables = sample_tables(survey=survey)
    service, cafe = after_tables["reach"]["funnel"]["all"]
    service["columns"]["all"]["known"] = {"n": 70, "p": 58.3}
    service["columns"]["all"]["used"] = {"n": 30, "p": 25.0}
    cafe["columns"]["all"]["known"] = S
    after = ReportSnapshotFactory(survey=survey, tables=after_tables)
    return before, after


@pytest.fixture
def viewer(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


def compare_url(survey, **params):
    url = reverse("reports:compare", args=[survey.district.slug, survey.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_compare_view_shows_before_after_and_the_change(viewer, survey, pair):
    before, after = pair
    response = viewer.get(compare_url(survey, before=before.pk, after=after.pk))

    assert response.status_code == 200
    service, cafe = response.context["rows"]
    assert service["name"] == "Familienservicebüro"
    assert (service["known_before_text"], service["known_after_text"]) == (
        "60 (50,0\u00a0%)",
        "70 (58,3\u00a0%)",
    )
    assert service["known_change_text"] == "+8,3"
    assert service["used_change_text"] == "±0,0"
    assert cafe["known_after_text"] == "weniger als 5"
    assert cafe["known_change_text"] == "–"
    chart = response.context["known_chart"]
    assert chart.caption == (
        "Größte Veränderung bei der Bekanntheit: Familienservicebüro stieg von 50\u00a0% auf 58\u00a0% "
        "(+8,3 Prozentpunkte)."
    )
    assert chart.table_rows[0] == [
        "Familienservicebüro",
        "60 (50,0\u00a0%)",
        "70 (58,3\u00a0%)",
        "+8,3",
    ]
    assert [t["x"] for t in chart.figure["data"]] == [[50.0, 33.9], [58.3, None]]
    assert "weniger als 5" in response.content.decode()


def test_without_parameters_the_two_newest_reports_are_compared(viewer, survey, pair):
    before, after = pair
    ReportSnapshot.objects.filter(pk=before.pk).update(
        requested_at=after.requested_at.replace(year=2025)
    )
    response = viewer.get(compare_url(survey))
    assert (response.context["before"], response.context["after"]) == (before, after)


def test_a_snapshot_of_another_survey_or_district_is_not_found(
    viewer, survey, pair, district_a, district_b
):
    before, _ = pair
    other = ReportSnapshotFactory(survey=SurveyFactory(district=district_a))
    foreign = ReportSnapshotFactory(survey=SurveyFactory(district=district_b))
    assert viewer.get(compare_url(survey, before=before.pk, after=other.pk)).status_code == 404
    assert viewer.get(compare_url(survey, before=foreign.pk, after=before.pk)).status_code == 404


def test_a_snapshot_that_is_not_ready_cannot_be_compared(viewer, survey, pair):
    before, _ = pair
    running = ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.RUNNING)
    assert viewer.get(compare_url(survey, before=before.pk, after=running.pk)).status_code == 404


def test_an_outsider_gets_404_and_a_visitor_the_login(client, survey, pair, district_b, member):
    before, after = pair
    url = compare_url(survey, before=before.pk, after=after.pk)
    assert client.get(url).status_code == 302
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(url).status_code == 404


def test_with_one_report_the_page_says_two_are_needed(viewer, survey):
    ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    response = viewer.get(compare_url(survey))
    assert "zwei fertige Berichte" in response.content.decode()
