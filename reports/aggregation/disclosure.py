"""The build's step that protects a snapshot's tables together with the earlier published
snapshots of the same survey (reports/aggregation/linked.py), and records what it did.

A snapshot remembers which published snapshots it was protected with (`tables.disclosure.
protected_with`); reports.models.publication refuses to publish one that was not protected
with every snapshot of its survey that was ever public, so no two public reports can be
subtracted from each other.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from reports.aggregation import barriers as barrier_tables
from reports.aggregation import missing as missing_table
from reports.aggregation.counts import Counts
from reports.aggregation.filters import View
from reports.aggregation.linked import (
    CannotProtectTogether,
    Outcome,
    Snapshot,
    atoms_for,
    current_atom,
    protect_snapshot,
)
from reports.aggregation.scope import Structure, responses
from reports.models import ReportSnapshot
from reports.schema import TABLES_VERSION
from surveys.models import Response

logger = logging.getLogger(__name__)

METHOD = "linked-suppression"


def ever_published(survey_id: int) -> QuerySet[ReportSnapshot]:
    """Snapshots of the survey that are or were public, protected by this method."""
    return (
        ReportSnapshot.objects.filter(survey_id=survey_id, tables__version=TABLES_VERSION)
        .ever_published()
        .order_by("pk")
    )


@dataclass(frozen=True)
class Counted:
    """What the build counted: the survey's structure, the responses in scope, their counts
    and the filter views."""

    s: Structure
    survey_id: int
    scope: QuerySet[Response]
    counts: Counts
    views: list[View]


def _protect(
    snapshot: ReportSnapshot,
    tables: dict[str, Any],
    counted: Counted,
    earlier: list[ReportSnapshot],
) -> Outcome:
    min_size = snapshot.min_group_size
    s, views, counts = counted.s, counted.views, counted.counts
    if earlier:
        atoms, members = atoms_for(
            counted.scope, [responses(e) for e in earlier], s, survey_id=counted.survey_id
        )
    else:
        atoms, members = [current_atom(counts)], [(0,)]
    snapshots = [Snapshot(tables, members[0], current=True)]
    snapshots += [
        Snapshot(e.tables, m, current=False) for e, m in zip(earlier, members[1:], strict=True)
    ]
    withheld = withheld_views(views, counts, min_size)
    for earlier_snapshot, atoms_of in zip(earlier, members[1:], strict=True):
        if atoms_of == members[0]:
            # The same families as a published report: publish exactly what it published
            # (its hidden cells come along as fixed cells), or the two would differ.
            for entry in earlier_snapshot.tables.get("withheld", []):
                withheld[f"{entry['key']}/{entry['table']}"] = entry["reason"]
    return protect_snapshot(tables, s, atoms, snapshots, min_size, withheld)


def withheld_views(views: list[View], counts: Counts, min_size: int) -> dict[str, str]:
    """Views with fewer families than the minimum group size, or fewer outside them."""
    total = counts.total()
    out: dict[str, str] = {}
    for view in views:
        if view.key == "all":
            continue
        n = view.respondents(counts)
        reason = "small" if 0 < n < min_size else "complement" if 0 < total - n < min_size else ""
        if reason:
            out[f"{view.key}/reach"] = out[f"{view.key}/barriers"] = reason
    return out


def protect_together(snapshot: ReportSnapshot, tables: dict[str, Any], counted: Counted) -> None:
    """Protect `tables` in place and write tables["withheld"] and tables["disclosure"].

    With earlier published snapshots of the survey, they are protected together. Where that
    cannot be done (too few new answers since, so a difference of totals is itself a small
    number), the snapshot is protected on its own for the members' dashboards and records
    that it must not be published next to them.
    """
    earlier = [e for e in ever_published(snapshot.survey_id) if e.pk != snapshot.pk]
    # Alone, a snapshot is always protectable: only the fallback below needs the copy.
    pristine = copy.deepcopy(tables) if earlier else tables
    blocked_by: list[int] = []
    try:
        outcome = _protect(snapshot, tables, counted, earlier)
    except CannotProtectTogether as error:
        logger.warning("snapshot %s: not protectable with %s: %s", snapshot.pk, earlier, error)
        tables.clear()
        tables.update(pristine)
        blocked_by = [e.pk for e in earlier]
        earlier = []
        outcome = _protect(snapshot, tables, counted, earlier)
    logger.info(
        "snapshot %s: %s hidden before, %s after, %s tables withheld, %s LPs in %s s",
        snapshot.pk,
        outcome.hidden_before,
        outcome.hidden_after,
        len(outcome.withheld),
        outcome.solved,
        outcome.seconds,
    )
    _rank_again(tables, counted.s)
    views = counted.views
    labels = {view.key: (view.kind, view.label) for view in views}
    tables["withheld"] = [
        {
            "key": view.key,
            "kind": labels[view.key][0],
            "label": labels[view.key][1],
            "table": table,
            "reason": outcome.withheld[f"{view.key}/{table}"],
        }
        for view in views
        for table in ("reach", "barriers")
        if f"{view.key}/{table}" in outcome.withheld
    ]
    gone = {
        view.key
        for view in views
        if f"{view.key}/reach" in outcome.withheld and f"{view.key}/barriers" in outcome.withheld
    }
    tables["filters"] = [f for f in tables["filters"] if f["key"] not in gone]
    for row in tables["respondents"]["areas"]:
        if "n" not in row["respondents"]:
            row["per_1000_children"] = None
    for series in tables["indicators"]:
        value = series.get("from_survey")
        if isinstance(value, dict) and not ("n" in value["count"] and "n" in value["base"]):
            value["value"] = None
    tables["disclosure"] = {
        "method": METHOD,
        "protected_with": [e.pk for e in earlier],
        "blocked_by": blocked_by,
        "hidden_before": outcome.hidden_before,
        "hidden_after": outcome.hidden_after,
        "withheld_tables": len(outcome.withheld),
        "linear_programs": outcome.solved,
    }


def _rank_again(tables: dict[str, Any], s: Structure) -> None:
    """Rankings put suppressed rows last; the linked protection may have hidden more, and a
    hidden row left among the zeros would say it is zero."""
    codes = tables["barriers"]["codes"]
    for table in tables["barriers"]["by_filter"].values():
        barrier_tables.rank(table["rows"], codes)
    for entry in tables["barriers"]["by_offering"]:
        barrier_tables.rank(entry["rows"], codes)
    missing_table.rank(tables["missing"]["rows"], [o.code for o in s.missing_options])
