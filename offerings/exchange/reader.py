"""Reading an offerings spreadsheet (CSV or XLSX) into rows of text, without the database.

CSV goes through the area importer's reader (UTF-8 with or without BOM, Windows-1252 as a
fallback, `;` or `,` separated); XLSX is read with openpyxl, cell values turned into the
same text a CSV would hold, so one validation serves both.
"""

from __future__ import annotations

import datetime
import io
import zipfile
import zlib
from typing import Any
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from districts.importers.base import MAX_UPLOAD_BYTES, Problem, Record, Table, decode, read_csv
from mitwirkung.spreadsheet_safety import restore
from offerings.exchange.columns import NO, YES

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (.xls)
# An XLSX is a zip: a few kilobytes can unpack to gigabytes (a zip bomb) that openpyxl would
# inflate into memory. A real offerings workbook unpacks to a few times the upload limit.
MAX_UNPACKED_BYTES = 10 * MAX_UPLOAD_BYTES
MAX_ZIP_MEMBERS = 1000
# What openpyxl and zipfile raise on a damaged workbook, while opening or reading rows.
UNREADABLE_WORKBOOK = (
    zipfile.BadZipFile,
    zlib.error,
    ElementTree.ParseError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    EOFError,
    OSError,
)


def file_problem(data: bytes) -> str | None:
    """Why the file cannot be an offerings spreadsheet at all, read without unpacking it."""
    if not data.strip():
        return _("The file is empty.")
    if data.startswith(_OLE):
        return _(
            "This is an old Excel file (.xls). Please save it as Excel workbook "
            "(.xlsx) or as CSV and upload it again."
        )
    if data.startswith(_ZIP):
        return _zip_problem(data)
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        return _not_a_spreadsheet()
    return None


def _zip_problem(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return _not_a_spreadsheet()
    # The sizes the zip's directory claims; Python's zipfile (which openpyxl reads with)
    # never unpacks a member beyond its claimed size, so a lying member cannot grow either.
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        return _(
            "The workbook unpacks to more than %(size)s MB and is not read. Please save only "
            "the offerings sheet, or save it as CSV."
        ) % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
    if "xl/workbook.xml" not in {member.filename for member in members}:
        return _not_a_spreadsheet()
    return None


def read_sheet(data: bytes) -> Table:
    """The header and rows of the first sheet; problems instead of exceptions.

    A quote that our export put before a formula-like text (mitwirkung/spreadsheet_safety.py)
    is removed again, so a round trip neither runs a formula nor adds a quote each time.
    """
    if problem := file_problem(data):
        return Table(kind="csv", problems=[Problem(problem)])
    if data.startswith(_ZIP):
        table = read_xlsx(data)
    else:
        text, warning = decode(data)
        table = read_csv(text)
        if warning:
            table.notes.append(warning)
    for record in table.records:
        record.values = {name: restore(value) for name, value in record.values.items()}
    return table


def _not_a_spreadsheet() -> str:
    return _(
        "The file is not a spreadsheet: please upload a CSV file or an Excel workbook (.xlsx)."
    )


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    table = Table(kind="xlsx")
    try:
        _read_first_sheet(load_workbook(io.BytesIO(data), read_only=True, data_only=True), table)
    except UNREADABLE_WORKBOOK:
        # A zip that is no workbook (a .docx, a broken download, damaged XML inside): the
        # rows read so far are dropped, so nothing half-read is ever imported.
        return Table(kind="xlsx", problems=[Problem(_not_a_spreadsheet())])
    if not table.columns:
        table.problems.append(Problem(_("The file is empty.")))
    return table


def _read_first_sheet(workbook: Any, table: Table) -> None:
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
