"""Every published cell of the snapshots as a sum of the model's unknowns, and the counts a
reader can work out without their being published."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from mitwirkung.disclosure.linked import ProtectionError
from reports.aggregation.linked.model import Model
from reports.aggregation.linked.vocabulary import (
    COLUMN_BENS,
    DIMS,
    NOT_STATED,
    REST,
    STAGES,
    Slice,
    Snapshot,
    slice_of,
)


@dataclass
class Place:
    unit: str | None  # "<view>/reach" or "<view>/barriers": what is withheld with it
    cell: dict
    key: tuple
    base: dict | None = None  # the cell its percentage is of


class Register:
    """Every published cell of the snapshots as a sum of unknowns, and the counts a reader
    can work out that are not published."""

    def __init__(self, model: Model, min_size: int) -> None:
        self.model = model
        self.min_size = min_size
        self.places: list[Place] = []
        self.owners: dict[tuple, set[str]] = defaultdict(set)

    def put(
        self,
        snapshot: Snapshot,
        unit: str | None,
        cell: dict | None,
        terms: dict[int, float],
        base: dict | None = None,
    ) -> None:
        if cell is None or not terms:
            return
        key = tuple(sorted(terms))
        state = "shown" if "n" in cell else "hidden"
        value = self.model.value_of(terms)
        if snapshot.current:
            self.places.append(Place(unit, cell, key, base))
            if unit is not None:
                self.owners[key].add(unit)
        elif "n" in cell:
            value = int(cell["n"])
        self.model.tables.cell(key, terms, value, state, fixed=not snapshot.current)

    def derived(self, terms: dict[int, float], units: Iterable[str] = ()) -> None:
        """A count nobody publishes but a reader may work out: protected while small."""
        if not terms:
            return
        key = tuple(sorted(terms))
        self.model.tables.cell(key, terms, self.model.value_of(terms), "unpublished")
        self.owners[key].update(units)

    def snapshot(self, snapshot: Snapshot, withheld: dict[str, str]) -> None:
        m, t, atoms = self.model, snapshot.tables, snapshot.atoms
        all_ = Slice("all")
        total = (t.get("meta") or {}).get("respondents")
        r_total = m.terms(atoms, ("R",), all_)
        if total is not None and "n" in total and total["n"] >= self.min_size:
            key = tuple(sorted(r_total))
            m.tables.cell(key, r_total, m.value_of(r_total), "shown", fixed=True)
        else:
            self.put(snapshot, None, total, r_total)
        for f in t.get("filters", []):
            self.put(
                snapshot,
                None,
                f.get("respondents"),
                m.terms(atoms, ("R",), slice_of(f["key"])),
                total,
            )
        r = t.get("respondents") or {}
        for row in r.get("areas", []):
            area = m.terms(atoms, ("R",), Slice("area", row["code"]))
            self.put(snapshot, None, row["respondents"], area, total)
            uses = {m.ids[(a, "U", row["code"])]: 1.0 for a in atoms}
            self.put(snapshot, None, row.get("uses_any"), uses, row["respondents"])
        self.put(
            snapshot,
            None,
            r.get("area_not_stated"),
            m.terms(atoms, ("R",), Slice("area", REST)),
            total,
        )
        # The "who answered" lines: each row's respondents are one slice of all families.
        slices = {
            "groups": lambda row: slice_of(f"group:{row['key']}"),
            "languages": lambda row: Slice("lang", row["code"]),
            "points": lambda row: Slice("point", int(row["id"])),
            "channels": lambda row: Slice("channel", row["code"]),
        }
        for name, slice_for in slices.items():
            for row in r.get(name, []):
                terms = m.terms(atoms, ("R",), slice_for(row))
                self.put(snapshot, None, row["respondents"], terms, total)

        funnel = (t.get("reach") or {}).get("funnel") or {}
        for view_key, rows in funnel.items():
            if snapshot.current and f"{view_key}/reach" in withheld:
                continue
            sl = slice_of(view_key)
            unit = f"{view_key}/reach"
            for row in rows:
                offering = int(row["offering"])
                for column, stages in row["columns"].items():
                    csl = self._column(sl, column)
                    for stage in STAGES:
                        terms = m.stage_terms(atoms, offering, stage, csl)
                        base = stages["base"] if stage != "base" else None
                        self.put(snapshot, unit, stages[stage], terms, base)
        barriers = t.get("barriers") or {}
        for view_key, table in (barriers.get("by_filter") or {}).items():
            if snapshot.current and f"{view_key}/barriers" in withheld:
                continue
            sl = slice_of(view_key)
            unit = f"{view_key}/barriers"
            self.put(snapshot, unit, table.get("base"), m.terms(atoms, ("Z",), sl))
            for row in table.get("rows", []):
                for column in COLUMN_BENS:
                    if column in row:
                        terms = m.terms(atoms, ("W", row["code"]), self._column(sl, column))
                        self.put(snapshot, unit, row[column], terms)
        for entry in barriers.get("by_offering", []):
            offering = int(entry["offering"])
            base = {m.ids[(a, "Q", offering)]: 1.0 for a in atoms}
            self.put(snapshot, None, entry.get("base"), base)
            for row in entry.get("rows", []):
                terms = {m.ids[(a, "B", offering, row["code"])]: 1.0 for a in atoms}
                self.put(snapshot, None, row.get("count"), terms)
        missing = t.get("missing") or {}
        self.put(snapshot, None, missing.get("base"), {m.ids[(a, "M0")]: 1.0 for a in atoms})
        for row in missing.get("rows", []):
            terms = {
                m.ids[(a, "M", row["code"])]: 1.0 for a in atoms if (a, "M", row["code"]) in m.ids
            }
            self.put(snapshot, None, row.get("count"), terms)
        for row in missing.get("tags", []):
            terms = {
                m.ids[(a, "T", row["name"])]: 1.0 for a in atoms if (a, "T", row["name"]) in m.ids
            }
            self.put(snapshot, None, row.get("count"), terms)
        for series in t.get("indicators", []):
            value = series.get("from_survey")
            if not isinstance(value, dict):
                continue
            count, base = self._indicator(atoms, int(series["id"]))
            self.put(snapshot, None, value.get("base"), base)
            self.put(snapshot, None, value.get("count"), count, value.get("base"))

    def _indicator(self, atoms: tuple[int, ...], indicator: int) -> tuple[dict, dict]:
        m = self.model
        if indicator in m.links:
            offering, parts = m.links[indicator]
            count: dict[int, float] = {}
            for part in parts:
                for p in m.parts_of(offering, "used") if part == "U" else (part,):
                    count.update(m.terms(atoms, ("X", offering, p), Slice("all")))
            return count, m.stage_terms(atoms, offering, "base", Slice("all"))
        count = {
            m.ids[(a, "I", indicator, "count")]: 1.0
            for a in atoms
            if (a, "I", indicator, "count") in m.ids
        }
        base = {
            m.ids[(a, "I", indicator, "base")]: 1.0
            for a in atoms
            if (a, "I", indicator, "base") in m.ids
        }
        return count, base

    @staticmethod
    def _column(sl: Slice, column: str) -> Slice:
        if column == "all":
            return sl
        if sl.dim != "all":
            raise ProtectionError(f"benefit columns in a view of {sl.dim} cannot be protected")
        return Slice("all", None, tuple(b for b in sl.bens if b in COLUMN_BENS[column]))

    def differences(self, snapshot: Snapshot, withheld: dict[str, str]) -> None:
        """The counts a reader can work out from this snapshot without their being printed."""
        m, atoms = self.model, snapshot.atoms
        funnel = (snapshot.tables.get("reach") or {}).get("funnel") or {}
        published = {k for k in funnel if not (snapshot.current and f"{k}/reach" in withheld)}
        for view_key in published:
            sl = slice_of(view_key)
            unit = f"{view_key}/reach"
            for row in funnel[view_key]:
                offering = int(row["offering"])
                columns = list(row["columns"])
                if view_key == "all":
                    columns.append("not_stated")
                for column in columns:
                    csl = (
                        Slice("all", None, (NOT_STATED,))
                        if column == "not_stated"
                        else self._column(sl, column)
                    )
                    stages = (
                        (*STAGES, "not_known", "known_not_used", "used_otherwise")
                        if column == "not_stated"
                        else ("not_known", "known_not_used", "used_otherwise")
                    )
                    for stage in stages:
                        self.derived(m.stage_terms(atoms, offering, stage, csl), [unit])
        # Values of a dimension without a published view: the complement of the views.
        views_of: dict[str, list[str]] = defaultdict(list)
        for view_key in published:
            views_of[slice_of(view_key).dim].append(f"{view_key}/reach")
        for dim in DIMS:
            if not views_of.get(dim):
                continue
            named = {slice_of(k).value for k in published if slice_of(k).dim == dim}
            for v in m.dims[dim]:
                if v in named:
                    continue
                for offering in m.offerings:
                    for stage in (*STAGES, "not_known", "known_not_used", "used_otherwise"):
                        terms = m.stage_terms(atoms, offering, stage, Slice(dim, v))
                        self.derived(terms, views_of[dim])
        # Respondents not in a view: "not stated" and complements of groups.
        for name in (("R",), ("Z",)):
            self.derived(m.terms(atoms, name, Slice("all", None, (NOT_STATED,))))
        for dim in ("single", "many"):
            self.derived(m.terms(atoms, ("R",), Slice(dim, 0)))
        barriers = (snapshot.tables.get("barriers") or {}).get("by_filter") or {}
        if "all" in barriers and not (snapshot.current and "all/barriers" in withheld):
            for code in m.codes:
                self.derived(m.terms(atoms, ("W", code), Slice("all", None, (NOT_STATED,))))

    def atoms_apart(self, snapshots: list[Snapshot]) -> None:
        """With earlier reports, every published count restricted to one atom (the families
        new since, those gone out of the period …) is a difference a reader can form."""
        if len(self.model.atoms) < 2:
            return
        cells = list(self.model.tables.cells.items())
        for key, c in cells:
            by_atom: dict[int, dict[int, float]] = defaultdict(dict)
            for column, weight in c.terms.items():
                by_atom[self._atom_of[column]][column] = weight
            if len(by_atom) > 1:
                for terms in by_atom.values():
                    self.derived(terms, self.owners.get(key, ()))

    @property
    def _atom_of(self) -> dict[int, int]:
        if not hasattr(self, "_atom_cache"):
            self._atom_cache = {i: key[0] for key, i in self.model.ids.items()}
        return self._atom_cache
