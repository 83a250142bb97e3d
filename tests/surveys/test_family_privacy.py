"""No identifying data: the response tables hold only what the privacy rules allow, the
session forgets the family after sending, and nothing the family wrote reaches a log."""

from __future__ import annotations

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection

from surveys.models import Answer, Response
from tests.surveys.test_family_fixtures import (
    FamilySurvey,
    answer_all,
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db

# Privacy rule (DESIGN.md): answers, collection point, language, channel, date — nothing else.
ALLOWED_COLUMNS = {
    Response._meta.db_table: {
        "id",
        "survey_id",
        "collection_point_id",
        "language",
        "channel",
        "submitted_on",
        "is_demo",
    },
    Answer._meta.db_table: {
        "id",
        "response_id",
        "question_id",
        "option_id",
        "number",
        "text",
        "text_reviewed",
    },
    Answer.tags.through._meta.db_table: {"id", "answer_id", "freetexttag_id"},
}
IDENTIFYING = re.compile(r"ip|agent|session|cookie|user|time|created|addr|host|device")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def family() -> FamilySurvey:
    return make_family_survey()


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }


@pytest.mark.parametrize("table", sorted(ALLOWED_COLUMNS))
def test_response_tables_hold_only_the_allowed_columns(table):
    columns = _columns(table)
    assert columns == ALLOWED_COLUMNS[table]
    assert [name for name in columns if IDENTIFYING.search(name)] == []


def test_the_response_model_has_no_other_fields():
    names = {field.name for field in Response._meta.concrete_fields}
    assert names == {
        "id",
        "survey",
        "collection_point",
        "language",
        "channel",
        "submitted_on",
        "is_demo",
    }


def _session_contents() -> list[dict]:
    return [session.get_decoded() for session in Session.objects.all()]


def test_the_draft_is_in_the_session_while_the_family_answers(client, family):
    start(client, family)
    answer_first_page(client, family)
    drafts = [
        data for data in _session_contents() if any(k.startswith("survey-draft") for k in data)
    ]
    assert len(drafts) == 1


def test_no_session_row_keeps_the_draft_after_an_anonymous_submission(client, family):
    response = answer_all(client, family)
    assert Response.objects.count() == 1
    for data in _session_contents():
        assert not any(key.startswith("survey-draft") for key in data)
        assert "Mehr Angebote am Samstag" not in str(data)
    client.get(response["Location"])  # the thank-you page reads its hint and forgets it
    assert Session.objects.count() == 0


def test_answers_never_appear_in_addresses(client, family):
    start(client, family)
    locations = [
        answer_first_page(client, family, **{family.needs.field_name: family.forms.pk})["Location"],
        client.post(
            family.page_url(2), {family.helpful.field_name: family.scale[0].pk, "nav": "next"}
        )["Location"],
        client.post(family.page_url(3), {family.wish.field_name: "Ein Wunsch", "nav": "send"})[
            "Location"
        ],
    ]
    for location in locations:
        assert re.fullmatch(r"/s/[a-z0-9]{8}/(\d+/|danke/)", location), location


def test_nothing_the_family_answers_is_logged(client, family, caplog):
    with caplog.at_level(logging.DEBUG):
        answer_all(client, family)
        client.post(family.page_url(1), {family.known.field_name: "999999", "nav": "next"})
    assert Response.objects.count() == 1
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    for secret in ("Hilfe beim Wohnungsamt", "Mehr Angebote am Samstag", "127.0.0.1", "999999"):
        assert secret not in logged


def test_the_family_gets_only_a_session_and_a_csrf_cookie(client, family):
    client.get(family.start_url())
    start(client, family)
    assert set(client.cookies) <= {"sessionid", "csrftoken"}
    assert client.cookies["sessionid"]["httponly"]
