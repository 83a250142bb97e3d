"""The coverage and gap page as members see it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import Area, Membership
from offerings.models import Offering
from tests.factories import OfferingFactory, OfferingPlaceFactory, UserFactory
from tests.offerings.test_gaps import build_example

pytestmark = pytest.mark.django_db


def url(district, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("offerings:gaps", kwargs={"district": district.slug}) + (
        f"?{query}" if query else ""
    )


@pytest.fixture
def example(district_a, district_b):
    return build_example(district_a, district_b)


@pytest.fixture
def viewer(client, district_a, member):
    membership = member(district_a, Membership.Role.VIEWER)
    client.force_login(membership.user)
    return membership


def test_viewer_sees_the_page_with_every_section(client, viewer, example, district_a):
    response = client.get(url(district_a))

    assert response.status_code == 200
    for anchor in ["ziele", "gebiete", "zielgruppen", "sprachen", "karte"]:
        assert f'id="{anchor}"' in response.content.decode()


def test_page_lists_the_gaps_of_the_high_poverty_planning_area(client, viewer, example, district_a):
    response = client.get(url(district_a, ebene="planungsraum"))
    gaps = response.context["gap_entries"]

    assert [
        (row.area.name, [c.key for c in missing], [c.key for c in reached])
        for row, missing, reached in gaps
    ] == [("Nordufer", ["stadtteilmuetter", "fruehe-hilfen"], ["erziehungsberatung"])]
    html = response.content.decode()
    gap_list = html[html.index('class="gap-list"') :]
    gap_list = gap_list[: gap_list.index("</ul>")]
    assert "Nordufer" in gap_list
    assert "kein Angebot" in gap_list
    assert "Stadtteilmütter" in gap_list
    assert "Südpark" not in gap_list


def test_a_threshold_in_the_address_widens_the_gaps(client, viewer, example, district_a):
    response = client.get(url(district_a, ebene="planungsraum", schwelle="25"))

    assert [row.area.name for row, *_ in response.context["gap_entries"]] == [
        "Nordufer",
        "Südpark",
    ]
    assert "die Sie gewählt haben" in response.content.decode()


def test_an_unusable_threshold_falls_back_to_the_median(client, viewer, example, district_a):
    response = client.get(url(district_a, ebene="planungsraum", schwelle="viel"))

    assert response.context["coverage"].threshold_is_median
    assert response.context["threshold_invalid"]


def test_bezirksregion_is_the_default_level(client, viewer, example, district_a):
    response = client.get(url(district_a))

    assert response.context["level"] == Area.Level.BEZIRKSREGION


def test_goal_and_target_group_gaps_are_marked(client, viewer, example, district_a):
    response = client.get(url(district_a))
    html = response.content.decode()

    assert "G3 Mehr Hausbesuche" in html
    assert "G5 Aufgegeben" not in html
    assert "2 aktuelle Ziele haben kein aktives Angebot" in html
    assert "Lücke: kein Angebot" in html


def test_only_this_districts_offerings_are_counted(client, viewer, example, district_a, district_b):
    OfferingFactory.create_batch(3, district=district_b)

    response = client.get(url(district_a))

    assert response.context["total"] == 5
    assert "Fremdes Familienzentrum" not in response.content.decode()


def test_stale_offerings_are_marked_where_they_are_listed(client, viewer, example, district_a):
    Offering.objects.filter(name="Erziehungsberatung").update(
        last_confirmed_on=timezone.localdate() - datetime.timedelta(days=400)
    )

    html = client.get(url(district_a)).content.decode()

    assert "Seit 12 Monaten nicht bestätigt" in html


def test_without_shapes_the_map_section_explains_when_it_appears(
    client, example, district_a, coordinator_a
):
    client.force_login(coordinator_a.user)

    response = client.get(url(district_a))

    assert response.context["map_chart"] is None
    assert reverse("districts:area_import", kwargs={"district": district_a.slug}) in (
        response.content.decode()
    )


def test_with_shapes_the_page_carries_the_map_figure(client, viewer, example, district_a):
    Area.objects.filter(code="04100101").update(
        geometry={
            "type": "Polygon",
            "coordinates": [[[13.3, 52.5], [13.31, 52.5], [13.31, 52.51], [13.3, 52.5]]],
        }
    )

    response = client.get(url(district_a))

    assert response.context["map_chart"] is not None
    assert 'id="gap-map"' in response.content.decode()


def test_page_without_any_areas_or_offerings_still_renders(client, district_b, member):
    client.force_login(member(district_b, Membership.Role.VIEWER).user)

    response = client.get(url(district_b))

    assert response.status_code == 200
    assert response.context["coverage"] is None


def test_outsider_gets_404(client, example, district_a, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)

    assert client.get(url(district_a)).status_code == 404


def test_anonymous_visitor_is_sent_to_the_login(client, district_a):
    response = client.get(url(district_a))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "role",
    [
        Membership.Role.VIEWER,
        Membership.Role.PROVIDER,
        Membership.Role.STAFF,
        Membership.Role.COORDINATOR,
    ],
)
def test_every_member_may_read_the_page_and_nobody_may_post(client, district_a, member, role):
    client.force_login(member(district_a, role).user)

    assert client.get(url(district_a)).status_code == 200
    assert client.post(url(district_a)).status_code == 405


def test_superuser_reads_every_district(client, district_b):
    client.force_login(UserFactory(is_superuser=True))

    assert client.get(url(district_b)).status_code == 200


@pytest.mark.parametrize("extra", [0, 27])
def test_page_needs_the_same_queries_for_3_or_30_offerings(
    client, viewer, example, district_a, extra, django_assert_max_num_queries
):
    for n in range(extra):
        offering = OfferingFactory(district=district_a, name=f"Zusatz {n}")
        OfferingPlaceFactory(offering=offering, area=example.areas["Südpark"])

    with django_assert_max_num_queries(40):
        response = client.get(url(district_a, ebene="planungsraum"))
    assert response.status_code == 200
