"""Every table of a snapshot in one workbook: a description sheet, then one sheet per table.

Numbers stay numbers (a reader can sum and chart them); a withheld count is the marker text
in grey italics, so it can neither be summed as 0 nor overlooked as an empty cell.
"""

from __future__ import annotations

import datetime
import io
import re

from django.utils import translation
from django.utils.translation import pgettext

from mitwirkung.spreadsheet_safety import neutralise
from reports.exports.about import about
from reports.exports.cells import Column, ExportTable, Suppressed, Value, yes_no
from reports.exports.tables import export_tables
from reports.models import ReportSnapshot

NUMBER_FORMATS = {
    "count": "#,##0",
    "number": "#,##0.0##",
    "percent": "0.0",
    "euro": "#,##0.00 €",
}
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(titles: list[str], taken: set[str]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    seen = {name.lower() for name in taken}
    names = []
    for title in titles:
        base = SHEET_NAME_FORBIDDEN.sub(" ", title).strip()[:31] or "Tabelle"
        name, number = base, 2
        while name.lower() in seen:
            suffix = f" {number}"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        seen.add(name.lower())
        names.append(name)
    return names


def xlsx_value(value: Value, column: Column) -> object:
    if isinstance(value, Suppressed):
        return value.text
    if isinstance(value, bool):
        return yes_no(value)
    if column.kind == "date" and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return neutralise(value)
    # A name typed by staff must never run as a formula; numbers keep their sign.
    return neutralise(value)


def _fill_table(sheet, table: ExportTable, language: str) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Font

    marker_font = Font(italic=True, color="595959")
    sheet.append([neutralise(header) for header in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    date_format = "DD.MM.YYYY" if language == "de" else "YYYY-MM-DD"
    widths = [min(40, max(10, len(title) // 2 + 2)) for title in table.headers]
    for number, row in enumerate(table.rows, start=2):
        # Cell by cell: sheet[row] and max_row scan every cell and made a large table quadratic.
        for position, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            cell = sheet.cell(row=number, column=position + 1, value=xlsx_value(value, column))
            if isinstance(value, Suppressed):
                cell.font = marker_font
                cell.alignment = Alignment(horizontal="right")
            elif isinstance(cell.value, datetime.date):
                cell.number_format = date_format
            elif column.kind in NUMBER_FORMATS and isinstance(cell.value, int | float):
                cell.number_format = NUMBER_FORMATS[column.kind]
            widths[position] = min(50, max(widths[position], len(str(cell.value or "")) + 2))
    sheet.freeze_panes = "A2"
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=position).column_letter].width = width


def write_xlsx(snapshot: ReportSnapshot, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    info = about(snapshot, language)
    tables = export_tables(snapshot.tables, language)
    workbook = Workbook()
    with translation.override(language):
        sheet = workbook.active
        sheet.title = pgettext("data export", "About this data")
        names = sheet_names([t.title for t in tables], {sheet.title})
        sheet.append([pgettext("data export", "About this data")])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([])
        for label, text in info.lines:
            sheet.append([neutralise(label), neutralise(text)])
        sheet.append([])
        sheet.append([pgettext("data export", "Sheet"), pgettext("data export", "What it shows")])
        heading_row = sheet.max_row
        for name, table in zip(names, tables, strict=True):
            sheet.append([neutralise(name), neutralise(table.description)])
        for row in sheet.iter_rows(min_row=3):
            label, text = row[0], row[1]
            label.font = Font(bold=True)
            label.alignment = Alignment(vertical="top", wrap_text=True)
            text.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.cell(row=heading_row, column=2).font = Font(bold=True)
        sheet.column_dimensions["A"].width = 32
        sheet.column_dimensions["B"].width = 100
        for name, table in zip(names, tables, strict=True):
            _fill_table(workbook.create_sheet(name), table, language)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
