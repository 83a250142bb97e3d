"""The dashboards render a stored snapshot: roles, scoping, filters, small cells, captions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from districts.models import Membership
from reports.models import ReportSnapshot
from tests.factories import AnswerFactory, ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a, title="Was erreicht Familien im Kiez?")


@pytest.fixture
def snapshot(survey):
    return ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))


@pytest.fixture
def viewer_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


def survey_url(survey, **params):
    url = reverse("reports:survey_dashboard", args=[survey.district.slug, survey.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def page_text(response) -> str:
    """The visible text: tags and the JSON of the figures stripped, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"[ \t\r\n]+", " ", text)


# --- roles and scoping --------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Membership.Role))
def test_every_member_reads_both_dashboards(client, district_a, member, snapshot, role):
    client.force_login(member(district_a, role).user)
    assert client.get(reverse("reports:dashboard", args=[district_a.slug])).status_code == 200
    assert client.get(survey_url(snapshot.survey)).status_code == 200


def test_an_outsider_gets_404_for_the_dashboards(client, district_b, member, snapshot):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    district = snapshot.district.slug
    assert client.get(reverse("reports:dashboard", args=[district])).status_code == 404
    assert client.get(survey_url(snapshot.survey)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, snapshot):
    response = client.get(survey_url(snapshot.survey))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_snapshot_of_another_survey_is_not_found(viewer_client, survey, snapshot, district_a):
    other = ReportSnapshotFactory(survey=SurveyFactory(district=district_a), tables=sample_tables())
    assert viewer_client.get(survey_url(survey, snapshot=other.pk)).status_code == 404


def test_a_snapshot_of_another_district_is_not_found(viewer_client, survey, snapshot, district_b):
    other = ReportSnapshotFactory(survey=SurveyFactory(district=district_b), tables=sample_tables())
    assert viewer_client.get(survey_url(survey, snapshot=other.pk)).status_code == 404
    assert viewer_client.get(survey_url(survey, snapshot="abc")).status_code == 404


def test_a_survey_of_another_district_is_not_found(viewer_client, district_b):
    foreign = SurveyFactory(district=district_b)
    url = reverse("reports:survey_dashboard", args=["charlottenburg-wilmersdorf", foreign.pk])
    assert viewer_client.get(url).status_code == 404


def test_only_coordinators_see_the_build_link(client, district_a, member, snapshot):
    build = reverse("reports:build", args=[district_a.slug, snapshot.survey.pk])
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    assert build not in client.get(survey_url(snapshot.survey)).content.decode()
    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)
    assert build in client.get(survey_url(snapshot.survey)).content.decode()
    assert (
        build in client.get(reverse("reports:dashboard", args=[district_a.slug])).content.decode()
    )


# --- what the survey dashboard shows ------------------------------------------------------


def test_the_newest_ready_snapshot_is_shown_by_default(viewer_client, survey, snapshot):
    older_tables = sample_tables(survey=survey)
    older_tables["meta"]["respondents"] = older_tables["filters"][0]["respondents"] = {"n": 77}
    older = ReportSnapshotFactory(survey=survey, tables=older_tables)
    ReportSnapshot.objects.filter(pk=older.pk).update(
        requested_at=snapshot.requested_at.replace(year=2020)
    )
    ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.RUNNING)

    response = viewer_client.get(survey_url(survey))

    assert response.context["selected"] == snapshot
    text = page_text(response)
    assert "Familien, die geantwortet haben: 120" in text
    chosen = page_text(viewer_client.get(survey_url(survey, snapshot=older.pk)))
    assert "Familien, die geantwortet haben: 77" in chosen


def test_the_funnel_shows_families_with_and_without_benefits(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey))
    offering_name, chart, _offering = response.context["funnel_charts"][0]
    assert offering_name == "Familienservicebüro"
    assert chart.table_headers == [
        "Stufe",
        "Alle Familien",
        "Mit Leistungsbezug",
        "Ohne Leistungsbezug",
    ]
    assert chart.table_rows[1] == [
        "kennen es",
        "60 (50,0\u00a0%)",
        "15 (30,0\u00a0%)",
        "37 (61,7\u00a0%)",
    ]
    traces = {t["meta"]["column"]: t["y"] for t in chart.figure["data"] if t["type"] == "bar"}
    assert traces == {"with_benefits": [30.0, 20.0, 12.0], "without_benefits": [61.7, 30.0, 21.7]}


def test_the_funnel_caption_says_half_as_often_with_the_numbers(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey))
    caption = response.context["funnel_charts"][0][1].caption
    assert caption.startswith(
        "Familien mit Leistungsbezug kennen Familienservicebüro halb so oft wie andere Familien "
        "(30\u00a0% gegenüber 62\u00a0%)."
    )
    assert "25\u00a0% der gezeigten Familien nutzen es." in caption
    assert caption in page_text(response)


def test_the_filter_in_the_url_changes_the_numbers(viewer_client, snapshot):
    everyone = viewer_client.get(survey_url(snapshot.survey))
    westend = viewer_client.get(survey_url(snapshot.survey, filter="area:041001"))

    assert everyone.context["funnel_charts"][0][1].table_rows[1][1] == "60 (50,0\u00a0%)"
    assert westend.context["filter_key"] == "area:041001"
    assert westend.context["funnel_charts"][0][1].table_rows[1][1] == "24 (60,0\u00a0%)"
    assert "Gezeigt: Westend" in page_text(westend)
    barriers = westend.context["barrier_chart"]
    assert (
        barriers.caption == "Die häufigste Hürde: „Die Öffnungszeiten passen nicht“ (13 Familien)."
    )


def test_an_unknown_filter_says_so_and_shows_everyone(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey, filter="area:999999"))
    assert response.status_code == 200
    assert response.context["filter_key"] == "all"
    assert "keine Ansicht „area:999999“" in page_text(response)


def test_suppressed_cells_say_fewer_than_5_and_never_0(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey))
    text = page_text(response)
    assert "weniger als 5" in text
    assert "verborgen" in text
    elterncafe = response.context["funnel_charts"][1][1]
    # helpful: all small, with benefits hidden, without benefits small
    assert elterncafe.table_rows[3] == [
        "finden es hilfreich",
        "weniger als 5",
        "verborgen",
        "weniger als 5",
    ]
    helpful_bars = [t["y"][2] for t in elterncafe.figure["data"] if t["type"] == "bar"]
    assert helpful_bars == [None, None]
    labels = [t["text"] for t in elterncafe.figure["data"] if t["type"] == "scatter"]
    assert labels == [["verborgen"], ["< 5", "< 5"]]
    # The heat map: Schmargendorf has too few answers; its cells are hatched, not 0\u00a0%.
    schmargendorf = response.context["heat_rows"][2]
    assert schmargendorf.name == "Schmargendorf"
    assert [c.cell.count_text for c in schmargendorf.cells] == ["weniger als 5", "weniger als 5"]
    assert [c.shade for c in schmargendorf.cells] == ["", ""]
    html = response.content.decode()
    heat_map = html[html.index('<table class="table table-sm table-bordered heat-map') :]
    heat_map = heat_map[: heat_map.index("</table>")]
    assert heat_map.count('class="heat-suppressed"') == 2
    assert "0\u00a0%<" not in heat_map.replace("50,0\u00a0%<", "").replace(
        "60,0\u00a0%<", ""
    ).replace("40,0\u00a0%<", "").replace("25,0\u00a0%<", "")


def test_the_heat_map_shows_known_or_used_per_area_and_offering(viewer_client, snapshot):
    known = viewer_client.get(survey_url(snapshot.survey))
    rows = known.context["heat_rows"]
    assert [(r.name, [c.cell.percent_text for c in r.cells]) for r in rows[:2]] == [
        ("Westend", ["60,0\u00a0%", "25,0\u00a0%"]),
        ("Halensee", ["40,0\u00a0%", "50,0\u00a0%"]),
    ]
    assert known.context["heat_caption"] == (
        "Höchster Anteil, der es kennt: Familienservicebüro in Westend (60\u00a0%); "
        "niedrigster: Elterncafé am Park in Westend (25\u00a0%)."
    )
    used = viewer_client.get(survey_url(snapshot.survey, stage="used"))
    assert [c.cell.percent_text for c in used.context["heat_rows"][0].cells] == ["30,0\u00a0%", ""]
    assert used.context["heat_rows"][0].cells[1].cell.count_text == "weniger als 5"


def test_captions_of_barriers_missing_and_who_answered_carry_the_numbers(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey))
    assert response.context["barrier_chart"].caption == (
        "Die häufigste Hürde: „Ich wusste nicht, dass es das gibt“ (41 Familien)."
    )
    assert response.context["barrier_chart"].table_rows[2] == [
        "Es ist zu weit weg",
        "8",
        "weniger als 5",
        "verborgen",
    ]
    assert response.context["missing_chart"].caption == (
        "Am meisten fehlt Familien: „Angebote am Wochenende“ (22 Familien)."
    )
    assert response.context["respondents_chart"].caption == (
        "Die meisten Antworten je 1.000 Kinder kamen aus Halensee (6,0), die wenigsten aus Westend (5,0)."
    )


def test_gap_lists_show_the_difference_and_its_interval(viewer_client, snapshot):
    text = page_text(viewer_client.get(survey_url(snapshot.survey)))
    assert (
        "Familienservicebüro deutliche Lücke kennen es 30,0\u00a0% 61,7\u00a0% −31,7 −47,0 … −13,6"
        in text
    )
    assert "Mehr Kinder gehen zur U-Untersuchung" in text
    assert "Halensee (Kinderarmut 28,4\u00a0%)" in text
    assert "Alleinerziehende" in text
    assert "Kita-Sozialarbeit Nord 25 500 5,0\u00a0% 041002" in text
    assert "60.000 €" in text
    assert "41,67 €" in text


def test_the_methodology_box_explains_suppression(viewer_client, snapshot):
    text = page_text(viewer_client.get(survey_url(snapshot.survey)))
    assert "Mindestgruppengröße 5" in text
    assert "mindestens 5 Familien dahinterstehen" in text
    assert "stehen als „verborgen“ da" in text
    assert "abgestimmte Sperrung" in text
    assert "Die Aufteilung nach Leistungen gibt es nur für alle Familien zusammen." in text


def test_no_free_text_of_families_reaches_the_page(viewer_client, survey, snapshot):
    AnswerFactory(response__collection_point__survey=survey, text="Ich heiße Erika Beispiel")
    html = viewer_client.get(survey_url(survey)).content.decode()
    assert "Erika Beispiel" not in html
    html = viewer_client.get(
        reverse("reports:dashboard", args=[survey.district.slug])
    ).content.decode()
    assert "Erika Beispiel" not in html


def test_the_indicator_chart_comes_from_the_snapshot(viewer_client, snapshot):
    response = viewer_client.get(survey_url(snapshot.survey))
    chart, from_survey, _series = response.context["indicator_charts"][0]
    assert chart.caption == (
        "Familien mit Leistungsbezug, die das Familienservicebüro kennen: letzter Wert 30\u00a0% "
        "(01.06.2026). Ziel: 50\u00a0% bis 31.12.2027."
    )
    values = next(t for t in chart.figure["data"] if t["meta"]["role"] == "values")
    assert values["y"] == [24.0, 30.0]
    assert from_survey["value"] == "30,0\u00a0%"
    assert response.context["indicator_charts"][1][1] is None


def test_a_snapshot_that_is_still_building_shows_its_status(viewer_client, survey):
    running = ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.RUNNING)
    response = viewer_client.get(survey_url(survey, snapshot=running.pk))
    status_url = reverse("reports:snapshot_status", args=[survey.district.slug, running.pk])
    assert status_url in response.content.decode()
    assert "wird noch erstellt" in page_text(response)


def test_a_survey_without_reports_says_so(viewer_client, survey):
    assert "noch keinen Bericht" in page_text(viewer_client.get(survey_url(survey)))


def test_a_ready_snapshot_with_empty_tables_does_not_break_the_pages(viewer_client, survey):
    ReportSnapshotFactory(survey=survey)
    assert viewer_client.get(survey_url(survey)).status_code == 200
    assert (
        viewer_client.get(reverse("reports:dashboard", args=[survey.district.slug])).status_code
        == 200
    )


def test_the_survey_dashboard_needs_few_queries(
    viewer_client, snapshot, django_assert_max_num_queries
):
    for _ in range(5):
        ReportSnapshotFactory(survey=snapshot.survey, tables=sample_tables(survey=snapshot.survey))
    with django_assert_max_num_queries(8):
        assert viewer_client.get(survey_url(snapshot.survey)).status_code == 200


# --- the district dashboard ---------------------------------------------------------------


def test_the_district_dashboard_lists_surveys_and_shows_the_newest_report(
    viewer_client, district_a, survey, snapshot
):
    empty = SurveyFactory(district=district_a, title="Zweite Umfrage")
    failed = ReportSnapshotFactory(
        survey=empty,
        status=ReportSnapshot.Status.FAILED,
        failure_reason="Datenbank nicht erreichbar",
    )
    response = viewer_client.get(reverse("reports:dashboard", args=[district_a.slug]))
    text = page_text(response)
    assert response.context["newest"] == snapshot
    assert "Was erreicht Familien im Kiez?" in text
    assert "Zweite Umfrage" in text
    assert "Datenbank nicht erreichbar" in text
    status_url = reverse("reports:snapshot_status", args=[district_a.slug, failed.pk])
    assert status_url in response.content.decode()
    assert response.context["known_chart"].caption == (
        "Familien mit Leistungsbezug kennen Familienservicebüro halb so oft wie andere Familien "
        "(30\u00a0% gegenüber 62\u00a0%)."
    )
    assert response.context["known_chart"].table_rows == [
        ["Familienservicebüro", "15 (30,0\u00a0%)", "37 (61,7\u00a0%)"],
        ["Elterncafé am Park", "20 (40,8\u00a0%)", "18 (30,5\u00a0%)"],
    ]
    assert "weniger als 5" in text


def test_the_district_dashboard_needs_few_queries(
    viewer_client, district_a, snapshot, django_assert_max_num_queries
):
    for _ in range(4):
        survey = SurveyFactory(district=district_a)
        ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    with django_assert_max_num_queries(8):
        assert (
            viewer_client.get(reverse("reports:dashboard", args=[district_a.slug])).status_code
            == 200
        )


def test_in_english_the_captions_and_labels_are_english(viewer_client, snapshot, settings):
    viewer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = viewer_client.get(survey_url(snapshot.survey, filter="group:with_benefits"))
    caption = response.context["funnel_charts"][0][1].caption
    assert caption == (
        "30\u00a0% of the families shown know Familienservicebüro. "
        "20\u00a0% of the families shown use it."
    )
    everyone = viewer_client.get(survey_url(snapshot.survey))
    assert everyone.context["funnel_charts"][0][1].caption.startswith(
        "Families with benefits know Familienservicebüro half as often as other families "
        "(30\u00a0% vs. 62\u00a0%)."
    )
    text = page_text(response)
    assert "Shown: With benefits" in text
    assert "I did not know it exists" in text
