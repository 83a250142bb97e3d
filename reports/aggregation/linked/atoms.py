"""The responses of the snapshots protected together, cut into atoms and counted."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, Q, QuerySet

from reports.aggregation.indicators import survey_values
from reports.aggregation.scope import Structure, cube
from surveys.models import FreeTextTag, Response


@dataclass
class Atom:
    """The responses in one overlap of the snapshots protected together, counted."""

    counted: pd.DataFrame
    tags: dict[str, int]
    indicators: dict[int, tuple[int, int]]  # indicator id → (count, base)


def atoms_for(
    current: QuerySet[Response], earlier: list[QuerySet[Response]], s: Structure
) -> tuple[list[Atom], list[tuple[int, ...]]]:
    """The atoms of the current scope and the earlier ones, and for each snapshot (current
    first) the atoms it is made of: one query per scope for the overlaps, one cube per atom."""
    scopes = [current, *earlier]
    if not earlier:
        return [_atom(current, s)], [(0,)]
    members = [set(scope.values_list("pk", flat=True)) for scope in scopes]
    patterns = sorted(
        {sum(1 << j for j, m in enumerate(members) if pk in m) for pk in set().union(*members)}
    )
    base = Response.objects.filter(pk__in=_union(scopes))
    atoms: list[Atom] = []
    member_of: list[list[int]] = [[] for _ in scopes]
    for index, pattern in enumerate(patterns):
        query = Q()
        for j, scope in enumerate(scopes):
            inside = Q(pk__in=scope.values("pk"))
            query &= inside if pattern & (1 << j) else ~inside
        atoms.append(_atom(base.filter(query), s))
        for j in range(len(scopes)):
            if pattern & (1 << j):
                member_of[j].append(index)
    return atoms, [tuple(m) for m in member_of]


def _union(scopes: list[QuerySet[Response]]) -> Q:
    query = Q(pk__in=[])
    for scope in scopes:
        query |= Q(pk__in=scope.values("pk"))
    return Response.objects.filter(query).values("pk")


def _atom(scope: QuerySet[Response], s: Structure, counted: pd.DataFrame | None = None) -> Atom:
    survey_id = scope.values_list("survey_id", flat=True).first()
    tags = dict(
        FreeTextTag.objects.filter(survey_id=survey_id)
        .annotate(n=Count("answers", filter=Q(answers__response__in=scope), distinct=True))
        .values_list("name", "n")
    )
    indicators = {
        pk: (_count(v["count"]), _count(v["base"]))
        for pk, v in (survey_values(scope, survey_id, 1) if survey_id else {}).items()
    }
    return Atom(cube(scope, s) if counted is None else counted, tags, indicators)


def current_atom(scope: QuerySet[Response], s: Structure, counted: pd.DataFrame) -> Atom:
    """The single atom of a snapshot protected on its own, from the cube it already has."""
    return _atom(scope, s, counted)


def _count(cell: object) -> int:
    return int(cell.get("n", 0)) if isinstance(cell, dict) else 0
