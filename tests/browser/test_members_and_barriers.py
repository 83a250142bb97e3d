from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from districts.models import Membership
from mitwirkung.legal.models import BarrierReport
from tests.browser.conftest import seed_demo_district

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_adds_a_colleague_from_the_member_page(log_in, page, live_server, screenshot):
    seed_demo_district()
    log_in("koordination")

    page.get_by_role("link", name="Mitglieder", exact=True).first.click()
    expect(page.get_by_role("heading", name="Mitglieder")).to_be_visible()
    screenshot("members")

    page.get_by_role("link", name="Mitglied hinzufügen").click()
    page.get_by_label("E-Mail-Adresse").fill("jugendamt@example.org")
    page.get_by_label("Vorname").fill("Jana")
    page.get_by_label("Nachname").fill("Jugendamt")
    page.get_by_label("Rolle").select_option("staff")
    screenshot("member-add")
    page.get_by_role("button", name="Mitglied hinzufügen").click()

    expect(page.get_by_text("Jana Jugendamt ist jetzt Mitglied")).to_be_visible()
    assert Membership.objects.filter(user__email="jugendamt@example.org", role="staff").count() == 1
    assert len(mail.outbox) == 1


def test_a_visitor_reports_a_barrier_from_the_footer(page, live_server, screenshot):
    page.goto(live_server.url + "/barrierefreiheit/")
    screenshot("accessibility-statement")
    page.get_by_role("contentinfo").get_by_role("link", name="Barriere melden").click()
    page.get_by_label("Was hat für Sie nicht funktioniert?").fill(
        "Die Schrift im Fußbereich ist für mich zu klein."
    )
    screenshot("barrier-report")
    page.get_by_role("button", name="Meldung senden").click()

    expect(page.get_by_role("heading", name="Danke für Ihre Meldung")).to_be_visible()
    report = BarrierReport.objects.get()
    assert report.page_url == "/barrierefreiheit/"
    assert "Fußbereich" in report.description
