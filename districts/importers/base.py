"""Reading import files into rows, without touching the database.

Every reader returns what it could read plus a list of problems; nothing here raises on bad
input, so the caller can show all problems of a file at once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts.models import Area, District

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported, tied to the line or feature where it was found."""

    message: str
    line: int | None = None
    feature: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        if self.feature is not None:
            return _("Feature %(number)s: %(message)s") % {
                "number": self.feature,
                "message": self.message,
            }
        return self.message


@dataclass
class Record:
    """One row of a CSV file (line = its line in the file) or one GeoJSON feature."""

    values: dict[str, str]
    line: int | None = None
    feature: int | None = None
    geometry: dict[str, Any] | None = None

    def problem(self, message: str) -> Problem:
        return Problem(message, line=self.line, feature=self.feature)

    def get(self, *names: str) -> str:
        for name in names:
            value = self.values.get(name, "")
            if value:
                return value
        return ""


@dataclass
class Table:
    """What a file holds: its columns (lower-case, in order, without repeats) and records."""

    kind: str  # "csv" or "geojson"
    columns: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    crs: str | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Signatures of files that are no text at all: zip (also .xlsx, .docx), PDF, old Office.
BINARY_STARTS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")


def file_problem(data: bytes) -> str | None:
    """Why an upload cannot be a CSV or GeoJSON file at all, checked before any parsing."""
    if not data.strip():
        return _("The file is empty.")
    if data.startswith(BINARY_STARTS) or b"\x00" in data[:4096]:
        return _(
            "The file is not a text file: please upload a CSV or GeoJSON file (.csv, .geojson)."
        )
    return None


def read_upload(upload: Any) -> bytes:
    """An uploaded file's bytes (after its size was checked), rewound for storing it."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of an upload; Excel on Windows still writes Windows-1252."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), _(
            "The file is not UTF-8; it was read as Windows-1252 (Excel). Check umlauts in the names."
        )


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in {"{", "["}


def read_csv(text: str) -> Table:
    """A CSV file with a header row: comma, semicolon or tab separated, '#' lines are comments.

    Values stay strings, so LOR numbers keep their leading zeros.
    """
    table = Table(kind="csv")
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    positions: dict[str, int] = {}
    previous_end = 0
    try:
        for row in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                # Several MSS files repeat a column (e.g. `inhabitants`); the first one counts.
                for position, name in enumerate(header):
                    if name and name not in positions:
                        positions[name] = position
                table.columns = list(positions)
                continue
            values = {
                name: row[position].strip() if position < len(row) else ""
                for name, position in positions.items()
            }
            table.records.append(Record(values=values, line=start))
    except csv.Error as error:
        table.problems.append(
            Problem(_("The file cannot be read as CSV: %(error)s") % {"error": error})
        )
    if header is None and not table.problems:
        table.problems.append(Problem(_("The file is empty.")))
    return table


def read_geojson(text: str) -> Table:
    """A GeoJSON FeatureCollection; property names are compared in lower case."""
    table = Table(kind="geojson")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        table.problems.append(
            Problem(
                _("The file is not valid GeoJSON: %(error)s (line %(line)s)")
                % {"error": error.msg, "line": error.lineno}
            )
        )
        return table
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        table.problems.append(Problem(_("The GeoJSON file must hold a FeatureCollection.")))
        return table
    crs = document.get("crs")
    if isinstance(crs, dict):
        table.crs = str((crs.get("properties") or {}).get("name") or "") or None
    seen: dict[str, None] = {}
    for number, feature in enumerate(document.get("features") or [], start=1):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            table.problems.append(Problem(_("The feature has no properties."), feature=number))
            continue
        values = {}
        for key, value in feature["properties"].items():
            name = str(key).strip().lower()
            seen.setdefault(name, None)
            values[name] = _property_text(value)
        geometry = feature.get("geometry")
        table.records.append(
            Record(
                values=values,
                feature=number,
                geometry=geometry if isinstance(geometry, dict) else None,
            )
        )
    table.columns = list(seen)
    if not table.records and not table.problems:
        table.problems.append(Problem(_("The file holds no features.")))
    return table


def _property_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value).strip()


def read_table(data: bytes) -> Table:
    text, warning = decode(data)
    table = read_geojson(text) if looks_like_json(text) else read_csv(text)
    if warning:
        table.notes.append(warning)
    return table


def parse_number(text: str) -> float | None:
    """A number as districts write it: 19.4, 19,4 (German), 1.234,5 or 1,234.5; else None."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.fullmatch(cleaned):
        return None
    return float(cleaned)


def year_from_filename(filename: str) -> int | None:
    match = _YEAR_IN_NAME.search(filename or "")
    return int(match.group(1)) if match else None


def code_problem(code: str) -> str | None:
    """Why a text is not a LOR number of an area, or None if it is one."""
    if Area.level_for_code(code):
        return None
    if code.isdigit() and len(code) in {3, 5, 7}:
        return _(
            "%(code)s is not a LOR number: it has an odd number of digits. Was a leading zero "
            "lost (e.g. by Excel)? Save the numbers as text."
        ) % {"code": code}
    return _("%(code)s is not a LOR number (4, 6 or 8 digits).") % {"code": code or "–"}


def unused_note(names: list[str], *, geojson: bool) -> str | None:
    if not names:
        return None
    message = _("Properties not used: %(names)s") if geojson else _("Columns not used: %(names)s")
    return message % {"names": ", ".join(names)}


class DistrictScope:
    """Which district an import may touch; rows of other districts are errors or skipped."""

    def __init__(self, district: District | None, *, skip_other_districts: bool = False) -> None:
        self.district = district
        self.skip_other_districts = skip_other_districts
        self.districts = {d.number: d for d in District.objects.all()}
        self.skipped = 0
        self.others = 0

    def check(self, code: str, record: Record, problems: list[Problem]) -> bool:
        """True if a row with this code may be imported; records the problem otherwise."""
        district = self.districts.get(code[:2])
        if district is None:
            problems.append(
                record.problem(
                    _("%(code)s: there is no Berlin district with the number %(number)s.")
                    % {"code": code, "number": code[:2]}
                )
            )
            return False
        if self.district is not None and district != self.district:
            if self.skip_other_districts:
                self.skipped += 1
                return False
            self.others += 1
            problems.append(
                record.problem(
                    _("Area %(code)s belongs to %(other)s, not to %(district)s.")
                    % {"code": code, "other": district.name, "district": self.district.name}
                )
            )
            return False
        return True

    def district_note(self) -> str | None:
        if self.others and self.district is not None:
            return ngettext(
                "%(count)s row belongs to another district. To import only the rows of "
                "%(district)s, choose to skip rows of other districts.",
                "%(count)s rows belong to other districts. To import only the rows of "
                "%(district)s, choose to skip rows of other districts.",
                self.others,
            ) % {"count": self.others, "district": self.district.name}
        if not self.skipped or self.district is None:
            return None
        return ngettext(
            "%(count)s row of another district was skipped (only %(district)s is imported).",
            "%(count)s rows of other districts were skipped (only %(district)s is imported).",
            self.skipped,
        ) % {"count": self.skipped, "district": self.district.name}
