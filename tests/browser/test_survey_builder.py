from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from districts.models import District, Membership
from offerings.models import OfferingCategory
from surveys.models import Page, Question, Survey, SurveyTranslation
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "sicheres-passwort-123"
ARABIC_TITLE = "ما الذي يصل إلى العائلات في الحي؟"


def _offerings(district: District) -> None:
    centre = OfferingCategory.objects.get(key="familienzentrum")
    other = OfferingCategory.objects.exclude(pk=centre.pk).order_by("position").first()
    f.OfferingFactory(district=district, name="Elterncafé am Klausenerplatz", category=centre)
    f.OfferingFactory(district=district, name="Familienzentrum am Park", category=centre)
    f.OfferingFactory(district=district, name="Stadtteilmütter im Kiez", category=other)


def test_staff_build_a_survey_from_the_blocks_and_a_coordinator_opens_it(
    log_in, page, live_server, screenshot
):
    district = District.objects.get(number="04")
    staff = f.MembershipFactory(district=district, role=Membership.Role.STAFF)
    coordinator = f.MembershipFactory(district=district, role=Membership.Role.COORDINATOR)
    _offerings(district)

    log_in(staff.user.username, PASSWORD)
    page.get_by_role("link", name="Umfragen", exact=True).first.click()
    expect(page.get_by_role("heading", name="Umfragen", exact=True)).to_be_visible()
    page.get_by_role("link", name="Neue Umfrage").click()
    page.wait_for_url(re.compile(r"/umfragen/neu/$"))

    screenshot("survey-form")
    page.get_by_label("Titel").fill("Was erreicht Familien im Kiez?")
    page.get_by_label("Einleitung").fill("Wir möchten wissen, welche Angebote Sie kennen.")
    # Arabic is a family language of the district, so a new survey offers it from the start.
    assert page.locator('input[name="languages"][value="ar"]').is_checked()
    page.get_by_role("button", name="Umfrage speichern").click()
    expect(page.get_by_role("heading", name="Was erreicht Familien im Kiez?")).to_be_visible()

    # The reach block for two offerings.
    page.get_by_role("link", name="Reichweite von Angeboten").click()
    expect(page.get_by_role("group", name="Familienzentrum")).to_be_visible()
    page.get_by_label("Elterncafé am Klausenerplatz").check()
    page.get_by_label("Stadtteilmütter im Kiez").check()
    screenshot("survey-block-choice")
    page.get_by_role("button", name="Baustein hinzufügen").click()
    expect(page.get_by_text("mit 6 Fragen hinzugefügt")).to_be_visible()

    page.get_by_role("link", name="Über Ihre Familie").click()
    page.get_by_role("button", name="Baustein hinzufügen").click()
    page.get_by_role("link", name="Was fehlt?").click()
    page.get_by_role("button", name="Baustein hinzufügen").click()
    expect(page.get_by_text("Kennen Sie Elterncafé am Klausenerplatz?", exact=True)).to_be_visible()
    screenshot("survey-builder")

    # An own question on the last page: a yes/no question gets its answers by itself.
    page.get_by_role("link", name="Frage hinzufügen").last.click()
    page.get_by_label("Art der Frage").select_option("yes_no")
    page.locator("#id_text").fill("Waren Sie schon einmal im Familienzentrum?")
    screenshot("survey-question-form")
    page.get_by_role("button", name="Frage speichern").click()
    expect(page.get_by_text("Die Frage wurde hinzugefügt.")).to_be_visible()
    own = Question.objects.get(text="Waren Sie schon einmal im Familienzentrum?")
    assert list(own.options.values_list("text", flat=True)) == ["Ja", "Nein", "Weiß ich nicht"]

    survey = Survey.objects.get()
    assert (survey.status, survey.created_by) == (Survey.Status.DRAFT, staff.user)
    assert Page.objects.filter(survey=survey).count() == 3 + 1 + 1
    assert Question.objects.filter(survey=survey, block=Question.Block.REACH).count() == 6
    assert Question.objects.filter(survey=survey, block=Question.Block.FAMILY).count() == 6
    assert Question.objects.filter(survey=survey, block=Question.Block.MISSING).count() == 2
    assert Question.objects.filter(survey=survey).count() == 15

    page.get_by_role("link", name="Übersetzungen", exact=True).first.click()
    expect(page.get_by_role("progressbar").first).to_be_visible()
    screenshot("survey-translations")
    page.locator('a[href$="/uebersetzungen/ar/"]').click()
    title = page.locator(f'[name="survey-{survey.pk}-title"]')
    assert title.get_attribute("lang") == "ar"
    assert title.get_attribute("dir") == "rtl"
    title.fill(ARABIC_TITLE)
    screenshot("survey-translate-form")
    page.get_by_role("button", name="Übersetzungen speichern").click()
    expect(
        page.get_by_text("wurden gespeichert. Leere Felder werden auf Deutsch gezeigt.")
    ).to_be_visible()
    assert SurveyTranslation.objects.get(survey=survey, language="ar").title == ARABIC_TITLE

    page.locator('a[href$="?sprache=ar"]').first.click()
    expect(page.get_by_role("heading", name=ARABIC_TITLE)).to_be_visible()
    assert page.locator(".survey-preview").get_attribute("dir") == "rtl"
    expect(page.get_by_text("هل تعرفون هذه الخدمة: Elterncafé am Klausenerplatz؟")).to_be_visible()
    screenshot("survey-preview-ar")

    page.get_by_role("link", name="Alle Umfragen").click()
    page.wait_for_url(re.compile(r"/umfragen/$"))
    screenshot("survey-list")

    page.context.clear_cookies()
    log_in(coordinator.user.username, PASSWORD)
    page.goto(f"{live_server.url}/d/{district.slug}/umfragen/{survey.pk}/")
    page.get_by_role("button", name="Für Antworten öffnen").click()
    expect(page.get_by_text("Die Umfrage ist geöffnet")).to_be_visible()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
