"""Before and after a decision, on hand-built snapshot tables: the numbers, their intervals,
the difference, and that hidden cells stay hidden (also in the published section)."""

from __future__ import annotations

import copy
import datetime

import pytest

from reports.aggregation.stats import newcombe_difference, wilson
from reports.evidence import changes_section, decision_evidence, next_wave_hint, present
from reports.models import Decision
from tests import factories as f
from tests.reports.sample_tables import S, c, sample_tables, stage

pytestmark = pytest.mark.django_db

DONE = datetime.date(2026, 6, 15)


def _after_tables(survey, a, b):
    tables = sample_tables(survey=survey, offering_ids=(a.pk, b.pk))
    tables["meta"]["first_answer_on"] = "2026-09-01"
    tables["meta"]["last_answer_on"] = "2026-10-30"
    tables["meta"]["built_at"] = "2026-11-02T08:00:00+00:00"
    funnel = tables["reach"]["funnel"]["all"][0]["columns"]
    funnel["all"] = stage(c(120), c(84, 70.0), S, c(20, 16.7))
    funnel["with_benefits"] = stage(c(50), c(30, 60.0), c(12, 24.0), c(6, 12.0))
    return tables


@pytest.fixture
def waves(district_a):
    a = f.OfferingFactory(district=district_a, name="Familienservicebüro")
    b = f.OfferingFactory(district=district_a, name="Elterncafé")
    survey = f.SurveyFactory(district=district_a, title="Frühjahr")
    later = f.SurveyFactory(district=district_a, title="Herbst")
    before = f.ReportSnapshotFactory(
        survey=survey, tables=sample_tables(survey=survey, offering_ids=(a.pk, b.pk))
    )
    after = f.ReportSnapshotFactory(survey=later, tables=_after_tables(later, a, b))
    decision = f.DecisionFactory(
        district=district_a,
        title="Samstags-Sprechstunde auf Arabisch",
        status=Decision.Status.DONE,
        done_on=DONE,
        is_public=True,
    )
    decision.offerings.add(a)
    return {"a": a, "b": b, "before": before, "after": after, "decision": decision}


def _row(evidence, group, stage_text):
    return next(r for r in evidence["rows"] if r["group"] == group and r["stage"] == stage_text)


def test_before_and_after_with_intervals_and_the_difference(waves):
    data = decision_evidence(waves["decision"])
    assert [p["snapshot"] for p in data["points"]] == [waves["before"].pk, waves["after"].pk]
    assert [p["role"] for p in data["points"]] == ["before", "after"]

    shown = present(data)
    known = _row(shown, "alle Familien", "kennen es")
    assert known["offering"] == "Familienservicebüro"
    assert [text for text, _i in known["cells"]] == ["50,0\xa0%", "70,0\xa0%"]
    low, high = wilson(60, 120)
    assert known["cells"][0][1].startswith(f"{100 * low:.1f}".replace(".", ","))
    difference, low, high = newcombe_difference(84, 120, 60, 120)
    change, interval, clear = known["changes"][0]
    assert change == "+20,0"
    assert round(100 * difference, 1) == 20.0
    assert interval == f"+{100 * low:.1f} … +{100 * high:.1f}".replace(".", ",")
    assert clear is True

    with_benefits = _row(shown, "Haushalte mit Leistungsbezug", "kennen es")
    assert [text for text, _i in with_benefits["cells"]] == ["30,0\xa0%", "60,0\xa0%"]
    assert with_benefits["changes"][0][0] == "+30,0"


def test_a_hidden_cell_stays_hidden_and_gives_no_difference(waves):
    shown = present(decision_evidence(waves["decision"]))
    used = _row(shown, "alle Familien", "nutzen es")
    assert used["cells"][0][0] == "25,0\xa0%"
    assert used["cells"][1] == ("weniger als 5", "")
    assert used["changes"][0] == ("–", "", False)


def test_a_snapshot_that_spans_the_change_is_neither_before_nor_after(waves, district_a):
    spanning = sample_tables(offering_ids=(waves["a"].pk, waves["b"].pk))
    spanning["meta"]["first_answer_on"] = "2026-06-01"
    spanning["meta"]["last_answer_on"] = "2026-07-01"
    middle = f.ReportSnapshotFactory(survey__district=district_a, tables=spanning)
    points = [p["snapshot"] for p in decision_evidence(waves["decision"])["points"]]
    assert middle.pk not in points
    assert len(points) == 2


def test_another_districts_snapshots_never_take_part(waves, district_b):
    other = f.ReportSnapshotFactory(
        survey__district=district_b, tables=_after_tables(None, waves["a"], waves["b"])
    )
    points = [p["snapshot"] for p in decision_evidence(waves["decision"])["points"]]
    assert other.pk not in points


def test_the_public_section_uses_only_published_reports(waves, coordinator_a):
    decision = waves["decision"]
    finding = f.FindingFactory(district=decision.district, title="Wenig bekannt", is_public=True)
    secret = f.FindingFactory(district=decision.district, title="Intern")
    decision.findings.add(finding, secret)
    after = waves["after"]

    # The report before the change was never published: its numbers must not appear.
    section = changes_section(after, after.tables)
    assert [entry["title"] for entry in section] == ["Samstags-Sprechstunde auf Arabisch"]
    assert section[0]["findings"] == ["Wenig bekannt"]
    evidence = section[0]["evidence"]
    assert [p["snapshot"] for p in evidence["points"]] == [after.pk]
    assert evidence["has_before"] is False

    waves["before"].publish(by=coordinator_a.user)
    evidence = changes_section(after, after.tables)[0]["evidence"]
    assert [p["snapshot"] for p in evidence["points"]] == [waves["before"].pk, after.pk]
    # Every cell it carries is the published cell of its snapshot, unchanged.
    published = waves["before"].tables["reach"]["funnel"]["all"][0]["columns"]["all"]["known"]
    known = next(r for r in evidence["rows"] if r["view"] == "all" and r["stage"] == "known")
    assert {k: v for k, v in known["cells"][0].items() if k != "base"} == published


def test_private_and_planned_decisions_stay_out_of_the_public_section(waves):
    waves["decision"].is_public = False
    waves["decision"].save()
    f.DecisionFactory(district=waves["decision"].district, is_public=True)  # planned
    assert changes_section(waves["after"], waves["after"].tables) == []


def test_without_a_later_wave_it_names_the_next_survey_and_what_it_misses(waves, district_a):
    waves["after"].delete()
    upcoming = f.SurveyFactory(
        district=district_a, title="Frühjahr 2027", opens_on=datetime.date(2027, 3, 1)
    )
    data = decision_evidence(waves["decision"])
    assert data["has_before"] is True
    assert data["has_after"] is False
    hint = next_wave_hint(waves["decision"])
    assert hint["survey"] == upcoming
    assert hint["missing"] == [waves["a"]]


def test_group_and_area_views_follow_the_decision(waves, district_a):
    decision = waves["decision"]
    decision.groups = ["single_parent"]
    decision.save()
    area = f.AreaFactory(district=district_a, code="04100101", name="Westend Nord")
    decision.areas.add(area)
    tables = copy.deepcopy(waves["after"].tables)
    data = decision_evidence(decision)
    views = {r["view"] for r in data["rows"]}
    # The Planungsraum is read in its Bezirksregion, which the snapshots report.
    assert "area:041001" in views
    # No snapshot has a single-parent view: no row rather than a row of blanks.
    assert "group:single_parent" not in views
    assert tables == waves["after"].tables


def test_a_withheld_view_says_so_and_gives_no_difference(waves):
    decision = waves["decision"]
    decision.groups = ["language:ar"]
    decision.save()
    after = waves["after"]
    after.tables["withheld"] = [{"key": "language:ar", "table": "reach", "reason": "small"}]
    del after.tables["reach"]["funnel"]["language:ar"]
    after.save()
    shown = present(decision_evidence(decision))
    arabic = [r for r in shown["rows"] if r["group"].endswith("Arabisch")]
    assert arabic
    for row in arabic:
        assert row["cells"][1] == ("nicht veröffentlicht", "")
        assert row["changes"][0] == ("–", "", False)


def test_the_next_snapshot_built_after_the_decision_carries_its_evidence(survey_example):
    """finding → decision → done → the next snapshot, built from answers: its section
    'What has changed' compares the published report before with its own protected cells."""
    from reports.aggregation import build_tables
    from reports.models import ReportSnapshot
    from tests.reports.conftest import DAY

    example = survey_example
    district = example.survey.district
    earlier_survey = f.SurveyFactory(district=district, title="Vorjahr")
    tables = sample_tables(survey=earlier_survey, offering_ids=(example.a.pk, example.b.pk))
    tables["meta"]["first_answer_on"], tables["meta"]["last_answer_on"] = "2026-01-05", "2026-03-20"
    before = f.ReportSnapshotFactory(survey=earlier_survey, tables=tables)
    coordinator = f.MembershipFactory(district=district, role="coordinator").user
    before.publish(by=coordinator)
    finding = f.FindingFactory(district=district, title="Wenig bekannt", is_public=True)
    decision = f.DecisionFactory(
        district=district,
        title="Sprechstunde am Samstag",
        status=Decision.Status.DONE,
        done_on=DAY - datetime.timedelta(days=30),
        is_public=True,
    )
    decision.offerings.add(example.a)
    decision.findings.add(finding)

    snapshot = f.ReportSnapshotFactory(
        survey=example.survey,
        status=ReportSnapshot.Status.RUNNING,
        started_at=datetime.datetime(2026, 5, 5, 8, 0, tzinfo=datetime.UTC),
    )
    built = build_tables(snapshot, lambda percent, step: None)

    [entry] = built["changes"]
    assert entry["title"] == "Sprechstunde am Samstag"
    assert entry["findings"] == ["Wenig bekannt"]
    evidence = entry["evidence"]
    assert [(p["snapshot"], p["role"]) for p in evidence["points"]] == [
        (before.pk, "before"),
        (snapshot.pk, "after"),
    ]
    own = next(r for r in built["reach"]["funnel"]["all"] if r["offering"] == example.a.pk)
    for row in evidence["rows"]:
        assert row["view"] == "all"
        shown = own["columns"][row["column"]][row["stage"]]
        after = {k: v for k, v in row["cells"][1].items() if k != "base"}
        # The new report's own protected cell, unchanged: a hidden one stays hidden.
        assert after == shown
