"""Step 4 of the district home page shows the newest ready report's headline numbers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from reports.home_panel import report_panel
from reports.models import ReportSnapshot
from tests.factories import ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


def test_the_panel_shows_the_newest_ready_report(client, district_a, member):
    survey = SurveyFactory(district=district_a, title="Familienumfrage 2026")
    ready = ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.RUNNING)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    html = client.get(reverse("districts:home", args=[district_a.slug])).content.decode()

    assert "Neuester Bericht: Familienumfrage 2026" in html
    assert "Familien, die geantwortet haben: 120" in html
    assert "1 deutliche Lücke bei Familien mit Leistungsbezug" in html
    assert "2 Gebiete mit hoher Kinderarmut und geringer Reichweite" in html
    survey_url = reverse("reports:survey_dashboard", args=[district_a.slug, survey.pk])
    assert f"{survey_url}?snapshot={ready.pk}" in html
    assert reverse("reports:dashboard", args=[district_a.slug]) in html


def test_without_a_ready_report_the_panel_says_so(client, district_a, member):
    ReportSnapshotFactory(survey__district=district_a, status=ReportSnapshot.Status.FAILED)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    html = client.get(reverse("districts:home", args=[district_a.slug])).content.decode()
    assert "Noch kein Bericht." in html


def test_the_panel_needs_one_query(district_a, django_assert_num_queries):
    survey = SurveyFactory(district=district_a)
    ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    # The first view in a process also reads the snapshot's tables (reports.dashboard.REPORTS).
    with django_assert_num_queries(2):
        report_panel(district_a)
    with django_assert_num_queries(1):
        result = report_panel(district_a)
    assert result.step == 4
    assert result.context["report_clear_gaps"] == 1


def test_the_nav_and_the_survey_tabs_link_to_the_dashboards(client, district_a, member):
    survey = SurveyFactory(district=district_a)
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    html = client.get(reverse("surveys:detail", args=[district_a.slug, survey.pk])).content.decode()
    assert reverse("reports:dashboard", args=[district_a.slug]) in html
    assert reverse("reports:survey_dashboard", args=[district_a.slug, survey.pk]) in html
