from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from surveys.models import Option, OptionTranslation, Page, Question, Survey
from tests.factories import (
    CollectionPointFactory,
    OptionFactory,
    PageFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, survey: Survey, **kwargs: object) -> str:
    return reverse(
        f"surveys:{name}",
        kwargs={"district": survey.district.slug, "survey": survey.pk, **kwargs},
    )


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a, status=Survey.Status.DRAFT)


@pytest.fixture
def first_page(survey):
    return PageFactory(survey=survey, position=0, title="Angebote")


@pytest.fixture
def second_page(survey):
    return PageFactory(survey=survey, position=1, title="Nachfragen")


@pytest.fixture
def known(first_page):
    question = QuestionFactory(page=first_page, text="Kennen Sie das Familienzentrum?")
    OptionFactory(question=question, text="Ja", position=0)
    OptionFactory(question=question, text="Nein", position=1)
    return question


def _options(*texts: str, existing: int = 0, **extra: str) -> dict[str, object]:
    data: dict[str, object] = {
        "options-TOTAL_FORMS": str(len(texts)),
        "options-INITIAL_FORMS": str(existing),
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for index, text in enumerate(texts):
        data[f"options-{index}-text"] = text
        data[f"options-{index}-ORDER"] = str(index + 1) if text else ""
    data.update(extra)
    return data


def _question(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {"kind": "single", "text": "Wie oft kommen Sie?", "help_text": ""}
    data.update(fields)
    return data


# --- pages ------------------------------------------------------------------------------------


def test_staff_add_a_page_at_the_end(staff, survey, first_page):
    response = staff.post(url("page_add", survey), {"title": "Ihre Familie", "intro": ""})
    page = Page.objects.get(title="Ihre Familie")
    assert response.status_code == 302
    assert (page.survey, page.position) == (survey, first_page.position + 1)


def test_staff_move_a_page_up(staff, survey, first_page, second_page):
    staff.post(url("page_move", survey, page=second_page.pk), {"direction": "up"})
    assert list(survey.pages.order_by("position").values_list("title", flat=True)) == [
        "Nachfragen",
        "Angebote",
    ]


def test_a_page_cannot_move_before_the_answer_its_questions_depend_on(
    staff, survey, first_page, second_page, known
):
    QuestionFactory(page=second_page, show_if_option=known.options.first())
    response = staff.post(
        url("page_move", survey, page=second_page.pk), {"direction": "up"}, follow=True
    )
    assert list(survey.pages.order_by("position")) == [first_page, second_page]
    assert len(list(response.context["messages"])) == 1


def test_deleting_a_page_deletes_its_questions(staff, survey, first_page, known):
    response = staff.post(url("page_delete", survey, page=first_page.pk))
    assert response.status_code == 302
    assert not Page.objects.exists()
    assert not Question.objects.exists()


def test_a_page_of_another_survey_is_not_found(staff, survey, district_a):
    other = PageFactory(survey=SurveyFactory(district=district_a))
    assert staff.get(url("page_edit", survey, page=other.pk)).status_code == 404
    assert staff.post(url("page_delete", survey, page=other.pk)).status_code == 404
    assert (
        staff.post(url("page_move", survey, page=other.pk), {"direction": "up"}).status_code == 404
    )
    assert Page.objects.filter(pk=other.pk).exists()


# --- questions -------------------------------------------------------------------------------


def test_staff_add_a_single_choice_question_with_its_answers(staff, survey, first_page):
    data = {**_question(required="on"), **_options("Jede Woche", "Selten", "", "")}
    response = staff.post(url("question_add", survey, page=first_page.pk), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.survey, question.page, question.required) == (survey, first_page, True)
    assert list(question.options.values_list("text", "position", "code")) == [
        ("Jede Woche", 0, "jede-woche"),
        ("Selten", 1, "selten"),
    ]


def test_a_choice_question_needs_two_answers(staff, survey, first_page):
    data = {**_question(), **_options("Nur eine", "")}
    response = staff.post(url("question_add", survey, page=first_page.pk), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        ("scale", ["scale_1", "scale_2", "scale_3", "scale_4", "scale_5", "cannot_say"]),
        ("yes_no", ["yes", "no", "dont_know"]),
    ],
)
def test_scale_and_yes_no_questions_get_their_fixed_answers_in_five_languages(
    staff, survey, first_page, kind, codes
):
    data = {**_question(kind=kind, text="Wie zufrieden sind Sie?"), **_options("", "")}
    staff.post(url("question_add", survey, page=first_page.pk), data)
    question = Question.objects.get()
    assert list(question.options.values_list("code", flat=True)) == codes
    languages = set(
        OptionTranslation.objects.filter(option__question=question).values_list(
            "language", flat=True
        )
    )
    assert languages == {"de-ls", "en", "tr", "ar"}
    assert OptionTranslation.objects.filter(option__question=question).count() == 4 * len(codes)


def test_the_yes_no_answers_read_ja_nein_weiss_ich_nicht(staff, survey, first_page):
    staff.post(url("question_add", survey, page=first_page.pk), _question(kind="yes_no"))
    texts = list(Option.objects.values_list("text", flat=True))
    assert texts == ["Ja", "Nein", "Weiß ich nicht"]


def test_a_number_question_needs_its_range(staff, survey, first_page):
    response = staff.post(
        url("question_add", survey, page=first_page.pk), _question(kind="number", min_value=1)
    )
    assert "max_value" in response.context["form"].errors
    staff.post(
        url("question_add", survey, page=first_page.pk),
        _question(kind="number", min_value=0, max_value=12),
    )
    assert Question.objects.get().options.count() == 0


def test_changing_a_question_to_scale_replaces_its_answers(staff, survey, first_page, known):
    data = {**_question(kind="scale", text=known.text), **_options("Ja", "Nein", existing=2)}
    staff.post(url("question_edit", survey, question=known.pk), data)
    known.refresh_from_db()
    assert known.kind == Question.Kind.SCALE
    assert known.options.count() == 6


def test_staff_edit_delete_and_reorder_answers(staff, survey, first_page, known):
    yes, no = known.options.order_by("position")
    data = {
        **_question(text=known.text),
        **_options("Ja, gut", "Nein", "Weiß nicht", existing=2),
        "options-0-id": yes.pk,
        "options-0-question": known.pk,
        "options-0-ORDER": "3",
        "options-1-id": no.pk,
        "options-1-question": known.pk,
        "options-1-DELETE": "on",
        "options-2-ORDER": "1",
        "options-2-is_exclusive": "on",
    }
    response = staff.post(url("question_edit", survey, question=known.pk), data)
    assert response.status_code == 302
    assert list(known.options.values_list("text", "position", "is_exclusive")) == [
        ("Weiß nicht", 0, True),
        ("Ja, gut", 1, False),
    ]


def test_an_answer_of_another_question_cannot_be_edited_through_the_form(
    staff, survey, first_page, known
):
    stranger = OptionFactory(question=QuestionFactory(page=first_page), text="Fremd")
    no = known.options.order_by("position").last()
    data = {
        **_question(text=known.text),
        **_options("Gekapert", "Nein", existing=2),
        "options-0-id": stranger.pk,
        "options-1-id": no.pk,
    }
    response = staff.post(url("question_edit", survey, question=known.pk), data)
    assert response.status_code == 200
    stranger.refresh_from_db()
    assert stranger.text == "Fremd"


def test_staff_move_a_question_down(staff, survey, first_page, known):
    other = QuestionFactory(page=first_page, text="Zweite Frage")
    Question.objects.filter(pk=known.pk).update(position=0)
    Question.objects.filter(pk=other.pk).update(position=1)
    staff.post(url("question_move", survey, question=known.pk), {"direction": "down"})
    assert list(first_page.questions.order_by("position")) == [other, known]


def test_a_question_of_another_survey_is_not_found_under_this_surveys_address(
    staff, survey, district_a
):
    other = QuestionFactory(page=PageFactory(survey=SurveyFactory(district=district_a)))
    assert staff.get(url("question_edit", survey, question=other.pk)).status_code == 404
    assert staff.post(url("question_delete", survey, question=other.pk)).status_code == 404
    assert Question.objects.filter(pk=other.pk).exists()


def test_a_question_cannot_be_added_to_a_page_of_another_survey(staff, survey, district_a):
    other = PageFactory(survey=SurveyFactory(district=district_a))
    response = staff.post(url("question_add", survey, page=other.pk), _question(kind="text"))
    assert response.status_code == 404
    assert not Question.objects.exists()


def test_viewers_cannot_add_questions(client, member, district_a, survey, first_page):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    page = url("question_add", survey, page=first_page.pk)
    assert client.get(page).status_code == 403
    assert client.post(page, _question(kind="text")).status_code == 403
    assert not Question.objects.exists()


# --- conditions -------------------------------------------------------------------------------


def test_a_condition_can_be_an_answer_on_an_earlier_page(staff, survey, second_page, known):
    yes = known.options.first()
    data = _question(kind="text", text="Was gefällt Ihnen?", show_if_option=yes.pk)
    response = staff.post(url("question_add", survey, page=second_page.pk), data)
    assert response.status_code == 302
    assert Question.objects.get(text="Was gefällt Ihnen?").show_if_option == yes


def test_the_condition_list_offers_only_answers_of_earlier_pages(
    staff, survey, first_page, second_page, known
):
    later = QuestionFactory(page=second_page)
    OptionFactory(question=later, text="Später")
    response = staff.get(url("question_add", survey, page=second_page.pk))
    offered = set(response.context["form"].fields["show_if_option"].queryset)
    assert offered == set(known.options.all())


def test_a_condition_on_the_same_page_is_refused(staff, survey, first_page, known):
    data = _question(kind="text", show_if_option=known.options.first().pk)
    response = staff.post(url("question_add", survey, page=first_page.pk), data)
    assert "show_if_option" in response.context["form"].errors
    assert Question.objects.count() == 1


def test_a_condition_on_a_later_page_is_refused(staff, survey, first_page, second_page, known):
    later = OptionFactory(question=QuestionFactory(page=second_page))
    data = _question(kind="text", show_if_option=later.pk)
    response = staff.post(url("question_add", survey, page=first_page.pk), data)
    assert "show_if_option" in response.context["form"].errors
    assert Question.objects.count() == 2


def test_a_condition_of_another_survey_is_refused(staff, survey, district_a, second_page):
    other_survey = SurveyFactory(district=district_a)
    foreign = OptionFactory(
        question=QuestionFactory(page=PageFactory(survey=other_survey, position=0))
    )
    data = _question(kind="text", show_if_option=foreign.pk)
    response = staff.post(url("question_add", survey, page=second_page.pk), data)
    assert "show_if_option" in response.context["form"].errors
    assert not Question.objects.filter(survey=survey).exists()


def test_an_answer_that_is_a_condition_cannot_be_deleted(
    staff, survey, first_page, second_page, known
):
    yes, no = known.options.order_by("position")
    QuestionFactory(page=second_page, show_if_option=yes)
    data = {
        **_question(text=known.text),
        **_options("Ja", "Nein", "Vielleicht", existing=2),
        "options-0-id": yes.pk,
        "options-0-DELETE": "on",
        "options-1-id": no.pk,
    }
    response = staff.post(url("question_edit", survey, question=known.pk), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert known.options.filter(pk=yes.pk).exists()


# --- locked once families have answered -------------------------------------------------------


@pytest.fixture
def answered(survey, first_page, known):
    ResponseFactory(collection_point=CollectionPointFactory(survey=survey))
    return survey


@pytest.mark.parametrize(
    ("name", "kwargs", "data"),
    [
        ("page_add", {}, {"title": "Neu"}),
        ("page_delete", {"page": "first"}, {}),
        ("page_move", {"page": "first"}, {"direction": "down"}),
        ("question_add", {"page": "first"}, {"kind": "text", "text": "Neu?"}),
        ("question_delete", {"question": "known"}, {}),
        ("question_move", {"question": "known"}, {"direction": "down"}),
        ("block_add", {"block": "missing"}, {}),
    ],
)
def test_a_survey_with_answers_refuses_structural_changes(
    staff, answered, first_page, known, name, kwargs, data
):
    objects = {"first": first_page.pk, "known": known.pk}
    kwargs = {k: objects.get(v, v) for k, v in kwargs.items()}
    before = (Page.objects.count(), Question.objects.count(), Option.objects.count())
    response = staff.post(url(name, answered, **kwargs), data)
    assert response.status_code == 400
    assert "bereits beantwortet" in response.content.decode()
    assert (Page.objects.count(), Question.objects.count(), Option.objects.count()) == before


def test_a_survey_with_answers_sends_the_add_page_back_with_a_message(staff, answered, first_page):
    response = staff.get(url("question_add", answered, page=first_page.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("detail", answered)
    assert "bereits beantwortet" in response.content.decode()


def test_a_survey_with_answers_still_lets_staff_correct_texts(staff, answered, first_page, known):
    yes, no = known.options.order_by("position")
    data = {
        **_question(text="Kennen Sie das Familienzentrum am Park?", kind="single"),
        **_options("Ja, kenne ich", "Nein", existing=2),
        "options-0-id": yes.pk,
        "options-1-id": no.pk,
    }
    response = staff.post(url("question_edit", answered, question=known.pk), data)
    assert response.status_code == 302
    known.refresh_from_db()
    yes.refresh_from_db()
    assert (known.text, yes.text) == ("Kennen Sie das Familienzentrum am Park?", "Ja, kenne ich")
    staff.post(url("page_edit", answered, page=first_page.pk), {"title": "Neuer Titel"})
    first_page.refresh_from_db()
    assert first_page.title == "Neuer Titel"


def test_a_forged_change_of_kind_on_a_survey_with_answers_is_a_bad_request(staff, answered, known):
    data = {**_question(kind="text", text=known.text), **_options(existing=0)}
    response = staff.post(url("question_edit", answered, question=known.pk), data)
    assert response.status_code == 400
    known.refresh_from_db()
    assert known.kind == Question.Kind.SINGLE
    assert known.options.count() == 2


def test_a_forged_extra_answer_on_a_survey_with_answers_is_a_bad_request(staff, answered, known):
    yes, no = known.options.order_by("position")
    data = {
        **_question(text=known.text),
        **_options("Ja", "Nein", "Neu", existing=2),
        "options-0-id": yes.pk,
        "options-1-id": no.pk,
    }
    assert staff.post(url("question_edit", answered, question=known.pk), data).status_code == 400
    assert known.options.count() == 2


# --- the builder page -------------------------------------------------------------------------


def test_the_builder_shows_conditions_blocks_and_answers(staff, survey, second_page, known):
    QuestionFactory(page=second_page, text="Was fehlt?", show_if_option=known.options.first())
    content = staff.get(url("detail", survey)).content.decode()
    assert "Kennen Sie das Familienzentrum?" in content
    assert "nur wenn „Kennen Sie das Familienzentrum?“ = „Ja“" in content


def test_the_builder_needs_the_same_queries_for_small_and_large_surveys(
    staff, survey, django_assert_max_num_queries
):
    for position in range(5):
        page = PageFactory(survey=survey, position=position)
        for _ in range(4):
            question = QuestionFactory(page=page)
            OptionFactory.create_batch(3, question=question)
    with django_assert_max_num_queries(20):
        assert staff.get(url("detail", survey)).status_code == 200
