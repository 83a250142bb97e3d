"""The coordinator's export: how many rows are recognisable, and the coarsened default."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from districts.models import Area, Membership
from surveys.blocks import add_family_block
from surveys.export_detail import Uniqueness, uniqueness
from surveys.models import Answer, Option, Question
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(district_a):
    """Five families. Home area: Westend (a Bezirksregion) or one of its planning areas,
    which this survey offers as answers too.

        r1  Westend Nord  de  single parent  one child
        r2  Westend Süd   de  single parent  two children
        r3  Westend Süd   de  single parent  two children
        r4  Westend       ar  two parents    four or more
        r5  Westend       ar  two parents    three

    As answered r1, r4 and r5 are each the only one of their kind (r2 and r3 are twins);
    coarsened (Westend, "1 or 2", "3 or more") r1–r3 and r4–r5 share a row each: none.
    """
    westend = f.AreaFactory(district=district_a, code="041001", name="Westend")
    north = f.AreaFactory(
        district=district_a,
        level=Area.Level.PLANUNGSRAUM,
        code="04100101",
        name="Westend Nord",
        parent=westend,
    )
    south = f.AreaFactory(
        district=district_a,
        level=Area.Level.PLANUNGSRAUM,
        code="04100102",
        name="Westend Süd",
        parent=westend,
    )
    survey = f.SurveyFactory(district=district_a)
    add_family_block(survey)
    questions = {q.block_key: q for q in Question.objects.filter(survey=survey)}
    home = questions["home_area"]
    for area in (north, south):
        f.OptionFactory(question=home, area=area, code=f"area_{area.pk}", text=area.name)
    options = {(o.question_id, o.code): o for o in Option.objects.filter(question__survey=survey)}
    area_option = {o.area_id: o for o in Option.objects.filter(question=home, area__isnull=False)}
    point = f.CollectionPointFactory(survey=survey)
    plan = [
        (north, "de", "single_parent", "one"),
        (south, "de", "single_parent", "two"),
        (south, "de", "single_parent", "two"),
        (westend, "ar", "two_parents", "four_or_more"),
        (westend, "ar", "two_parents", "three"),
    ]
    for area, language, household, children in plan:
        response = f.ResponseFactory(collection_point=point, language=language)
        Answer.objects.create(response=response, question=home, option=area_option[area.pk])
        for key, code in (("household", household), ("children", children)):
            question = questions[key]
            Answer.objects.create(
                response=response, question=question, option=options[(question.pk, code)]
            )
    return survey


def download(client, survey, **params) -> list[list[str]]:
    url = reverse("surveys:export_csv", args=[survey.district.slug, survey.pk])
    response = client.get(url, params)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def column(rows: list[list[str]], header: str) -> list[str]:
    index = next(i for i, name in enumerate(rows[0]) if name.startswith(header))
    return [row[index] for row in rows[1:]]


def test_rows_unique_as_answered_and_once_coarsened_are_counted(example):
    assert uniqueness(example) == Uniqueness(responses=5, unique=3, unique_coarse=0)


def test_the_coordinator_sees_how_recognisable_the_rows_are_before_downloading(
    client, example, member
):
    client.force_login(member(example.district, Membership.Role.COORDINATOR).user)
    page = client.get(reverse("surveys:responses", args=[example.district.slug, example.pk]))
    text = " ".join(page.content.decode().split())
    assert "3 von 5 Antworten sind die einzigen mit ihrem Wohngebiet" in text
    assert "Im vergröberten Export (Bezirksregion statt Planungsraum" in text
    assert "sind es 0." in text


def test_staff_see_no_export_and_no_count(client, example, member):
    client.force_login(member(example.district, Membership.Role.STAFF).user)
    page = client.get(reverse("surveys:responses", args=[example.district.slug, example.pk]))
    assert "einzigen mit ihrem Wohngebiet" not in page.content.decode()


def test_the_export_is_coarsened_unless_the_answers_as_given_are_asked_for(client, example, member):
    client.force_login(member(example.district, Membership.Role.COORDINATOR).user)
    coarse = download(client, example)
    assert column(coarse, "In welchem Teil des Bezirks") == ["Westend"] * 5
    children = column(coarse, "Wie viele Kinder")
    assert children == ["1 oder 2 Kinder"] * 3 + ["3 oder mehr Kinder"] * 2
    exact = download(client, example, detail="exact")
    assert column(exact, "In welchem Teil des Bezirks") == [
        "Westend Nord",
        "Westend Süd",
        "Westend Süd",
        "Westend",
        "Westend",
    ]
    assert len(set(column(exact, "Wie viele Kinder"))) == 4
