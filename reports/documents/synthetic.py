"""A made-up but valid snapshot tables dict (reports/schema.py) of any size, for the PDF benchmark.

The numbers are random with a fixed seed and follow the small-cell rule the way a build
does (counts under the minimum size are {"s": "small"}), so the PDF lays out what a real
district report of that size would hold: every chart, table and heat map.
"""

from __future__ import annotations

import random
from typing import Any

BARRIERS = [
    ("barrier_1", "Ich wusste nicht, dass es das gibt", "I did not know it exists"),
    ("barrier_2", "Die Zeiten passen nicht", "The times do not suit me"),
    ("barrier_3", "Der Weg ist zu weit", "It is too far away"),
    ("barrier_4", "Ich verstehe die Sprache dort nicht", "I do not understand the language there"),
    ("barrier_5", "Es kostet Geld", "It costs money"),
    ("barrier_6", "Ich hatte keine Betreuung für die Kinder", "I had no childcare"),
    ("barrier_7", "Antrag oder Formulare zu kompliziert", "Application too complicated"),
    ("other", "Etwas anderes", "Something else"),
]
MISSING = [
    ("free_offers", "Kostenlose Angebote", "Free offers"),
    ("offers_close_to_home", "Angebote in meiner Nähe", "Offers close to home"),
    ("help_with_forms", "Hilfe bei Anträgen", "Help with forms"),
    ("weekend", "Angebote am Wochenende", "Weekend offers"),
    ("language", "Informationen in meiner Sprache", "Information in my language"),
]
MIN_SIZE = 5


def _cell(n: int, base: int | None = None) -> dict[str, Any]:
    if 0 < n < MIN_SIZE:
        return {"s": "small"}
    if base is not None and base >= 10:
        return {"n": n, "p": round(100 * n / base, 1)}
    return {"n": n}


def _stage(rng: random.Random, base: int) -> dict[str, Any]:
    known = rng.randint(base // 5, base)
    used = rng.randint(0, known)
    helpful = rng.randint(0, used)
    return {
        "base": _cell(base),
        "known": _cell(known, base),
        "used": _cell(used, base),
        "helpful": _cell(helpful, base),
    }


def _funnel_rows(rng: random.Random, ids: list[int], size: int) -> list[dict[str, Any]]:
    rows = []
    for offering in ids:
        with_base, without_base = size * 2 // 5, size // 2
        rows.append(
            {
                "offering": offering,
                "columns": {
                    "all": _stage(rng, size),
                    "with_benefits": _stage(rng, with_base),
                    "without_benefits": _stage(rng, without_base),
                },
            }
        )
    return rows


def synthetic_tables(
    *, offerings: int = 12, areas: int = 12, respondents: int = 900, seed: int = 20261125
) -> dict[str, Any]:
    """A complete tables dict with `offerings` offerings and `areas` Bezirksregionen."""
    rng = random.Random(seed)
    ids = list(range(1, offerings + 1))
    names = [f"Angebot {i}: Familienzentrum Straße {i}" for i in ids]
    codes = [f"04{i:04d}" for i in range(1, areas + 1)]
    area_names = [f"Bezirksregion {i} – Kiez am Park" for i in range(1, areas + 1)]
    per_area = respondents // max(1, areas)
    funnel = {"all": _funnel_rows(rng, ids, respondents)}
    for code in codes:
        funnel[f"area:{code}"] = _funnel_rows(rng, ids, per_area)
    filters = [
        {
            "key": "all",
            "kind": "all",
            "label": {"de": "Alle", "en": "Everyone"},
            "respondents": _cell(respondents),
        }
    ] + [
        {
            "key": f"area:{code}",
            "kind": "area",
            "label": {"de": name, "en": name},
            "respondents": _cell(per_area),
        }
        for code, name in zip(codes, area_names, strict=True)
    ]

    def barrier_rows(base: int) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "all": _cell(rng.randint(0, base)),
                "with_benefits": _cell(rng.randint(0, base // 2)),
                "without_benefits": _cell(rng.randint(0, base // 2)),
            }
            for code, _, _ in BARRIERS
        ]

    gaps = []
    for offering in ids:
        for stage in ("known", "used"):
            with_pct, without_pct = rng.uniform(10, 60), rng.uniform(20, 80)
            difference = with_pct - without_pct
            gaps.append(
                {
                    "offering": offering,
                    "stage": stage,
                    "with_pct": round(with_pct, 1),
                    "without_pct": round(without_pct, 1),
                    "difference": round(difference, 1),
                    "ci_low": round(difference - 9, 1),
                    "ci_high": round(difference + 9, 1),
                    "clear": difference + 9 < 0,
                }
            )
    return {
        "version": 1,
        "meta": {
            "survey_id": 0,
            "survey_title": "Was erreicht Ihre Familie? (Benchmark)",
            "district": "Benchmark-Bezirk",
            "period_start": "2026-03-01",
            "period_end": "2026-06-30",
            "first_answer_on": "2026-03-02",
            "last_answer_on": "2026-06-29",
            "min_group_size": MIN_SIZE,
            "min_percent_base": 10,
            "respondents": _cell(respondents),
            "languages": ["de", "en", "tr", "ar"],
            "collection_points": [
                {"id": 1, "name": "Familienzentrum am Park"},
                {"id": 2, "name": "مركز العائلة"},
            ],
            "level": "bezirksregion",
            "built_at": "2026-07-01T10:00:00+02:00",
            "is_demo": True,
        },
        "filters": filters,
        "reach": {
            "offerings": [
                {"id": i, "name": name, "category": "Beratung"}
                for i, name in zip(ids, names, strict=True)
            ],
            "funnel": funnel,
        },
        "barriers": {
            "codes": [{"code": c, "label": {"de": de, "en": en}} for c, de, en in BARRIERS],
            "by_filter": {"all": {"base": _cell(respondents // 2), "rows": barrier_rows(200)}},
            "by_offering": [
                {
                    "offering": offering,
                    "base": _cell(60),
                    "rows": [
                        {"code": code, "count": _cell(rng.randint(0, 40))}
                        for code, _, _ in BARRIERS
                    ],
                }
                for offering in ids
            ],
        },
        "missing": {
            "base": _cell(respondents // 2),
            "rows": [
                {"code": c, "label": {"de": de, "en": en}, "count": _cell(rng.randint(0, 200))}
                for c, de, en in MISSING
            ],
            "tags": [
                {"name": "Öffnungszeiten", "count": _cell(12)},
                {"name": "Wohnen", "count": _cell(3)},
            ],
        },
        "respondents": {
            "areas": [
                {
                    "code": code,
                    "name": name,
                    "respondents": _cell(per_area),
                    "children": 4000 + 100 * i,
                    "per_1000_children": round(1000 * per_area / (4000 + 100 * i), 1),
                    "child_poverty": round(rng.uniform(5, 45), 1),
                    "high_poverty": i % 3 == 0,
                    "uses_any": _cell(per_area // 2, per_area),
                }
                for i, (code, name) in enumerate(zip(codes, area_names, strict=True))
            ],
            "area_not_stated": _cell(12),
            "groups": [
                {"key": "with_benefits", "respondents": _cell(respondents * 2 // 5)},
                {"key": "without_benefits", "respondents": _cell(respondents // 2)},
            ],
            "languages": [
                {"code": "de", "respondents": _cell(respondents - 60)},
                {"code": "ar", "respondents": _cell(40)},
                {"code": "tr", "respondents": _cell(20)},
            ],
            "points": [
                {"id": 1, "name": "Familienzentrum am Park", "respondents": _cell(300)},
                {"id": 2, "name": "مركز العائلة", "respondents": _cell(3)},
            ],
            "channels": [{"code": "online", "respondents": _cell(respondents)}],
        },
        "gaps": {
            "goals_without_offerings": [{"id": 1, "title": "Familien kennen die Angebote"}],
            "poverty_gaps": gaps,
            "areas_low_reach": [
                {
                    "code": codes[0],
                    "name": area_names[0],
                    "child_poverty": 40.0,
                    "uses_pct": 20.0,
                    "reason": "low_reach",
                }
            ],
            "target_groups_without_offerings": [{"kind": "life_phase", "name": "18–27 Jahre"}],
        },
        "coverage": {
            "offerings": [
                {
                    "offering": offering,
                    "name": name,
                    "reached_per_month": rng.randint(10, 150),
                    "eligible_children": rng.randint(200, 8000),
                    "coverage_pct": round(rng.uniform(0.5, 30), 1),
                    "areas": codes[:2],
                }
                for offering, name in zip(ids, names, strict=True)
            ],
            "areas": [
                {
                    "code": code,
                    "name": name,
                    "life_phase": phase,
                    "reached_per_month": rng.randint(10, 150),
                    "eligible_children": rng.randint(80, 400),
                    "coverage_pct": round(rng.uniform(5, 70), 1),
                }
                for code, name in zip(codes, area_names, strict=True)
                for phase in ("0-5", "6-11", "12-17")
            ],
            "statistics_year": 2025,
        },
        "resources": [
            {
                "offering": offering,
                "name": name,
                "budget_per_year": float(rng.randint(5, 200) * 1000),
                "reached_per_year": rng.randint(50, 900),
                "per_family": round(rng.uniform(50, 900), 2),
            }
            for offering, name in zip(ids, names, strict=True)
        ],
        "indicators": [
            {
                "id": i,
                "name": f"Indikator {i}",
                "goal": "Familien kennen die Angebote",
                "unit": "percent",
                "direction": "higher",
                "baseline_value": 20.0,
                "baseline_on": "2024-01-01",
                "target_value": 50.0,
                "target_on": "2027-12-31",
                "values": [["2024-06-30", 22.0], ["2025-06-30", 27.0 + i], ["2026-06-30", 31.0]],
            }
            for i in range(1, 5)
        ],
    }
