"""The pieces of an export table: typed columns, plain values and the suppression marker.

A suppressed count never becomes a number in a file, not even 0 or an empty cell: it is a
`Suppressed` value that each writer prints as its marker ("weniger als 5" / "verborgen" in a
spreadsheet, {"suppressed": "small"} in JSON), so nobody can mistake it for "nobody".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext, pgettext

# How a column's values are meant: writers format numbers and markers by it.
ColumnKind = Literal["text", "code", "count", "percent", "number", "euro", "date", "bool"]


@dataclass(frozen=True)
class Column:
    key: str  # stable English name for tools, the same in every language
    title: str  # header in the export's language
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Suppressed:
    """A count (or its percent) the small-cell rule does not show."""

    reason: Literal["small", "hidden"]
    text: str  # "weniger als 5" / "verborgen" in the export's language

    def __str__(self) -> str:
        return self.text


Value = str | int | float | bool | Suppressed | None


@dataclass(frozen=True)
class ExportTable:
    slug: str
    title: str
    description: str
    columns: list[Column]
    rows: list[list[Value]]

    @property
    def headers(self) -> list[str]:
        return [column.title for column in self.columns]


def marker_text(reason: str, min_size: int) -> str:
    """The words for a suppressed cell in the active language (the dashboard's words)."""
    if reason == "small":
        return gettext("fewer than %(size)s") % {"size": min_size}
    return pgettext("small numbers", "hidden")


class CellReader:
    """Turns stored cells ({"n", "p"} or {"s"}) into export values for one snapshot."""

    def __init__(self, min_size: int) -> None:
        self.min_size = min_size
        self._markers = {
            reason: Suppressed(reason, marker_text(reason, min_size))  # type: ignore[arg-type]
            for reason in ("small", "hidden")
        }

    def marker(self, cell: Any) -> Suppressed | None:
        if isinstance(cell, dict) and cell.get("s") in self._markers:
            return self._markers[cell["s"]]
        return None

    def count(self, cell: Any) -> int | Suppressed | None:
        marker = self.marker(cell)
        if marker is not None:
            return marker
        if isinstance(cell, dict) and cell.get("n") is not None:
            return int(cell["n"])
        return None

    def percent(self, cell: Any) -> float | Suppressed | None:
        """The share of a suppressed cell is suppressed too; None only when never computed."""
        marker = self.marker(cell)
        if marker is not None:
            return marker
        if isinstance(cell, dict) and cell.get("p") is not None:
            return float(cell["p"])
        return None


def yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")
