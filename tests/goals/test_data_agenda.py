from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import Membership
from goals.models import ActionGoal
from tests.factories import ActionGoalFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def agenda_url(district) -> str:
    return reverse("goals:data_agenda", kwargs={"district": district.slug})


@pytest.fixture
def viewer_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_agenda_lists_a_goal_without_indicators(viewer_client, district_a):
    ActionGoalFactory(district=district_a, title="Ziel ohne Messgröße")
    measured = ActionGoalFactory(district=district_a, title="Gemessenes Ziel")
    IndicatorFactory(goal=measured)
    page = viewer_client.get(agenda_url(district_a)).text
    section = page.split('id="without-heading"', 1)[1].split("</section>", 1)[0]
    assert "Ziel ohne Messgröße" in section
    assert "Gemessenes Ziel" not in section


def test_agenda_leaves_out_dropped_goals(viewer_client, district_a):
    ActionGoalFactory(
        district=district_a, title="Verworfenes Ziel", status=ActionGoal.Status.DROPPED
    )
    assert "Verworfenes Ziel" not in viewer_client.get(agenda_url(district_a)).text


def test_agenda_lists_an_indicator_with_an_old_value_but_not_a_fresh_one(viewer_client, district_a):
    goal = ActionGoalFactory(district=district_a)
    old = IndicatorFactory(goal=goal, name="Seit Langem nicht gemessen")
    IndicatorValueFactory(indicator=old, measured_on=days_ago(400))
    fresh = IndicatorFactory(goal=goal, name="Letzten Monat gemessen")
    IndicatorValueFactory(indicator=fresh, measured_on=days_ago(30))
    never = IndicatorFactory(goal=goal, name="Nie gemessen")

    page = viewer_client.get(agenda_url(district_a)).text
    section = page.split('id="stale-heading"', 1)[1].split("</section>", 1)[0]
    assert old.name in section
    assert never.name in section
    assert "nie" in section
    assert fresh.name not in section


def test_agenda_lists_indicators_without_baseline_or_target(viewer_client, district_a):
    goal = ActionGoalFactory(district=district_a)
    IndicatorFactory(goal=goal, name="Ohne Zielwert", target_value=None)
    IndicatorFactory(goal=goal, name="Vollständig")
    page = viewer_client.get(agenda_url(district_a)).text
    section = page.split('id="incomplete-heading"', 1)[1].split("</section>", 1)[0]
    assert "Ohne Zielwert" in section
    assert "Vollständig" not in section


def test_staff_get_links_to_act_and_viewers_do_not(client, district_a, member):
    goal = ActionGoalFactory(district=district_a)
    add_url = reverse("goals:indicator_add", kwargs={"district": district_a.slug, "goal": goal.pk})
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    assert add_url in client.get(agenda_url(district_a)).text
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert add_url not in client.get(agenda_url(district_a)).text


def test_agenda_shows_only_the_own_district(viewer_client, district_a, district_b):
    ActionGoalFactory(district=district_b, title="Ziel in Lichtenberg")
    assert "Ziel in Lichtenberg" not in viewer_client.get(agenda_url(district_a)).text


def test_outsider_gets_404_for_the_agenda(client, district_a, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(agenda_url(district_a)).status_code == 404


def test_agenda_needs_no_query_per_row(viewer_client, district_a, django_assert_max_num_queries):
    for n in range(12):
        goal = ActionGoalFactory(district=district_a)
        if n % 2:
            indicator = IndicatorFactory(goal=goal, target_value=None)
            IndicatorValueFactory(indicator=indicator, measured_on=days_ago(500))
    with django_assert_max_num_queries(10):
        response = viewer_client.get(agenda_url(district_a))
    assert response.status_code == 200
