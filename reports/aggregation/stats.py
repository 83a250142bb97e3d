"""Confidence intervals for shares and their differences (95 %).

Wilson's score interval for one proportion, and Newcombe's hybrid score interval for the
difference of two independent proportions (Newcombe 1998, method 10), which keeps good
coverage for the small groups a district survey has, unlike the textbook Wald interval.
"""

from __future__ import annotations

import math

from mitwirkung.disclosure.cells import MIN_PERCENT_BASE
from reports.schema import Cell, FunnelRow, PovertyGap

Z95 = 1.959963984540054


def wilson(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of x successes in n trials, as proportions (0 … 1)."""
    if n <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= x <= n:
        raise ValueError("successes must lie between 0 and the number of trials")
    p = x / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_difference(
    x1: int, n1: int, x2: int, n2: int, z: float = Z95
) -> tuple[float, float, float]:
    """p1 − p2 with its hybrid score interval (low, high), all as proportions."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, z)
    l2, u2 = wilson(x2, n2, z)
    difference = p1 - p2
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return difference, low, high


def _count(c: Cell) -> int | None:
    return c.get("n") if "n" in c else None


def poverty_gaps(rows: list[FunnelRow]) -> list[PovertyGap]:
    """Every offering × stage (known, used) of the "all" view whose counts are shown for both
    families with and without benefits, each on a base of at least 10."""
    gaps: list[PovertyGap] = []
    for row in rows:
        with_, without = row["columns"]["with_benefits"], row["columns"]["without_benefits"]
        n1, n2 = _count(with_["base"]), _count(without["base"])
        if n1 is None or n2 is None or n1 < MIN_PERCENT_BASE or n2 < MIN_PERCENT_BASE:
            continue
        for stage in ("known", "used"):
            x1, x2 = _count(with_[stage]), _count(without[stage])
            if x1 is None or x2 is None:
                continue
            difference, low, high = newcombe_difference(x1, n1, x2, n2)
            gaps.append(
                {
                    "offering": row["offering"],
                    "stage": stage,
                    "with_pct": round(100 * x1 / n1, 1),
                    "without_pct": round(100 * x2 / n2, 1),
                    "difference": round(100 * difference, 1),
                    "ci_low": round(100 * low, 1),
                    "ci_high": round(100 * high, 1),
                    "clear": high < 0,
                }
            )
    return gaps
