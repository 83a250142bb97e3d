from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from districts.models import Area
from surveys import blocks
from surveys.block_texts import REACH_BLOCK
from surveys.models import Option, OptionTranslation, Question, QuestionTranslation
from surveys.texts import SurveyTexts, translation_completeness
from tests.factories import (
    AreaFactory,
    OfferingFactory,
    OptionFactory,
    PageFactory,
    QuestionFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return SurveyFactory(languages=["de-ls", "en", "tr", "ar", "uk"])


def test_the_reach_block_asks_each_offering_and_follows_up_by_condition(survey) -> None:
    centre, advice = (
        OfferingFactory(name="Familienzentrum Mitte"),
        OfferingFactory(name="BuT-Beratung"),
    )
    blocks.add_reach_block(survey, [centre, advice])

    known = survey.questions.filter(block_key="known")
    assert [q.offering for q in known] == [centre, advice]
    assert known[0].text == "Kennen Sie Familienzentrum Mitte?"
    assert list(known[0].options.values_list("code", flat=True)) == [
        "not_known",
        "known_not_used",
        "used",
    ]
    assert {q.page_id for q in known} == {known[0].page_id}  # one page for all offerings
    helpful = survey.questions.get(block_key="helpful", offering=centre)
    barriers = survey.questions.get(block_key="barriers", offering=centre)
    assert helpful.show_if_option.code == "used"
    assert barriers.show_if_option.code == "known_not_used"
    assert helpful.page_id == barriers.page_id != known[0].page_id
    assert barriers.options.count() == 19
    assert barriers.options.get(code="barrier_18").is_other
    assert barriers.options.get(code="barrier_19").is_exclusive
    assert list(helpful.options.exclude(value=None).values_list("value", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert helpful.options.get(code="cannot_say").value is None


def test_the_reach_block_needs_an_offering(survey) -> None:
    with pytest.raises(ValueError, match="at least one offering"):
        blocks.add_reach_block(survey, [])
    assert survey.pages.count() == 0


def test_blocks_are_appended_after_existing_pages(survey) -> None:
    PageFactory(survey=survey, position=0)
    blocks.add_missing_block(survey)
    blocks.add_family_block(survey)
    titles = list(survey.pages.values_list("position", "title"))
    assert titles == [(0, "Fragen"), (1, "Was fehlt?"), (2, "Über Ihre Familie")]


def test_the_family_block_offers_the_districts_regions_and_is_optional(survey) -> None:
    region = AreaFactory(district=survey.district, level=Area.Level.BEZIRKSREGION, name="Kiez Nord")
    blocks.add_family_block(survey)
    home = survey.questions.get(block_key="home_area")
    assert home.options.get(area=region).text == "Kiez Nord"
    assert home.options.filter(code="dont_know").exists()
    assert not survey.questions.filter(required=True).exists()
    languages = survey.questions.get(block_key="languages")
    assert languages.options.filter(text="Türkçe").exists()


def test_block_texts_are_used_per_language_and_german_fills_the_gaps(survey) -> None:
    centre = OfferingFactory(name="Familienzentrum Mitte")
    blocks.add_reach_block(survey, [centre])
    known = survey.questions.get(block_key="known")
    arabic = SurveyTexts(survey, "ar")
    assert arabic.question(known) == REACH_BLOCK["known"]["question"]["ar"].format(
        offering="Familienzentrum Mitte"
    )
    # Ukrainian is offered but the blocks have no Ukrainian texts: German is shown.
    ukrainian = SurveyTexts(survey, "uk")
    assert ukrainian.question(known) == "Kennen Sie Familienzentrum Mitte?"
    # A language the survey does not offer is German altogether.
    assert SurveyTexts(survey, "ro").language == "de"


def test_completeness_counts_texts_per_language(survey) -> None:
    question = QuestionFactory(page__survey=survey, page__title="", text="Wie alt?", help_text="")
    first, second = OptionFactory(question=question), OptionFactory(question=question)
    # German texts: title, intro, question, two options = 5
    QuestionTranslation.objects.create(question=question, language="tr", text="Kaç yaşında?")
    OptionTranslation.objects.create(option=first, language="tr", text="bir")
    OptionTranslation.objects.create(option=second, language="tr", text="")
    result = translation_completeness(survey)
    assert result["tr"].total == 5
    assert result["tr"].translated == 2
    assert result["tr"].missing == 3
    assert result["uk"].translated == 0
    assert set(result) == {"de-ls", "en", "tr", "ar", "uk"}


def test_blocks_ship_complete_in_the_five_block_languages(survey) -> None:
    survey.title, survey.intro = "T", ""
    survey.save()
    for code in ("de-ls", "en", "tr", "ar"):
        survey.translations.create(language=code, title="T")
    blocks.add_reach_block(survey, [OfferingFactory()])
    blocks.add_family_block(survey)
    blocks.add_missing_block(survey)
    result = translation_completeness(survey)
    for code in ("de-ls", "en", "tr", "ar"):
        assert result[code].missing == 0, (code, result[code])
        assert result[code].percent == 100


def test_a_condition_must_come_from_an_earlier_page_of_the_same_survey(survey) -> None:
    first = PageFactory(survey=survey, position=0)
    second = PageFactory(survey=survey, position=1)
    earlier = OptionFactory(question__page=first)
    same_page = OptionFactory(question__page=second)
    foreign = OptionFactory()
    question = QuestionFactory(page=second, show_if_option=earlier)
    question.full_clean()
    for bad in (same_page, foreign):
        question.show_if_option = bad
        with pytest.raises(ValidationError) as error:
            question.full_clean()
        assert "show_if_option" in error.value.message_dict


def test_a_number_question_needs_a_sensible_range(survey) -> None:
    question = QuestionFactory.build(
        page=PageFactory(survey=survey),
        survey=survey,
        kind=Question.Kind.NUMBER,
        min_value=5,
        max_value=1,
    )
    with pytest.raises(ValidationError):
        question.clean()
    assert Option.objects.count() == 0
