"""Gap computations on a small hand-built district whose gaps are written out below.

Three planning areas of one Bezirksregion, child poverty 30 %, 10 % and 25 % (median 25 %):

    offering                 category            places (area)            languages  goals
    Familienzentrum Nord     familienzentrum     Nordufer, Südpark        de, tr     G1
    Stadtteilmütter Mitte    stadtteilmuetter    Mittelkiez               tr, ar     G2
    Babylots*innen Süd       fruehe-hilfen       Südpark                  (none: de)
    Erziehungsberatung       erziehungsberatung  district-wide, no place  en
    Elterncafé Nord          familienzentrum     Nordufer                 de

Not counted: a paused Stadtteilmütter offering in Nordufer (linked to G2 and G4), a pending
Frühe-Hilfen offering in Nordufer, and an offering of another district.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from districts.models import Area, AreaIndicator, AreaIndicatorValue, District, Language
from goals.models import ActionGoal, LifePhase, TargetGroup
from offerings import gaps
from offerings.models import Offering, OfferingCategory
from tests.factories import (
    ActionGoalFactory,
    AreaFactory,
    OfferingFactory,
    OfferingGoalFactory,
    OfferingPlaceFactory,
)

pytestmark = pytest.mark.django_db

PR = Area.Level.PLANUNGSRAUM
BZR = Area.Level.BEZIRKSREGION


@dataclass
class Example:
    district: District
    areas: dict[str, Area]
    offerings: dict[str, Offering]
    goals: dict[str, ActionGoal]


def _category(key: str) -> OfferingCategory:
    return OfferingCategory.objects.get(key=key)


def _values(area: Area, year: int, poverty: float, children: tuple[int, int, int]) -> None:
    keys = ["child-poverty-mss", "population-0-5", "population-6-11", "population-12-17"]
    for key, value in zip(keys, [poverty, *children], strict=True):
        AreaIndicatorValue.objects.create(
            area=area, indicator=AreaIndicator.objects.get(key=key), year=year, value=value
        )


def _offering(district: District, name: str, category: str, **kwargs: object) -> Offering:
    languages = kwargs.pop("languages", [])
    target_groups = kwargs.pop("target_groups", [])
    life_phases = kwargs.pop("life_phases", [])
    offering = OfferingFactory(district=district, name=name, category=_category(category), **kwargs)
    offering.languages.set(Language.objects.filter(key__in=languages))
    offering.target_groups.set(TargetGroup.objects.filter(key__in=target_groups))
    offering.life_phases.set(LifePhase.objects.filter(key__in=life_phases))
    return offering


def build_example(district: District, other: District) -> Example:
    district.family_languages.set(Language.objects.filter(key__in=["de", "tr", "ar"]))
    region = AreaFactory(district=district, level=BZR, code="041001", name="Westend")
    areas = {
        name: AreaFactory(district=district, level=PR, code=code, name=name, parent=region)
        for code, name in [
            ("04100101", "Nordufer"),
            ("04100102", "Mittelkiez"),
            ("04100103", "Südpark"),
        ]
    }
    _values(areas["Nordufer"], 2023, 30.0, (100, 80, 60))
    _values(areas["Mittelkiez"], 2023, 10.0, (50, 50, 50))
    _values(areas["Südpark"], 2023, 25.0, (200, 100, 100))
    # Older values must not count: only the newest year does.
    _values(areas["Mittelkiez"], 2021, 90.0, (1, 1, 1))

    o = {
        "fz_nord": _offering(
            district,
            "Familienzentrum Nord",
            "familienzentrum",
            languages=["de", "tr"],
            target_groups=["single-parents"],
            life_phases=["0-3"],
        ),
        "stm": _offering(
            district,
            "Stadtteilmütter Mitte",
            "stadtteilmuetter",
            languages=["tr", "ar"],
            target_groups=["single-parents", "migration"],
            life_phases=["0-3", "3-6"],
        ),
        "babylotsen": _offering(district, "Babylots*innen Süd", "fruehe-hilfen"),
        "beratung": _offering(
            district,
            "Erziehungsberatung",
            "erziehungsberatung",
            languages=["en"],
            is_district_wide=True,
        ),
        "cafe": _offering(district, "Elterncafé Nord", "familienzentrum", languages=["de"]),
        "paused": _offering(
            district,
            "Stadtteilmütter Nord (pausiert)",
            "stadtteilmuetter",
            status=Offering.Status.PAUSED,
            target_groups=["homeless"],
            languages=["ar"],
        ),
        "pending": _offering(
            district,
            "Babylots*innen Nord (ungeprüft)",
            "fruehe-hilfen",
            review_status=Offering.ReviewStatus.PENDING,
            target_groups=["homeless"],
        ),
    }
    for key, area in [
        ("fz_nord", "Nordufer"),
        ("fz_nord", "Südpark"),
        ("stm", "Mittelkiez"),
        ("babylotsen", "Südpark"),
        ("cafe", "Nordufer"),
        ("paused", "Nordufer"),
        ("pending", "Nordufer"),
    ]:
        OfferingPlaceFactory(offering=o[key], area=areas[area], latitude=52.5, longitude=13.3)
    foreign_area = AreaFactory(district=other, level=PR, code="11100101", name="Fremd")
    OfferingPlaceFactory(
        offering=_offering(other, "Fremdes Familienzentrum", "kjgd", languages=["ar"]),
        area=foreign_area,
    )

    g = {
        name: ActionGoalFactory(district=district, title=name, status=status)
        for name, status in [
            ("G1 Familien kennen das Familienzentrum", ActionGoal.Status.AGREED),
            ("G2 Stadtteilmütter erreichen neue Familien", ActionGoal.Status.IN_PROGRESS),
            ("G3 Mehr Hausbesuche", ActionGoal.Status.DRAFT),
            ("G4 Nur ein pausiertes Angebot", ActionGoal.Status.AGREED),
            ("G5 Aufgegeben", ActionGoal.Status.DROPPED),
        ]
    }
    titles = list(g)
    OfferingGoalFactory(offering=o["fz_nord"], goal=g[titles[0]])
    OfferingGoalFactory(offering=o["stm"], goal=g[titles[1]])
    OfferingGoalFactory(offering=o["paused"], goal=g[titles[1]])
    OfferingGoalFactory(offering=o["paused"], goal=g[titles[3]])
    return Example(district=district, areas=areas, offerings=o, goals=g)


@pytest.fixture
def example(district_a: District, district_b: District) -> Example:
    return build_example(district_a, district_b)


def _missing(coverage: gaps.AreaCoverage) -> dict[str, list[str]]:
    return {row.area.name: [c.key for c in row.missing] for row in coverage.gaps}


def test_only_active_published_offerings_of_the_district_are_counted(example):
    assert gaps.counted_offerings(example.district).count() == 5


def test_goals_without_an_active_offering_are_gaps_and_dropped_goals_are_left_out(example):
    rows = {row.goal.title[:2]: row for row in gaps.goal_coverage(example.district)}

    assert {key: row.count for key, row in rows.items()} == {"G1": 1, "G2": 1, "G3": 0, "G4": 0}
    assert [key for key, row in rows.items() if row.is_gap] == ["G3", "G4"]
    assert [o.name for o in rows["G2"].offerings] == ["Stadtteilmütter Mitte"]


def test_planning_areas_count_offerings_per_category_once_per_area(example):
    coverage = gaps.area_coverage(example.district, level=PR)
    counts = {
        row.area.name: {c.key: row.counts.get(c.pk, 0) for c in coverage.categories}
        for row in coverage.rows
    }

    assert [c.key for c in coverage.categories] == [
        "familienzentrum",
        "stadtteilmuetter",
        "fruehe-hilfen",
        "erziehungsberatung",
    ]
    assert counts == {
        "Nordufer": {
            "familienzentrum": 2,
            "stadtteilmuetter": 0,
            "fruehe-hilfen": 0,
            "erziehungsberatung": 0,
        },
        "Mittelkiez": {
            "familienzentrum": 0,
            "stadtteilmuetter": 1,
            "fruehe-hilfen": 0,
            "erziehungsberatung": 0,
        },
        "Südpark": {
            "familienzentrum": 1,
            "stadtteilmuetter": 0,
            "fruehe-hilfen": 1,
            "erziehungsberatung": 0,
        },
    }
    assert coverage.everywhere == {_category("erziehungsberatung").pk: 1}


def test_planning_areas_show_newest_children_and_child_poverty(example):
    coverage = gaps.area_coverage(example.district, level=PR)

    assert [(r.area.name, r.children, r.poverty) for r in coverage.rows] == [
        ("Nordufer", 240, 30.0),
        ("Mittelkiez", 150, 10.0),
        ("Südpark", 400, 25.0),
    ]
    assert (coverage.poverty_year, coverage.children_year) == (2023, 2023)


def test_by_default_only_areas_above_the_median_are_gaps(example):
    coverage = gaps.area_coverage(example.district, level=PR)

    assert coverage.threshold == 25.0
    assert coverage.threshold_is_median
    assert _missing(coverage) == {
        "Nordufer": ["stadtteilmuetter", "fruehe-hilfen", "erziehungsberatung"]
    }


def test_a_chosen_threshold_includes_areas_at_that_value(example):
    coverage = gaps.area_coverage(example.district, level=PR, threshold=25)

    assert not coverage.threshold_is_median
    assert _missing(coverage) == {
        "Nordufer": ["stadtteilmuetter", "fruehe-hilfen", "erziehungsberatung"],
        "Südpark": ["stadtteilmuetter", "erziehungsberatung"],
    }


def test_a_gap_says_when_a_district_wide_offering_reaches_the_area(example):
    coverage = gaps.area_coverage(example.district, level=PR)
    (nordufer,) = coverage.gaps

    missing, reached = coverage.split_missing(nordufer)

    assert [c.key for c in missing] == ["stadtteilmuetter", "fruehe-hilfen"]
    assert [c.key for c in reached] == ["erziehungsberatung"]


def test_categories_without_any_offering_in_the_district_are_listed_apart(example):
    coverage = gaps.area_coverage(example.district, level=PR)
    absent = {c.key for c in coverage.absent_categories}

    assert len(absent) == OfferingCategory.objects.filter(is_active=True).count() - 4
    assert "kjgd" in absent
    assert "familienzentrum" not in absent


def test_a_region_sums_its_planning_areas_and_weights_their_poverty_by_children(example):
    coverage = gaps.area_coverage(example.district, level=BZR)
    (row,) = coverage.rows

    assert row.area.code == "041001"
    assert row.children == 790
    assert row.poverty == pytest.approx((30 * 240 + 10 * 150 + 25 * 400) / 790)
    assert row.poverty_estimated
    assert {c.key: row.counts.get(c.pk, 0) for c in coverage.categories} == {
        "familienzentrum": 2,
        "stadtteilmuetter": 1,
        "fruehe-hilfen": 1,
        "erziehungsberatung": 0,
    }


def test_target_groups_and_life_phases_without_offerings_are_gaps(example):
    groups = {row.item.key: row.count for row in gaps.target_group_coverage(example.district)}
    phases = {row.item.key: row.count for row in gaps.life_phase_coverage(example.district)}

    assert groups == {
        "basic-income": 0,
        "single-parents": 2,
        "large-families": 0,
        "migration": 1,
        "shared-accommodation": 0,
        "disability": 0,
        "young-parents": 0,
        "homeless": 0,
        "working-poor": 0,
    }
    assert phases == {
        "pregnancy": 0,
        "0-3": 2,
        "3-6": 1,
        "6-10": 0,
        "10-14": 0,
        "14-18": 0,
        "18-27": 0,
    }


def test_language_shares_count_offerings_without_a_language_as_german(example):
    rows = gaps.language_coverage(example.district)

    assert [(r.language.key, r.count, r.total) for r in rows] == [
        ("de", 3, 5),
        ("tr", 2, 5),
        ("ar", 1, 5),
    ]
    assert [r.share for r in rows] == [60.0, 40.0, 20.0]


def test_map_uses_planning_area_shapes_when_the_region_has_none(example):
    square = {
        "type": "Polygon",
        "coordinates": [[[13.3, 52.5], [13.31, 52.5], [13.31, 52.51], [13.3, 52.5]]],
    }
    Area.objects.filter(code="04100101").update(geometry=square)
    coverage = gaps.area_coverage(example.district, level=BZR)

    shapes = gaps.map_areas(example.district, coverage)

    assert [(a.name, a.poverty) for a in shapes] == [("Nordufer", 30.0)]


def _run_all(district: District) -> None:
    import datetime

    coverage = gaps.area_coverage(district, level=PR)
    gaps.goal_coverage(district)
    gaps.target_group_coverage(district)
    gaps.life_phase_coverage(district)
    gaps.language_coverage(district)
    gaps.map_areas(district, coverage)
    gaps.map_places(district, datetime.date(2026, 1, 1))
    gaps.everywhere_offerings(district)


@pytest.mark.parametrize("extra", [0, 27])
def test_the_computations_need_the_same_few_queries_for_3_or_30_offerings(
    example, extra, django_assert_max_num_queries
):
    goal = next(iter(example.goals.values()))
    for n in range(extra):
        offering = _offering(
            example.district,
            f"Zusatz {n}",
            "kita",
            languages=["de", "tr"],
            target_groups=["migration"],
            life_phases=["3-6"],
        )
        OfferingPlaceFactory(
            offering=offering, area=example.areas["Südpark"], latitude=52.5, longitude=13.3
        )
        OfferingGoalFactory(offering=offering, goal=goal)

    with django_assert_max_num_queries(19):
        _run_all(example.district)
