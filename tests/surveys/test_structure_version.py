"""Every way the app writes a survey's pages, questions, options or translations gives the
survey a new structure version: the family form's per-process cache depends on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from surveys.models import (
    Option,
    OptionTranslation,
    Page,
    PageTranslation,
    Question,
    QuestionTranslation,
    Survey,
    SurveyTranslation,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_surveys() -> tuple[dict[str, Any], Survey]:
    option = f.OptionFactory()
    question = option.question
    rows = {
        "page": question.page,
        "question": question,
        "option": option,
        "survey_translation": SurveyTranslation.objects.create(
            survey=question.survey, language="en", title="A"
        ),
        "page_translation": PageTranslation.objects.create(
            page=question.page, language="en", title="A"
        ),
        "question_translation": QuestionTranslation.objects.create(
            question=question, language="en", text="A"
        ),
        "option_translation": OptionTranslation.objects.create(
            option=option, language="en", text="A"
        ),
    }
    other = f.OptionFactory().question.survey
    return rows, other


def version(survey: Survey) -> Any:
    return Survey.objects.values_list("structure_version", flat=True).get(pk=survey.pk)


TEXT_FIELD = {
    "page": "title",
    "question": "text",
    "option": "text",
    "survey_translation": "title",
    "page_translation": "title",
    "question_translation": "text",
    "option_translation": "text",
}

WRITES: dict[str, Callable[[Any, str], None]] = {
    "save": lambda row, field: (setattr(row, field, "B"), row.save()),  # type: ignore[dict-item]
    "queryset update": lambda row, field: (
        type(row).objects.filter(pk=row.pk).update(**{field: "B"})
    ),
    "bulk_update": lambda row, field: (
        setattr(row, field, "B"),
        type(row).objects.bulk_update([row], [field]),
    ),
    "delete": lambda row, field: row.delete(),
    "queryset delete": lambda row, field: type(row).objects.filter(pk=row.pk).delete(),
}


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("kind", TEXT_FIELD)
def test_every_write_of_a_structure_row_gives_its_survey_a_new_version(two_surveys, kind, write):
    rows, other = two_surveys
    row = rows[kind]
    survey = rows["question"].survey
    before, other_before = version(survey), version(other)
    WRITES[write](row, TEXT_FIELD[kind])
    assert version(survey) != before
    assert version(other) == other_before  # only the survey written to


def test_creating_rows_one_by_one_and_in_bulk_gives_a_new_version(two_surveys):
    rows, _ = two_surveys
    question = rows["question"]
    survey = question.survey
    seen = {version(survey)}
    Page.objects.create(survey=survey, position=5)
    seen.add(version(survey))
    Option.objects.bulk_create([Option(question=question, text="neu", position=9)])
    seen.add(version(survey))
    new_option = Option.objects.get(text="neu")
    OptionTranslation.objects.bulk_create([OptionTranslation(option=new_option, language="ar")])
    seen.add(version(survey))
    question.options.create(text="über den verwandten Manager", position=10)
    seen.add(version(survey))
    assert len(seen) == 5


def test_answers_and_unrelated_saves_keep_the_version(two_surveys):
    rows, _ = two_surveys
    question = rows["question"]
    survey = question.survey
    before = version(survey)
    response = f.ResponseFactory(survey=survey)
    f.AnswerFactory(response=response, question=question, option=rows["option"])
    f.CollectionPointFactory(survey=survey)
    assert version(survey) == before
    assert Question.objects.filter(survey=survey).count() == 1
