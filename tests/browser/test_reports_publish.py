"""A coordinator publishes a report after checking what becomes public; a visitor without
login finds it on the transparency pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from districts.models import Membership
from reports.models import PublicationEvent, ReportSnapshot
from tests.browser.axe import assert_no_serious_violations
from tests.browser.conftest import ARTIFACTS, save_png
from tests.factories import (
    MembershipFactory,
    ReportDocumentFactory,
    ReportSnapshotFactory,
    SurveyFactory,
)
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db(transaction=True)


def shoot(page, name: str) -> None:
    """Full-page PNGs at 1280 and 390 px; on a phone nothing may be wider than the screen.

    Pages with charts are loaded afresh at each width, so Plotly sizes them to the window.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    charts = page.locator(".chart-canvas").count() > 0
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if charts:
            page.reload()
            page.locator(".chart-canvas .main-svg").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        save_png(page, ARTIFACTS / f"{name}-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_coordinator_publishes_and_a_visitor_reads_it_without_login(
    page, live_server, log_in, fresh_page, district_a
):
    coordinator = MembershipFactory(district=district_a, role=Membership.Role.COORDINATOR).user
    survey = SurveyFactory(district=district_a, title="Was erreicht Familien im Kiez?")
    snapshot = ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    # The PDFs exist already, so publishing finds them ready instead of building them here.
    for kind in ("report", "brief"):
        ReportDocumentFactory(snapshot=snapshot, kind=kind, language="de")
    log_in(coordinator.username, "sicheres-passwort-123")

    page.goto(f"{live_server.url}/d/{district_a.slug}/berichte/stand/{snapshot.pk}/teilen/")
    expect(page.get_by_text("Nicht öffentlich.")).to_be_visible()
    page.get_by_role("link", name="Veröffentlichen …").click()

    page.wait_for_url(re.compile(r"/veroeffentlichen/$"))
    expect(page.get_by_role("heading", name="Was öffentlich wird")).to_be_visible()
    expect(page.get_by_text("Transparenzbericht (Deutsch) – fertig")).to_be_visible()
    shoot(page, "reports-publish-confirm")
    # Without the tick the form stays: the browser's own check keeps it from being sent.
    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    assert not ReportSnapshot.objects.published().exists()
    page.get_by_label(re.compile("Ich habe den Bericht")).check()
    page.get_by_role("button", name="Jetzt veröffentlichen").click()

    page.wait_for_url(re.compile(r"/teilen/$"))
    expect(page.get_by_text("Der Bericht ist veröffentlicht:")).to_be_visible()
    assert PublicationEvent.objects.get(snapshot=snapshot).by == coordinator
    shoot(page, "reports-share")

    visitor = fresh_page(viewport={"width": 1280, "height": 900})
    visitor.goto(live_server.url + "/")
    visitor.get_by_role("link", name="Transparenz").click()
    visitor.wait_for_url(re.compile(r"/transparenz/$"))
    visitor.get_by_role("link", name=district_a.name).click()
    # Measuring before the next document has replaced this one finds no document element.
    visitor.wait_for_url(re.compile(rf"/transparenz/{district_a.slug}/$"))
    shoot(visitor, "transparency-district")
    assert_no_serious_violations(visitor, "transparency page of the district")
    visitor.get_by_role("link", name=re.compile("Bericht lesen")).click()

    visitor.wait_for_url(re.compile(rf"/transparenz/{district_a.slug}/{snapshot.pk}/$"))
    expect(visitor.get_by_role("heading", name="Was erreicht Familien im Kiez?")).to_be_visible()
    expect(visitor.get_by_text("Familien, die geantwortet haben: 120").first).to_be_visible()
    assert "Familienservicebüro" in visitor.locator("main").inner_text()
    assert visitor.get_by_role("link", name=re.compile("Transparenzbericht \\(Deutsch\\)")).count()
    visitor.locator(".chart-canvas .main-svg").first.wait_for()
    shoot(visitor, "transparency-report")
    assert_no_serious_violations(visitor, "public transparency report")
