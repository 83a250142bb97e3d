from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from districts.models import Membership
from mitwirkung.disclosure.cells import HIDDEN, SHOWN, SMALL
from surveys.models import CollectionPointDay, Response
from surveys.response_stats import (
    collection_points_with_counts,
    completion_rate,
    daily_counts,
    language_mix,
    response_window,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2025, 3, 3)
TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture
def survey(district_a):
    return f.SurveyFactory(district=district_a, languages=["en", "ar", "tr"])


@pytest.fixture
def points(survey):
    cafe = f.CollectionPointFactory(survey=survey, kind="event", label="Elterncafé")
    online = f.CollectionPointFactory(survey=survey, kind="online")
    return cafe, online


def answer(point, day, n=1, **fields):
    return f.ResponseFactory.create_batch(n, collection_point=point, submitted_on=day, **fields)


def responses_url(survey):
    return reverse(
        "surveys:responses", kwargs={"district": survey.district.slug, "survey": survey.pk}
    )


def test_responses_are_counted_per_collection_point(survey, points):
    cafe, online = points
    answer(cafe, MONDAY, 3)
    answer(online, TUESDAY, 2)
    answer(cafe, TUESDAY, 1)
    f.ResponseFactory()  # another survey
    counts = {p.pk: p.response_count for p in collection_points_with_counts(survey)}
    assert counts == {cafe.pk: 4, online.pk: 2}


def test_starts_are_summed_over_the_days_without_multiplying_by_responses(survey, points):
    cafe, online = points
    answer(cafe, MONDAY, 3)
    CollectionPointDay.objects.create(collection_point=cafe, day=MONDAY, starts=5)
    CollectionPointDay.objects.create(collection_point=cafe, day=TUESDAY, starts=3)
    rows = {p.pk: p for p in collection_points_with_counts(survey)}
    assert rows[cafe.pk].starts == 8
    assert rows[cafe.pk].response_count == 3
    assert rows[online.pk].starts == 0


def test_paper_responses_do_not_count_towards_the_completion_rate(survey, points):
    cafe, _online = points
    answer(cafe, MONDAY, 2)
    answer(cafe, MONDAY, 3, channel=Response.Channel.PAPER)
    row = collection_points_with_counts(survey).get(pk=cafe.pk)
    assert row.response_count == 5
    assert row.link_responses == 2


def test_completion_rate_is_responses_per_start_and_empty_without_starts():
    assert completion_rate(3, 4) == pytest.approx(75.0)
    assert completion_rate(0, 0) is None
    assert completion_rate(2, 0) is None


def test_daily_counts_are_per_day_and_collection_point_newest_first(survey, points):
    cafe, online = points
    answer(cafe, MONDAY, 3)
    answer(online, MONDAY, 1)
    answer(online, TUESDAY, 2)
    answer(cafe, MONDAY - datetime.timedelta(days=2), 1)
    days = daily_counts(survey, list(points), MONDAY, TUESDAY)
    assert [row.day for row in days.rows] == [TUESDAY, MONDAY]
    assert [(row.counts, row.total) for row in days.rows] == [([0, 2], 2), ([3, 1], 4)]


def test_days_without_responses_and_unused_collection_points_are_left_out(survey, points):
    cafe, _online = points
    answer(cafe, MONDAY, 1)
    answer(cafe, MONDAY + datetime.timedelta(days=5), 1)
    days = daily_counts(survey, list(points), MONDAY, MONDAY + datetime.timedelta(days=6))
    assert len(days.rows) == 2
    assert days.collection_points == [cafe]


def test_the_window_is_eight_weeks_up_to_the_latest_response(survey, points):
    answer(points[0], MONDAY, 1)
    first, last = response_window(survey, today=MONDAY + datetime.timedelta(days=100))
    assert last == MONDAY
    assert (last - first).days == 55


def test_the_window_does_not_start_before_the_survey_opened(survey, points):
    survey.opens_on = MONDAY - datetime.timedelta(days=10)
    survey.save()
    answer(points[0], MONDAY, 1)
    assert response_window(survey, today=MONDAY) == (survey.opens_on, MONDAY)


def test_without_responses_the_window_ends_today(survey):
    first, last = response_window(survey, today=MONDAY)
    assert last == MONDAY
    assert first == MONDAY - datetime.timedelta(days=55)


def test_the_language_mix_lists_every_offered_language_german_first(survey, points):
    answer(points[0], MONDAY, 12, language="de")
    answer(points[0], MONDAY, 6, language="ar")
    mix = language_mix(survey)
    assert [row.code for row in mix.rows] == ["de", "tr", "ar", "en"]
    assert [row.cell.value for row in mix.rows][:1] == [12]


def test_a_small_language_group_is_suppressed_with_a_second_cell(survey, points):
    answer(points[0], MONDAY, 12, language="de")
    answer(points[0], MONDAY, 7, language="tr")
    answer(points[0], MONDAY, 2, language="ar")
    answer(points[0], MONDAY, 9, language="en")
    mix = {row.code: row.cell for row in language_mix(survey).rows}
    assert mix["ar"].reason == SMALL
    assert mix["ar"].value is None
    # One hidden cell could be recomputed from the total: the next-smallest goes too.
    assert mix["tr"].reason == HIDDEN
    assert mix["tr"].value is None
    assert mix["de"].reason == SHOWN
    assert mix["en"].value == 9


def test_language_shares_appear_only_from_ten_responses(survey, points):
    answer(points[0], MONDAY, 5, language="de")
    answer(points[0], MONDAY, 4, language="en")
    assert language_mix(survey).rows[0].cell.percent is None
    answer(points[0], MONDAY, 1, language="en")
    assert language_mix(survey).rows[0].cell.percent == pytest.approx(50.0)


def test_a_small_language_is_not_revealed_by_the_total_beside_a_hidden_zero(survey, points):
    # 6 German and 4 English of 10: hiding a language with 0 answers would leave
    # English = 10 − 6 − 0 = 4 to work out, so German is hidden instead.
    answer(points[0], MONDAY, 6, language="de")
    answer(points[0], MONDAY, 4, language="en")
    cells = {row.code: row.cell for row in language_mix(survey).rows}
    assert cells["en"].is_small
    assert cells["de"].is_hidden
    assert cells["de"].value is None


def test_a_language_no_longer_offered_still_counts(survey, points):
    answer(points[0], MONDAY, 6, language="pl")
    codes = [row.code for row in language_mix(survey).rows]
    assert codes[-1] == "pl"


def test_the_responses_page_shows_counts_rates_and_the_suppressed_language_mix(
    client, survey, points, member
):
    cafe, online = points
    answer(cafe, MONDAY, 8, language="de")
    answer(online, TUESDAY, 3, language="ar")
    CollectionPointDay.objects.create(collection_point=cafe, day=MONDAY, starts=10)
    client.force_login(member(survey.district, Membership.Role.VIEWER).user)
    response = client.get(responses_url(survey))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["total"] == 11
    assert "80 %" in html  # 8 of 10 who started at the café
    assert "weniger als 5" in html
    assert "verborgen" in html
    assert "Teilnahmezahlen" in html
    # A viewer gets no export.
    assert "export.csv" not in html


def test_a_coordinator_sees_the_export_buttons(client, survey, coordinator_a):
    client.force_login(coordinator_a.user)
    html = client.get(responses_url(survey)).content.decode()
    assert (
        reverse(
            "surveys:export_csv", kwargs={"district": survey.district.slug, "survey": survey.pk}
        )
        in html
    )
    assert "innerhalb der Verwaltung" in html


def test_outsider_gets_404_for_the_responses(client, survey, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(responses_url(survey)).status_code == 404


def test_the_responses_page_needs_no_query_per_collection_point_or_day(
    client, survey, points, coordinator_a, django_assert_max_num_queries
):
    client.force_login(coordinator_a.user)
    answer(points[0], MONDAY, 2)
    with django_assert_max_num_queries(20) as few:
        client.get(responses_url(survey))
    for offset in range(10):
        point = f.CollectionPointFactory(survey=survey)
        answer(point, MONDAY - datetime.timedelta(days=offset), 2, language="ar")
        CollectionPointDay.objects.create(collection_point=point, day=MONDAY, starts=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(responses_url(survey))
