"""Coordinated secondary suppression over linked tables, proved with linear programming.

Why this method. A snapshot publishes the same families many times: the reach funnel for
"all", for every language, collection point, planning area and group, the respondents per
view, the barrier rankings, and earlier reports of the same survey. Protecting each table on
its own lets a reader subtract one view from another (the languages add up to "all"), or one
wave from the next. Official statistics offer two answers:
  - the cell key method (consistent noise per record key, used for census tables), which
    changes every count a little, so totals no longer add up, participation numbers and
    reach shares are no longer the counts staff worked with, and noise of ±2 on counts of
    5 to 50 is large — for a district survey of a few hundred families it would blur exactly
    the differences the report is about;
  - coordinated cell suppression over the linked tables, as tau-Argus does it: published
    numbers stay exact and additive, hidden ones are chosen for the whole set at once, and
    whether a hidden number can be worked out is a question a linear-programming solver
    answers exactly, the way an attacker would ask it.
We use the second. Every published cell is a sum of non-negative unknowns (the counts of the
finest groups the tables are made of); the tables' structure gives equations and bounds
between them, and every shown cell one more equation. A cell that is hidden, and a count
that is not published but follows from published ones (a complement, a difference of two
stages, the families who did not say whether they receive benefits) and describes 1 to
`min_size - 1` families, is protected when the smallest and the largest value that agree
with everything published lie at least `min_size` apart. Where they do not, the cheapest
shown cell among those that pin the bound (the solver's dual values name them) is hidden as
well, and the cell is checked again. Hiding only ever widens intervals, so a cell once
proved safe stays safe, and every solution the solver returns is a witness that widens the
known interval of every other cell too (most cells are proved without a solve of their own).

The result depends only on the numbers and the order of the keys (no randomness, no clock),
so rebuilding a snapshot from the same data publishes the same pattern.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import highspy
import numpy as np

Terms = Mapping[int, float]
State = Literal["shown", "hidden", "unpublished"]
TOLERANCE = 1e-6
# Seconds for one question to the solver; the models here take milliseconds, so a solve
# that runs this long is stuck and is started afresh.
SOLVE_TIME_LIMIT = 2.0
# Cells tried one by one when the duals name no cell to hide (a degenerate optimum).
TRIALS = 60


class ProtectionError(Exception):
    """The published cells contradict each other, or the audit ran out of time."""


@dataclass
class LinkedCell:
    terms: dict[int, float]
    value: int
    state: State
    fixed: bool  # published before (an earlier report, the total): stays as it is
    cost: float


@dataclass
class Audit:
    """What protect() found: the hidden keys and the interval proved for each checked cell."""

    hidden: set[Hashable]
    intervals: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    solved: int = 0  # linear programs solved
    # Cells no further hiding can protect (only fixed cells pin them): the caller must not
    # publish what they belong to.
    unprotected: set[Hashable] = field(default_factory=set)
    added: set[Hashable] = field(default_factory=set)  # hidden by the audit itself


@dataclass
class LinkedTables:
    """Non-negative unknowns, the equations and bounds between them, and the cells."""

    size: int = 0
    equations: list[tuple[dict[int, float], float]] = field(default_factory=list)
    bounds: list[tuple[dict[int, float], float]] = field(default_factory=list)
    cells: dict[Hashable, LinkedCell] = field(default_factory=dict)

    def unknowns(self, count: int) -> list[int]:
        start = self.size
        self.size += count
        return list(range(start, self.size))

    def equal(self, terms: Terms, rhs: float = 0.0) -> None:
        """Σ terms = rhs, known to every reader (how the tables are made)."""
        self.equations.append((dict(terms), float(rhs)))

    def at_most(self, terms: Terms, rhs: float = 0.0) -> None:
        """Σ terms ≤ rhs, known to every reader."""
        self.bounds.append((dict(terms), float(rhs)))

    def cell(
        self,
        key: Hashable,
        terms: Terms,
        value: int,
        state: State = "shown",
        *,
        fixed: bool = False,
        cost: float | None = None,
    ) -> None:
        """A published count (shown or hidden) or an unpublished one that must not be pinned
        down while small. The same key twice is one cell: hidden if either place hides it."""
        old = self.cells.get(key)
        if old is not None:
            if state == "hidden" or (old.state == "unpublished" and state == "shown"):
                old.state = state
            old.fixed = old.fixed or fixed
            return
        self.cells[key] = LinkedCell(
            dict(terms), int(value), state, fixed, float(value if cost is None else cost)
        )

    def check(self, values: list[float]) -> list[str]:
        """Rows the true values break (empty when the model describes the data)."""
        x = np.asarray(values, dtype=float)
        broken = []
        for terms, rhs in self.equations:
            if abs(sum(x[i] * c for i, c in terms.items()) - rhs) > TOLERANCE:
                broken.append(f"equation {terms} = {rhs}")
        for terms, rhs in self.bounds:
            if sum(x[i] * c for i, c in terms.items()) > rhs + TOLERANCE:
                broken.append(f"bound {terms} <= {rhs}")
        for key, c in self.cells.items():
            if abs(sum(x[i] * w for i, w in c.terms.items()) - c.value) > TOLERANCE:
                fixed = " (fixed)" if c.fixed else ""
                broken.append(f"cell {key!r} is {c.value}{fixed}")
        return broken


class _Solver:
    """One HiGHS model of everything a reader knows; each question only changes the objective,
    so the solver starts from the last basis."""

    def __init__(self, tables: LinkedTables, published: list[Hashable]) -> None:
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        # Only the objective changes between questions: primal simplex from the last basis.
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("simplex_strategy", 4)
        self.size = tables.size
        inf = highspy.kHighsInf
        self.highs.addVars(self.size, np.zeros(self.size), np.full(self.size, inf))
        rows: list[tuple[dict[int, float], float, float]] = [
            (terms, rhs, rhs) for terms, rhs in tables.equations
        ]
        rows += [(terms, -inf, rhs) for terms, rhs in tables.bounds]
        self.key_of: dict[int, Hashable] = {}
        self.row_of: dict[Hashable, int] = {}
        for key in published:
            cell = tables.cells[key]
            self.row_of[key] = len(rows)
            if cell.state == "shown":
                self.key_of[len(rows)] = key
                rows.append((cell.terms, float(cell.value), float(cell.value)))
            else:
                rows.append((cell.terms, -inf, inf))
        if rows:
            starts, index, values = [], [], []
            for terms, _low, _high in rows:
                starts.append(len(index))
                for column, coefficient in sorted(terms.items()):
                    index.append(column)
                    values.append(coefficient)
            self.highs.addRows(
                len(rows),
                np.array([r[1] for r in rows], dtype=float),
                np.array([r[2] for r in rows], dtype=float),
                len(index),
                np.array(starts, dtype=np.int32),
                np.array(index, dtype=np.int32),
                np.array(values, dtype=float),
            )
        self.last: list[int] = []
        self.solved = 0
        self.point: np.ndarray | None = None

    def hide(self, key: Hashable) -> None:
        """The cell is no longer shown: its equation stops binding."""
        row = self.row_of[key]
        self.highs.changeRowBounds(row, -highspy.kHighsInf, highspy.kHighsInf)
        self.key_of.pop(row, None)

    def show(self, key: Hashable, value: float) -> None:
        row = self.row_of[key]
        self.highs.changeRowBounds(row, float(value), float(value))
        self.key_of[row] = key

    def _run(self) -> None:
        # HiGHS measures its time limit from the first run of the object, not of this one.
        self.highs.setOptionValue("time_limit", self.highs.getRunTime() + SOLVE_TIME_LIMIT)
        self.highs.run()

    def extreme(self, terms: Terms, sign: float) -> float:
        """min (sign=1) or max (sign=-1) of Σ terms; pins() then names the shown cells that
        pin it. The solution stays in `point` as a witness for every other cell."""
        columns = sorted(set(self.last) | set(terms))
        costs = [sign * terms.get(c, 0.0) for c in columns]
        self.highs.changeColsCost(
            len(columns), np.array(columns, dtype=np.int32), np.array(costs, dtype=float)
        )
        self.last = sorted(terms)
        self.solved += 1
        self._run()
        status = self.highs.getModelStatus()
        if status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kUnbounded):
            # Should primal simplex from the last basis stall on a degenerate model, start
            # afresh with dual simplex, then go on as before.
            self.highs.clearSolver()
            self.highs.setOptionValue("simplex_strategy", 1)
            self._run()
            self.highs.setOptionValue("simplex_strategy", 4)
            status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kUnbounded:
            self.point = None
            return -sign * float("inf")
        if status != highspy.HighsModelStatus.kOptimal:
            raise ProtectionError(f"the published cells contradict each other: {status}")
        solution = self.highs.getSolution()
        self.point = np.asarray(solution.col_value, dtype=float)
        self._duals = solution.row_dual
        return sign * float(self.highs.getInfo().objective_function_value)

    def pins(self) -> set[Hashable]:
        """The shown cells whose equations bind the last optimum (non-zero dual values)."""
        if self.point is None:
            return set()
        duals = np.abs(np.asarray(self._duals, dtype=float))
        return {self.key_of[row] for row in np.flatnonzero(duals > TOLERANCE) if row in self.key_of}


class _Witnesses:
    """The smallest and largest value seen for each checked cell over every feasible point
    found so far (the true data first). A cell whose seen range is wide enough is proved."""

    def __init__(self, tables: LinkedTables, keys: list[Hashable], values: np.ndarray) -> None:
        self.keys = keys
        self.at = {key: i for i, key in enumerate(keys)}
        rows, columns, weights = [], [], []
        for i, key in enumerate(keys):
            for column, weight in tables.cells[key].terms.items():
                rows.append(i)
                columns.append(column)
                weights.append(weight)
        self.rows = np.asarray(rows, dtype=np.int64)
        self.columns = np.asarray(columns, dtype=np.int64)
        self.weights = np.asarray(weights, dtype=float)
        first = self._evaluate(values)
        self.low, self.high = first.copy(), first.copy()

    def _evaluate(self, point: np.ndarray) -> np.ndarray:
        return np.bincount(
            self.rows, weights=self.weights * point[self.columns], minlength=len(self.keys)
        )

    def see(self, point: np.ndarray | None) -> None:
        if point is not None:
            seen = self._evaluate(point)
            np.minimum(self.low, seen, out=self.low)
            np.maximum(self.high, seen, out=self.high)

    def width(self, key: Hashable) -> float:
        i = self.at[key]
        return float(self.high[i] - self.low[i])


def protect(
    tables: LinkedTables,
    min_size: int,
    values: list[float] | np.ndarray,
    *,
    deadline: float | None = None,
) -> Audit:
    """Hide cells until every hidden cell, and every small unpublished count, has an
    interval at least `min_size` wide given everything published.

    `values` are the true values of the unknowns: the first witness. Small shown cells that
    are not fixed are hidden first (the small-cell rule itself). Cells that only fixed cells
    pin are reported in `unprotected`. `deadline` (time.monotonic()) bounds the whole audit.
    """
    cells = tables.cells
    hidden = {
        key
        for key, c in cells.items()
        if c.state == "hidden" or (c.state == "shown" and not c.fixed and 0 < c.value < min_size)
    }
    for key in hidden:
        if not cells[key].fixed:
            cells[key].state = "hidden"
    targets = hidden | {
        key for key, c in cells.items() if c.state == "unpublished" and 0 < c.value < min_size
    }
    published = sorted((k for k, c in cells.items() if c.state != "unpublished"), key=repr)
    # Only shown, unfixed cells can still be hidden; they may become targets too.
    shown = [k for k in published if k not in hidden and not cells[k].fixed]
    witnesses = _Witnesses(tables, sorted(targets, key=repr) + shown, np.asarray(values))
    audit = Audit(hidden=set(hidden))
    if not targets:
        return audit
    solver = _Solver(tables, published)
    queue = deque(sorted(targets, key=repr))
    # Two questions about all targets at once first: their solutions prove many cells.
    union: dict[int, float] = {}
    for key in queue:
        for column in cells[key].terms:
            union[column] = 1.0
    for sign in (-1.0, 1.0):
        solver.extreme(union, sign)
        witnesses.see(solver.point)
    while queue:
        if deadline is not None and time.monotonic() > deadline:
            raise ProtectionError("the disclosure audit ran out of time")
        key = queue.popleft()
        if witnesses.width(key) >= min_size - TOLERANCE:
            continue
        terms = cells[key].terms
        while True:
            # Small counts usually have room above, not below: ask for the maximum first.
            high = solver.extreme(terms, -1.0)
            witnesses.see(solver.point)
            if witnesses.width(key) >= min_size - TOLERANCE:
                break
            pins = solver.pins()
            low = solver.extreme(terms, 1.0)
            witnesses.see(solver.point)
            audit.intervals[key] = (low, high)
            if high - low >= min_size - TOLERANCE:
                break
            pins |= solver.pins()
            candidates = [k for k in pins if k not in audit.hidden and not cells[k].fixed]
            if not candidates:
                open_cells = [k for k in shown if k not in audit.hidden]
                candidates = _overlapping(tables, key, open_cells) or _widening(
                    solver, witnesses, cells, key, open_cells, min_size
                )
            if not candidates:
                audit.unprotected.add(key)
                break
            choice = min(candidates, key=lambda k: (cells[k].cost, repr(k)))
            audit.hidden.add(choice)
            audit.added.add(choice)
            cells[choice].state = "hidden"
            solver.hide(choice)
            queue.append(choice)
    audit.solved = solver.solved
    return audit


def interval(tables: LinkedTables, key: Hashable) -> tuple[float, float]:
    """The smallest and largest value of a cell that agree with everything published
    (the cells' current states): what a reader can prove about it."""
    published = sorted((k for k, c in tables.cells.items() if c.state != "unpublished"), key=repr)
    solver = _Solver(tables, published)
    terms = tables.cells[key].terms
    return solver.extreme(terms, 1.0), solver.extreme(terms, -1.0)


def _widening(
    solver: _Solver,
    witnesses: _Witnesses,
    cells: dict,
    key: Hashable,
    shown: list[Hashable],
    min_size: int,
) -> list[Hashable]:
    """Last fallback when the duals name no cell: try the cheapest shown cells one by one
    (at most TRIALS) and take the first whose hiding widens the interval."""
    terms = cells[key].terms
    width = witnesses.width(key)
    for candidate in sorted(shown, key=lambda k: (cells[k].cost, repr(k)))[:TRIALS]:
        solver.hide(candidate)
        low = solver.extreme(terms, 1.0)
        high = solver.extreme(terms, -1.0)
        solver.show(candidate, cells[candidate].value)
        if high - low > width + TOLERANCE:
            return [candidate]
    return []


def _overlapping(tables: LinkedTables, key: Hashable, shown: list[Hashable]) -> list[Hashable]:
    """Fallback when the solver's duals name no cell (a degenerate optimum): every shown,
    unfixed cell that shares an unknown with the cell."""
    support = set(tables.cells[key].terms)
    return [k for k in shown if support & set(tables.cells[k].terms)]
