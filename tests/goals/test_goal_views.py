from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Membership, Sector
from goals.models import ActionGoal, FieldOfAction, Indicator, LifePhase, TargetGroup
from tests.factories import (
    ActionGoalFactory,
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ResourceFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, district, **kwargs: object) -> str:
    return reverse(f"goals:{name}", kwargs={"district": district.slug, **kwargs})


@pytest.fixture
def goal(district_a):
    return ActionGoalFactory(district=district_a, title="Familien kennen das Familienzentrum")


@pytest.fixture
def login(client, member):
    def as_role(district, role=Membership.Role.STAFF):
        client.force_login(member(district, role).user)
        return client

    return as_role


# --- who may do what -----------------------------------------------------------------------

READ_PAGES = ["list", "detail", "history"]
WRITE_PAGES = ["create", "edit", "delete"]


def _page_url(name: str, district, goal) -> str:
    return url(name, district) if name in {"list", "create"} else url(name, district, goal=goal.pk)


@pytest.mark.parametrize("name", READ_PAGES)
@pytest.mark.parametrize("role", list(Membership.Role))
def test_every_member_reads_the_goal_pages(login, district_a, goal, name, role):
    assert login(district_a, role).get(_page_url(name, district_a, goal)).status_code == 200


@pytest.mark.parametrize("name", [*WRITE_PAGES, "status"])
def test_viewers_may_not_change_goals(login, district_a, goal, name):
    client = login(district_a, Membership.Role.VIEWER)
    page = _page_url(name, district_a, goal)
    assert client.get(page).status_code == 403
    assert client.post(page, {"title": "Geändert", "to": "agreed"}).status_code == 403
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Familien kennen das Familienzentrum", "draft")


@pytest.mark.parametrize("role", [Membership.Role.STAFF, Membership.Role.COORDINATOR])
@pytest.mark.parametrize("name", WRITE_PAGES)
def test_staff_and_coordinators_open_the_write_pages(login, district_a, goal, name, role):
    assert login(district_a, role).get(_page_url(name, district_a, goal)).status_code == 200


@pytest.mark.parametrize("name", [*READ_PAGES, *WRITE_PAGES])
def test_outsiders_get_404_for_another_districts_goal_pages(login, district_a, district_b, name):
    foreign = ActionGoalFactory(district=district_b)
    client = login(district_a, Membership.Role.COORDINATOR)
    assert client.get(_page_url(name, district_b, foreign)).status_code == 404


@pytest.mark.parametrize("name", ["detail", "edit", "delete", "history"])
def test_another_districts_goal_under_the_own_address_is_404(login, district_a, district_b, name):
    foreign = ActionGoalFactory(district=district_b)
    client = login(district_a, Membership.Role.COORDINATOR)
    assert client.get(url(name, district_a, goal=foreign.pk)).status_code == 404


def test_the_navigation_links_the_goals(login, district_a, goal):
    page = login(district_a).get(url("list", district_a)).text
    assert f'href="{url("list", district_a)}">Ziele</a>' in page
    assert 'aria-current="page" href="' + url("list", district_a) in page


def test_viewers_see_no_edit_buttons(login, district_a, goal):
    page = (
        login(district_a, Membership.Role.VIEWER).get(url("detail", district_a, goal=goal.pk)).text
    )
    assert url("edit", district_a, goal=goal.pk) not in page
    assert url("status", district_a, goal=goal.pk) not in page


# --- the list ------------------------------------------------------------------------------


def test_the_list_groups_by_field_with_action_goals_under_their_impact_goal(login, district_a):
    teilhabe = FieldOfAction.objects.get(key="teilhabe")
    bildung = FieldOfAction.objects.get(key="bildung")
    impact = ActionGoalFactory(
        district=district_a,
        kind=ActionGoal.Kind.IMPACT,
        title="Kinder nehmen am Leben im Kiez teil",
        fields_of_action=[teilhabe],
    )
    ActionGoalFactory(
        district=district_a,
        parent=impact,
        title="Ferienangebote sind kostenfrei",
        fields_of_action=[teilhabe, bildung],
    )
    response = login(district_a).get(url("list", district_a))
    groups = {group.field.key: group for group in response.context["groups"]}

    assert set(groups) == {"teilhabe", "bildung"}
    [node] = groups["teilhabe"].nodes
    assert node.goal == impact
    assert [c.title for c in node.children] == ["Ferienangebote sind kostenfrei"]
    # Under Bildung the impact goal is absent, so the action goal stands alone and names it.
    assert [n.goal.title for n in groups["bildung"].nodes] == ["Ferienangebote sind kostenfrei"]
    assert "Teil des Wirkungsziels" in response.text


def test_the_list_shows_a_goals_details_and_indicator_states_in_words(login, district_a):
    area = AreaFactory(district=district_a, name="Kiez am Lietzensee")
    stakeholder = StakeholderFactory(district=district_a, name="Familienzentrum Mitte")
    goal = ActionGoalFactory(district=district_a, title="Elterncafés erreichen Alleinerziehende")
    goal.target_groups.set([TargetGroup.objects.get(key="single-parents")])
    goal.life_phases.set([LifePhase.objects.get(key="0-3")])
    goal.areas.set([area])
    goal.responsible.set([stakeholder])
    on_track = IndicatorFactory(goal=goal)
    IndicatorValueFactory(indicator=on_track, measured_on=datetime.date(2025, 6, 30), value=35)
    IndicatorFactory(goal=goal)
    ActionGoalFactory(district=district_a, title="Ohne Gebiet")

    page = login(district_a).get(url("list", district_a)).text

    assert "Alleinerziehende" in page
    assert "0–3 Jahre" in page
    assert "Kiez am Lietzensee" in page
    assert "Familienzentrum Mitte" in page
    assert "Ganzer Bezirk" in page
    assert "Auf Kurs: 1" in page
    assert "Keine Daten: 1" in page
    assert "Entwurf" in page


def _titles(response) -> set[str]:
    return {g.title for g in response.context["goals"]}


def test_filters_narrow_the_list(login, district_a):
    young = ActionGoalFactory(
        district=district_a, title="Junge Eltern", status=ActionGoal.Status.AGREED
    )
    young.target_groups.set([TargetGroup.objects.get(key="young-parents")])
    young.life_phases.set([LifePhase.objects.get(key="pregnancy")])
    school = ActionGoalFactory(
        district=district_a,
        title="Schulsozialarbeit",
        kind=ActionGoal.Kind.IMPACT,
        fields_of_action=[FieldOfAction.objects.get(key="bildung")],
        description="Mehr Beratung an Grundschulen",
    )
    school.responsible.set(
        [StakeholderFactory(district=district_a, sector=Sector.objects.get(key="education"))]
    )
    client = login(district_a)
    list_url = url("list", district_a)

    assert _titles(client.get(list_url)) == {"Junge Eltern", "Schulsozialarbeit"}
    assert _titles(client.get(list_url, {"status": "agreed"})) == {"Junge Eltern"}
    assert _titles(client.get(list_url, {"kind": "impact"})) == {"Schulsozialarbeit"}
    assert _titles(
        client.get(list_url, {"target_group": TargetGroup.objects.get(key="young-parents").pk})
    ) == {"Junge Eltern"}
    assert _titles(
        client.get(list_url, {"life_phase": LifePhase.objects.get(key="pregnancy").pk})
    ) == {"Junge Eltern"}
    assert _titles(
        client.get(list_url, {"field": FieldOfAction.objects.get(key="bildung").pk})
    ) == {"Schulsozialarbeit"}
    assert _titles(client.get(list_url, {"sector": Sector.objects.get(key="education").pk})) == {
        "Schulsozialarbeit"
    }
    assert _titles(client.get(list_url, {"q": "grundschulen"})) == {"Schulsozialarbeit"}


def test_the_area_filter_finds_goals_for_the_area_and_for_the_region_it_lies_in(login, district_a):
    region = AreaFactory(district=district_a, code="041001", name="Region")
    planning_area = AreaFactory(
        district=district_a,
        code="04100101",
        name="Planungsraum",
        level="planungsraum",
        parent=region,
    )
    other = AreaFactory(district=district_a, code="041002", name="Andere Region")
    for title, area in [("Region", region), ("Planungsraum", planning_area), ("Anders", other)]:
        ActionGoalFactory(district=district_a, title=title).areas.set([area])
    ActionGoalFactory(district=district_a, title="Ganzer Bezirk")
    client = login(district_a)

    assert _titles(client.get(url("list", district_a), {"area": planning_area.pk})) == {
        "Region",
        "Planungsraum",
    }
    assert _titles(client.get(url("list", district_a), {"area": region.pk})) == {
        "Region",
        "Planungsraum",
    }


def test_an_unknown_filter_value_is_ignored(login, district_a, goal):
    response = login(district_a).get(url("list", district_a), {"status": "erfunden"})
    assert response.status_code == 200
    assert _titles(response) == {goal.title}


def test_the_list_shows_only_the_own_districts_goals(login, district_a, district_b, goal):
    ActionGoalFactory(district=district_b, title="Ziel in Lichtenberg")
    assert _titles(login(district_a).get(url("list", district_a))) == {goal.title}


def _full_goal(district, n: int) -> ActionGoal:
    impact = ActionGoalFactory(district=district, kind=ActionGoal.Kind.IMPACT)
    goal = ActionGoalFactory(district=district, parent=impact)
    for g in (impact, goal):
        g.target_groups.set(TargetGroup.objects.all()[:2])
        g.life_phases.set(LifePhase.objects.all()[:2])
        g.areas.set([AreaFactory(district=district)])
        g.responsible.set([StakeholderFactory(district=district)])
        IndicatorValueFactory(indicator=IndicatorFactory(goal=g))
        IndicatorFactory(goal=g)
    return goal


def test_the_list_needs_no_query_per_goal(login, district_a, django_assert_max_num_queries):
    client = login(district_a)
    _full_goal(district_a, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(url("list", district_a))
    for n in range(7):
        _full_goal(district_a, n)
    assert ActionGoal.objects.count() == 16
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("list", district_a))
    assert len(response.context["goals"]) == 16


# --- detail, delete, history ---------------------------------------------------------------


def test_the_detail_shows_indicators_with_state_resources_and_action_goals(login, district_a):
    impact = ActionGoalFactory(district=district_a, kind=ActionGoal.Kind.IMPACT)
    ActionGoalFactory(district=district_a, parent=impact, title="Babylotsen in allen Kliniken")
    indicator = IndicatorFactory(goal=impact, name="Anteil erreichter Familien", direction="higher")
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2025, 6, 30), value=5)
    ResourceFactory(district=district_a, goal=impact, description="Honorare für Sprachmittlung")

    page = login(district_a).get(url("detail", district_a, goal=impact.pk)).text

    assert "Anteil erreichter Familien" in page
    assert "Nicht auf Kurs" in page
    assert "Babylotsen in allen Kliniken" in page
    assert "Honorare für Sprachmittlung" in page
    assert url("history", district_a, goal=impact.pk) in page


def test_the_detail_offers_only_the_allowed_next_statuses(login, district_a, goal):
    page = login(district_a).get(url("detail", district_a, goal=goal.pk)).text
    assert 'value="agreed"' in page
    assert 'value="dropped"' in page
    assert 'value="achieved"' not in page


def test_delete_confirmation_says_what_goes_with_the_goal(login, district_a, goal):
    indicator = IndicatorFactory(goal=goal)
    IndicatorValueFactory(indicator=indicator)
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2025, 12, 31))
    page = login(district_a).get(url("delete", district_a, goal=goal.pk)).text
    assert "1 Indikator wird gelöscht" in page
    assert "mit 2 Messwerten" in page


def test_staff_delete_a_goal_with_its_indicators(login, district_a, goal):
    IndicatorValueFactory(indicator=IndicatorFactory(goal=goal))
    response = login(district_a).post(url("delete", district_a, goal=goal.pk))
    assert response.status_code == 302
    assert not ActionGoal.objects.filter(pk=goal.pk).exists()
    assert Indicator.objects.count() == 0


def test_the_history_shows_a_changed_title_old_and_new_and_who(login, client, district_a, goal):
    staff = login(district_a)
    data = {
        "title": "Familien nutzen das Familienzentrum",
        "kind": "action",
        "fields_of_action": [FieldOfAction.objects.get(key="teilhabe").pk],
    }
    staff.post(url("edit", district_a, goal=goal.pk), data)
    user = ActionGoal.history.filter(id=goal.pk).latest("history_date").history_user

    page = staff.get(url("history", district_a, goal=goal.pk)).text

    assert "Titel" in page
    assert ">Familien kennen das Familienzentrum</del>" in page
    assert ">Familien nutzen das Familienzentrum</ins>" in page
    assert user.get_full_name() in page


def test_the_history_names_changed_list_entries(login, district_a, goal):
    goal.target_groups.set([TargetGroup.objects.get(key="single-parents")])
    page = login(district_a).get(url("history", district_a, goal=goal.pk)).text
    assert "Zielgruppen" in page
    assert ">Alleinerziehende</ins>" in page


def test_the_history_shows_status_changes_in_words(login, member, district_a, goal):
    goal.change_status("agreed", by=member(district_a).user)
    page = login(district_a).get(url("history", district_a, goal=goal.pk)).text
    assert '<del class="text-muted">Entwurf</del>' in page
    assert ">Vereinbart</ins>" in page


def test_the_history_needs_no_query_per_record(
    login, district_a, goal, django_assert_max_num_queries
):
    client = login(district_a)
    history_url = url("history", district_a, goal=goal.pk)
    goal.target_groups.set([TargetGroup.objects.get(key="single-parents")])
    goal.life_phases.set([LifePhase.objects.get(key="0-3")])
    with CaptureQueriesContext(connection) as few:
        client.get(history_url)
    for n, phase in enumerate(LifePhase.objects.all()):
        goal.title = f"Titel {n}"
        goal.save()
        goal.life_phases.add(phase)
    assert goal.history.count() > 12
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(history_url)


def test_the_detail_page_draws_the_curve_of_each_indicator_with_values(login, district_a, goal):
    measured = IndicatorFactory(goal=goal, name="Anteil mit Beratung")
    IndicatorValueFactory(indicator=measured, value=31.5)
    IndicatorFactory(goal=goal, name="Noch ohne Werte")
    client = login(district_a, Membership.Role.VIEWER)

    page = client.get(url("detail", district_a, goal=goal.pk)).text

    assert f'data-plotly-figure="indicator-chart-{measured.pk}"' in page
    assert page.count("data-plotly-figure=") == 1
    assert "plotly-basic.min.js" in page
    assert "31,5" in page
