from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from districts.models import District, Language, Membership, Stakeholder
from goals.models import TargetGroup
from offerings.models import Offering, OfferingCategory, OfferingChange
from tests.factories import (
    MembershipFactory,
    OfferingChangeFactory,
    OfferingFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


def url(name: str, district: District, **kwargs: object) -> str:
    return reverse(f"offerings:{name}", kwargs={"district": district.slug, **kwargs})


@pytest.fixture
def organisation(district_a: District) -> Stakeholder:
    return StakeholderFactory(district=district_a, name="Familienzentrum Westend")


@pytest.fixture
def provider(district_a: District, organisation: Stakeholder) -> Membership:
    return MembershipFactory(
        district=district_a, role=Membership.Role.PROVIDER, stakeholder=organisation
    )


@pytest.fixture
def offering(district_a: District, organisation: Stakeholder) -> Offering:
    offering = OfferingFactory(
        district=district_a,
        provider=organisation,
        name="Elterncafé Westend",
        opening_times="Di 10–12",
        last_confirmed_on=LONG_AGO,
    )
    offering.target_groups.set(TargetGroup.objects.order_by("pk")[:1])
    return offering


@pytest.fixture
def change(offering: Offering, provider: Membership) -> OfferingChange:
    """The provider proposes a new name, other opening times, another category and target groups."""
    category = OfferingCategory.objects.exclude(pk=offering.category_id).order_by("pk").first()
    return OfferingChangeFactory(
        offering=offering,
        submitted_by=provider.user,
        data={
            "name": "Elterncafé Westend am Nachmittag",
            "opening_times": "Di 15–17",
            "category_id": category.pk,
            "step_free": True,
            "target_groups": sorted(
                TargetGroup.objects.order_by("pk").values_list("pk", flat=True)[1:3]
            ),
            "languages": [Language.objects.get(key="tr").pk],
        },
    )


@pytest.fixture
def pending_offering(district_a: District, organisation: Stakeholder, provider) -> Offering:
    offering = OfferingFactory(
        district=district_a,
        provider=organisation,
        name="Neue Krabbelgruppe",
        review_status=Offering.ReviewStatus.PENDING,
        last_confirmed_on=LONG_AGO,
    )
    # The catalogue records who created it; in tests the history has no request user.
    offering.history.filter(history_type="+").update(history_user=provider.user)
    return offering


# --- Who may review -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.COORDINATOR, 200),
        (Membership.Role.STAFF, 403),
        (Membership.Role.PROVIDER, 403),
        (Membership.Role.VIEWER, 403),
    ],
)
def test_only_coordinators_see_the_review_pages(client, district_a, member, change, role, status):
    client.force_login(member(district_a, role).user)
    assert client.get(url("review_list", district_a)).status_code == status
    assert client.get(url("change_review", district_a, change=change.pk)).status_code == status


def test_outsiders_get_404_for_the_review_pages(client, district_b, member, change):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(url("review_list", change.offering.district)).status_code == 404
    review = url("change_review", change.offering.district, change=change.pk)
    assert client.get(review).status_code == 404
    assert client.post(review, {"decision": "approve"}).status_code == 404
    publish = url("offering_publish", change.offering.district, offering=change.offering.pk)
    assert client.post(publish).status_code == 404
    change.refresh_from_db()
    assert change.status == OfferingChange.Status.PENDING


def test_a_change_of_another_district_is_404_in_the_own_district(client, district_a, member):
    foreign = OfferingChangeFactory(offering__district=District.objects.get(number="11"))
    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)
    assert client.get(url("change_review", district_a, change=foreign.pk)).status_code == 404


@pytest.mark.parametrize(
    "role", [Membership.Role.STAFF, Membership.Role.PROVIDER, Membership.Role.VIEWER]
)
def test_only_coordinators_decide(client, district_a, member, change, pending_offering, role):
    client.force_login(member(district_a, role).user)
    review = url("change_review", district_a, change=change.pk)
    assert client.post(review, {"decision": "approve"}).status_code == 403
    publish = url("offering_publish", district_a, offering=pending_offering.pk)
    assert client.post(publish, {"decision": "publish"}).status_code == 403
    change.refresh_from_db()
    pending_offering.refresh_from_db()
    assert change.status == OfferingChange.Status.PENDING
    assert pending_offering.review_status == Offering.ReviewStatus.PENDING


# --- The queue ------------------------------------------------------------------------------


def test_the_review_list_shows_changes_and_new_offerings_with_who_and_when(
    client, coordinator_a, change, pending_offering, provider
):
    client.force_login(coordinator_a.user)
    response = client.get(url("review_list", coordinator_a.district))
    assert response.status_code == 200
    assert change.offering.name in response.text
    assert pending_offering.name in response.text
    assert provider.user.get_full_name() in response.text
    assert timezone.localdate().strftime("%d.%m.%Y") in response.text
    assert "Vorgeschlagene Änderungen" in response.text


def test_decided_changes_and_published_offerings_leave_the_queue(client, coordinator_a, change):
    change.reject(by=coordinator_a.user)
    client.force_login(coordinator_a.user)
    response = client.get(url("review_list", coordinator_a.district))
    assert response.context["changes"] == []
    assert response.context["new_offerings"] == []


def test_the_review_list_needs_a_fixed_number_of_queries(
    client, coordinator_a, provider, django_assert_max_num_queries
):
    for n in range(8):
        offering = OfferingFactory(district=coordinator_a.district, provider=provider.stakeholder)
        OfferingChangeFactory(offering=offering, submitted_by=provider.user)
        OfferingFactory(
            district=coordinator_a.district,
            name=f"Neu {n}",
            review_status=Offering.ReviewStatus.PENDING,
        )
    client.force_login(coordinator_a.user)
    with django_assert_max_num_queries(14):
        response = client.get(url("review_list", coordinator_a.district))
    assert len(response.context["changes"]) == 8
    assert len(response.context["new_offerings"]) == 8


# --- One change -----------------------------------------------------------------------------


def test_the_change_page_shows_old_and_new_values_in_words(client, coordinator_a, change):
    client.force_login(coordinator_a.user)
    response = client.get(url("change_review", coordinator_a.district, change=change.pk))
    text = response.text
    old_category = change.offering.category.name
    new_category = OfferingCategory.objects.get(pk=change.data["category_id"]).name
    assert old_category in text
    assert new_category in text
    assert "Di 10–12" in text
    assert "Di 15–17" in text
    for group in TargetGroup.objects.filter(pk__in=change.data["target_groups"]):
        assert group.name in text
    assert Language.objects.get(key="tr").name in text
    assert "Öffnungszeiten" in text
    assert "Ja" in text
    assert "category_id" not in text


def test_approving_applies_the_change_publishes_and_tells_the_proposer(
    client, coordinator_a, change, provider
):
    offering = change.offering
    client.force_login(coordinator_a.user)
    response = client.post(
        url("change_review", coordinator_a.district, change=change.pk),
        {"decision": "approve", "note": "Danke!"},
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.name == "Elterncafé Westend am Nachmittag"
    assert offering.opening_times == "Di 15–17"
    assert offering.category_id == change.data["category_id"]
    assert offering.step_free is True
    assert (
        sorted(offering.target_groups.values_list("pk", flat=True)) == change.data["target_groups"]
    )
    assert list(offering.languages.values_list("key", flat=True)) == ["tr"]
    assert offering.review_status == Offering.ReviewStatus.PUBLISHED
    assert offering.last_confirmed_on == timezone.localdate()
    change.refresh_from_db()
    assert change.status == OfferingChange.Status.APPROVED
    assert change.reviewed_by == coordinator_a.user
    assert change.review_note == "Danke!"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [provider.user.email]
    assert "Elterncafé Westend am Nachmittag" in mail.outbox[0].subject
    assert "Danke!" in mail.outbox[0].body


def test_rejecting_leaves_the_offering_unchanged_and_tells_the_proposer(
    client, coordinator_a, change, provider
):
    offering = change.offering
    client.force_login(coordinator_a.user)
    client.post(
        url("change_review", coordinator_a.district, change=change.pk),
        {"decision": "reject", "note": "Bitte Zeiten mit dem Träger klären."},
    )
    offering.refresh_from_db()
    assert offering.name == "Elterncafé Westend"
    assert offering.opening_times == "Di 10–12"
    assert offering.last_confirmed_on == LONG_AGO
    assert offering.languages.count() == 0
    change.refresh_from_db()
    assert change.status == OfferingChange.Status.REJECTED
    assert change.review_note == "Bitte Zeiten mit dem Träger klären."
    assert mail.outbox[0].to == [provider.user.email]
    assert "Bitte Zeiten mit dem Träger klären." in mail.outbox[0].body


def test_a_second_decision_changes_nothing_and_says_so(client, coordinator_a, change):
    client.force_login(coordinator_a.user)
    review = url("change_review", coordinator_a.district, change=change.pk)
    client.post(review, {"decision": "reject"})
    mail.outbox.clear()
    response = client.post(review, {"decision": "approve"}, follow=True)
    assert "bereits entschieden" in response.text
    change.refresh_from_db()
    change.offering.refresh_from_db()
    assert change.status == OfferingChange.Status.REJECTED
    assert change.offering.name == "Elterncafé Westend"
    assert mail.outbox == []


def test_a_decided_change_shows_the_decision_and_no_buttons(client, coordinator_a, change):
    change.reject(by=coordinator_a.user, note="Doppelt eingereicht")
    client.force_login(coordinator_a.user)
    response = client.get(url("change_review", coordinator_a.district, change=change.pk))
    assert "Doppelt eingereicht" in response.text
    assert 'value="approve"' not in response.text


def test_a_proposal_that_breaks_a_rule_cannot_be_approved(client, coordinator_a, offering):
    change = OfferingChangeFactory(offering=offering, data={"age_from": 10, "age_to": 3})
    client.force_login(coordinator_a.user)
    response = client.post(
        url("change_review", coordinator_a.district, change=change.pk), {"decision": "approve"}
    )
    assert response.status_code == 200
    with translation.override("de"):
        assert gettext("The upper age must not be below the lower age.") in response.text
    offering.refresh_from_db()
    change.refresh_from_db()
    assert offering.age_from is None
    assert change.status == OfferingChange.Status.PENDING


def test_a_decision_needs_approve_or_reject(client, coordinator_a, change):
    client.force_login(coordinator_a.user)
    response = client.post(url("change_review", coordinator_a.district, change=change.pk), {})
    assert response.status_code == 200
    change.refresh_from_db()
    assert change.status == OfferingChange.Status.PENDING


# --- New offerings --------------------------------------------------------------------------


def test_publishing_a_new_offering_shows_it_to_everyone_and_tells_the_provider(
    client, coordinator_a, pending_offering, provider
):
    client.force_login(coordinator_a.user)
    response = client.post(
        url("offering_publish", coordinator_a.district, offering=pending_offering.pk),
        {"decision": "publish"},
    )
    assert response.status_code == 302
    pending_offering.refresh_from_db()
    assert pending_offering.review_status == Offering.ReviewStatus.PUBLISHED
    assert pending_offering.last_confirmed_on == timezone.localdate()
    assert mail.outbox[0].to == [provider.user.email]
    assert "veröffentlicht" in mail.outbox[0].subject


def test_sending_a_new_offering_back_keeps_it_unpublished_with_the_note(
    client, coordinator_a, pending_offering, provider
):
    client.force_login(coordinator_a.user)
    client.post(
        url("offering_publish", coordinator_a.district, offering=pending_offering.pk),
        {"decision": "reject", "note": "Bitte Adresse ergänzen."},
    )
    pending_offering.refresh_from_db()
    assert pending_offering.review_status == Offering.ReviewStatus.PENDING
    record = pending_offering.changes.get()
    assert record.status == OfferingChange.Status.REJECTED
    assert record.review_note == "Bitte Adresse ergänzen."
    assert record.reviewed_by == coordinator_a.user
    assert "Bitte Adresse ergänzen." in mail.outbox[0].body

    queue = client.get(url("review_list", coordinator_a.district)).context
    assert queue["new_offerings"] == []
    assert queue["sent_back"] == [pending_offering]


def test_a_sent_back_offering_returns_to_the_queue_when_the_provider_edits_it(
    client, coordinator_a, pending_offering
):
    client.force_login(coordinator_a.user)
    publish = url("offering_publish", coordinator_a.district, offering=pending_offering.pk)
    client.post(publish, {"decision": "reject"})
    pending_offering.description = "Mit Adresse."
    pending_offering.save()
    queue = client.get(url("review_list", coordinator_a.district)).context
    assert queue["new_offerings"] == [pending_offering]
    assert queue["sent_back"] == []


def test_publish_answers_only_post(client, coordinator_a, pending_offering):
    client.force_login(coordinator_a.user)
    publish = url("offering_publish", coordinator_a.district, offering=pending_offering.pk)
    assert client.get(publish).status_code == 405
    pending_offering.refresh_from_db()
    assert pending_offering.review_status == Offering.ReviewStatus.PENDING
