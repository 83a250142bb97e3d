from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from districts.models import District, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_berlin_has_twelve_districts_with_two_digit_numbers():
    numbers = list(District.objects.values_list("number", flat=True))
    assert numbers == [f"{n:02d}" for n in range(1, 13)]
    assert District.objects.get(number="08").name == "Neukölln"


def test_a_user_sees_only_the_districts_they_belong_to(district_a, district_b, member):
    membership = member(district_a)
    assert list(District.objects.for_user(membership.user)) == [district_a]


def test_anonymous_and_inactive_users_see_no_district(district_a, member):
    membership = member(district_a)
    membership.user.is_active = False
    membership.user.save()
    assert not District.objects.for_user(AnonymousUser()).exists()
    assert not District.objects.for_user(membership.user).exists()


def test_superusers_administer_every_district():
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert District.objects.for_user(admin).count() == 12


def test_roles_are_ordered(district_a, member):
    staff = member(district_a, Membership.Role.STAFF).user
    assert district_a.has_role(staff, Membership.Role.VIEWER)
    assert district_a.has_role(staff, Membership.Role.STAFF)
    assert not district_a.has_role(staff, Membership.Role.COORDINATOR)


def test_a_person_can_have_different_roles_in_two_districts(district_a, district_b):
    user = UserFactory()
    Membership.objects.create(user=user, district=district_a, role=Membership.Role.COORDINATOR)
    Membership.objects.create(user=user, district=district_b, role=Membership.Role.VIEWER)
    assert district_a.role_of(user) == Membership.Role.COORDINATOR
    assert district_b.role_of(user) == Membership.Role.VIEWER
