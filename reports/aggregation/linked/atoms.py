"""The responses of the snapshots protected together, cut into atoms and counted."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from reports.aggregation.counting import count
from reports.aggregation.counts import Counts
from reports.aggregation.indicators import LinkCount
from reports.aggregation.scope import Structure
from surveys.models import Response


@dataclass
class Atom:
    """The responses in one overlap of the snapshots protected together, counted."""

    counted: Counts

    @property
    def tags(self) -> dict[str, int]:
        return dict(self.counted.tags)

    @property
    def links(self) -> list[LinkCount]:
        return self.counted.links

    @property
    def indicators(self) -> dict[int, tuple[int, int]]:
        """Indicator id → (count, base)."""
        return {link.indicator_id: (link.count, link.base) for link in self.links}


def atoms_for(
    current: QuerySet[Response], earlier: list[QuerySet[Response]], s: Structure, *, survey_id: int
) -> tuple[list[Atom], list[tuple[int, ...]]]:
    """The atoms of the current scope and the earlier ones, and for each snapshot (current
    first) the atoms it is made of: one query per scope for the overlaps, one count per atom."""
    scopes = [current, *earlier]
    if not earlier:
        return [_atom(current, s, survey_id)], [(0,)]
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
        atoms.append(_atom(base.filter(query), s, survey_id))
        for j in range(len(scopes)):
            if pattern & (1 << j):
                member_of[j].append(index)
    return atoms, [tuple(m) for m in member_of]


def _union(scopes: list[QuerySet[Response]]) -> Q:
    query = Q(pk__in=[])
    for scope in scopes:
        query |= Q(pk__in=scope.values("pk"))
    return Response.objects.filter(query).values("pk")


def _atom(scope: QuerySet[Response], s: Structure, survey_id: int) -> Atom:
    counted = count(scope, s, survey_id=survey_id, narrow=True)
    if not scope.exists():
        # No responses, so no tags and no indicators either: nothing for the model to hold.
        counted = dataclasses.replace(counted, tags=[], links=[])
    return Atom(counted)


def current_atom(counted: Counts) -> Atom:
    """The single atom of a snapshot protected on its own, from the counts it already has."""
    return Atom(counted)
