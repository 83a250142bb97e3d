from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from surveys.models import CollectionPoint, Survey
from surveys.models.collection import CODE_ALPHABET, normalise_code
from tests.factories import CollectionPointFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


def test_an_open_survey_accepts_responses_only_within_its_period() -> None:
    survey = SurveyFactory(opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=7))
    assert survey.accepts_responses(TODAY)
    assert survey.accepts_responses(TODAY + datetime.timedelta(days=7))
    assert not survey.accepts_responses(TODAY - datetime.timedelta(days=1))
    assert not survey.accepts_responses(TODAY + datetime.timedelta(days=8))


@pytest.mark.parametrize("status", ["draft", "closed", "archived"])
def test_a_survey_that_is_not_open_accepts_nothing(status: str) -> None:
    assert not SurveyFactory(status=status).accepts_responses(TODAY)


def test_the_accepting_queryset_follows_the_same_rule() -> None:
    open_now = SurveyFactory()
    SurveyFactory(status=Survey.Status.DRAFT)
    SurveyFactory(closes_on=TODAY - datetime.timedelta(days=1))
    SurveyFactory(opens_on=TODAY + datetime.timedelta(days=1))
    assert list(Survey.objects.accepting(TODAY)) == [open_now]


def test_a_draft_without_questions_cannot_open() -> None:
    survey = SurveyFactory(status=Survey.Status.DRAFT)
    with pytest.raises(ValidationError):
        survey.move_to(Survey.Status.OPEN)
    QuestionFactory(page__survey=survey)
    survey.move_to(Survey.Status.OPEN)
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.OPEN


def test_an_archived_survey_cannot_reopen() -> None:
    survey = SurveyFactory(status=Survey.Status.ARCHIVED)
    with pytest.raises(ValidationError):
        survey.move_to(Survey.Status.OPEN)


def test_german_is_always_offered_and_comes_first() -> None:
    survey = SurveyFactory(languages=["ar", "de-ls", "tr"])
    assert survey.language_codes == ["de", "de-ls", "tr", "ar"]
    assert survey.offers("de")
    assert not survey.offers("uk")


def test_a_survey_cannot_close_before_it_opens() -> None:
    survey = SurveyFactory.build(opens_on=TODAY, closes_on=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        survey.clean()
    assert "closes_on" in error.value.message_dict


def test_collection_point_codes_are_short_typable_and_unique() -> None:
    codes = {CollectionPointFactory().code for _ in range(30)}
    assert len(codes) == 30
    for code in codes:
        assert len(code) == 8
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("01ilo")


def test_a_code_typed_from_paper_is_found() -> None:
    point = CollectionPointFactory()
    typed = f" {point.display_code.upper()} "
    assert CollectionPoint.objects.get(code=normalise_code(typed)) == point


def test_an_event_needs_a_name_and_an_offering_point_needs_the_offering() -> None:
    with pytest.raises(ValidationError):
        CollectionPointFactory.build(kind=CollectionPoint.Kind.EVENT, label="").clean()
    with pytest.raises(ValidationError):
        CollectionPointFactory.build(kind=CollectionPoint.Kind.OFFERING).clean()


def test_starts_are_counted_per_collection_point_and_day() -> None:
    point = CollectionPointFactory()
    point.count_start()
    point.count_start()
    assert point.days.get().starts == 2
