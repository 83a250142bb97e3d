"""District parts of a snapshot on a small hand-built district: coverage, resources, gaps, series.

Two Bezirksregionen (statistics of 2023):

    041001 Westend   no values of its own; its planning areas:
        04100101  child poverty 30 %, children 0-5 / 6-11 / 12-17: 100 / 60 / 40  (200)
        04100102  child poverty 10 %, children                   : 100 / 40 / 60  (200)
      → children 200 / 100 / 100, poverty (30·200 + 10·200) / 400 = 20 %
      → eligible children (children × poverty): 40 / 20 / 20
    041002 Nord      own values: child poverty 40 %, children 150 / 100 / 50
      → eligible children 60 / 40 / 20
    District: 200 eligible children.

Counted offerings (published, active):

    offering          ages    places            reached/month  budget
    Babylots*innen    0–3     04100101 (Westend)  10           2025: 12,000; 2026: 6,000 + 3,000
    Lernhilfe         6–14    04100102, 041002    30           no year: 36,000
    Beratung          –       district-wide       50           staff hours only
    Elterncafé        –       041002              –            2026: 5,000
    Junge Erwachsene  18–27   041002              5            –
Not counted: a paused offering (reach 100, budget) and an offering of another district.
"""

from __future__ import annotations

import datetime

import pytest

from districts.models import Area, AreaIndicator, AreaIndicatorValue, District
from goals.models import ActionGoal, LifePhase, TargetGroup
from offerings.models import Offering, OfferingResource
from reports.aggregation.coverage import coverage, offering_bands
from reports.aggregation.gaps import areas_low_reach, district_gaps
from reports.aggregation.resources import resources
from reports.aggregation.series import indicator_series
from tests.factories import (
    ActionGoalFactory,
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OfferingFactory,
    OfferingGoalFactory,
    OfferingPlaceFactory,
    OfferingResourceFactory,
)

pytestmark = pytest.mark.django_db

PR = Area.Level.PLANUNGSRAUM
BZR = Area.Level.BEZIRKSREGION
KEYS = ["child-poverty-mss", "population-0-5", "population-6-11", "population-12-17"]


def _values(area: Area, poverty: float, children: tuple[int, int, int], year: int = 2023) -> None:
    for key, value in zip(KEYS, [poverty, *children], strict=True):
        AreaIndicatorValue.objects.create(
            area=area, indicator=AreaIndicator.objects.get(key=key), year=year, value=value
        )


def _offering(district: District, name: str, **kwargs: object) -> Offering:
    target_groups = kwargs.pop("target_groups", [])
    life_phases = kwargs.pop("life_phases", [])
    offering = OfferingFactory(district=district, name=name, **kwargs)
    offering.target_groups.set(TargetGroup.objects.filter(key__in=target_groups))
    offering.life_phases.set(LifePhase.objects.filter(key__in=life_phases))
    return offering


@pytest.fixture
def offerings(district_a: District, district_b: District) -> dict[str, Offering]:
    westend = AreaFactory(district=district_a, level=BZR, code="041001", name="Westend")
    nord = AreaFactory(district=district_a, level=BZR, code="041002", name="Nord")
    west_1 = AreaFactory(district=district_a, level=PR, code="04100101", parent=westend)
    west_2 = AreaFactory(district=district_a, level=PR, code="04100102", parent=westend)
    _values(west_1, 30.0, (100, 60, 40))
    _values(west_2, 10.0, (100, 40, 60))
    _values(nord, 40.0, (150, 100, 50))
    _values(nord, 90.0, (1, 1, 1), year=2019)  # older values do not count

    o = {
        "babylotsen": _offering(
            district_a,
            "Babylots*innen",
            age_from=0,
            age_to=3,
            reached_per_month=10,
            target_groups=["single-parents"],
            life_phases=["0-3"],
        ),
        "lernhilfe": _offering(
            district_a,
            "Lernhilfe",
            age_from=6,
            age_to=14,
            reached_per_month=30,
            target_groups=["migration"],
            life_phases=["6-10", "10-14"],
        ),
        "beratung": _offering(district_a, "Beratung", is_district_wide=True, reached_per_month=50),
        "cafe": _offering(district_a, "Elterncafé"),
        "erwachsene": _offering(
            district_a, "Junge Erwachsene", age_from=18, age_to=27, reached_per_month=5
        ),
        "paused": _offering(
            district_a,
            "Pausiert",
            status=Offering.Status.PAUSED,
            reached_per_month=100,
            target_groups=["homeless"],
        ),
        "foreign": _offering(district_b, "Fremd", reached_per_month=7),
    }
    for key, area in [
        ("babylotsen", west_1),
        ("lernhilfe", west_2),
        ("lernhilfe", nord),
        ("cafe", nord),
        ("erwachsene", nord),
        ("paused", west_1),
    ]:
        OfferingPlaceFactory(offering=o[key], area=area)

    budget = OfferingResource.Kind.BUDGET
    for key, kind, amount, year in [
        ("babylotsen", budget, 12000, 2025),
        ("babylotsen", budget, 6000, 2026),
        ("babylotsen", budget, 3000, 2026),
        ("babylotsen", OfferingResource.Kind.STAFF_HOURS, 20, 2026),
        ("lernhilfe", budget, 36000, None),
        ("beratung", OfferingResource.Kind.STAFF_HOURS, 40, 2026),
        ("beratung", OfferingResource.Kind.ROOMS, None, 2026),
        ("cafe", budget, 5000, 2026),
        ("paused", budget, 1000, 2026),
        ("foreign", budget, 1000, 2026),
    ]:
        OfferingResourceFactory(offering=o[key], kind=kind, amount=amount, year=year)
    return o


# --- coverage ----------------------------------------------------------------------------------


def test_offering_ages_pick_the_overlapping_life_phases():
    assert offering_bands(0, 3) == ["0-5"]
    assert offering_bands(6, 14) == ["6-11", "12-17"]
    assert offering_bands(None, None) == ["0-5", "6-11", "12-17"]
    assert offering_bands(5, None) == ["0-5", "6-11", "12-17"]
    assert offering_bands(None, 6) == ["0-5", "6-11"]
    assert offering_bands(18, 27) == []


def test_coverage_per_offering_sets_reach_against_eligible_children_of_served_areas(
    district_a, offerings
):
    rows = {row["name"]: row for row in coverage(district_a)["offerings"]}

    # Babylots*innen: Westend 0-5 → 40 eligible; 10 / 40 = 25 %.
    # Lernhilfe: 6-11 and 12-17 in Westend (20 + 20) and Nord (40 + 20) = 100; 30 / 100 = 30 %.
    # Beratung: district-wide, every band: 40+20+20 + 60+40+20 = 200; 50 / 200 = 25 %.
    # Junge Erwachsene: 18–27 overlaps no band: no eligible children, no percentage.
    assert {
        name: (r["reached_per_month"], r["eligible_children"], r["coverage_pct"], r["areas"])
        for name, r in rows.items()
    } == {
        "Babylots*innen": (10, 40, 25.0, ["041001"]),
        "Lernhilfe": (30, 100, 30.0, ["041001", "041002"]),
        "Beratung": (50, 200, 25.0, []),
        "Junge Erwachsene": (5, None, None, ["041002"]),
    }


def test_coverage_per_area_and_life_phase_splits_reach_by_eligible_children(district_a, offerings):
    result = coverage(district_a)
    cells = {
        (row["code"], row["life_phase"]): (
            row["reached_per_month"],
            row["eligible_children"],
            row["coverage_pct"],
        )
        for row in result["areas"]
    }

    # Lernhilfe's 30 split over its 100 eligible children (0.3 each): Westend 6-11 6,
    # Westend 12-17 6, Nord 6-11 12, Nord 12-17 6.
    # Beratung's 50 over 200 (0.25 each): Westend 10 / 5 / 5, Nord 15 / 10 / 5.
    # Babylots*innen's 10 all in Westend 0-5.
    assert cells == {
        ("041001", "0-5"): (20, 40, 50.0),  # 10 + 10
        ("041001", "6-11"): (11, 20, 55.0),  # 6 + 5
        ("041001", "12-17"): (11, 20, 55.0),  # 6 + 5
        ("041002", "0-5"): (15, 60, 25.0),  # 15
        ("041002", "6-11"): (22, 40, 55.0),  # 12 + 10
        ("041002", "12-17"): (11, 20, 55.0),  # 6 + 5
    }
    # The parts add up to the reach of the offerings with eligible children: 10 + 30 + 50.
    assert sum(row["reached_per_month"] for row in result["areas"]) == 90
    assert result["statistics_year"] == 2023
    assert [row["name"] for row in result["areas"][:1]] == ["Westend"]


def test_coverage_counts_in_a_fixed_number_of_queries(
    district_a, offerings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        coverage(district_a)


def test_coverage_without_statistics_has_no_eligible_children(district_a):
    AreaFactory(district=district_a, level=BZR, code="041001", name="Westend")
    _offering(district_a, "Beratung", is_district_wide=True, reached_per_month=50)

    result = coverage(district_a)

    assert result["offerings"][0]["eligible_children"] is None
    assert result["offerings"][0]["coverage_pct"] is None
    # Without statistics the reach is split evenly over the three bands of the one region.
    assert [(r["reached_per_month"], r["eligible_children"]) for r in result["areas"]] == [
        (17, None),
        (17, None),
        (17, None),
    ]
    assert result["statistics_year"] is None


# --- resources ---------------------------------------------------------------------------------


def test_resources_give_the_newest_budget_per_family_reached_in_a_year(district_a, offerings):
    rows = [
        (r["name"], r["budget_per_year"], r["reached_per_year"], r["per_family"])
        for r in resources(district_a)
    ]

    # Babylots*innen: 2026 is the newest year: 6,000 + 3,000 = 9,000; 10 × 12 = 120 a year;
    #   9,000 / 120 = 75 € per family (staff hours are not money).
    # Lernhilfe: only an undated budget: 36,000 / (30 × 12 = 360) = 100 €.
    # Elterncafé: a budget but no reach reported: no cost per family.
    # Beratung has no budget (staff hours, rooms) and is left out, as are the paused and
    # the foreign offering.
    assert rows == [
        ("Babylots*innen", 9000.0, 120, 75.0),
        ("Lernhilfe", 36000.0, 360, 100.0),
        ("Elterncafé", 5000.0, None, None),
    ]


def test_resources_are_one_query(district_a, offerings, django_assert_num_queries):
    with django_assert_num_queries(1):
        resources(district_a)


# --- gaps --------------------------------------------------------------------------------------


def _area(code: str, poverty: float | None, high: bool, uses: dict) -> dict:
    return {
        "code": code,
        "name": f"Region {code}",
        "respondents": {"n": 20},
        "children": 1000,
        "per_1000_children": 20.0,
        "child_poverty": poverty,
        "high_poverty": high,
        "uses_any": uses,
    }


def test_areas_with_high_poverty_and_reach_at_or_below_the_median_or_no_answers_are_gaps():
    areas = [
        _area("041001", 20.0, True, {"n": 6, "p": 30.0}),
        _area("041002", 40.0, True, {"n": 10, "p": 50.0}),
        _area("041003", 35.0, True, {"s": "small"}),
        _area("041004", 10.0, False, {"n": 2, "p": 10.0}),
        _area("041005", 25.0, True, {"n": 0}),
        _area("041006", None, False, {"s": "hidden"}),
    ]

    # Median of the shown shares 30, 50, 10 is 30: 041001 (30 ≤ 30) is a gap, 041002
    # (50) is not; 041003 and 041005 have no share → "no answers"; 041004 and 041006
    # are not poor areas. Highest child poverty first.
    assert [
        (g["code"], g["child_poverty"], g["uses_pct"], g["reason"]) for g in areas_low_reach(areas)
    ] == [
        ("041003", 35.0, None, "no_answers"),
        ("041005", 25.0, None, "no_answers"),
        ("041001", 20.0, 30.0, "low_reach"),
    ]


def test_district_gaps_list_goals_groups_and_phases_without_offerings(district_a, offerings):
    goals = {
        title: ActionGoalFactory(district=district_a, title=title, status=status)
        for title, status in [
            ("G1 Babys gut begleiten", ActionGoal.Status.AGREED),
            ("G2 Lernen stärken", ActionGoal.Status.AGREED),
            ("G3 Mehr Hausbesuche", ActionGoal.Status.DRAFT),
            ("G4 Nur pausiert", ActionGoal.Status.AGREED),
            ("G5 Aufgegeben", ActionGoal.Status.DROPPED),
        ]
    }
    OfferingGoalFactory(offering=offerings["babylotsen"], goal=goals["G1 Babys gut begleiten"])
    OfferingGoalFactory(offering=offerings["lernhilfe"], goal=goals["G2 Lernen stärken"])
    OfferingGoalFactory(offering=offerings["paused"], goal=goals["G4 Nur pausiert"])
    poverty_gaps = [
        {
            "offering": offerings["babylotsen"].pk,
            "stage": "known",
            "with_pct": 20.0,
            "without_pct": 50.0,
            "difference": -30.0,
            "ci_low": -45.0,
            "ci_high": -12.0,
            "clear": True,
        }
    ]

    result = district_gaps(district_a, areas=[], poverty_gaps=poverty_gaps)

    assert [g["title"] for g in result["goals_without_offerings"]] == [
        "G3 Mehr Hausbesuche",
        "G4 Nur pausiert",
    ]
    assert result["goals_without_offerings"][0]["id"] == goals["G3 Mehr Hausbesuche"].pk
    assert result["poverty_gaps"] == poverty_gaps
    assert result["areas_low_reach"] == []
    groups = [
        g["key"] for g in result["target_groups_without_offerings"] if g["kind"] == "target_group"
    ]
    phases = [
        g["key"] for g in result["target_groups_without_offerings"] if g["kind"] == "life_phase"
    ]
    # Only the paused offering is for homeless families: that is still a gap.
    assert groups == [
        "basic-income",
        "large-families",
        "shared-accommodation",
        "disability",
        "young-parents",
        "homeless",
        "working-poor",
    ]
    assert phases == ["pregnancy", "3-6", "14-18", "18-27"]
    homeless = next(g for g in result["target_groups_without_offerings"] if g["key"] == "homeless")
    assert (homeless["name"], homeless["name_en"]) == ("Wohnungslose Familien", "Homeless families")


# --- indicator series --------------------------------------------------------------------------


def test_indicator_series_lists_values_oldest_first_in_two_queries(
    district_a, district_b, django_assert_num_queries
):
    goal = ActionGoalFactory(district=district_a, title="Familien kennen die Angebote")
    indicator = IndicatorFactory(goal=goal, name="Anteil, der das Familienzentrum kennt")
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2025, 6, 30), value=28.0)
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2024, 6, 30), value=22.5)
    empty = IndicatorFactory(
        goal=goal, name="Noch ohne Werte", baseline_value=None, baseline_on=None
    )
    dropped = ActionGoalFactory(district=district_a, status=ActionGoal.Status.DROPPED)
    IndicatorValueFactory(indicator=IndicatorFactory(goal=dropped))
    IndicatorValueFactory(indicator=IndicatorFactory(goal=ActionGoalFactory(district=district_b)))

    with django_assert_num_queries(2):
        series = indicator_series(district_a)

    assert series == [
        {
            "id": indicator.pk,
            "name": "Anteil, der das Familienzentrum kennt",
            "goal": "Familien kennen die Angebote",
            "unit": "percent",
            "direction": "higher",
            "baseline_value": 20.0,
            "baseline_on": "2024-01-01",
            "target_value": 40.0,
            "target_on": "2027-12-31",
            "values": [["2024-06-30", 22.5], ["2025-06-30", 28.0]],
        },
        {
            "id": empty.pk,
            "name": "Noch ohne Werte",
            "goal": "Familien kennen die Angebote",
            "unit": "percent",
            "direction": "higher",
            "baseline_value": None,
            "baseline_on": None,
            "target_value": 40.0,
            "target_on": "2027-12-31",
            "values": [],
        },
    ]
