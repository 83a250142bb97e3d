"""What a send reads afresh when its collection point comes from the process's memory.

A page may show a point read up to SURVEY_POINT_CACHE_SECONDS ago (surveys/family_cache.py);
storing a response must not: a survey closed or a point switched off a second ago stores
nothing. Reading the point, survey and district again through the ORM cost more than the
rest of the send; this reads only what storing depends on, in one prepared query, onto a copy
of the kept point (the kept one is shared by every request of the process).
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Field

from mitwirkung.postgresql.prepared import fetch_one
from surveys.models import CollectionPoint, Survey

# Everything the send decides by: open or not, the code slips, the languages, the form.
LIVE_SURVEY_FIELDS = (
    "status",
    "opens_on",
    "closes_on",
    "requires_access_code",
    "languages",
    "structure_version",
)


@cache
def _query() -> tuple[str, tuple[Field, ...]]:
    fields = tuple(Survey._meta.get_field(name) for name in LIVE_SURVEY_FIELDS)
    quote = connection.ops.quote_name
    columns = ", ".join(f"s.{quote(field.column)}" for field in fields)
    sql = (
        f"SELECT {columns} FROM {quote(Survey._meta.db_table)} s "  # nosec B608
        f"JOIN {quote(CollectionPoint._meta.db_table)} p ON p.survey_id = s.id "
        "WHERE p.id = %s AND p.is_active"
    )
    return sql, fields


def with_live_survey(point: CollectionPoint) -> CollectionPoint | None:
    """A copy of `point` whose survey has the stored state of LIVE_SURVEY_FIELDS; None once
    the point is switched off or gone."""
    sql, fields = _query()
    row = fetch_one(connection, sql, [point.pk])
    if row is None:
        return None
    survey = copy.copy(point.survey)
    for field, value in zip(fields, row, strict=True):
        setattr(survey, field.attname, _converted(field, value))
    fresh = copy.copy(point)
    fresh.survey = survey
    return fresh


def _converted(field: Field, value: Any) -> Any:
    # As the ORM would hand it over (dates from SQLite's text, the languages' JSON).
    column = field.get_col(Survey._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    for converter in converters:
        value = converter(value, column, connection)
    return value
