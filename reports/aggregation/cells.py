"""Counts as a snapshot stores them: the small-cell rule applied, then turned into Cell JSON.

A suppressed cell carries no number at all ({"s": "small"} or {"s": "hidden"}), so nothing
that reads a snapshot can leak it. The rule itself lives with the survey pages' tables in
mitwirkung/disclosure/lines.py (protect_lines), so every count anywhere is protected alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from mitwirkung.disclosure.cells import SHOWN, Reason, protect, share
from mitwirkung.disclosure.lines import protect_lines
from reports.schema import Cell

__all__ = ["cell", "line_cells", "protect_lines", "shown", "single"]


def cell(value: int, reason: Reason, base: int | None = None, base_shown: bool = True) -> Cell:
    """One Cell: the count (and its percent of `base` from a base of 10) or why it is hidden."""
    if reason != SHOWN:
        return {"s": reason}
    out: Cell = {"n": int(value)}
    if base is not None and base_shown:
        percent = share(value, base)
        if percent is not None:
            out["p"] = round(percent, 1)
    return out


def single(value: int, min_size: int) -> Cell:
    """A count that adds up with nothing shown (a multiple-choice count): only the rule itself."""
    return cell(value, protect([value], [], min_size)[0])


def shown(c: Cell) -> bool:
    return "n" in c


def line_cells(
    counts: Sequence[int], min_size: int, *, total_published: bool = False
) -> tuple[list[Cell], Cell]:
    """Counts that add up to their total (responses per language …), protected as one line.
    Percentages are of the total when it is shown."""
    values = [*counts, sum(counts)]
    published = {len(values) - 1} if total_published else set()
    reasons = protect_lines(values, [list(range(len(values)))], min_size, published=published)
    total_shown = reasons[-1] == SHOWN
    cells = [cell(v, r, values[-1], total_shown) for v, r in zip(counts, reasons, strict=False)]
    return cells, cell(values[-1], reasons[-1])
