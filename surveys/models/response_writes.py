"""A response and its answers in one prepared statement (PostgreSQL).

Through the ORM a send was two statements (the response with RETURNING, then the answers
from arrays), each built anew by Django's compiler. Here both are one statement, planned
once per connection: an INSERT of the response whose id feeds an INSERT of the answers from
one array per column. Every column and value comes from the models' own fields, as the ORM
would write them; tests/surveys/test_response_writes.py compares the rows with the ORM's.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Field

from mitwirkung.postgresql.prepared import fetch_one

if TYPE_CHECKING:
    from surveys.models.responses import Answer, Response


def _written(model: type) -> tuple[Field, ...]:
    # The columns an INSERT writes: every concrete field but the generated id.
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


@cache
def _statement() -> str:
    from surveys.models.responses import Answer, Response

    quote = connection.ops.quote_name
    response_fields = _written(Response)
    answer_fields = [f for f in _written(Answer) if f.name != "response"]
    response_columns = ", ".join(quote(f.column) for f in response_fields)
    placeholders = ", ".join("%s" for _ in response_fields)
    answer_columns = ", ".join(quote(f.column) for f in answer_fields)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in answer_fields)
    response_column = quote(Answer._meta.get_field("response").column)
    return (
        f"WITH r AS (INSERT INTO {quote(Response._meta.db_table)} ({response_columns}) "  # nosec B608
        f"VALUES ({placeholders}) RETURNING id), "
        f"a AS (INSERT INTO {quote(Answer._meta.db_table)} ({response_column}, {answer_columns}) "
        f"SELECT r.id, u.* FROM r, UNNEST({arrays}) AS u) "
        "SELECT id FROM r"
    )


def insert_response_with_answers(response: Response, answers: list[Answer]) -> int:
    """Insert both; returns the response's new id."""
    from surveys.models.responses import Answer, Response

    answer_fields = [f for f in _written(Answer) if f.name != "response"]
    params = [
        f.get_db_prep_save(f.pre_save(response, add=True), connection) for f in _written(Response)
    ]
    params += [
        [f.get_db_prep_save(f.pre_save(answer, add=True), connection) for answer in answers]
        for f in answer_fields
    ]
    row = fetch_one(connection, _statement(), params)
    return int(row[0])
