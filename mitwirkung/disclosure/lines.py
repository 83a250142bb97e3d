"""The small-cell line rule made safe against working a hidden cell out from the others.

mitwirkung.disclosure.cells.protect hides the smallest shown entry of a line that has exactly one
hidden entry. protect_lines adds what that heuristic misses (see its docstring) and proves
with an exhaustive search that every hidden cell can still take more than one value. Every
count a page, PDF or file shows goes through it: the survey pages' tables
(mitwirkung.disclosure.cells.suppress_counts / suppress_grid) and the report snapshots.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from mitwirkung.disclosure.cells import HIDDEN, SHOWN, SMALL, Reason, protect


def protect_lines(
    values: Sequence[int],
    lines: Sequence[Sequence[int]],
    min_size: int,
    *,
    published: Collection[int] = (),
) -> list[Reason]:
    """mitwirkung.disclosure.cells.protect, made safe against two more ways of working a cell out.

    Every line lists its entries first and the total they add up to last.
    1. The hidden entries of a line must add up to at least the minimum group size when one
       of them is small; otherwise a small count hidden beside a hidden zero is revealed by
       the total (total − shown = 1, and a small count is at least 1).
    2. No hidden cell may be pinned by bounds: a reader knows a "fewer than 5" cell lies
       between 1 and 4 and no count is negative, so three small cells of a row with total 12
       are each 4. Bounds are carried across all lines until nothing changes; a pinned cell
       gets another entry of one of its lines hidden, and everything is checked again.
    Each extra pick is the smallest non-zero shown entry of the line (a hidden zero adds no
    uncertainty), so the result depends on nothing but the numbers and their order.
    """
    # A line whose total is 0 holds only zeros: every entry is known from the total, so
    # hiding one protects nothing (and would only look odd next to a shown 0).
    published = set(published)
    for line in lines:
        if line and values[line[-1]] == 0:
            published.update(line)
    reasons = protect(values, lines, min_size, published=published)
    while True:
        _line_rules(values, reasons, lines, min_size, published)
        pinned = _pinned(values, reasons, lines, min_size) or _determined(
            values, reasons, lines, min_size
        )
        if not pinned:
            return reasons
        pick = None
        for cell_at in pinned:
            for line in lines:
                if cell_at in line:
                    pick = _pick(values, reasons, line, published, nonzero=True)
                    if pick is not None:
                        break
            if pick is not None:
                break
        if pick is None:
            # The pinned cells' lines are hidden already: widen to every line with a hidden cell.
            touching = [i for line in lines if any(reasons[j] != SHOWN for j in line) for i in line]
            pick = _pick(values, reasons, touching, published)
        if pick is None:
            return reasons  # nothing left to hide: the caller must not publish this table
        reasons[pick] = HIDDEN


def _line_rules(
    values: Sequence[int],
    reasons: list[Reason],
    lines: Sequence[Sequence[int]],
    min_size: int,
    published: Collection[int],
) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [i for i in line if reasons[i] != SHOWN]
            if len(hidden) == 1:
                pick = _pick(values, reasons, line, published)
            elif any(reasons[i] == SMALL for i in hidden) and (
                sum(values[i] for i in hidden) < min_size
            ):
                pick = _pick(values, reasons, line, published, nonzero=True)
            else:
                continue
            if pick is not None:
                reasons[pick] = HIDDEN
                changed = True


_UNBOUNDED = 10**12


def _pinned(
    values: Sequence[int], reasons: Sequence[Reason], lines: Sequence[Sequence[int]], min_size: int
) -> list[int]:
    """Hidden cells whose value follows from the shown ones by carrying bounds along lines."""
    low: list[int] = []
    high: list[int] = []
    for value, reason in zip(values, reasons, strict=True):
        if reason == SHOWN:
            low.append(value)
            high.append(value)
        elif reason == SMALL:
            low.append(1)
            high.append(min_size - 1)
        else:
            low.append(0)
            high.append(_UNBOUNDED)
    # The true values satisfy every line, so the bounds can only close in on them.
    _propagate(low, high, lines, max_rounds=50)
    return [i for i, reason in enumerate(reasons) if reason != SHOWN and low[i] >= high[i]]


def _pick(
    values: Sequence[int],
    reasons: list[Reason],
    line: Sequence[int],
    published: Collection[int],
    *,
    nonzero: bool = False,
) -> int | None:
    candidates = [
        i
        for i in line
        if reasons[i] == SHOWN and i not in published and (values[i] > 0 or not nonzero)
    ]
    if not candidates:
        return None
    # A non-zero entry adds uncertainty; a hidden zero adds none to the line's sum.
    return min(candidates, key=lambda i: (values[i] == 0, values[i], i))


class _TooLong(Exception):
    pass


_SEARCH_BUDGET = 20_000


def _determined(
    values: Sequence[int], reasons: Sequence[Reason], lines: Sequence[Sequence[int]], min_size: int
) -> list[int]:
    """Hidden cells that have a single possible value given all shown cells, the lines and the
    bounds (small: 1 … min_size-1, hidden: ≥ 0). A cell whose search runs out of budget
    counts as determined, so a hard table is protected more, never less."""
    hidden = [i for i, reason in enumerate(reasons) if reason != SHOWN]
    if not hidden:
        return []
    bound = sum(values)
    low = [
        v if r == SHOWN else (1 if r == SMALL else 0) for v, r in zip(values, reasons, strict=True)
    ]
    high = [
        v if r == SHOWN else (min_size - 1 if r == SMALL else bound)
        for v, r in zip(values, reasons, strict=True)
    ]
    budget = [_SEARCH_BUDGET]
    for target in hidden:
        true = values[target]
        try:
            other = False
            if low[target] <= true - 1:
                below = list(high)
                below[target] = true - 1
                other = _solvable(list(low), below, lines, budget)
            if not other and true + 1 <= high[target]:
                above = list(low)
                above[target] = true + 1
                other = _solvable(above, list(high), lines, budget)
        except _TooLong:
            other = False
        if not other:
            return [target]
    return []


def _propagate(
    low: list[int], high: list[int], lines: Sequence[Sequence[int]], max_rounds: int | None = None
) -> bool:
    """Tighten the bounds along the lines; False when they contradict each other."""
    # A line whose cells are all fixed can only confirm or contradict: check it once, then
    # leave it out of the rounds (most lines of a real table are shown whole).
    open_lines = []
    for line in lines:
        if all(low[i] == high[i] for i in line):
            if sum(low[i] for i in line[:-1]) != low[line[-1]]:
                return False
        else:
            open_lines.append(line)
    changed, rounds = True, 0
    while changed and (max_rounds is None or rounds < max_rounds):
        changed, rounds = False, rounds + 1
        for line in open_lines:
            *entries, total = line
            sum_low = sum(low[i] for i in entries)
            sum_high = sum(high[i] for i in entries)
            if sum_low > low[total]:
                low[total], changed = sum_low, True
            if sum_high < high[total]:
                high[total], changed = sum_high, True
            for i in entries:
                at_least = low[total] - (sum_high - high[i])
                at_most = high[total] - (sum_low - low[i])
                if at_least > low[i]:
                    low[i], changed = at_least, True
                if at_most < high[i]:
                    high[i], changed = at_most, True
            if low[total] > high[total] or any(low[i] > high[i] for i in entries):
                return False
    return True


def _solvable(
    low: list[int], high: list[int], lines: Sequence[Sequence[int]], budget: list[int]
) -> bool:
    """Is there an integer assignment within the bounds on which every line adds up?"""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLong
    if not _propagate(low, high, lines):
        return False
    open_cells = [i for i in range(len(low)) if low[i] < high[i]]
    if not open_cells:
        return all(sum(low[i] for i in line[:-1]) == low[line[-1]] for line in lines)
    i = min(open_cells, key=lambda j: (high[j] - low[j], j))
    for value in range(low[i], high[i] + 1):
        low2, high2 = list(low), list(high)
        low2[i] = high2[i] = value
        if _solvable(low2, high2, lines, budget):
            return True
    return False
