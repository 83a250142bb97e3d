"""surveys/models/response_writes.py: on PostgreSQL a response and its answers are one
prepared statement, and the rows are the ones the ORM would have written."""

from __future__ import annotations

import datetime
import os

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from surveys.models import Answer, Response
from tests.surveys.test_family_fixtures import make_family_survey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs against PostgreSQL (.ci/run sets DATABASE_URL)")
        pytest.skip("the embedded default is SQLite; CI runs this against PostgreSQL")


def unsaved(family, channel: str = Response.Channel.ONLINE) -> tuple[Response, list[Answer]]:
    response = Response(
        survey=family.survey,
        collection_point=family.point,
        language="ar",
        channel=channel,
        submitted_on=datetime.date(2026, 11, 30),
    )
    answers = [
        Answer(question=family.known, option_id=family.used.pk),
        Answer(question=family.needs, option_id=family.other.pk, text="Hausaufgabenhilfe"),
        Answer(question=family.children, number=3),
        Answer(question=family.wish, text="Mehr Sprechzeiten am Abend"),
    ]
    return response, answers


def stored(response: Response) -> tuple[dict, list[dict]]:
    row = model_to_dict(Response.objects.get(pk=response.pk), exclude=["id"])
    answers = [
        model_to_dict(a, exclude=["id", "response", "tags"])
        for a in Answer.objects.filter(response=response).order_by("question_id", "option_id")
    ]
    return row, answers


def test_one_statement_writes_what_the_orm_writes():
    family = make_family_survey()
    response, answers = unsaved(family)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        written = Response.objects.create_with_answers(response, answers)
    assert len([q for q in queries.captured_queries if "INSERT" in q["sql"]]) == 1
    assert written.pk is not None
    assert written._state.adding is False

    by_orm, orm_answers = unsaved(family)
    by_orm.save()
    for answer in orm_answers:
        answer.response = by_orm
    Answer.objects.bulk_create(orm_answers)

    assert stored(written) == stored(by_orm)
    assert stored(written)[1][2]["number"] == 3
    assert Response.objects.get(pk=written.pk).is_demo is False


def test_a_response_without_answers_is_stored_alone():
    family = make_family_survey()
    response, _answers = unsaved(family, channel=Response.Channel.PAPER)
    with transaction.atomic():
        written = Response.objects.create_with_answers(response, [])
    assert Response.objects.get(pk=written.pk).channel == Response.Channel.PAPER
    assert not Answer.objects.filter(response_id=written.pk).exists()
