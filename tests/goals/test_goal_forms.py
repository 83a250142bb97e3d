from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from goals.models import ActionGoal, FieldOfAction, LifePhase, TargetGroup
from tests.factories import ActionGoalFactory, AreaFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


@pytest.fixture
def create_url(district_a):
    return reverse("goals:create", kwargs={"district": district_a.slug})


def goal_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Mehr Familien kennen den Kinderzuschlag",
        "description": "Viele Familien beantragen ihn nicht.",
        "kind": ActionGoal.Kind.ACTION,
        "fields_of_action": [FieldOfAction.objects.get(key="materielle-versorgung").pk],
    }
    data.update(overrides)
    return data


def test_staff_creates_a_goal_with_its_lists_as_a_draft(staff_client, create_url, district_a):
    impact = ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.IMPACT)
    area = AreaFactory(district=district_a)
    stakeholder = StakeholderFactory(district=district_a)
    fields = list(FieldOfAction.objects.filter(key__in=["teilhabe", "bildung"]))
    response = staff_client.post(
        create_url,
        goal_data(
            parent=impact.pk,
            fields_of_action=[f.pk for f in fields],
            target_groups=[TargetGroup.objects.get(key="single-parents").pk],
            life_phases=[LifePhase.objects.get(key="0-3").pk, LifePhase.objects.get(key="3-6").pk],
            areas=[area.pk],
            responsible=[stakeholder.pk],
            starts_on="2026-01-01",
            ends_on="2027-12-31",
        ),
    )
    goal = ActionGoal.objects.get(title="Mehr Familien kennen den Kinderzuschlag")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "goals:detail", kwargs={"district": district_a.slug, "goal": goal.pk}
    )
    assert goal.district == district_a
    assert goal.status == ActionGoal.Status.DRAFT
    assert goal.parent == impact
    assert set(goal.fields_of_action.all()) == set(fields)
    assert list(goal.target_groups.values_list("key", flat=True)) == ["single-parents"]
    assert set(goal.life_phases.values_list("key", flat=True)) == {"0-3", "3-6"}
    assert list(goal.areas.all()) == [area]
    assert list(goal.responsible.all()) == [stakeholder]


def test_a_goal_without_areas_covers_the_whole_district(staff_client, create_url):
    staff_client.post(create_url, goal_data())
    assert ActionGoal.objects.get().covers_whole_district


def test_a_status_in_the_post_is_ignored_and_the_goal_starts_as_draft(staff_client, create_url):
    staff_client.post(create_url, goal_data(status=ActionGoal.Status.ACHIEVED))
    assert ActionGoal.objects.get().status == ActionGoal.Status.DRAFT


def test_a_goal_needs_a_field_of_action(staff_client, create_url):
    response = staff_client.post(create_url, goal_data(fields_of_action=[]))
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.text
    assert ActionGoal.objects.count() == 0


def test_an_end_before_the_start_is_refused(staff_client, create_url):
    response = staff_client.post(
        create_url, goal_data(starts_on="2026-06-01", ends_on="2026-01-31")
    )
    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.text
    assert ActionGoal.objects.count() == 0


def test_a_parent_goal_of_another_district_is_refused(staff_client, create_url, district_b):
    foreign = ActionGoalFactory(district=district_b, kind=ActionGoal.Kind.IMPACT)
    response = staff_client.post(create_url, goal_data(parent=foreign.pk))
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen." in response.text
    assert ActionGoal.objects.count() == 1


def test_an_action_goal_cannot_be_chosen_as_parent(staff_client, create_url, district_a):
    action = ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.ACTION)
    response = staff_client.post(create_url, goal_data(parent=action.pk))
    assert "Bitte eine gültige Auswahl treffen." in response.text
    assert ActionGoal.objects.count() == 1


def test_an_impact_goal_cannot_belong_to_another_impact_goal(staff_client, create_url, district_a):
    impact = ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.IMPACT)
    response = staff_client.post(
        create_url, goal_data(kind=ActionGoal.Kind.IMPACT, parent=impact.pk)
    )
    assert response.status_code == 200
    assert "Nur ein Handlungsziel kann zu einem Wirkungsziel gehören." in response.text
    assert ActionGoal.objects.count() == 1


def test_an_area_of_another_district_is_refused(staff_client, create_url, district_b):
    foreign = AreaFactory(district=district_b)
    response = staff_client.post(create_url, goal_data(areas=[foreign.pk]))
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen." in response.text
    assert ActionGoal.objects.count() == 0


def test_a_stakeholder_of_another_district_is_refused(
    staff_client, create_url, district_a, district_b
):
    StakeholderFactory(district=district_a)
    foreign = StakeholderFactory(district=district_b)
    response = staff_client.post(create_url, goal_data(responsible=[foreign.pk]))
    assert "Bitte eine gültige Auswahl treffen." in response.text
    assert ActionGoal.objects.count() == 0


def test_a_goal_cannot_be_its_own_parent(staff_client, district_a):
    impact = ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.IMPACT, title="Alt")
    url = reverse("goals:edit", kwargs={"district": district_a.slug, "goal": impact.pk})
    response = staff_client.post(
        url, goal_data(title="Neu", kind=ActionGoal.Kind.ACTION, parent=impact.pk)
    )
    assert "Bitte eine gültige Auswahl treffen." in response.text
    impact.refresh_from_db()
    assert impact.title == "Alt"


def test_an_impact_goal_with_action_goals_cannot_become_an_action_goal(staff_client, district_a):
    impact = ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.IMPACT)
    ActionGoalFactory(district=district_a, parent=impact)
    url = reverse("goals:edit", kwargs={"district": district_a.slug, "goal": impact.pk})
    response = staff_client.post(url, goal_data(kind=ActionGoal.Kind.ACTION))
    assert "Handlungsziele gehören noch zu diesem Wirkungsziel" in response.text
    impact.refresh_from_db()
    assert impact.kind == ActionGoal.Kind.IMPACT


def test_the_form_offers_only_this_districts_impact_goals_areas_and_stakeholders(
    staff_client, create_url, district_a, district_b
):
    own_impact = ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.IMPACT)
    own_action = ActionGoalFactory(district=district_a, title="Eigenes Handlungsziel")
    foreign_impact = ActionGoalFactory(district=district_b, kind=ActionGoal.Kind.IMPACT)
    own_area = AreaFactory(district=district_a, name="Eigener Kiez")
    foreign_area = AreaFactory(district=district_b, name="Fremder Kiez")
    foreign_stakeholder = StakeholderFactory(district=district_b, name="Fremder Träger")

    page = staff_client.get(create_url).text

    assert own_impact.title in page
    assert own_action.title not in page
    assert foreign_impact.title not in page
    assert own_area.name in page
    assert foreign_area.name not in page
    assert foreign_stakeholder.name not in page
    assert 'type="date"' in page


def test_without_imported_areas_the_form_explains_the_whole_district(staff_client, create_url):
    page = staff_client.get(create_url).text
    assert "noch keine Planungsräume importiert" in page


def test_editing_keeps_the_status(staff_client, district_a):
    goal = ActionGoalFactory(district=district_a, status=ActionGoal.Status.IN_PROGRESS)
    url = reverse("goals:edit", kwargs={"district": district_a.slug, "goal": goal.pk})
    response = staff_client.post(url, goal_data(title="Neuer Titel"))
    goal.refresh_from_db()
    assert response.status_code == 302
    assert goal.title == "Neuer Titel"
    assert goal.status == ActionGoal.Status.IN_PROGRESS
