"""What a snapshot counts, one filter dimension at a time.

Every table of a snapshot and the linked protection read counts of one dimension at a time
(only one-dimensional views are published): respondents per value of a dimension, the reach
answers and barrier codes of those respondents, and a few totals. `Counts` holds exactly
those, in the same form whichever way they were counted:

  - on PostgreSQL, one statement over the answers (reports/aggregation/onepass/);
  - elsewhere, the portable grouped query (scope.cube), summed here per dimension.

tests/reports/test_snapshot_one_pass.py builds both on the same data and compares them.

`by[dimension][part][value][key]` is a count; `value` is the dimension's value (benefit
column, home-area option id or 0, 0/1, collection point id, language or channel code):
  part "p"  respondents; the key is a flag: ALL (every respondent), BARRIER (answered a
            barrier question), USES (uses at least one offering), MISSING (answered "what
            is missing")
  part "r"  answers to "do you know it" and "how helpful"; the key is (question, option)
  part "b"  families naming a barrier for at least one offering; the key is its code
The channel dimension holds only part "p". `totals[part][key]`: "p" per flag, "r" per reach
(question, option), "Q" families answering each barrier question, "m" per (question,
option) of "what is missing". Counts of no one are left out, so equal counts compare equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from reports.aggregation.indicators import LinkCount
from reports.aggregation.scope import Structure

DIMENSIONS = ("ben", "area", "single", "many", "point", "lang", "channel")
# Dimensions whose values are text; the others are integers.
TEXT_DIMENSIONS = ("lang", "channel")
ALL, BARRIER, USES, MISSING = 0, 1, 2, 3

Key = Any  # a flag, a (question, option) pair or a barrier code
ByValue = dict[Any, dict[Key, int]]


@dataclass(frozen=True)
class Counts:
    """The counts of one set of responses (a snapshot's scope, or one atom of it)."""

    by: dict[str, dict[str, ByValue]]
    totals: dict[str, dict[Key, int]]
    tags: list[tuple[str, int]] = field(default_factory=list)
    links: list[LinkCount] = field(default_factory=list)
    # The answers and tag rows counted, for the snapshot's fingerprint ({"n", "last"} and an
    # int), when the counting statement saw them; None: services asks the database itself.
    answers: dict[str, Any] | None = None
    answer_tags: int | None = None

    def values(self, dim: str, part: str) -> ByValue:
        return self.by.get(dim, {}).get(part, {})

    def respondents(self, dim: str, flag: int = ALL) -> dict[Any, int]:
        """Respondents (with `flag`) per value of `dim`; values without any left out."""
        out = {}
        for value, keys in self.values(dim, "p").items():
            if keys.get(flag):
                out[value] = keys[flag]
        return out

    def summed(self, dim: str, part: str, values: Iterable[Any] | None = None) -> dict[Key, int]:
        """The part's counts over the given values of `dim` (None: all of them)."""
        rows = self.values(dim, part)
        out: dict[Key, int] = {}
        for value in rows if values is None else values:
            for key, n in rows.get(value, {}).items():
                out[key] = out.get(key, 0) + n
        return out

    def total(self, flag: int = ALL) -> int:
        return self.totals.get("p", {}).get(flag, 0)

    def total_of(self, part: str) -> dict[Key, int]:
        return self.totals.get(part, {})


class Builder:
    """Collects counts (summing equal keys, leaving out zeros) into a Counts."""

    def __init__(self) -> None:
        self.by: dict[str, dict[str, ByValue]] = {}
        self.totals: dict[str, dict[Key, int]] = {}

    def add(self, dim: str, part: str, value: Any, key: Key, n: int) -> None:
        if not n:
            return
        value = str(value) if dim in TEXT_DIMENSIONS else int(value)
        keys = self.by.setdefault(dim, {}).setdefault(part, {}).setdefault(value, {})
        keys[key] = keys.get(key, 0) + int(n)

    def add_total(self, part: str, key: Key, n: int) -> None:
        if not n:
            return
        keys = self.totals.setdefault(part, {})
        keys[key] = keys.get(key, 0) + int(n)

    def counts(self, **extra: Any) -> Counts:
        return Counts(by=self.by, totals=self.totals, **extra)


def kh_questions(s: Structure) -> set[int]:
    """The reach questions counted per dimension: "do you know it" and "how helpful"."""
    return {q for q, (_, key) in s.reach.items() if key in ("known", "helpful")}


def from_cube(
    cube: pd.DataFrame, s: Structure, tags: list[tuple[str, int]], links: list[LinkCount]
) -> Counts:
    """The Counts of the portable path: the grouped rows of scope.cube summed per dimension."""
    out = Builder()
    profiles = cube[cube["part"] == "p"]
    flagged = {
        ALL: profiles,
        BARRIER: profiles[profiles["q"] == 1],
        USES: profiles[profiles["uses"] == 1],
        MISSING: profiles[profiles["o"] == 1],
    }
    reach = cube[(cube["part"] == "r") & cube["q"].isin(list(kh_questions(s)))]
    barriers = cube[cube["part"] == "b"]
    for dim in DIMENSIONS:
        for flag, rows in flagged.items():
            for value, n in rows.groupby(dim)["n"].sum().items():
                out.add(dim, "p", value, flag, n)
        if dim == "channel":
            continue
        for (q, o, value), n in reach.groupby(["q", "o", dim])["n"].sum().items():
            out.add(dim, "r", value, (int(q), int(o)), n)
        for (code, value), n in barriers.groupby(["code", dim])["n"].sum().items():
            out.add(dim, "b", value, str(code), n)
    for flag, rows in flagged.items():
        out.add_total("p", flag, rows["n"].sum())
    for (q, o), n in cube[cube["part"] == "r"].groupby(["q", "o"])["n"].sum().items():
        out.add_total("r", (int(q), int(o)), n)
    for q, n in cube[cube["part"] == "Q"].groupby("q")["n"].sum().items():
        out.add_total("Q", int(q), n)
    for (q, o), n in cube[cube["part"] == "m"].groupby(["q", "o"])["n"].sum().items():
        out.add_total("m", (int(q), int(o)), n)
    return out.counts(tags=list(tags), links=list(links))
