from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from districts.models import Membership
from goals.models import Resource
from tests.factories import ActionGoalFactory, ResourceFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def url(name: str, district, **kwargs: object) -> str:
    return reverse(f"goals:{name}", kwargs={"district": district.slug, **kwargs})


@pytest.fixture
def staff_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def resource_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": Resource.Kind.BUDGET,
        "description": "Honorare für Sprachmittlung",
        "amount": "12000",
        "year": "2026",
        "funding_source": "Bezirkshaushalt",
    }
    data.update(overrides)
    return data


def test_two_budgets_of_a_year_are_summed(staff_client, district_a):
    ResourceFactory(district=district_a, amount=10000, year=2026)
    ResourceFactory(district=district_a, amount=15000, year=2026)
    page = staff_client.get(url("resources", district_a)).text
    per_year = page.split('class="table table-sm align-middle resource-per-year"', 1)[1]
    row = per_year.split("2026", 1)[1].split("</tr>", 1)[0]
    assert "25.000 €" in row


def test_budgets_and_staff_hours_are_summed_per_goal_and_per_funding_source(
    staff_client, district_a
):
    goal = ActionGoalFactory(district=district_a, title="Sprachmittlung stärken")
    ResourceFactory(district=district_a, goal=goal, amount=10000, funding_source="Landesprogramm")
    ResourceFactory(district=district_a, goal=goal, amount=5000, funding_source="Landesprogramm")
    ResourceFactory(
        district=district_a, goal=goal, kind=Resource.Kind.STAFF_HOURS, amount=Decimal("19.5")
    )
    page = staff_client.get(url("resources", district_a)).text
    goal_row = page.split("resource-per-goal", 1)[1].split("Sprachmittlung stärken", 1)[1]
    goal_row = goal_row.split("</tr>", 1)[0]
    assert "15.000" in goal_row
    assert "19,5" in goal_row
    source_row = page.split("resource-per-source", 1)[1].split("Landesprogramm", 1)[1]
    assert "15.000" in source_row.split("</tr>", 1)[0]


def test_filters_narrow_the_list_and_the_totals(staff_client, district_a):
    ResourceFactory(district=district_a, description="Budget 2025", year=2025, amount=1000)
    ResourceFactory(district=district_a, description="Budget 2026", year=2026, amount=2000)
    ResourceFactory(
        district=district_a, description="Gemeinderaum", kind=Resource.Kind.ROOMS, amount=None
    )
    response = staff_client.get(url("resources", district_a), {"year": "2026"})
    assert "Budget 2026" in response.text
    assert "Budget 2025" not in response.text
    response = staff_client.get(url("resources", district_a), {"kind": "rooms"})
    assert "Gemeinderaum" in response.text
    assert "Budget 2026" not in response.text


def test_the_list_shows_only_the_own_district(staff_client, district_a, district_b):
    ResourceFactory(district=district_b, description="Lichtenberger Mittel")
    assert "Lichtenberger Mittel" not in staff_client.get(url("resources", district_a)).text


def test_the_resources_page_links_to_the_data_agenda(staff_client, district_a):
    assert url("data_agenda", district_a) in staff_client.get(url("resources", district_a)).text


def test_staff_adds_a_resource_to_a_goal(staff_client, district_a):
    goal = ActionGoalFactory(district=district_a)
    provider = StakeholderFactory(district=district_a)
    response = staff_client.post(
        url("resource_add", district_a), resource_data(goal=goal.pk, provider=provider.pk)
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert (resource.district, resource.goal, resource.provider) == (district_a, goal, provider)
    assert resource.amount == Decimal("12000")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "-5"}, "Dieser Wert muss größer oder gleich 0 sein."),
        ({"amount": ""}, "Bitte geben Sie den Betrag an."),
        ({"kind": Resource.Kind.STAFF_HOURS, "amount": ""}, "Bitte geben Sie den Betrag an."),
    ],
    ids=["negative-amount", "budget-without-amount", "staff-hours-without-amount"],
)
def test_bad_resource_input_is_refused_in_german_and_nothing_is_saved(
    staff_client, district_a, overrides, message
):
    response = staff_client.post(url("resource_add", district_a), resource_data(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert Resource.objects.count() == 0


def test_a_room_needs_no_amount(staff_client, district_a):
    response = staff_client.post(
        url("resource_add", district_a),
        resource_data(kind=Resource.Kind.ROOMS, amount="", description="Saal im Rathaus"),
    )
    assert response.status_code == 302
    assert Resource.objects.get().amount is None


@pytest.mark.parametrize("field", ["goal", "provider"])
def test_a_goal_or_provider_of_another_district_is_refused(
    staff_client, district_a, district_b, field
):
    foreign = {
        "goal": lambda: ActionGoalFactory(district=district_b),
        "provider": lambda: StakeholderFactory(district=district_b),
    }[field]()
    response = staff_client.post(
        url("resource_add", district_a), resource_data(**{field: foreign.pk})
    )
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.text
    assert Resource.objects.count() == 0


def test_staff_edits_and_deletes_a_resource(staff_client, district_a):
    resource = ResourceFactory(district=district_a)
    staff_client.post(
        url("resource_edit", district_a, resource=resource.pk), resource_data(amount="999")
    )
    resource.refresh_from_db()
    assert resource.amount == Decimal("999")
    staff_client.post(url("resource_delete", district_a, resource=resource.pk))
    assert Resource.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "list_status", "write_status"),
    [
        (Membership.Role.VIEWER, 200, 403),
        (Membership.Role.STAFF, 200, 200),
        (Membership.Role.COORDINATOR, 200, 200),
    ],
)
def test_role_matrix_for_resources(client, district_a, member, role, list_status, write_status):
    resource = ResourceFactory(district=district_a)
    client.force_login(member(district_a, role).user)
    assert client.get(url("resources", district_a)).status_code == list_status
    for name, kwargs in [
        ("resource_add", {}),
        ("resource_edit", {"resource": resource.pk}),
        ("resource_delete", {"resource": resource.pk}),
    ]:
        assert client.get(url(name, district_a, **kwargs)).status_code == write_status, name


def test_viewers_cannot_post_resources(client, district_a, member):
    resource = ResourceFactory(district=district_a)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert client.post(url("resource_add", district_a), resource_data()).status_code == 403
    assert client.post(url("resource_delete", district_a, resource=resource.pk)).status_code == 403
    assert Resource.objects.count() == 1


def test_outsider_gets_404_for_resources(client, district_a, district_b, member):
    resource = ResourceFactory(district=district_a)
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(url("resources", district_a)).status_code == 404
    assert client.get(url("resource_edit", district_a, resource=resource.pk)).status_code == 404


def test_a_resource_of_another_district_is_404_under_the_own_address(
    staff_client, district_a, district_b
):
    foreign = ResourceFactory(district=district_b)
    assert (
        staff_client.get(url("resource_edit", district_a, resource=foreign.pk)).status_code == 404
    )


def test_resources_page_needs_no_query_per_row(
    staff_client, district_a, django_assert_max_num_queries
):
    for n in range(15):
        ResourceFactory(
            district=district_a,
            goal=ActionGoalFactory(district=district_a),
            provider=StakeholderFactory(district=district_a),
            year=2024 + n % 3,
            funding_source=f"Quelle {n % 4}",
        )
    with django_assert_max_num_queries(14):
        response = staff_client.get(url("resources", district_a))
    assert response.status_code == 200
