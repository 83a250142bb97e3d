"""Offerings as spreadsheets: the columns, reading CSV/XLSX, checking into a plan, writing.

The import has two steps like the area importer: `offering_import_plan` checks every row and
writes nothing; `offering_import_apply` carries out a clean plan in one transaction.
"""

from __future__ import annotations

from offerings.exchange.columns import COLUMNS, HEADERS, Column
from offerings.exchange.plan import (
    OfferingImportResult,
    OfferingPlan,
    RowPlan,
    offering_import_apply,
    offering_import_plan,
)
from offerings.exchange.writer import (
    export_queryset,
    offering_rows,
    write_csv,
    write_xlsx,
)

__all__ = [
    "COLUMNS",
    "HEADERS",
    "Column",
    "OfferingImportResult",
    "OfferingPlan",
    "RowPlan",
    "export_queryset",
    "offering_import_apply",
    "offering_import_plan",
    "offering_rows",
    "write_csv",
    "write_xlsx",
]
