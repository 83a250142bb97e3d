"""A complete, valid ReportSnapshot.tables dict (reports/schema.py) with numbers written by hand.

Dashboard tests render snapshots made from it: ReportSnapshotFactory(survey=s, tables=sample_tables(survey=s)).
The numbers are invented but consistent enough to read: 120 respondents, 50 with and 60
without benefits; the Familienservicebüro is known by 30 % of families with benefits and by
61.7 % of the others. Suppressed cells carry no number ({"s": "small"} / {"s": "hidden"}).
"""

from __future__ import annotations

from typing import Any

from reports.schema import TABLES_VERSION

OFFERING_A = 101  # Familienservicebüro
OFFERING_B = 102  # Elterncafé am Park

S: dict[str, str] = {"s": "small"}
H: dict[str, str] = {"s": "hidden"}


def c(n: int, p: float | None = None) -> dict[str, Any]:
    return {"n": n} if p is None else {"n": n, "p": p}


def stage(base: Any, known: Any, used: Any, helpful: Any) -> dict[str, Any]:
    return {"base": base, "known": known, "used": used, "helpful": helpful}


def row(offering: int, all_: Any, with_: Any, without: Any) -> dict[str, Any]:
    return {
        "offering": offering,
        "columns": {"all": all_, "with_benefits": with_, "without_benefits": without},
    }


EMPTY = stage(c(0), c(0), c(0), c(0))
SMALL_STAGE = stage(S, S, S, S)


def _funnel(a: int, b: int) -> dict[str, list[dict[str, Any]]]:
    all_a = stage(c(120), c(60, 50.0), c(30, 25.0), c(20, 16.7))
    with_a = stage(c(50), c(15, 30.0), c(10, 20.0), c(6, 12.0))
    without_a = stage(c(60), c(37, 61.7), c(18, 30.0), c(13, 21.7))
    all_b = stage(c(118), c(40, 33.9), c(12, 10.2), S)
    with_b = stage(c(49), c(20, 40.8), c(6, 12.2), H)
    without_b = stage(c(59), c(18, 30.5), S, S)
    return {
        "all": [row(a, all_a, with_a, without_a), row(b, all_b, with_b, without_b)],
        "group:with_benefits": [row(a, with_a, with_a, EMPTY), row(b, with_b, with_b, EMPTY)],
        "group:without_benefits": [
            row(a, without_a, EMPTY, without_a),
            row(b, without_b, EMPTY, without_b),
        ],
        "area:041001": [
            row(
                a,
                stage(c(40), c(24, 60.0), c(12, 30.0), c(8, 20.0)),
                stage(c(15), c(5, 33.3), S, S),
                stage(c(20), c(16, 80.0), c(9, 45.0), c(7, 35.0)),
            ),
            row(
                b,
                stage(c(40), c(10, 25.0), S, S),
                stage(c(15), S, S, S),
                stage(c(20), c(6, 30.0), S, S),
            ),
        ],
        "area:041002": [
            row(
                a,
                stage(c(30), c(12, 40.0), c(6, 20.0), S),
                stage(c(12), c(5, 41.7), S, S),
                stage(c(15), c(6, 40.0), S, S),
            ),
            row(
                b,
                stage(c(30), c(15, 50.0), c(5, 16.7), S),
                stage(c(12), c(6, 50.0), S, S),
                stage(c(15), c(8, 53.3), S, S),
            ),
        ],
        "area:041003": [
            row(a, SMALL_STAGE, SMALL_STAGE, SMALL_STAGE),
            row(b, SMALL_STAGE, SMALL_STAGE, SMALL_STAGE),
        ],
        "point:3": [
            row(
                a,
                stage(c(25), c(15, 60.0), c(9, 36.0), c(6, 24.0)),
                stage(c(12), c(6, 50.0), S, S),
                stage(c(11), c(8, 72.7), c(5, 45.5), S),
            ),
            row(b, stage(c(25), c(9, 36.0), S, S), stage(c(12), S, S, S), stage(c(11), S, S, S)),
        ],
        "language:ar": [
            row(a, stage(c(12), c(5, 41.7), S, S), stage(c(8), S, S, S), SMALL_STAGE),
            row(b, stage(c(12), S, S, S), stage(c(8), S, S, S), SMALL_STAGE),
        ],
    }


BARRIER_CODES = [
    ("barrier_1", "Ich wusste nicht, dass es das gibt", "I did not know it exists"),
    ("barrier_2", "Die Öffnungszeiten passen nicht", "The opening times do not suit me"),
    ("barrier_3", "Es ist zu weit weg", "It is too far away"),
    ("barrier_4", "Ich verstehe die Sprache dort nicht", "I do not understand the language there"),
    ("other", "Etwas anderes", "Something else"),
]


def _barrier(code: str, all_: Any, with_: Any, without: Any) -> dict[str, Any]:
    return {"code": code, "all": all_, "with_benefits": with_, "without_benefits": without}


def _barriers(a: int, b: int) -> dict[str, Any]:
    everyone = {
        "base": c(80),
        "rows": [
            _barrier("barrier_1", c(41), c(20), c(18)),
            _barrier("barrier_2", c(17), c(9), c(7)),
            _barrier("barrier_3", c(8), S, H),
            _barrier("barrier_4", S, S, S),
        ],
    }
    with_benefits = {
        "base": c(35),
        "rows": [
            _barrier("barrier_1", c(20), c(20), c(0)),
            _barrier("barrier_2", c(9), c(9), c(0)),
            _barrier("barrier_3", S, S, c(0)),
            _barrier("barrier_4", S, S, c(0)),
        ],
    }
    without_benefits = {
        "base": c(36),
        "rows": [
            _barrier("barrier_1", c(18), c(0), c(18)),
            _barrier("barrier_2", c(7), c(0), c(7)),
            _barrier("barrier_3", H, c(0), H),
            _barrier("barrier_4", S, c(0), S),
        ],
    }
    area_1 = {
        "base": c(25),
        "rows": [
            _barrier("barrier_2", c(13), c(6), c(5)),
            _barrier("barrier_1", c(9), S, H),
            _barrier("barrier_3", S, S, S),
        ],
    }
    area_2 = {
        "base": c(20),
        "rows": [_barrier("barrier_1", c(11), c(5), c(6)), _barrier("barrier_2", S, S, S)],
    }
    small = {"base": S, "rows": [_barrier("barrier_1", S, S, S)]}
    return {
        "codes": [{"code": code, "label": {"de": de, "en": en}} for code, de, en in BARRIER_CODES],
        "by_filter": {
            "all": everyone,
            "group:with_benefits": with_benefits,
            "group:without_benefits": without_benefits,
            "area:041001": area_1,
            "area:041002": area_2,
            "area:041003": small,
            "point:3": {"base": c(18), "rows": [_barrier("barrier_1", c(10), c(5), c(5))]},
            "language:ar": small,
        },
        "by_offering": [
            {
                "offering": a,
                "base": c(30),
                "rows": [
                    {"code": "barrier_1", "count": c(15)},
                    {"code": "barrier_2", "count": c(7)},
                    {"code": "barrier_3", "count": S},
                ],
            },
            {
                "offering": b,
                "base": c(28),
                "rows": [
                    {"code": "barrier_1", "count": c(14)},
                    {"code": "barrier_4", "count": c(6)},
                    {"code": "other", "count": S},
                ],
            },
        ],
    }


def sample_tables(
    *,
    survey: Any = None,
    offering_ids: tuple[int, int] = (OFFERING_A, OFFERING_B),
    offering_names: tuple[str, str] = ("Familienservicebüro", "Elterncafé am Park"),
) -> dict[str, Any]:
    """A fresh dict each call (tests may change it). `survey` fills meta's id and title."""
    a, b = offering_ids
    return {
        "version": TABLES_VERSION,
        "meta": {
            "survey_id": survey.pk if survey is not None else 1,
            "survey_title": survey.title if survey is not None else "Was erreicht Familien?",
            "district": survey.district.name
            if survey is not None
            else "Charlottenburg-Wilmersdorf",
            "period_start": None,
            "period_end": None,
            "first_answer_on": "2026-03-02",
            "last_answer_on": "2026-05-29",
            "min_group_size": 5,
            "min_percent_base": 10,
            "respondents": c(120),
            "languages": ["de", "ar"],
            "collection_points": [
                {"id": 3, "name": "Familienzentrum am Park"},
                {"id": 4, "name": "Online-Link"},
            ],
            "level": "bezirksregion",
            "built_at": "2026-06-01T08:30:00+00:00",
            "is_demo": False,
        },
        "disclosure": {
            "method": "linked-suppression",
            "protected_with": [],
            "blocked_by": [],
            "hidden_before": 12,
            "hidden_after": 12,
            "withheld_tables": 0,
            "linear_programs": 0,
        },
        "withheld": [],
        "filters": [
            {
                "key": "all",
                "kind": "all",
                "label": {"de": "Alle", "en": "All"},
                "respondents": c(120),
            },
            {
                "key": "group:with_benefits",
                "kind": "group",
                "label": {"de": "Mit Leistungsbezug", "en": "With benefits"},
                "respondents": c(50),
            },
            {
                "key": "group:without_benefits",
                "kind": "group",
                "label": {"de": "Ohne Leistungsbezug", "en": "Without benefits"},
                "respondents": c(60),
            },
            {
                "key": "area:041001",
                "kind": "area",
                "label": {"de": "Westend", "en": "Westend"},
                "respondents": c(40),
            },
            {
                "key": "area:041002",
                "kind": "area",
                "label": {"de": "Halensee", "en": "Halensee"},
                "respondents": c(30),
            },
            {
                "key": "area:041003",
                "kind": "area",
                "label": {"de": "Schmargendorf", "en": "Schmargendorf"},
                "respondents": S,
            },
            {
                "key": "point:3",
                "kind": "point",
                "label": {"de": "Familienzentrum am Park", "en": "Familienzentrum am Park"},
                "respondents": c(25),
            },
            {
                "key": "language:ar",
                "kind": "language",
                "label": {"de": "Arabisch", "en": "Arabic"},
                "respondents": c(12),
            },
        ],
        "reach": {
            "offerings": [
                {"id": a, "name": offering_names[0], "category": "Beratung"},
                {"id": b, "name": offering_names[1], "category": "Familienzentrum"},
            ],
            "funnel": _funnel(a, b),
        },
        "barriers": _barriers(a, b),
        "missing": {
            "base": c(70),
            "rows": [
                {
                    "code": "missing_1",
                    "label": {"de": "Angebote am Wochenende", "en": "Offerings at weekends"},
                    "count": c(22),
                },
                {
                    "code": "missing_2",
                    "label": {"de": "Beratung in meiner Sprache", "en": "Advice in my language"},
                    "count": c(12),
                },
                {
                    "code": "missing_3",
                    "label": {
                        "de": "Kinderbetreuung bei Terminen",
                        "en": "Childcare at appointments",
                    },
                    "count": S,
                },
            ],
            "tags": [
                {"name": "Spielplätze", "count": c(9)},
                {"name": "Öffnungszeiten", "count": S},
            ],
        },
        "respondents": {
            "areas": [
                {
                    "code": "041001",
                    "name": "Westend",
                    "respondents": c(40),
                    "children": 8000,
                    "per_1000_children": 5.0,
                    "child_poverty": 12.5,
                    "high_poverty": False,
                    "uses_any": c(30, 75.0),
                },
                {
                    "code": "041002",
                    "name": "Halensee",
                    "respondents": c(30),
                    "children": 5000,
                    "per_1000_children": 6.0,
                    "child_poverty": 28.4,
                    "high_poverty": True,
                    "uses_any": c(12, 40.0),
                },
                {
                    "code": "041003",
                    "name": "Schmargendorf",
                    "respondents": S,
                    "children": 4000,
                    "per_1000_children": None,
                    "child_poverty": 31.0,
                    "high_poverty": True,
                    "uses_any": S,
                },
            ],
            "area_not_stated": H,
            "groups": [
                {"key": "with_benefits", "respondents": c(50)},
                {"key": "without_benefits", "respondents": c(60)},
                {"key": "single_parent", "respondents": c(18)},
                {"key": "many_children", "respondents": c(14)},
            ],
            "languages": [
                {"code": "de", "respondents": c(108)},
                {"code": "ar", "respondents": c(12)},
            ],
            "points": [
                {"id": 3, "name": "Familienzentrum am Park", "respondents": c(25)},
                {"id": 4, "name": "Online-Link", "respondents": c(95)},
            ],
            "channels": [
                {"code": "online", "respondents": c(95)},
                {"code": "paper", "respondents": c(25)},
            ],
        },
        "gaps": {
            "goals_without_offerings": [{"id": 7, "title": "Mehr Kinder gehen zur U-Untersuchung"}],
            "poverty_gaps": [
                {
                    "offering": a,
                    "stage": "known",
                    "with_pct": 30.0,
                    "without_pct": 61.7,
                    "difference": -31.7,
                    "ci_low": -47.0,
                    "ci_high": -13.6,
                    "clear": True,
                },
                {
                    "offering": a,
                    "stage": "used",
                    "with_pct": 20.0,
                    "without_pct": 30.0,
                    "difference": -10.0,
                    "ci_low": -25.6,
                    "ci_high": 6.3,
                    "clear": False,
                },
                {
                    "offering": b,
                    "stage": "known",
                    "with_pct": 40.8,
                    "without_pct": 30.5,
                    "difference": 10.3,
                    "ci_low": -7.8,
                    "ci_high": 27.6,
                    "clear": False,
                },
            ],
            "areas_low_reach": [
                {
                    "code": "041002",
                    "name": "Halensee",
                    "child_poverty": 28.4,
                    "uses_pct": 40.0,
                    "reason": "low_reach",
                },
                {
                    "code": "041003",
                    "name": "Schmargendorf",
                    "child_poverty": 31.0,
                    "uses_pct": None,
                    "reason": "no_answers",
                },
            ],
            "target_groups_without_offerings": [
                {"kind": "target_group", "name": "Alleinerziehende"},
                {"kind": "life_phase", "name": "Jugendliche (12–17)"},
            ],
        },
        "coverage": {
            "offerings": [
                {
                    "offering": a,
                    "name": offering_names[0],
                    "reached_per_month": 120,
                    "eligible_children": 1500,
                    "coverage_pct": 8.0,
                    "areas": [],
                },
                {
                    "offering": b,
                    "name": offering_names[1],
                    "reached_per_month": 40,
                    "eligible_children": None,
                    "coverage_pct": None,
                    "areas": ["041001"],
                },
                {
                    # An offering of the district that the survey did not ask about.
                    "offering": 103,
                    "name": "Kita-Sozialarbeit Nord",
                    "reached_per_month": 25,
                    "eligible_children": 500,
                    "coverage_pct": 5.0,
                    "areas": ["041002"],
                },
            ],
            "areas": [
                {
                    "code": "041001",
                    "name": "Westend",
                    "life_phase": "0-5",
                    "reached_per_month": 40,
                    "eligible_children": 400,
                    "coverage_pct": 10.0,
                },
                {
                    "code": "041002",
                    "name": "Halensee",
                    "life_phase": "0-5",
                    "reached_per_month": 0,
                    "eligible_children": 300,
                    "coverage_pct": 0.0,
                },
            ],
            "statistics_year": 2024,
        },
        "resources": [
            {
                "offering": a,
                "name": offering_names[0],
                "budget_per_year": 60000.0,
                "reached_per_year": 1440,
                "per_family": 41.67,
            },
            {
                "offering": b,
                "name": offering_names[1],
                "budget_per_year": 12000.0,
                "reached_per_year": None,
                "per_family": None,
            },
        ],
        "indicators": [
            {
                "id": 11,
                "name": "Familien mit Leistungsbezug, die das Familienservicebüro kennen",
                "goal": "Familien kennen die Angebote im Kiez",
                "unit": "percent",
                "direction": "higher",
                "baseline_value": 22.0,
                "baseline_on": "2025-01-01",
                "target_value": 50.0,
                "target_on": "2027-12-31",
                "values": [["2025-05-01", 24.0], ["2026-06-01", 30.0]],
                "from_survey": {"value": 30.0, "count": c(15), "base": c(50)},
            },
            {
                "id": 12,
                "name": "Kinder mit Kita-Platz",
                "goal": "Frühe Förderung für alle Kinder",
                "unit": "count",
                "direction": "higher",
                "baseline_value": 900.0,
                "baseline_on": "2024-01-01",
                "target_value": 1100.0,
                "target_on": "2028-01-01",
                "values": [["2024-12-31", 950.0], ["2025-12-31", 980.0]],
            },
        ],
    }
