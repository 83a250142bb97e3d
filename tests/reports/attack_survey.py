"""A small hand-made survey for the attacker: three offerings, three Bezirksregionen, four
languages, three collection points, families drawn from a fixed seed so that many cells hold
1 to 4 families, and a goal indicator fed by the "do you know it" question of offering A.

`add_families(..., start, count)` adds a wave; a second call with a later day is the next
wave of the same survey.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from districts.models import Area, District
from offerings.models import Offering
from surveys.blocks import add_family_block, add_missing_block, add_reach_block
from surveys.models import (
    Answer,
    CollectionPoint,
    FreeTextTag,
    IndicatorLink,
    Option,
    Question,
    Response,
    Survey,
)
from tests import factories as f

BZR = Area.Level.BEZIRKSREGION
LANGUAGES = (("de", 0.55), ("tr", 0.2), ("ar", 0.15), ("en", 0.1))
BENEFITS = (("basic_income_support", 0.4), ("none", 0.45), ("prefer_not_to_say", 0.07))
MISSING = ("free_offers", "offers_close_to_home", "offers_at_other_times")


@dataclass
class AttackSurvey:
    survey: Survey
    offerings: list[Offering]
    areas: list[Area]
    points: list[CollectionPoint]
    indicator_offering: int


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str | None:
    roll = rng.random()
    for value, weight in weighted:
        if roll < weight:
            return value
        roll -= weight
    return None


def build(district: District) -> AttackSurvey:
    areas = [
        f.AreaFactory(district=district, level=BZR, code=f"04100{i}", name=f"Kiez {name}")
        for i, name in enumerate(("Nord", "Mitte", "Süd"), start=1)
    ]
    offerings = [
        f.OfferingFactory(district=district, name=name)
        for name in ("Familienzentrum A", "Beratung B", "Stadtteilmütter C")
    ]
    survey = f.SurveyFactory(district=district, languages=["tr", "ar", "en"])
    add_reach_block(survey, offerings)
    add_family_block(survey)
    add_missing_block(survey)
    points = [
        f.CollectionPointFactory(survey=survey, label=label)
        for label in ("Elterncafé", "Kita Ost", "Jobcenter")
    ]
    FreeTextTag.objects.create(survey=survey, name="Öffnungszeiten")
    known_a = Question.objects.get(survey=survey, offering=offerings[0], block_key="known")
    indicator = f.IndicatorFactory(
        goal=f.ActionGoalFactory(district=district),
        name="Anteil der befragten Familien, die Familienzentrum A kennen",
    )
    link = IndicatorLink.objects.create(indicator=indicator, question=known_a)
    link.options.set(known_a.options.filter(code__in=["known_not_used", "used"]))
    return AttackSurvey(survey, offerings, areas, points, offerings[0].pk)


def add_families(example: AttackSurvey, *, seed: int, count: int, day: datetime.date) -> None:
    """`count` families answering on `day`, drawn from `seed`."""
    rng = random.Random(seed)
    survey = example.survey
    questions = {
        (q.offering_id, q.block_key): q
        for q in Question.objects.filter(survey=survey).exclude(block="")
    }
    options = {(o.question_id, o.code): o for o in Option.objects.filter(question__survey=survey)}
    area_options = {
        o.area_id: o for o in Option.objects.filter(question__survey=survey, area__isnull=False)
    }
    tag = FreeTextTag.objects.get(survey=survey)
    answers: list[Answer] = []
    for _ in range(count):
        response = Response.objects.create(
            survey=survey,
            collection_point=rng.choices(example.points, weights=(5, 3, 2))[0],
            language=_pick(rng, LANGUAGES) or "de",
            submitted_on=day,
        )

        def add(question: Question, code: str | None = None, option: Option | None = None) -> None:
            chosen = option or options[(question.pk, code)]
            answers.append(Answer(response=response, question=question, option=chosen))  # noqa: B023

        for offering, weights in zip(
            example.offerings, ((0.3, 0.3, 0.35), (0.5, 0.3, 0.15), (0.6, 0.25, 0.1)), strict=True
        ):
            roll = rng.random()
            known = questions[(offering.pk, "known")]
            if roll < weights[0]:
                add(known, "not_known")
            elif roll < weights[0] + weights[1]:
                add(known, "known_not_used")
                barriers = questions[(offering.pk, "barriers")]
                for number in rng.sample(range(1, 20), k=rng.choice((1, 1, 2, 3))):
                    add(barriers, f"barrier_{number}")
            elif roll < sum(weights):
                add(known, "used")
                if rng.random() < 0.9:
                    add(questions[(offering.pk, "helpful")], f"scale_{rng.choice((2, 3, 4, 5, 5))}")
        benefit = _pick(rng, BENEFITS)
        if benefit:
            add(questions[(None, "benefits")], benefit)
        if rng.random() < 0.9:
            household = "single_parent" if rng.random() < 0.25 else "two_parents"
            add(questions[(None, "household")], household)
        if rng.random() < 0.9:
            children = rng.choice(("one", "two", "two", "three", "four_or_more"))
            add(questions[(None, "children")], children)
        home = rng.random()
        if home < 0.85:
            area = example.areas[int(home / 0.85 * len(example.areas)) % len(example.areas)]
            add(questions[(None, "home_area")], option=area_options[area.pk])
        for code in MISSING:
            if rng.random() < 0.3:
                add(questions[(None, "choices")], code)
    Answer.objects.bulk_create(answers)
    free_text = questions[(None, "free_text")]
    for response in Response.objects.filter(survey=survey, submitted_on=day)[:3]:
        text = Answer.objects.create(response=response, question=free_text, text="Samstags")
        text.tags.add(tag)
