"""The family form's engine (surveys/family_form.py) without requests: conditions, skipped
pages, progress, reading a page, and storing a response all or nothing."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.http import QueryDict

from surveys.block_texts import FORM_TEXTS
from surveys.family_form import (
    SurveyStructure,
    complete_answers,
    form_text,
    form_texts,
    is_last_page,
    page_after,
    page_before,
    progress,
    read_page,
    submit_response,
    visible_pages,
    visible_question_ids,
)
from surveys.models import Answer, CollectionPointDay, Question, Response
from tests import factories as f
from tests.surveys.test_family_fixtures import FamilySurvey, make_family_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def family() -> FamilySurvey:
    return make_family_survey()


@pytest.fixture
def structure(family) -> SurveyStructure:
    return SurveyStructure.load(family.survey)


def used(family: FamilySurvey) -> dict:
    return {str(family.known.pk): {"options": [family.used.pk]}}


def posted(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in values.items():
        data.setlist(name, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return data


def test_the_structure_loads_in_three_queries(family, django_assert_num_queries):
    with django_assert_num_queries(3):
        structure = SurveyStructure.load(family.survey)
        [option.text for q in structure.questions.values() for option in q.option_list]
    assert [p.pk for p in structure.pages] == [p.pk for p in family.pages]
    assert list(structure.questions) == [
        family.known.pk,
        family.needs.pk,
        family.helpful.pk,
        family.children.pk,
        family.wish.pk,
    ]


def test_a_conditional_question_is_shown_only_after_its_answer(family, structure):
    assert family.helpful.pk not in visible_question_ids(structure, {})
    assert family.helpful.pk in visible_question_ids(structure, used(family))
    other = {str(family.known.pk): {"options": [family.not_known.pk]}}
    assert family.helpful.pk not in visible_question_ids(structure, other)


def test_a_condition_on_a_hidden_question_hides_its_follow_up_too(family, structure):
    follow_up = f.QuestionFactory(
        page=family.pages[2], position=9, text="Warum?", show_if_option=family.scale[0]
    )
    structure = SurveyStructure.load(family.survey)
    # The scale answer is still in the draft, but the scale itself is hidden now.
    answers = {
        str(family.known.pk): {"options": [family.not_known.pk]},
        str(family.helpful.pk): {"options": [family.scale[0].pk]},
    }
    assert follow_up.pk not in visible_question_ids(structure, answers)
    answers[str(family.known.pk)] = {"options": [family.used.pk]}
    assert follow_up.pk in visible_question_ids(structure, answers)


def test_visibility_is_worked_out_once_per_request_and_answer_to_a_condition(family):
    first = SurveyStructure.for_family(family.survey)
    assert first.condition_parents == (family.known.pk,)
    shown = visible_question_ids(first, {})
    # Answers no condition asks about give the same, without working it out again.
    assert visible_question_ids(first, {str(family.wish.pk): {"text": "Mehr"}}) is shown
    assert visible_question_ids(first, used(family)) != shown
    assert len(first.shown_memo) == 2
    # The next request starts empty: the cached structure keeps no family's answers.
    assert SurveyStructure.for_family(family.survey).shown_memo == {}


def test_a_condition_loop_never_shows_and_never_hangs(family):
    Question.objects.filter(pk=family.known.pk).update(show_if_option=family.scale[0])
    structure = SurveyStructure.load(family.survey)
    shown = visible_question_ids(structure, used(family))
    assert family.known.pk not in shown
    assert family.helpful.pk not in shown
    assert family.needs.pk in shown


def test_pages_without_a_shown_question_are_skipped(family, structure):
    assert visible_pages(structure, {}) == [family.pages[0], family.pages[2]]
    assert visible_pages(structure, used(family)) == family.pages
    assert page_after(structure, {}, family.pages[0]) == family.pages[2]
    assert page_after(structure, used(family), family.pages[0]) == family.pages[1]
    assert page_before(structure, {}, family.pages[2]) == family.pages[0]
    assert page_before(structure, {}, family.pages[0]) is None


def test_progress_counts_the_pages_the_family_sees(family, structure):
    step = progress(structure, {}, family.pages[2])
    assert (step.current, step.total) == (2, 2)
    step = progress(structure, used(family), family.pages[2])
    assert (step.current, step.total) == (3, 3)


def test_a_page_is_last_only_if_no_answer_on_it_can_open_another(family, structure):
    family.pages[2].questions.all().delete()
    structure = SurveyStructure.load(family.survey)
    assert not is_last_page(structure, {}, family.pages[0])  # "used" would open page 2
    assert is_last_page(structure, used(family), family.pages[1])


def test_reading_a_page_keeps_valid_answers_and_flags_problems(family, structure):
    result = read_page(
        structure,
        family.pages[0],
        {},
        posted(
            **{
                family.known.field_name: family.used.pk,
                family.needs.field_name: [family.forms.pk, family.childcare.pk],
                "csrfmiddlewaretoken": "x",
                "nav": "next",
            }
        ),
    )
    assert result.valid
    assert result.answers == {
        str(family.known.pk): {"options": [family.used.pk]},
        str(family.needs.pk): {"options": [family.forms.pk, family.childcare.pk]},
    }


@pytest.mark.parametrize(
    ("values", "key", "tampered"),
    [
        ({"known": "used", "needs": ["forms", "none"]}, "error_exclusive", False),
        ({"needs": ["forms"]}, "error_choose_answer", False),
        ({"known": ["used", "not_known"]}, "error_one_answer", True),
        ({"known": "forms"}, "error_invalid", True),
    ],
)
def test_page_errors_say_what_is_wrong(family, structure, values, key, tampered):
    data = {
        getattr(family, name).field_name: [
            getattr(family, o).pk for o in ([v] if isinstance(v, str) else v)
        ]
        for name, v in values.items()
    }
    result = read_page(structure, family.pages[0], {}, posted(**data))
    errors = list(result.errors.values())
    assert [e.key for e in errors] == [key]
    assert result.tampered is tampered
    assert not result.valid


def test_complete_answers_drops_answers_to_hidden_questions(family, structure):
    answers = {
        str(family.known.pk): {"options": [family.not_known.pk]},
        str(family.helpful.pk): {"options": [family.scale[0].pk]},
        str(family.children.pk): {"number": 3},
        "999999": {"text": "gone"},
    }
    completion = complete_answers(structure, answers)
    assert completion.complete
    assert completion.answers == {
        str(family.known.pk): {"options": [family.not_known.pk]},
        str(family.children.pk): {"number": 3},
    }


def test_complete_answers_lists_required_questions_still_open(family, structure):
    completion = complete_answers(structure, {})
    assert [(page, q) for page, q in completion.missing] == [(family.pages[0], family.known)]


def test_submit_stores_one_response_with_a_row_per_option(family, structure):
    answers = {
        **used(family),
        str(family.needs.pk): {
            "options": [family.forms.pk, family.other.pk],
            "other": {str(family.other.pk): "Bus"},
        },
        str(family.wish.pk): {"text": "Mehr Platz"},
    }
    response = submit_response(
        structure, collection_point=family.point, language="ar", answers=answers
    )
    assert response.language == "ar"
    assert response.answers.count() == 4
    assert response.answers.get(option=family.other).text == "Bus"


def test_submit_stores_german_for_a_language_the_survey_does_not_offer(family, structure):
    response = submit_response(
        structure, collection_point=family.point, language="tr", answers=used(family)
    )
    assert response.language == "de"


def answer_of_no_question(**fields: object) -> Answer:
    """An answer the database refuses (its question does not exist): the write fails."""
    answer = Answer(**fields)
    answer.question_id = 999_999
    return answer


@pytest.mark.django_db(transaction=True)
def test_submit_writes_nothing_when_an_answer_fails(family, structure):
    with (
        mock.patch("surveys.family_store.Answer", side_effect=answer_of_no_question),
        pytest.raises(IntegrityError),
    ):
        submit_response(
            structure, collection_point=family.point, language="de", answers=used(family)
        )
    assert Response.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_submit_inside_a_callers_transaction_fails_that_transaction_as_a_whole(family, structure):
    # No savepoint of its own: what the caller wrote before goes too (the send's session).
    def send() -> None:
        with transaction.atomic():
            family.point.count_start()
            submit_response(
                structure, collection_point=family.point, language="de", answers=used(family)
            )

    with (
        mock.patch("surveys.family_store.Answer", side_effect=answer_of_no_question),
        pytest.raises(IntegrityError),
    ):
        send()
    assert Response.objects.count() == 0
    assert not CollectionPointDay.objects.exists()


def test_form_texts_fall_back_to_german():
    assert form_text("start", "uk") == "Umfrage starten"
    assert form_text("start", "tr") == "Ankete başla"
    assert form_texts("ar", district="Mitte")["info"]["who"].count("Mitte") == 1


def test_form_texts_with_numbers_have_the_same_numbers_in_every_language():
    for key, leaf in FORM_TEXTS.items():
        if not all(isinstance(v, str) for v in leaf.values()) or "%(" not in leaf["de"]:
            continue
        names = set(re.findall(r"%\((\w+)\)s", leaf["de"]))
        for language, text in leaf.items():
            assert set(re.findall(r"%\((\w+)\)s", text)) == names, (key, language)
            text % dict.fromkeys(names, 7)


def test_the_district_name_is_isolated_in_right_to_left_texts():
    arabic = form_text("info.who", "ar", district="Charlottenburg-Wilmersdorf")
    assert "\u2068Charlottenburg-Wilmersdorf\u2069" in arabic
    german = form_text("info.who", "de", district="Charlottenburg-Wilmersdorf")
    assert "Bezirksamt Charlottenburg-Wilmersdorf." in german
