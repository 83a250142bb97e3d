from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from goals.models import ActionGoal, Indicator
from tests.browser.conftest import seed_demo_until

pytestmark = pytest.mark.django_db(transaction=True)

BASE = "/d/charlottenburg-wilmersdorf"


def test_a_coordinator_walks_through_the_demo_district(page, live_server, screenshot, log_in):
    # The tour visits goals, stakeholders, areas, resources and offerings: the demo up to
    # the offerings is what it needs (the survey and its report are seconds more).
    seed_demo_until("offerings")
    log_in("koordination")

    page.get_by_role("navigation", name="Bereiche des Bezirks").get_by_role(
        "link", name="Ziele"
    ).click()
    expect(page.get_by_role("heading", name="Teilhabe").first).to_be_visible()
    screenshot("tour-goals")

    goal = ActionGoal.objects.get(
        title="Mehr anspruchsberechtigte Familien beziehen den Kinderzuschlag"
    )
    page.get_by_role("link", name=goal.title).first.click()
    expect(page.get_by_role("heading", name=goal.title)).to_be_visible()
    page.locator(".chart-canvas .main-svg").first.wait_for()
    screenshot("tour-goal-detail")

    indicator = Indicator.objects.get(goal=goal)
    page.get_by_role("link", name=indicator.name).first.click()
    page.locator(".chart-canvas .main-svg").first.wait_for()
    expect(page.get_by_text("Nicht auf Kurs").first).to_be_visible()
    screenshot("tour-indicator")

    page.goto(live_server.url + f"{BASE}/akteure/")
    expect(page.get_by_text("Noch niemand aus diesem Bereich")).to_be_visible()
    screenshot("tour-stakeholders")

    page.goto(live_server.url + f"{BASE}/gebiete/")
    screenshot("tour-areas")

    page.goto(live_server.url + f"{BASE}/ziele/ressourcen/")
    screenshot("tour-resources")

    page.goto(live_server.url + f"{BASE}/ziele/datenagenda/")
    expect(
        page.get_by_role(
            "link", name="Beratung in der Herkunftssprache in allen Familienzentren", exact=True
        )
    ).to_be_visible()
    screenshot("tour-data-agenda")

    page.get_by_role("navigation", name="Bereiche des Bezirks").get_by_role(
        "link", name="Angebote"
    ).click()
    page.wait_for_url(re.compile(r"/angebote/$"))
    screenshot("tour-offerings")
    page.goto(live_server.url + f"{BASE}/angebote/luecken/")
    page.locator(".chart-canvas .main-svg").first.wait_for()
    expect(page.get_by_text("Bezirksregion 041001").first).to_be_visible()
    screenshot("tour-offering-gaps")
