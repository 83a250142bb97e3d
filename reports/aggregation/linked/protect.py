"""Rounds of the linked audit: register, prove, withhold what cannot be published, repeat."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from mitwirkung.disclosure.linked import Audit, LinkedTables, ProtectionError, protect
from reports.aggregation.linked.atoms import Atom
from reports.aggregation.linked.model import Model
from reports.aggregation.linked.register import Place, Register
from reports.aggregation.linked.vocabulary import (
    DEADLINE_SECONDS,
    MOSTLY_HIDDEN,
    ROUNDS,
    CannotProtectTogether,
    Snapshot,
)
from reports.aggregation.scope import Structure


@dataclass
class Outcome:
    withheld: dict[str, str] = field(default_factory=dict)  # "<view>/<table>" → reason
    hidden_before: int = 0  # cells the tables hid one by one
    hidden_after: int = 0  # cells hidden once everything is protected together
    solved: int = 0
    seconds: float = 0.0


def protect_snapshot(
    tables: dict[str, Any],
    s: Structure,
    atoms: list[Atom],
    snapshots: list[Snapshot],
    min_size: int,
    withheld: dict[str, str],
) -> Outcome:
    """Hide, in place, every cell of the current snapshot's `tables` that the linked audit
    needs hidden, and withhold (remove) the funnels and barrier tables it cannot publish.
    `snapshots`: the current one first, then the earlier published ones (fixed)."""
    started = time.monotonic()
    deadline = started + DEADLINE_SECONDS
    outcome = Outcome(withheld=dict(withheld))
    current = snapshots[0]
    for atom in atoms:
        size = atom.counted.total()
        if len(atoms) > 1 and 0 < size < min_size:
            # A handful of families new since a published report (or gone from it): the
            # difference of the two totals alone would count them.
            raise CannotProtectTogether(f"{size} families differ from an earlier report")
    hidden_before = count_hidden(current.tables)
    model = Model(s, atoms, snapshots)
    structure = model.tables
    for _round in range(ROUNDS):
        # The unknowns and their structure stay; the cells are registered afresh each round.
        model.tables = LinkedTables(structure.size, structure.equations, structure.bounds, {})
        register = Register(model, min_size)
        try:
            for snapshot in snapshots:
                register.snapshot(snapshot, outcome.withheld)
            for snapshot in snapshots:
                register.differences(snapshot, outcome.withheld)
        except KeyError as error:
            if len(snapshots) == 1:
                raise
            # An earlier report names an offering, area or code the survey no longer has.
            raise CannotProtectTogether(f"an earlier report does not fit: {error}") from error
        register.atoms_apart(snapshots)
        broken = model.tables.check(model.values)
        if broken:
            if all("fixed" in line for line in broken) and len(snapshots) > 1:
                raise CannotProtectTogether(f"earlier reports no longer fit the data: {broken[:3]}")
            raise ProtectionError(f"the model does not describe the data: {broken[:3]}")
        # Each round starts afresh from the tables' own protection: carrying over what the
        # round before hid (and its solutions) is 2.5 times faster on the demo, but keeps
        # cells hidden that only protected the tables now withheld (most of a small survey).
        audit = protect(model.tables, min_size, model.values, deadline=deadline)
        outcome.solved += audit.solved
        more = _mostly_hidden(register.places, audit)
        for key in sorted(audit.unprotected, key=repr):
            owners = register.owners.get(key, set()) - {"all/reach", "all/barriers"}
            if not owners:
                error = CannotProtectTogether if len(snapshots) > 1 else ProtectionError
                raise error(
                    f"a count of the whole survey cannot be protected: {model.describe(key)}"
                )
            more.update(dict.fromkeys(owners, "cannot_protect"))
        more = {k: v for k, v in more.items() if k not in outcome.withheld}
        if not more:
            break
        if _round == ROUNDS - 1:
            raise ProtectionError("the snapshot's cells cannot be protected")
        outcome.withheld.update(more)
    for place in register.places:
        if place.key in audit.hidden and "n" in place.cell:
            place.cell.clear()
            place.cell["s"] = "hidden"
    for place in register.places:
        if place.base is not None and "n" not in place.base:
            place.cell.pop("p", None)
    _drop_withheld(tables, outcome.withheld)
    one_marker(tables)
    outcome.hidden_before = hidden_before
    outcome.hidden_after = count_hidden(tables)
    outcome.seconds = round(time.monotonic() - started, 2)
    return outcome


def _mostly_hidden(places: list[Place], audit: Audit) -> dict[str, str]:
    flags: dict[str, list[bool]] = defaultdict(list)
    for place in places:
        if place.unit is not None:
            flags[place.unit].append(place.key in audit.hidden or "n" not in place.cell)
    return {
        unit: "mostly_hidden"
        for unit, seen in sorted(flags.items())
        if not unit.startswith("all/") and sum(seen) > MOSTLY_HIDDEN * len(seen)
    }


def _drop_withheld(tables: dict[str, Any], withheld: dict[str, str]) -> None:
    funnel = tables["reach"]["funnel"]
    by_filter = tables["barriers"]["by_filter"]
    for unit in withheld:
        view_key, _, table = unit.rpartition("/")
        (funnel if table == "reach" else by_filter).pop(view_key, None)


def count_hidden(node: object) -> int:
    if isinstance(node, dict):
        own = 1 if node.get("s") in ("small", "hidden") and "n" not in node else 0
        return own + sum(count_hidden(v) for v in node.values())
    if isinstance(node, list):
        return sum(count_hidden(v) for v in node)
    return 0


def one_marker(node: object) -> None:
    """Every withheld count says only "hidden": "fewer than 5" would itself tell a reader that
    the number lies between 1 and 4 (official statistics use one sign for both)."""
    if isinstance(node, dict):
        if node.get("s") == "small":
            node["s"] = "hidden"
        for value in node.values():
            one_marker(value)
    elif isinstance(node, list):
        for value in node:
            one_marker(value)
