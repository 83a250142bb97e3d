from __future__ import annotations

import pytest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from districts.models import District, Membership
from districts.views import DistrictHomeView
from tests import url_walker

pytestmark = pytest.mark.django_db

# Who reaches what — every role of the district, another district's coordinator, anonymous
# visitors, and whether a refused POST writes — is the role matrix (tests/test_role_matrix.py).
# These tests keep the walk itself honest: every route is classified, and it finds a leak.


def test_every_route_is_either_a_district_page_or_a_known_public_page():
    assert url_walker.unclassified_routes() == []


def test_every_object_in_a_route_has_a_factory_for_the_walk():
    assert url_walker.unknown_object_kwargs() == []


def test_the_walk_covers_the_district_pages():
    names = {r.name for r in url_walker.all_routes() if r.is_district_page}
    assert {"districts:home", "districts:members", "districts:member_edit"} <= names


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
