from __future__ import annotations

import pytest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from districts.models import District, Membership
from districts.views import DistrictHomeView
from tests import url_walker

pytestmark = pytest.mark.django_db


def test_every_route_is_either_a_district_page_or_a_known_public_page():
    assert url_walker.unclassified_routes() == []


def test_every_object_in_a_route_has_a_factory_for_the_walk():
    assert url_walker.unknown_object_kwargs() == []


def test_the_walk_covers_the_district_pages():
    names = {r.name for r in url_walker.all_routes() if r.is_district_page}
    assert {"districts:home", "districts:members", "districts:member_edit"} <= names


@pytest.mark.parametrize("role", list(Membership.Role))
def test_member_of_one_district_reaches_nothing_of_another(client, district_a, district_b, role):
    client.force_login(url_walker.member_of(district_a, role).user)
    assert url_walker.cross_district_leaks(client, district_a, district_b) == []


def test_the_walk_finds_a_view_that_forgets_the_scoping(
    client, district_a, district_b, monkeypatch
):
    def unscoped_district(self):
        # The bug this test guards against: looking the district up without for_user.
        district = get_object_or_404(District, slug=self.kwargs["district"])
        self.request.district = district
        self.request.district_role = Membership.Role.VIEWER
        return district

    monkeypatch.setattr(DistrictHomeView, "get_district", unscoped_district)
    # The walk's verdict, not its coverage, is under test here: the home page is enough.
    home_only = [r for r in url_walker.scoped_routes() if r.name == "districts:home"]
    monkeypatch.setattr(url_walker, "scoped_routes", lambda: home_only)
    client.force_login(url_walker.member_of(district_a, Membership.Role.COORDINATOR).user)

    leaks = url_walker.cross_district_leaks(client, district_a, district_b)

    home_b = reverse("districts:home", kwargs={"district": district_b.slug})
    assert f"GET {home_b} (districts:home) -> 200" in leaks


def test_anonymous_visitors_are_sent_to_the_login_for_every_district_page(client, district_a):
    for route in url_walker.scoped_routes():
        if not route.is_district_page:
            continue
        kwargs = {"district": district_a.slug}
        kwargs.update({k: 1 for k in route.object_kwargs})
        response = client.get(reverse(route.name, kwargs=kwargs))
        assert response.status_code == 302, route.name
        assert response["Location"].startswith(reverse("login")), route.name


def test_a_viewer_can_change_nothing_in_their_district(client, district_a):
    client.force_login(url_walker.member_of(district_a, Membership.Role.VIEWER).user)
    assert url_walker.viewer_writes(client, district_a) == []
