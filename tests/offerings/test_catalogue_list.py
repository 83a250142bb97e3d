from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from districts.models import Area, Language, Membership, Sector
from goals.models import LifePhase, TargetGroup
from offerings.models import Offering, OfferingCategory
from tests import factories as f

pytestmark = pytest.mark.django_db


def catalogue(district, **params):
    return reverse("offerings:catalogue", kwargs={"district": district.slug}), params


@pytest.fixture
def viewer_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


def names(response):
    return {o.name for o in response.context["offerings"]}


def get(client, district, **params):
    url, query = catalogue(district, **params)
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def test_outsider_gets_404_for_the_catalogue(client, district_a, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(reverse("offerings:catalogue", args=[district_a.slug])).status_code == 404


def test_the_catalogue_shows_active_offerings_with_their_count(viewer_client, district_a):
    f.OfferingFactory(district=district_a, name="Elterncafé Nord")
    f.OfferingFactory(district=district_a, name="Schon vorbei", status=Offering.Status.ENDED)
    response = get(viewer_client, district_a)
    assert names(response) == {"Elterncafé Nord"}
    assert "1 aktives Angebot" in response.content.decode()


def test_the_status_filter_shows_ended_offerings_or_all(viewer_client, district_a):
    f.OfferingFactory(district=district_a, name="Läuft")
    f.OfferingFactory(district=district_a, name="Vorbei", status=Offering.Status.ENDED)
    assert names(get(viewer_client, district_a, status="ended")) == {"Vorbei"}
    assert names(get(viewer_client, district_a, status="all")) == {"Läuft", "Vorbei"}


def test_the_catalogue_shows_no_offering_of_another_district(viewer_client, district_a, district_b):
    f.OfferingFactory(district=district_b, name="In Lichtenberg")
    assert names(get(viewer_client, district_a)) == set()


def test_text_search_finds_name_description_and_provider(viewer_client, district_a):
    provider = f.StakeholderFactory(district=district_a, name="Kiezküche e. V.")
    f.OfferingFactory(district=district_a, name="Babytreff")
    f.OfferingFactory(district=district_a, name="Lernhilfe", description="Hausaufgaben im Kiez")
    f.OfferingFactory(district=district_a, name="Mittagstisch", provider=provider)
    assert names(get(viewer_client, district_a, q="baby")) == {"Babytreff"}
    assert names(get(viewer_client, district_a, q="hausaufgaben")) == {"Lernhilfe"}
    assert names(get(viewer_client, district_a, q="kiezküche")) == {"Mittagstisch"}


def test_filters_by_category_sector_target_group_life_phase_language_and_cost(
    viewer_client, district_a
):
    category = OfferingCategory.objects.exclude(key="familienzentrum").first()
    sector = Sector.objects.exclude(key="youth-welfare").first()
    group = TargetGroup.objects.first()
    phase = LifePhase.objects.first()
    language = Language.objects.get(key="tr")
    match = {
        "category": f.OfferingFactory(district=district_a, name="K", category=category),
        "sector": f.OfferingFactory(district=district_a, name="S", sector=sector),
        "cost": f.OfferingFactory(district=district_a, name="C", cost=Offering.Cost.FEE),
    }
    f.OfferingFactory(district=district_a, name="Anderes")
    grouped = f.OfferingFactory(district=district_a, name="G")
    grouped.target_groups.add(group)
    phased = f.OfferingFactory(district=district_a, name="P")
    phased.life_phases.add(phase)
    spoken = f.OfferingFactory(district=district_a, name="L")
    spoken.languages.add(language)

    assert names(get(viewer_client, district_a, category=category.pk)) == {match["category"].name}
    assert names(get(viewer_client, district_a, sector=sector.pk)) == {"S"}
    assert names(get(viewer_client, district_a, cost="fee")) == {"C"}
    assert names(get(viewer_client, district_a, target_group=group.pk)) == {"G"}
    assert names(get(viewer_client, district_a, life_phase=phase.pk)) == {"P"}
    assert names(get(viewer_client, district_a, language=language.pk)) == {"L"}


def test_the_area_filter_finds_places_there_and_district_wide_and_mobile_offerings(
    viewer_client, district_a
):
    region = f.AreaFactory(district=district_a, code="04010101", level=Area.Level.PLANUNGSRAUM)
    other = f.AreaFactory(district=district_a, code="04010102", level=Area.Level.PLANUNGSRAUM)
    f.OfferingPlaceFactory(offering__district=district_a, offering__name="Hier", area=region)
    f.OfferingPlaceFactory(offering__district=district_a, offering__name="Dort", area=other)
    f.OfferingFactory(district=district_a, name="Überall", is_district_wide=True)
    f.OfferingFactory(district=district_a, name="Aufsuchend", is_mobile=True)
    f.OfferingFactory(district=district_a, name="Ohne Ort")
    assert names(get(viewer_client, district_a, area=region.pk)) == {
        "Hier",
        "Überall",
        "Aufsuchend",
    }


def test_the_goal_filter_finds_offerings_linked_to_the_goal(viewer_client, district_a):
    link = f.OfferingGoalFactory(offering__district=district_a, offering__name="Beiträgt")
    f.OfferingFactory(district=district_a, name="Ohne Ziel")
    assert names(get(viewer_client, district_a, goal=link.goal_id)) == {"Beiträgt"}


def test_the_stale_filter_shows_only_offerings_not_confirmed_for_a_year(viewer_client, district_a):
    old = timezone.localdate() - datetime.timedelta(days=400)
    f.OfferingFactory(district=district_a, name="Alt", last_confirmed_on=old)
    f.OfferingFactory(district=district_a, name="Frisch")
    response = get(viewer_client, district_a, stale="on")
    assert names(response) == {"Alt"}
    assert "Veraltet" in response.content.decode()


def test_a_filter_with_another_districts_goal_is_ignored_not_an_error(
    viewer_client, district_a, district_b
):
    f.OfferingFactory(district=district_a, name="Da")
    foreign_goal = f.ActionGoalFactory(district=district_b)
    assert names(get(viewer_client, district_a, goal=foreign_goal.pk)) == {"Da"}


def test_a_pending_offering_is_hidden_from_a_viewer(viewer_client, district_a):
    f.OfferingFactory(
        district=district_a, name="Wartet", review_status=Offering.ReviewStatus.PENDING
    )
    assert names(get(viewer_client, district_a)) == set()


def test_a_pending_offering_shows_to_the_coordinator_with_a_badge(
    client, district_a, coordinator_a
):
    f.OfferingFactory(
        district=district_a, name="Wartet", review_status=Offering.ReviewStatus.PENDING
    )
    client.force_login(coordinator_a.user)
    response = get(client, district_a)
    assert names(response) == {"Wartet"}
    assert "Wartet auf Prüfung" in response.content.decode()


def test_a_pending_offering_shows_to_its_own_provider(client, district_a):
    provider = f.StakeholderFactory(district=district_a)
    membership = f.MembershipFactory(
        district=district_a, role=Membership.Role.PROVIDER, stakeholder=provider
    )
    f.OfferingFactory(
        district=district_a,
        name="Eigenes",
        provider=provider,
        review_status=Offering.ReviewStatus.PENDING,
    )
    f.OfferingFactory(
        district=district_a, name="Fremdes", review_status=Offering.ReviewStatus.PENDING
    )
    client.force_login(membership.user)
    assert names(get(client, district_a)) == {"Eigenes"}


def _rich_offerings(district, count):
    area = f.AreaFactory(district=district)
    language = Language.objects.get(key="ar")
    group = TargetGroup.objects.first()
    for _ in range(count):
        offering = f.OfferingFactory(district=district)
        offering.languages.add(language)
        offering.target_groups.add(group)
        f.OfferingPlaceFactory(offering=offering, area=area)
        f.OfferingPlaceFactory(offering=offering)


def test_the_catalogue_needs_no_query_per_offering(
    client, district_a, coordinator_a, django_assert_max_num_queries
):
    client.force_login(coordinator_a.user)
    url = reverse("offerings:catalogue", args=[district_a.slug])
    _rich_offerings(district_a, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _rich_offerings(district_a, 17)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["offerings"]) == 20
