"""One JSON file with every table of a snapshot, for other tools to read.

Rows are objects keyed by the column keys, which stay the same in every language, so a
script written against the German file reads the English one too. A count the small-cell
rule withholds is {"suppressed": "small"} or {"suppressed": "hidden"} — never null, never 0
— and its percentage carries the same marker.
"""

from __future__ import annotations

import json
from typing import Any

from reports.exports.about import FORMAT_NAME, FORMAT_VERSION, about
from reports.exports.cells import ExportTable, Suppressed, Value
from reports.exports.tables import export_tables
from reports.models import ReportSnapshot

FORMAT_DESCRIPTION = (
    "meta: the snapshot (survey, district, period, respondents, minimum group size, licence). "
    "suppression: the small-cell rule and the marker texts. tables: a list in a fixed order, "
    "each {slug, title, description, columns: [{key, title, type}], rows: [{column key: "
    "value}]}. Column keys and slugs are the same in every language; titles follow `language`. "
    'A withheld count is {"suppressed": "hidden"}: below the minimum group size, or withheld '
    "so that such a count cannot be worked out from anything published (reports before "
    'version 2 of the tables also used {"suppressed": "small"}); its percentage holds the '
    "same marker. null means there is no value (e.g. no percentage "
    "because the base is below min_percent_base). Percentages are in percent (30.0 = 30 %), "
    "amounts in euros, dates ISO 8601."
)


def json_value(value: Value | list[str]) -> Any:
    if isinstance(value, Suppressed):
        return {"suppressed": value.reason}
    return value


def table_json(table: ExportTable) -> dict[str, Any]:
    keys = [column.key for column in table.columns]
    return {
        "slug": table.slug,
        "title": table.title,
        "description": table.description,
        "columns": [
            {"key": column.key, "title": column.title, "type": column.kind}
            for column in table.columns
        ],
        "rows": [
            {key: json_value(value) for key, value in zip(keys, row, strict=True)}
            for row in table.rows
        ],
    }


def snapshot_json(snapshot: ReportSnapshot, language: str) -> dict[str, Any]:
    """The whole file as a dict, keys in a fixed order."""
    info = about(snapshot, language)
    return {
        "format": {
            "name": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "description": FORMAT_DESCRIPTION,
        },
        "meta": {key: json_value(value) for key, value in info.meta.items()},
        "suppression": {
            "min_group_size": info.meta["min_group_size"],
            "min_percent_base": info.meta["min_percent_base"],
            "rule": info.rule,
            "markers": info.markers,
        },
        "tables": [table_json(t) for t in export_tables(snapshot.tables, language)],
    }


def write_json(snapshot: ReportSnapshot, language: str) -> bytes:
    # Compact: a demo snapshot is over 1 MB indented; browsers pretty-print JSON anyway.
    text = json.dumps(snapshot_json(snapshot, language), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")
