from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts import demo_stakeholders
from districts.models import District, Membership, Sector, Stakeholder
from tests.factories import ActionGoalFactory, CurvePartnerFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def url(district: District, name: str = "stakeholders", **kwargs: object) -> str:
    return reverse(f"districts:{name}", kwargs={"district": district.slug, **kwargs})


def sector(key: str) -> Sector:
    return Sector.objects.get(key=key)


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "name": "Familienzentrum Lietzensee",
        "sector": str(sector("youth-welfare").pk),
        "kind": Stakeholder.Kind.INDEPENDENT_PROVIDER,
        "strategy_role": Stakeholder.StrategyRole.WORKING_GROUP,
        "contact_person": "Frau Demo",
        "email": "kontakt@familienzentrum.example",
        "phone": "030 1234 5678",
        "notes": "",
    }
    return {**data, **changes}


@pytest.fixture
def staff_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


@pytest.fixture
def viewer_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


@pytest.fixture
def jugendamt(district_a) -> Stakeholder:
    return StakeholderFactory(
        district=district_a,
        name="Jugendamt – RSD Nord",
        sector=sector("youth-welfare"),
        kind=Stakeholder.Kind.PUBLIC_OFFICE,
        strategy_role=Stakeholder.StrategyRole.STEERING_GROUP,
        contact_person="Frau Demo-Schulz",
        email="rsd@example.org",
        phone="030 1234 5601",
    )


# The page


def test_the_page_groups_organisations_by_sector_and_shows_empty_sectors_as_gaps(
    viewer_client, district_a, jugendamt
):
    StakeholderFactory(district=district_a, name="KJGD", sector=sector("health"))

    page = viewer_client.get(url(district_a)).text

    assert "Wer sitzt am Tisch?" in page
    sections = [
        page.index(f'id="sector-{key}"') for key in ("youth-welfare", "health", "education")
    ]
    assert sections[0] < page.index("Jugendamt – RSD Nord") < sections[1]
    assert sections[1] < page.index("KJGD") < sections[2]
    assert page.count("Noch niemand aus diesem Bereich") == 5
    assert 'id="sector-employment"' in page
    assert 'href="mailto:rsd@example.org"' in page
    assert 'href="tel:03012345601"' in page


def test_the_summary_counts_organisations_covered_sectors_and_roles(
    viewer_client, district_a, jugendamt
):
    StakeholderFactory(
        district=district_a,
        sector=sector("politics"),
        strategy_role=Stakeholder.StrategyRole.STEERING_GROUP,
    )
    StakeholderFactory(district=district_a, sector=sector("politics"))

    response = viewer_client.get(url(district_a))

    assert response.context["total"] == 3
    assert (response.context["sectors_covered"], response.context["sectors_total"]) == (2, 7)
    roles = dict(response.context["role_counts"])
    assert roles["Lenkungsgruppe"] == 2
    assert roles["Arbeitsgruppe"] == 1
    assert "2 von 7" in response.text


def test_staff_see_a_link_to_fill_a_gap_and_viewers_do_not(client, district_a, member, jugendamt):
    add_health = url(district_a, "stakeholder_add") + "?sector=health"
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    assert add_health in client.get(url(district_a)).text
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert add_health not in client.get(url(district_a)).text


def test_the_sector_filter_shows_only_that_sector(viewer_client, district_a, jugendamt):
    StakeholderFactory(district=district_a, name="KJGD", sector=sector("health"))

    page = viewer_client.get(url(district_a), {"sector": "health"}).text

    assert "KJGD" in page
    assert "Jugendamt – RSD Nord" not in page
    assert "Noch niemand aus diesem Bereich" not in page


def test_filtering_an_empty_sector_shows_its_gap(viewer_client, district_a, jugendamt):
    page = viewer_client.get(url(district_a), {"sector": "employment"}).text
    assert "Noch niemand aus diesem Bereich" in page
    assert "Jugendamt – RSD Nord" not in page


def test_the_role_filter_shows_only_that_role_and_hides_gaps(viewer_client, district_a, jugendamt):
    StakeholderFactory(
        district=district_a,
        name="KJGD",
        sector=sector("health"),
        strategy_role=Stakeholder.StrategyRole.WORKING_GROUP,
    )

    page = viewer_client.get(url(district_a), {"role": "steering_group"}).text

    assert "Jugendamt – RSD Nord" in page
    assert "KJGD" not in page
    assert "Noch niemand aus diesem Bereich" not in page


def test_the_text_search_finds_name_and_contact_person(viewer_client, district_a, jugendamt):
    StakeholderFactory(district=district_a, name="KJGD", contact_person="Herr Beispiel")

    by_name = viewer_client.get(url(district_a), {"q": "rsd nord"}).text
    by_contact = viewer_client.get(url(district_a), {"q": "beispiel"}).text

    assert "Jugendamt – RSD Nord" in by_name
    assert "KJGD" not in by_name
    assert "KJGD" in by_contact
    assert "Jugendamt – RSD Nord" not in by_contact


def test_an_unknown_filter_value_is_ignored(viewer_client, district_a, jugendamt):
    response = viewer_client.get(url(district_a), {"sector": "nonsense", "role": "boss"})
    assert response.status_code == 200
    assert "Jugendamt – RSD Nord" in response.text


def test_the_page_shows_only_the_own_districts_organisations(
    viewer_client, district_a, district_b, jugendamt
):
    StakeholderFactory(district=district_b, name="Jugendamt Lichtenberg")
    page = viewer_client.get(url(district_a)).text
    assert "Jugendamt Lichtenberg" not in page


def test_the_list_needs_the_same_number_of_queries_for_3_and_20_organisations(
    viewer_client, district_a
):
    sectors = list(Sector.objects.all())

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as context:
            assert viewer_client.get(url(district_a)).status_code == 200
        return len(context.captured_queries)

    for n in range(3):
        StakeholderFactory(district=district_a, sector=sectors[n % len(sectors)])
    with_three = queries_for_page()
    for n in range(17):
        StakeholderFactory(district=district_a, sector=sectors[n % len(sectors)])
    assert queries_for_page() == with_three
    assert with_three <= 10


# Detail


def test_the_detail_page_shows_contact_notes_and_the_goals_it_is_responsible_for(
    viewer_client, district_a, jugendamt
):
    jugendamt.notes = "Leitet die Steuerungsrunde."
    jugendamt.save()
    goal = ActionGoalFactory(district=district_a, title="Mehr Familien kennen das Elterncafé")
    goal.responsible.add(jugendamt)

    page = viewer_client.get(url(district_a, "stakeholder_detail", stakeholder=jugendamt.pk)).text

    assert "Frau Demo-Schulz" in page
    assert "Leitet die Steuerungsrunde." in page
    assert "Mehr Familien kennen das Elterncafé" in page
    assert f'href="/d/{district_a.slug}/ziele/{goal.pk}/"' in page


# Writing


def test_staff_add_an_organisation(staff_client, district_a):
    response = staff_client.post(url(district_a, "stakeholder_add"), form_data())
    assert response.status_code == 302
    assert response["Location"].endswith("#sector-youth-welfare")
    stakeholder = Stakeholder.objects.get(name="Familienzentrum Lietzensee")
    assert stakeholder.district == district_a
    assert stakeholder.email == "kontakt@familienzentrum.example"


def test_the_gap_link_preselects_the_sector(staff_client, district_a):
    response = staff_client.get(url(district_a, "stakeholder_add"), {"sector": "health"})
    assert response.context["form"].initial["sector"] == sector("health")


def test_a_coordinator_may_add_an_organisation_too(client, coordinator_a, district_a):
    client.force_login(coordinator_a.user)
    client.post(url(district_a, "stakeholder_add"), form_data())
    assert Stakeholder.objects.filter(name="Familienzentrum Lietzensee").exists()


def test_staff_edit_an_organisation(staff_client, district_a, jugendamt):
    response = staff_client.post(
        url(district_a, "stakeholder_edit", stakeholder=jugendamt.pk),
        form_data(name=jugendamt.name, sector=str(sector("health").pk), phone="030 999"),
    )
    assert response.status_code == 302
    jugendamt.refresh_from_db()
    assert (jugendamt.sector.key, jugendamt.phone) == ("health", "030 999")


def test_staff_delete_an_organisation_after_confirming(staff_client, district_a, jugendamt):
    delete_url = url(district_a, "stakeholder_delete", stakeholder=jugendamt.pk)
    assert staff_client.get(delete_url).status_code == 200
    assert Stakeholder.objects.filter(pk=jugendamt.pk).exists()
    assert staff_client.post(delete_url).status_code == 302
    assert not Stakeholder.objects.filter(pk=jugendamt.pk).exists()


def test_the_delete_page_says_which_goals_and_curves_still_name_the_organisation(
    staff_client, district_a, jugendamt
):
    ActionGoalFactory(district=district_a).responsible.add(jugendamt)
    ActionGoalFactory(district=district_a).responsible.add(jugendamt)
    CurvePartnerFactory(stakeholder=jugendamt, indicator__goal__district=district_a)

    page = staff_client.get(url(district_a, "stakeholder_delete", stakeholder=jugendamt.pk)).text

    assert "für 2 Ziele verantwortlich" in page
    assert "bei 1 Indikator Partnerin" in page


@pytest.mark.parametrize(
    ("name", "needs_object"),
    [("stakeholder_add", False), ("stakeholder_edit", True), ("stakeholder_delete", True)],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_viewers_may_not_change_organisations(
    viewer_client, district_a, jugendamt, name, needs_object, method
):
    kwargs = {"stakeholder": jugendamt.pk} if needs_object else {}
    response = getattr(viewer_client, method)(url(district_a, name, **kwargs), form_data())
    assert response.status_code == 403
    jugendamt.refresh_from_db()
    assert Stakeholder.objects.count() == 1
    assert jugendamt.sector.key == "youth-welfare"


@pytest.mark.parametrize(
    "name", ["stakeholders", "stakeholder_add", "stakeholder_detail", "stakeholder_edit"]
)
def test_outsiders_get_404(client, district_a, district_b, member, jugendamt, name):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    kwargs = (
        {"stakeholder": jugendamt.pk} if name in {"stakeholder_detail", "stakeholder_edit"} else {}
    )
    assert client.get(url(district_a, name, **kwargs)).status_code == 404


def test_an_organisation_of_another_district_is_not_found_through_ones_own(
    staff_client, district_a, district_b
):
    foreign = StakeholderFactory(district=district_b)
    edit = url(district_a, "stakeholder_edit", stakeholder=foreign.pk)
    assert staff_client.post(edit, form_data()).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name != "Familienzentrum Lietzensee"


# Bad input


def test_a_duplicate_name_is_refused_in_german_and_nothing_is_saved(
    staff_client, district_a, jugendamt
):
    response = staff_client.post(
        url(district_a, "stakeholder_add"), form_data(name="jugendamt – rsd nord")
    )
    assert response.status_code == 200
    assert "hat bereits eine Organisation namens" in response.text
    assert Stakeholder.objects.count() == 1


def test_the_same_name_is_fine_in_another_district(staff_client, district_a, district_b):
    StakeholderFactory(district=district_b, name="Familienzentrum Lietzensee")
    response = staff_client.post(url(district_a, "stakeholder_add"), form_data())
    assert response.status_code == 302
    assert Stakeholder.objects.filter(name="Familienzentrum Lietzensee").count() == 2


def test_keeping_the_own_name_when_editing_is_no_duplicate(staff_client, district_a, jugendamt):
    response = staff_client.post(
        url(district_a, "stakeholder_edit", stakeholder=jugendamt.pk),
        form_data(name=jugendamt.name),
    )
    assert response.status_code == 302


def test_an_invalid_email_is_refused_in_german(staff_client, district_a):
    response = staff_client.post(
        url(district_a, "stakeholder_add"), form_data(email="kontakt at familienzentrum")
    )
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in response.text
    assert not Stakeholder.objects.exists()


def test_an_inactive_sector_cannot_be_chosen(staff_client, district_a):
    retired = sector("politics")
    retired.is_active = False
    retired.save()
    response = staff_client.post(
        url(district_a, "stakeholder_add"), form_data(sector=str(retired.pk))
    )
    assert response.status_code == 200
    assert not Stakeholder.objects.exists()


def test_the_form_says_contact_data_is_personal_data(staff_client, district_a):
    page = staff_client.get(url(district_a, "stakeholder_add")).text
    assert "personenbezogene Daten" in page


# Demo


def test_the_demo_seed_is_idempotent_and_leaves_the_jobcenter_gap(district_a):
    assert demo_stakeholders.seed(district_a) == ["  Akteur*innen: 15"]
    demo_stakeholders.seed(district_a)
    stakeholders = Stakeholder.objects.for_district(district_a)
    assert stakeholders.count() == 15
    sectors = set(stakeholders.values_list("sector__key", flat=True))
    assert len(sectors) == 6
    assert "employment" not in sectors
    assert all(s.email.endswith("@example.org") for s in stakeholders)
