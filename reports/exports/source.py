"""A snapshot's tables as the row builders read them: labels in the active language, cells as
export values. The builders live in survey_rows.py (families' answers) and district_rows.py
(the district's goals, offerings and statistics)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from reports.dashboard import Report, group_names
from reports.exports.cells import CellReader, Column, Value

Rows = tuple[list[Column], list[list[Value]]]


class Source:
    """A snapshot's tables read in the active language."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self.tables = tables
        self.report = Report(tables)
        self.cells = CellReader(self.report.min_size)
        self.filter_labels = {f.key: f.label for f in self.report.filters}

    def part(self, key: str) -> Any:
        return self.tables.get(key) or {}

    def offering_name(self, offering_id: Any) -> str:
        return self.report.offering_name(int(offering_id))

    def view_label(self, key: str) -> str:
        return self.filter_labels.get(key, key)


def column_names() -> dict[str, str]:
    return {
        "all": gettext("All families"),
        "with_benefits": group_names()["with_benefits"],
        "without_benefits": group_names()["without_benefits"],
    }
