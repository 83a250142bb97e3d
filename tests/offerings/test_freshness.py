from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import District, Membership, Stakeholder
from offerings.models import Offering
from tests.factories import MembershipFactory, OfferingFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


def url(name: str, district: District, **kwargs: object) -> str:
    return reverse(f"offerings:{name}", kwargs={"district": district.slug, **kwargs})


@pytest.fixture
def organisation(district_a: District) -> Stakeholder:
    return StakeholderFactory(
        district=district_a,
        name="Familienzentrum Westend",
        contact_person="Frau Yıldız",
        email="kontakt@fz-westend.example",
    )


@pytest.fixture
def provider(district_a: District, organisation: Stakeholder) -> Membership:
    return MembershipFactory(
        district=district_a, role=Membership.Role.PROVIDER, stakeholder=organisation
    )


@pytest.fixture
def own_offering(district_a: District, organisation: Stakeholder) -> Offering:
    return OfferingFactory(
        district=district_a, provider=organisation, name="Elterncafé", last_confirmed_on=LONG_AGO
    )


@pytest.fixture
def other_offering(district_a: District) -> Offering:
    return OfferingFactory(district=district_a, name="Sprachkurs", last_confirmed_on=LONG_AGO)


def confirm(client, offering: Offering, **data: str):
    return client.post(url("offering_confirm", offering.district, offering=offering.pk), data)


# --- Confirming -----------------------------------------------------------------------------


def test_a_provider_confirms_its_own_offering_with_one_click(client, provider, own_offering):
    client.force_login(provider.user)
    response = confirm(client, own_offering)
    assert response.status_code == 302
    own_offering.refresh_from_db()
    assert own_offering.last_confirmed_on == timezone.localdate()
    assert not own_offering.is_stale()


def test_a_provider_cannot_confirm_another_organisations_offering(client, provider, other_offering):
    client.force_login(provider.user)
    assert confirm(client, other_offering).status_code == 403
    other_offering.refresh_from_db()
    assert other_offering.last_confirmed_on == LONG_AGO


def test_a_viewer_cannot_confirm(client, district_a, member, own_offering):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert confirm(client, own_offering).status_code == 403
    own_offering.refresh_from_db()
    assert own_offering.last_confirmed_on == LONG_AGO


@pytest.mark.parametrize("role", [Membership.Role.STAFF, Membership.Role.COORDINATOR])
def test_staff_and_coordinators_confirm_any_offering(
    client, district_a, member, other_offering, role
):
    client.force_login(member(district_a, role).user)
    assert confirm(client, other_offering).status_code == 302
    other_offering.refresh_from_db()
    assert other_offering.last_confirmed_on == timezone.localdate()


def test_outsiders_get_404_when_confirming(client, district_b, member, own_offering):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert confirm(client, own_offering).status_code == 404
    foreign = url("offering_confirm", district_b, offering=own_offering.pk)
    assert client.post(foreign).status_code == 404
    own_offering.refresh_from_db()
    assert own_offering.last_confirmed_on == LONG_AGO


def test_confirming_answers_only_post(client, district_a, member, own_offering):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    response = client.get(url("offering_confirm", district_a, offering=own_offering.pk))
    assert response.status_code == 405
    own_offering.refresh_from_db()
    assert own_offering.last_confirmed_on == LONG_AGO


def test_confirming_returns_to_a_local_next_page(client, provider, own_offering):
    client.force_login(provider.user)
    back = url("catalogue", own_offering.district) + "?seite=2"
    response = confirm(client, own_offering, next=back)
    assert response["Location"] == back


def test_confirming_ignores_a_next_page_on_another_host(client, provider, own_offering):
    client.force_login(provider.user)
    response = confirm(client, own_offering, next="https://evil.example/")
    assert "evil.example" not in response["Location"]
    assert response["Location"].startswith(f"/d/{own_offering.district.slug}/angebote/")


def test_confirming_says_thank_you_in_german(client, provider, own_offering):
    client.force_login(provider.user)
    response = client.post(
        url("offering_confirm", own_offering.district, offering=own_offering.pk),
        {"next": url("catalogue", own_offering.district)},
        follow=True,
    )
    assert "Elterncafé" in response.text
    assert "unverändert" in response.text


# --- The list of stale offerings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.COORDINATOR, 200),
        (Membership.Role.STAFF, 200),
        (Membership.Role.PROVIDER, 403),
        (Membership.Role.VIEWER, 403),
    ],
)
def test_coordinators_and_staff_see_the_stale_list(client, district_a, member, role, status):
    client.force_login(member(district_a, role).user)
    assert client.get(url("stale", district_a)).status_code == status


def test_outsiders_get_404_for_the_stale_list(client, district_a, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(url("stale", district_a)).status_code == 404


def test_the_stale_list_groups_by_provider_with_contact_and_a_confirm_button(
    client, coordinator_a, provider, own_offering, other_offering
):
    client.force_login(coordinator_a.user)
    response = client.get(url("stale", coordinator_a.district))
    groups = response.context["groups"]
    assert [g.provider for g in groups] == sorted(
        [own_offering.provider, other_offering.provider], key=lambda p: p.name
    )
    westend = next(g for g in groups if g.provider == own_offering.provider)
    assert westend.offerings == [own_offering]
    assert westend.provider_members == [provider.user]
    assert "Frau Yıldız" in response.text
    assert "kontakt@fz-westend.example" in response.text
    assert (
        url("offering_confirm", coordinator_a.district, offering=own_offering.pk) in response.text
    )
    assert "Läuft weiter" in response.text


def test_fresh_ended_and_foreign_offerings_are_not_on_the_stale_list(
    client, coordinator_a, own_offering, district_b
):
    today = timezone.localdate()
    OfferingFactory(district=coordinator_a.district, name="Frisch", last_confirmed_on=today)
    OfferingFactory(
        district=coordinator_a.district,
        name="Beendet",
        status=Offering.Status.ENDED,
        last_confirmed_on=LONG_AGO,
    )
    OfferingFactory(district=district_b, name="Anderswo", last_confirmed_on=LONG_AGO)
    # One day short of a year is still fresh.
    OfferingFactory(
        district=coordinator_a.district,
        name="Fast ein Jahr",
        last_confirmed_on=today - datetime.timedelta(days=365),
    )
    client.force_login(coordinator_a.user)
    response = client.get(url("stale", coordinator_a.district))
    names = [o.name for g in response.context["groups"] for o in g.offerings]
    assert names == ["Elterncafé"]


def test_staff_see_only_published_stale_offerings(client, district_a, member, own_offering):
    OfferingFactory(
        district=district_a,
        name="Noch nicht geprüft",
        review_status=Offering.ReviewStatus.PENDING,
        last_confirmed_on=LONG_AGO,
    )
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    response = client.get(url("stale", district_a))
    names = [o.name for g in response.context["groups"] for o in g.offerings]
    assert names == ["Elterncafé"]


def test_the_stale_list_says_when_everything_is_confirmed(client, coordinator_a):
    client.force_login(coordinator_a.user)
    response = client.get(url("stale", coordinator_a.district))
    assert "innerhalb der letzten zwölf Monate bestätigt" in response.text


def test_the_stale_list_needs_a_fixed_number_of_queries(
    client, coordinator_a, django_assert_max_num_queries
):
    for _ in range(10):
        offering = OfferingFactory(district=coordinator_a.district, last_confirmed_on=LONG_AGO)
        MembershipFactory(
            district=coordinator_a.district,
            role=Membership.Role.PROVIDER,
            stakeholder=offering.provider,
        )
    client.force_login(coordinator_a.user)
    with django_assert_max_num_queries(12):
        response = client.get(url("stale", coordinator_a.district))
    assert len(response.context["groups"]) == 10


# --- The home page panel --------------------------------------------------------------------


def test_the_home_page_counts_active_stale_and_waiting_offerings(
    client, coordinator_a, own_offering, other_offering
):
    district = coordinator_a.district
    OfferingFactory(district=district, name="Frisch")
    OfferingFactory(district=district, name="Pausiert", status=Offering.Status.PAUSED)
    OfferingFactory(district=district, name="Neu", review_status=Offering.ReviewStatus.PENDING)
    client.force_login(coordinator_a.user)
    response = client.get(reverse("districts:home", kwargs={"district": district.slug}))
    assert response.context["offering_active_count"] == 3
    assert response.context["offering_stale_count"] == 2
    assert response.context["offering_pending_count"] == 1
    assert "3 laufende Angebote" in response.text
    assert url("review_list", district) in response.text
    assert url("stale", district) in response.text


def test_the_home_page_shows_the_review_queue_to_coordinators_only(client, district_a, member):
    OfferingFactory(district=district_a, review_status=Offering.ReviewStatus.PENDING)
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    response = client.get(reverse("districts:home", kwargs={"district": district_a.slug}))
    assert url("review_list", district_a) not in response.text


def test_the_detail_page_offers_the_one_click_confirmation_to_those_who_may_edit(
    client, district_a, member
):
    from django.urls import reverse

    from tests.factories import OfferingFactory

    offering = OfferingFactory(district=district_a)
    confirm = reverse(
        "offerings:offering_confirm", kwargs={"district": district_a.slug, "offering": offering.pk}
    )
    detail = reverse(
        "offerings:detail", kwargs={"district": district_a.slug, "offering": offering.pk}
    )
    client.force_login(member(district_a, "staff").user)
    assert f'action="{confirm}"' in client.get(detail).text
    client.force_login(member(district_a, "viewer").user)
    assert f'action="{confirm}"' not in client.get(detail).text
