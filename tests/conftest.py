from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from districts.models import District, Membership
from mitwirkung.process_cache import clear_all
from tests.factories import MembershipFactory

# Data migrations create the districts, vocabularies and legal pages. Transactional tests (the
# browser tests) flush every table when they end, so the next test finds the reference rows gone
# and puts them back; as long as nothing flushed, the migrated rows are there and one query says so.
REFERENCE_DATA = [
    ("districts.migrations.0002_berlin_districts", "create_districts"),
    ("districts.migrations.0004_sectors_and_area_indicators", "create_reference_data"),
    ("districts.migrations.0006_languages", "create_languages"),
    ("goals.migrations.0002_reference_data", "create_reference_data"),
    ("offerings.migrations.0002_categories_and_channels", "create_reference_data"),
    ("mitwirkung.legal.migrations.0002_default_pages", "create_pages"),
]


def create_reference_data() -> None:
    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(autouse=True)
def reference_data(request: pytest.FixtureRequest) -> None:
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        return
    request.getfixturevalue("_django_db_helper")
    # A flush empties all tables at once, so the districts stand for the whole set.
    if not District.objects.exists():
        create_reference_data()


@pytest.fixture(autouse=True)
def site_language() -> Iterator[None]:
    """Every test starts in the site's language: a request with the language switch set to
    English activates English for the rest of the thread (as Django's LocaleMiddleware
    does), which would otherwise reach whichever test runs next in the same process."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_process_caches() -> None:
    """Per-process caches key by ids and versions; a rolled-back test leaves ids (on SQLite)
    and frozen timestamps that the next test may create again with other contents."""
    clear_all()


@pytest.fixture
def district_a() -> District:
    return District.objects.get(number="04")


@pytest.fixture
def district_b() -> District:
    return District.objects.get(number="11")


@pytest.fixture
def member() -> Callable[..., Membership]:
    """member(district, role) -> a membership with a fresh user."""

    def make(district: District, role: str = Membership.Role.STAFF) -> Membership:
        return MembershipFactory(district=district, role=role)

    return make


@pytest.fixture
def coordinator_a(district_a: District, member: Callable[..., Membership]) -> Membership:
    return member(district_a, Membership.Role.COORDINATOR)
