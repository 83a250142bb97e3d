"""Every scoped route × anonymous, provider, viewer, staff, coordinator of the district and
coordinator of another district × GET and POST (tests/role_matrix.py says what each gets)."""

from __future__ import annotations

import pytest
from django.shortcuts import get_object_or_404
from django.test import Client
from django.urls import reverse

from districts.models import District, Membership
from districts.scoping import resolve_district
from districts.views import DistrictHomeView
from goals.views import GoalCreateView, GoalDeleteView
from reports.models import Finding
from tests import factories as f
from tests import role_matrix, url_walker

pytestmark = pytest.mark.django_db


def _routes(*names: str) -> list[url_walker.Route]:
    return [r for r in url_walker.scoped_routes() if r.name in names]


def test_every_visitor_gets_what_the_views_declare(district_a, district_b):
    outcome = role_matrix.walk(district_a, district_b)

    # Also: no refused request saved or deleted a row, and every table holds as many rows
    # after the walk as before it (each request ran in a savepoint that was rolled back).
    assert outcome.problems == []
    routes = url_walker.scoped_routes()
    assert sorted(outcome.seconds) == sorted(r.name for r in routes)
    assert outcome.requests >= len(routes) * len(role_matrix.ACTORS)
    print(f"\nrole matrix: {len(routes)} routes, {outcome.requests} requests; slowest:")
    print(", ".join(f"{name} {seconds:.2f}s" for name, seconds in outcome.slowest()))


def test_the_matrix_finds_a_view_that_checks_a_lower_role_than_it_declares(
    district_a, district_b, monkeypatch
):
    def viewer_enough(self):
        # The bug: the view declares staff but resolves the district as if viewers may write.
        return resolve_district(self.request, self.kwargs["district"], Membership.Role.VIEWER)

    monkeypatch.setattr(GoalCreateView, "get_district", viewer_enough)

    problems = role_matrix.walk(district_a, district_b, _routes("goals:create")).problems

    url = reverse("goals:create", kwargs={"district": district_a.slug})
    assert f"GET {url} (goals:create) as viewer -> 200, expected [403]" in problems
    assert any(p.startswith(f"POST {url} (goals:create) as provider -> 200") for p in problems)


def test_the_matrix_refuses_a_write_view_that_lets_every_member_in(
    district_a, district_b, monkeypatch
):
    monkeypatch.setattr(GoalDeleteView, "required_role", Membership.Role.VIEWER)

    problems = role_matrix.walk(district_a, district_b, _routes("goals:delete")).problems

    assert problems == [
        "goals:delete: undeclared, takes POST with a reading role: declare who may write "
        "in DECLARED"
    ]


def test_the_matrix_finds_a_refused_request_that_wrote(district_a, district_b, monkeypatch):
    declared_check = GoalCreateView.get_district

    def writes_first(self):
        # The bug: something is saved before the role check refuses the visitor.
        f.FindingFactory(district=district_a)
        return declared_check(self)

    monkeypatch.setattr(GoalCreateView, "get_district", writes_first)

    problems = role_matrix.walk(district_a, district_b, _routes("goals:create")).problems

    url = reverse("goals:create", kwargs={"district": district_a.slug})
    refused_viewer = f"POST {url} (goals:create) as viewer was refused but wrote"
    assert any(p.startswith(refused_viewer) and Finding._meta.label in p for p in problems)
    # A refused GET is not rolled back, so the row count after the walk sees it as well.
    assert any(p.startswith("rows changed") and Finding._meta.label in p for p in problems)


def test_anonymous_visitors_get_what_each_page_outside_the_districts_declares(
    district_a,
):
    problems = role_matrix.public_pages(Client(), district_a)
    assert problems == []


def test_the_matrix_finds_a_view_that_forgets_the_district_scoping(
    district_a, district_b, monkeypatch
):
    def unscoped_district(self):
        # The bug: the district looked up without District.objects.for_user.
        district = get_object_or_404(District, slug=self.kwargs["district"])
        self.request.district = district
        self.request.district_role = Membership.Role.VIEWER
        return district

    monkeypatch.setattr(DistrictHomeView, "get_district", unscoped_district)

    problems = role_matrix.walk(district_a, district_b, _routes("districts:home")).problems

    url = reverse("districts:home", kwargs={"district": district_a.slug})
    assert f"GET {url} (districts:home) as coordinator_b -> 200, expected [404]" in problems
