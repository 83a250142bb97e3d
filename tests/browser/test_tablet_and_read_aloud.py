"""Two families answer one after another on a tablet in tablet mode, and the back button
never shows the first family's answers; the read-aloud buttons appear with JavaScript and
are absent without it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from districts.models import Membership
from surveys.blocks import add_family_block, add_missing_block, add_reach_block
from surveys.models import CollectionPoint, Response
from surveys.tablet import tablet_path
from tests import factories as f
from tests.browser.conftest import shoot_widths

pytestmark = pytest.mark.django_db(transaction=True)

TABLET = {"width": 820, "height": 1180}
FAMILY_1_TEXT = "Kein Aufzug im Haus"
FAMILY_1_WISH = "Ein Elterncafé am Samstag."
# Records what would be spoken instead of speaking (the test machine has no voices).
RECORD_SPEECH = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = function (u) { window.__spoken.push([u.text, u.lang]); };
}
"""


@pytest.fixture
def device(fresh_page) -> Callable[..., object]:
    """device(javascript=…, viewport=…): a fresh touch-screen browser page, a tablet by default."""

    def open_page(*, javascript: bool = True, viewport: dict[str, int] = TABLET) -> object:
        return fresh_page(viewport=viewport, javascript=javascript, has_touch=True)

    return open_page


def shoot(page, name: str) -> None:
    shoot_widths(page, name, (390, 820, 1280))


@pytest.fixture
def point(district_a) -> CollectionPoint:
    cache.clear()
    f.AreaFactory(district=district_a, code="040101", name="Schloß Charlottenburg")
    offerings = [
        f.OfferingFactory(district=district_a, name="Familienzentrum Klausenerplatz"),
        f.OfferingFactory(district=district_a, name="Stadtteilmütter"),
    ]
    survey = f.SurveyFactory(
        district=district_a,
        title="Was erreicht Familien?",
        intro="Wir möchten wissen, welche Angebote Sie kennen und was Ihnen hilft.",
        languages=["de-ls", "en", "tr", "ar"],
    )
    add_reach_block(survey, offerings)
    add_family_block(survey)
    add_missing_block(survey)
    return f.CollectionPointFactory(survey=survey, kind=CollectionPoint.Kind.OFFERING)


def known(page, offering: str):
    return page.locator("fieldset", has_text=offering)


def step(page, text: str) -> None:
    """Wait until the next page is there (a click does not wait for it to load)."""
    page.get_by_text(text, exact=True).wait_for()
    page.wait_for_load_state()


def no_trace_of_family_1(page) -> None:
    body = page.locator("body").inner_text()
    assert FAMILY_1_TEXT not in body
    assert FAMILY_1_WISH not in body
    assert page.locator("input:checked").count() == 0
    for field in page.locator("input[type=text], textarea").all():
        assert field.input_value() == ""


def test_two_families_on_one_tablet_and_back_shows_nothing_of_the_first(device, live_server, point):
    page = device()
    page.goto(live_server.url + tablet_path(point))
    assert page.url == live_server.url + point.get_absolute_url()
    expect(page.get_by_text("Auf diesem Tablet antworten mehrere Familien")).to_be_visible()
    shoot(page, "tablet-1-start")

    # Family 1
    page.get_by_role("button", name="Umfrage starten").click()
    known(page, "Familienzentrum Klausenerplatz").get_by_label(
        "Kenne ich, nutze ich aber nicht", exact=True
    ).check()
    known(page, "Stadtteilmütter").get_by_label("Kenne ich nicht", exact=True).check()
    shoot(page, "tablet-2-known-pictograms")
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Die Zeiten passen nicht.", exact=True).check()
    page.get_by_label("Etwas anderes", exact=True).check()
    page.get_by_label("Was genau?").fill(FAMILY_1_TEXT)
    shoot(page, "tablet-3-barriers")
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Schloß Charlottenburg", exact=True).check()
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Was würde Ihrer Familie am meisten helfen?").fill(FAMILY_1_WISH)
    page.get_by_role("button", name="Absenden").click()

    expect(page.get_by_role("heading", name="Vielen Dank!")).to_be_visible()
    expect(page.get_by_text("Bitte geben Sie das Tablet jetzt zurück.")).to_be_visible()
    assert page.get_by_role("heading", name="Hilfe im Bezirk").count() == 0
    shoot(page, "tablet-4-thanks")
    assert Response.objects.count() == 1

    # The next family presses back through the whole history: every page family 1 saw
    # (the missing page, the family page, the barriers, the known page, the start page)
    # comes back as the empty start page.
    visited = []
    for _ in range(12):
        if page.go_back() is None:
            break  # before the first page: the tab's empty page
        page.wait_for_load_state()
        visited.append(page.url)
        no_trace_of_family_1(page)
        if len(visited) == 1:
            shoot(page, "tablet-5-after-back")
    assert len(visited) >= 5, visited
    assert set(visited) == {live_server.url + point.get_absolute_url()}

    # Family 2 starts from the neutral start page.
    page.goto(live_server.url + point.get_absolute_url())
    assert page.get_by_role("button", name="Weiter mit der Umfrage").count() == 0
    page.get_by_role("button", name="Umfrage starten").click()
    step(page, "Schritt 1 von 3")
    no_trace_of_family_1(page)
    for offering in ("Familienzentrum Klausenerplatz", "Stadtteilmütter"):
        known(page, offering).get_by_label("Kenne ich nicht", exact=True).check()
    page.get_by_role("button", name="Weiter").click()
    step(page, "Schritt 2 von 3")
    no_trace_of_family_1(page)
    page.get_by_role("button", name="Weiter").click()
    step(page, "Schritt 3 von 3")
    no_trace_of_family_1(page)
    page.get_by_label("Was würde Ihrer Familie am meisten helfen?").fill("Mehr Spielplätze")
    page.get_by_role("button", name="Absenden").click()
    page.get_by_text("Bitte geben Sie das Tablet jetzt zurück.").wait_for()
    page.get_by_role("link", name="Start für die nächste Familie").click()
    page.get_by_role("button", name="Umfrage starten").wait_for()

    responses = list(Response.objects.order_by("pk"))
    assert len(responses) == 2
    assert {r.channel for r in responses} == {Response.Channel.TABLET}
    assert responses[0].answers.filter(text=FAMILY_1_TEXT).exists()
    assert responses[1].answers.filter(text="Mehr Spielplätze").exists()
    assert not responses[1].answers.filter(text=FAMILY_1_TEXT).exists()


def test_read_aloud_buttons_speak_in_the_pages_language_with_javascript(device, live_server, point):
    page = device(viewport={"width": 390, "height": 844})
    page.add_init_script(RECORD_SPEECH)
    page.goto(live_server.url + point.get_absolute_url())
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Vorlesen").count() == 0  # none on the start page
    page.get_by_role("button", name="Umfrage starten").click()
    known(page, "Stadtteilmütter").first.wait_for()  # the first page of questions is in
    assert page.evaluate("typeof window.speechSynthesis") == "object"

    question_buttons = page.get_by_role("button", name="Vorlesen", exact=True)
    question_buttons.first.wait_for()  # the deferred script has run
    assert question_buttons.count() == 2  # one per question …
    option = known(page, "Stadtteilmütter").get_by_role("button", name="Vorlesen: Kenne ich nicht")
    expect(option).to_be_visible()  # … and one per answer
    shoot(page, "read-aloud-de")

    question_buttons.first.click()
    option.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == ["Kennen Sie Familienzentrum Klausenerplatz?", "de"]
    assert spoken[1] == ["Kenne ich nicht", "de"]
    # Pressing the button does not tick the answer.
    assert known(page, "Stadtteilmütter").locator("input:checked").count() == 0

    page.get_by_role("link", name="العربية").click()
    page.get_by_role("button", name="قراءة بصوت عالٍ", exact=True).first.click()
    text, language = page.evaluate("window.__spoken")[-1]
    assert language == "ar"
    assert "Familienzentrum Klausenerplatz" in text
    shoot(page, "read-aloud-ar")


def test_without_javascript_there_is_no_read_aloud_button(device, live_server, point):
    page = device(javascript=False, viewport={"width": 390, "height": 844})
    page.goto(live_server.url + point.get_absolute_url())
    page.get_by_role("button", name="Umfrage starten").click()
    page.get_by_text("Schritt 1 von").wait_for()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Vorlesen").count() == 0
    assert page.locator("button.say").count() == 0
    assert page.locator("svg.pic").count() == 6  # the pictograms need no script


def test_staff_find_the_tablet_link_on_the_collection_points_page(
    page, live_server, log_in, screenshot, point, member
):
    staff = member(point.survey.district, Membership.Role.STAFF)
    log_in(staff.user.username, "sicheres-passwort-123")
    page.goto(
        live_server.url
        + reverse(
            "surveys:collection_points",
            kwargs={"district": point.survey.district.slug, "survey": point.survey.pk},
        )
    )
    card = page.locator("article", has_text=point.display_code)
    expect(card.get_by_role("link", name="Plakat (PDF)")).to_be_visible()
    card.locator("summary", has_text="Tablet-Modus").click()
    expect(card.locator("svg.qr")).to_be_visible()
    link = card.get_by_role("link", name="Tablet-Modus auf diesem Gerät öffnen")
    assert "/tablet/" in link.get_attribute("href")
    screenshot("tablet-0-staff-card")
