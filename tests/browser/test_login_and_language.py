from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.browser.conftest import seed_demo_district

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_logs_in_sees_the_district_in_german_and_switches_to_english(
    page, live_server, screenshot
):
    seed_demo_district()

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
    screenshot("login")
    assert_no_serious_violations(page, "login")

    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("mitwirkung")
    page.get_by_role("button", name="Anmelden").click()

    page.wait_for_url("**/d/charlottenburg-wilmersdorf/")
    expect(page.get_by_role("heading", name="Bezirk Charlottenburg-Wilmersdorf")).to_be_visible()
    expect(page.get_by_text("Demo-Daten")).to_be_visible()
    expect(page.get_by_role("link", name="Mitglieder", exact=True).first).to_be_visible()
    screenshot("district-home")
    assert_no_serious_violations(page, "district home (dashboard)")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", name="District Charlottenburg-Wilmersdorf")).to_be_visible()
    screenshot("district-home-en")


def test_skip_link_is_the_first_stop_of_the_keyboard(page, live_server):
    page.goto(live_server.url + "/barrierefreiheit/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Zum Inhalt springen"
