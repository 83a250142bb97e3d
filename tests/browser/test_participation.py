from __future__ import annotations

import pytest
from playwright.sync_api import expect

from districts.models import District, Membership
from surveys.models import ParticipationTarget
from tests import factories as f
from tests.surveys.test_participation import build_example

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "sicheres-passwort-123"


def test_a_coordinator_sees_where_to_go_next_and_sets_a_target(
    page, live_server, log_in, screenshot
):
    district = District.objects.get(number="04")
    user = f.UserFactory(username="koordinatorin", password=PASSWORD)
    f.MembershipFactory(user=user, district=district, role=Membership.Role.COORDINATOR)
    example = build_example(district)
    survey = example.survey
    log_in("koordinatorin", PASSWORD)

    page.goto(f"{live_server.url}/d/{district.slug}/umfragen/{survey.pk}/antworten/")
    page.get_by_role("link", name="Beteiligung").click()
    expect(page.get_by_role("heading", name="Beteiligung", exact=True)).to_be_visible()
    steps = page.locator("section[aria-labelledby='next-heading'] li")
    assert steps.all_inner_texts() == [
        "Ost: hohe Kinderarmut (30,0 %), bisher weniger als 5 Antworten.",
        "Nord: hohe Kinderarmut (40,0 %), bisher 4,5 Antworten pro 1.000 Kinder"
        " – Ziel 30, erreicht 9 (30,0 %).",
        "Süd: Kinderarmut 10,0 %, bisher 5,0 Antworten pro 1.000 Kinder"
        " – Ziel 50, erreicht 20 (40,0 %).",
    ]
    expect(
        page.get_by_text("Online erreicht weniger Familien mit geringem Einkommen")
    ).to_be_visible()
    screenshot("participation-monitor")

    page.get_by_role("link", name="Ziel hinzufügen").click()
    page.get_by_label("oder ein Gebiet").select_option(label="Bezirksregion: Mitte (041003)")
    page.get_by_label("Ziel: Zahl der Antworten").fill("40")
    screenshot("participation-target-form")
    page.get_by_role("button", name="Ziel hinzufügen").click()
    expect(page.get_by_text("Das Ziel wurde hinzugefügt.")).to_be_visible()
    target = ParticipationTarget.objects.get(survey=survey, area=example.areas["Mitte"])
    assert target.responses == 40
    # Mitte, 12 of 40, is now below its target and joins the list.
    assert page.locator("section[aria-labelledby='next-heading'] li").count() == 4
