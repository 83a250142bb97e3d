from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from goals.models import ActionGoal, GoalStatusChange
from tests.factories import ActionGoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(district_a):
    return ActionGoalFactory(district=district_a)


@pytest.fixture
def staff(district_a, member):
    return member(district_a, Membership.Role.STAFF)


def status_url(goal: ActionGoal) -> str:
    return reverse("goals:status", kwargs={"district": goal.district.slug, "goal": goal.pk})


def test_staff_agree_on_a_draft_and_the_change_is_logged_with_who_and_note(client, goal, staff):
    client.force_login(staff.user)
    response = client.post(
        status_url(goal), {"to": "agreed", "current": "draft", "note": "Steuerungsrunde 3/2026"}
    )
    goal.refresh_from_db()
    change = GoalStatusChange.objects.get()
    assert response.status_code == 302
    assert goal.status == ActionGoal.Status.AGREED
    assert (change.from_status, change.to_status) == ("draft", "agreed")
    assert change.by == staff.user
    assert change.note == "Steuerungsrunde 3/2026"


def test_the_status_log_is_shown_on_the_goal_page(client, goal, staff):
    client.force_login(staff.user)
    page = client.post(status_url(goal), {"to": "agreed", "current": "draft"}, follow=True).text
    assert "Der Status ist jetzt „Vereinbart“." in page
    assert "Statusprotokoll" in page
    assert staff.user.get_full_name() in page


def test_a_transition_the_workflow_forbids_is_a_bad_request_and_nothing_changes(
    client, goal, staff
):
    client.force_login(staff.user)
    response = client.post(status_url(goal), {"to": "achieved", "current": "draft"})
    goal.refresh_from_db()
    assert response.status_code == 400
    assert "nicht möglich" in response.content.decode()
    assert goal.status == ActionGoal.Status.DRAFT
    assert GoalStatusChange.objects.count() == 0


def test_an_unknown_status_is_a_bad_request(client, goal, staff):
    client.force_login(staff.user)
    assert client.post(status_url(goal), {"to": "erfunden", "current": "draft"}).status_code == 400


def test_a_page_loaded_before_someone_else_changed_the_status_gets_a_message(client, goal, staff):
    goal.change_status("agreed", by=staff.user)
    client.force_login(staff.user)
    response = client.post(status_url(goal), {"to": "dropped", "current": "draft"}, follow=True)
    goal.refresh_from_db()
    assert goal.status == ActionGoal.Status.AGREED
    assert "inzwischen geändert" in response.text
    assert GoalStatusChange.objects.count() == 1


def test_the_workflow_runs_from_draft_to_achieved(client, goal, staff):
    client.force_login(staff.user)
    for current, to in [
        ("draft", "agreed"),
        ("agreed", "in_progress"),
        ("in_progress", "achieved"),
    ]:
        assert client.post(status_url(goal), {"to": to, "current": current}).status_code == 302
    goal.refresh_from_db()
    assert goal.status == ActionGoal.Status.ACHIEVED
    assert GoalStatusChange.objects.filter(goal=goal).count() == 3


def test_status_changes_only_by_post(client, goal, staff):
    client.force_login(staff.user)
    assert client.get(status_url(goal)).status_code == 405


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("coordinator", 302)])
def test_role_matrix_for_status_changes(client, goal, member, role, status):
    client.force_login(member(goal.district, role).user)
    assert client.post(status_url(goal), {"to": "agreed", "current": "draft"}).status_code == status


def test_outsiders_cannot_change_the_status_of_another_districts_goal(
    client, district_b, member, goal
):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.post(status_url(goal), {"to": "agreed", "current": "draft"}).status_code == 404
    other_address = reverse("goals:status", kwargs={"district": district_b.slug, "goal": goal.pk})
    assert client.post(other_address, {"to": "agreed", "current": "draft"}).status_code == 404
    goal.refresh_from_db()
    assert goal.status == ActionGoal.Status.DRAFT


def test_the_log_survives_a_deleted_account(client, goal, staff, member):
    goal.change_status("agreed", by=staff.user)
    GoalStatusChange.objects.update(by=None)
    client.force_login(member(goal.district).user)
    page = client.get(
        reverse("goals:detail", kwargs={"district": goal.district.slug, "goal": goal.pk})
    ).text
    assert "unbekannt" in page
