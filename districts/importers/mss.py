"""The social monitoring's (Monitoring Soziale Stadtentwicklung, MSS) CSV layout.

One row per area, one column per indicator; column names differ between editions and
publishers, so they are matched by pattern. Cell values are checked against what the
indicator may hold (percentages 0–100, whole counts, the classes of an index).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from districts.importers.base import parse_number
from districts.models import AreaIndicator

MSS_SOURCE = (
    "Monitoring Soziale Stadtentwicklung %(year)s (SenStadt, Amt für Statistik "
    "Berlin-Brandenburg, CC BY 3.0 DE)"
)
# Open Lifeworlds republishes the MSS with English column names (CC BY 4.0).
OPEN_LIFEWORLDS = ", via Open Lifeworlds (CC BY 4.0)"
OPEN_LIFEWORLDS_COLUMNS = re.compile(r"^(inhabitants|s\d_percentage_.*)$")

# Indicator key -> the MSS columns that hold it, best first. Column names differ between
# editions and publishers; everything else (z-scores, dynamics d1…, other context
# indicators) is listed as not used.
MSS_COLUMNS: list[tuple[str, list[str]]] = [
    ("population", [r"inhabitants", r"einwohner(innen)?", r"ew"]),
    ("mss-status-class", [r"status_?index", r"status_index_class", r"statusindex_klasse"]),
    ("mss-dynamic-class", [r"dynamic_?index", r"dynamic_index_class", r"dynamikindex(_klasse)?"]),
    ("unemployment-mss", [r"s1(_.*)?"]),
    ("single-parent-households", [r"s2(_.*)?", r"k0?2(_.*)?"]),
    ("transfer-benefits-mss", [r"s3(_.*)?"]),
    ("child-poverty-mss", [r"s4(_.*)?"]),
]
# The MSS's dynamic index writes its classes as signs.
DYNAMIC_SIGNS = {"+": 1, "+/-": 0, "±": 0, "-": -1, "–": -1}


def mss_source(year: int, *, via_open_lifeworlds: bool) -> str:
    return MSS_SOURCE % {"year": year} + (OPEN_LIFEWORLDS if via_open_lifeworlds else "")


def wide_columns(
    columns: list[str], indicators: dict[str, AreaIndicator]
) -> list[tuple[AreaIndicator, list[str]]]:
    """The indicator each known column holds: MSS names first, then columns named by a key."""
    mapped: list[tuple[AreaIndicator, list[str]]] = []
    taken: set[str] = set()
    for key, patterns in MSS_COLUMNS:
        found = [
            column
            for pattern in patterns
            for column in columns
            if re.fullmatch(pattern, column) and column not in taken
        ]
        if found and key in indicators:
            mapped.append((indicators[key], found))
            taken.update(found)
    for column in columns:
        if column in indicators and column not in taken:
            mapped.append((indicators[column], [column]))
            taken.add(column)
    return mapped


def cell_value(text: str, indicator: AreaIndicator) -> tuple[float | None, str | None]:
    """The number a cell stands for, or why it cannot be stored for this indicator."""
    text = text.strip()
    if not text:
        return None, None
    if indicator.kind == AreaIndicator.Kind.CLASS:
        return class_value(text, indicator)
    number = parse_number(text)
    if number is None:
        return None, _('"%(text)s" is not a number (%(indicator)s).') % {
            "text": text,
            "indicator": indicator.name,
        }
    if indicator.kind == AreaIndicator.Kind.PERCENT and not 0 <= number <= 100:
        return None, _("%(value)s is not a percentage between 0 and 100 (%(indicator)s).") % {
            "value": text,
            "indicator": indicator.name,
        }
    if indicator.kind == AreaIndicator.Kind.COUNT and (number < 0 or not number.is_integer()):
        return None, _("%(value)s is not a whole number of 0 or more (%(indicator)s).") % {
            "value": text,
            "indicator": indicator.name,
        }
    return number, None


def class_value(text: str, indicator: AreaIndicator) -> tuple[float | None, str | None]:
    labels = {str(k): str(v) for k, v in indicator.class_labels.items()}
    number = parse_number(text) if text not in DYNAMIC_SIGNS else None
    if number is not None and number.is_integer() and str(int(number)) in labels:
        return float(int(number)), None
    if indicator.key == "mss-dynamic-class" and text in DYNAMIC_SIGNS:
        return float(DYNAMIC_SIGNS[text]), None
    by_label = {label.casefold(): key for key, label in labels.items()}
    if text.casefold() in by_label:
        return float(by_label[text.casefold()]), None
    return None, _('"%(text)s" is not a class of %(indicator)s (%(classes)s).') % {
        "text": text,
        "indicator": indicator.name,
        "classes": ", ".join(f"{k} {v}" for k, v in labels.items()),
    }
