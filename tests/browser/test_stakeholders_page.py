from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from districts import demo_stakeholders
from districts.demo import DEMO_DISTRICT_SLUG
from districts.models import District, Stakeholder
from tests.browser.conftest import seed_demo_district

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_fill_the_jobcenter_gap_on_the_who_is_at_the_table_page(
    log_in, page, live_server, screenshot
):
    seed_demo_district()
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    demo_stakeholders.seed(district)
    log_in("fachkraft")

    page.get_by_role("link", name="Akteur*innen", exact=True).first.click()
    expect(page.get_by_role("heading", name="Wer sitzt am Tisch?")).to_be_visible()
    gap = page.locator("#sector-employment")
    expect(gap.get_by_text("Noch niemand aus diesem Bereich.")).to_be_visible()
    screenshot("stakeholders")

    gap.get_by_role("link", name="Organisation aus „Arbeit und Jobcenter“ hinzufügen").click()
    page.locator("#id_name").fill("Jobcenter – Team Familien (erfunden)")
    page.get_by_label("Art der Organisation").select_option("jobcenter")
    page.get_by_label("Ansprechperson").fill("Frau Demo-Jobcenter")
    page.get_by_label("E-Mail-Adresse").fill("jobcenter-familien@example.org")
    screenshot("stakeholder-add")
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_text("wurde hinzugefügt")).to_be_visible()
    expect(page.locator("#sector-employment").get_by_text("Frau Demo-Jobcenter")).to_be_visible()
    assert Stakeholder.objects.get(name__startswith="Jobcenter").sector.key == "employment"

    page.get_by_role(
        "link", name="Familienzentrum am Klausenerplatz (erfunden)", exact=True
    ).click()
    page.wait_for_url(re.compile(r"/akteure/\d+/$"))
    screenshot("stakeholder-detail")
