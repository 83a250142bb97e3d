"""Reading an offerings spreadsheet (CSV or XLSX) into rows of text, without the database.

CSV goes through the area importer's reader (UTF-8 with or without BOM, Windows-1252 as a
fallback, `;` or `,` separated); XLSX is read with openpyxl, cell values turned into the
same text a CSV would hold, so one validation serves both.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from django.utils.translation import gettext as _

from districts.importers.base import Problem, Record, Table, decode, read_csv
from offerings.exchange.columns import NO, YES

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (.xls)


def read_sheet(data: bytes) -> Table:
    """The header and rows of the first sheet; problems instead of exceptions."""
    if not data.strip():
        return Table(kind="csv", problems=[Problem(_("The file is empty."))])
    if data.startswith(_ZIP):
        return read_xlsx(data)
    if data.startswith(_OLE):
        return Table(
            kind="xlsx",
            problems=[
                Problem(
                    _(
                        "This is an old Excel file (.xls). Please save it as Excel workbook "
                        "(.xlsx) or as CSV and upload it again."
                    )
                )
            ],
        )
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        return Table(kind="csv", problems=[Problem(_not_a_spreadsheet())])
    text, warning = decode(data)
    table = read_csv(text)
    if warning:
        table.notes.append(warning)
    return table


def _not_a_spreadsheet() -> str:
    return _(
        "The file is not a spreadsheet: please upload a CSV file or an Excel workbook (.xlsx)."
    )


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    table = Table(kind="xlsx")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, InvalidFileException):
        # A zip that is no workbook (a .docx, a broken download): not a spreadsheet either.
        table.problems.append(Problem(_not_a_spreadsheet()))
        return table
    try:
        sheet = workbook.worksheets[0]
        positions: dict[str, int] = {}
        header_seen = False
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in row]
            if not any(cells):
                continue
            if not header_seen:
                header_seen = True
                for position, name in enumerate(cells):
                    name = name.lower()
                    if name and name not in positions:
                        positions[name] = position
                table.columns = list(positions)
                continue
            values = {
                name: cells[position] if position < len(cells) else ""
                for name, position in positions.items()
            }
            table.records.append(Record(values=values, line=number))
    finally:
        workbook.close()
    if not header_seen:
        table.problems.append(Problem(_("The file is empty.")))
    return table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
