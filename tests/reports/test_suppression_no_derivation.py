"""No suppressed count of a snapshot table can be worked out from what the table shows.

The reader knows every shown value, which entries add up to which total (the lines), that a
"fewer than 5" cell lies between 1 and 4 and that no count is negative. For every hidden cell
a search looks for a second assignment of all hidden cells that fits all of that but gives
this cell another value: if one exists, the cell cannot be derived.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from mitwirkung.disclosure.cells import SHOWN, SMALL
from reports.aggregation.cells import line_cells, protect_lines
from reports.aggregation.reach import funnel_cells

MIN = 5


def _propagate(low: list[int], high: list[int], lines: Sequence[Sequence[int]]) -> bool:
    """Carry bounds along the lines until nothing changes; False when nothing fits."""
    changed = True
    while changed:
        changed = False
        for line in lines:
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


def _solvable(low: list[int], high: list[int], lines: Sequence[Sequence[int]]) -> bool:
    """Is there an integer assignment within the bounds on which every line adds up?"""
    low, high = list(low), list(high)
    if not _propagate(low, high, lines):
        return False
    open_cells = [i for i in range(len(low)) if low[i] < high[i]]
    if not open_cells:
        return all(sum(low[i] for i in line[:-1]) == low[line[-1]] for line in lines)
    i = min(open_cells, key=lambda j: (high[j] - low[j], j))
    for v in range(low[i], high[i] + 1):
        low2, high2 = list(low), list(high)
        low2[i] = high2[i] = v
        if _solvable(low2, high2, lines):
            return True
    return False


def other_value_possible(
    values: Sequence[int], reasons: Sequence[str], lines: Sequence[Sequence[int]], target: int
) -> bool:
    """Is there an assignment of the hidden cells, consistent with everything shown, in which
    `target` differs from its true value? A complete search (branching on integer values)
    pruned by carrying bounds along the lines."""
    bound = sum(values)  # generous: the reader knows no more than this
    low = [
        v if r == SHOWN else (1 if r == SMALL else 0) for v, r in zip(values, reasons, strict=False)
    ]
    high = [
        v if r == SHOWN else (MIN - 1 if r == SMALL else bound)
        for v, r in zip(values, reasons, strict=False)
    ]
    true = values[target]
    below_low, below_high = list(low), list(high)
    below_high[target] = min(below_high[target], true - 1)
    above_low, above_high = list(low), list(high)
    above_low[target] = max(above_low[target], true + 1)
    return (
        below_low[target] <= below_high[target] and _solvable(below_low, below_high, lines)
    ) or (above_low[target] <= above_high[target] and _solvable(above_low, above_high, lines))


def assert_nothing_derivable(
    values: Sequence[int], reasons: Sequence[str], lines: Sequence[Sequence[int]]
) -> None:
    for line in lines:
        # The line rule itself: never exactly one hidden entry.
        assert sum(reasons[i] != SHOWN for i in line) != 1, line
    for i, reason in enumerate(reasons):
        if reason != SHOWN:
            assert other_value_possible(values, reasons, lines, i), (i, values[i])


def grid(rows: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """A cross table with all its margins as values and lines (total last in each line)."""
    height, width = len(rows), len(rows[0])
    values = [v for row in rows for v in row]
    row_at = len(values)
    values += [sum(row) for row in rows]
    column_at = len(values)
    values += [sum(row[c] for row in rows) for c in range(width)]
    values.append(sum(values[row_at:column_at]))
    lines = [[r * width + c for c in range(width)] + [row_at + r] for r in range(height)]
    lines += [[r * width + c for r in range(height)] + [column_at + c] for c in range(width)]
    lines.append([row_at + r for r in range(height)] + [len(values) - 1])
    lines.append([column_at + c for c in range(width)] + [len(values) - 1])
    return values, lines


# Offering B of the hand-built survey (tests/reports/conftest.py): rows not known / know it,
# don't use it / use it; columns with benefits / without / not stated.
OFFERING_B = [[8, 2, 0], [2, 5, 0], [2, 5, 0]]


def test_offering_b_hides_three_small_cells_and_their_complements():
    values, lines = grid(OFFERING_B)
    reasons = protect_lines(values, lines, MIN)
    # cells row by row, then row totals, column totals, grand total
    assert reasons == [
        "hidden", "small", "",  # not known: 8 hidden beside the small 2 (row sum rule)
        "small", "hidden", "",  # know it: 5 hidden (column "without" had one small)
        "small", "hidden", "",  # use it: 5 hidden (row: 2 + 0 would tell the 2)
        "", "", "",  # row totals 10, 7, 7
        "", "", "",  # column totals 12, 12, 0
        "",
    ]  # fmt: skip
    assert_nothing_derivable(values, reasons, lines)


def test_the_line_rule_alone_would_reveal_a_small_cell_beside_a_hidden_zero():
    """protect() hides the 0 as the complement of the 2; row total 10 − 8 then says 2."""
    from mitwirkung.disclosure.cells import protect

    values, lines = grid(OFFERING_B)
    plain = protect(values, lines, MIN)
    assert not all(
        other_value_possible(values, plain, lines, i) for i, r in enumerate(plain) if r != SHOWN
    )
    fixed = protect_lines(values, lines, MIN)
    assert_nothing_derivable(values, fixed, lines)


@pytest.mark.parametrize(
    "rows",
    [
        [[12, 3, 9], [7, 7, 1], [20, 4, 6]],
        [[1, 0, 0], [0, 9, 9], [9, 9, 9]],
        [[4, 4, 4], [4, 4, 4], [4, 4, 4]],
        [[0, 0, 3], [6, 6, 6], [10, 0, 0]],
        [[30, 1], [30, 1]],
    ],
)
def test_crafted_grids(rows):
    values, lines = grid(rows)
    assert_nothing_derivable(values, protect_lines(values, lines, MIN), lines)


def test_random_grids_three_by_three():
    rng = random.Random(7)
    for _ in range(300):
        rows = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 11]) for _ in range(3)] for _ in range(3)]
        values, lines = grid(rows)
        assert_nothing_derivable(values, protect_lines(values, lines, MIN), lines)


def test_a_funnel_with_its_helpfulness_grid():
    """The whole funnel table of one offering: answers × benefit columns (with 2, without 1,
    not stated 0), and the ratings of those who use it, whose columns add up to "use it".

        ratings (4–5 / 1–3)   with  without  not stated  all
        helpful (4–5)          2s     9         6        17
        not helpful (1–3)      5      3s        0         8
        uses it                7     12         6        25

    Row "helpful": the small 2 takes the smallest other entry (6) with it. Row "not helpful":
    the small 3 first takes the 0, which adds nothing, so the rule also hides the 5. Column
    "without": 9 + 3 = 12 with one hidden entry, so the 9 is hidden too.
    """
    answers = {
        "not_known": {2: 9, 1: 12, 0: 6},
        "known_not_used": {2: 6, 1: 8, 0: 5},
        "used": {2: 7, 1: 12, 0: 6},
    }
    helpful = {"high": {2: 2, 1: 9, 0: 6}, "low": {2: 5, 1: 3, 0: 0}, "cannot_say": {}}
    stages = funnel_cells(answers, helpful, MIN)
    assert stages == {
        "all": {
            "base": {"n": 71},
            "known": {"n": 44, "p": 62.0},
            "used": {"n": 25, "p": 35.2},
            "helpful": {"n": 17, "p": 23.9},
        },
        "with_benefits": {
            "base": {"n": 22},
            "known": {"n": 13, "p": 59.1},
            "used": {"n": 7, "p": 31.8},
            "helpful": {"s": "small"},
        },
        "without_benefits": {
            "base": {"n": 32},
            "known": {"n": 20, "p": 62.5},
            "used": {"n": 12, "p": 37.5},
            "helpful": {"s": "hidden"},
        },
    }


def test_random_funnels_reveal_nothing():
    """funnel_cells' layout, checked through the same search on random small numbers."""
    import reports.aggregation.reach as reach

    rng = random.Random(11)
    seen: list[tuple[list[int], list[str], list[list[int]]]] = []
    original = reach.protect_lines

    def spy(values, lines, min_size, **kwargs):
        reasons = original(values, lines, min_size, **kwargs)
        seen.append((list(values), list(reasons), [list(line) for line in lines]))
        return reasons

    reach.protect_lines = spy
    try:
        for _ in range(80):
            counts = lambda: {c: rng.choice([0, 1, 3, 5, 7, 12]) for c in (2, 1, 0)}  # noqa: E731
            answers = {code: counts() for code in reach.ANSWERS}
            used = answers["used"]
            helpful = {"high": {c: rng.randint(0, used[c]) for c in used}}
            funnel_cells(answers, helpful, MIN)
    finally:
        reach.protect_lines = original
    for values, reasons, lines in seen:
        assert_nothing_derivable(values, reasons, lines)


def test_a_line_of_respondents_with_a_published_total():
    cells, total = line_cells([14, 3, 13], MIN, total_published=True)
    # 3 is small; the smallest other (13) is hidden with it, so 30 − 14 leaves two unknowns.
    assert cells == [{"n": 14, "p": 46.7}, {"s": "small"}, {"s": "hidden"}]
    assert total == {"n": 30}
