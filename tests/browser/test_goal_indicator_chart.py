from __future__ import annotations

import pytest

from districts.models import Membership
from goals.models import ActionGoal, Indicator, IndicatorValue
from tests.browser.axe import assert_no_serious_violations
from tests.browser.conftest import ARTIFACTS, save_png
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

DISTRICT = "/d/charlottenburg-wilmersdorf"


def test_staff_member_creates_a_goal_with_an_indicator_and_values_and_sees_the_chart(
    log_in, page, live_server, screenshot
):
    staff = MembershipFactory(role=Membership.Role.STAFF)
    log_in(staff.user.username, "sicheres-passwort-123")

    page.goto(live_server.url + f"{DISTRICT}/ziele/neu/")
    assert_no_serious_violations(page, "goal form")
    page.locator("#id_title").fill("Mehr Familien kennen das Familienzentrum")
    page.get_by_label("Handlungsziel").check()
    page.get_by_label("Teilhabe").check()
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_load_state()
    goal = ActionGoal.objects.get(title="Mehr Familien kennen das Familienzentrum")

    page.goto(live_server.url + f"{DISTRICT}/ziele/{goal.pk}/indikatoren/neu/")
    page.locator("#id_name").fill("Anteil der Familien, die das Familienzentrum kennen")
    page.locator("#id_unit").select_option("percent")
    page.locator("#id_kind").select_option("better_off")
    page.locator("#id_impact_level").select_option("2")
    page.locator("#id_baseline_value").fill("20")
    page.locator("#id_baseline_on").fill("2024-01-01")
    page.locator("#id_target_value").fill("40")
    page.locator("#id_target_on").fill("2027-12-31")
    page.get_by_role("button", name="Indikator speichern").click()
    assert page.get_by_role("heading", name="Anteil der Familien, die das Familienzentrum kennen")
    indicator = Indicator.objects.get(goal=goal)

    for day, value in [("2024-06-30", "22"), ("2025-06-30", "29.5")]:
        page.get_by_role("link", name="Wert eintragen").first.click()
        page.locator("#id_measured_on").fill(day)
        page.locator("#id_value").fill(value)
        page.get_by_role("button", name="Wert speichern").click()
        page.wait_for_url(f"**/indikatoren/{indicator.pk}/**")

    page.locator(".chart-canvas .main-svg").first.wait_for()
    assert page.locator(".chart-canvas.js-plotly-plot").count() == 1
    assert page.locator(".curve-state").inner_text().strip() == "Auf Kurs"
    assert page.locator("table.indicator-values tbody tr").count() == 2
    assert list(
        IndicatorValue.objects.filter(indicator=indicator).values_list("entered_by", flat=True)
    ) == [staff.user.pk, staff.user.pk]
    screenshot("indicator-detail")
    # The fixture narrows the window without a reload, and Plotly redraws only after a
    # debounced resize; so the narrow picture is taken again from a fresh load.
    page.set_viewport_size({"width": 390, "height": 900})
    page.reload()
    page.locator(".chart-canvas .main-svg").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_png(page, ARTIFACTS / "indicator-detail-390.png")
