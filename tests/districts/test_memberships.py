from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from districts.models import District, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def members_url(district: District, name: str = "members", **kwargs: object) -> str:
    return reverse(f"districts:{name}", kwargs={"district": district.slug, **kwargs})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.COORDINATOR, 200),
        (Membership.Role.STAFF, 403),
        (Membership.Role.VIEWER, 403),
    ],
)
def test_only_coordinators_see_the_member_list(client, district_a, member, role, status):
    client.force_login(member(district_a, role).user)
    assert client.get(members_url(district_a)).status_code == status


def test_coordinator_invites_a_new_person_who_gets_a_link_to_set_a_password(client, coordinator_a):
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_add"),
        {
            "email": "Neu@Jugendamt.example",
            "first_name": "Nora",
            "last_name": "Neu",
            "role": "staff",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="neu@jugendamt.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Membership.Role.STAFF
    assert len(mail.outbox) == 1
    assert "Charlottenburg-Wilmersdorf" in mail.outbox[0].subject
    assert re.search(r"http://testserver/accounts/reset/\S+/\S+/", mail.outbox[0].body)


def test_an_existing_account_is_added_without_a_second_account(client, coordinator_a, district_b):
    existing = Membership.objects.create(
        user=UserFactory(email="kim@example.org"), district=district_b
    )
    client.force_login(coordinator_a.user)
    client.post(
        members_url(coordinator_a.district, "member_add"),
        {"email": "kim@example.org", "role": "viewer"},
    )
    assert get_user_model().objects.filter(email="kim@example.org").count() == 1
    assert set(existing.user.memberships.values_list("district__number", flat=True)) == {"04", "11"}


def test_inviting_a_member_twice_is_refused_with_a_message(client, coordinator_a, member):
    colleague = member(coordinator_a.district)
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_add"),
        {"email": colleague.user.email, "role": "staff"},
    )
    assert response.status_code == 200
    assert "bereits Mitglied" in response.text
    assert Membership.objects.filter(user=colleague.user).count() == 1


def test_coordinator_changes_a_role(client, coordinator_a, member):
    colleague = member(coordinator_a.district, Membership.Role.VIEWER)
    client.force_login(coordinator_a.user)
    client.post(
        members_url(coordinator_a.district, "member_edit", membership=colleague.pk),
        {"role": "staff"},
    )
    colleague.refresh_from_db()
    assert colleague.role == Membership.Role.STAFF


def test_the_last_coordinator_cannot_step_down(client, coordinator_a):
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_edit", membership=coordinator_a.pk),
        {"role": "staff"},
    )
    assert response.status_code == 200
    assert "mindestens eine Koordinator*in" in response.text
    coordinator_a.refresh_from_db()
    assert coordinator_a.role == Membership.Role.COORDINATOR


def test_the_last_coordinator_cannot_be_removed(client, coordinator_a):
    client.force_login(coordinator_a.user)
    client.post(members_url(coordinator_a.district, "member_delete", membership=coordinator_a.pk))
    assert Membership.objects.filter(pk=coordinator_a.pk).exists()


def test_coordinator_removes_a_member_but_not_the_account(client, coordinator_a, member):
    colleague = member(coordinator_a.district)
    client.force_login(coordinator_a.user)
    client.post(members_url(coordinator_a.district, "member_delete", membership=colleague.pk))
    assert not Membership.objects.filter(pk=colleague.pk).exists()
    assert get_user_model().objects.filter(pk=colleague.user.pk).exists()


def test_member_list_needs_a_fixed_number_of_queries(
    client, coordinator_a, member, django_assert_max_num_queries
):
    for _ in range(10):
        member(coordinator_a.district)
    client.force_login(coordinator_a.user)
    with django_assert_max_num_queries(8):
        assert client.get(members_url(coordinator_a.district)).status_code == 200
