from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import Area, Language, Membership
from offerings.models import Offering, OfferingChange, OfferingGoal, OfferingPlace, OfferingResource
from tests import factories as f

pytestmark = pytest.mark.django_db


def url(name, offering, **extra):
    return reverse(
        f"offerings:{name}",
        kwargs={"district": offering.district.slug, "offering": offering.pk, **extra},
    )


@pytest.fixture
def offering(district_a):
    return f.OfferingFactory(district=district_a, name="Elterncafé am Park")


@pytest.fixture
def provider_membership(district_a, offering):
    return f.MembershipFactory(
        district=district_a, role=Membership.Role.PROVIDER, stakeholder=offering.provider
    )


def login(client, district, role):
    membership = f.MembershipFactory(district=district, role=role)
    client.force_login(membership.user)
    return membership


def valid_data(offering, **changes):
    data = {
        "name": offering.name,
        "description": offering.description,
        "provider": offering.provider_id,
        "provider_type": offering.provider_type,
        "category": offering.category_id,
        "sector": offering.sector_id,
        "cost": offering.cost,
        "status": offering.status,
        "opening_times": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# Detail --------------------------------------------------------------------------------


def test_the_detail_shows_places_with_areas_goals_with_notes_and_resources(
    client, district_a, offering
):
    area = f.AreaFactory(district=district_a, name="Klausenerplatz")
    f.OfferingPlaceFactory(offering=offering, address="Nehringstraße 8", area=area)
    link = f.OfferingGoalFactory(offering=offering, note="Lädt Familien ins Café ein")
    f.OfferingResourceFactory(offering=offering, funding_source="Familienfördergesetz")
    login(client, district_a, Membership.Role.VIEWER)

    page = client.get(url("detail", offering)).content.decode()

    assert "Nehringstraße 8" in page
    assert "Klausenerplatz" in page
    assert link.goal.title in page
    assert "Lädt Familien ins Café ein" in page
    assert reverse("goals:detail", args=[district_a.slug, link.goal_id]) in page
    assert "Familienfördergesetz" in page
    assert "Zuletzt bestätigt am" in page
    assert url("history", offering) in page


def test_a_viewer_sees_no_edit_buttons_on_the_detail(client, district_a, offering):
    login(client, district_a, Membership.Role.VIEWER)
    page = client.get(url("detail", offering)).content.decode()
    assert url("edit", offering) not in page
    assert url("end", offering) not in page
    assert url("place_add", offering) not in page


def test_staff_see_edit_end_and_part_buttons_on_the_detail(client, district_a, offering):
    login(client, district_a, Membership.Role.STAFF)
    page = client.get(url("detail", offering)).content.decode()
    for name in ("edit", "end", "place_add", "link_add", "resource_add"):
        assert url(name, offering) in page


def test_the_detail_warns_when_the_offering_is_stale(client, district_a):
    old = f.OfferingFactory(
        district=district_a, last_confirmed_on=timezone.localdate() - datetime.timedelta(400)
    )
    login(client, district_a, Membership.Role.VIEWER)
    assert "Seit über 12 Monaten" in client.get(url("detail", old)).content.decode()


def test_an_outsider_gets_404_for_an_offering(client, district_b, offering):
    login(client, district_b, Membership.Role.COORDINATOR)
    assert client.get(url("detail", offering)).status_code == 404


def test_a_pending_offering_is_404_for_a_viewer_but_shown_to_the_coordinator(
    client, district_a, coordinator_a
):
    pending = f.OfferingFactory(district=district_a, review_status=Offering.ReviewStatus.PENDING)
    login(client, district_a, Membership.Role.VIEWER)
    assert client.get(url("detail", pending)).status_code == 404
    client.force_login(coordinator_a.user)
    assert client.get(url("detail", pending)).status_code == 200


# Create ---------------------------------------------------------------------------------


def test_staff_create_a_published_offering(client, district_a):
    login(client, district_a, Membership.Role.STAFF)
    template = f.OfferingFactory.build(district=district_a, provider=f.StakeholderFactory())
    response = client.post(
        reverse("offerings:create", args=[district_a.slug]),
        valid_data(template, name="Neuer Babytreff", sector=""),
    )
    created = Offering.objects.get(name="Neuer Babytreff")
    assert response.status_code == 302
    assert created.review_status == Offering.ReviewStatus.PUBLISHED
    # The sector was left empty: it comes from the category.
    assert created.sector == created.category.sector


def test_a_provider_creates_a_pending_offering_for_their_own_organisation(
    client, district_a, provider_membership
):
    client.force_login(provider_membership.user)
    other = f.StakeholderFactory(district=district_a)
    template = f.OfferingFactory.build(district=district_a, provider=other)
    client.post(
        reverse("offerings:create", args=[district_a.slug]),
        valid_data(template, name="Vom Träger"),
    )
    created = Offering.objects.get(name="Vom Träger")
    # The provider in the POST is ignored: a provider enters offerings of its own organisation.
    assert created.provider == provider_membership.stakeholder
    assert created.review_status == Offering.ReviewStatus.PENDING


def test_a_pending_new_offering_is_hidden_from_viewers_but_seen_by_coordinator_and_provider(
    client, district_a, provider_membership, coordinator_a
):
    client.force_login(provider_membership.user)
    template = f.OfferingFactory.build(
        district=district_a, provider=provider_membership.stakeholder
    )
    client.post(
        reverse("offerings:create", args=[district_a.slug]), valid_data(template, name="Neu")
    )
    catalogue = reverse("offerings:catalogue", args=[district_a.slug])
    assert "Neu" in {o.name for o in client.get(catalogue).context["offerings"]}
    client.force_login(coordinator_a.user)
    assert "Neu" in {o.name for o in client.get(catalogue).context["offerings"]}
    login(client, district_a, Membership.Role.VIEWER)
    assert "Neu" not in {o.name for o in client.get(catalogue).context["offerings"]}


def test_a_trusted_provider_publishes_a_new_offering_directly(
    client, district_a, provider_membership
):
    provider_membership.publishes_directly = True
    provider_membership.save()
    client.force_login(provider_membership.user)
    template = f.OfferingFactory.build(
        district=district_a, provider=provider_membership.stakeholder
    )
    client.post(
        reverse("offerings:create", args=[district_a.slug]), valid_data(template, name="Direkt")
    )
    assert Offering.objects.get(name="Direkt").review_status == Offering.ReviewStatus.PUBLISHED


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.VIEWER, 403),
        (Membership.Role.PROVIDER, 403),  # a provider without an organisation
        (Membership.Role.STAFF, 200),
        (Membership.Role.COORDINATOR, 200),
    ],
)
def test_who_may_open_the_create_form(client, district_a, role, status):
    login(client, district_a, role)
    assert client.get(reverse("offerings:create", args=[district_a.slug])).status_code == status


# Edit -----------------------------------------------------------------------------------


def test_staff_save_an_edit_directly(client, district_a, offering):
    login(client, district_a, Membership.Role.STAFF)
    client.post(url("edit", offering), valid_data(offering, name="Elterncafé Nord"))
    offering.refresh_from_db()
    assert offering.name == "Elterncafé Nord"
    assert OfferingChange.objects.count() == 0


def test_a_provider_edit_is_stored_as_a_change_and_leaves_the_offering_unchanged(
    client, district_a, offering, provider_membership
):
    client.force_login(provider_membership.user)
    response = client.post(
        url("edit", offering), valid_data(offering, name="Elterncafé Nord"), follow=True
    )
    offering.refresh_from_db()
    assert offering.name == "Elterncafé am Park"
    change = OfferingChange.objects.get()
    assert change.offering == offering
    assert change.data["name"] == "Elterncafé Nord"
    assert change.submitted_by == provider_membership.user
    assert "Ihre Änderung wartet auf die Prüfung durch die Koordination" in (
        response.content.decode()
    )


def test_a_trusted_provider_edit_is_saved_directly(
    client, district_a, offering, provider_membership
):
    provider_membership.publishes_directly = True
    provider_membership.save()
    client.force_login(provider_membership.user)
    client.post(url("edit", offering), valid_data(offering, name="Elterncafé Nord"))
    offering.refresh_from_db()
    assert offering.name == "Elterncafé Nord"
    assert OfferingChange.objects.count() == 0


def test_a_provider_gets_403_for_another_organisations_offering(
    client, district_a, provider_membership
):
    foreign = f.OfferingFactory(district=district_a)
    client.force_login(provider_membership.user)
    assert client.get(url("edit", foreign)).status_code == 403
    assert client.post(url("edit", foreign), valid_data(foreign, name="X")).status_code == 403
    assert client.get(url("end", foreign)).status_code == 403
    foreign.refresh_from_db()
    assert foreign.name != "X"


@pytest.mark.parametrize("name", ["edit", "end", "place_add", "link_add", "resource_add"])
def test_a_viewer_gets_403_on_every_write_page(client, district_a, offering, name):
    login(client, district_a, Membership.Role.VIEWER)
    assert client.get(url(name, offering)).status_code == 403
    assert client.post(url(name, offering), valid_data(offering, name="X")).status_code == 403
    offering.refresh_from_db()
    assert offering.name == "Elterncafé am Park"


@pytest.mark.parametrize("name", ["place_add", "link_add", "resource_add"])
def test_a_provider_cannot_edit_places_goals_or_resources(
    client, offering, provider_membership, name
):
    client.force_login(provider_membership.user)
    assert client.get(url(name, offering)).status_code == 403


def test_an_outsider_gets_404_on_the_edit_page(client, district_b, offering):
    login(client, district_b, Membership.Role.COORDINATOR)
    assert client.get(url("edit", offering)).status_code == 404


# End ------------------------------------------------------------------------------------


def test_ending_sets_the_status_and_today_as_end_date(client, district_a, offering):
    login(client, district_a, Membership.Role.STAFF)
    today = timezone.localdate()
    client.post(url("end", offering), {"ends_on": today.isoformat()})
    offering.refresh_from_db()
    assert offering.status == Offering.Status.ENDED
    assert offering.ends_on == today


def test_the_own_provider_may_end_an_offering_on_a_chosen_date(
    client, offering, provider_membership
):
    client.force_login(provider_membership.user)
    client.post(url("end", offering), {"ends_on": "2026-01-31"})
    offering.refresh_from_db()
    assert offering.status == Offering.Status.ENDED
    assert offering.ends_on == datetime.date(2026, 1, 31)


def test_an_end_before_the_start_is_refused(client, district_a):
    offering = f.OfferingFactory(district=district_a, starts_on=datetime.date(2025, 5, 1))
    login(client, district_a, Membership.Role.STAFF)
    response = client.post(url("end", offering), {"ends_on": "2025-01-01"})
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    offering.refresh_from_db()
    assert offering.status == Offering.Status.ACTIVE


# History --------------------------------------------------------------------------------


def test_the_history_lists_a_changed_field_and_list(client, district_a, offering):
    login(client, district_a, Membership.Role.STAFF)
    data = valid_data(offering, name="Elterncafé Nord")
    data["languages"] = [Language.objects.get(key="tr").pk]
    client.post(url("edit", offering), data)
    page = client.get(url("history", offering)).content.decode()
    assert "Elterncafé am Park" in page
    assert "Elterncafé Nord" in page
    assert "Türkisch" in page


def test_a_viewer_reads_the_history(client, district_a, offering):
    login(client, district_a, Membership.Role.VIEWER)
    assert client.get(url("history", offering)).status_code == 200


# Places, goal links, resources ----------------------------------------------------------


def test_staff_add_a_place_in_a_planning_area_of_the_district(client, district_a, offering):
    area = f.AreaFactory(district=district_a, level=Area.Level.PLANUNGSRAUM, code="04010101")
    login(client, district_a, Membership.Role.STAFF)
    client.post(
        url("place_add", offering),
        {"name": "Kiezladen", "address": "Seelingstraße 1", "area": area.pk},
    )
    assert offering.places.get().area == area


def test_a_place_in_another_districts_area_is_refused(client, district_a, district_b, offering):
    foreign = f.AreaFactory(district=district_b, level=Area.Level.PLANUNGSRAUM, code="11010101")
    login(client, district_a, Membership.Role.STAFF)
    response = client.post(
        url("place_add", offering), {"address": "Irgendwo 1", "area": foreign.pk}
    )
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert OfferingPlace.objects.count() == 0


def test_staff_link_a_goal_with_a_note(client, district_a, offering):
    goal = f.ActionGoalFactory(district=district_a)
    login(client, district_a, Membership.Role.STAFF)
    client.post(url("link_add", offering), {"goal": goal.pk, "note": "Im Kiez"})
    assert offering.goal_links.get().note == "Im Kiez"


def test_a_goal_of_another_district_cannot_be_linked(client, district_a, district_b, offering):
    goal = f.ActionGoalFactory(district=district_b)
    login(client, district_a, Membership.Role.STAFF)
    client.post(url("link_add", offering), {"goal": goal.pk, "note": "Geschmuggelt"})
    assert OfferingGoal.objects.count() == 0


def test_staff_add_a_resource(client, district_a, offering):
    login(client, district_a, Membership.Role.STAFF)
    client.post(
        url("resource_add", offering),
        {"kind": "budget", "amount": "5000", "funding_source": "Bezirk", "year": "2026"},
    )
    assert offering.resources.get().funding_source == "Bezirk"


def test_a_negative_resource_amount_is_refused(client, district_a, offering):
    login(client, district_a, Membership.Role.STAFF)
    response = client.post(url("resource_add", offering), {"kind": "budget", "amount": "-5"})
    assert "Der Betrag darf nicht negativ sein." in response.content.decode()
    assert OfferingResource.objects.count() == 0


@pytest.mark.parametrize(
    ("factory", "name", "kwarg"),
    [
        (f.OfferingPlaceFactory, "place_delete", "place"),
        (f.OfferingGoalFactory, "link_delete", "link"),
        (f.OfferingResourceFactory, "resource_delete", "offering_resource"),
    ],
)
def test_staff_remove_a_part_and_viewers_may_not(client, district_a, factory, name, kwarg):
    part = factory(offering__district=district_a)
    address = reverse(f"offerings:{name}", kwargs={"district": district_a.slug, kwarg: part.pk})
    login(client, district_a, Membership.Role.VIEWER)
    assert client.get(address).status_code == 403
    assert client.post(address).status_code == 403
    login(client, district_a, Membership.Role.STAFF)
    assert client.get(address).status_code == 200
    assert client.post(address).status_code == 302
    assert not type(part).objects.filter(pk=part.pk).exists()
