"""Count a snapshot's responses: in one statement on PostgreSQL, the portable way elsewhere."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from reports.aggregation import onepass
from reports.aggregation.counts import Counts, from_cube
from reports.aggregation.indicators import link_counts
from reports.aggregation.missing import tag_counts
from reports.aggregation.scope import Structure, cube
from surveys.models import Response


def count(
    scope: QuerySet[Response],
    s: Structure,
    *,
    survey_id: int,
    narrow: bool,
    ids: tuple[int | None, int | None] | None = None,
) -> Counts:
    """The Counts of the responses in `scope`. `narrow`: the scope is a period or some
    collection points of the survey, not all of it. `ids`: the scope's first and last
    response id where the caller has them (else the statement asks)."""
    if connection.vendor == "postgresql":
        counts = onepass.counted(scope, s, survey_id=survey_id, narrow=narrow, ids=ids)
        if counts is not None:
            return counts
    return portable(scope, s, survey_id=survey_id)


def portable(scope: QuerySet[Response], s: Structure, *, survey_id: int) -> Counts:
    """The Counts on any database: the grouped query (scope.cube), the staff tags and the
    indicator links, each a query of its own."""
    return from_cube(cube(scope, s), s, tag_counts(scope, survey_id), link_counts(scope, survey_id))
