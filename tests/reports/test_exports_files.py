"""The data files of a snapshot: every table, suppressed cells as markers, safe text.

Built from the hand-written sample tables, so the numbers below can be read off
tests/reports/sample_tables.py.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from reports.exports.csv_export import write_table_csv
from reports.exports.json_export import write_json
from reports.exports.tables import export_tables, table_catalogue
from reports.exports.xlsx_export import write_xlsx
from reports.models import ReportSnapshot
from tests.factories import ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db

SLUGS = [
    "reach",
    "filters",
    "barriers",
    "barriers-by-offering",
    "missing",
    "missing-tags",
    "respondents-areas",
    "respondents-groups",
    "poverty-gaps",
    "area-gaps",
    "goals-without-offerings",
    "target-groups-without-offerings",
    "coverage-offerings",
    "coverage-areas",
    "resources",
    "indicators",
]


@pytest.fixture
def snapshot(district_a):
    survey = SurveyFactory(district=district_a, title="Was erreicht Familien?")
    return ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))


def csv_rows(table_slug: str, tables: dict, language: str = "de") -> list[list[str]]:
    (table,) = export_tables(tables, language, only=table_slug)
    data = write_table_csv(table, language)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_catalogue_lists_every_part_of_the_snapshot_in_a_fixed_order():
    assert [slug for slug, _ in table_catalogue()] == SLUGS
    assert all(title for _, title in table_catalogue())


def test_every_table_has_rows_of_its_column_count_from_the_sample_tables():
    tables = export_tables(sample_tables(), "de")
    assert [t.slug for t in tables] == SLUGS
    for table in tables:
        assert table.rows, table.slug
        assert {len(row) for row in table.rows} == {len(table.columns)}, table.slug


def test_reach_rows_carry_the_numbers_of_the_snapshot():
    rows = as_dicts(csv_rows("reach", sample_tables()))
    known = next(
        r
        for r in rows
        if r["Ansicht (Schlüssel)"] == "all"
        and r["Angebot (Nummer)"] == "101"
        and r["Spalte (Schlüssel)"] == "with_benefits"
        and r["Stufe (Schlüssel)"] == "known"
    )
    assert (known["Basis (Familien mit Antwort)"], known["Familien"]) == ("50", "15")
    assert known["Anteil an der Basis (%)"] == "30,0"
    assert known["Angebot"] == "Familienservicebüro"
    # The "with benefits" view has no families without benefits: those zero rows are left out.
    assert not [
        r
        for r in rows
        if r["Ansicht (Schlüssel)"] == "group:with_benefits"
        and r["Spalte (Schlüssel)"] == "without_benefits"
    ]


def test_a_suppressed_count_and_its_share_are_the_marker_in_csv_never_blank_or_zero():
    rows = as_dicts(csv_rows("barriers", sample_tables()))
    far = next(
        r
        for r in rows
        if r["Ansicht (Schlüssel)"] == "all" and r["Hürde (Schlüssel)"] == "barrier_3"
    )
    assert (far["Alle Familien"], far["Mit Leistungsbezug"], far["Ohne Leistungsbezug"]) == (
        "8",
        "weniger als 5",
        "verborgen",
    )
    reach = as_dicts(csv_rows("reach", sample_tables()))
    helpful = next(
        r
        for r in reach
        if r["Ansicht (Schlüssel)"] == "all"
        and r["Angebot (Nummer)"] == "102"
        and r["Spalte (Schlüssel)"] == "all"
        and r["Stufe (Schlüssel)"] == "helpful"
    )
    assert helpful["Familien"] == helpful["Anteil an der Basis (%)"] == "weniger als 5"


def test_the_marker_names_the_snapshots_minimum_group_size():
    tables = sample_tables()
    tables["meta"]["min_group_size"] = 7
    tags = as_dicts(csv_rows("missing-tags", tables))
    assert tags[1]["Familien"] == "weniger als 7"


def test_english_csv_has_english_headers_markers_and_decimal_points():
    rows = as_dicts(csv_rows("barriers", sample_tables(), "en"))
    far = next(r for r in rows if r["View (key)"] == "all" and r["Barrier (key)"] == "barrier_3")
    assert (far["With benefits"], far["Without benefits"]) == ("fewer than 5", "hidden")
    gaps = as_dicts(csv_rows("poverty-gaps", sample_tables(), "en"))
    assert gaps[0]["Without benefits (%)"] == "61.7"
    assert gaps[0]["Difference (percentage points)"] == "-31.7"
    assert gaps[0]["Clear gap"] == "yes"


def test_json_keeps_numbers_and_marks_suppressed_cells(snapshot):
    data = write_json(snapshot, "de")
    assert "Familienservicebüro".encode() in data  # UTF-8, not \u escapes
    doc = json.loads(data)
    assert list(doc) == ["format", "meta", "suppression", "tables"]
    assert doc["format"]["name"] == "mitwirkung-report-data"
    assert doc["meta"]["respondents"] == 120
    assert doc["meta"]["min_group_size"] == 5
    assert doc["meta"]["district_slug"] == snapshot.district.slug
    assert doc["suppression"]["markers"] == {"small": "weniger als 5", "hidden": "verborgen"}
    tables = {t["slug"]: t for t in doc["tables"]}
    assert list(tables) == SLUGS
    far = next(
        r for r in tables["barriers"]["rows"] if r["view_key"] == "all" and r["code"] == "barrier_3"
    )
    assert far["all"] == 8
    assert far["with_benefits"] == {"suppressed": "small"}
    assert far["without_benefits"] == {"suppressed": "hidden"}
    area = tables["respondents-areas"]["rows"][2]
    assert area["respondents"] == area["uses_any_percent"] == {"suppressed": "small"}
    assert tables["poverty-gaps"]["rows"][0]["clear"] is True
    assert tables["reach"]["columns"][9] == {"key": "count", "title": "Familien", "type": "count"}


def test_json_column_keys_are_the_same_in_english(snapshot):
    german, english = (json.loads(write_json(snapshot, lang)) for lang in ("de", "en"))
    assert [t["columns"][0]["key"] for t in german["tables"]] == [
        t["columns"][0]["key"] for t in english["tables"]
    ]
    assert english["suppression"]["markers"]["small"] == "fewer than 5"
    assert english["tables"][0]["title"] == "Reach per offering"


def test_workbook_has_a_description_sheet_and_one_sheet_per_table(snapshot):
    book = load_workbook(io.BytesIO(write_xlsx(snapshot, "de")))
    assert book.sheetnames[0] == "Über diese Daten"
    assert len(book.sheetnames) == 1 + len(SLUGS)
    assert all(len(name) <= 31 for name in book.sheetnames)
    about = " ".join(
        str(c.value) for row in book["Über diese Daten"].iter_rows() for c in row if c.value
    )
    assert "weniger als 5" in about
    assert "mindestens 10 Familien" in about
    assert "Was erreicht Familien?" in about
    assert "Datenlizenz Deutschland" in about
    sheet = book["Hürden"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    header = [c.value for c in sheet[1]]
    far = next(
        [c.value for c in row]
        for row in sheet.iter_rows(min_row=2)
        if row[0].value == "all" and row[3].value == "barrier_3"
    )
    values = dict(zip(header, far, strict=True))
    assert values["Alle Familien"] == 8
    assert values["Mit Leistungsbezug"] == "weniger als 5"
    assert values["Ohne Leistungsbezug"] == "verborgen"
    assert values["Basis (Familien mit Antwort)"] == 80


def test_a_name_that_looks_like_a_formula_stays_text_in_every_format(district_a):
    survey = SurveyFactory(district=district_a)
    tables = sample_tables(survey=survey, offering_names=('=HYPERLINK("http://x")', "@SUM(A1)"))
    snapshot = ReportSnapshotFactory(survey=survey, tables=tables)
    resources = csv_rows("resources", tables)
    assert resources[1][1] == '\'=HYPERLINK("http://x")'
    assert resources[2][1] == "'@SUM(A1)"
    book = load_workbook(io.BytesIO(write_xlsx(snapshot, "de")))
    names = [
        c for row in book.worksheets[-2].iter_rows(min_row=2, min_col=2, max_col=2) for c in row
    ]
    assert names[0].value == '\'=HYPERLINK("http://x")'  # quoted as in CSV
    assert names[0].data_type == "s"
    assert json.loads(write_json(snapshot, "de"))["tables"][-2]["rows"][0]["offering"] == (
        '=HYPERLINK("http://x")'
    )


def test_a_snapshot_with_empty_tables_still_gives_valid_files(district_a):
    snapshot = ReportSnapshotFactory(survey=SurveyFactory(district=district_a))
    doc = json.loads(write_json(snapshot, "de"))
    assert [t["rows"] for t in doc["tables"]] == [[] for _ in SLUGS]
    book = load_workbook(io.BytesIO(write_xlsx(snapshot, "en")))
    assert book.sheetnames[0] == "About this data"


def test_a_real_build_exports_its_numbers_and_no_free_text(survey_example):
    from reports.aggregation import build_tables

    survey = survey_example.survey
    snapshot = ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.RUNNING)
    snapshot.finish(build_tables(snapshot, lambda percent, step: None), "test")
    doc = json.loads(write_json(snapshot, "de"))
    tables = {t["slug"]: t for t in doc["tables"]}
    assert doc["meta"]["respondents"] == 30
    for table in doc["tables"]:
        keys = [c["key"] for c in table["columns"]]
        assert all(list(row) == keys for row in table["rows"]), table["slug"]
    known = next(
        r
        for r in tables["reach"]["rows"]
        if r["view_key"] == "all"
        and r["offering_id"] == survey_example.a.pk
        and r["column_key"] == "all"
        and r["stage_key"] == "known"
    )
    assert (known["base"], known["count"], known["percent"]) == (29, 24, 82.8)
    # One tagged text: fewer than 5, and a built report has only one marker for it.
    assert tables["missing-tags"]["rows"] == [
        {"tag": "Öffnungszeiten", "count": {"suppressed": "hidden"}}
    ]
    assert "Samstags" not in json.dumps(doc, ensure_ascii=False)
    assert load_workbook(io.BytesIO(write_xlsx(snapshot, "de"))).sheetnames[0] == "Über diese Daten"
