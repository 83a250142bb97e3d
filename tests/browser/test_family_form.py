"""A family answers a survey on a phone (390×844) through a collection point's link:
in German with JavaScript switched off, and in Arabic (right to left)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from surveys.blocks import add_family_block, add_missing_block, add_reach_block
from surveys.fixed_options import create_fixed_options
from surveys.models import Answer, CollectionPoint, Question, Response
from tests import factories as f
from tests.browser.axe import assert_no_serious_violations
from tests.browser.conftest import shoot_widths

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(fresh_page) -> Callable[..., object]:
    """phone(javascript=…): a fresh phone-sized browser page."""
    return lambda *, javascript: fresh_page(viewport=PHONE, javascript=javascript, is_mobile=True)


def shoot(page, name: str) -> None:
    """Full-page screenshots at 320 px (the smallest phones), 390 px and 1280 px."""
    shoot_widths(page, name, (320, 390, 1280), height=844)


@pytest.fixture
def point(district_a) -> CollectionPoint:
    cache.clear()  # rate-limit counters of earlier tests live in the same process
    north = f.AreaFactory(district=district_a, code="040101", name="Schloß Charlottenburg")
    f.AreaFactory(district=district_a, code="040202", name="Westend")
    offerings = [
        f.OfferingFactory(district=district_a, name="Familienzentrum Klausenerplatz"),
        f.OfferingFactory(district=district_a, name="Stadtteilmütter"),
        f.OfferingFactory(district=district_a, name="Elterncafé am Park"),
    ]
    f.OfferingPlaceFactory(
        offering=offerings[0], area=north, address="Seelingstraße 14, 14059 Berlin"
    )
    survey = f.SurveyFactory(
        district=district_a,
        title="Was erreicht Familien?",
        intro="Wir möchten wissen, welche Angebote Sie kennen und was Ihnen hilft.",
        languages=["de-ls", "en", "tr", "ar"],
    )
    add_reach_block(survey, offerings)
    add_family_block(survey)
    missing = add_missing_block(survey)
    # The blocks ask single, multiple, scale and text questions; the last page also gets the
    # two other kinds, so the accessibility checks see every kind the form can show.
    last_page = missing[0].page
    yes_no = f.QuestionFactory(
        page=last_page, kind=Question.Kind.YES_NO, text="Haben Sie einen Kita-Platz?", position=90
    )
    create_fixed_options(yes_no)
    f.QuestionFactory(
        page=last_page,
        kind=Question.Kind.NUMBER,
        text="Wie viele Kinder leben bei Ihnen?",
        min_value=0,
        max_value=15,
        position=91,
    )
    # One required question, so the family meets the error message.
    survey.questions.filter(block_key="known", offering=offerings[0]).update(required=True)
    return f.CollectionPointFactory(survey=survey, kind=CollectionPoint.Kind.ONLINE)


def known_question(page, offering: str):
    return page.locator("fieldset", has_text=offering)


def test_a_family_answers_in_german_without_javascript(phone, live_server, point):
    page = phone(javascript=False)
    page.goto(live_server.url + point.get_absolute_url())
    expect(page.get_by_role("heading", name="Was erreicht Familien?")).to_be_visible()
    expect(page.get_by_role("heading", name="Bevor Sie anfangen")).to_be_visible()
    shoot(page, "family-de-1-start")

    page.get_by_role("button", name="Umfrage starten").click()
    expect(page.get_by_text("Schritt 1 von 3")).to_be_visible()
    shoot(page, "family-de-2-known")

    page.get_by_role("button", name="Weiter").click()  # the required answer is missing
    alert = page.get_by_role("alert")
    expect(alert.get_by_text("Bitte prüfen Sie Ihre Antworten")).to_be_visible()
    expect(alert.get_by_role("link", name="Bitte wählen Sie eine Antwort.")).to_be_visible()
    shoot(page, "family-de-3-error")
    # Without JavaScript axe needs a copy of the page (tests/browser/axe.py): only the error
    # state is checked here; the question kinds and the thank-you page are checked with
    # JavaScript on in the Leichte Sprache keyboard walk and the Arabic walk (same templates).
    assert_no_serious_violations(page, "family form, error state")

    known_question(page, "Familienzentrum Klausenerplatz").get_by_label(
        "Kenne ich, nutze ich aber nicht"
    ).check()
    known_question(page, "Stadtteilmütter").get_by_label(
        "Nutze ich (in den letzten 12 Monaten)"
    ).check()
    known_question(page, "Elterncafé am Park").get_by_label("Kenne ich nicht").check()
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_role("heading", name="Familienzentrum Klausenerplatz")).to_be_visible()
    expect(page.get_by_text("Schritt 2 von 5")).to_be_visible()
    page.get_by_label("Die Zeiten passen nicht.").check()
    page.get_by_label("Etwas anderes").check()
    page.get_by_label("Was genau?").fill("Kein Aufzug im Haus")
    shoot(page, "family-de-4-barriers")
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_role("heading", name="Stadtteilmütter")).to_be_visible()
    page.get_by_label("Sehr hilfreich").check()
    shoot(page, "family-de-5-helpful")
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_text("Schritt 4 von 5")).to_be_visible()
    page.get_by_label("Schloß Charlottenburg").check()
    shoot(page, "family-de-6-family")
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_text("Schritt 5 von 5")).to_be_visible()
    free_text = page.get_by_label("Was würde Ihrer Familie am meisten helfen?")
    free_text.fill("Ein Elterncafé am Samstag.")
    shoot(page, "family-de-7-missing")
    page.get_by_role("button", name="Absenden").click()

    expect(page.get_by_role("heading", name="Vielen Dank!")).to_be_visible()
    expect(page.get_by_text("Familienzentrum Klausenerplatz").first).to_be_visible()
    expect(page.get_by_text("Seelingstraße 14, 14059 Berlin")).to_be_visible()
    shoot(page, "family-de-8-thanks")

    response = Response.objects.get()
    assert response.language == "de"
    assert response.collection_point == point
    answers = Answer.objects.filter(response=response)
    assert answers.filter(question__block_key="known").count() == 3
    assert answers.get(question__block_key="helpful").option.value == 5
    barriers = answers.filter(question__block_key="barriers")
    assert barriers.count() == 2
    assert barriers.get(option__is_other=True).text == "Kein Aufzug im Haus"
    assert answers.get(question__block_key="home_area").option.area.name == (
        "Schloß Charlottenburg"
    )
    assert answers.get(question__kind=Question.Kind.TEXT).text == "Ein Elterncafé am Samstag."


def test_a_family_answers_in_arabic_right_to_left(phone, live_server, point):
    page = phone(javascript=True)
    page.goto(live_server.url + point.get_absolute_url())
    page.get_by_role("link", name="العربية").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    expect(page.get_by_role("heading", name="قبل أن تبدؤوا")).to_be_visible()
    shoot(page, "family-ar-1-start")

    page.get_by_role("button", name="بدء الاستبيان").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    for offering in ("Familienzentrum Klausenerplatz", "Stadtteilmütter", "Elterncafé am Park"):
        # exact: with JavaScript each answer also has a read-aloud button naming it.
        known_question(page, offering).get_by_label("لا أعرف هذه الخدمة", exact=True).check()
    shoot(page, "family-ar-2-known")
    page.get_by_role("button", name="التالي").click()

    expect(page.get_by_text("الخطوة 2 من 3")).to_be_visible()
    shoot(page, "family-ar-3-family")
    page.get_by_role("button", name="التالي").click()

    page.get_by_label("ما الذي سيساعد عائلتكم أكثر من أيّ شيء آخر؟").fill("دروس لغة للأمهات")
    shoot(page, "family-ar-4-missing")
    assert_no_serious_violations(page, "family form, Arabic text, yes/no and number page")
    page.get_by_role("button", name="إرسال").click()

    expect(page.get_by_role("heading", name="شكرًا جزيلًا!")).to_be_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"
    shoot(page, "family-ar-5-thanks")
    assert_no_serious_violations(page, "family form, Arabic thank-you page")

    response = Response.objects.get()
    assert response.language == "ar"
    assert response.answers.filter(question__block_key="known").count() == 3
    assert response.answers.get(question__kind=Question.Kind.TEXT).text == "دروس لغة للأمهات"


def test_a_family_types_the_code_from_a_poster(phone, live_server, point):
    page = phone(javascript=False)
    page.goto(live_server.url + "/s/")
    page.get_by_label("Code vom Plakat oder Flyer").fill("abcd-efgh")
    page.get_by_role("button", name="Zur Umfrage").click()
    expect(page.get_by_text("Zu diesem Code finden wir keine Umfrage.")).to_be_visible()
    shoot(page, "family-code-unknown")

    page.get_by_label("Code vom Plakat oder Flyer").fill(point.display_code.upper())
    page.get_by_role("button", name="Zur Umfrage").click()
    expect(page.get_by_role("heading", name="Was erreicht Familien?")).to_be_visible()
    assert page.url == live_server.url + point.get_absolute_url()
