"""The tables of a snapshot, computed from the hand-built survey of tests/reports/conftest.py.

Offering A, "do you know it" by benefit column (with = Bürgergeld, without = "none of these",
not stated = the rest):

                       with  without  not stated  all
    not known            5      0         0         5
    know it, don't use   0      5         0         5
    use it               7      7         5        19
    answered            12     12         5        29
    helpful (4–5 of 5)   7      0         5        12

So A: 29 answered, 24 know it (82.8 %), 19 use it (65.5 %), 12 found it helpful (41.4 %);
with benefits 12 answered, 7 know, 7 use, 7 helpful; without 12 answered, 12 know, 7 use, 0.

Offering B:
                       with  without  not stated  all
    not known            8      2s        0        10
    know it, don't use   2s     5         0         7
    use it               2s     5         0         7
    answered            12     12         0        24
    helpful (4–5 of 5)   2s     5         0         7

Three small cells (s); their complements are hidden, so only the totals and the "all"
column are shown: 24 answered, 14 know (58.3 %), 7 use (29.2 %), 7 helpful.

With 30 families most views (areas, points, languages, groups) are too small to publish
once everything is protected together (reports/aggregation/linked.py): the tests below say
which are withheld and why, and that every withheld count carries one marker, "hidden".
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoDbBlocker

from districts.models import District
from reports.aggregation import build_tables
from reports.models import ReportSnapshot
from surveys.models import Answer, IndicatorLink, Option, Question, Response
from tests import factories as f
from tests.conftest import create_reference_data
from tests.reports.conftest import DAY, Example, build_example

pytestmark = pytest.mark.django_db


def snapshot_for(example: Example, **inputs) -> ReportSnapshot:
    return f.ReportSnapshotFactory(
        survey=example.survey,
        status=ReportSnapshot.Status.RUNNING,
        started_at=datetime.datetime(2026, 5, 5, 8, 0, tzinfo=datetime.UTC),
        **inputs,
    )


@pytest.fixture(scope="module")
def built(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[tuple]:
    """The example and its tables, made once for the module in a transaction rolled back at
    its end: most tests only read them, and each test runs in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        create_reference_data()
        example = build_example(District.objects.get(number="04"))
        yield example, build_tables(snapshot_for(example), lambda percent, step: None)
        transaction.set_rollback(True)


@pytest.fixture
def survey_example(built: tuple) -> Example:
    return built[0]


@pytest.fixture
def tables(built: tuple) -> dict:
    return copy.deepcopy(built[1])


def funnel(tables, key, offering):
    [row] = [r for r in tables["reach"]["funnel"][key] if r["offering"] == offering.pk]
    return row["columns"]


def test_reach_funnel_of_offering_a(tables, survey_example):
    a = funnel(tables, "all", survey_example.a)
    assert a["all"] == {
        "base": {"n": 29},
        "known": {"n": 24, "p": 82.8},
        "used": {"n": 19, "p": 65.5},
        "helpful": {"n": 12, "p": 41.4},
    }
    assert a["with_benefits"] == {
        "base": {"n": 12},
        "known": {"n": 7, "p": 58.3},
        "used": {"n": 7, "p": 58.3},
        "helpful": {"n": 7, "p": 58.3},
    }
    assert a["without_benefits"] == {
        "base": {"n": 12},
        "known": {"n": 12, "p": 100.0},
        "used": {"n": 7, "p": 58.3},
        "helpful": {"n": 0, "p": 0.0},
    }


def test_small_cells_of_offering_b_and_their_complements_are_suppressed(tables, survey_example):
    b = funnel(tables, "all", survey_example.b)
    assert b["all"] == {
        "base": {"n": 24},
        "known": {"n": 14, "p": 58.3},
        "used": {"n": 7, "p": 29.2},
        "helpful": {"n": 7, "p": 29.2},
    }
    # with benefits: 2 know it without using it and 2 use it — both fewer than 5, so
    # "known" (4) is too; the "not known" 8 beside them is hidden as well. One marker for
    # both: "fewer than 5" would itself say that a number lies between 1 and 4.
    assert b["with_benefits"] == {
        "base": {"n": 12},
        "known": {"s": "hidden"},
        "used": {"s": "hidden"},
        "helpful": {"s": "hidden"},
    }
    # without benefits: "not known" is 2, so 12 − 2 would give "known"; its parts (5 and 5)
    # are hidden so that the with-benefits cells cannot be worked out from the "all" column.
    assert b["without_benefits"] == {
        "base": {"n": 12},
        "known": {"s": "hidden"},
        "used": {"s": "hidden"},
        "helpful": {"s": "hidden"},
    }
    # Nothing anywhere in the snapshot shows a suppressed count as 0 or as a number.
    for row in tables["reach"]["funnel"]["all"]:
        for stage in row["columns"].values():
            for c in stage.values():
                assert ("n" in c) != ("s" in c)


def test_filter_views_with_their_respondents(tables, survey_example):
    e = survey_example
    # Every group, language, point and area keeps its respondents in the "who answered"
    # tables, protected together with everything else (nothing there is small).
    r = tables["respondents"]
    assert [g["respondents"] for g in r["groups"]] == [
        {"n": 12, "p": 40.0},
        {"n": 12, "p": 40.0},
        {"n": 7, "p": 23.3},
        {"n": 5, "p": 16.7},
    ]
    assert {x["code"]: x["respondents"] for x in r["languages"]} == {
        "de": {"n": 23, "p": 76.7},
        "tr": {"n": 7, "p": 23.3},
    }
    assert [p["respondents"] for p in r["points"]] == [{"n": 18, "p": 60.0}, {"n": 12, "p": 40.0}]
    assert [a["respondents"] for a in r["areas"]] == [{"n": 14, "p": 46.7}, {"n": 10, "p": 33.3}]
    # Views whose funnel or barrier table would be mostly hidden are not published; a view
    # of which neither is published leaves the filter list.
    filters = {row["key"]: row["respondents"] for row in tables["filters"]}
    assert filters == {
        "all": {"n": 30},
        "group:with_benefits": {"n": 12, "p": 40.0},
        "group:without_benefits": {"n": 12, "p": 40.0},
        "group:single_parent": {"n": 7, "p": 23.3},
        "group:many_children": {"n": 5, "p": 16.7},
        f"area:{e.x.code}": {"n": 14, "p": 46.7},
        f"point:{e.p1.pk}": {"n": 18, "p": 60.0},
        "language:tr": {"n": 7, "p": 23.3},
    }
    withheld = {(w["key"], w["table"]): w["reason"] for w in tables["withheld"]}
    assert set(withheld.values()) == {"mostly_hidden"}
    for key in (f"area:{e.y.code}", f"point:{e.p2.pk}", "language:de"):
        assert (key, "reach") in withheld
        assert (key, "barriers") in withheld
        assert key not in tables["reach"]["funnel"]
        assert key not in tables["barriers"]["by_filter"]
    for key in (f"area:{e.x.code}", f"point:{e.p1.pk}", "language:tr", "group:single_parent"):
        assert (key, "reach") in withheld
        assert key not in tables["reach"]["funnel"]
        assert (key, "barriers") not in withheld
        assert key in tables["barriers"]["by_filter"]
    assert ("group:with_benefits", "barriers") in withheld
    assert "group:with_benefits" in tables["reach"]["funnel"]
    labels = {row["key"]: row["label"] for row in tables["withheld"]}
    assert labels["group:with_benefits"] == {
        "de": "Familien mit Leistungen",
        "en": "Families with benefits",
    }
    assert labels["language:tr"] == {"de": "Türkisch", "en": "Turkish"}
    assert tables["disclosure"]["withheld_tables"] == len(tables["withheld"])


def test_funnels_per_group(tables, survey_example):
    e = survey_example
    # Three or more children: w1–w5, none of whom knows A or B.
    many = funnel(tables, "group:many_children", e.a)["all"]
    assert many == {"base": {"n": 5}, "known": {"n": 0}, "used": {"n": 0}, "helpful": {"n": 0}}
    # Without benefits: n1–n12. A: n1–n5 know it, n6–n12 use it, none rates it 4 or 5.
    # A view other than "all" has one column only: the split by benefits is in "all".
    without = funnel(tables, "group:without_benefits", e.a)
    assert without == {
        "all": {
            "base": {"n": 12},
            "known": {"n": 12, "p": 100.0},
            "used": {"n": 7, "p": 58.3},
            "helpful": {"n": 0, "p": 0.0},
        }
    }
    # The same numbers as the "without benefits" column of "all", and hidden alike for B.
    assert without["all"] == funnel(tables, "all", e.a)["without_benefits"]
    assert funnel(tables, "group:without_benefits", e.b)["all"] == {
        "base": {"n": 12},
        "known": {"s": "hidden"},
        "used": {"s": "hidden"},
        "helpful": {"s": "hidden"},
    }


def test_barrier_ranking_overall(tables):
    """Families naming a barrier for at least one offering:
    barrier_2 (B): n3–n7 and w9, w10 = 7 (with 2 small, without 5 hidden as its complement);
    barrier_1 (A: n1–n5, B: n3) = 5, all without benefits; barrier_6 (A: n1–n3) = 3, small.
    Base: families answering a barrier question: n1–n7, w9, w10 = 9."""
    table = tables["barriers"]["by_filter"]["all"]
    assert table["base"] == {"n": 9}
    rows = table["rows"]
    assert rows[0] == {
        "code": "barrier_2",
        "all": {"n": 7},
        "with_benefits": {"s": "hidden"},
        "without_benefits": {"s": "hidden"},
    }
    # barrier_1's split (0 with, 5 without) is hidden as well once every table and view is
    # protected together.
    assert rows[1] == {
        "code": "barrier_1",
        "all": {"n": 5},
        "with_benefits": {"s": "hidden"},
        "without_benefits": {"s": "hidden"},
    }
    # Suppressed rows come last in the block's order, whatever their number (here 3 and a
    # hidden 0): their place says nothing.
    assert [row["code"] for row in rows[-2:]] == ["barrier_6", "barrier_18"]
    assert rows[-2] == {
        "code": "barrier_6",
        "all": {"s": "hidden"},
        "with_benefits": {"n": 0},
        "without_benefits": {"s": "hidden"},
    }
    assert rows[-1] == {
        "code": "barrier_18",
        "all": {"s": "hidden"},
        "with_benefits": {"s": "hidden"},
        "without_benefits": {"s": "hidden"},
    }
    assert all(row["all"] == {"n": 0} for row in rows[2:-2])
    codes = {c["code"]: c["label"] for c in tables["barriers"]["codes"]}
    assert len(codes) == 19
    assert codes["barrier_1"]["en"] == "I didn't know the service existed."


def test_barriers_per_offering(tables, survey_example):
    by_offering = {row["offering"]: row for row in tables["barriers"]["by_offering"]}
    a = by_offering[survey_example.a.pk]
    assert a["base"] == {"n": 5}
    assert a["rows"][0] == {"code": "barrier_1", "count": {"n": 5}}
    # barrier_2 (0 for A) is hidden too, once everything is protected together.
    assert a["rows"][-3:] == [
        {"code": "barrier_2", "count": {"s": "hidden"}},
        {"code": "barrier_6", "count": {"s": "hidden"}},
        {"code": "barrier_18", "count": {"s": "hidden"}},
    ]
    b = by_offering[survey_example.b.pk]
    assert b["base"] == {"n": 7}
    assert b["rows"][0] == {"code": "barrier_2", "count": {"n": 7}}
    assert b["rows"][-1] == {"code": "barrier_1", "count": {"s": "hidden"}}


def test_what_is_missing_counts_choices_and_tags_never_texts(tables):
    missing = tables["missing"]
    assert missing["base"] == {"n": 11}
    assert missing["rows"][0]["code"] == "free_offers"
    assert missing["rows"][0]["count"] == {"n": 7}
    assert missing["rows"][1]["code"] == "offers_close_to_home"
    assert missing["rows"][1]["count"] == {"n": 6}
    assert missing["rows"][0]["label"] == {"de": "Kostenlose Angebote", "en": "Free services"}
    assert missing["tags"] == [{"name": "Öffnungszeiten", "count": {"s": "hidden"}}]
    assert "Samstags" not in json.dumps(tables, ensure_ascii=False)


def test_respondents_per_area_against_children(tables, survey_example):
    e = survey_example
    respondents = tables["respondents"]
    x, y = respondents["areas"]
    # X: 14 respondents, 1,000 children, 40 % child poverty (above the median 25 %: high).
    # Using an offering: w6–w8 and n6 = 4, fewer than 5; the rest (10) is hidden with it.
    assert x == {
        "code": e.x.code,
        "name": "Kiez X",
        "respondents": {"n": 14, "p": 46.7},
        "children": 1000,
        "per_1000_children": 14.0,
        "child_poverty": 40.0,
        "high_poverty": True,
        "uses_any": {"s": "hidden"},
    }
    assert y["respondents"] == {"n": 10, "p": 33.3}
    assert y["per_1000_children"] == 5.0
    assert y["high_poverty"] is False
    assert y["uses_any"] == {"n": 10, "p": 100.0}
    assert respondents["area_not_stated"] == {"n": 6, "p": 20.0}
    assert respondents["channels"] == [{"code": "online", "respondents": {"n": 30, "p": 100.0}}]
    assert [p["name"] for p in respondents["points"]] == ["Punkt 1", "Punkt 2"]
    # X has high child poverty and too few answers to give a share: a gap of its own.
    assert tables["gaps"]["areas_low_reach"][0]["code"] == e.x.code


def test_poverty_gaps_with_newcombe_intervals(tables, survey_example):
    """A known: 7 of 12 with benefits, 12 of 12 without: −41.7 points, 95 % interval
    −68.1 to −8.7 (Wilson 7/12: 31.95–80.68 %, 12/12: 75.75–100 %) — clearly less.
    A used: 7 of 12 both: 0 points, −34.6 to 34.6. B: its cells are suppressed, no gap."""
    gaps = tables["gaps"]["poverty_gaps"]
    assert [(g["offering"], g["stage"]) for g in gaps] == [
        (survey_example.a.pk, "known"),
        (survey_example.a.pk, "used"),
    ]
    known, used = gaps
    assert known["with_pct"] == 58.3
    assert known["without_pct"] == 100.0
    assert known["difference"] == -41.7
    assert known["ci_low"] == pytest.approx(-68.05, abs=0.06)
    assert known["ci_high"] == pytest.approx(-8.69, abs=0.06)
    assert known["clear"] is True
    assert used["difference"] == 0.0
    assert used["ci_low"] == pytest.approx(-34.57, abs=0.06)
    assert used["ci_high"] == pytest.approx(34.57, abs=0.06)
    assert used["clear"] is False


def test_an_indicator_fed_by_the_survey(survey_example):
    e = survey_example
    indicator = f.IndicatorFactory(goal=f.ActionGoalFactory(district=e.survey.district))
    known = Question.objects.get(survey=e.survey, offering=e.a, block_key="known")
    link = IndicatorLink.objects.create(indicator=indicator, question=known)
    link.options.set(Option.objects.filter(question=known, code__in=["known_not_used", "used"]))
    tables = build_tables(snapshot_for(e), lambda percent, step: None)
    [series] = [s for s in tables["indicators"] if s["id"] == indicator.pk]
    # 24 of the 29 who answered know offering A.
    assert series["from_survey"] == {
        "value": 82.8,
        "count": {"n": 24, "p": 82.8},
        "base": {"n": 29},
    }


def test_period_and_collection_points_narrow_the_scope(survey_example):
    e = survey_example
    Response.objects.filter(pk__in=[e.responses[n].pk for n in ("s1", "s2")]).update(
        submitted_on=DAY - datetime.timedelta(days=30)
    )
    tables = build_tables(
        snapshot_for(e, period_start=DAY, collection_points=[e.p2.pk]), lambda p, s: None
    )
    # Point 2 holds n7–n12 and s1–s6; s1 and s2 answered before the period.
    assert tables["meta"]["respondents"] == {"n": 10}
    assert tables["meta"]["period_start"] == DAY.isoformat()
    assert tables["meta"]["collection_points"] == [{"id": e.p2.pk, "name": "Punkt 2"}]
    assert [p["id"] for p in tables["respondents"]["points"]] == [e.p2.pk]


def test_meta(tables, survey_example):
    meta = tables["meta"]
    assert meta["survey_id"] == survey_example.survey.pk
    assert meta["respondents"] == {"n": 30}
    assert meta["first_answer_on"] == meta["last_answer_on"] == DAY.isoformat()
    assert meta["languages"] == ["de", "tr"]
    assert meta["min_group_size"] == 5
    assert meta["min_percent_base"] == 10
    assert meta["built_at"] == "2026-05-05T08:00:00+00:00"
    assert tables["reach"]["offerings"] == [
        {"id": survey_example.a.pk, "name": "Familienzentrum A", "category": "Familienzentrum"},
        {"id": survey_example.b.pk, "name": "Beratung B", "category": "Familienzentrum"},
    ]


def test_two_builds_of_the_same_snapshot_are_equal(survey_example):
    snapshot = snapshot_for(survey_example)
    first = build_tables(snapshot, lambda p, s: None)
    second = build_tables(snapshot, lambda p, s: None)
    assert first == second
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_a_larger_minimum_group_size_suppresses_more(survey_example):
    tables = build_tables(snapshot_for(survey_example, min_group_size=8), lambda p, s: None)
    a = funnel(tables, "all", survey_example.a)
    assert a["with_benefits"]["used"] == {"s": "hidden"}  # 7 < 8
    assert tables["meta"]["min_group_size"] == 8


def test_progress_is_reported_in_order(survey_example):
    steps: list[tuple[int, str]] = []
    build_tables(snapshot_for(survey_example), lambda percent, step: steps.append((percent, step)))
    percents = [p for p, _ in steps]
    assert percents == sorted(percents)
    assert percents[0] > 0
    assert percents[-1] < 100
    assert all(step for _, step in steps)


def _queries(snapshot: ReportSnapshot) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        build_tables(snapshot, lambda p, s: None)
    return [q["sql"] for q in queries.captured_queries]


def test_the_number_of_queries_does_not_grow_with_the_responses(survey_example):
    example = survey_example
    few = _queries(snapshot_for(example))
    # Copy every response with its chosen options four times: 150 responses instead of 30.
    originals = list(Response.objects.filter(survey=example.survey))
    copies = []
    for _ in range(4):
        for response in originals:
            answers = list(response.answers.filter(option__isnull=False))
            response.pk = None
            response.save()
            for answer in answers:
                answer.pk = None
                answer.response = response
            copies.extend(answers)
    Answer.objects.bulk_create(copies)
    assert Response.objects.filter(survey=example.survey).count() == 150
    many = _queries(snapshot_for(example))
    assert len(many) == len(few), "\n".join(set(many) ^ set(few))
    assert len(few) <= 30


def test_a_survey_without_answers_or_blocks_still_builds(district_a):
    survey = f.SurveyFactory(district=district_a)
    tables = build_tables(
        f.ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.RUNNING),
        lambda p, s: None,
    )
    assert tables["meta"]["respondents"] == {"n": 0}
    assert [row["key"] for row in tables["filters"]] == ["all"]
    assert tables["reach"] == {"offerings": [], "funnel": {"all": []}}
    assert tables["barriers"]["by_filter"]["all"] == {"base": {"n": 0}, "rows": []}
    assert tables["respondents"]["areas"] == []
    assert tables["gaps"]["poverty_gaps"] == []


def test_answers_without_the_family_block_count_as_not_stated(district_a):
    offering = f.OfferingFactory(district=district_a)
    survey = f.SurveyFactory(district=district_a)
    from surveys.blocks import add_reach_block

    add_reach_block(survey, [offering])
    known = Question.objects.get(survey=survey, block_key="known")
    used = Option.objects.get(question=known, code="used")
    point = f.CollectionPointFactory(survey=survey)
    for _ in range(6):
        response = f.ResponseFactory(collection_point=point)
        Answer.objects.create(response=response, question=known, option=used)
    tables = build_tables(
        f.ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.RUNNING),
        lambda p, s: None,
    )
    [row] = tables["reach"]["funnel"]["all"]
    assert row["columns"]["all"]["used"] == {"n": 6}
    assert row["columns"]["with_benefits"]["base"] == {"n": 0}
    assert [g["respondents"] for g in tables["respondents"]["groups"]][:2] == [{"n": 0}, {"n": 0}]
