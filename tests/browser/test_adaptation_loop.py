"""Step 5 as staff walk it: a gap on the report → a finding → a decision → done → the
offering's timeline shows all three."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from districts.models import District
from offerings.models import OfferingAdaptation
from reports.models import Decision, Finding
from tests import factories as f
from tests.browser.axe import assert_no_serious_violations
from tests.browser.conftest import seed_demo_district
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db(transaction=True)

BASE = "/d/charlottenburg-wilmersdorf"


def test_from_a_gap_on_the_dashboard_to_a_changed_offering(page, live_server, log_in, screenshot):
    seed_demo_district()
    district = District.objects.get(slug="charlottenburg-wilmersdorf")
    a = f.OfferingFactory(district=district, name="Familienservicebüro")
    b = f.OfferingFactory(district=district, name="Elterncafé am Park")
    survey = f.SurveyFactory(district=district, title="Frühjahrsbefragung")
    snapshot = f.ReportSnapshotFactory(
        survey=survey, tables=sample_tables(survey=survey, offering_ids=(a.pk, b.pk))
    )
    log_in("fachkraft")

    # The gap table: families with benefits know the Familienservicebüro less (30 % vs 62 %).
    page.goto(f"{live_server.url}{BASE}/berichte/umfrage/{survey.pk}/?snapshot={snapshot.pk}")
    assert_no_serious_violations(page, "survey report dashboard")
    gaps = page.locator("#luecken")
    gaps.locator(f"a.finding-link[href*='kind=gap'][href*='key={a.pk}%2Fknown']").click()

    # Click two: the form comes filled with a title and shows the figures it keeps.
    expect(page.locator(".finding-item")).to_contain_text("30,0")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/befunde/\d+/$"))
    finding = Finding.objects.get()
    assert (finding.snapshot_id, finding.item_kind, finding.offering_id) == (
        snapshot.pk,
        "gap",
        a.pk,
    )
    expect(page.locator(".finding-figures")).to_contain_text("30,0")
    screenshot("adaptation-finding")

    page.locator(f"a[href$='anpassungen/neu/?finding={finding.pk}']").click()
    page.locator("input[name=title]").fill("Familienservicebüro berät im Jobcenter")
    page.locator("select[name=kind]").select_option("place")
    page.locator("input[name=due_on]").fill("2026-12-31")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/anpassungen/\d+/$"))
    decision = Decision.objects.get()
    assert list(decision.offerings.all()) == [a]
    assert list(decision.findings.all()) == [finding]

    page.locator("select[name=status]").select_option("done")
    page.locator("#status button[type=submit]").click()
    page.wait_for_url(re.compile(r"/anpassungen/\d+/$"))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE
    assert decision.done_on is not None
    expect(page.locator(".evidence-hint")).to_be_visible()
    screenshot("adaptation-decision")

    page.goto(f"{live_server.url}{BASE}/angebote/{a.pk}/")
    timeline = page.locator(".offering-timeline")
    expect(timeline.locator(".timeline-change")).to_contain_text("berät im Jobcenter")
    expect(timeline.locator(".timeline-decision")).to_contain_text("berät im Jobcenter")
    expect(timeline.locator(".timeline-finding")).to_have_count(1)
    assert OfferingAdaptation.objects.get().offering == a
    page.locator("#timeline").scroll_into_view_if_needed()
    screenshot("adaptation-offering-timeline")
