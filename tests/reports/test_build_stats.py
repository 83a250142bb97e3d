"""Confidence intervals against published values.

Wilson score intervals: Newcombe (1998a), "Two-sided confidence intervals for the single
proportion", Statistics in Medicine 17, 857–872, table I (method 3).
Differences: Newcombe (1998b), "Interval estimation for the difference between independent
proportions", Statistics in Medicine 17, 873–890, table II (method 10, hybrid score).
"""

from __future__ import annotations

import pytest

from reports.aggregation.stats import newcombe_difference, poverty_gaps, wilson


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_score_interval(x, n, low, high):
    assert wilson(x, n) == (pytest.approx(low, abs=5e-5), pytest.approx(high, abs=5e-5))


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "difference", "low", "high"),
    [
        (56, 70, 48, 80, 0.2, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.6, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.5714, 0.0582, 0.8062),
        (5, 56, 0, 29, 0.0893, -0.0381, 0.1926),
    ],
)
def test_newcombe_hybrid_score_interval(x1, n1, x2, n2, difference, low, high):
    assert newcombe_difference(x1, n1, x2, n2) == (
        pytest.approx(difference, abs=5e-5),
        pytest.approx(low, abs=5e-5),
        pytest.approx(high, abs=5e-5),
    )


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError, match="at least one trial"):
        wilson(3, 0)
    with pytest.raises(ValueError, match="between 0 and"):
        wilson(5, 4)


def stage(base, known, used):
    return {"base": base, "known": known, "used": used, "helpful": {"s": "small"}}


def test_poverty_gaps_only_where_both_counts_are_shown_on_a_base_of_ten():
    rows = [
        {
            "offering": 1,
            "columns": {
                "all": stage({"n": 150}, {"n": 104}, {"n": 40}),
                # 56 of 70 vs 48 of 80 know it: +20 points, 5.2 to 33.4 — not a gap.
                "with_benefits": stage({"n": 70}, {"n": 56}, {"s": "small"}),
                "without_benefits": stage({"n": 80}, {"n": 48}, {"n": 36}),
            },
        },
        {
            "offering": 2,
            "columns": {
                "all": stage({"n": 19}, {"n": 12}, {"n": 9}),
                "with_benefits": stage({"n": 9}, {"n": 5}, {"n": 5}),  # base below 10
                "without_benefits": stage({"n": 10}, {"n": 7}, {"n": 5}),
            },
        },
    ]
    assert poverty_gaps(rows) == [
        {
            "offering": 1,
            "stage": "known",
            "with_pct": 80.0,
            "without_pct": 60.0,
            "difference": 20.0,
            "ci_low": 5.2,
            "ci_high": 33.4,
            "clear": False,
        }
    ]


def test_a_clear_gap_has_its_whole_interval_below_zero():
    rows = [
        {
            "offering": 7,
            "columns": {
                "all": stage({"n": 150}, {"n": 104}, {"n": 40}),
                "with_benefits": stage({"n": 80}, {"n": 48}, {"n": 10}),
                "without_benefits": stage({"n": 70}, {"n": 56}, {"n": 30}),
            },
        }
    ]
    known, used = poverty_gaps(rows)
    assert (known["difference"], known["ci_low"], known["ci_high"]) == (-20.0, -33.4, -5.2)
    assert known["clear"] is True
    assert used["stage"] == "used"
    assert used["clear"] is True  # 12.5 % vs 42.9 %
