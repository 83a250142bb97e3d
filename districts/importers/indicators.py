"""Import of social indicators per area and year.

Two layouts: the social monitoring's (MSS) wide CSV, one row per area with a column per
indicator (the year comes from the caller or the file name), and a plain long CSV with
`area_id,key,year,value` (+ optional `source`). `indicator_import_plan` checks every row and
compares with the database; `indicator_import_apply` writes a clean plan in one transaction.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts.importers.base import (
    DistrictScope,
    Problem,
    Record,
    code_problem,
    read_table,
    unused_note,
    year_from_filename,
)
from districts.importers.mss import (
    MSS_COLUMNS,
    OPEN_LIFEWORLDS_COLUMNS,
    cell_value,
    mss_source,
    wide_columns,
)
from districts.models import Area, AreaIndicator, AreaIndicatorValue, District

SOURCE_MAX_LENGTH = AreaIndicatorValue._meta.get_field("source_note").max_length or 300
ID_COLUMNS = ("id", "area_id", "area", "code", "lor", "nummer", "schluessel")
KEY_COLUMNS = ("key", "indicator", "kennzahl", "schluesselwort")
YEAR_COLUMNS = ("year", "jahr")
VALUE_COLUMNS = ("value", "wert")
SOURCE_COLUMNS = ("source", "quelle")
NAME_COLUMNS = ("name", "bezeichnung")


@dataclass
class _Candidate:
    record: Record
    code: str
    indicator: AreaIndicator
    year: int
    value: float
    source: str


@dataclass
class IndicatorGroup:
    """What the import does to one indicator in one year."""

    indicator: AreaIndicator
    year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ValueChange:
    code: str
    area_name: str
    indicator: AreaIndicator
    year: int
    old: float
    new: float

    @property
    def old_display(self) -> str:
        return self.indicator.display(self._rounded(self.old))

    @property
    def new_display(self) -> str:
        return self.indicator.display(self._rounded(self.new))

    def _rounded(self, value: float) -> float:
        # AreaIndicator.display cuts percentages after one decimal instead of rounding.
        return round(value, 1) if self.indicator.kind == AreaIndicator.Kind.PERCENT else value


@dataclass
class IndicatorPlan:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    groups: list[IndicatorGroup] = field(default_factory=list)
    changes: list[ValueChange] = field(default_factory=list)
    rows: int = 0
    _new: list[AreaIndicatorValue] = field(default_factory=list, repr=False)
    _updated: list[AreaIndicatorValue] = field(default_factory=list, repr=False)

    @property
    def is_clean(self) -> bool:
        return not self.problems

    @property
    def created(self) -> int:
        return len(self._new)

    @property
    def updated(self) -> int:
        return len(self._updated)

    @property
    def unchanged(self) -> int:
        return sum(g.unchanged for g in self.groups)

    @property
    def has_changes(self) -> bool:
        return bool(self._new or self._updated)

    def summary(self) -> str:
        return _(
            "Indicator values: %(created)s new, %(updated)s changed, %(unchanged)s unchanged."
        ) % {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def indicator_import_plan(
    *,
    data: bytes,
    filename: str = "",
    year: int | None = None,
    source: str = "",
    district: District | None = None,
    skip_other_districts: bool = False,
) -> IndicatorPlan:
    """Read and check every row of an indicator file and say what importing it would change.

    `year` (or a year in the file name, as in mss-2021-…) is needed for the MSS layout;
    `source` replaces the default attribution and fills rows without a source column.
    """
    plan = IndicatorPlan()
    table = read_table(data)
    plan.problems.extend(table.problems)
    plan.notes.extend(table.notes)
    if table.problems:
        return plan
    if table.kind != "csv":
        plan.problems.append(Problem(_("Indicator values are imported from CSV files.")))
        return plan
    if len(source) > SOURCE_MAX_LENGTH:
        plan.problems.append(
            Problem(_("The source is longer than %(max)s characters.") % {"max": SOURCE_MAX_LENGTH})
        )
        return plan
    indicators = {i.key: i for i in AreaIndicator.objects.all()}
    scope = DistrictScope(district, skip_other_districts=skip_other_districts)
    columns = table.columns
    if not set(columns) & set(ID_COLUMNS):
        plan.problems.append(
            Problem(
                _(
                    "No column with the area number found. Expected area_id, key, year, value "
                    "or the social monitoring's id, s4, … (found: %(columns)s)."
                )
                % {"columns": ", ".join(columns) or "–"}
            )
        )
        return plan
    if set(columns) & set(KEY_COLUMNS) and set(columns) & set(VALUE_COLUMNS):
        candidates = _read_long(table.records, columns, indicators, source, scope, plan)
    else:
        year = year or year_from_filename(filename)
        candidates = _read_wide(table.records, columns, indicators, year, source, scope, plan)
    if note := scope.district_note():
        plan.notes.append(note)
    if plan.problems:
        return plan
    _compare_with_database(plan, _resolve_areas(candidates, plan))
    return plan


def _read_long(
    records: list[Record],
    columns: list[str],
    indicators: dict[str, AreaIndicator],
    source: str,
    scope: DistrictScope,
    plan: IndicatorPlan,
) -> list[_Candidate]:
    used = set(ID_COLUMNS + KEY_COLUMNS + YEAR_COLUMNS + VALUE_COLUMNS + SOURCE_COLUMNS)
    used |= set(NAME_COLUMNS)
    if note := unused_note([c for c in columns if c not in used], geojson=False):
        plan.notes.append(note)
    if not set(columns) & set(YEAR_COLUMNS):
        plan.problems.append(Problem(_("The file has no year column.")))
        return []
    candidates = []
    district_rows = 0
    unsourced = 0
    for record in records:
        code = record.get(*ID_COLUMNS)
        if len(code) == 2 and code.isdigit():
            district_rows += 1
            continue
        plan.rows += 1
        problems = []
        if problem := code_problem(code):
            problems.append(problem)
        key = record.get(*KEY_COLUMNS)
        indicator = indicators.get(key)
        if indicator is None:
            problems.append(
                _('Unknown indicator "%(key)s". Known keys: %(keys)s.')
                % {"key": key or "–", "keys": ", ".join(indicators)}
            )
        year_text = record.get(*YEAR_COLUMNS)
        year = int(year_text) if year_text.isdigit() else None
        if year is None or not 1990 <= year <= 2100:
            problems.append(_('"%(year)s" is not a year.') % {"year": year_text or "–"})
        row_source = record.get(*SOURCE_COLUMNS) or source
        if len(row_source) > SOURCE_MAX_LENGTH:
            problems.append(
                _("The source is longer than %(max)s characters.") % {"max": SOURCE_MAX_LENGTH}
            )
        value = None
        if indicator is not None:
            value, problem = cell_value(record.get(*VALUE_COLUMNS), indicator)
            if problem:
                problems.append(problem)
            elif value is None:
                problems.append(_("The value is missing."))
        if problems or indicator is None or year is None or value is None:
            plan.problems.extend(record.problem(p) for p in problems)
            continue
        if not scope.check(code, record, plan.problems):
            continue
        unsourced += not row_source
        candidates.append(_Candidate(record, code, indicator, year, value, row_source))
    _district_rows_note(plan, district_rows)
    if unsourced:
        plan.notes.append(
            ngettext(
                "%(count)s value has no source. Add a source column or give a source, so "
                "readers know where the number comes from.",
                "%(count)s values have no source. Add a source column or give a source, so "
                "readers know where the numbers come from.",
                unsourced,
            )
            % {"count": unsourced}
        )
    return candidates


def _read_wide(
    records: list[Record],
    columns: list[str],
    indicators: dict[str, AreaIndicator],
    year: int | None,
    source: str,
    scope: DistrictScope,
    plan: IndicatorPlan,
) -> list[_Candidate]:
    mapped = wide_columns(columns, indicators)
    if not mapped:
        plan.problems.append(
            Problem(
                _(
                    "None of the columns is a known indicator. Expected the social "
                    "monitoring's columns (inhabitants, status_index, s1, s3, s4, …), "
                    "indicator keys, or the long layout area_id, key, year, value."
                )
            )
        )
        return []
    if year is None:
        plan.problems.append(
            Problem(
                _(
                    "The year of the values is missing: give it, or name the file with the "
                    "year (e.g. mss-2021-planning-areas.csv)."
                )
            )
        )
        return []
    if not 1990 <= year <= 2100:
        plan.problems.append(Problem(_('"%(year)s" is not a year.') % {"year": year}))
        return []
    used = set(ID_COLUMNS) | set(NAME_COLUMNS) | {c for _i, cs in mapped for c in cs}
    if note := unused_note([c for c in columns if c not in used], geojson=False):
        plan.notes.append(note)
    is_mss = any(i.key in dict(MSS_COLUMNS) and cs[0] != i.key for i, cs in mapped)
    if not source and is_mss:
        via = any(OPEN_LIFEWORLDS_COLUMNS.match(c) for c in columns)
        source = mss_source(year, via_open_lifeworlds=via)
    candidates = []
    district_rows = []
    empty = 0
    for record in records:
        code = record.get(*ID_COLUMNS)
        if code.casefold() in {"nummer", "id"} or any(
            v.startswith("SD:") for v in record.values.values()
        ):
            # The MSS district file's first data row holds the standard deviations.
            plan.notes.append(
                _("Line %(line)s holds standard deviations, not an area, and was skipped.")
                % {"line": record.line}
            )
            continue
        if len(code) == 2 and code.isdigit():
            district_rows.append(code)
            continue
        plan.rows += 1
        if problem := code_problem(code):
            plan.problems.append(record.problem(problem))
            continue
        if not scope.check(code, record, plan.problems):
            continue
        for indicator, indicator_columns in mapped:
            text = next((record.values[c] for c in indicator_columns if record.values[c]), "")
            if not text:
                empty += 1
                continue
            value, problem = cell_value(text, indicator)
            if problem:
                plan.problems.append(record.problem(problem))
            elif value is not None:
                candidates.append(_Candidate(record, code, indicator, year, value, source))
    _district_rows_note(plan, len(district_rows))
    if empty:
        plan.notes.append(
            ngettext(
                "%(count)s empty value was skipped (e.g. uninhabited planning areas have no "
                "index values).",
                "%(count)s empty values were skipped (e.g. uninhabited planning areas have no "
                "index values).",
                empty,
            )
            % {"count": empty}
        )
    plan.notes.append(
        _("Columns read: %(columns)s.")
        % {"columns": "; ".join(f"{' / '.join(cs)} → {indicator.name}" for indicator, cs in mapped)}
    )
    return candidates


def _district_rows_note(plan: IndicatorPlan, count: int) -> None:
    if count:
        plan.notes.append(
            ngettext(
                "Not imported: district level (%(count)s row; values are kept per "
                "Prognoseraum, Bezirksregion and Planungsraum).",
                "Not imported: district level (%(count)s rows; values are kept per "
                "Prognoseraum, Bezirksregion and Planungsraum).",
                count,
            )
            % {"count": count}
        )


def _resolve_areas(
    candidates: list[_Candidate], plan: IndicatorPlan
) -> list[tuple[_Candidate, Area]]:
    numbers = {c.code[:2] for c in candidates}
    editions: dict[str, list[Area]] = defaultdict(list)
    for area in (
        Area.objects.filter(district__number__in=numbers)
        .only("id", "code", "name", "valid_from")
        .order_by("code", "valid_from")
    ):
        editions[area.code].append(area)
    resolved = []
    reported: set[int] = set()
    for candidate in candidates:
        areas = editions.get(candidate.code)
        if not areas:
            if id(candidate.record) not in reported:
                reported.add(id(candidate.record))
                plan.problems.append(
                    candidate.record.problem(
                        _("Area %(code)s is unknown: import the areas first.")
                        % {"code": candidate.code}
                    )
                )
            continue
        # The newest LOR edition in force in the year of the value.
        in_force = [a for a in areas if a.valid_from <= datetime.date(candidate.year, 12, 31)]
        resolved.append((candidate, (in_force or areas)[-1]))
    return resolved


def _compare_with_database(plan: IndicatorPlan, resolved: list[tuple[_Candidate, Area]]) -> None:
    if plan.problems:
        return
    seen: dict[tuple[int, int, int], Record] = {}
    for candidate, area in resolved:
        key = (area.pk, candidate.indicator.pk, candidate.year)
        if key in seen:
            plan.problems.append(
                candidate.record.problem(
                    _("%(indicator)s %(year)s for area %(code)s appears more than once.")
                    % {
                        "indicator": candidate.indicator.name,
                        "year": candidate.year,
                        "code": candidate.code,
                    }
                )
            )
        seen[key] = candidate.record
    if plan.problems:
        return
    years = {c.year for c, _a in resolved}
    numbers = {c.code[:2] for c, _a in resolved}
    existing = {
        (v.area_id, v.indicator_id, v.year): v
        for v in AreaIndicatorValue.objects.filter(
            year__in=years, area__district__number__in=numbers
        ).only("id", "area_id", "indicator_id", "year", "value", "source_note")
    }
    groups: dict[tuple[int, int], IndicatorGroup] = {}
    for candidate, area in resolved:
        group = groups.setdefault(
            (candidate.indicator.position, candidate.year),
            IndicatorGroup(candidate.indicator, candidate.year),
        )
        value = existing.get((area.pk, candidate.indicator.pk, candidate.year))
        if value is None:
            group.created += 1
            plan._new.append(
                AreaIndicatorValue(
                    area=area,
                    indicator=candidate.indicator,
                    year=candidate.year,
                    value=candidate.value,
                    source_note=candidate.source,
                )
            )
        elif value.value != candidate.value or value.source_note != candidate.source:
            group.updated += 1
            if value.value != candidate.value:
                plan.changes.append(
                    ValueChange(
                        area.code,
                        area.name,
                        candidate.indicator,
                        candidate.year,
                        value.value,
                        candidate.value,
                    )
                )
            value.value, value.source_note = candidate.value, candidate.source
            plan._updated.append(value)
        else:
            group.unchanged += 1
    plan.groups = [groups[k] for k in sorted(groups)]


@dataclass(frozen=True)
class IndicatorImportResult:
    created: int
    updated: int
    unchanged: int


def indicator_import_apply(*, plan: IndicatorPlan) -> IndicatorImportResult:
    """Store the values of a clean plan in one transaction."""
    if not plan.is_clean:
        raise ValueError("A plan with problems cannot be imported.")
    with transaction.atomic():
        AreaIndicatorValue.objects.bulk_create(plan._new, batch_size=500)
        AreaIndicatorValue.objects.bulk_update(
            plan._updated, ["value", "source_note"], batch_size=500
        )
    return IndicatorImportResult(
        created=plan.created, updated=plan.updated, unchanged=plan.unchanged
    )
