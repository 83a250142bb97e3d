"""A staff member types in returned paper questionnaires with the keyboard only, and makes
a batch of one-time access codes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import District, Membership
from surveys.models import AccessCode, Answer, Question, Response
from tests import factories as f
from tests.surveys.test_family_fixtures import make_family_survey

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "sicheres-passwort-123"  # of UserFactory


def _staff(district: District) -> str:
    user = f.UserFactory(username="fachkraft", first_name="Dilek", last_name="Yılmaz")
    f.MembershipFactory(user=user, district=district, role=Membership.Role.STAFF)
    return user.username


def test_staff_enter_two_paper_questionnaires_with_the_keyboard(
    page, live_server, log_in, screenshot
):
    district = District.objects.get(number="04")
    family = make_family_survey(district=district)
    barriers = f.QuestionFactory(
        page=family.pages[1],
        position=1,
        kind=Question.Kind.MULTIPLE,
        text="Was hält Sie ab, das Familienzentrum zu nutzen?",
        show_if_option=family.known_not_used,
    )
    f.OptionFactory(question=barriers, position=0, text="Zu weit weg")
    f.OptionFactory(question=barriers, position=1, text="Öffnungszeiten passen nicht")
    log_in(_staff(district), PASSWORD)
    url = reverse(
        "surveys:paper_entry", kwargs={"district": district.slug, "survey": family.survey.pk}
    )
    page.goto(live_server.url + url)
    screenshot("paper-entry")
    keys = page.keyboard

    # The only collection point is chosen already, so the first question has the focus.
    first = page.locator(f"#q{family.known.pk}-none")
    assert first.evaluate("el => el === document.activeElement")
    keys.press("Shift+Tab")  # back to the questionnaire's language
    keys.type("Arab")
    keys.press("Tab")
    for _ in range(3):
        keys.press("ArrowDown")  # 3 = "Nutze ich"
    keys.press("Tab")  # question 2, first box
    keys.press("Space")  # 1 = help with forms
    keys.press("Tab")
    keys.press("Tab")
    keys.press("Space")  # 3 = something else …
    keys.press("Tab")
    keys.type("Hilfe beim Wohnungsamt")  # … with its text
    keys.press("Tab")  # 4 = none of these, left empty
    keys.press("Tab")  # question 3
    for _ in range(4):
        keys.press("ArrowDown")  # 4 on the scale
    keys.press("Tab")  # question 4 (not for this family): two boxes left empty
    keys.press("Tab")
    keys.press("Tab")  # question 5
    keys.type("2")
    keys.press("Tab")  # question 6
    keys.type("Mehr Angebote am Samstag")
    keys.press("Tab")  # the save button
    keys.press("Enter")
    page.wait_for_url("**?stelle=*")
    assert "Fragebogen gespeichert (Nr. 1 heute)." in page.locator(".messages").inner_text()

    # The second questionnaire: "Kenne ich nicht", and Enter saves right from the answer.
    assert page.locator(f"#q{family.known.pk}-none").evaluate("el => el === document.activeElement")
    assert page.locator(f"#q{family.children.pk}").input_value() == ""
    keys.press("ArrowDown")
    keys.press("Enter")
    page.get_by_text("Fragebogen gespeichert (Nr. 2 heute).").wait_for()

    first_response, second_response = Response.objects.order_by("pk")
    assert (first_response.channel, first_response.language) == (Response.Channel.PAPER, "ar")
    assert first_response.submitted_on == timezone.localdate()
    assert second_response.language == "ar"  # the language stays for the next questionnaire
    assert set(
        Answer.objects.filter(response=first_response).values_list("option__text", "number", "text")
    ) == {
        ("Nutze ich", None, ""),
        ("Hilfe bei Anträgen", None, ""),
        ("Etwas anderes", None, "Hilfe beim Wohnungsamt"),
        ("Stufe 4", None, ""),
        (None, 2, ""),
        (None, None, "Mehr Angebote am Samstag"),
    }
    assert list(
        Answer.objects.filter(response=second_response).values_list("option__text", flat=True)
    ) == ["Kenne ich nicht"]


def test_a_wrong_entry_is_shown_with_its_message(page, live_server, log_in, screenshot):
    district = District.objects.get(number="04")
    family = make_family_survey(district=district)
    fest = f.CollectionPointFactory(survey=family.survey, kind="event", label="Kiezfest 12. Juni")
    log_in(_staff(district), PASSWORD)
    url = reverse(
        "surveys:paper_entry", kwargs={"district": district.slug, "survey": family.survey.pk}
    )
    page.goto(live_server.url + url)
    page.get_by_label("Sammelstelle").select_option(str(fest.pk))
    page.locator(f"#q{family.known.pk}-o{family.not_known.pk}").check()
    page.locator(f"#q{family.helpful.pk}-o{family.scale[1].pk}").check()
    page.locator(f"#q{family.needs.pk}-o{family.forms.pk}").check()
    page.locator(f"#q{family.needs.pk}-o{family.none.pk}").check()
    page.get_by_role("button", name="Fragebogen speichern").click()
    alert = page.locator("#errors")
    assert (
        "Diese Frage gilt nur, wenn Frage 1 mit „Nutze ich“ beantwortet wurde."
        in alert.inner_text()
    )
    assert (
        "„Nichts davon“ kann nicht mit anderen Antworten kombiniert werden." in alert.inner_text()
    )
    assert alert.evaluate("el => el === document.activeElement")
    screenshot("paper-entry-errors")
    assert Response.objects.count() == 0


def test_staff_make_a_batch_of_access_codes(page, live_server, log_in, screenshot):
    district = District.objects.get(number="04")
    survey = f.SurveyFactory(
        district=district,
        title="Was brauchen Eltern der Kita Sonnenschein?",
        requires_access_code=True,
    )
    offering = f.OfferingFactory(district=district, name="Kita Sonnenschein")
    point = f.CollectionPointFactory(survey=survey, kind="offering", offering=offering)
    used = f.AccessCodeBatchFactory(survey=survey, size=40, note="Elternabend März")
    AccessCode.objects.filter(pk__in=list(used.codes.values_list("pk", flat=True)[:27])).update(
        is_used=True
    )
    log_in(_staff(district), PASSWORD)
    url = reverse("surveys:access_codes", kwargs={"district": district.slug, "survey": survey.pk})
    page.goto(live_server.url + url)
    page.get_by_label("Anzahl der Codes").fill("60")
    page.get_by_label("Sammelstelle (optional)").select_option(str(point.pk))
    page.get_by_label("Notiz").fill("Sommerfest, Stand der Kita")
    page.get_by_role("button", name="Codes erstellen").click()
    page.get_by_text("60 Zugangscodes wurden erstellt.").wait_for()
    assert AccessCode.objects.filter(survey=survey).count() == 100
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert "Sommerfest, Stand der Kita" in rows.nth(0).inner_text()
    older = rows.nth(1).locator("td")
    assert [older.nth(i).inner_text() for i in (1, 2)] == ["27 von 40", "13"]
    screenshot("access-codes")
