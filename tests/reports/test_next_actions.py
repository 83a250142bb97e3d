"""The next steps on the district home page: each rule fires on its own data and stays silent
without it; the engine collects every app's rules, most urgent first."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from districts.models import Membership, Sector
from districts.next_actions import Action, next_actions, sectors_without_stakeholder
from goals.models import ActionGoal
from goals.next_actions import goals_without_indicator, stale_indicators
from offerings.models import Offering
from offerings.next_actions import stale_offerings
from reports.models import Decision, Finding
from reports.next_actions import (
    closed_surveys_without_report,
    decisions_due,
    done_without_later_survey,
    findings_waiting,
)
from surveys.models import Survey
from tests.factories import (
    ActionGoalFactory,
    DecisionFactory,
    FindingFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OfferingFactory,
    ReportSnapshotFactory,
    ResponseFactory,
    StakeholderFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- engine ------------------------------------------------------------------------------------


def test_an_action_links_to_its_page_with_the_query(district_a):
    action = Action(
        step=2, text="x", url_name="goals:data_agenda", url_kwargs={"district": district_a.slug}
    )
    filtered = Action(
        step=3,
        text="x",
        url_name="offerings:catalogue",
        url_kwargs={"district": district_a.slug},
        query="status=active",
    )
    assert action.url() == reverse("goals:data_agenda", args=[district_a.slug])
    assert (
        filtered.url() == reverse("offerings:catalogue", args=[district_a.slug]) + "?status=active"
    )


def test_the_engine_collects_every_apps_rules_most_urgent_first(district_a):
    ActionGoalFactory(district=district_a)  # no indicator: step 2, priority 15
    DecisionFactory(district=district_a, due_on=TODAY - datetime.timedelta(days=3))  # overdue: 30

    actions = next_actions(district_a, TODAY)

    steps = [(a.step, a.url_name) for a in actions]
    assert steps[0] == (5, "reports:decisions")
    assert (2, "goals:data_agenda") in steps
    assert (1, "districts:stakeholders") in steps  # no stakeholders at all yet
    assert [a.priority for a in actions] == sorted((a.priority for a in actions), reverse=True)


def test_the_engine_needs_a_fixed_number_of_queries(district_a, django_assert_max_num_queries):
    for _ in range(3):
        ActionGoalFactory(district=district_a)
        FindingFactory(district=district_a)
        DecisionFactory(district=district_a, due_on=TODAY - datetime.timedelta(days=1))
    with django_assert_max_num_queries(8):
        next_actions(district_a, TODAY)


def test_a_district_with_nothing_to_do_gets_no_actions_from_the_later_steps(district_a):
    assert [a.step for a in next_actions(district_a, TODAY)] == [1]


# --- step 1 ------------------------------------------------------------------------------------


def test_sectors_without_a_stakeholder_are_counted(district_a, district_b):
    sectors = list(Sector.objects.filter(is_active=True))
    for sector in sectors[2:]:
        StakeholderFactory(district=district_a, sector=sector)
    StakeholderFactory(district=district_b, sector=sectors[0])  # another district's: no help

    action = sectors_without_stakeholder(district_a, TODAY)

    assert action is not None
    assert action.text == "2 sectors without a stakeholder at the table"
    assert action.url() == reverse("districts:stakeholders", args=[district_a.slug])
    assert action.step == 1


def test_no_sector_action_when_every_sector_is_at_the_table(district_a):
    for sector in Sector.objects.filter(is_active=True):
        StakeholderFactory(district=district_a, sector=sector)
    assert sectors_without_stakeholder(district_a, TODAY) is None


# --- step 2 ------------------------------------------------------------------------------------


def test_action_goals_without_an_indicator_are_counted(district_a, district_b):
    ActionGoalFactory.create_batch(2, district=district_a)
    IndicatorFactory(goal=ActionGoalFactory(district=district_a))
    ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.IMPACT)
    ActionGoalFactory(district=district_a, status=ActionGoal.Status.DROPPED)
    ActionGoalFactory(district=district_b)

    action = goals_without_indicator(district_a, TODAY)

    assert action is not None
    assert action.text == "2 action goals without an indicator"
    assert action.url() == reverse("goals:data_agenda", args=[district_a.slug])


def test_no_goal_action_when_every_action_goal_has_an_indicator(district_a):
    IndicatorFactory(goal=ActionGoalFactory(district=district_a))
    assert goals_without_indicator(district_a, TODAY) is None


def test_indicators_without_a_recent_value_are_counted(district_a):
    goal = ActionGoalFactory(district=district_a)
    IndicatorValueFactory(indicator__goal=goal, measured_on=TODAY - datetime.timedelta(days=400))
    IndicatorFactory(goal=goal)  # no value at all
    IndicatorValueFactory(indicator__goal=goal, measured_on=TODAY - datetime.timedelta(days=30))

    action = stale_indicators(district_a, TODAY)

    assert action is not None
    assert action.text == "2 indicators without a value from the last year"
    assert action.url_name == "goals:data_agenda"


def test_no_indicator_action_when_every_indicator_has_a_recent_value(district_a):
    IndicatorValueFactory(
        indicator__goal=ActionGoalFactory(district=district_a),
        measured_on=TODAY - datetime.timedelta(days=30),
    )
    assert stale_indicators(district_a, TODAY) is None


# --- step 3 ------------------------------------------------------------------------------------


def test_offerings_not_confirmed_for_a_year_are_counted(district_a, district_b):
    old = TODAY - datetime.timedelta(days=400)
    OfferingFactory.create_batch(2, district=district_a, last_confirmed_on=old)
    OfferingFactory(district=district_a, last_confirmed_on=old, status=Offering.Status.ENDED)
    OfferingFactory(district=district_a, last_confirmed_on=TODAY)
    OfferingFactory(district=district_b, last_confirmed_on=old)

    action = stale_offerings(district_a, TODAY)

    assert action is not None
    assert action.text == "2 offerings not confirmed for over a year"
    assert action.url() == reverse("offerings:stale", args=[district_a.slug])


def test_no_offering_action_when_all_are_confirmed(district_a):
    OfferingFactory(district=district_a, last_confirmed_on=TODAY - datetime.timedelta(days=10))
    assert stale_offerings(district_a, TODAY) is None


# --- step 4 ------------------------------------------------------------------------------------


def _closed_survey(district, title: str, closes_on: datetime.date | None) -> Survey:
    survey = SurveyFactory(
        district=district, title=title, status=Survey.Status.CLOSED, closes_on=closes_on
    )
    ResponseFactory(collection_point__survey=survey)
    return survey


def test_a_closed_survey_without_a_published_report_gets_a_line(district_a):
    survey = _closed_survey(district_a, "Frühjahr", TODAY - datetime.timedelta(days=12))
    ReportSnapshotFactory(survey=survey)  # ready but not published

    [action] = closed_surveys_without_report(district_a, TODAY)

    assert action.text == "Survey “Frühjahr” closed 12 days ago – no report published yet"
    assert action.step == 4
    assert action.url() == reverse("reports:survey_dashboard", args=[district_a.slug, survey.pk])


def test_a_survey_closed_before_its_closing_day_names_no_days(district_a):
    _closed_survey(district_a, "Herbst", TODAY + datetime.timedelta(days=5))
    [action] = closed_surveys_without_report(district_a, TODAY)
    assert action.text == "Survey “Herbst” is closed – no report published yet"


def test_closed_surveys_are_listed_longest_closed_first_and_at_most_three(district_a):
    for days in (3, 40, 12, 25):
        _closed_survey(district_a, f"Welle {days}", TODAY - datetime.timedelta(days=days))
    actions = closed_surveys_without_report(district_a, TODAY)
    assert [a.text.split("”")[0] for a in actions] == [
        "Survey “Welle 40",
        "Survey “Welle 25",
        "Survey “Welle 12",
    ]


def test_no_survey_line_once_a_report_is_published_or_nobody_answered(district_a, district_b):
    published = _closed_survey(district_a, "Veröffentlicht", TODAY - datetime.timedelta(days=30))
    ReportSnapshotFactory(survey=published, published_at=timezone.now())
    SurveyFactory(district=district_a, status=Survey.Status.CLOSED, closes_on=TODAY)  # no answers
    reopened = _closed_survey(district_a, "Wieder offen", TODAY - datetime.timedelta(days=30))
    Survey.objects.filter(pk=reopened.pk).update(status=Survey.Status.OPEN)
    _closed_survey(district_b, "Anderer Bezirk", TODAY - datetime.timedelta(days=30))

    assert closed_surveys_without_report(district_a, TODAY) == []


# --- step 5 ------------------------------------------------------------------------------------


def test_findings_waiting_for_a_decision_are_counted(district_a, district_b):
    FindingFactory.create_batch(2, district=district_a)
    FindingFactory(district=district_a, status=Finding.Status.DISCUSSED)
    decided = FindingFactory(district=district_a, status=Finding.Status.DISCUSSED)
    DecisionFactory(district=district_a).findings.add(decided)
    FindingFactory(district=district_a, status=Finding.Status.NO_ACTION, no_action_reason="x")
    FindingFactory(district=district_b)

    action = findings_waiting(district_a, TODAY)

    assert action is not None
    assert action.text == "3 findings are waiting for a decision"
    assert (action.url_name, action.url_kwargs, action.query) == (
        "reports:findings",
        {"district": district_a.slug},
        "status=waiting",
    )


def test_no_finding_line_when_every_finding_is_decided(district_a):
    finding = FindingFactory(district=district_a, status=Finding.Status.DECIDED)
    DecisionFactory(district=district_a).findings.add(finding)
    assert findings_waiting(district_a, TODAY) is None


def test_overdue_and_soon_due_changes_get_one_line_each(district_a, district_b):
    day = datetime.timedelta(days=1)
    DecisionFactory.create_batch(2, district=district_a, due_on=TODAY - day)
    DecisionFactory(district=district_a, due_on=TODAY - day, status=Decision.Status.DONE)
    DecisionFactory(district=district_a, due_on=TODAY + 3 * day, status=Decision.Status.IN_PROGRESS)
    DecisionFactory(district=district_a, due_on=TODAY + 30 * day)
    DecisionFactory(district=district_b, due_on=TODAY - day)

    overdue, due = decisions_due(district_a, TODAY)

    assert overdue.text == "2 decisions are overdue"
    assert (overdue.url_name, overdue.query) == ("reports:decisions", "status=overdue")
    assert due.text == "1 decision is due in the next 14 days"
    assert (due.url_name, due.query) == ("reports:decisions", "status=due")
    assert overdue.priority > due.priority


def test_no_decision_line_when_nothing_is_due(district_a):
    DecisionFactory(district=district_a, due_on=TODAY + datetime.timedelta(days=60))
    DecisionFactory(district=district_a, due_on=None)
    assert decisions_due(district_a, TODAY) == []


def test_done_changes_without_a_later_survey_are_counted(district_a):
    done_on = TODAY - datetime.timedelta(days=20)
    DecisionFactory.create_batch(
        2, district=district_a, status=Decision.Status.DONE, done_on=done_on
    )
    earlier = SurveyFactory(district=district_a, opens_on=done_on - datetime.timedelta(days=90))
    Survey.objects.filter(pk=earlier.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )

    action = done_without_later_survey(district_a, TODAY)

    assert action is not None
    assert action.text == "2 decisions are carried out, but no survey has asked families since"
    assert action.url() == reverse("surveys:list", args=[district_a.slug])


def test_no_line_for_done_changes_once_a_later_survey_is_planned(district_a):
    done_on = timezone.localdate() - datetime.timedelta(days=20)
    DecisionFactory(district=district_a, status=Decision.Status.DONE, done_on=done_on)
    SurveyFactory(district=district_a, status=Survey.Status.DRAFT)  # created today
    assert done_without_later_survey(district_a, TODAY) is None


# --- on the page -------------------------------------------------------------------------------


def test_staff_see_the_next_steps_with_their_links_on_the_district_home(client, district_a, member):
    ActionGoalFactory(district=district_a)
    OfferingFactory(district=district_a, last_confirmed_on=TODAY - datetime.timedelta(days=800))
    client.force_login(member(district_a, Membership.Role.STAFF).user)

    html = client.get(reverse("districts:home", args=[district_a.slug])).content.decode()

    assert 'id="next-steps-title"' in html
    assert f'href="{reverse("goals:data_agenda", args=[district_a.slug])}"' in html
    assert f'href="{reverse("offerings:stale", args=[district_a.slug])}"' in html
    assert reverse("reports:guiding_questions", args=[district_a.slug]) in html


def test_viewers_get_no_next_steps_but_the_guiding_questions(client, district_a, member):
    ActionGoalFactory(district=district_a)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    html = client.get(reverse("districts:home", args=[district_a.slug])).content.decode()

    assert 'id="next-steps-title"' not in html
    assert reverse("reports:guiding_questions", args=[district_a.slug]) in html


def test_the_step_5_lines_link_to_the_filtered_lists(district_a):
    """Needs the step-5 pages (reports:findings, reports:decisions) of reports/urls_adaptation.py."""
    FindingFactory(district=district_a)
    DecisionFactory(district=district_a, due_on=TODAY - datetime.timedelta(days=1))
    findings = reverse("reports:findings", args=[district_a.slug])
    decisions = reverse("reports:decisions", args=[district_a.slug])

    assert findings_waiting(district_a, TODAY).url() == f"{findings}?status=waiting"
    assert decisions_due(district_a, TODAY)[0].url() == f"{decisions}?status=overdue"
