"""A small hand-built survey for the participation monitor, its numbers written out.

Four Bezirksregionen of district 04 (children = 0–5 + 6–11 + 12–17 years; child poverty in %):

    area    code    children  poverty   high?  (median of the four shares: 22.5 %)
    Nord    041001    2,000    40.0     yes
    Ost     041002    1,000    30.0     yes
    Mitte   041003    1,000    15.0     no
    Süd     041004    4,000    10.0     no

69 responses through the family block (home area, benefits, household):

    group  home area          channel  benefits                                  n   single parent
     1     Nord               tablet   Bürgergeld + berlinpass                   5   yes
     2     Nord               tablet   Bürgergeld                                3
     3     Nord               paper    BuT                                       1
     4     Ost                paper    Bürgergeld                                3
     5     Mitte              online   Wohngeld                                  2
     6     Mitte              online   none of these                            10
     7     Süd                online   Kinderzuschlag                            4
     8     Süd                online   none of these                            14
     9     Süd                tablet   none of these                             2
    10     "I don't know"     online   none of these                             6
    11     "prefer not to say" tablet  none of these                             3
    12     "prefer not to say" online  prefer not to say                         5
    13     (no answer)        paper    (no answer)                               5
    14     (no answer)        paper    Bürgergeld                                1
    15     (no answer)        online   none of these                             5

Per area: Nord 9, Ost 3, Mitte 12, Süd 20, don't know 6, prefer not to say 8, no answer 11.
Per channel × benefits (with / none / no answer): online 6/35/5 = 46, tablet 8/5/0 = 13,
paper 5/0/5 = 10. Targets: Nord 30, Süd 50, the tablet's collection point 10, and a
Planungsraum of Nord 5 (cannot be counted: families choose Bezirksregionen).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import translation

from districts.models import Area, AreaIndicator, AreaIndicatorValue, District
from mitwirkung.disclosure.cells import HIDDEN, SHOWN, SMALL
from surveys.blocks import add_family_block
from surveys.models import CollectionPoint, Option, ParticipationTarget, Question, Survey
from surveys.participation import Monitor, participation
from tests import factories as f

pytestmark = pytest.mark.django_db

BZR = Area.Level.BEZIRKSREGION
KEYS = ["child-poverty-mss", "population-0-5", "population-6-11", "population-12-17"]

AREAS = {
    # name: (code, poverty, children per age group)
    "Nord": ("041001", 40.0, (800, 700, 500)),
    "Ost": ("041002", 30.0, (400, 300, 300)),
    "Mitte": ("041003", 15.0, (400, 300, 300)),
    "Süd": ("041004", 10.0, (1500, 1500, 1000)),
}

PLAN = [
    # (home area or option code, channel, benefit codes, count, single parent)
    ("Nord", "tablet", ["basic_income_support", "berlinpass"], 5, True),
    ("Nord", "tablet", ["basic_income_support"], 3, False),
    ("Nord", "paper", ["education_participation"], 1, False),
    ("Ost", "paper", ["basic_income_support"], 3, False),
    ("Mitte", "online", ["housing_benefit"], 2, False),
    ("Mitte", "online", ["none"], 10, False),
    ("Süd", "online", ["child_supplement"], 4, False),
    ("Süd", "online", ["none"], 14, False),
    ("Süd", "tablet", ["none"], 2, False),
    ("dont_know", "online", ["none"], 6, False),
    ("prefer_not_to_say", "tablet", ["none"], 3, False),
    ("prefer_not_to_say", "online", ["prefer_not_to_say"], 5, False),
    (None, "paper", [], 5, False),
    (None, "paper", ["basic_income_support"], 1, False),
    (None, "online", ["none"], 5, False),
]


@dataclass
class Example:
    survey: Survey
    areas: dict[str, Area]
    points: dict[str, CollectionPoint]
    questions: dict[str, Question]
    targets: dict[str, ParticipationTarget]


def add_indicators(area: Area, poverty: float | None, children: tuple[int, int, int]) -> None:
    values = [poverty, *children]
    for key, value in zip(KEYS, values, strict=True):
        if value is None:
            continue
        AreaIndicatorValue.objects.create(
            area=area, indicator=AreaIndicator.objects.get(key=key), year=2023, value=value
        )


def make_areas(district: District) -> dict[str, Area]:
    areas = {}
    for name, (code, poverty, children) in AREAS.items():
        areas[name] = f.AreaFactory(district=district, level=BZR, code=code, name=name)
        add_indicators(areas[name], poverty, children)
    return areas


def family_questions(survey: Survey) -> dict[str, Question]:
    return {q.block_key: q for q in survey.questions.filter(block=Question.Block.FAMILY)}


def respond(
    survey: Survey,
    point: CollectionPoint,
    *,
    home: str | Area | None,
    channel: str,
    benefits: list[str],
    count: int = 1,
    single_parent: bool = False,
    language: str = "de",
) -> None:
    """`count` responses with the same answers; `home` is an Area or a home-area option code."""
    questions = family_questions(survey)
    home_option = None
    if isinstance(home, Area):
        home_option = Option.objects.get(question=questions["home_area"], area=home)
    elif home:
        home_option = Option.objects.get(question=questions["home_area"], code=home)
    benefit_options = list(Option.objects.filter(question=questions["benefits"], code__in=benefits))
    household = Option.objects.get(question=questions["household"], code="single_parent")
    for _ in range(count):
        response = f.ResponseFactory(collection_point=point, channel=channel, language=language)
        chosen = [(questions["benefits"], option) for option in benefit_options]
        if home_option:
            chosen.append((questions["home_area"], home_option))
        if single_parent:
            chosen.append((questions["household"], household))
        for question, option in chosen:
            f.AnswerFactory(response=response, question=question, option=option, text="")


def build_example(district: District) -> Example:
    areas = make_areas(district)
    survey = f.SurveyFactory(district=district, title="Was erreicht Familien im Kiez?")
    page = f.PageFactory(survey=survey, position=0, title="Angebote")
    f.QuestionFactory(page=page, text="Kennen Sie das Familienzentrum?")
    add_family_block(survey)
    points = {
        "online": f.CollectionPointFactory(survey=survey, kind="online", label="Website"),
        "tablet": f.CollectionPointFactory(survey=survey, kind="event", label="Familienzentrum"),
        "paper": f.CollectionPointFactory(survey=survey, kind="event", label="Kita Sonnenschein"),
    }
    for home, channel, benefits, count, single_parent in PLAN:
        respond(
            survey,
            points[channel],
            home=areas.get(home, home) if home else None,
            channel=channel,
            benefits=benefits,
            count=count,
            single_parent=single_parent,
        )
    planning_area = f.AreaFactory(
        district=district,
        level=Area.Level.PLANUNGSRAUM,
        code="04100101",
        name="Nord am Park",
        parent=areas["Nord"],
    )
    targets = {
        "Nord": ParticipationTarget.objects.create(survey=survey, area=areas["Nord"], responses=30),
        "Süd": ParticipationTarget.objects.create(survey=survey, area=areas["Süd"], responses=50),
        "tablet": ParticipationTarget.objects.create(
            survey=survey, collection_point=points["tablet"], responses=10
        ),
        "planning": ParticipationTarget.objects.create(
            survey=survey, area=planning_area, responses=5
        ),
    }
    return Example(survey, areas, points, family_questions(survey), targets)


@pytest.fixture
def example(district_a) -> Example:
    return build_example(district_a)


@pytest.fixture
def monitor(example) -> Monitor:
    return participation(example.survey)


def by_label(rows):
    return {row.label: row for row in rows}


def shown(cell):
    """The value of a cell, or the reason it is suppressed."""
    return cell.value if cell.reason == SHOWN else cell.reason


# --- areas -----------------------------------------------------------------------------------


def test_responses_are_counted_per_home_area_with_the_other_answers_below(monitor):
    areas = monitor.areas
    assert monitor.total == 69
    assert {row.label: shown(row.cell) for row in areas.rows} == {
        "Nord": 9,
        "Ost": SMALL,
        "Mitte": 12,
        "Süd": 20,
    }
    with translation.override("en"):
        others = [(str(row.label), shown(row.cell)) for row in areas.other_rows]
    # The other options keep their German text: survey content, not interface text.
    assert others == [("Weiß ich nicht", HIDDEN), ("Möchte ich nicht sagen", 8), ("No answer", 11)]


def test_a_small_area_hides_the_smallest_other_cell_so_the_total_cannot_reveal_it(monitor):
    rows = monitor.areas.rows + monitor.areas.other_rows
    suppressed = {row.label: row.cell.reason for row in rows if row.cell.suppressed}
    # Ost has 3 (fewer than 5); without a second hidden cell, 69 minus the rest would give 3.
    # The smallest shown cell is "I don't know" with 6.
    assert suppressed == {"Ost": SMALL, "Weiß ich nicht": HIDDEN}
    assert all(row.cell.value is None for row in rows if row.cell.suppressed)


def test_children_child_poverty_and_the_gap_views_high_poverty_rule_per_area(monitor):
    rows = by_label(monitor.areas.rows)
    assert {name: rows[name].children for name in AREAS} == {
        "Nord": 2000,
        "Ost": 1000,
        "Mitte": 1000,
        "Süd": 4000,
    }
    assert {name: rows[name].poverty for name in AREAS} == {
        "Nord": 40.0,
        "Ost": 30.0,
        "Mitte": 15.0,
        "Süd": 10.0,
    }
    # Above the median of the district's areas (22.5 %), as in the gap view.
    assert monitor.areas.threshold == pytest.approx(22.5)
    assert {name for name in AREAS if rows[name].is_high_poverty} == {"Nord", "Ost"}


def test_responses_per_1000_children_only_where_the_count_is_shown(monitor):
    rows = by_label(monitor.areas.rows)
    assert rows["Nord"].rate == pytest.approx(4.5)  # 9 / 2,000 children
    assert rows["Mitte"].rate == pytest.approx(12.0)  # 12 / 1,000
    assert rows["Süd"].rate == pytest.approx(5.0)  # 20 / 4,000
    assert rows["Ost"].rate is None  # fewer than 5: a rate would give the number away


def test_shares_of_all_responses_from_a_base_of_ten(monitor):
    rows = by_label(monitor.areas.rows)
    assert rows["Süd"].cell.percent == pytest.approx(100 * 20 / 69)
    assert rows["Ost"].cell.percent is None


def test_where_to_go_next_lists_high_poverty_with_few_responses_and_areas_below_target(monitor):
    # Shown rates 4.5 (Nord), 12 (Mitte), 5 (Süd): median 5. Ost (high poverty, fewer than 5)
    # and Nord (high poverty, 4.5 ≤ 5) need responses; Süd is below its target of 50;
    # Mitte has neither high poverty nor a target.
    assert [row.label for row in monitor.areas.next_steps] == ["Ost", "Nord", "Süd"]
    assert [row.label for row in monitor.areas.rows] == ["Ost", "Nord", "Süd", "Mitte"]


def test_each_area_on_the_list_gets_a_plain_sentence(monitor):
    with translation.override("en"):
        sentences = [row.sentence() for row in monitor.areas.next_steps]
    assert sentences == [
        "Ost: high child poverty (30.0 %), so far fewer than 5 responses.",
        "Nord: high child poverty (40.0 %), so far 4.5 responses per 1,000 children"
        " – target 30, reached 9 (30.0 %).",
        "Süd: child poverty 10.0 %, so far 5.0 responses per 1,000 children"
        " – target 50, reached 20 (40.0 %).",
    ]


def test_area_targets_show_their_progress_and_a_planning_area_cannot_be_counted(monitor):
    progress = {item.label: item for item in monitor.targets}
    nord = progress["Bezirksregion: Nord"]
    assert (shown(nord.reached), nord.percent, nord.is_met) == (9, 30.0, False)
    south = progress["Bezirksregion: Süd"]
    assert (shown(south.reached), south.percent, south.is_met) == (20, 40.0, False)
    planning = progress["Planungsraum: Nord am Park"]
    assert planning.reached is None
    assert planning.is_met is None
    assert "Bezirksregion" in str(planning.not_counted_because)


# --- channels and target groups --------------------------------------------------------------


def test_responses_per_channel_split_by_benefits(monitor):
    channels = monitor.channels
    table = {
        row.channel: (shown(row.total), shown(row.benefits), shown(row.without), shown(row.unknown))
        for row in channels.rows
    }
    assert table == {
        "online": (46, 6, 35, 5),
        "tablet": (13, 8, 5, 0),
        "paper": (10, 5, 0, 5),
    }
    assert (shown(channels.benefits), shown(channels.without), shown(channels.unknown)) == (
        19,
        40,
        10,
    )


def test_online_reaches_fewer_families_with_benefits_than_tablet_and_paper(monitor):
    channels = monitor.channels
    rows = {row.channel: row for row in channels.rows}
    # Of those who answered the benefits question: online 6 of 41, tablet 8 of 13,
    # paper 5 of 5 (a base below 10: no share), tablet and paper together 13 of 18.
    assert rows["online"].benefit_share == pytest.approx(100 * 6 / 41)
    assert rows["tablet"].benefit_share == pytest.approx(100 * 8 / 13)
    assert rows["paper"].benefit_share is None
    assert channels.online_share == pytest.approx(100 * 6 / 41)
    assert channels.offline_share == pytest.approx(100 * 13 / 18)
    assert channels.online_reaches_fewer is True


def test_target_groups_by_option_code_with_the_small_cell_rule(monitor):
    with translation.override("en"):
        groups = {str(row.label): (shown(row.cell), row.percent) for row in monitor.groups}
    assert groups == {
        "Basic income support (Bürgergeld, SGB II)": (12, pytest.approx(100 * 12 / 69)),
        "berlinpass": (5, pytest.approx(100 * 5 / 69)),
        "Education and participation (BuT)": (SMALL, None),
        "Child supplement (Kinderzuschlag)": (SMALL, None),
        "Housing benefit (Wohngeld)": (SMALL, None),
        "At least one of these benefits": (19, pytest.approx(100 * 19 / 69)),
        "None of these benefits": (40, pytest.approx(100 * 40 / 69)),
        "No answer or prefer not to say": (10, pytest.approx(100 * 10 / 69)),
        "Single parents": (5, pytest.approx(100 * 5 / 69)),
    }


def test_a_small_channel_cell_hides_a_second_cell_in_its_row_and_column(example):
    # Two more paper questionnaires saying "none of these": paper row 5 / 2 / 5.
    respond(
        example.survey,
        example.points["paper"],
        home=None,
        channel="paper",
        benefits=["none"],
        count=2,
    )
    channels = participation(example.survey).channels
    cells = {
        (row.channel, column): getattr(row, column).reason
        for row in channels.rows
        for column in ("benefits", "without", "unknown")
    }
    assert cells[("paper", "without")] == SMALL
    assert cells[("paper", "benefits")] == HIDDEN  # its row
    assert cells[("tablet", "without")] == HIDDEN  # its column
    # No row or column is left with a single hidden cell that its total would reveal.
    for row in channels.rows:
        assert sum(getattr(row, c).suppressed for c in ("benefits", "without", "unknown")) != 1
    for column in ("benefits", "without", "unknown"):
        assert sum(getattr(row, column).suppressed for row in channels.rows) != 1
    # With hidden cells the comparison cannot be made.
    assert channels.online_reaches_fewer is None


def test_a_single_benefit_is_hidden_when_at_least_one_benefit_is(district_a):
    survey = f.SurveyFactory(district=district_a)
    add_family_block(survey)
    point = f.CollectionPointFactory(survey=survey)
    respond(survey, point, home=None, channel="online", benefits=["basic_income_support"], count=7)
    respond(survey, point, home=None, channel="online", benefits=["none"], count=10)
    respond(survey, point, home=None, channel="online", benefits=[], count=2)
    monitor = participation(survey)
    with translation.override("en"):
        groups = {str(row.label): row.cell.reason for row in monitor.groups}
    # 2 without an answer are fewer than 5, so the smallest other column total, 7 with
    # benefits, is hidden. Bürgergeld, the only benefit named, is those same 7: shown, it
    # would give the hidden sum away.
    assert groups["No answer or prefer not to say"] == SMALL
    assert groups["At least one of these benefits"] == HIDDEN
    assert groups["Basic income support (Bürgergeld, SGB II)"] == HIDDEN


def test_below_the_minimum_group_size_only_the_channels_are_shown(district_a):
    survey = f.SurveyFactory(district=district_a)
    add_family_block(survey)
    point = f.CollectionPointFactory(survey=survey)
    respond(survey, point, home=None, channel="online", benefits=["basic_income_support"], count=3)
    monitor = participation(survey)
    assert monitor.total == 3
    assert monitor.groups == []
    assert monitor.groups_too_small
    assert not monitor.channels.has_benefits
    online, tablet, paper = monitor.channels.rows
    # 3 online is fewer than 5; the total is on the page, so a zero is hidden beside it.
    assert (online.total.reason, tablet.total.reason, shown(paper.total)) == (SMALL, HIDDEN, 0)


# --- collection points ------------------------------------------------------------------------


def test_collection_points_show_their_responses_against_their_target(monitor, example):
    rows = {row.point.label: row for row in monitor.points}
    assert {label: row.responses for label, row in rows.items()} == {
        "Website": 46,
        "Familienzentrum": 13,
        "Kita Sonnenschein": 10,
    }
    tablet = rows["Familienzentrum"].target
    assert (shown(tablet.reached), tablet.percent, tablet.is_met) == (13, 130.0, True)
    assert tablet.bar_percent == 100
    assert rows["Website"].target is None


# --- without the family block, and the query count --------------------------------------------


def test_a_survey_without_the_family_block_has_no_area_table_and_no_groups(district_a):
    survey = f.SurveyFactory(district=district_a)
    f.ResponseFactory.create_batch(6, collection_point=f.CollectionPointFactory(survey=survey))
    monitor = participation(survey)
    assert monitor.areas is None
    assert monitor.groups == []
    assert not monitor.groups_too_small
    assert shown(monitor.channels.rows[0].total) == 6


def test_areas_without_indicators_are_listed_by_their_number_of_responses(district_a):
    survey = f.SurveyFactory(district=district_a)
    west = f.AreaFactory(district=district_a, code="041101", name="West")
    east = f.AreaFactory(district=district_a, code="041102", name="Ost")
    add_family_block(survey)
    point = f.CollectionPointFactory(survey=survey)
    respond(survey, point, home=west, channel="online", benefits=[], count=12)
    respond(survey, point, home=east, channel="online", benefits=[], count=6)
    respond(survey, point, home=None, channel="online", benefits=[], count=5)
    areas = participation(survey).areas
    assert not areas.has_children
    assert not areas.has_poverty
    # Without children the counts are compared: 6 is not above the median of 6 and 12.
    assert [row.label for row in areas.next_steps] == ["Ost"]
    with translation.override("en"):
        assert (
            areas.next_steps[0].sentence() == "Ost: so far 6 responses, number of children unknown."
        )


def test_the_monitor_needs_the_same_queries_for_many_responses_and_areas(
    district_a, django_assert_num_queries
):
    small = build_example(district_a)
    with django_assert_num_queries(11) as counted:
        participation(small.survey)
    # Twice the areas, responses and targets: the same number of queries.
    other = f.SurveyFactory(district=district_a)
    more_areas = [
        f.AreaFactory(district=district_a, code=f"0412{n:02d}", name=f"Kiez {n}") for n in range(4)
    ]
    for area in more_areas:
        add_indicators(area, 12.0, (100, 100, 100))
    add_family_block(other)
    point = f.CollectionPointFactory(survey=other)
    for area in [*small.areas.values(), *more_areas]:
        respond(other, point, home=area, channel="tablet", benefits=["berlinpass"], count=7)
        ParticipationTarget.objects.create(survey=other, area=area, responses=20)
    with django_assert_num_queries(len(counted.captured_queries)):
        participation(other)
