"""Strict validation: every rejected input gets a message in the family's language and
stores nothing; posts the browser could not have sent from our page get status 400."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from surveys.models import Question, Response, Survey
from tests import factories as f
from tests.surveys.test_family_fixtures import (
    FamilySurvey,
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the local-memory cache outlives a test; its counters must not


INVALID = "Diese Antwort können wir nicht annehmen. Bitte wählen Sie noch einmal."


@pytest.fixture
def family(client) -> FamilySurvey:
    family = make_family_survey()
    start(client, family)
    return family


def post_first(client, family: FamilySurvey, data: dict) -> object:
    return client.post(family.page_url(1), {"nav": "next", **data})


def post_last(client, family: FamilySurvey, data: dict) -> object:
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    return client.post(family.page_url(3), {"nav": "send", **data})


def assert_rejected(response, status: int, message: str) -> None:
    assert response.status_code == status
    assert message in response.text
    assert Response.objects.count() == 0


def test_an_option_of_another_question_is_rejected(client, family):
    response = post_first(client, family, {family.known.field_name: family.forms.pk})
    assert_rejected(response, 400, INVALID)


def test_an_option_of_another_survey_is_rejected(client, family):
    foreign = f.OptionFactory()
    response = post_first(client, family, {family.known.field_name: foreign.pk})
    assert_rejected(response, 400, INVALID)


@pytest.mark.parametrize("value", ["999999", "abc", "1.5", "-3", "٣", "1" * 5000])
def test_an_unknown_or_malformed_option_id_is_rejected(client, family, value):
    response = post_first(client, family, {family.known.field_name: value})
    assert_rejected(response, 400, INVALID)


def test_a_field_of_a_question_on_another_page_is_rejected(client, family):
    response = post_first(
        client, family, {family.known.field_name: family.used.pk, family.children.field_name: "3"}
    )
    assert_rejected(response, 400, INVALID)


@pytest.mark.parametrize("name", ["q999999", "q0", "q999999_other1", "q" + "9" * 18])
def test_a_field_of_a_question_not_in_the_survey_is_rejected(client, family, name):
    response = post_first(client, family, {family.known.field_name: family.used.pk, name: "1"})
    assert_rejected(response, 400, INVALID)


def test_a_question_of_another_survey_is_rejected(client, family):
    foreign = f.QuestionFactory()
    response = post_first(
        client, family, {family.known.field_name: family.used.pk, foreign.field_name: "1"}
    )
    assert_rejected(response, 400, INVALID)


def test_several_answers_to_a_single_choice_question_are_rejected(client, family):
    response = post_first(
        client, family, {family.known.field_name: [family.used.pk, family.not_known.pk]}
    )
    assert_rejected(response, 400, "Bitte wählen Sie nur eine Antwort.")


def test_a_text_beside_an_option_that_asks_for_none_is_rejected(client, family):
    response = post_first(
        client,
        family,
        {
            family.known.field_name: family.used.pk,
            f"{family.needs.field_name}_other{family.forms.pk}": "Text",
        },
    )
    assert_rejected(response, 400, INVALID)


def test_an_answer_to_a_page_hidden_by_its_condition_is_rejected(client, family):
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    response = client.post(
        family.page_url(2), {family.helpful.field_name: family.scale[4].pk, "nav": "next"}
    )
    assert_rejected(response, 400, INVALID)


def test_an_answer_to_a_question_hidden_by_its_condition_is_rejected(client, family):
    hidden = f.QuestionFactory(
        page=family.pages[2],
        position=5,
        kind=Question.Kind.TEXT,
        text="Was gefällt Ihnen dort?",
        show_if_option=family.used,
    )
    response = post_last(client, family, {hidden.field_name: "Die Leute"})
    assert_rejected(response, 400, INVALID)


def test_a_hidden_question_is_not_shown(client, family):
    hidden = f.QuestionFactory(
        page=family.pages[2],
        position=5,
        kind=Question.Kind.TEXT,
        text="Was gefällt Ihnen dort?",
        show_if_option=family.used,
    )
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    html = client.get(family.page_url(3)).text
    # The field's name attribute, not the bare "q<id>", which a random short code may contain.
    field = f'name="{hidden.field_name}"'
    assert field not in html
    answer_first_page(client, family)
    assert field in client.get(family.page_url(3)).text


def test_a_text_over_the_limit_is_rejected(client, family):
    response = post_last(client, family, {family.wish.field_name: "x" * 501})
    assert_rejected(
        response, 400, "Der Text ist zu lang. Bitte schreiben Sie höchstens 500 Zeichen."
    )


def test_a_text_of_exactly_the_limit_with_line_breaks_is_accepted(client, family):
    text = ("y" * 99 + "\r\n") * 5  # 500 characters as the browser counts them
    response = post_last(client, family, {family.wish.field_name: text})
    assert response.status_code == 302
    stored = Response.objects.get().answers.get(question=family.wish).text
    assert len(stored) == 499  # the last line break is stripped
    assert "\r" not in stored


def test_an_other_text_over_the_limit_is_rejected(client, family):
    response = post_first(
        client,
        family,
        {
            family.known.field_name: family.used.pk,
            family.needs.field_name: family.other.pk,
            f"{family.needs.field_name}_other{family.other.pk}": "z" * 501,
        },
    )
    assert_rejected(response, 400, "Der Text ist zu lang.")


@pytest.mark.parametrize("value", ["11", "-1", "2.5", "zwei", "1e1", "99999999999999"])
def test_a_number_out_of_range_or_not_whole_is_rejected(client, family, value):
    response = post_last(client, family, {family.children.field_name: value})
    assert_rejected(response, 400, "Bitte geben Sie eine ganze Zahl von 0 bis 10 ein.")


def test_a_number_in_range_is_accepted(client, family):
    response = post_last(client, family, {family.children.field_name: " 10 "})
    assert response.status_code == 302
    assert Response.objects.get().answers.get(question=family.children).number == 10


def test_a_missing_required_answer_is_asked_for_without_status_400(client, family):
    response = post_first(client, family, {family.needs.field_name: family.forms.pk})
    assert_rejected(response, 200, "Bitte wählen Sie eine Antwort.")


def test_an_exclusive_option_with_others_is_asked_about(client, family):
    response = post_first(
        client,
        family,
        {
            family.known.field_name: family.used.pk,
            family.needs.field_name: [family.forms.pk, family.none.pk],
        },
    )
    assert_rejected(response, 200, "„Nichts davon“ passt nicht zu anderen Antworten.")


def test_a_missing_required_text_is_asked_for(client, family):
    family.wish.required = True
    family.wish.save()
    response = post_last(client, family, {family.wish.field_name: "   "})
    assert_rejected(response, 200, "Hier fehlt noch Ihre Antwort.")


def test_a_required_answer_skipped_with_back_is_asked_for_when_sending(client, family):
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    client.post(family.page_url(1), {"nav": "back"})  # "back" saves page 1 without its answer
    response = client.post(family.page_url(3), {family.wish.field_name: "Etwas", "nav": "send"})
    assert_rejected(response, 200, "Bitte wählen Sie eine Antwort.")
    assert "Kennen Sie das Familienzentrum?" in response.text  # the page with the gap
    assert f'action="{family.page_url(1)}"' in response.text


def test_messages_are_in_the_familys_language(client):
    family = make_family_survey()
    start(client, family, language="ar")
    response = post_first(client, family, {})
    assert_rejected(response, 200, "يُرجى اختيار إجابة.")
    assert "يُرجى مراجعة إجاباتكم" in response.text
    response = post_first(client, family, {family.known.field_name: "x"})
    assert_rejected(response, 400, "لا يمكننا قبول هذه الإجابة.")


def test_an_error_is_summarised_at_the_top_and_linked_to_its_field(client, family):
    html = post_first(client, family, {}).text
    first_input = f"q{family.known.pk}-o{family.not_known.pk}"
    summary = html.index('role="alert"')
    assert summary < html.index("<h1 ")
    assert f'<a href="#{first_input}">Bitte wählen Sie eine Antwort.</a>' in html
    fieldset = re.search(r'<fieldset class="q has-error" aria-describedby="([^"]+)"', html)
    assert fieldset is not None
    assert fieldset.group(1) == f"q{family.known.pk}-help q{family.known.pk}-error"
    assert f'id="q{family.known.pk}-error"' in html
    assert (
        f'id="{first_input}" name="q{family.known.pk}" value="{family.not_known.pk}" aria-invalid="true"'
        in html
    )


def test_what_was_entered_is_shown_again_after_an_error(client, family):
    html = post_first(
        client,
        family,
        {
            family.needs.field_name: family.other.pk,
            f"{family.needs.field_name}_other{family.other.pk}": "Eigener Text",
        },
    ).text
    assert f'value="{family.other.pk}" checked' in html
    assert 'value="Eigener Text"' in html


def test_a_rejected_page_does_not_change_the_saved_answers(client, family):
    answer_first_page(client, family, **{family.needs.field_name: family.forms.pk})
    post_first(
        client,
        family,
        {
            family.known.field_name: family.used.pk,
            family.needs.field_name: [family.forms.pk, family.none.pk],
        },
    )
    html = client.get(family.page_url(1)).text
    assert f'value="{family.forms.pk}" checked' in html
    assert f'value="{family.none.pk}" checked' not in html


def test_a_text_beside_something_else_ticks_it(client, family):
    post_first(
        client,
        family,
        {
            family.known.field_name: family.used.pk,
            f"{family.needs.field_name}_other{family.other.pk}": "Ohne Haken",
        },
    )
    html = client.get(family.page_url(1)).text
    assert f'value="{family.other.pk}" checked' in html
    assert 'value="Ohne Haken"' in html


def test_sending_to_a_closed_survey_is_rejected(client, family):
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    Survey.objects.filter(pk=family.survey.pk).update(status=Survey.Status.CLOSED)
    response = client.post(family.page_url(3), {"nav": "send"})
    assert_rejected(response, 400, "Diese Umfrage ist beendet.")


def test_a_huge_forged_field_name_is_rejected_not_a_crash(client, family):
    response = post_first(
        client, family, {family.known.field_name: family.used.pk, "q" + "9" * 500: "1"}
    )
    assert_rejected(response, 400, INVALID)


def test_a_number_in_arabic_digits_is_understood(client, family):
    response = post_last(client, family, {family.children.field_name: "٣"})
    assert response.status_code == 302
    assert Response.objects.get().answers.get(question=family.children).number == 3
