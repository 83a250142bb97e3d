"""The yearly strategy cycle: its figures, closing it once, and comparing with the last one."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from districts.models import Membership
from goals.models import ActionGoal
from reports.cycle import (
    close_cycle,
    compare_summaries,
    current_cycle,
    cycle_figures,
    default_title,
    next_title,
)
from reports.models import Decision, Finding, StrategyCycle
from reports.models.cycle import StrategyCycleQuerySet
from tests import factories as f
from tests.reports.sample_tables import S, sample_tables

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=100)
DAYS = datetime.timedelta(days=1)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _reach_example(district, other):
    """Three snapshots in the span and two that must not count; the newest ready one wins."""
    survey = f.SurveyFactory(district=district, title="Was erreicht Familien 2026?")
    tables = sample_tables(survey=survey)
    rows = tables["reach"]["funnel"]["all"]
    rows[1]["columns"]["all"]["known"] = {"n": 36, "p": 30.0}
    rows[1]["columns"]["all"]["used"] = S  # hidden: left out of the average
    newest = f.ReportSnapshotFactory(
        survey=survey, tables=tables, requested_at=_at(TODAY - 10 * DAYS)
    )
    f.ReportSnapshotFactory(
        survey=survey, tables=sample_tables(survey=survey), requested_at=_at(TODAY - 50 * DAYS)
    )
    f.ReportSnapshotFactory(survey=survey, status="pending", requested_at=_at(TODAY))
    f.ReportSnapshotFactory(
        survey=survey, tables=sample_tables(survey=survey), requested_at=_at(START - DAYS)
    )
    f.ReportSnapshotFactory(survey__district=other, tables=sample_tables())
    return newest


def _goal_example(district):
    goal = f.ActionGoalFactory(district=district, status=ActionGoal.Status.IN_PROGRESS)
    f.ActionGoalFactory(district=district)
    dropped = f.ActionGoalFactory(district=district, status=ActionGoal.Status.DROPPED)
    impact = f.ActionGoalFactory(district=district, kind=ActionGoal.Kind.IMPACT)
    # Expected on 2025-06-30 on the line from 20 (2024) to 40 (2027): about 27.5.
    f.IndicatorValueFactory(indicator=f.IndicatorFactory(goal=goal), value=28.0)
    f.IndicatorValueFactory(indicator=f.IndicatorFactory(goal=goal), value=21.0)
    f.IndicatorFactory(goal=goal)
    f.IndicatorValueFactory(indicator=f.IndicatorFactory(goal=dropped), value=30.0)
    f.IndicatorValueFactory(indicator=f.IndicatorFactory(goal=impact), value=30.0)


def _decision_example(district, other):
    done = Decision.Status.DONE
    f.DecisionFactory(district=district, status=done, done_on=TODAY - 5 * DAYS)
    f.DecisionFactory(district=district, status=done, done_on=START)
    f.DecisionFactory(district=district, status=done, done_on=START - DAYS)
    f.DecisionFactory(district=district, due_on=TODAY - DAYS)  # planned and overdue
    f.DecisionFactory(district=district, status=Decision.Status.IN_PROGRESS, due_on=TODAY)
    discarded = Decision.Status.DISCARDED
    f.DecisionFactory(district=district, status=discarded, discarded_on=TODAY - 3 * DAYS)
    f.DecisionFactory(district=district, status=discarded, discarded_on=START - DAYS)
    f.DecisionFactory(district=other, status=done, done_on=TODAY)


def _finding_example(district, other):
    f.FindingFactory.create_batch(2, district=district)
    old = f.FindingFactory(district=district)
    Finding.objects.filter(pk=old.pk).update(created_at=_at(START - DAYS))
    f.FindingFactory(district=other)


@pytest.fixture
def example(district_a, district_b):
    snapshot = _reach_example(district_a, district_b)
    _goal_example(district_a)
    _decision_example(district_a, district_b)
    _finding_example(district_a, district_b)
    return snapshot


@pytest.fixture
def open_cycle(district_a):
    return StrategyCycle.objects.create(district=district_a, title="Zyklus A", started_on=START)


def _close_url(district):
    return reverse("reports:cycle_close", kwargs={"district": district.slug})


def _cycle_url(district):
    return reverse("reports:cycle", kwargs={"district": district.slug})


def test_figures_of_a_small_example_count_exactly_what_the_span_holds(example, district_a):
    figures = cycle_figures(district_a, START, TODAY)

    assert figures["reach"] == {
        "snapshot": example.pk,
        "survey": "Was erreicht Familien 2026?",
        "requested_on": (TODAY - 10 * DAYS).isoformat(),
        "respondents": {"n": 120},
        "min_group_size": 5,
        "known": 40.0,
        "known_offerings": 2,
        "used": 25.0,
        "used_offerings": 1,
    }
    assert figures["goals"] == {
        "action_goals": 2,
        "indicators": 3,
        "on_track": 1,
        "off_track": 1,
        "no_data": 1,
    }
    assert figures["decisions"] == {"done": 2, "open": 2, "overdue": 1, "discarded": 1}
    assert figures["findings"] == {"made": 2}
    assert (figures["start"], figures["end"]) == (START.isoformat(), TODAY.isoformat())


def test_a_suppressed_respondents_cell_is_kept_as_the_report_stored_it(district_a):
    survey = f.SurveyFactory(district=district_a)
    tables = sample_tables(survey=survey)
    tables["meta"]["respondents"] = {"s": "small"}
    f.ReportSnapshotFactory(survey=survey, tables=tables)

    figures = cycle_figures(district_a, START, TODAY)

    assert figures["reach"]["respondents"] == {"s": "small"}


def test_a_span_without_a_ready_report_has_no_reach(district_a):
    assert cycle_figures(district_a, START, TODAY)["reach"] is None


def test_closing_freezes_the_summary_and_opens_the_next_cycle(
    client, example, district_a, coordinator_a, open_cycle
):
    expected = cycle_figures(district_a, START, TODAY)
    client.force_login(coordinator_a.user)

    response = client.post(_close_url(district_a), {"cycle": open_cycle.pk, "title": "Zyklus B"})

    assert response.status_code == 302
    open_cycle.refresh_from_db()
    assert open_cycle.closed_on == TODAY
    assert open_cycle.closed_by == coordinator_a.user
    assert open_cycle.summary == expected
    following = StrategyCycle.objects.for_district(district_a).current()
    assert (following.title, following.started_on) == ("Zyklus B", TODAY)
    # Frozen: what happens afterwards does not reach the closed cycle.
    f.FindingFactory(district=district_a)
    open_cycle.refresh_from_db()
    assert open_cycle.summary["findings"] == {"made": 2}


def test_closing_moves_nothing_that_belongs_to_the_district(district_a, open_cycle, coordinator_a):
    decision = f.DecisionFactory(district=district_a)
    finding = f.FindingFactory(district=district_a)

    close_cycle(open_cycle, by=coordinator_a.user, next_title="Zyklus B")

    assert Decision.objects.for_district(district_a).open().get() == decision
    assert Finding.objects.for_district(district_a).waiting().get() == finding


def test_a_second_close_of_the_same_cycle_changes_nothing_and_says_so(
    client, district_a, coordinator_a, open_cycle
):
    client.force_login(coordinator_a.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"cycle": open_cycle.pk, "title": "Zyklus B"}
    client.post(_close_url(district_a), data)
    open_cycle.refresh_from_db()
    frozen = open_cycle.summary
    f.FindingFactory(district=district_a)

    response = client.post(_close_url(district_a), {**data, "title": "Zyklus C"})

    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("already closed" in text and "Nothing was changed" in text for text in texts)
    cycles = StrategyCycle.objects.for_district(district_a)
    assert [(c.title, c.is_open) for c in cycles] == [("Zyklus B", True), ("Zyklus A", False)]
    open_cycle.refresh_from_db()
    assert open_cycle.summary == frozen


def test_closing_a_closed_cycle_raises_before_anything_is_written(district_a, open_cycle):
    close_cycle(open_cycle, by=None, next_title="Zyklus B")
    stale = StrategyCycle.objects.get(pk=open_cycle.pk)
    stale.closed_on = None  # what a second tab still believes

    with pytest.raises(ValidationError) as error:
        close_cycle(stale, by=None, next_title="Zyklus C")

    assert error.value.code == "closed"
    assert StrategyCycle.objects.for_district(district_a).count() == 2


def test_a_tampered_close_of_another_districts_cycle_closes_nothing(
    client, district_a, district_b, coordinator_a, open_cycle
):
    foreign = StrategyCycle.objects.create(district=district_b, title="Zyklus B", started_on=START)
    client.force_login(coordinator_a.user)

    response = client.post(_close_url(district_a), {"cycle": foreign.pk, "title": "X"})

    assert response.status_code == 400
    assert StrategyCycle.objects.filter(closed_on__isnull=False).count() == 0
    assert StrategyCycle.objects.count() == 2


def test_an_empty_title_closes_nothing(client, district_a, coordinator_a, open_cycle):
    client.force_login(coordinator_a.user)

    response = client.post(_close_url(district_a), {"cycle": open_cycle.pk, "title": " "})

    assert response.status_code == 400
    open_cycle.refresh_from_db()
    assert open_cycle.is_open


@pytest.mark.parametrize("role", [Membership.Role.VIEWER, Membership.Role.STAFF])
def test_only_coordinators_may_close_a_cycle(client, district_a, member, open_cycle, role):
    client.force_login(member(district_a, role).user)

    assert client.get(_close_url(district_a)).status_code == 403
    response = client.post(_close_url(district_a), {"cycle": open_cycle.pk, "title": "X"})

    assert response.status_code == 403
    open_cycle.refresh_from_db()
    assert open_cycle.is_open


def test_a_viewer_reads_the_cycle_page(client, district_a, member, open_cycle):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    response = client.get(_cycle_url(district_a))

    assert response.status_code == 200
    assert response.context["cycle"] == open_cycle
    assert _close_url(district_a) not in response.content.decode()


def test_the_close_page_suggests_the_next_years_title(client, district_a, coordinator_a):
    StrategyCycle.objects.create(
        district=district_a, title="Zyklus", started_on=datetime.date(TODAY.year, 1, 1)
    )
    client.force_login(coordinator_a.user)

    response = client.get(_close_url(district_a))

    assert response.status_code == 200
    assert response.context["form"].initial["title"] == default_title(TODAY.year + 1)


@pytest.mark.parametrize(
    ("closing_on", "year"),
    [(datetime.date(2026, 12, 10), 2027), (datetime.date(2027, 1, 20), 2027)],
)
def test_a_cycle_closed_in_december_or_late_in_january_suggests_the_same_year(
    district_a, closing_on, year
):
    cycle = StrategyCycle(district=district_a, started_on=datetime.date(2026, 1, 1))

    assert next_title(cycle, closing_on) == default_title(year)


def test_another_districts_cycle_is_not_found(client, district_a, district_b, coordinator_a):
    foreign = f.StrategyCycleFactory(district=district_b)
    client.force_login(coordinator_a.user)

    own_address = reverse(
        "reports:cycle_detail", kwargs={"district": district_a.slug, "cycle": foreign.pk}
    )
    assert client.get(own_address).status_code == 404


def test_a_closed_cycle_shows_its_frozen_figures(client, district_a, coordinator_a):
    closed = f.StrategyCycleFactory(
        district=district_a, summary={"findings": {"made": 7}, "goals": {"on_track": 3}}
    )
    client.force_login(coordinator_a.user)

    response = client.get(
        reverse("reports:cycle_detail", kwargs={"district": district_a.slug, "cycle": closed.pk})
    )

    assert response.status_code == 200
    assert response.context["figures"]["findings"]["made"] == 7


def test_the_first_visit_starts_this_years_cycle_once(district_a):
    first = current_cycle(district_a)
    second = current_cycle(district_a)

    assert first == second
    assert first.started_on == datetime.date(TODAY.year, 1, 1)
    assert first.title == default_title(TODAY.year)


def test_two_first_visits_at_once_end_with_one_open_cycle(district_a, monkeypatch):
    winner = StrategyCycle.objects.create(district=district_a, title="Zyklus", started_on=START)
    original = StrategyCycleQuerySet.current
    calls = []

    def not_yet_seen(self):
        # The other request created its cycle after this one looked.
        calls.append(1)
        return None if len(calls) == 1 else original(self)

    monkeypatch.setattr(StrategyCycleQuerySet, "current", not_yet_seen)

    assert current_cycle(district_a) == winner
    assert StrategyCycle.objects.for_district(district_a).count() == 1


def test_the_comparison_shows_the_change(client, example, district_a, coordinator_a, open_cycle):
    f.StrategyCycleFactory(
        district=district_a,
        title="Zyklus 2025",
        summary={
            "reach": {"respondents": {"n": 100}, "known": 35.5, "used": 25.0},
            "goals": {"on_track": 3},
            "decisions": {"done": 2},
        },
    )
    client.force_login(coordinator_a.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(_cycle_url(district_a))

    changes = {row.label: row.change for row in response.context["rows"]}
    assert changes == {
        "Families who answered": 20,
        "Know an offering (average share)": 4.5,
        "Use an offering (average share)": 0.0,
        "Indicators on track": -2,
        "Decisions done": 0,
    }
    page = response.content.decode()
    assert "+20" in page
    assert "+4.5" in page
    assert "−2" in page


def test_a_hidden_count_or_a_missing_report_gives_no_change():
    rows = compare_summaries(
        {"reach": {"respondents": {"s": "small"}, "known": 30.0}},
        {"reach": None, "goals": {"on_track": 1}},
    )

    assert [row.change for row in rows] == [None, None, None, None, None]
    assert {row.change_text for row in rows} == {"–"}
