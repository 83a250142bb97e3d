"""The five guiding questions page: every member reads it, its figures are the district's own
data (families' numbers only from the snapshot's protected cells), in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from districts.models import Membership
from goals.models import ActionGoal, Resource
from offerings.models import Offering
from reports.guiding import GuidingAnswer, guiding_answers
from reports.models import Decision, ReportSnapshot
from tests.factories import (
    ActionGoalFactory,
    DecisionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OfferingFactory,
    OfferingGoalFactory,
    OfferingResourceFactory,
    ReportSnapshotFactory,
    ResourceFactory,
    SurveyFactory,
)
from tests.reports.sample_tables import S, sample_tables

pytestmark = pytest.mark.django_db


def _figures(answer: GuidingAnswer) -> dict[str, str]:
    return {figure.label: figure.value for figure in answer.figures}


def _answers(district) -> dict[str, GuidingAnswer]:
    with translation.override("en"):
        return {a.key: a for a in guiding_answers(district, timezone.localdate())}


def _report(district, **changes) -> ReportSnapshot:
    survey = SurveyFactory(district=district, title="Familienumfrage 2026")
    tables = sample_tables(survey=survey)
    for key, value in changes.items():
        tables[key] = value
    return ReportSnapshotFactory(survey=survey, tables=tables)


def _district_data(district) -> None:
    """Goals (one on track, one off track, one without data), offerings, resources, decisions."""
    year = timezone.localdate().year
    on_track, off_track, no_data = ActionGoalFactory.create_batch(3, district=district)
    IndicatorValueFactory(indicator__goal=on_track, value=39.0)
    IndicatorValueFactory(indicator__goal=off_track, value=21.0)
    IndicatorFactory(goal=no_data)
    ActionGoalFactory(district=district, kind=ActionGoal.Kind.IMPACT)
    OfferingGoalFactory(offering__district=district, goal=on_track)
    OfferingFactory(district=district)
    OfferingFactory(district=district, status=Offering.Status.ENDED)
    OfferingFactory(district=district, review_status=Offering.ReviewStatus.PENDING)
    ResourceFactory(district=district, amount=25000, year=year)
    ResourceFactory(district=district, amount=99999, year=year - 3)
    ResourceFactory(district=district, kind=Resource.Kind.STAFF_HOURS, amount=20, year=year)
    OfferingResourceFactory(offering__district=district, amount=12000, year=year)
    done = {"status": Decision.Status.DONE, "done_on": timezone.localdate()}
    DecisionFactory.create_batch(2, district=district, **done)
    DecisionFactory(district=district, is_public=True, **done)
    DecisionFactory(district=district, is_public=True)  # public, not carried out yet


def test_a_viewer_reads_the_five_answers(client, district_a, member):
    _report(district_a)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    response = client.get(reverse("reports:guiding_questions", args=[district_a.slug]))

    assert response.status_code == 200
    html = response.content.decode()
    for number in range(1, 6):
        assert f'id="frage-{number}"' in html


def test_a_member_of_another_district_gets_404(client, district_a, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    response = client.get(reverse("reports:guiding_questions", args=[district_a.slug]))
    assert response.status_code == 404


def test_the_reach_figures_are_the_snapshots_cells(district_a):
    snapshot = _report(district_a)

    reach = _answers(district_a)["reach"]

    assert _figures(reach) == {
        "Families who answered": "120",
        "Of them with benefits": "50",
        "Clear gaps for families with benefits": "1",
        "Areas with high child poverty and low reach": "2",
    }
    dashboard = reverse("reports:survey_dashboard", args=[district_a.slug, snapshot.survey_id])
    assert reach.figures[0].url == f"{dashboard}?snapshot={snapshot.pk}#wer"
    assert reach.figures[2].url == f"{dashboard}?snapshot={snapshot.pk}#luecken"


def test_a_suppressed_cell_stays_suppressed(district_a):
    tables = sample_tables()
    tables["respondents"]["groups"][0]["respondents"] = S
    _report(district_a, respondents=tables["respondents"])

    figures = _figures(_answers(district_a)["reach"])

    assert figures["Of them with benefits"] == "fewer than 5"


def test_without_a_ready_report_the_reach_answer_points_to_the_reports(district_a):
    _report(district_a).__class__.objects.update(status=ReportSnapshot.Status.FAILED)
    reach = _answers(district_a)["reach"]
    assert reach.figures == []
    assert reach.link_url == reverse("reports:dashboard", args=[district_a.slug])


def test_the_goal_figures_count_the_current_action_goals_and_their_curves(district_a):
    _district_data(district_a)
    ActionGoalFactory(district=district_a, status=ActionGoal.Status.DROPPED)

    goals = _answers(district_a)["goals"]

    assert _figures(goals) == {
        "Action goals": "3",
        "On track": "1",
        "Off track": "1",
        "No data": "1",
    }
    assert goals.figures[3].url == reverse("goals:data_agenda", args=[district_a.slug])


def test_the_resource_figures_are_this_years_sums(district_a):
    _district_data(district_a)
    year = timezone.localdate().year

    resources = _answers(district_a)["resources"]

    assert _figures(resources) == {
        f"Budget for goals ({year})": "25,000 €",
        f"Budget of offerings ({year})": "12,000 €",
        f"Staff hours per week for goals ({year})": "20",
        f"Staff hours per week in offerings ({year})": "–",
    }
    assert resources.sentences[0] == f"Budget {year} – goals: 25,000 €, offerings: 12,000 €."
    assert resources.sentences[1] == (
        f"Staff hours per week {year} – goals: 20, offerings: nothing recorded."
    )
    listing = reverse("goals:resources", args=[district_a.slug])
    assert resources.figures[0].url == f"{listing}?year={year}&kind=budget"


def test_without_resources_the_answer_says_nothing_is_recorded(district_a):
    resources = _answers(district_a)["resources"]
    assert resources.sentences == [
        "No budget or staff hours are recorded yet, for goals or for offerings."
    ]
    assert {figure.value for figure in resources.figures} == {"–"}


def test_the_offering_figures_count_published_running_offerings_and_the_gaps(district_a):
    _district_data(district_a)
    _report(district_a)

    offerings = _answers(district_a)["offerings"]
    figures = _figures(offerings)

    # The linked one, the plain one and the one with resources; not the ended or pending one.
    assert figures["Active offerings"] == "3"
    # Four current goals, one of them with an offering.
    assert figures["Goals without an offering"] == "3"
    assert figures["Families who miss: Offerings at weekends"] == "22"
    gaps = reverse("offerings:gaps", args=[district_a.slug])
    assert offerings.figures[1].url == f"{gaps}#ziele"


def test_the_support_figures_count_published_reports_and_public_decisions(district_a):
    _district_data(district_a)
    snapshot = _report(district_a)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(
        published_at=datetime.datetime(2026, 3, 4, 10, tzinfo=datetime.UTC)
    )

    support = _answers(district_a)["support"]

    assert _figures(support) == {
        "Published reports": "1",
        "Newest publication": "03/04/2026",
        "Public decisions carried out": "1",
        "Decisions carried out": "3",
    }
    assert support.figures[0].url == reverse("transparency:district", args=[district_a.slug])


def test_another_districts_data_is_not_counted(district_a, district_b):
    before = {key: _figures(answer) for key, answer in _answers(district_a).items()}
    _district_data(district_b)
    snapshot = _report(district_b)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(published_at=timezone.now())

    after = {key: _figures(answer) for key, answer in _answers(district_a).items()}

    assert after == before
    assert after["reach"] == {}
    assert after["goals"]["Action goals"] == "0"
    assert after["support"]["Published reports"] == "0"


def test_the_page_needs_a_fixed_number_of_queries(
    client, district_a, member, django_assert_max_num_queries
):
    _district_data(district_a)
    _district_data(district_a)
    _report(district_a)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    # 14 the first time in a process: it also reads the report's tables (then kept).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reports:guiding_questions", args=[district_a.slug]))
    assert response.status_code == 200
    with django_assert_max_num_queries(13):
        response = client.get(reverse("reports:guiding_questions", args=[district_a.slug]))
    assert response.status_code == 200


def test_the_district_home_links_to_the_page(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    html = client.get(reverse("districts:home", args=[district_a.slug])).content.decode()
    assert f'href="{reverse("reports:guiding_questions", args=[district_a.slug])}"' in html
