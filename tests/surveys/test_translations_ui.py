from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from surveys.models import (
    OptionTranslation,
    PageTranslation,
    QuestionTranslation,
    Survey,
    SurveyTranslation,
)
from surveys.texts import SurveyTexts, translation_completeness
from tests.factories import OptionFactory, PageFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def url(name: str, survey: Survey, **kwargs: object) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"district": survey.district.slug, "survey": survey.pk, **kwargs}
    )


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


@pytest.fixture
def survey(district_a):
    """Title, intro, a page title, a question with help text and two answers: 7 German texts."""
    survey = SurveyFactory(
        district=district_a,
        status=Survey.Status.DRAFT,
        title="Was hilft Ihrer Familie?",
        intro="Die Umfrage dauert 5 Minuten.",
        languages=["en", "ar"],
    )
    page = PageFactory(survey=survey, title="Angebote", intro="")
    question = QuestionFactory(
        page=page, text="Kennen Sie das Elterncafé?", help_text="Eine Antwort"
    )
    OptionFactory(question=question, text="Ja", position=0)
    OptionFactory(question=question, text="Nein", position=1)
    return survey


def _names(survey: Survey) -> dict[str, str]:
    page = survey.pages.get()
    question = page.questions.get()
    yes, no = question.options.order_by("position")
    return {
        "title": f"survey-{survey.pk}-title",
        "intro": f"survey-{survey.pk}-intro",
        "page": f"page-{page.pk}-title",
        "question": f"question-{question.pk}-text",
        "help": f"question-{question.pk}-help_text",
        "yes": f"option-{yes.pk}-text",
        "no": f"option-{no.pk}-text",
    }


def test_the_form_lists_every_german_text_and_nothing_empty(staff, survey):
    response = staff.get(url("translate", survey, language="ar"))
    form = response.context["form"]
    names = _names(survey)
    assert set(form.fields) == set(names.values())  # the empty page intro is not offered
    content = response.content.decode()
    assert "Kennen Sie das Elterncafé?" in content
    assert 'lang="ar"' in content
    assert 'dir="rtl"' in content


def test_left_to_right_languages_get_no_rtl(staff, survey):
    content = staff.get(url("translate", survey, language="en")).content.decode()
    assert 'lang="en"' in content
    assert 'dir="rtl"' not in content


def test_saving_the_form_stores_the_texts_that_survey_texts_then_returns(staff, survey):
    names = _names(survey)
    data = {name: "" for name in names.values()}
    data.update(
        {
            names["title"]: "ما الذي يساعد عائلتكم؟",
            names["question"]: "هل تعرفون مقهى الأهل؟",
            names["yes"]: "نعم",
        }
    )
    response = staff.post(url("translate", survey, language="ar"), data)
    assert response.status_code == 302
    texts = SurveyTexts(survey, "ar")
    page = survey.pages.get()
    question = page.questions.get()
    yes, no = question.options.order_by("position")
    assert texts.title == "ما الذي يساعد عائلتكم؟"
    assert texts.question(question) == "هل تعرفون مقهى الأهل؟"
    assert texts.option(yes) == "نعم"
    # Empty fields fall back to German.
    assert texts.intro == "Die Umfrage dauert 5 Minuten."
    assert texts.option(no) == "Nein"
    assert texts.page_title(page) == "Angebote"
    assert not PageTranslation.objects.exists()


def test_completeness_counts_the_saved_translations(staff, survey):
    names = _names(survey)
    data = {name: "" for name in names.values()}
    data.update({names["title"]: "What helps your family?", names["yes"]: "Yes", names["no"]: "No"})
    staff.post(url("translate", survey, language="en"), data)
    done = translation_completeness(survey)
    assert (done["en"].translated, done["en"].total, done["en"].missing) == (3, 7, 4)
    assert done["en"].percent == 43
    assert done["ar"].translated == 0
    content = staff.get(url("translations", survey)).content.decode()
    assert "43 %" in content
    assert "4 Texte fehlen" in content


def test_emptying_a_field_removes_the_translation(staff, survey):
    names = _names(survey)
    SurveyTranslation.objects.create(survey=survey, language="en", title="Old", intro="")
    data = {name: "" for name in names.values()}
    staff.post(url("translate", survey, language="en"), data)
    assert not SurveyTranslation.objects.exists()


def test_existing_translations_are_prefilled_and_updated_not_duplicated(staff, survey):
    names = _names(survey)
    question = survey.pages.get().questions.get()
    QuestionTranslation.objects.create(question=question, language="en", text="Do you know it?")
    form = staff.get(url("translate", survey, language="en")).context["form"]
    assert form[names["question"]].value() == "Do you know it?"
    data = {name: "" for name in names.values()}
    data[names["question"]] = "Do you know the parents' café?"
    staff.post(url("translate", survey, language="en"), data)
    assert list(QuestionTranslation.objects.values_list("text", flat=True)) == [
        "Do you know the parents' café?"
    ]


def test_a_text_over_the_limit_is_refused_and_nothing_is_saved(staff, survey):
    names = _names(survey)
    data = {name: "" for name in names.values()}
    data[names["title"]] = "Fine"
    data[names["yes"]] = "x" * 301
    response = staff.post(url("translate", survey, language="en"), data)
    assert response.status_code == 200
    assert names["yes"] in response.context["form"].errors
    assert not SurveyTranslation.objects.exists()
    assert not OptionTranslation.objects.exists()


@pytest.mark.parametrize("language", ["xx", "de", "tr"])
def test_an_unknown_german_or_not_offered_language_is_not_found(staff, survey, language):
    assert staff.get(url("translate", survey, language=language)).status_code == 404
    assert staff.post(url("translate", survey, language=language), {}).status_code == 404


def test_viewers_read_the_completeness_but_cannot_translate(client, member, district_a, survey):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert client.get(url("translations", survey)).status_code == 200
    assert client.get(url("translate", survey, language="ar")).status_code == 403
    assert client.post(url("translate", survey, language="ar"), {}).status_code == 403


def test_translating_another_districts_survey_is_not_found(staff, district_b):
    foreign = SurveyFactory(district=district_b)
    assert staff.get(url("translate", foreign, language="ar")).status_code == 404


def test_the_translate_form_needs_the_same_queries_for_small_and_large_surveys(
    staff, survey, django_assert_max_num_queries
):
    for position in range(1, 5):
        page = PageFactory(survey=survey, position=position, intro="Bitte lesen")
        for _ in range(5):
            OptionFactory.create_batch(4, question=QuestionFactory(page=page, help_text="Hilfe"))
    with django_assert_max_num_queries(14):
        assert staff.get(url("translate", survey, language="ar")).status_code == 200


def test_the_preview_shows_the_translation_right_to_left(staff, survey):
    question = survey.pages.get().questions.get()
    QuestionTranslation.objects.create(question=question, language="ar", text="هل تعرفون؟")
    content = staff.get(url("preview", survey) + "?sprache=ar").content.decode()
    assert "هل تعرفون؟" in content
    assert 'lang="ar" dir="rtl"' in content
    # Untranslated texts are shown in German.
    assert "Was hilft Ihrer Familie?" in content


def test_the_preview_notes_conditions(staff, survey):
    question = survey.pages.get().questions.get()
    later = PageFactory(survey=survey, position=5)
    QuestionFactory(page=later, text="Wie oft?", show_if_option=question.options.first())
    content = staff.get(url("preview", survey)).content.decode()
    assert "„Kennen Sie das Elterncafé?“" in content


def test_the_preview_of_a_language_not_offered_falls_back_to_german(staff, survey):
    response = staff.get(url("preview", survey) + "?sprache=tr")
    assert response.context["language"].code == "de"
