"""The small-cell rule: counts that describe families are shown only from the minimum group size.

Privacy rule (../shared/DESIGN.md, DOMAIN.md "Small numbers"): a count below the survey's
minimum group size (default 5) is never shown ("fewer than 5"), a percentage only when its
base is at least 10, and a table hides a second cell wherever a shown total would let a single
hidden cell be worked out by subtraction (secondary suppression).

The rule works on "lines": entries that add up, such as the cells of a row and the row's
total. A line may never have exactly one hidden entry — then a subtraction reveals it — so the
smallest shown entry of such a line is hidden too, again and again until every line is safe.
This is the usual heuristic of statistical offices (`protect`). It misses two ways of working
a cell out – a small count hidden beside a hidden zero, and cells pinned by their bounds – so
the tables below go through mitwirkung/disclosure/lines.py, which adds those rules and checks by
search that no hidden cell has only one possible value.

Everything here is plain Python without Django models, so the reports app can reuse it for
its own tables. A suppressed Cell does not carry its number at all: a template cannot leak it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DEFAULT_MIN_GROUP_SIZE = 5
# A share of fewer than ten families says more about single families than about a group.
MIN_PERCENT_BASE = 10

SHOWN = ""
SMALL = "small"  # primary: the count itself is below the minimum group size
HIDDEN = "hidden"  # secondary: hidden so that a small count cannot be recomputed

Reason = Literal["", "small", "hidden"]


@dataclass(frozen=True)
class Cell:
    """One number as it may be shown. `value` is None whenever the number is suppressed."""

    value: int | None
    reason: Reason = SHOWN
    min_size: int = DEFAULT_MIN_GROUP_SIZE
    percent: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.reason != SHOWN

    @property
    def is_small(self) -> bool:
        return self.reason == SMALL

    @property
    def is_hidden(self) -> bool:
        return self.reason == HIDDEN

    @property
    def text(self) -> str:
        """The cell for files and plain text: the number, "fewer than 5" or "hidden"."""
        if self.reason == SMALL:
            return str(_("fewer than %(size)s") % {"size": self.min_size})
        if self.reason == HIDDEN:
            return str(pgettext_lazy("small numbers", "hidden"))
        return str(self.value)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Table:
    """A row of counts with its total, suppressed together."""

    cells: list[Cell]
    total: Cell

    @property
    def any_suppressed(self) -> bool:
        return self.total.suppressed or any(cell.suppressed for cell in self.cells)


@dataclass(frozen=True)
class Grid:
    """Rows × columns of counts with row totals, column totals and the grand total."""

    rows: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell

    @property
    def any_suppressed(self) -> bool:
        cells = [c for row in self.rows for c in row] + self.row_totals + self.column_totals
        return self.total.suppressed or any(cell.suppressed for cell in cells)


def is_small(count: int, min_size: int = DEFAULT_MIN_GROUP_SIZE) -> bool:
    """Zero describes no family and stays visible; 1 … min_size-1 are too few to show."""
    return 0 < count < min_size


def share(count: int, base: int, min_base: int = MIN_PERCENT_BASE) -> float | None:
    """count as a percentage of base, or None when the base is too small to publish a share."""
    if base < min_base or base <= 0:
        return None
    return 100 * count / base


def protect(
    values: Sequence[int],
    lines: Sequence[Sequence[int]],
    min_size: int,
    *,
    published: Collection[int] = (),
) -> list[Reason]:
    """Why each value must be hidden (SMALL, HIDDEN) or SHOWN.

    `lines` lists index groups whose values add up (for example a row's cells and its total).
    `published` holds indices of values the reader knows anyway (a total printed elsewhere on
    the page): they stay shown and are never picked, so the other cells carry the protection.
    Secondary suppression picks the smallest shown value of a line, the first one on a tie,
    so the result depends on nothing but the numbers and their order.
    """
    for value in values:
        if value < 0:
            raise ValueError("counts cannot be negative")
    reasons: list[Reason] = [
        SMALL if is_small(v, min_size) and i not in published else SHOWN
        for i, v in enumerate(values)
    ]
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [i for i in line if reasons[i] != SHOWN]
            if len(hidden) != 1:
                continue
            candidates = [i for i in line if reasons[i] == SHOWN and i not in published]
            if not candidates:
                continue  # nothing left to hide: the caller must not publish this line
            reasons[min(candidates, key=lambda i: (values[i], i))] = HIDDEN
            changed = True
    return reasons


def _protect_lines(
    values: Sequence[int],
    lines: Sequence[Sequence[int]],
    min_size: int,
    *,
    published: Collection[int] = (),
) -> list[Reason]:
    # Imported here: mitwirkung.disclosure.lines builds on protect() above.
    from mitwirkung.disclosure.lines import protect_lines

    return protect_lines(values, lines, min_size, published=published)


def _cell(value: int, reason: Reason, min_size: int, base: int | None, min_base: int) -> Cell:
    if reason != SHOWN:
        return Cell(None, reason, min_size)
    percent = share(value, base, min_base) if base is not None else None
    return Cell(value, SHOWN, min_size, percent)


def suppress_counts(
    counts: Sequence[int],
    *,
    min_size: int = DEFAULT_MIN_GROUP_SIZE,
    min_base: int = MIN_PERCENT_BASE,
    total_published: bool = False,
) -> Table:
    """One row of counts that adds up to a total (for example: responses per language).

    `total_published`: the page shows the total anyway (the number of responses, a
    participation number), so it is treated as known and the cells alone are protected.
    Percentages are of the total, and only when the total is at least `min_base` and the
    total itself is shown.
    """
    values = [*counts, sum(counts)]
    published = {len(values) - 1} if total_published else set()
    reasons = _protect_lines(values, [list(range(len(values)))], min_size, published=published)
    total_shown = reasons[-1] == SHOWN
    base = values[-1] if total_shown else None
    cells = [
        _cell(v, r, min_size, base, min_base)
        for v, r in zip(values[:-1], reasons[:-1], strict=True)
    ]
    return Table(cells=cells, total=_cell(values[-1], reasons[-1], min_size, None, min_base))


def suppress_grid(
    rows: Sequence[Sequence[int]],
    *,
    min_size: int = DEFAULT_MIN_GROUP_SIZE,
    min_base: int = MIN_PERCENT_BASE,
    percent_of: Literal["row", "column"] | None = "row",
) -> Grid:
    """A cross table (for example answers × collection points) with all its margins.

    Every row with its row total, every column with its column total, and the totals
    themselves are lines, so no hidden cell can be recomputed from any one of them.
    """
    height = len(rows)
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("every row needs the same number of cells")
    row_sums = [sum(row) for row in rows]
    column_sums = [sum(row[c] for row in rows) for c in range(width)]
    # Layout of the flat list: cells row by row, then row totals, column totals, grand total.
    values = [v for row in rows for v in row] + row_sums + column_sums + [sum(row_sums)]
    row_total_at = height * width
    column_total_at = row_total_at + height
    grand_at = column_total_at + width
    lines: list[list[int]] = []
    for r in range(height):
        lines.append([r * width + c for c in range(width)] + [row_total_at + r])
    for c in range(width):
        lines.append([r * width + c for r in range(height)] + [column_total_at + c])
    lines.append([row_total_at + r for r in range(height)] + [grand_at])
    lines.append([column_total_at + c for c in range(width)] + [grand_at])
    reasons = _protect_lines(values, lines, min_size)

    def base_for(r: int, c: int) -> int | None:
        if percent_of == "row":
            at = row_total_at + r
        elif percent_of == "column":
            at = column_total_at + c
        else:
            return None
        return values[at] if reasons[at] == SHOWN else None

    grid_rows = [
        [
            _cell(values[r * width + c], reasons[r * width + c], min_size, base_for(r, c), min_base)
            for c in range(width)
        ]
        for r in range(height)
    ]
    return Grid(
        rows=grid_rows,
        row_totals=[
            _cell(values[row_total_at + r], reasons[row_total_at + r], min_size, None, min_base)
            for r in range(height)
        ],
        column_totals=[
            _cell(
                values[column_total_at + c], reasons[column_total_at + c], min_size, None, min_base
            )
            for c in range(width)
        ],
        total=_cell(values[grand_at], reasons[grand_at], min_size, None, min_base),
    )
