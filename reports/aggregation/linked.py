"""Everything a snapshot publishes about families, protected together, and together with the
earlier published reports of the same survey (mitwirkung.disclosure.linked does the proof).

The tables are first built and protected one by one (reach, barriers, respondents …); this
module then writes every published count as a sum of the same unknowns, adds the counts a
reader can work out without their being published (complements, differences of stages, the
families who did not say whether they receive benefits, the families new since an earlier
report), and lets the linked audit hide whatever a reader could still narrow down.

The unknowns. Responses fall into "atoms": the responses of this snapshot, and where earlier
published snapshots of the survey exist, the pieces in which the snapshots overlap (those
only in the earlier one, in both, only in this one). Within an atom every count is split by
one dimension at a time — benefits (with, without, not stated; the view of all respondents
and the benefit groups), language, collection point, home area, single parent, three or
more children, channel — and each dimension's values add up to the same total. Only
one-dimensional views are published, so nothing else links two dimensions. The reach
answers split each count further into does not know it, knows it but does not use it, uses
it and finds it very helpful, uses it otherwise, no answer; the barrier and "what is
missing" counts are bounded by the families they are a part of.

What is withheld. A view with fewer families than the minimum group size, or with fewer
than that outside it, is not published; a view's funnel or barrier table of which the
audit would hide most is not published either, and the audit runs again without it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.db.models import Count, Q, QuerySet

from mitwirkung.disclosure.linked import Audit, LinkedTables, ProtectionError, protect
from reports.aggregation.filters import area_codes
from reports.aggregation.indicators import survey_values
from reports.aggregation.reach import ANSWERS, helpful_row
from reports.aggregation.scope import NOT_STATED, WITH, WITHOUT, Structure, cube
from surveys.models import FreeTextTag, IndicatorLink, Response

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

WITHHELD_REASONS = ("small", "complement", "mostly_hidden", "cannot_protect")


class CannotProtectTogether(ProtectionError):
    """The snapshot cannot be protected together with the earlier published ones: too few
    new answers since (only the fixed totals pin a small difference), or the earlier ones'
    answers have changed since they were published."""


@dataclass
class Atom:
    """The responses in one overlap of the snapshots protected together, counted."""

    counted: pd.DataFrame
    tags: dict[str, int]
    indicators: dict[int, tuple[int, int]]  # indicator id → (count, base)


@dataclass
class Snapshot:
    """A snapshot's tables and the atoms its responses are made of."""

    tables: dict[str, Any]
    atoms: tuple[int, ...]
    current: bool


@dataclass
class Outcome:
    withheld: dict[str, str] = field(default_factory=dict)  # "<view>/<table>" → reason
    hidden_before: int = 0  # cells the tables hid one by one
    hidden_after: int = 0  # cells hidden once everything is protected together
    solved: int = 0
    seconds: float = 0.0


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


class _Sums:
    """An atom's counts grouped once per dimension, looked up by part and question: the
    model asks for some hundred slices, and a pandas filter per slice costs a millisecond."""

    def __init__(self, frame: pd.DataFrame, columns: dict[str, pd.Series]) -> None:
        self.index: dict[str, dict[tuple, list[tuple]]] = {}
        keys = ["part", "q", "o", "code", "uses"]
        for dim, column in columns.items():
            grouped = frame.assign(_v=column.values).groupby([*keys, "_v"], sort=True)["n"].sum()
            table: dict[tuple, list[tuple]] = defaultdict(list)
            for (part, q, o, code, uses, v), n in grouped.items():
                table[(part, int(q))].append((int(o), code, int(uses), v, int(n)))
                table[(part, None)].append((int(o), code, int(uses), v, int(n)))
            self.index[dim] = table

    def counts(
        self,
        part: str,
        q: int | None = None,
        options: set[int] | None = None,
        *,
        code: str | None = None,
        uses: int | None = None,
        dims: Iterable[str] = DIMS,
    ) -> dict[tuple, int]:
        """(dim, value) → count of the part's rows that match; "all" by benefit column."""
        out: dict[tuple, int] = defaultdict(int)
        for dim in ("all", *dims):
            for o, c, u, v, n in self.index[dim].get((part, q), ()):
                if options is not None and o not in options:
                    continue
                if (code is not None and c != code) or (uses is not None and u != uses):
                    continue
                out[(dim, v)] += n
        return out


class _Model:
    """The unknowns with their true values, the structure between them, and the cells."""

    def __init__(self, s: Structure, atoms: list[Atom], snapshots: list[Snapshot]) -> None:
        self.s = s
        self.atoms = atoms
        self.tables = LinkedTables()
        self.values: list[float] = []
        self.ids: dict[tuple, int] = {}
        self.codes_of = {option: code for option, (code, _n, _l) in s.area_options.items()}
        self.dims = self._dimensions(snapshots)
        questions: dict[str, dict[int, int]] = {"known": {}, "helpful": {}, "barriers": {}}
        for question, (offering, key) in s.reach.items():
            if key in questions:
                questions[key].setdefault(offering, question)
        self.questions = questions
        self.offerings = list(s.offerings)
        self.codes = sorted(
            {
                s.option_code[o]
                for o, q in s.option_question.items()
                if q in set(questions["barriers"].values())
            }
        )
        self._used_options = {o for o, code in s.option_code.items() if code == "used"}
        self._high_options = {o for o in s.option_code if helpful_row(s, o) == "high"}
        self.atom_sums = [self.sums(atom.counted) for atom in atoms]
        self.nested = {
            o: all(self._nested(sums, o) for sums in self.atom_sums) for o in self.offerings
        }
        self.links = self._links()
        for index, atom in enumerate(atoms):
            self._atom(index, atom)

    # --- dimensions and unknowns -------------------------------------------------------

    def _dimensions(self, snapshots: list[Snapshot]) -> dict[str, list]:
        langs: set[str] = set()
        points: set[int] = set()
        channels: set[str] = set()
        for atom in self.atoms:
            profiles = atom.counted[atom.counted["part"] == "p"]
            langs |= set(profiles["lang"])
            points |= {int(p) for p in profiles["point"]}
            channels |= set(profiles["channel"])
        for snapshot in snapshots:
            respondents = snapshot.tables.get("respondents") or {}
            langs |= {str(r["code"]) for r in respondents.get("languages", [])}
            points |= {int(r["id"]) for r in respondents.get("points", [])}
            channels |= {str(r["code"]) for r in respondents.get("channels", [])}
        return {
            "lang": sorted(langs),
            "point": [*sorted(points), REST],
            "area": [*area_codes(self.s), REST],
            "single": [1, 0],
            "many": [1, 0],
            "channel": sorted(channels),
        }

    def unknown(self, key: tuple, value: float) -> int:
        index = self.tables.unknowns(1)[0]
        self.ids[key] = index
        self.values.append(float(value))
        return index

    def quantity(
        self, atom: int, name: tuple, counts: dict[tuple, int], dims: Iterable[str]
    ) -> None:
        """Unknowns (atom, *name, dim, value): the benefit columns and each dimension's
        values, every dimension adding up to the same total."""
        total = {
            self.unknown((atom, *name, "all", b), counts.get(("all", b), 0)): 1.0 for b in BENS
        }
        for dim in dims:
            terms = {i: -1.0 for i in total}
            for v in self.dims[dim]:
                terms[self.unknown((atom, *name, dim, v), counts.get((dim, v), 0))] = 1.0
            self.tables.equal(terms)

    def scalar(self, atom: int, name: tuple, value: int) -> int:
        return self.unknown((atom, *name), value)

    def sums(self, frame: pd.DataFrame) -> _Sums:
        columns = {"all": frame["ben"].astype(int)}
        points = set(self.dims["point"])
        for dim in (*DIMS, "channel"):
            if dim == "point":
                columns[dim] = frame["point"].map(lambda p: int(p) if int(p) in points else REST)
            elif dim == "area":
                columns[dim] = frame["area"].map(lambda a: self.codes_of.get(int(a), REST))
            elif dim in ("single", "many"):
                columns[dim] = frame[dim].astype(int)
            else:
                columns[dim] = frame[dim]
        return _Sums(frame, columns)

    # --- the structure of one atom -------------------------------------------------------

    def _nested(self, sums: _Sums, offering: int) -> bool:
        """Only users are asked how helpful an offering is. Should the data say otherwise
        (paper entries), "helpful" is a count of its own, bounded by the respondents only."""
        used = sums.counts("r", self.questions["known"].get(offering, -1), self._used_options)
        helpful_q = self.questions["helpful"].get(offering, -1)
        high = sums.counts("r", helpful_q, self._high_options)
        return all(n <= used.get(k, 0) for k, n in high.items())

    def _atom(self, a: int, atom: Atom) -> None:
        s, t, frame = self.s, self.tables, atom.counted
        sums = self.atom_sums[a]
        profiles = frame[frame["part"] == "p"]
        reach = frame[frame["part"] == "r"]
        respondents = sums.counts("p", dims=(*DIMS, "channel"))
        self.quantity(a, ("R",), respondents, (*DIMS, "channel"))
        keys = [("all", b) for b in BENS] + [(d, v) for d in DIMS for v in self.dims[d]]

        for offering in self.offerings:
            known_q = self.questions["known"].get(offering, -1)
            parts: dict[str, dict[tuple, int]] = {}
            for code, part in zip(ANSWERS, ("NK", "KNU", "U"), strict=True):
                options = {o for o, c in s.option_code.items() if c == code}
                parts[part] = sums.counts("r", known_q, options)
            helpful_q = self.questions["helpful"].get(offering, -1)
            parts["H"] = sums.counts("r", helpful_q, self._high_options)
            parts["C0"] = {
                k: respondents.get(k, 0) - sum(parts[p].get(k, 0) for p in ("NK", "KNU", "U"))
                for k in keys
            }
            if self.nested[offering]:
                parts["UR"] = {k: parts["U"].get(k, 0) - parts["H"].get(k, 0) for k in keys}
                parts["UH"] = parts.pop("H")
                parts.pop("U")
            order = (
                ("NK", "KNU", "UH", "UR", "C0")
                if self.nested[offering]
                else ("NK", "KNU", "U", "C0")
            )
            for part in order:
                self.quantity(a, ("X", offering, part), parts[part], DIMS)
            for dim, v in keys:
                terms = {self.ids[(a, "X", offering, p, dim, v)]: 1.0 for p in order}
                terms[self.ids[(a, "R", dim, v)]] = -1.0
                t.equal(terms)
            if not self.nested[offering]:
                self.quantity(a, ("H", offering), parts["H"], DIMS)
                for dim, v in keys:
                    t.at_most(
                        {
                            self.ids[(a, "H", offering, dim, v)]: 1.0,
                            self.ids[(a, "R", dim, v)]: -1.0,
                        }
                    )

        # Barriers: families who answered a barrier question, and who named each code.
        self.quantity(a, ("Z",), sums.counts("p", 1), DIMS)
        for code in self.codes:
            self.quantity(a, ("W", code), sums.counts("b", code=code), DIMS)
        for dim, v in keys:
            z, r = self.ids[(a, "Z", dim, v)], self.ids[(a, "R", dim, v)]
            t.at_most({z: 1.0, r: -1.0})
            for code in self.codes:
                t.at_most({self.ids[(a, "W", code, dim, v)]: 1.0, z: -1.0})
        total_r = self._all(a, ("R",))
        total_z = self._all(a, ("Z",))
        per_question = frame[frame["part"] == "Q"].groupby("q")["n"].sum()
        per_option = reach.groupby("o")["n"].sum()
        named_for: dict[str, dict[int, float]] = defaultdict(dict)
        questions_z: dict[int, float] = {}
        for offering in self.offerings:
            question = self.questions["barriers"].get(offering)
            if question is None:
                continue
            q = self.scalar(a, ("Q", offering), int(per_question.get(question, 0)))
            questions_z[q] = -1.0
            t.at_most({q: 1.0, **{i: -c for i, c in total_z.items()}})
            knu = self._all(a, ("X", offering, "KNU"))
            if self.values[q] <= sum(self.values[i] for i in knu):
                # The barrier question is asked of those who know it but do not use it.
                t.at_most({q: 1.0, **{i: -c for i, c in knu.items()}})
            by_code: dict[str, int] = defaultdict(int)
            for option, q_of in s.option_question.items():
                if q_of == question:
                    by_code[s.option_code[option]] += int(per_option.get(option, 0))
            for code in self.codes:
                i = self.scalar(a, ("B", offering, code), by_code.get(code, 0))
                t.at_most({i: 1.0, q: -1.0})
                named_for[code][i] = -1.0
                t.at_most({i: 1.0, **{j: -1.0 for j in self._all(a, ("W", code))}})
        if questions_z:
            t.at_most({**total_z, **questions_z})
            for code, terms in named_for.items():
                t.at_most({**self._all(a, ("W", code)), **terms})

        # Respondents of an area who use at least one offering.
        uses = sums.counts("p", uses=1, dims=("area",))
        for v in self.dims["area"]:
            u = self.scalar(a, ("U", v), uses.get(("area", v), 0))
            t.at_most({u: 1.0, self.ids[(a, "R", "area", v)]: -1.0})
            users: dict[int, float] = {}
            for offering in self.offerings:
                used = self._used(a, offering, "area", v)
                t.at_most({**used, u: -1.0})
                users.update(used)
            if users:
                t.at_most({u: 1.0, **{i: -1.0 for i in users}})

        # What is missing: answered the question, each choice, and the staff tags.
        missing = frame[frame["part"] == "m"].groupby("o")["n"].sum()
        m0 = self.scalar(a, ("M0",), int(profiles[profiles["o"] == 1]["n"].sum()))
        t.at_most({m0: 1.0, **{i: -c for i, c in total_r.items()}})
        for option in s.missing_options:
            m = self.scalar(a, ("M", option.code), int(missing.get(option.pk, 0)))
            t.at_most({m: 1.0, m0: -1.0})
        for name, n in sorted(atom.tags.items()):
            self.scalar(a, ("T", name), n)
        for indicator, (count, base) in sorted(atom.indicators.items()):
            if indicator in self.links:
                continue
            c = self.scalar(a, ("I", indicator, "count"), count)
            b = self.scalar(a, ("I", indicator, "base"), base)
            t.at_most({c: 1.0, b: -1.0})
            t.at_most({b: 1.0, **{i: -x for i, x in total_r.items()}})

    def _all(self, atom: int, name: tuple) -> dict[int, float]:
        return {self.ids[(atom, *name, "all", b)]: 1.0 for b in BENS}

    def _used(self, atom: int, offering: int, dim: str, v: object) -> dict[int, float]:
        parts = ("UH", "UR") if self.nested[offering] else ("U",)
        return {self.ids[(atom, "X", offering, p, dim, v)]: 1.0 for p in parts}

    def _links(self) -> dict[int, tuple[int, tuple[str, ...]]]:
        """Indicators fed by a "do you know it" question: (offering, answer parts counted);
        their counts are funnel counts, so they are the same cells as the funnel's."""
        out = {}
        known = {q: o for o, q in self.questions["known"].items()}
        for link in IndicatorLink.objects.filter(question_id__in=known).prefetch_related("options"):
            codes = {option.code for option in link.options.all()}
            parts = {"not_known": ("NK",), "known_not_used": ("KNU",), "used": ("U",)}
            out[link.indicator_id] = (
                known[link.question_id],
                tuple(p for code in ANSWERS if code in codes for p in parts[code]),
            )
        return out

    # --- cells ----------------------------------------------------------------------------

    def terms(self, atoms: Iterable[int], name: tuple, sl: Slice) -> dict[int, float]:
        out: dict[int, float] = {}
        for a in atoms:
            if sl.dim == "all":
                for b in sl.bens:
                    out[self.ids[(a, *name, "all", b)]] = 1.0
            else:
                out[self.ids[(a, *name, sl.dim, sl.value)]] = 1.0
        return out

    def parts_of(self, offering: int, stage: str) -> tuple[str, ...]:
        used = ("UH", "UR") if self.nested[offering] else ("U",)
        return {
            "base": ("NK", "KNU", *used),
            "known": ("KNU", *used),
            "used": used,
            "helpful": ("UH",) if self.nested[offering] else (),
            "not_known": ("NK",),
            "known_not_used": ("KNU",),
            "used_otherwise": ("UR",) if self.nested[offering] else (),
        }[stage]

    def stage_terms(
        self, atoms: Iterable[int], offering: int, stage: str, sl: Slice
    ) -> dict[int, float]:
        atoms = tuple(atoms)
        if stage == "helpful" and not self.nested[offering]:
            return self.terms(atoms, ("H", offering), sl)
        out: dict[int, float] = {}
        for part in self.parts_of(offering, stage):
            out.update(self.terms(atoms, ("X", offering, part), sl))
        return out

    def describe(self, key: tuple) -> str:
        names = {i: name for name, i in self.ids.items()}
        cell = self.tables.cells.get(key)
        state = f" ({cell.state}, {cell.value})" if cell else ""
        return " + ".join(str(names[i]) for i in key) + state

    def value_of(self, terms: dict[int, float]) -> int:
        return round(sum(self.values[i] * c for i, c in terms.items()))


@dataclass
class _Place:
    unit: str | None  # "<view>/reach" or "<view>/barriers": what is withheld with it
    cell: dict
    key: tuple
    base: dict | None = None  # the cell its percentage is of


class _Register:
    """Every published cell of the snapshots as a sum of unknowns, and the counts a reader
    can work out that are not published."""

    def __init__(self, model: _Model, min_size: int) -> None:
        self.model = model
        self.min_size = min_size
        self.places: list[_Place] = []
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
            self.places.append(_Place(unit, cell, key, base))
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
        for row in r.get("groups", []):
            self.put(
                snapshot,
                None,
                row["respondents"],
                m.terms(atoms, ("R",), slice_of(f"group:{row['key']}")),
                total,
            )
        for row in r.get("languages", []):
            self.put(
                snapshot,
                None,
                row["respondents"],
                m.terms(atoms, ("R",), Slice("lang", row["code"])),
                total,
            )
        for row in r.get("points", []):
            self.put(
                snapshot,
                None,
                row["respondents"],
                m.terms(atoms, ("R",), Slice("point", int(row["id"]))),
                total,
            )
        for row in r.get("channels", []):
            self.put(
                snapshot,
                None,
                row["respondents"],
                m.terms(atoms, ("R",), Slice("channel", row["code"])),
                total,
            )

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
        size = int(atom.counted[atom.counted["part"] == "p"]["n"].sum())
        if len(atoms) > 1 and 0 < size < min_size:
            # A handful of families new since a published report (or gone from it): the
            # difference of the two totals alone would count them.
            raise CannotProtectTogether(f"{size} families differ from an earlier report")
    hidden_before = _count_hidden(current.tables)
    model = _Model(s, atoms, snapshots)
    structure = model.tables
    for _round in range(ROUNDS):
        # The unknowns and their structure stay; the cells are registered afresh each round.
        model.tables = LinkedTables(structure.size, structure.equations, structure.bounds, {})
        register = _Register(model, min_size)
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
    _one_marker(tables)
    outcome.hidden_before = hidden_before
    outcome.hidden_after = _count_hidden(tables)
    outcome.seconds = round(time.monotonic() - started, 2)
    return outcome


def _mostly_hidden(places: list[_Place], audit: Audit) -> dict[str, str]:
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


def _count_hidden(node: object) -> int:
    if isinstance(node, dict):
        own = 1 if node.get("s") in ("small", "hidden") and "n" not in node else 0
        return own + sum(_count_hidden(v) for v in node.values())
    if isinstance(node, list):
        return sum(_count_hidden(v) for v in node)
    return 0


def _one_marker(node: object) -> None:
    """Every withheld count says only "hidden": "fewer than 5" would itself tell a reader that
    the number lies between 1 and 4 (official statistics use one sign for both)."""
    if isinstance(node, dict):
        if node.get("s") == "small":
            node["s"] = "hidden"
        for value in node.values():
            _one_marker(value)
    elif isinstance(node, list):
        for value in node:
            _one_marker(value)
