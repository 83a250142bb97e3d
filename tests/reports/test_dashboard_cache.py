"""Dashboards read a ready snapshot's tables and draw its key charts once per process
(reports.dashboard.report_for, reports/dashboard_views.py): a rebuilt snapshot and another
language are never served from what was kept."""

from __future__ import annotations

import copy
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Membership
from reports.dashboard import REPORTS, report_for
from reports.dashboard_views import KEY_CHARTS
from reports.models import ReportSnapshot
from tests.factories import ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(district_a):
    survey = SurveyFactory(district=district_a, title="Was erreicht Familien im Kiez?")
    snapshot = ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.PENDING)
    snapshot.finish(sample_tables(survey=survey), "fingerprint-1")
    return snapshot


def without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def without_tables(snapshot: ReportSnapshot) -> ReportSnapshot:
    return ReportSnapshot.objects.defer("tables").get(pk=snapshot.pk)


def test_the_tables_are_read_once_and_again_after_a_rebuild(snapshot):
    with CaptureQueriesContext(connection) as queries:
        first = report_for(without_tables(snapshot))
        again = report_for(without_tables(snapshot))
    assert first is again
    assert sum('"tables"' in q["sql"] for q in queries.captured_queries) == 1
    assert first.tables == snapshot.tables
    tables = copy.deepcopy(snapshot.tables)
    tables["meta"]["rebuilt"] = True
    snapshot.finish(tables, "fingerprint-2")  # a failed build retried: new finished_at
    newer = report_for(without_tables(snapshot))
    assert newer is not first
    assert newer.tables["meta"]["rebuilt"] is True


def test_the_dashboard_keeps_its_charts_per_language(client, district_a, member, snapshot):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    url = reverse("reports:dashboard", args=[district_a.slug])
    german = client.get(url)
    assert german.status_code == 200
    assert (len(KEY_CHARTS), len(REPORTS)) == (1, 1)
    assert without_token(client.get(url).text) == without_token(german.text)
    assert len(KEY_CHARTS) == 1
    client.cookies["django_language"] = "en"
    english = client.get(url)
    assert english.status_code == 200
    assert english.content != german.content
    assert len(KEY_CHARTS) == 2


def test_a_kept_report_body_follows_the_readers_rights(client, district_a, member, snapshot):
    url = reverse("reports:survey_dashboard", args=[district_a.slug, snapshot.survey_id])
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    staff_page = client.get(url).text
    assert "Record a finding" in staff_page or "Befund" in staff_page
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    viewer_page = client.get(url).text
    assert reverse("reports:finding_add", args=[district_a.slug]) not in viewer_page
    assert reverse("reports:finding_add", args=[district_a.slug]) in staff_page
    # Another view of the same report is its own piece, not the first one again.
    other = client.get(url, {"stage": "used"}).text
    assert without_token(other) != without_token(viewer_page)


def test_keep_needs_the_values_the_piece_depends_on():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load kept_fragments %}{% keep %}x{% endkeep %}")
