from __future__ import annotations

import pytest

from tests import url_walker

pytestmark = pytest.mark.django_db

# Who reaches what — every role of the district, another district's coordinator, anonymous
# visitors, and whether a refused POST writes — is the role matrix (tests/test_role_matrix.py).
# These tests keep the walk itself honest: every route is classified. That the matrix finds a
# view which forgets the district scoping is its own self-test.


def test_every_route_is_either_a_district_page_or_a_known_public_page():
    assert url_walker.unclassified_routes() == []


def test_every_object_in_a_route_has_a_factory_for_the_walk():
    assert url_walker.unknown_object_kwargs() == []


def test_the_walk_covers_the_district_pages():
    names = {r.name for r in url_walker.all_routes() if r.is_district_page}
    assert {"districts:home", "districts:members", "districts:member_edit"} <= names
