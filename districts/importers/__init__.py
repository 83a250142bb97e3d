"""Importers for LOR areas and their social indicators: check every row, then write in one go.

Each import is two steps: a plan (`*_import_plan`) that reads the whole file, reports every
problem with its line or feature number and says what would change, without writing; and
`*_import_apply`, which carries out a plan without problems in one transaction. Running the
same file twice changes nothing the second time.
"""

from __future__ import annotations

from districts.importers.areas import (
    AreaImportResult,
    AreaPlan,
    area_import_apply,
    area_import_plan,
    placeholder_name,
)
from districts.importers.base import MAX_UPLOAD_BYTES, Problem
from districts.importers.indicators import (
    IndicatorImportResult,
    IndicatorPlan,
    indicator_import_apply,
    indicator_import_plan,
    mss_source,
)

__all__ = [
    "MAX_UPLOAD_BYTES",
    "AreaImportResult",
    "AreaPlan",
    "IndicatorImportResult",
    "IndicatorPlan",
    "Problem",
    "area_import_apply",
    "area_import_plan",
    "indicator_import_apply",
    "indicator_import_plan",
    "mss_source",
    "placeholder_name",
]
