"""The words of the linked protection: benefit columns, dimensions, stages, slices of views,
and the snapshots that are protected together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mitwirkung.disclosure.linked import ProtectionError
from reports.aggregation.scope import NOT_STATED, WITH, WITHOUT

BENS = (WITH, WITHOUT, NOT_STATED)
COLUMN_BENS = {"all": BENS, "with_benefits": (WITH,), "without_benefits": (WITHOUT,)}
# Dimensions of the funnel and barrier counts; respondents also split by channel.
DIMS = ("lang", "point", "area", "single", "many")
REST = "-"  # the values of a dimension no view names (area not stated, …)
STAGES = ("base", "known", "used", "helpful")
# More hidden than this share of a funnel or barrier table: it is not published at all.
MOSTLY_HIDDEN = 0.5
# Each round may withhold tables and then proves the rest again.
ROUNDS = 5
# The whole audit of one snapshot; a build runs at most 11 minutes (reports.tasks).
DEADLINE_SECONDS = 300.0


class CannotProtectTogether(ProtectionError):
    """The snapshot cannot be protected together with the earlier published ones: too few
    new answers since (only the fixed totals pin a small difference), or the earlier ones'
    answers have changed since they were published."""


@dataclass
class Snapshot:
    """A snapshot's tables and the atoms its responses are made of."""

    tables: dict[str, Any]
    atoms: tuple[int, ...]
    current: bool


@dataclass(frozen=True)
class Slice:
    """The respondents a view counts: one value of one dimension, or benefit columns."""

    dim: str  # "all" or one of DIMS / "channel"
    value: object = None
    bens: tuple[int, ...] = BENS


def slice_of(view_key: str) -> Slice:
    if view_key == "all":
        return Slice("all")
    kind, _, value = view_key.partition(":")
    if kind == "group":
        return {
            "with_benefits": Slice("all", None, (WITH,)),
            "without_benefits": Slice("all", None, (WITHOUT,)),
            "single_parent": Slice("single", 1),
            "many_children": Slice("many", 1),
        }[value]
    if kind == "point":
        return Slice("point", int(value))
    return Slice({"area": "area", "language": "lang"}[kind], value)
