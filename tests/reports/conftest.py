"""A small hand-built survey for the report build (tests/reports/test_build_*.py).

Two offerings (A "Familienzentrum", B "Beratung"), the real reach, family and missing blocks,
two Bezirksregionen (X high child poverty, Y low) and 30 families, written out in survey_example.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from districts.models import Area, AreaIndicator, AreaIndicatorValue, District
from offerings.models import Offering
from surveys.blocks import add_family_block, add_missing_block, add_reach_block
from surveys.models import Answer, CollectionPoint, FreeTextTag, Option, Question, Response, Survey
from tests import factories as f

BZR = Area.Level.BEZIRKSREGION
AREA_KEYS = ["child-poverty-mss", "population-0-5", "population-6-11", "population-12-17"]
DAY = datetime.date(2026, 5, 4)


@dataclass
class Example:
    survey: Survey
    a: Offering
    b: Offering
    x: Area
    y: Area
    p1: CollectionPoint
    p2: CollectionPoint
    responses: dict[str, Response]


def _family_plan() -> dict[str, dict]:
    """Every family's answers. w = with benefits, n = "none of these", s = not stated.

    Offering A (answers to "do you know it", helpfulness of users):
        w1–w5 not known; w6–w9 use it (5 of 5), w10–w12 use it (4 of 5)
        n1–n5 know it, don't use it (barrier_1; n1–n3 also barrier_6)
        n6–n9 use it (2 of 5), n10–n12 use it (3 of 5)
        s1–s5 use it (4 of 5), s6 no answer
    Offering B:
        w1–w8 not known; w9–w10 know, don't use (barrier_2); w11–w12 use it (4 of 5)
        n1–n2 not known; n3–n7 know, don't use (barrier_2; n3 also barrier_1); n8–n12 use (5 of 5)
        s1–s6 no answer
    Family: w benefits Bürgergeld (w1–w2 also berlinpass), n "none", s1–s3 "prefer not to say",
    s4–s6 no answer. Single parents w1–w6 and n1 (7); three children w1–w4, four or more w5 (5).
    Home: w1–w8, n1–n6 X (14); w9–w12, n7–n12 Y (10); s1 "don't know", s2–s6 no answer (6).
    Point P1: w1–w12, n1–n6 (18); P2: n7–n12, s1–s6 (12). Language tr: w1–w6, s1 (7); de 23.
    What is missing: w1–w5 free offers; n1–n6 offers close to home, n1–n2 also free offers.
    """
    plan: dict[str, dict] = {}
    for i in range(1, 13):
        w: dict = {"benefits": ["basic_income_support"] + (["berlinpass"] if i <= 2 else [])}
        w["A"] = ("not_known",) if i <= 5 else ("used", 5 if i <= 9 else 4)
        if i <= 8:
            w["B"] = ("not_known",)
        elif i <= 10:
            w["B"] = ("known_not_used", ["barrier_2"])
        else:
            w["B"] = ("used", 4)
        w["household"] = "single_parent" if i <= 6 else "two_parents"
        w["children"] = "three" if i <= 4 else ("four_or_more" if i == 5 else "two")
        w["home"] = "X" if i <= 8 else "Y"
        w["point"] = "p1"
        w["lang"] = "tr" if i <= 6 else "de"
        w["missing"] = ["free_offers"] if i <= 5 else []
        plan[f"w{i}"] = w
    for i in range(1, 13):
        n: dict = {"benefits": ["none"]}
        if i <= 5:
            n["A"] = ("known_not_used", ["barrier_1"] + (["barrier_6"] if i <= 3 else []))
        else:
            n["A"] = ("used", 2 if i <= 9 else 3)
        if i <= 2:
            n["B"] = ("not_known",)
        elif i <= 7:
            n["B"] = ("known_not_used", ["barrier_2"] + (["barrier_1"] if i == 3 else []))
        else:
            n["B"] = ("used", 5)
        n["household"] = "single_parent" if i == 1 else "two_parents"
        n["children"] = "one"
        n["home"] = "X" if i <= 6 else "Y"
        n["point"] = "p1" if i <= 6 else "p2"
        n["lang"] = "de"
        n["missing"] = (
            (["offers_close_to_home"] + (["free_offers"] if i <= 2 else [])) if i <= 6 else []
        )
        plan[f"n{i}"] = n
    for i in range(1, 7):
        s: dict = {"benefits": ["prefer_not_to_say"] if i <= 3 else []}
        s["A"] = ("used", 4) if i <= 5 else None
        s["B"] = None
        s["household"] = None
        s["children"] = None
        s["home"] = "dont_know" if i == 1 else None
        s["point"] = "p2"
        s["lang"] = "tr" if i == 1 else "de"
        s["missing"] = []
        plan[f"s{i}"] = s
    return plan


def _add_area_statistics(area: Area, poverty: float, children: tuple[int, int, int]) -> None:
    for key, value in zip(AREA_KEYS, [poverty, *children], strict=True):
        AreaIndicatorValue.objects.create(
            area=area, indicator=AreaIndicator.objects.get(key=key), year=2024, value=value
        )


def build_example(district: District) -> Example:
    x = f.AreaFactory(district=district, level=BZR, code="041001", name="Kiez X")
    y = f.AreaFactory(district=district, level=BZR, code="041002", name="Kiez Y")
    _add_area_statistics(x, 40.0, (300, 300, 400))  # 1,000 children, high poverty
    _add_area_statistics(y, 10.0, (800, 700, 500))  # 2,000 children
    a = f.OfferingFactory(district=district, name="Familienzentrum A")
    b = f.OfferingFactory(district=district, name="Beratung B")
    survey = f.SurveyFactory(district=district, languages=["tr"])
    add_reach_block(survey, [a, b])
    add_family_block(survey)
    add_missing_block(survey)
    p1 = f.CollectionPointFactory(survey=survey, label="Punkt 1")
    p2 = f.CollectionPointFactory(survey=survey, label="Punkt 2")
    questions = {
        (q.offering_id, q.block_key): q
        for q in Question.objects.filter(survey=survey).exclude(block="")
    }
    options = {(o.question_id, o.code): o for o in Option.objects.filter(question__survey=survey)}
    area_option = {
        o.area_id: o for o in Option.objects.filter(question__survey=survey, area__isnull=False)
    }

    def q(key: str, offering: Offering | None = None) -> Question:
        return questions[(offering.pk if offering else None, key)]

    def o(question: Question, code: str) -> Option:
        return options[(question.pk, code)]

    tag = FreeTextTag.objects.create(survey=survey, name="Öffnungszeiten")
    responses = {}
    answers: list[Answer] = []
    for name, plan in _family_plan().items():
        response = Response.objects.create(
            survey=survey,
            collection_point=p1 if plan["point"] == "p1" else p2,
            language=plan["lang"],
            submitted_on=DAY,
        )
        responses[name] = response

        def add(question: Question, option: Option | None, **extra: object) -> None:
            answers.append(
                Answer(response=response, question=question, option=option, **extra)  # noqa: B023
            )

        for offering, key in ((a, "A"), (b, "B")):
            reach = plan[key]
            if reach is None:
                continue
            add(q("known", offering), o(q("known", offering), reach[0]))
            if reach[0] == "used":
                add(q("helpful", offering), o(q("helpful", offering), f"scale_{reach[1]}"))
            elif reach[0] == "known_not_used":
                for code in reach[1]:
                    add(q("barriers", offering), o(q("barriers", offering), code))
        for code in plan["benefits"]:
            add(q("benefits"), o(q("benefits"), code))
        for key in ("household", "children"):
            if plan[key]:
                add(q(key), o(q(key), plan[key]))
        if plan["home"] in ("X", "Y"):
            add(q("home_area"), area_option[(x if plan["home"] == "X" else y).pk])
        elif plan["home"]:
            add(q("home_area"), o(q("home_area"), plan["home"]))
        for code in plan["missing"]:
            add(q("choices"), o(q("choices"), code))
    Answer.objects.bulk_create(answers)
    # One free text, tagged by staff: only the tag's count may reach a snapshot.
    text = Answer.objects.create(
        response=responses["s1"], question=q("free_text"), text="Samstags wäre gut"
    )
    text.tags.add(tag)
    return Example(survey, a, b, x, y, p1, p2, responses)


@pytest.fixture
def survey_example(district_a: District) -> Example:
    return build_example(district_a)
