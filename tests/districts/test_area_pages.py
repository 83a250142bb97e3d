from __future__ import annotations

import pytest
from django.urls import reverse

from districts import demo_areas
from districts.importers import (
    area_import_apply,
    area_import_plan,
    indicator_import_apply,
    indicator_import_plan,
)
from districts.models import Area, AreaIndicatorValue, District, Membership

pytestmark = pytest.mark.django_db

MSS_NOTE = "Monitoring Soziale Stadtentwicklung 2021 (SenStadt, …), via Open Lifeworlds (CC BY 4.0)"


def list_url(district: District, **query: str) -> str:
    url = reverse("districts:areas", kwargs={"district": district.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def detail_url(area: Area) -> str:
    return reverse(
        "districts:area_detail", kwargs={"district": area.district.slug, "area": area.pk}
    )


def import_areas(data: bytes) -> None:
    area_import_apply(plan=area_import_plan(data=data))


def import_values(data: bytes) -> None:
    plan = indicator_import_plan(data=data)
    assert plan.is_clean, [str(p) for p in plan.problems]
    indicator_import_apply(plan=plan)


@pytest.fixture
def areas() -> None:
    import_areas(
        b"id,name\n0410,Charlottenburg Nord\n04100101,Jungfernheide\n04100102,Paul-Hertz\n"
    )
    import_values(
        (
            "area_id,key,year,value,source\n"
            f'04100101,child-poverty-mss,2020,"30,0","{MSS_NOTE}"\n'
            f'04100101,child-poverty-mss,2021,"43,97","{MSS_NOTE}"\n'
            "04100101,population-0-5,2021,812,Demo-Quelle\n"
            f'04100101,mss-status-class,2021,3,"{MSS_NOTE}"\n'
            f'04100102,child-poverty-mss,2021,"50,6","{MSS_NOTE}"\n'
        ).encode()
    )


@pytest.fixture
def viewer_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


def test_members_see_the_planning_areas_grouped_with_the_newest_values(
    viewer_client, district_a, areas
):
    text = viewer_client.get(list_url(district_a)).content.decode()

    assert "Charlottenburg Nord" in text
    assert "Jungfernheide" in text
    assert "04100101" in text
    assert "44,0 %" in text  # the newest year, not 2020's 30,0 %
    assert "30,0 %" not in text
    assert "812" in text
    assert "niedrig" in text
    assert "(2021)" in text


def test_the_list_shows_the_definition_and_the_attribution(viewer_client, district_a, areas):
    text = viewer_client.get(list_url(district_a)).content.decode()

    assert "SGB II" in text  # the definition of the MSS child poverty share
    assert "via Open Lifeworlds (CC BY 4.0)" in text
    assert "Demo-Quelle" in text


def test_placeholder_names_are_marked(viewer_client, district_a, areas):
    text = viewer_client.get(list_url(district_a)).content.decode()

    assert "Bezirksregion 041001 (Name noch unbekannt)" in text
    assert "Platzhalter" in text or "placeholder" in text


def test_the_level_can_be_switched_to_the_district_regions(viewer_client, district_a, areas):
    text = viewer_client.get(list_url(district_a, ebene="bezirksregion")).content.decode()

    assert "Bezirksregion 041001" in text
    assert "Jungfernheide" not in text


def test_the_list_makes_the_same_number_of_queries_for_many_areas(
    client, district_a, coordinator_a, django_assert_max_num_queries
):
    client.force_login(coordinator_a.user)
    import_areas(b"id,name\n04100101,A\n")
    import_values(b"area_id,key,year,value\n04100101,population-0-5,2021,10\n")
    with django_assert_max_num_queries(20) as few:
        client.get(list_url(district_a))
    rows = "".join(f"041{r:03d}{p:02d},PR {r} {p}\n" for r in range(1, 6) for p in range(1, 13))
    import_areas(("id,name\n" + rows).encode())
    values = "".join(
        f"041{r:03d}{p:02d},population-0-5,2021,{p}\n" for r in range(1, 6) for p in range(1, 13)
    )
    import_values(("area_id,key,year,value\n" + values).encode())

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(list_url(district_a))

    assert response.content.decode().count("PR 5 ") == 12


def test_the_empty_list_links_coordinators_to_the_import(client, coordinator_a):
    client.force_login(coordinator_a.user)

    text = client.get(list_url(coordinator_a.district)).content.decode()

    assert (
        reverse("districts:area_import", kwargs={"district": "charlottenburg-wilmersdorf"}) in text
    )


def test_the_empty_list_has_no_import_link_for_viewers(viewer_client, district_a):
    text = viewer_client.get(list_url(district_a)).content.decode()

    assert reverse("districts:area_import", kwargs={"district": district_a.slug}) not in text


def test_the_detail_page_shows_every_year_with_definition_source_and_neighbours(
    viewer_client, areas
):
    area = Area.objects.get(code="04100101")

    text = viewer_client.get(detail_url(area)).content.decode()

    assert "2020" in text
    assert "30,0 %" in text
    assert "44,0 %" in text
    assert "SGB II" in text
    assert "via Open Lifeworlds (CC BY 4.0)" in text
    assert detail_url(area.parent) in text
    assert detail_url(area.parent.parent) in text


def test_the_detail_page_of_a_forecast_area_lists_the_areas_below(viewer_client, areas):
    forecast_area = Area.objects.get(code="0410")

    text = viewer_client.get(detail_url(forecast_area)).content.decode()

    assert detail_url(Area.objects.get(code="041001")) in text
    assert detail_url(Area.objects.get(code="04100102")) in text


def test_an_area_of_another_district_is_not_found(viewer_client, district_a):
    import_areas(b"id,name\n11501341,Karlshorst Sued\n")
    foreign = Area.objects.get(code="11501341")

    url = reverse("districts:area_detail", kwargs={"district": district_a.slug, "area": foreign.pk})

    assert viewer_client.get(url).status_code == 404


def test_outsiders_get_404(client, district_a, district_b, member, areas):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)

    assert client.get(list_url(district_a)).status_code == 404
    assert client.get(detail_url(Area.objects.get(code="04100101"))).status_code == 404


@pytest.mark.parametrize("role", list(Membership.Role))
def test_every_member_reads_the_area_pages(client, district_a, member, role, areas):
    client.force_login(member(district_a, role).user)

    assert client.get(list_url(district_a)).status_code == 200
    assert client.get(detail_url(Area.objects.get(code="04100101"))).status_code == 200


def test_the_navigation_marks_the_area_pages(viewer_client, district_a):
    text = viewer_client.get(list_url(district_a)).content.decode()

    assert f'active" aria-current="page" href="{list_url(district_a)}"' in text


def test_the_demo_seed_imports_the_shipped_sample_and_is_idempotent(district_a):
    first = demo_areas.seed(district_a)
    counts = (Area.objects.count(), AreaIndicatorValue.objects.count())
    second = demo_areas.seed(district_a)

    assert first == second
    assert first[0].startswith("  Planungsräume: 52, Kennzahlen: ")
    assert (Area.objects.count(), AreaIndicatorValue.objects.count()) == counts
    assert set(AreaIndicatorValue.objects.values_list("source_note", flat=True)) == {
        "synthetische Demo-Werte (erfunden, keine amtlichen Zahlen)"
    }
