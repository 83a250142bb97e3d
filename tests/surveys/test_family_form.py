"""The family form as a family uses it: start, pages, back, language, send, thanks."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, CollectionPointDay, OptionTranslation, Response, Survey
from tests import factories as f
from tests.surveys.test_family_fixtures import (
    FamilySurvey,
    answer_all,
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the local-memory cache outlives a test; its counters must not


@pytest.fixture
def family() -> FamilySurvey:
    return make_family_survey()


def test_start_page_shows_title_intro_privacy_note_and_start_button(client, family):
    response = client.get(family.point.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert "Was erreicht Familien?" in html
    assert "Wir möchten wissen, welche Angebote Sie kennen." in html
    assert "Bevor Sie anfangen" in html
    assert "Bezirksamt Charlottenburg-Wilmersdorf" in html
    assert "Die Teilnahme ist freiwillig." in html
    assert "mindestens 5 Personen" in html
    assert "Umfrage starten" in html
    assert html.index("Bevor Sie anfangen") < html.index("Umfrage starten")


def test_privacy_note_names_the_surveys_own_minimum_group_size(client):
    family = make_family_survey(min_group_size=7)
    assert "mindestens 7 Personen" in client.get(family.start_url()).text


def test_start_page_offers_every_language_under_its_own_name(client, family):
    html = client.get(family.start_url()).text
    assert 'href="?sprache=de"' not in html
    for code, name in (("de", "Deutsch"), ("en", "English"), ("ar", "العربية")):
        assert f'?sprache={code}" lang="{code}" hreflang="{code}"' in html
        assert f">{name}</a>" in html
    assert 'hreflang="de" aria-current="true">Deutsch' in html


def test_starting_creates_the_draft_counts_once_and_goes_to_the_first_page(client, family):
    response = start(client, family)
    assert response.status_code == 302
    assert response["Location"] == family.page_url(1)
    day = CollectionPointDay.objects.get(collection_point=family.point)
    assert day.starts == 1
    assert day.day == timezone.localdate()
    start(client, family)  # pressing start again (back button) keeps the same draft
    day.refresh_from_db()
    assert day.starts == 1


def test_the_draft_expires_after_the_configured_time(client, family, settings):
    settings.SURVEY_DRAFT_SECONDS = 1234
    start(client, family)
    assert client.session.get_expiry_age() == 1234


def test_a_page_shows_questions_with_progress_and_buttons(client, family):
    start(client, family)
    response = client.get(family.page_url(1))
    html = response.text
    assert response.status_code == 200
    assert "Kennen Sie das Familienzentrum?" in html
    assert "Schritt 1 von 2" in html  # the scale page is hidden until "used" is chosen
    assert '<progress max="2" value="1"' in html
    assert f'type="radio" id="q{family.known.pk}-o{family.used.pk}"' in html
    assert f'type="checkbox" id="q{family.needs.pk}-o{family.forms.pk}"' in html
    assert f'name="q{family.needs.pk}_other{family.other.pk}"' in html
    assert 'name="nav" value="next"' in html
    assert 'name="nav" value="back"' in html
    assert "Freiwillig – Sie müssen nicht antworten." in html  # "needs" is optional
    assert "Bitte beantworten Sie diese Frage." in html  # "known" is required


def test_answers_are_kept_when_the_family_comes_back_to_a_page(client, family):
    start(client, family)
    response = answer_first_page(client, family, **{family.needs.field_name: family.forms.pk})
    assert response["Location"] == family.page_url(2)
    html = client.get(family.page_url(1)).text
    assert f'value="{family.used.pk}" checked' in html
    assert f'value="{family.forms.pk}" checked' in html


def test_the_page_after_a_condition_is_skipped_when_it_does_not_apply(client, family):
    start(client, family)
    response = answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    assert response["Location"] == family.page_url(3)
    assert client.get(family.page_url(2))["Location"] == family.page_url(3)
    assert "Schritt 2 von 2" in client.get(family.page_url(3)).text


def test_back_saves_the_page_without_the_required_check_and_goes_back(client, family):
    start(client, family)
    answer_first_page(client, family)
    response = client.post(family.page_url(2), {"nav": "back"})
    assert response.status_code == 302
    assert response["Location"] == family.page_url(1)
    response = client.post(family.page_url(1), {"nav": "back"})
    assert response["Location"] == family.start_url()
    html = client.get(family.page_url(1)).text
    assert "checked" not in html  # the required answer was removed and that was accepted


def test_the_last_page_says_send_and_a_page_with_a_possible_follow_up_says_next(client, family):
    start(client, family)
    first = client.get(family.page_url(1)).text
    assert 'value="next"' in first
    assert ">Weiter<" in first
    answer_first_page(client, family)
    client.post(family.page_url(2), {"nav": "next"})
    last = client.get(family.page_url(3)).text
    assert 'value="send"' in last
    assert ">Absenden<" in last


def test_a_whole_survey_is_stored_as_one_response_with_its_answers(client, family):
    response = answer_all(client, family)
    assert response.status_code == 302
    assert response["Location"] == family.thanks_url
    stored = Response.objects.get()
    assert stored.survey == family.survey
    assert stored.collection_point == family.point
    assert stored.language == "de"
    assert stored.channel == Response.Channel.ONLINE
    assert stored.submitted_on == timezone.localdate()
    rows = {
        (a.question_id, a.option_id, a.number, a.text)
        for a in Answer.objects.filter(response=stored)
    }
    assert rows == {
        (family.known.pk, family.used.pk, None, ""),
        (family.needs.pk, family.forms.pk, None, ""),
        (family.needs.pk, family.other.pk, None, "Hilfe beim Wohnungsamt"),
        (family.helpful.pk, family.scale[3].pk, None, ""),
        (family.children.pk, None, 2, ""),
        (family.wish.pk, None, None, "Mehr Angebote am Samstag"),
    }


def test_answers_to_questions_hidden_later_are_dropped_when_sending(client, family):
    start(client, family)
    answer_first_page(client, family)
    client.post(family.page_url(2), {family.helpful.field_name: family.scale[0].pk, "nav": "next"})
    # The family goes back and changes "used" to "not known": the scale no longer applies.
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    client.post(family.page_url(3), {"nav": "send"})
    stored = Response.objects.get()
    assert not stored.answers.filter(question=family.helpful).exists()
    assert stored.answers.get(question=family.known).option == family.not_known


def test_choosing_an_answer_that_opens_a_follow_up_on_the_last_page_continues(client):
    family = make_family_survey()
    family.pages[2].questions.all().delete()  # now page 2 (conditional) would be the last
    start(client, family)
    response = answer_first_page(client, family)
    assert response["Location"] == family.page_url(2)
    assert Response.objects.count() == 0


def test_the_thank_you_page_is_in_the_familys_language(client, family):
    response = answer_all(client, family, language="ar")
    assert response["Location"] == family.thanks_url + "?sprache=ar"
    assert Response.objects.get().language == "ar"
    html = client.get(response["Location"]).text
    assert "شكرًا جزيلًا!" in html
    assert 'dir="rtl"' in html


def test_the_language_switch_on_a_page_changes_the_draft_and_redirects(client, family):
    start(client, family)
    response = client.get(family.page_url(1) + "?sprache=ar")
    assert response.status_code == 302
    assert response["Location"] == family.page_url(1)
    html = client.get(family.page_url(1)).text
    assert '<html lang="ar" dir="rtl">' in html
    assert "هل تعرفون مركز العائلة؟" in html
    assert "أستخدمها" in html
    assert "Kenne ich nicht" in html  # an option without translation falls back to German
    assert "التالي" in html


def test_a_language_the_survey_does_not_offer_is_ignored(client, family):
    html = client.get(family.start_url(sprache="tr")).text
    assert '<html lang="de" dir="ltr">' in html


def test_the_form_texts_fall_back_to_german_for_a_language_without_them(client, family):
    html = client.get(family.start_url(sprache="uk")).text
    assert '<html lang="uk" dir="ltr">' in html
    assert "Umfrage starten" in html
    assert "Was erreicht Familien?" in html


def test_an_arabic_page_is_right_to_left(client, family):
    html = client.get(family.start_url(sprache="ar")).text
    assert '<html lang="ar" dir="rtl">' in html
    assert "ما الذي يصل إلى العائلات؟" in html
    assert "بدء الاستبيان" in html
    assert 'aria-current="true">العربية' in html


def test_a_page_without_a_draft_leads_back_to_the_start(client, family):
    response = client.get(family.page_url(1))
    assert response.status_code == 302
    assert response["Location"] == family.start_url(abgelaufen="1")
    assert "Antworten gelöscht" in client.get(response["Location"]).text


def test_a_page_number_outside_the_survey_is_a_friendly_404(client, family):
    start(client, family)
    response = client.get(family.page_url(9))
    assert response.status_code == 404
    assert "Umfrage nicht gefunden" in response.text


def test_an_unknown_code_is_a_friendly_404_in_german(client):
    response = client.get(reverse("surveys:family_start", kwargs={"code": "zzzzzzzz"}))
    assert response.status_code == 404
    assert '<html lang="de"' in response.text
    assert "Umfrage nicht gefunden" in response.text


def test_an_inactive_collection_point_is_a_404(client, family):
    family.point.is_active = False
    family.point.save()
    assert client.get(family.start_url()).status_code == 404


def test_a_code_typed_with_capitals_and_dash_redirects_to_the_start(client, family):
    typed = family.point.display_code.upper()
    response = client.get(reverse("surveys:family_start", kwargs={"code": typed}))
    assert response.status_code == 302
    assert response["Location"] == family.start_url()


def test_the_code_page_leads_to_the_survey(client, family):
    url = reverse("surveys:family_code")
    assert "Code vom Plakat oder Flyer" in client.get(url).text
    response = client.get(url, {"code": f" {family.point.display_code.upper()} "})
    assert response.status_code == 302
    assert response["Location"] == family.start_url()


def test_the_code_page_says_when_a_code_is_unknown(client):
    response = client.get(reverse("surveys:family_code"), {"code": "abcd-efgh"})
    assert response.status_code == 200
    assert "Zu diesem Code finden wir keine Umfrage." in response.text
    assert 'aria-invalid="true"' in response.text


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("status", Survey.Status.DRAFT),
        ("status", Survey.Status.CLOSED),
        ("status", Survey.Status.ARCHIVED),
        ("closes_on", datetime.date(2020, 1, 31)),
        ("opens_on", datetime.date(2099, 1, 1)),
    ],
)
def test_a_survey_not_taking_answers_shows_a_friendly_page(client, change, value):
    family = make_family_survey(**{change: value})
    response = client.get(family.start_url(sprache="ar"))
    assert response.status_code == 200
    assert "انتهى هذا الاستبيان." in response.text
    response = start(client, family)
    assert response.status_code == 400
    assert "Diese Umfrage ist beendet." in response.text
    assert not CollectionPointDay.objects.exists()


def test_a_survey_closed_while_a_family_answers_stores_nothing(client, family):
    start(client, family)
    answer_first_page(client, family)
    Survey.objects.filter(pk=family.survey.pk).update(status=Survey.Status.CLOSED)
    response = client.post(family.page_url(2), {"nav": "next"})
    assert response.status_code == 400
    assert "Diese Umfrage ist beendet." in response.text
    assert Response.objects.count() == 0


def test_family_pages_are_not_cached_indexed_or_referred(client, family):
    response = client.get(family.start_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"  # no-referrer breaks the CSRF check
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Language"] == "de"


def test_staff_trying_the_form_stay_logged_in(client, family, coordinator_a):
    client.force_login(coordinator_a.user)
    answer_all(client, family)
    assert Response.objects.count() == 1
    assert (
        client.get(
            reverse("districts:home", kwargs={"district": family.survey.district.slug})
        ).status_code
        == 200
    )
    assert not any(key.startswith("survey-draft") for key in client.session.keys())  # noqa: SIM118 (a session is not iterable)


def test_two_collection_points_of_one_survey_keep_separate_drafts(client, family):
    second = f.CollectionPointFactory(survey=family.survey)
    start(client, family)
    answer_first_page(client, family)
    client.post(second.get_absolute_url(), {})
    html = client.get(
        reverse("surveys:family_page", kwargs={"code": second.code, "number": 1})
    ).text
    assert "checked" not in html


def test_a_free_text_asks_for_no_names_and_shows_its_limit(client, family):
    start(client, family)
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    html = client.get(family.page_url(3)).text
    assert "Bitte schreiben Sie keine Namen." in html
    assert "Höchstens 500 Zeichen" in html
    assert (
        f'<textarea id="q{family.wish.pk}" name="q{family.wish.pk}" rows="5" maxlength="500" dir="auto"'
        in html
    )
    assert 'type="number" inputmode="numeric"' in html
    assert 'min="0" max="10"' in html
    assert "Eine Zahl von 0 bis 10" in html


def test_a_scale_shows_faces_hidden_from_screen_readers(client, family):
    start(client, family)
    answer_first_page(client, family)
    html = client.get(family.page_url(2)).text
    assert html.count('<svg class="face" aria-hidden="true" focusable="false">') == 5
    assert "Kann ich nicht sagen" in html


def test_a_german_fallback_on_an_arabic_page_is_marked_as_german(client, family):
    start(client, family, language="ar")
    html = client.get(family.page_url(1)).text
    assert '<legend dir="auto" lang="de">Was brauchen Sie?</legend>' in html
    assert '<legend dir="auto">هل تعرفون مركز العائلة؟</legend>' in html


def test_a_page_needs_a_fixed_number_of_queries(client, family, django_assert_max_num_queries):
    start(client, family, language="ar")
    for n in range(20):
        option = f.OptionFactory(question=family.needs, position=10 + n, text=f"Mehr {n}")
        OptionTranslation.objects.create(option=option, language="ar", text=f"المزيد {n}")
    with django_assert_max_num_queries(10):
        response = client.get(family.page_url(1))
    assert "المزيد 19" in response.text
