"""One table of a snapshot as CSV in the dialect of the other exports: `;` and a UTF-8 BOM.

German files write decimals with a comma, as German Excel expects next to the `;`; English
files use a point. Tools that want one format for both read the JSON file.
"""

from __future__ import annotations

import csv
import io

from django.utils import translation

from mitwirkung.spreadsheet_safety import neutralise
from reports.exports.cells import ExportTable, Suppressed, Value, yes_no


def text_cell(text: str) -> str:
    # A name typed by staff must never run as a formula on a reader's computer.
    return str(neutralise(text))


def csv_value(value: Value, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Suppressed):
        return value.text
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float):
        # A number's "-" is its sign, not a formula: numbers bypass text_cell.
        text = repr(value)
        return text.replace(".", ",") if language == "de" else text
    if isinstance(value, int):
        return str(value)
    return text_cell(value)


def write_table_csv(table: ExportTable, language: str) -> bytes:
    """UTF-8 with BOM and `;`: German Excel opens it with umlauts and columns intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    with translation.override(language):
        writer.writerow([text_cell(header) for header in table.headers])
        for row in table.rows:
            writer.writerow([csv_value(value, language) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
