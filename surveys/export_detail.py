"""How recognisable the rows of the coordinator's export are, and the coarsened export.

A response is "unique" when no other response of the survey shares its home area, survey
language, household type and number of children: with a little outside knowledge ("the
Arabic-speaking single mother of four in Westend") that row is a person. Before download the
coordinator sees how many rows are unique as answered, and how many once the home area is a
Bezirksregion (not a Planungsraum) and the number of children a band; the coarsened export
is the default.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Max, When
from django.utils.translation import pgettext

from districts.models import Area
from surveys.models import Option, Question, Response, Survey

KEYS = ("home_area", "household", "children")
# The children question's answers grouped: one or two, three or more.
CHILDREN_BANDS = {"one": "small", "two": "small", "three": "large", "four_or_more": "large"}


def band_text(band: str) -> str:
    return {
        "small": pgettext("export band", "1 or 2 children"),
        "large": pgettext("export band", "3 or more children"),
    }[band]


@dataclass(frozen=True)
class Uniqueness:
    responses: int
    unique: int  # unique on area × language × household × children, as answered
    unique_coarse: int  # the same with Bezirksregion and children bands


def key_questions(survey: Survey) -> dict[str, Question]:
    """The family block's questions a row can be recognised by (first of each key)."""
    found: dict[str, Question] = {}
    for question in Question.objects.filter(
        survey=survey, block=Question.Block.FAMILY, block_key__in=KEYS
    ).order_by("page__position", "position", "pk"):
        found.setdefault(question.block_key, question)
    return found


def coarse_options(questions: dict[str, Question]) -> dict[int, str]:
    """Option id → its coarse value: a home area's Bezirksregion, a children band."""
    out: dict[int, str] = {}
    if "home_area" in questions:
        for option in Option.objects.filter(question=questions["home_area"]).select_related("area"):
            area = option.area
            if area is None:
                out[option.pk] = option.code
            elif area.level == Area.Level.PLANUNGSRAUM:
                out[option.pk] = Area.parent_code(area.code)
            else:
                out[option.pk] = area.code
    if "children" in questions:
        for option in Option.objects.filter(question=questions["children"]):
            out[option.pk] = CHILDREN_BANDS.get(option.code, option.code)
    return out


def uniqueness(survey: Survey) -> Uniqueness:
    """Two queries for the questions, one over the responses (a row each, no answers)."""
    questions = key_questions(survey)
    annotations = {
        key: Max(Case(When(answers__question_id=question.pk, then="answers__option_id")))
        for key, question in questions.items()
    }
    rows = list(
        Response.objects.filter(survey=survey)
        .order_by()
        .annotate(**annotations)
        .values_list("language", *annotations)
    )
    coarse = coarse_options(questions)
    exact = Counter(rows)
    coarsened = Counter((row[0], *(coarse.get(value, value) for value in row[1:])) for row in rows)
    return Uniqueness(
        responses=len(rows),
        unique=sum(1 for n in exact.values() if n == 1),
        unique_coarse=sum(1 for n in coarsened.values() if n == 1),
    )


@dataclass(frozen=True)
class Coarsening:
    """What a coarsened export writes instead of the answer: the Bezirksregion of a
    Planungsraum, the band of a number of children."""

    area_question: int | None
    children_question: int | None
    area_names: dict[int, str]  # option id → name of its Bezirksregion
    bands: dict[int, str]  # option id → band

    @classmethod
    def for_survey(cls, survey: Survey) -> Coarsening:
        questions = key_questions(survey)
        area_question = questions.get("home_area")
        children = questions.get("children")
        area_names: dict[int, str] = {}
        if area_question is not None:
            options = list(
                Option.objects.filter(
                    question=area_question, area__level=Area.Level.PLANUNGSRAUM
                ).select_related("area")
            )
            parents = dict(
                Area.objects.filter(
                    district=survey.district,
                    level=Area.Level.BEZIRKSREGION,
                    code__in={Area.parent_code(o.area.code) for o in options},
                ).values_list("code", "name")
            )
            area_names = {
                o.pk: parents.get(Area.parent_code(o.area.code), o.area.name) for o in options
            }
        bands = (
            {
                o.pk: CHILDREN_BANDS[o.code]
                for o in Option.objects.filter(question=children)
                if o.code in CHILDREN_BANDS
            }
            if children is not None
            else {}
        )
        return cls(
            area_question.pk if area_question else None,
            children.pk if children else None,
            area_names,
            bands,
        )

    def cell(self, question: Question, answers: list) -> str | None:
        """The coarse cell for the area and children questions; None: not coarsened."""
        chosen = [a.option for a in answers if a.option_id is not None]
        if question.pk == self.area_question and chosen:
            return self.area_names.get(chosen[0].pk, chosen[0].text)
        if question.pk == self.children_question and chosen:
            band = self.bands.get(chosen[0].pk)
            return band_text(band) if band else chosen[0].text
        return None
