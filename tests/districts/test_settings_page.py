"""The district settings page: coordinators set sign-in and retention and see what was deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import District, Membership
from surveys.models import RetentionLog

pytestmark = pytest.mark.django_db

VALID = {
    "requires_two_factor": "on",
    "free_text_retention_months": "12",
    "delete_raw_after_final_snapshot": "on",
}


def url(district: District) -> str:
    return reverse("districts:settings", kwargs={"district": district.slug})


def test_a_coordinator_changes_the_three_settings(client, coordinator_a, district_a):
    client.force_login(coordinator_a.user)
    assert client.get(url(district_a)).status_code == 200

    response = client.post(url(district_a), {**VALID, "min_group_size": "3", "name": "X"})

    assert response.status_code == 302
    assert response["Location"] == url(district_a)
    district_a.refresh_from_db()
    assert district_a.requires_two_factor is True
    assert district_a.free_text_retention_months == 12
    assert district_a.delete_raw_after_final_snapshot is True
    # Nothing but the three fields can be changed here, even by a forged post.
    assert (district_a.min_group_size, district_a.name) == (5, "Charlottenburg-Wilmersdorf")
    page = client.get(url(district_a))
    assert len(list(page.context["messages"])) == 1


@pytest.mark.parametrize("months", ["0", "121", "zwölf", ""])
def test_an_impossible_number_of_months_is_refused_with_a_message(
    client, coordinator_a, district_a, months
):
    client.force_login(coordinator_a.user)

    response = client.post(url(district_a), {**VALID, "free_text_retention_months": months})

    assert response.status_code == 200
    [error] = response.context["form"].errors["free_text_retention_months"]
    assert error in response.content.decode()
    district_a.refresh_from_db()
    assert district_a.free_text_retention_months == 24
    assert district_a.requires_two_factor is False


def test_staff_viewers_and_outsiders_cannot_open_or_change_it(
    client, member, district_a, district_b
):
    for role, status in (
        (Membership.Role.STAFF, 403),
        (Membership.Role.PROVIDER, 403),
        (Membership.Role.VIEWER, 403),
    ):
        client.force_login(member(district_a, role).user)
        assert client.get(url(district_a)).status_code == status, role
        assert client.post(url(district_a), VALID).status_code == status, role
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(url(district_a)).status_code == 404
    assert client.post(url(district_a), VALID).status_code == 404
    client.logout()
    assert client.get(url(district_a)).status_code == 302
    district_a.refresh_from_db()
    assert district_a.free_text_retention_months == 24


def test_the_page_lists_this_districts_deletions_with_counts(
    client, coordinator_a, district_a, district_b
):
    RetentionLog.objects.create(
        district=district_a,
        kind="raw",
        survey_title="Familienumfrage 2025",
        responses=317,
        answers=4021,
    )
    RetentionLog.objects.create(
        district=district_b, kind="free_text", survey_title="Umfrage Spandau", answers=99
    )
    client.force_login(coordinator_a.user)

    page = client.get(url(district_a)).content.decode()

    assert "Familienumfrage 2025" in page
    assert "317" in page
    assert "4021" in page
    assert "Umfrage Spandau" not in page


def test_the_members_page_links_to_the_settings(client, coordinator_a, district_a):
    client.force_login(coordinator_a.user)
    page = client.get(reverse("districts:members", kwargs={"district": district_a.slug}))
    assert url(district_a) in page.content.decode()
