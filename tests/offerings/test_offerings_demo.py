from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from pytest_django import DjangoDbBlocker

from districts.models import District
from offerings.models import Offering, OfferingGoal, OfferingPlace
from tests.conftest import create_reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The demo up to the offerings (seed_demo runs these first, in this order), once for
    the module in a transaction rolled back at its end; each test runs in a savepoint.
    The survey and the report after them are not needed here (tests/test_seed_demo*.py)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        translation.override(settings.LANGUAGE_CODE),
    ):
        create_reference_data()
        district = District.objects.get(slug="charlottenburg-wilmersdorf")
        for app in ("districts", "goals", "offerings"):
            importlib.import_module(f"{app}.demo").seed(district)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_district(seeded: None) -> District:
    return District.objects.get(slug="charlottenburg-wilmersdorf")


def _counts() -> tuple[int, int, int, int]:
    return (
        Offering.objects.count(),
        OfferingPlace.objects.count(),
        OfferingGoal.objects.count(),
        Offering.history.count(),
    )


def test_seeding_twice_keeps_the_same_offerings_places_links_and_history(demo_district):
    from offerings import demo

    before = _counts()
    assert demo.seed(demo_district) == [f"  Angebote: {before[0]}"]
    assert _counts() == before


def test_the_demo_has_about_forty_offerings_with_places_in_the_district(demo_district):
    offerings = Offering.objects.for_district(demo_district)
    assert 35 <= offerings.count() <= 45
    assert (
        not OfferingPlace.objects.exclude(area__district=demo_district)
        .exclude(area__isnull=True)
        .exists()
    )


def test_the_demo_has_its_deliberate_gaps(demo_district):
    offerings = Offering.objects.for_district(demo_district)
    assert not offerings.filter(target_groups__key="homeless").exists()
    assert not offerings.filter(places__area__code="04501045").exists()
    assert offerings.filter(status=Offering.Status.PAUSED).count() == 1
    assert 2 <= offerings.stale(timezone.localdate()).count() <= 3
    assert offerings.filter(languages__key="ar").count() <= 5
    north = offerings.filter(places__area__code__startswith="041001")
    assert not north.filter(
        category__key__in=["familienzentrum", "stadtteilmuetter", "fruehe-hilfen"]
    ).exists()
    assert offerings.filter(goal_links__isnull=False).distinct().count() >= 15
