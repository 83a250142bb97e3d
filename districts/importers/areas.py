"""Import of LOR areas (Prognoseräume, Bezirksregionen, Planungsräume) from GeoJSON or CSV.

`area_import_plan` reads and checks every row and compares with the database; it writes
nothing. `area_import_apply` carries out a plan without errors in one transaction.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts.importers.base import (
    DistrictScope,
    Problem,
    Record,
    Table,
    code_problem,
    read_table,
    unused_note,
)
from districts.importers.geometry import GeometryError, coordinate_system, to_wgs84
from districts.models import Area, District
from districts.models.areas import LOR_2021

# The Geoportal's own layout (the WFS writes the same names in lower case): one feature per
# area of the finest level present, with the ids and names of the levels above it.
LOR_LEVELS = [("pgr_id", "pgr_name"), ("bzr_id", "bzr_name"), ("plr_id", "plr_name")]
LOR_DISTRICT = ("bez", "bez_id", "bez_name", "bezname")
ID_COLUMNS = ("id", "code", "lor", "nummer", "schluessel")
NAME_COLUMNS = ("name", "bezeichnung")


@dataclass
class _Wanted:
    code: str
    name: str
    record: Record
    geometry: dict[str, Any] | None = None
    own_row: bool = True


@dataclass
class AreaChange:
    """An area the import creates or changes, for the preview and the summary."""

    code: str
    level: str
    name: str
    placeholder: bool = False
    old_name: str = ""
    changes: list[str] = field(default_factory=list)
    origin: str = ""

    @property
    def level_label(self) -> str:
        return str(Area.Level(self.level).label)


@dataclass
class AreaPlan:
    valid_from: datetime.date
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    creates: list[AreaChange] = field(default_factory=list)
    updates: list[AreaChange] = field(default_factory=list)
    unchanged: int = 0
    rows: int = 0
    _wanted: dict[str, _Wanted] = field(default_factory=dict, repr=False)
    _existing: dict[str, Area] = field(default_factory=dict, repr=False)
    _districts: dict[str, District] = field(default_factory=dict, repr=False)

    @property
    def is_clean(self) -> bool:
        return not self.problems

    @property
    def placeholders(self) -> list[AreaChange]:
        return [c for c in self.creates if c.placeholder]

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates)

    def summary(self) -> str:
        return _(
            "Areas: %(created)s new (%(placeholders)s of them with a placeholder name), "
            "%(updated)s changed, %(unchanged)s unchanged."
        ) % {
            "created": len(self.creates),
            "placeholders": len(self.placeholders),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
        }


# Stored data, not interface text: the same German name whoever runs the import and in
# whichever language, so a later import recognises and replaces it.
PLACEHOLDER_NAMES = {
    Area.Level.PROGNOSERAUM: "Prognoseraum {code} (Name noch unbekannt)",
    Area.Level.BEZIRKSREGION: "Bezirksregion {code} (Name noch unbekannt)",
    Area.Level.PLANUNGSRAUM: "Planungsraum {code} (Name noch unbekannt)",
}


def placeholder_name(code: str) -> str:
    return PLACEHOLDER_NAMES[Area.Level(Area.level_for_code(code))].format(code=code)


def area_import_plan(
    *,
    data: bytes,
    district: District | None = None,
    valid_from: datetime.date = LOR_2021,
    skip_other_districts: bool = False,
) -> AreaPlan:
    """Read and check every row of an area file and say what importing it would change."""
    plan = AreaPlan(valid_from=valid_from)
    table = read_table(data)
    plan.problems.extend(table.problems)
    plan.notes.extend(table.notes)
    if table.problems:
        return plan
    scope = DistrictScope(district, skip_other_districts=skip_other_districts)
    plan._districts = scope.districts
    columns = set(table.columns)
    if columns & {"plr_id", "bzr_id", "pgr_id"}:
        used = {c for pair in LOR_LEVELS for c in pair} | set(LOR_DISTRICT)
        _read_lor_layout(table, scope, plan)
    elif columns & set(ID_COLUMNS):
        used = set(ID_COLUMNS) | set(NAME_COLUMNS)
        _read_id_name_layout(table, scope, plan)
    else:
        plan.problems.append(
            Problem(
                _(
                    "No column with the area number found. Expected id and name, or the "
                    "Geoportal's PLR_ID, PLR_NAME, BZR_ID, … (found: %(columns)s)."
                )
                % {"columns": ", ".join(table.columns) or "–"}
            )
        )
        return plan
    if note := unused_note(
        [c for c in table.columns if c not in used], geojson=table.kind == "geojson"
    ):
        plan.notes.append(note)
    if note := scope.district_note():
        plan.notes.append(note)
    _attach_geometries(table, plan)
    _compare_with_database(plan)
    return plan


def _read_lor_layout(table: Table, scope: DistrictScope, plan: AreaPlan) -> None:
    for record in table.records:
        chain = [
            (record.get(id_column), record.get(name_column))
            for id_column, name_column in LOR_LEVELS
            if record.get(id_column)
        ]
        if not chain:
            plan.problems.append(record.problem(_("The row has no PLR_ID, BZR_ID or PGR_ID.")))
            continue
        plan.rows += 1
        codes = [code for code, _name in chain]
        problems = [p for p in map(code_problem, codes) if p]
        for upper, lower in itertools.pairwise(codes):
            if not problems and Area.parent_code(lower) != upper:
                problems.append(
                    _("%(lower)s does not belong to %(upper)s: its number must start with it.")
                    % {"lower": lower, "upper": upper}
                )
        if problems:
            plan.problems.extend(record.problem(p) for p in problems)
            continue
        own_code = codes[-1]
        if not scope.check(own_code, record, plan.problems):
            continue
        if problem := _district_column_problem(record, own_code, scope):
            plan.problems.append(record.problem(problem))
            continue
        for position, (code, name) in enumerate(chain):
            _want(plan, _Wanted(code, name, record, own_row=position == len(chain) - 1))


def _district_column_problem(record: Record, code: str, scope: DistrictScope) -> str | None:
    given = record.get(*LOR_DISTRICT)
    if not given:
        return None
    district = scope.districts[code[:2]]
    number = given.zfill(2) if given.isdigit() else None
    if number == district.number or given.casefold() == district.name.casefold():
        return None
    return _("BEZ says %(given)s, but %(code)s lies in %(district)s.") % {
        "given": given,
        "code": code,
        "district": district.name,
    }


def _read_id_name_layout(table: Table, scope: DistrictScope, plan: AreaPlan) -> None:
    district_rows = 0
    names_missing = "name" not in table.columns and "bezeichnung" not in table.columns
    for record in table.records:
        code = record.get(*ID_COLUMNS)
        name = record.get(*NAME_COLUMNS)
        if code.casefold() in {"nummer", "id"} or any(
            v.startswith("SD:") for v in record.values.values()
        ):
            # The MSS district file's first data row holds the standard deviations.
            plan.notes.append(
                _("%(where)s holds no area (e.g. standard deviations) and was skipped.")
                % {"where": _where(record)}
            )
            continue
        if len(code) == 2 and code.isdigit():
            if code not in scope.districts:
                plan.problems.append(
                    record.problem(
                        _("There is no Berlin district with the number %(number)s.")
                        % {"number": code}
                    )
                )
            district_rows += 1
            continue
        plan.rows += 1
        if problem := code_problem(code):
            plan.problems.append(record.problem(problem))
            continue
        if len(name) > 200:
            plan.problems.append(record.problem(_("The name is longer than 200 characters.")))
            continue
        if scope.check(code, record, plan.problems):
            _want(plan, _Wanted(code, name, record, geometry=None))
    if district_rows:
        plan.notes.append(
            ngettext(
                "%(count)s row at district level was checked; districts are not imported as areas.",
                "%(count)s rows at district level were checked; districts are not imported "
                "as areas.",
                district_rows,
            )
            % {"count": district_rows}
        )
    if names_missing and plan.rows:
        plan.notes.append(
            _(
                "The file has no name column: new areas get a placeholder name, existing "
                "names are kept."
            )
        )


def _where(record: Record) -> str:
    if record.line is not None:
        return _("Line %(line)s") % {"line": record.line}
    return _("Feature %(number)s") % {"number": record.feature}


def _want(plan: AreaPlan, wanted: _Wanted) -> None:
    known = plan._wanted.get(wanted.code)
    if known is None:
        plan._wanted[wanted.code] = wanted
        return
    if wanted.own_row and known.own_row:
        plan.problems.append(
            wanted.record.problem(
                _("Area %(code)s appears more than once (also %(where)s).")
                % {"code": wanted.code, "where": _where(known.record).lower()}
            )
        )
        return
    if wanted.name and known.name and wanted.name != known.name:
        plan.problems.append(
            wanted.record.problem(
                _('Area %(code)s is called "%(name)s" here but "%(other)s" in %(where)s.')
                % {
                    "code": wanted.code,
                    "name": wanted.name,
                    "other": known.name,
                    "where": _where(known.record).lower(),
                }
            )
        )
        return
    if wanted.own_row:
        wanted.name = wanted.name or known.name
        plan._wanted[wanted.code] = wanted
    elif not known.name:
        known.name = wanted.name


def _attach_geometries(table: Table, plan: AreaPlan) -> None:
    owners = {id(w.record): w for w in plan._wanted.values() if w.own_row}
    geometries = [r.geometry for r in table.records if r.geometry and id(r) in owners]
    if not geometries:
        return
    system = coordinate_system(table.crs, geometries)
    if system.problem:
        plan.problems.append(Problem(system.problem))
        return
    if system.note:
        plan.notes.append(system.note)
    for record in table.records:
        wanted = owners.get(id(record))
        if wanted is None or not record.geometry:
            continue
        try:
            wanted.geometry = to_wgs84(record.geometry, system)
        except GeometryError as error:
            plan.problems.append(record.problem(str(error)))


def _compare_with_database(plan: AreaPlan) -> None:
    numbers = {code[:2] for code in plan._wanted}
    plan._existing = {
        area.code: area
        for area in Area.objects.filter(
            valid_from=plan.valid_from, district__number__in=numbers
        ).only("id", "code", "name", "name_is_placeholder", "parent_id", "geometry", "level")
    }
    codes = set(plan._wanted)
    for code in sorted(plan._wanted):
        for length in (4, 6):
            ancestor = code[:length]
            if len(code) > length and ancestor not in codes and ancestor not in plan._existing:
                codes.add(ancestor)
                plan.creates.append(
                    AreaChange(
                        code=ancestor,
                        level=Area.level_for_code(ancestor) or "",
                        name=placeholder_name(ancestor),
                        placeholder=True,
                        origin=_where(plan._wanted[code].record),
                    )
                )
    new_codes = {c.code for c in plan.creates}
    for code, wanted in sorted(plan._wanted.items()):
        existing = plan._existing.get(code)
        level = Area.level_for_code(code) or ""
        if existing is None:
            new_codes.add(code)
            plan.creates.append(
                AreaChange(
                    code=code,
                    level=level,
                    name=wanted.name or placeholder_name(code),
                    placeholder=not wanted.name,
                    origin=_where(wanted.record),
                )
            )
            continue
        changes = []
        if wanted.name and (wanted.name != existing.name or existing.name_is_placeholder):
            changes.append(_("name"))
        if wanted.geometry is not None and wanted.geometry != existing.geometry:
            changes.append(_("shape"))
        parent_code = Area.parent_code(code) if len(code) > 4 else None
        parent = plan._existing.get(parent_code) if parent_code else None
        if parent_code and (parent_code in new_codes or existing.parent_id != parent.pk):
            changes.append(_("parent area"))
        if changes:
            plan.updates.append(
                AreaChange(
                    code=code,
                    level=level,
                    name=wanted.name or existing.name,
                    old_name=existing.name if wanted.name != existing.name else "",
                    changes=changes,
                    origin=_where(wanted.record),
                )
            )
        else:
            plan.unchanged += 1
    plan.creates.sort(key=lambda c: c.code)


@dataclass(frozen=True)
class AreaImportResult:
    created: int
    placeholders: int
    updated: int
    unchanged: int


def area_import_apply(*, plan: AreaPlan) -> AreaImportResult:
    """Create and update the areas of a clean plan, parents before children, in one transaction."""
    if not plan.is_clean:
        raise ValueError("A plan with problems cannot be imported.")
    pks = {code: area.pk for code, area in plan._existing.items()}
    with transaction.atomic():
        for length in (4, 6, 8):
            new = [
                Area(
                    district=plan._districts[change.code[:2]],
                    level=change.level,
                    code=change.code,
                    name=change.name,
                    name_is_placeholder=change.placeholder,
                    parent_id=pks.get(change.code[:-2]) if length > 4 else None,
                    valid_from=plan.valid_from,
                    geometry=_geometry_of(plan, change.code),
                )
                for change in plan.creates
                if len(change.code) == length
            ]
            for area in Area.objects.bulk_create(new, batch_size=500):
                pks[area.code] = area.pk
        changed = []
        for change in plan.updates:
            area = plan._existing[change.code]
            wanted = plan._wanted[change.code]
            if wanted.name:
                area.name, area.name_is_placeholder = wanted.name, False
            if wanted.geometry is not None:
                area.geometry = wanted.geometry
            if len(area.code) > 4:
                area.parent_id = pks[Area.parent_code(area.code)]
            changed.append(area)
        Area.objects.bulk_update(
            changed, ["name", "name_is_placeholder", "geometry", "parent"], batch_size=500
        )
    return AreaImportResult(
        created=len(plan.creates),
        placeholders=len(plan.placeholders),
        updated=len(plan.updates),
        unchanged=plan.unchanged,
    )


def _geometry_of(plan: AreaPlan, code: str) -> dict[str, Any] | None:
    wanted = plan._wanted.get(code)
    return wanted.geometry if wanted else None
