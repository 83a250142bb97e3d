from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from districts.models import Membership
from goals.models import CurveAction, CurvePartner
from tests.factories import (
    ActionGoalFactory,
    CurveActionFactory,
    CurvePartnerFactory,
    IndicatorFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


@pytest.fixture
def indicator(district_a):
    return IndicatorFactory(goal=ActionGoalFactory(district=district_a))


def url(name: str, district, **kwargs: object) -> str:
    return reverse(f"goals:{name}", kwargs={"district": district.slug, **kwargs})


def test_staff_writes_the_story_behind_the_curve_and_what_works(
    staff_client, district_a, indicator
):
    response = staff_client.post(
        url("curve_edit", district_a, indicator=indicator.pk),
        {"story": "Viele Familien kennen das Angebot nicht.", "what_works": "Stadtteilmütter."},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.story == "Viele Familien kennen das Angebot nicht."
    page = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert "Viele Familien kennen das Angebot nicht." in page.text
    assert "Stadtteilmütter." in page.text


def test_staff_adds_a_partner_with_a_role(staff_client, district_a, indicator):
    stakeholder = StakeholderFactory(district=district_a, name="Familienzentrum Mierendorff")
    response = staff_client.post(
        url("partner_add", district_a, indicator=indicator.pk),
        {"stakeholder": stakeholder.pk, "role": "Lädt zu Elterncafés ein"},
    )
    assert response.status_code == 302
    partner = CurvePartner.objects.get()
    assert (partner.indicator, partner.stakeholder) == (indicator, stakeholder)
    page = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert "Familienzentrum Mierendorff" in page.text
    assert "Lädt zu Elterncafés ein" in page.text


def test_the_same_partner_twice_is_refused_in_german(staff_client, district_a, indicator):
    stakeholder = StakeholderFactory(district=district_a, name="Jugendamt")
    CurvePartnerFactory(indicator=indicator, stakeholder=stakeholder)
    response = staff_client.post(
        url("partner_add", district_a, indicator=indicator.pk),
        {"stakeholder": stakeholder.pk, "role": "Noch einmal"},
    )
    assert response.status_code == 200
    assert "Jugendamt ist bereits Partner*in für diesen Indikator." in response.text
    assert CurvePartner.objects.count() == 1


def test_a_stakeholder_of_another_district_cannot_be_a_partner(
    staff_client, district_a, district_b, indicator
):
    foreign = StakeholderFactory(district=district_b)
    response = staff_client.post(
        url("partner_add", district_a, indicator=indicator.pk),
        {"stakeholder": foreign.pk, "role": "Rolle"},
    )
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.text
    assert CurvePartner.objects.count() == 0


def test_staff_plans_an_action_with_who_and_by_when(staff_client, district_a, indicator):
    stakeholder = StakeholderFactory(district=district_a)
    response = staff_client.post(
        url("action_add", district_a, indicator=indicator.pk),
        {
            "what": "Flyer in fünf Sprachen",
            "who": stakeholder.pk,
            "due_on": "2026-03-31",
            "status": CurveAction.Status.PLANNED,
        },
    )
    assert response.status_code == 302
    action = CurveAction.objects.get()
    assert (action.who, action.due_on) == (stakeholder, datetime.date(2026, 3, 31))


def test_an_action_cannot_be_given_to_a_stakeholder_of_another_district(
    staff_client, district_a, district_b, indicator
):
    response = staff_client.post(
        url("action_add", district_a, indicator=indicator.pk),
        {
            "what": "Flyer",
            "who": StakeholderFactory(district=district_b).pk,
            "status": CurveAction.Status.PLANNED,
        },
    )
    assert response.status_code == 200
    assert CurveAction.objects.count() == 0


def test_an_open_action_past_its_date_is_marked_overdue(staff_client, district_a, indicator):
    CurveActionFactory(indicator=indicator, what="Längst fällig", due_on=datetime.date(2020, 1, 1))
    CurveActionFactory(
        indicator=indicator,
        what="Erledigt",
        due_on=datetime.date(2020, 1, 1),
        status=CurveAction.Status.DONE,
    )
    page = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk)).text
    rows = page.split("<tbody>")[-1]
    overdue_row = rows.split("Längst fällig", 1)[1].split("</tr>", 1)[0]
    done_row = rows.split("Erledigt", 1)[1].split("</tr>", 1)[0]
    assert "überfällig" in overdue_row
    assert "überfällig" not in done_row


def test_staff_changes_and_deletes_an_action(staff_client, district_a, indicator):
    action = CurveActionFactory(indicator=indicator)
    staff_client.post(
        url("action_edit", district_a, action=action.pk),
        {"what": "Neu geplant", "status": CurveAction.Status.IN_PROGRESS},
    )
    action.refresh_from_db()
    assert (action.what, action.status) == ("Neu geplant", CurveAction.Status.IN_PROGRESS)
    staff_client.post(url("action_delete", district_a, action=action.pk))
    assert CurveAction.objects.count() == 0


def test_staff_removes_a_partner(staff_client, district_a, indicator):
    partner = CurvePartnerFactory(indicator=indicator)
    response = staff_client.post(url("partner_delete", district_a, partner=partner.pk))
    assert response.status_code == 302
    assert CurvePartner.objects.count() == 0


def sheet_write_urls(district, indicator, partner, action) -> list[str]:
    return [
        url("curve_edit", district, indicator=indicator.pk),
        url("partner_add", district, indicator=indicator.pk),
        url("partner_delete", district, partner=partner.pk),
        url("action_add", district, indicator=indicator.pk),
        url("action_edit", district, action=action.pk),
        url("action_delete", district, action=action.pk),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.VIEWER, 403),
        (Membership.Role.STAFF, 200),
        (Membership.Role.COORDINATOR, 200),
    ],
)
def test_only_staff_and_coordinators_open_the_sheet_forms(
    client, district_a, member, indicator, role, status
):
    partner = CurvePartnerFactory(indicator=indicator)
    action = CurveActionFactory(indicator=indicator)
    client.force_login(member(district_a, role).user)
    for write_url in sheet_write_urls(district_a, indicator, partner, action):
        assert client.get(write_url).status_code == status, write_url


def test_viewers_cannot_post_to_the_sheet(client, district_a, member, indicator):
    partner = CurvePartnerFactory(indicator=indicator)
    action = CurveActionFactory(indicator=indicator)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    for write_url in sheet_write_urls(district_a, indicator, partner, action):
        assert client.post(write_url, {"what": "x", "story": "x"}).status_code == 403, write_url
    assert (CurvePartner.objects.count(), CurveAction.objects.count()) == (1, 1)


def test_outsider_gets_404_for_partners_and_actions(
    client, district_a, district_b, member, indicator
):
    partner = CurvePartnerFactory(indicator=indicator)
    action = CurveActionFactory(indicator=indicator)
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    for write_url in sheet_write_urls(district_a, indicator, partner, action):
        assert client.get(write_url).status_code == 404, write_url
