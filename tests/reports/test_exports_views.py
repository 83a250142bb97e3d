"""Downloading a snapshot's data: members of the district, and the public once published."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districts.models import Membership
from reports.exports.tables import table_catalogue
from reports.models import ReportSnapshot
from tests.factories import ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(district_a):
    survey = SurveyFactory(district=district_a, title="Was erreicht Familien?")
    return ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))


@pytest.fixture
def viewer_client(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    return client


def staff_url(name: str, snapshot: ReportSnapshot, **kwargs) -> str:
    return reverse(
        f"reports:{name}",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk, **kwargs},
    )


def public_url(name: str, snapshot: ReportSnapshot, **kwargs) -> str:
    return reverse(
        f"transparency:{name}",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk, **kwargs},
    )


def all_urls(url, snapshot) -> list[str]:
    return [
        url("export_json", snapshot),
        url("export_xlsx", snapshot),
        url("export_csv", snapshot, table="reach"),
    ]


def test_a_viewer_downloads_every_file_of_a_ready_snapshot(viewer_client, snapshot):
    response = viewer_client.get(staff_url("export_json", snapshot))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content)["meta"]["snapshot_id"] == snapshot.pk

    response = viewer_client.get(staff_url("export_xlsx", snapshot))
    assert response.status_code == 200
    slug = snapshot.district.slug
    assert f'filename="mitwirkung-{slug}-{snapshot.pk}.xlsx"' in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Über diese Daten"

    for table, _title in table_catalogue():
        response = viewer_client.get(staff_url("export_csv", snapshot, table=table))
        assert response.status_code == 200, table
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        name = f"mitwirkung-{slug}-{snapshot.pk}-{table}.csv"
        assert f'attachment; filename="{name}"' == response["Content-Disposition"]


def test_a_suppressed_cell_arrives_as_the_marker_in_the_downloaded_csv(viewer_client, snapshot):
    response = viewer_client.get(staff_url("export_csv", snapshot, table="missing-tags"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Thema", "Familien"],
        ["Spielplätze", "9"],
        ["Öffnungszeiten", "weniger als 5"],
    ]


def test_lang_en_gives_english_headers_markers_and_file_names(viewer_client, snapshot):
    response = viewer_client.get(
        staff_url("export_csv", snapshot, table="missing-tags") + "?lang=en"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Topic", "Families"]
    assert rows[2][1] == "fewer than 5"
    assert "-missing-tags-en.csv" in response["Content-Disposition"]
    book = load_workbook(
        io.BytesIO(viewer_client.get(staff_url("export_xlsx", snapshot) + "?lang=en").content)
    )
    assert book.sheetnames[:2] == ["About this data", "Reach per offering"]


def test_an_unknown_table_is_a_404(viewer_client, snapshot):
    assert viewer_client.get(staff_url("export_csv", snapshot, table="families")).status_code == 404


@pytest.mark.parametrize("status", [ReportSnapshot.Status.PENDING, ReportSnapshot.Status.FAILED])
def test_a_snapshot_that_is_not_ready_has_no_files(viewer_client, district_a, status):
    snapshot = ReportSnapshotFactory(survey=SurveyFactory(district=district_a), status=status)
    for url in all_urls(staff_url, snapshot):
        assert viewer_client.get(url).status_code == 404


def test_an_outsider_gets_404_for_another_districts_files(client, district_b, member, snapshot):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    for url in all_urls(staff_url, snapshot):
        assert client.get(url).status_code == 404


def test_staff_files_need_a_login(client, snapshot):
    response = client.get(staff_url("export_json", snapshot))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_public_gets_nothing_of_an_unpublished_snapshot(client, snapshot):
    for url in all_urls(public_url, snapshot):
        assert client.get(url).status_code == 404


def test_the_public_downloads_a_published_snapshot_without_login(client, snapshot, coordinator_a):
    snapshot.publish(by=coordinator_a.user)
    response = client.get(public_url("export_json", snapshot))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    doc = json.loads(response.content)
    assert doc["meta"]["published_at"] is not None
    barriers = next(t for t in doc["tables"] if t["slug"] == "barriers")
    assert barriers["rows"][2]["with_benefits"] == {"suppressed": "small"}
    assert client.get(public_url("export_xlsx", snapshot)).status_code == 200
    response = client.get(public_url("export_csv", snapshot, table="resources"))
    assert response.status_code == 200
    assert "Familienservicebüro;60000,0;1440;41,67" in response.content.decode("utf-8-sig")
    assert client.get(public_url("export_csv", snapshot, table="nope")).status_code == 404
    assert client.post(public_url("export_json", snapshot)).status_code == 405


def test_a_withdrawn_snapshot_disappears_from_the_public_files(client, snapshot, coordinator_a):
    snapshot.publish(by=coordinator_a.user)
    snapshot.unpublish(by=coordinator_a.user, reason="Zahlen werden geprüft")
    for url in all_urls(public_url, snapshot):
        assert client.get(url).status_code == 404


def test_a_published_snapshot_is_not_found_under_another_districts_address(
    client, snapshot, coordinator_a, district_b
):
    snapshot.publish(by=coordinator_a.user)
    url = reverse(
        "transparency:export_json", kwargs={"district": district_b.slug, "snapshot": snapshot.pk}
    )
    assert client.get(url).status_code == 404
