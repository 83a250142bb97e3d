"""Writing offerings as CSV or XLSX in the columns the importer reads back unchanged."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable

from django.db.models import QuerySet

from mitwirkung.spreadsheet_safety import neutralise
from offerings.exchange.columns import (
    BOOLEANS,
    CHOICE_WORDS,
    COLUMNS,
    HEADERS,
    LIST_SEPARATOR,
    LISTS,
    NO,
    PLACE_SEPARATOR,
    YES,
)
from offerings.models import Offering, OfferingPlace

Cell = str | int | datetime.date | None


def export_queryset(offerings: QuerySet[Offering]) -> QuerySet[Offering]:
    """Everything one export reads, in a fixed number of queries whatever the row count."""
    return (
        offerings.select_related("provider", "category", "sector")
        .prefetch_related(*LISTS, "places__area", "goal_links__goal")
        .order_by("name", "pk")
    )


def place_text(place: OfferingPlace) -> str:
    parts = [place.name, place.address, place.area.code if place.area else ""]
    if place.latitude is not None and place.longitude is not None:
        parts += [str(place.latitude), str(place.longitude)]
    return f"{PLACE_SEPARATOR} ".join(parts)


def offering_row(offering: Offering) -> list[Cell]:
    values: dict[str, Cell] = {
        "id": offering.pk,
        "name": offering.name,
        "description": offering.description,
        "provider": offering.provider.name,
        "category": offering.category.name_de,
        "sector": offering.sector.name_de,
        "age_from": offering.age_from,
        "age_to": offering.age_to,
        "opening_times": offering.opening_times,
        "capacity_per_month": offering.capacity_per_month,
        "reached_per_month": offering.reached_per_month,
        "starts_on": offering.starts_on,
        "ends_on": offering.ends_on,
        "last_confirmed_on": offering.last_confirmed_on,
        "places": f" {LIST_SEPARATOR} ".join(place_text(p) for p in offering.places.all()),
        "goals": f" {LIST_SEPARATOR} ".join(
            sorted(link.goal.title for link in offering.goal_links.all())
        ),
    }
    for name, words in CHOICE_WORDS.items():
        values[name] = words.get(getattr(offering, name), getattr(offering, name))
    for name in BOOLEANS:
        values[name] = YES if getattr(offering, name) else NO
    for name in LISTS:
        values[name] = f" {LIST_SEPARATOR} ".join(o.name_de for o in getattr(offering, name).all())
    return [values[column.key] for column in COLUMNS]


def offering_rows(offerings: Iterable[Offering]) -> list[list[Cell]]:
    return [offering_row(offering) for offering in offerings]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(rows: list[list[Cell]]) -> bytes:
    """UTF-8 with BOM and `;`: German Excel opens it with umlauts and columns intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        # Text never runs as a formula; the importer removes the quote again (reader.py).
        writer.writerow([_text(neutralise(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows: list[list[Cell]], *, title: str = "Angebote") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_columns = {i for i, c in enumerate(COLUMNS, start=1) if c.key.endswith("_on")}
    for row in rows:
        # Text never runs as a formula; the importer removes the quote again (reader.py).
        sheet.append([neutralise(value) for value in row])
    for column in date_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "C2"
    for position, header in enumerate(HEADERS, start=1):
        letter = sheet.cell(row=1, column=position).column_letter
        sheet.column_dimensions[letter].width = max(12, min(40, len(header) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
