"""Step 5 of the district home page: findings waiting for a decision, decisions due, overdue
and carried out, counted in the database and linked to the lists."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from districts.home_panels import home_panels
from districts.models import Membership
from reports.home_panel import adaptation_counts, adaptation_panel
from reports.models import Decision, Finding
from tests.factories import DecisionFactory, FindingFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
DAY = datetime.timedelta(days=1)


def _step_five_data(district) -> None:
    FindingFactory.create_batch(2, district=district)
    decided = FindingFactory(district=district, status=Finding.Status.DECIDED)
    DecisionFactory(district=district, due_on=TODAY - 2 * DAY).findings.add(decided)  # overdue
    DecisionFactory(district=district, due_on=TODAY + 5 * DAY)  # due soon
    DecisionFactory(district=district, due_on=TODAY + 40 * DAY)  # open, not due yet
    DecisionFactory.create_batch(
        3, district=district, status=Decision.Status.DONE, done_on=TODAY - 10 * DAY
    )


def test_the_counts_are_those_of_the_querysets(district_a):
    _step_five_data(district_a)
    decisions = Decision.objects.for_district(district_a)

    counts = adaptation_counts(district_a, TODAY)

    assert counts == {
        "findings": 3,
        "waiting": Finding.objects.for_district(district_a).waiting().count(),
        "decisions": 6,
        "open": decisions.open().count(),
        "due": decisions.due_soon(TODAY).count(),
        "overdue": decisions.overdue(TODAY).count(),
        "done": decisions.done().count(),
    }
    assert (counts["waiting"], counts["open"], counts["due"], counts["overdue"]) == (2, 3, 1, 1)
    assert counts["done"] == 3


def test_another_districts_findings_and_decisions_are_not_counted(district_a, district_b):
    _step_five_data(district_b)
    assert set(adaptation_counts(district_a, TODAY).values()) == {0}


def test_the_panel_needs_two_queries(district_a, django_assert_num_queries):
    _step_five_data(district_a)
    with django_assert_num_queries(2):
        result = adaptation_panel(district_a, TODAY)
    assert result.step == 5
    assert result.template == "reports/_home_adaptation.html"


def test_the_reports_app_gives_the_home_page_a_panel_for_step_4_and_one_for_step_5(district_a):
    panels = home_panels(district_a)
    assert [p.template for p in panels[4]][-1] == "reports/_home_reports.html"
    assert [p.template for p in panels[5]] == ["reports/_home_adaptation.html"]


def test_the_badges_link_to_the_filtered_lists(district_a):
    _step_five_data(district_a)
    result = adaptation_panel(district_a, TODAY)
    with translation.override("en"):
        html = render_to_string(result.template, {"district": district_a, **result.context})

    findings = reverse("reports:findings", args=[district_a.slug])
    decisions = reverse("reports:decisions", args=[district_a.slug])
    assert f'href="{findings}?status=waiting"' in html
    assert f'href="{decisions}?status=overdue"' in html
    assert f'href="{decisions}?status=due"' in html
    assert f'href="{decisions}?status=done"' in html
    assert "2 findings waiting for a decision" in html
    assert "1 decision overdue" in html
    assert "1 decision due within 14 days" in html
    assert "3 decisions carried out" in html


def test_without_findings_or_decisions_the_panel_says_how_to_start(district_a):
    result = adaptation_panel(district_a, TODAY)
    with translation.override("en"):
        html = render_to_string(result.template, {"district": district_a, **result.context})
    assert "No findings yet." in html
    assert "overdue" not in html


def test_a_viewer_reads_the_panel_on_the_district_home(client, district_a, member):
    today = timezone.localdate()
    FindingFactory(district=district_a)
    DecisionFactory(district=district_a, due_on=today - DAY)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    response = client.get(reverse("districts:home", args=[district_a.slug]))

    assert response.status_code == 200
    html = response.content.decode()
    decisions = reverse("reports:decisions", args=[district_a.slug])
    assert f'href="{decisions}?status=overdue"' in html
    assert f'href="{reverse("reports:findings", args=[district_a.slug])}?status=waiting"' in html
