from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from districts.models import Membership
from goals.models import Indicator, IndicatorValue
from tests.factories import ActionGoalFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(district_a, member):
    return member(district_a, Membership.Role.STAFF)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff.user)
    return client


@pytest.fixture
def goal(district_a):
    return ActionGoalFactory(district=district_a)


@pytest.fixture
def indicator(goal):
    return IndicatorFactory(goal=goal)


def url(name: str, district, **kwargs: object) -> str:
    return reverse(f"goals:{name}", kwargs={"district": district.slug, **kwargs})


def indicator_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Anteil der Familien, die den Kinderzuschlag beantragen",
        "unit": Indicator.Unit.PERCENT,
        "direction": Indicator.Direction.HIGHER,
        "kind": Indicator.Kind.BETTER_OFF,
        "impact_level": Indicator.ImpactLevel.BEHAVIOUR,
        "baseline_value": "30",
        "baseline_on": "2025-01-01",
        "target_value": "50",
        "target_on": "2027-12-31",
        "source": Indicator.Source.STATISTICS,
        "source_note": "Familienkasse 2025",
    }
    data.update(overrides)
    return data


def test_indicator_page_shows_on_track_the_chart_and_the_values_table(
    staff_client, district_a, indicator, staff
):
    IndicatorValueFactory(indicator=indicator, value=28.0, entered_by=staff.user)
    response = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert response.status_code == 200
    assert 'data-state="on_track"' in response.text
    assert "Auf Kurs" in response.text
    assert f'data-plotly-figure="indicator-chart-{indicator.pk}"' in response.text
    assert "plotly-basic.min.js" in response.text
    assert "30.06.2025" in response.text
    assert staff.user.get_full_name() in response.text


def test_indicator_below_the_target_line_is_off_track(staff_client, district_a, indicator):
    IndicatorValueFactory(indicator=indicator, value=21.0)
    response = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert 'data-state="off_track"' in response.text
    assert "Nicht auf Kurs" in response.text


def test_indicator_without_values_says_there_is_no_data(staff_client, district_a, indicator):
    response = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert 'data-state="no_data"' in response.text
    assert "Keine Daten" in response.text


def test_indicator_page_shows_the_rba_question_and_marks_the_impact_step(
    staff_client, district_a, goal
):
    indicator = IndicatorFactory(
        goal=goal, kind=Indicator.Kind.HOW_MUCH, impact_level=Indicator.ImpactLevel.ACCEPTED
    )
    response = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert "Wie viel haben wir getan?" in response.text
    current = response.text.split('aria-current="true"', 1)[1].split("</li>", 1)[0]
    assert "Zielgruppen akzeptieren Angebote" in current


def test_indicator_page_links_to_its_goal(staff_client, district_a, indicator):
    response = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert url("detail", district_a, goal=indicator.goal.pk) in response.text


def test_staff_adds_an_indicator_to_a_goal(staff_client, district_a, goal):
    response = staff_client.post(url("indicator_add", district_a, goal=goal.pk), indicator_data())
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("indicator_detail", district_a, indicator=indicator.pk)
    assert indicator.goal == goal
    assert indicator.baseline_on == datetime.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"baseline_value": "120"}, "Ein Prozentwert liegt zwischen 0 und 100."),
        ({"target_value": "-5"}, "Ein Prozentwert liegt zwischen 0 und 100."),
        (
            {"target_on": "2024-06-30"},
            "Das Zieldatum muss nach dem Datum des Ausgangswerts liegen.",
        ),
        (
            {"unit": Indicator.Unit.COUNT, "baseline_value": "-3"},
            "Dieser Wert kann nicht negativ sein.",
        ),
    ],
    ids=["percent-over-100", "percent-below-0", "target-before-baseline", "negative-count"],
)
def test_bad_indicator_input_is_refused_in_german_and_nothing_is_saved(
    staff_client, district_a, goal, overrides, message
):
    response = staff_client.post(
        url("indicator_add", district_a, goal=goal.pk), indicator_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.text
    assert Indicator.objects.count() == 0


def test_a_goal_of_another_district_cannot_get_an_indicator(staff_client, district_a, district_b):
    foreign_goal = ActionGoalFactory(district=district_b)
    response = staff_client.post(
        url("indicator_add", district_a, goal=foreign_goal.pk), indicator_data()
    )
    assert response.status_code == 404
    assert Indicator.objects.count() == 0


def test_editing_an_indicator_is_kept_in_its_history(staff_client, district_a, indicator, staff):
    before = indicator.history.count()
    response = staff_client.post(
        url("indicator_edit", district_a, indicator=indicator.pk),
        indicator_data(name="Neuer Name"),
    )
    assert response.status_code == 302
    assert indicator.history.count() == before + 1
    assert indicator.history.first().history_user == staff.user
    page = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert "Änderungsverlauf" in page.text


def test_value_entry_records_who_entered_it(staff_client, district_a, indicator, staff):
    response = staff_client.post(
        url("value_add", district_a, indicator=indicator.pk),
        {"measured_on": "2025-12-31", "value": "31.5", "source_note": "Eigene Zählung"},
    )
    value = IndicatorValue.objects.get()
    assert response.status_code == 302
    assert value.entered_by == staff.user
    assert value.value == 31.5
    assert value.indicator == indicator


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        (Indicator.Unit.PERCENT, "101", "Ein Prozentwert liegt zwischen 0 und 100."),
        (Indicator.Unit.PEOPLE, "-1", "Dieser Wert kann nicht negativ sein."),
    ],
    ids=["percent-over-100", "negative-people"],
)
def test_a_value_outside_the_unit_is_refused_and_not_saved(
    staff_client, district_a, goal, unit, value, message
):
    indicator = IndicatorFactory(goal=goal, unit=unit, baseline_value=1, target_value=2)
    response = staff_client.post(
        url("value_add", district_a, indicator=indicator.pk),
        {"measured_on": "2025-12-31", "value": value},
    )
    assert response.status_code == 200
    assert message in response.text
    assert IndicatorValue.objects.count() == 0


def test_staff_deletes_a_value_after_confirming(staff_client, district_a, indicator):
    value = IndicatorValueFactory(indicator=indicator)
    delete_url = url("value_delete", district_a, value=value.pk)
    assert "Diesen Wert löschen?" in staff_client.get(delete_url).text
    response = staff_client.post(delete_url)
    assert response["Location"].startswith(
        url("indicator_detail", district_a, indicator=indicator.pk)
    )
    assert IndicatorValue.objects.count() == 0


def test_staff_deletes_an_indicator_with_its_values(staff_client, district_a, indicator):
    IndicatorValueFactory(indicator=indicator)
    response = staff_client.post(url("indicator_delete", district_a, indicator=indicator.pk))
    assert response.status_code == 302
    assert Indicator.objects.count() == 0
    assert IndicatorValue.objects.count() == 0


def test_indicator_page_needs_no_query_per_value(
    staff_client, district_a, indicator, django_assert_max_num_queries
):
    for year in range(2015, 2025):
        IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(year, 6, 30))
    with django_assert_max_num_queries(16):
        response = staff_client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert response.status_code == 200


def write_urls(district, indicator, value) -> list[str]:
    return [
        url("indicator_add", district, goal=indicator.goal.pk),
        url("indicator_edit", district, indicator=indicator.pk),
        url("indicator_delete", district, indicator=indicator.pk),
        url("value_add", district, indicator=indicator.pk),
        url("value_delete", district, value=value.pk),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.VIEWER, 403),
        (Membership.Role.STAFF, 200),
        (Membership.Role.COORDINATOR, 200),
    ],
)
def test_only_staff_and_coordinators_open_the_indicator_forms(
    client, district_a, member, indicator, role, status
):
    value = IndicatorValueFactory(indicator=indicator)
    client.force_login(member(district_a, role).user)
    for write_url in write_urls(district_a, indicator, value):
        assert client.get(write_url).status_code == status, write_url


def test_viewers_read_the_sheet_but_change_nothing(client, district_a, member, indicator):
    value = IndicatorValueFactory(indicator=indicator)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    page = client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert page.status_code == 200
    assert url("value_delete", district_a, value=value.pk) not in page.text
    for write_url in write_urls(district_a, indicator, value):
        assert client.post(write_url, indicator_data()).status_code == 403, write_url
    assert IndicatorValue.objects.count() == 1
    assert Indicator.objects.get().name == indicator.name


def test_outsider_gets_404_for_an_indicator(client, district_a, district_b, member, indicator):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    response = client.get(url("indicator_detail", district_a, indicator=indicator.pk))
    assert response.status_code == 404


def test_an_indicator_of_another_district_is_404_under_the_own_address(
    client, district_a, district_b, member
):
    foreign = IndicatorFactory(goal=ActionGoalFactory(district=district_b))
    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)
    assert client.get(url("indicator_detail", district_a, indicator=foreign.pk)).status_code == 404
    assert client.post(url("value_add", district_a, indicator=foreign.pk)).status_code == 404
