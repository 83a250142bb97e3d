from __future__ import annotations

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from districts.forms import MembershipInviteForm
from districts.invitations import membership_invite
from districts.models import District, Membership, Stakeholder
from tests.factories import StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db


def members_url(district: District, name: str = "members", **kwargs: object) -> str:
    return reverse(f"districts:{name}", kwargs={"district": district.slug, **kwargs})


@pytest.fixture
def organisation(district_a: District) -> Stakeholder:
    return StakeholderFactory(district=district_a, name="Familienzentrum Westend")


@pytest.fixture
def foreign_organisation(district_b: District) -> Stakeholder:
    return StakeholderFactory(district=district_b, name="Stadtteilzentrum Lichtenberg")


def test_coordinator_makes_a_member_provider_for_an_organisation(
    client, coordinator_a, member, organisation
):
    colleague = member(coordinator_a.district, Membership.Role.VIEWER)
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_edit", membership=colleague.pk),
        {"role": "provider", "stakeholder": organisation.pk, "publishes_directly": "on"},
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.role == Membership.Role.PROVIDER
    assert colleague.stakeholder == organisation
    assert colleague.publishes_directly is True


def test_a_provider_without_organisation_is_refused_in_german(client, coordinator_a, member):
    colleague = member(coordinator_a.district, Membership.Role.VIEWER)
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_edit", membership=colleague.pk),
        {"role": "provider"},
    )
    assert response.status_code == 200
    assert "Bitte wählen Sie die Organisation" in response.text
    colleague.refresh_from_db()
    assert colleague.role == Membership.Role.VIEWER


def test_inviting_a_provider_without_organisation_is_refused(client, coordinator_a):
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_add"),
        {"email": "traeger@example.org", "role": "provider"},
    )
    assert response.status_code == 200
    assert "Bitte wählen Sie die Organisation" in response.text
    assert not Membership.objects.filter(user__email="traeger@example.org").exists()
    assert mail.outbox == []


def test_an_organisation_of_another_district_is_rejected(
    client, coordinator_a, member, foreign_organisation
):
    colleague = member(coordinator_a.district, Membership.Role.VIEWER)
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_edit", membership=colleague.pk),
        {"role": "provider", "stakeholder": foreign_organisation.pk},
    )
    assert response.status_code == 200
    colleague.refresh_from_db()
    assert colleague.role == Membership.Role.VIEWER
    assert colleague.stakeholder is None


def test_an_invitation_with_an_organisation_of_another_district_is_rejected(
    client, coordinator_a, foreign_organisation
):
    client.force_login(coordinator_a.user)
    response = client.post(
        members_url(coordinator_a.district, "member_add"),
        {
            "email": "traeger@example.org",
            "role": "provider",
            "stakeholder": foreign_organisation.pk,
        },
    )
    assert response.status_code == 200
    assert "stakeholder" in response.context["form"].errors
    assert not Membership.objects.filter(user__email="traeger@example.org").exists()


def test_changing_the_role_away_from_provider_clears_the_organisation(
    client, coordinator_a, organisation
):
    provider = Membership.objects.create(
        user=UserFactory(),
        district=coordinator_a.district,
        role=Membership.Role.PROVIDER,
        stakeholder=organisation,
        publishes_directly=True,
    )
    client.force_login(coordinator_a.user)
    client.post(
        members_url(coordinator_a.district, "member_edit", membership=provider.pk),
        {"role": "staff", "stakeholder": organisation.pk, "publishes_directly": "on"},
    )
    provider.refresh_from_db()
    assert provider.role == Membership.Role.STAFF
    assert provider.stakeholder is None
    assert provider.publishes_directly is False


def test_the_invite_form_hands_the_organisation_of_a_provider_on(coordinator_a, organisation):
    form = MembershipInviteForm(
        {"email": "traeger@example.org", "role": "provider", "stakeholder": organisation.pk},
        district=coordinator_a.district,
    )
    assert form.is_valid(), form.errors
    assert form.provider_options() == {"stakeholder": organisation, "publishes_directly": False}


def test_the_invite_form_drops_the_organisation_for_other_roles(coordinator_a, organisation):
    form = MembershipInviteForm(
        {
            "email": "kollegin@example.org",
            "role": "staff",
            "stakeholder": organisation.pk,
            "publishes_directly": "on",
        },
        district=coordinator_a.district,
    )
    assert form.is_valid(), form.errors
    assert form.provider_options() == {"stakeholder": None, "publishes_directly": False}


def test_an_invited_provider_is_linked_to_the_organisation(coordinator_a, organisation):
    request = RequestFactory().post("/")
    request.user = coordinator_a.user
    membership = membership_invite(
        district=coordinator_a.district,
        email="traeger@example.org",
        role=Membership.Role.PROVIDER,
        request=request,
        stakeholder=organisation,
        publishes_directly=True,
    )
    assert membership.stakeholder == organisation
    assert membership.publishes_directly is True
    assert len(mail.outbox) == 1


def test_the_invitation_refuses_an_organisation_of_another_district(
    coordinator_a, foreign_organisation
):
    request = RequestFactory().post("/")
    request.user = coordinator_a.user
    with pytest.raises(ValueError, match="another district"):
        membership_invite(
            district=coordinator_a.district,
            email="traeger@example.org",
            role=Membership.Role.PROVIDER,
            request=request,
            stakeholder=foreign_organisation,
        )
    assert not Membership.objects.filter(user__email="traeger@example.org").exists()


def test_the_member_list_shows_the_organisation_and_whether_they_publish_directly(
    client, coordinator_a, organisation, member
):
    provider = member(coordinator_a.district, Membership.Role.PROVIDER)
    provider.stakeholder = organisation
    provider.save()
    client.force_login(coordinator_a.user)
    response = client.get(members_url(coordinator_a.district))
    assert "Familienzentrum Westend" in response.text
    assert "Änderungen werden geprüft" in response.text
