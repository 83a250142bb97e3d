"""The responses of the snapshots protected together, cut into atoms and counted."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.db.models import Q, QuerySet

from reports.aggregation.indicators import LinkCount, link_counts
from reports.aggregation.missing import tag_counts
from reports.aggregation.scope import Structure, cube
from surveys.models import Response


@dataclass
class Atom:
    """The responses in one overlap of the snapshots protected together, counted."""

    counted: pd.DataFrame
    tags: dict[str, int]
    links: list[LinkCount]

    @property
    def indicators(self) -> dict[int, tuple[int, int]]:
        """Indicator id → (count, base)."""
        return {link.indicator_id: (link.count, link.base) for link in self.links}


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


def _atom(scope: QuerySet[Response], s: Structure) -> Atom:
    survey_id = scope.values_list("survey_id", flat=True).first()
    if survey_id is None:
        return Atom(cube(scope, s), {}, [])
    return Atom(cube(scope, s), dict(tag_counts(scope, survey_id)), link_counts(scope, survey_id))


def current_atom(
    counted: pd.DataFrame, tags: list[tuple[str, int]], links: list[LinkCount]
) -> Atom:
    """The single atom of a snapshot protected on its own, from the counts it already has."""
    return Atom(counted, dict(tags), links)
