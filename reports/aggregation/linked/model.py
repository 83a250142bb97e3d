"""The unknowns of the linked protection with their true values, and the structure between
them that every reader knows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from mitwirkung.disclosure.linked import LinkedTables
from reports.aggregation.counts import ALL, BARRIER, MISSING, USES, Counts
from reports.aggregation.filters import area_codes
from reports.aggregation.linked.atoms import Atom
from reports.aggregation.linked.vocabulary import BENS, DIMS, REST, Slice, Snapshot
from reports.aggregation.reach import ANSWERS, helpful_row
from reports.aggregation.scope import Structure


class Sums:
    """An atom's counts per dimension, indexed by part and question once: the model asks
    for some hundred slices."""

    def __init__(self, counts: Counts, values: dict[str, Callable[[Any], Any]]) -> None:
        self.index: dict[str, dict[tuple, list[tuple]]] = {}
        for dim in ("all", *DIMS, "channel"):
            source = counts.by.get("ben" if dim == "all" else dim, {})
            value_of = values.get(dim, lambda v: v)
            table: dict[tuple, list[tuple]] = defaultdict(list)
            for part, by_value in source.items():
                for value, keys in by_value.items():
                    v = value_of(value)
                    for key, n in keys.items():
                        # Respondents by flag, reach answers by (question, option), barriers
                        # by code: as (question, option, code) for the lookups below.
                        if part == "p":
                            q, o, code = key, 0, ""
                        elif part == "r":
                            (q, o), code = key, ""
                        else:
                            q, o, code = 0, 0, key
                        table[(part, q)].append((o, code, v, n))
                        table[(part, None)].append((o, code, v, n))
            self.index[dim] = table

    def counts(
        self,
        part: str,
        q: int | None = None,
        options: set[int] | None = None,
        *,
        code: str | None = None,
        dims: Iterable[str] = DIMS,
    ) -> dict[tuple, int]:
        """(dim, value) → count of the part's rows that match; "all" by benefit column.
        Respondents ("p") are asked by flag (`q`, reports/aggregation/counts.py)."""
        out: dict[tuple, int] = defaultdict(int)
        for dim in ("all", *dims):
            for o, c, v, n in self.index[dim].get((part, q), ()):
                if options is not None and o not in options:
                    continue
                if code is not None and c != code:
                    continue
                out[(dim, v)] += n
        return out


class Model:
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
            langs |= set(atom.counted.respondents("lang"))
            points |= {int(p) for p in atom.counted.respondents("point")}
            channels |= set(atom.counted.respondents("channel"))
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

    def sums(self, counts: Counts) -> Sums:
        points = set(self.dims["point"])
        return Sums(
            counts,
            {
                "all": int,
                "point": lambda p: int(p) if int(p) in points else REST,
                "area": lambda a: self.codes_of.get(int(a), REST),
                "single": int,
                "many": int,
            },
        )

    # --- the structure of one atom -------------------------------------------------------

    def _nested(self, sums: Sums, offering: int) -> bool:
        """Only users are asked how helpful an offering is. Should the data say otherwise
        (paper entries), "helpful" is a count of its own, bounded by the respondents only."""
        used = sums.counts("r", self.questions["known"].get(offering, -1), self._used_options)
        helpful_q = self.questions["helpful"].get(offering, -1)
        high = sums.counts("r", helpful_q, self._high_options)
        return all(n <= used.get(k, 0) for k, n in high.items())

    def _atom(self, a: int, atom: Atom) -> None:
        s, t, counts = self.s, self.tables, atom.counted
        sums = self.atom_sums[a]
        respondents = sums.counts("p", ALL, dims=(*DIMS, "channel"))
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
        self.quantity(a, ("Z",), sums.counts("p", BARRIER), DIMS)
        for code in self.codes:
            self.quantity(a, ("W", code), sums.counts("b", code=code), DIMS)
        for dim, v in keys:
            z, r = self.ids[(a, "Z", dim, v)], self.ids[(a, "R", dim, v)]
            t.at_most({z: 1.0, r: -1.0})
            for code in self.codes:
                t.at_most({self.ids[(a, "W", code, dim, v)]: 1.0, z: -1.0})
        total_r = self._all(a, ("R",))
        total_z = self._all(a, ("Z",))
        per_question = counts.total_of("Q")
        per_option: dict[int, int] = defaultdict(int)
        for (_question, option), n in counts.total_of("r").items():
            per_option[option] += n
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
        uses = sums.counts("p", USES, dims=("area",))
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
        missing: dict[int, int] = defaultdict(int)
        for (_question, option), n in counts.total_of("m").items():
            missing[option] += n
        m0 = self.scalar(a, ("M0",), counts.total(MISSING))
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
        for link in self.atoms[0].links if self.atoms else []:
            if link.question_id not in known:
                continue
            codes = link.option_codes
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
