"""An outsider who tries to work out hidden numbers from everything a district publishes.

Written without the code it attacks (reports/aggregation/linked.py): it knows only what the
public method section says about the numbers — every view (language, collection point,
area, group) is a slice of the same families and the slices of one kind add up to all
families; the benefit columns split a view; a funnel stage counts no more families than the
stage before; barriers and "what is missing" count no more families than answered; a later
report of the same survey counts the families of the earlier one and the new ones. It reads
numbers the way a reader gets them — the JSON file, the CSV files, the spreadsheet, the
public report page and the dashboard's filter views — writes every shown number and every
shown percentage as a linear constraint over non-negative unknowns, and asks HiGHS for the
smallest and the largest value of every hidden cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import highspy
import numpy as np

BENS = ("with", "without", "not_stated")
COLUMN_BENS = {"all": BENS, "with_benefits": ("with",), "without_benefits": ("without",)}
STAGES = ("base", "known", "used", "helpful")
REST = "rest"
Terms = dict[int, float]


@dataclass(frozen=True)
class Hidden:
    label: str
    terms: tuple[tuple[int, float], ...]


@dataclass
class Attacker:
    """Unknowns per (atom, quantity, dimension, value), all non-negative."""

    dims: dict[str, list] = field(default_factory=dict)
    index: dict[tuple, int] = field(default_factory=dict)
    equations: list[tuple[Terms, float]] = field(default_factory=list)
    bounds: list[tuple[Terms, float]] = field(default_factory=list)  # Σ ≤ rhs
    hidden: dict[tuple, Hidden] = field(default_factory=dict)
    shown: int = 0
    pages: int = 0
    atoms: tuple[str, ...] = ()
    structured: set[tuple] = field(default_factory=set)

    # --- unknowns and the structure every reader knows ----------------------------------

    def var(self, *key: object) -> int:
        return self.index.setdefault(key, len(self.index))

    def learn_dimensions(self, data: dict) -> None:
        """Every value of every dimension, from the "who answered" tables."""
        groups = rows_of(data, "respondents-groups")
        areas = rows_of(data, "respondents-areas")
        dims = self.dims or {
            "ben": list(BENS),
            "lang": [],
            "point": [REST],
            "area": [REST],
            "single": [1, 0],
            "many": [1, 0],
            "channel": [],
        }
        for row in groups:
            kind = {"language": "lang", "point": "point", "channel": "channel"}.get(row["kind_key"])
            if kind and row["key"] not in dims[kind]:
                dims[kind].append(row["key"])
        for row in areas:
            if row["code"] and row["code"] not in dims["area"]:
                dims["area"].append(row["code"])
        self.dims = dims

    def quantity(self, atom: str, *name: object, channel: bool = False) -> None:
        """Each dimension's values add up to the same total."""
        if (atom, name) in self.structured:
            return
        self.structured.add((atom, name))
        total = self.var(atom, *name, "total")
        for dim, values in self.dims.items():
            if dim == "channel" and not channel:
                continue
            terms = {self.var(atom, *name, dim, v): 1.0 for v in values}
            terms[total] = -1.0
            self.equations.append((terms, 0.0))

    def at_most(self, atom: str, smaller: tuple, larger: tuple) -> None:
        for dim, values in self.dims.items():
            if dim == "channel":
                continue
            for v in values:
                self.bounds.append(
                    (
                        {
                            self.var(atom, *smaller, dim, v): 1.0,
                            self.var(atom, *larger, dim, v): -1.0,
                        },
                        0,
                    )
                )
        self.bounds.append(
            ({self.var(atom, *smaller, "total"): 1.0, self.var(atom, *larger, "total"): -1.0}, 0)
        )

    def structure(self, offerings: Iterable[int], codes: Iterable[str], areas_used: bool) -> None:
        offerings, codes = list(offerings), list(codes)
        for atom in self.atoms:
            self.quantity(atom, "R", channel=True)
            for o in offerings:
                for stage in STAGES:
                    self.quantity(atom, "F", o, stage)
                self.at_most(atom, ("F", o, "base"), ("R",))
                for smaller, larger in zip(STAGES[1:], STAGES[:-1], strict=True):
                    self.at_most(atom, ("F", o, smaller), ("F", o, larger))
            self.quantity(atom, "Z")
            self.at_most(atom, ("Z",), ("R",))
            total_r = self.var(atom, "R", "total")
            for code in codes:
                self.quantity(atom, "W", code)
                self.at_most(atom, ("W", code), ("Z",))
            for o in offerings:
                q = self.var(atom, "Q", o)
                self.bounds.append(({q: 1.0, total_r: -1.0}, 0))
                for code in codes:
                    b = self.var(atom, "B", o, code)
                    self.bounds.append(({b: 1.0, q: -1.0}, 0))
                    self.bounds.append(({b: 1.0, self.var(atom, "W", code, "total"): -1.0}, 0))
            m0 = self.var(atom, "M0")
            self.bounds.append(({m0: 1.0, total_r: -1.0}, 0))
            if areas_used:
                for v in self.dims["area"]:
                    u = self.var(atom, "U", v)
                    self.bounds.append(({u: 1.0, self.var(atom, "R", "area", v): -1.0}, 0))
                    for o in offerings:
                        used = self.var(atom, "F", o, "used", "area", v)
                        self.bounds.append(({used: 1.0, u: -1.0}, 0))

    # --- what a published number says ------------------------------------------------------

    def terms(self, atoms: Iterable[str], name: tuple, view: str, column: str = "all") -> Terms:
        dim, value = view_slice(view)
        out: Terms = {}
        for atom in atoms:
            if dim == "all":
                bens = COLUMN_BENS[column]
                if column == "all":
                    out[self.var(atom, *name, "total")] = 1.0
                else:
                    for b in bens:
                        out[self.var(atom, *name, "ben", b)] = 1.0
            elif dim == "ben":
                if column != "all":
                    raise AssertionError(f"a benefit column inside the group {view}")
                out[self.var(atom, *name, "ben", value)] = 1.0
            else:
                if column != "all":
                    raise AssertionError(f"a benefit column inside the view {view}")
                out[self.var(atom, *name, dim, value)] = 1.0
        return out

    def scalar(self, atoms: Iterable[str], *name: object) -> Terms:
        return {self.var(atom, *name): 1.0 for atom in atoms}

    def publish(self, label: str, value: object, terms: Terms) -> None:
        """A count as a file or page shows it: a number, a suppression marker, or nothing."""
        if not terms or value is None or value == "":
            return
        key = tuple(sorted(terms.items()))
        if isinstance(value, dict) or is_marker(value):
            self.hidden.setdefault(key, Hidden(label, key))
            return
        self.shown += 1
        self.equations.append((dict(terms), float(value)))

    def percent(self, value: object, count: Terms, base: Terms) -> None:
        """A shown percentage rounded to one decimal: 100·count lies within ±0.05 % of base."""
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not count or not base:
            return
        upper = {i: 100.0 * c for i, c in count.items()}
        for i, c in base.items():
            upper[i] = upper.get(i, 0.0) - (value + 0.05) * c
        lower = {i: -100.0 * c for i, c in count.items()}
        for i, c in base.items():
            lower[i] = lower.get(i, 0.0) + (value - 0.05) * c
        self.bounds.append((upper, 0.0))
        self.bounds.append((lower, 0.0))

    # --- the files --------------------------------------------------------------------------

    def read_json(self, data: dict, atoms: tuple[str, ...], indicator_offering: int | None) -> None:
        """Every table of one snapshot's JSON file."""
        t = {table["slug"]: table["rows"] for table in data["tables"]}
        total = self.scalar(atoms, "R", "total")
        self.publish("respondents", data["meta"].get("respondents"), total)
        for row in t["filters"]:
            self.publish(
                f"respondents {row['view_key']}",
                row["respondents"],
                self.terms(atoms, ("R",), row["view_key"]),
            )
        for row in t["reach"]:
            view, column, o = row["view_key"], row["column_key"], int(row["offering_id"])
            base = self.terms(atoms, ("F", o, "base"), view, column)
            count = self.terms(atoms, ("F", o, row["stage_key"]), view, column)
            self.publish(f"{view} {o} {column} base", row["base"], base)
            self.publish(f"{view} {o} {column} {row['stage_key']}", row["count"], count)
            self.percent(row["percent"], count, base)
        for row in t["barriers"]:
            view = row["view_key"]
            self.publish(f"{view} barrier base", row["base"], self.terms(atoms, ("Z",), view))
            for column in COLUMN_BENS:
                if row.get(column) is not None:
                    terms = self.terms(atoms, ("W", row["code"]), view, column)
                    self.publish(f"{view} {row['code']} {column}", row[column], terms)
        for row in t["barriers-by-offering"]:
            o = int(row["offering_id"])
            self.publish(f"barriers of {o}", row["base"], self.scalar(atoms, "Q", o))
            self.publish(
                f"barrier {row['code']} of {o}",
                row["count"],
                self.scalar(atoms, "B", o, row["code"]),
            )
        for row in t["missing"]:
            self.publish("missing base", row["base"], self.scalar(atoms, "M0"))
            m = self.scalar(atoms, "M", row["code"])
            self.publish(f"missing {row['code']}", row["count"], m)
            self.bounds.append(({**m, **{i: -c for i, c in self.scalar(atoms, "M0").items()}}, 0))
        for row in t["missing-tags"]:
            self.publish(f"tag {row['tag']}", row["count"], self.scalar(atoms, "T", row["tag"]))
        for row in t["respondents-areas"]:
            code = row["code"] or REST
            area = self.terms(atoms, ("R",), f"area:{code}")
            self.publish(f"respondents area {code}", row["respondents"], area)
            if row["code"]:
                uses = self.scalar(atoms, "U", code)
                self.publish(f"uses any {code}", row["uses_any"], uses)
                self.percent(row["uses_any_percent"], uses, area)
                if isinstance(row["per_1000_children"], (int, float)) and row["children"]:
                    # respondents = per_1000 · children / 1000, rounded to 0.1 per 1000
                    factor = row["children"] / 1000
                    self.bounds.append(({**area}, (row["per_1000_children"] + 0.05) * factor))
                    self.bounds.append(
                        (
                            {i: -c for i, c in area.items()},
                            -(row["per_1000_children"] - 0.05) * factor,
                        )
                    )
        for row in t["respondents-groups"]:
            kind, key = row["kind_key"], row["key"]
            view = {
                "group": f"group:{key}",
                "language": f"language:{key}",
                "point": f"point:{key}",
            }.get(kind)
            terms = (
                self.terms(atoms, ("R",), view)
                if view
                else {self.var(a, "R", "channel", key): 1.0 for a in atoms}
            )
            self.publish(f"respondents {kind} {key}", row["respondents"], terms)
        for row in t["poverty-gaps"]:
            o, stage = int(row["offering_id"]), row["stage_key"]
            for column, key in (
                ("with_benefits", "with_benefits"),
                ("without_benefits", "without_benefits"),
            ):
                self.percent(
                    row[key],
                    self.terms(atoms, ("F", o, stage), "all", column),
                    self.terms(atoms, ("F", o, "base"), "all", column),
                )
        for row in t["area-gaps"]:
            if row["code"]:
                self.percent(
                    row["uses_percent"],
                    self.scalar(atoms, "U", row["code"]),
                    self.terms(atoms, ("R",), f"area:{row['code']}"),
                )
        if indicator_offering is not None:
            for row in t["indicators"]:
                if row.get("count") is None and row.get("base") is None:
                    continue
                count = self.terms(atoms, ("F", indicator_offering, "known"), "all")
                base = self.terms(atoms, ("F", indicator_offering, "base"), "all")
                self.publish("indicator count", row["count"], count)
                self.publish("indicator base", row["base"], base)
                self.percent(row["value"], count, base)

    # --- the solver ------------------------------------------------------------------------

    def intervals(
        self, cells: Iterable[Hidden] | None = None
    ) -> Iterator[tuple[str, float, float]]:
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        size = len(self.index)
        highs.addVars(size, np.zeros(size), np.full(size, highspy.kHighsInf))
        rows = [(t, r, r) for t, r in self.equations] + [
            (t, -highspy.kHighsInf, r) for t, r in self.bounds
        ]
        starts, index, values = [], [], []
        for terms, _low, _high in rows:
            starts.append(len(index))
            index += list(terms)
            values += list(terms.values())
        highs.addRows(
            len(rows),
            np.array([r[1] for r in rows], dtype=float),
            np.array([r[2] for r in rows], dtype=float),
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.array(values, dtype=float),
        )
        for cell in cells if cells is not None else self.hidden.values():
            extremes = []
            for sign in (1.0, -1.0):
                cost = np.zeros(size)
                for column, coefficient in cell.terms:
                    cost[column] = sign * coefficient
                highs.changeColsCost(size, np.arange(size, dtype=np.int32), cost)
                highs.run()
                status = highs.getModelStatus()
                assert status in (
                    highspy.HighsModelStatus.kOptimal,
                    highspy.HighsModelStatus.kUnbounded,
                ), f"the published numbers contradict each other ({status})"
                if status == highspy.HighsModelStatus.kUnbounded:
                    extremes.append(-sign * float("inf"))
                else:
                    extremes.append(sign * highs.getInfo().objective_function_value)
            yield cell.label, extremes[0], extremes[1]


def view_slice(view: str) -> tuple[str, object]:
    if view == "all":
        return "all", None
    kind, _, value = view.partition(":")
    if kind == "group":
        return {
            "with_benefits": ("ben", "with"),
            "without_benefits": ("ben", "without"),
            "single_parent": ("single", 1),
            "many_children": ("many", 1),
        }[value]
    if kind == "area":
        return "area", value if value != REST else REST
    return {"point": "point", "language": "lang"}[kind], value


def rows_of(data: dict, slug: str) -> list[dict]:
    return next(table["rows"] for table in data["tables"] if table["slug"] == slug)


MARKERS = ("verborgen", "hidden", "weniger als", "fewer than")


def is_marker(value: object) -> bool:
    return isinstance(value, str) and any(value.startswith(m) for m in MARKERS)


NUMBER = re.compile(r"^(?P<n>\d[\d.,\u202f]*)(?: \((?P<p>[\d.,]+)\s%\))?$")


def page_value(text: str) -> tuple[object, float | None]:
    """A cell text of a page ("1.234 (12,5 %)", "verborgen", "–") as (count, percent)."""
    text = str(text).replace("\u00a0", " ").strip()
    if is_marker(text):
        return {"suppressed": True}, None
    match = NUMBER.match(text)
    if not match:
        return None, None
    count = int(re.sub(r"[.,\u202f]", "", match["n"]))
    percent = float(match["p"].replace(",", ".")) if match["p"] else None
    return count, percent
