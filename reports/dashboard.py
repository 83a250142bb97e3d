"""Reading a snapshot's tables for the pages: lookups, labels and cells ready to print.

Everything here works on the frozen JSON of ReportSnapshot.tables (reports/schema.py) and
never queries: a dashboard shows what the build stored. A suppressed cell carries no number,
so the most a page can say about it is "fewer than 5" or "hidden".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import formats, translation
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext, pgettext

from mitwirkung.process_cache import ProcessCache
from reports.method_text import protection_paragraphs, withheld_reason
from surveys.languages import BY_CODE
from surveys.models import Response

STAGES = ("known", "used", "helpful")


def percent_text(value: float | None, decimals: int = 1) -> str:
    """12,5 % in German, 12.5 % in English; "–" when there is no value."""
    if value is None:
        return "–"
    return f"{formats.number_format(round(value, decimals), decimal_pos=decimals)}\u00a0%"


def number_text(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return formats.number_format(
        round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


@dataclass(frozen=True)
class CellView:
    """One stored cell as a page prints it. `n` and `p` are None when not shown."""

    n: int | None
    p: float | None
    reason: str  # "", "small" or "hidden"
    min_size: int

    @classmethod
    def of(cls, cell: dict[str, Any] | None, min_size: int) -> CellView:
        cell = cell or {}
        reason = str(cell.get("s", ""))
        if reason:
            return cls(None, None, reason, min_size)
        return cls(cell.get("n"), cell.get("p"), "", min_size)

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)

    @property
    def is_small(self) -> bool:
        return self.reason == "small"

    @property
    def is_hidden(self) -> bool:
        return self.reason == "hidden"

    @property
    def count_text(self) -> str:
        """The count, "fewer than 5" or "hidden" — never 0 for a suppressed cell."""
        if self.is_small:
            return gettext("fewer than %(size)s") % {"size": self.min_size}
        if self.is_hidden:
            return pgettext("small numbers", "hidden")
        if self.n is None:
            return "–"
        return number_text(self.n)

    @property
    def percent_text(self) -> str:
        return percent_text(self.p) if self.p is not None else ""

    @property
    def text(self) -> str:
        """Count with its share: "15 (30,0 %)"; the suppression label when suppressed."""
        if self.p is not None and not self.suppressed:
            return f"{self.count_text} ({self.percent_text})"
        return self.count_text

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        """{{ cell }} in a template: the text, muted when suppressed (no include per cell)."""
        if self.suppressed:
            return format_html(
                '<span class="cell-suppressed text-muted">{}</span>', self.count_text
            )
        return conditional_escape(self.text)


@dataclass(frozen=True)
class FilterOption:
    key: str
    kind: str
    label: str
    respondents: CellView


@dataclass(frozen=True)
class Offering:
    id: int
    name: str
    category: str


@dataclass(frozen=True)
class FunnelView:
    """One offering's funnel in one view: stage → column → cell."""

    offering: Offering
    cells: dict[str, dict[str, CellView]]  # column → stage ("base", "known", …) → cell

    def cell(self, column: str, stage: str) -> CellView:
        return self.cells[column][stage]


@dataclass(frozen=True)
class HeatCell:
    cell: CellView
    shade: str  # a background colour; "" for suppressed or missing cells

    @property
    def dark(self) -> bool:
        """White text on the two darkest shades only (contrast of at least 4.5:1)."""
        return (self.cell.p or 0) >= 60


@dataclass(frozen=True)
class HeatRow:
    code: str
    name: str
    respondents: CellView
    high_poverty: bool
    cells: list[HeatCell]
    withheld: str = ""  # why this area's reach is not published, "" when it is


# Light to dark blue in five fixed steps of 20 points, so one colour means one range on
# every snapshot (a scale stretched to the data would make 20 % look like 100 %).
HEAT_CLASSES = ["#eef4fb", "#c6dbef", "#9ecae1", "#2f6fae", "#123a6b"]


def heat_legend() -> list[tuple[str, str]]:
    labels = []
    for i, colour in enumerate(HEAT_CLASSES):
        low, high = i * 20, (i + 1) * 20
        label = (
            gettext("%(low)s to under %(high)s %%") % {"low": low, "high": high}
            if i < len(HEAT_CLASSES) - 1
            else gettext("%(low)s %% or more") % {"low": low}
        )
        labels.append((colour, label))
    return labels


def heat_shade(p: float | None) -> str:
    if p is None:
        return ""
    return HEAT_CLASSES[min(int(p // 20), len(HEAT_CLASSES) - 1)]


class Report:
    """The tables of one snapshot, read for one page in the active language."""

    def __init__(self, tables: dict[str, Any] | None) -> None:
        self.tables = tables or {}
        self.language = "en" if (translation.get_language() or "de").startswith("en") else "de"
        self.meta: dict[str, Any] = self.tables.get("meta") or {}
        self.min_size = int(self.meta.get("min_group_size") or 5)
        self.min_percent_base = int(self.meta.get("min_percent_base") or 10)
        reach = self.tables.get("reach") or {}
        self.offerings = [
            Offering(int(o["id"]), str(o["name"]), str(o.get("category", "")))
            for o in reach.get("offerings", [])
        ]
        self.offering_by_id = {o.id: o for o in self.offerings}
        self._funnel: dict[str, list[dict[str, Any]]] = reach.get("funnel") or {}
        barriers = self.tables.get("barriers") or {}
        self._barrier_labels = {
            b["code"]: self.label(b["label"]) for b in barriers.get("codes", [])
        }
        self.filters = [
            FilterOption(
                f["key"], f["kind"], self.label(f["label"]), self.cell(f.get("respondents"))
            )
            for f in self.tables.get("filters", [])
        ]

    @property
    def is_empty(self) -> bool:
        return not self.tables.get("meta")

    def label(self, label: dict[str, str] | str) -> str:
        if isinstance(label, str):
            return label
        return label.get(self.language) or label.get("de") or ""

    def cell(self, cell: dict[str, Any] | None) -> CellView:
        return CellView.of(cell, self.min_size)

    @property
    def respondents(self) -> CellView:
        return self.cell(self.meta.get("respondents"))

    def filter_option(self, key: str) -> FilterOption | None:
        return next((f for f in self.filters if f.key == key), None)

    def filter_groups(self) -> list[tuple[str, list[FilterOption]]]:
        """Filters grouped by kind for the picker, in the order of the schema."""
        names = {
            "all": gettext("Everyone"),
            "group": gettext("Groups"),
            "area": gettext("Areas"),
            "point": gettext("Collection points"),
            "language": gettext("Survey languages"),
        }
        groups: dict[str, list[FilterOption]] = {}
        for option in self.filters:
            groups.setdefault(option.kind, []).append(option)
        return [(names.get(kind, kind), options) for kind, options in groups.items()]

    def withheld(self) -> list[dict[str, str]]:
        """Views this report does not publish (all of it, or its reach or barrier table),
        one entry per view, with the reason in plain words."""
        names = {"reach": gettext("reach"), "barriers": gettext("barriers")}
        views: dict[str, dict[str, Any]] = {}
        for entry in self.tables.get("withheld") or []:
            view = views.setdefault(
                entry["key"],
                {
                    "key": entry["key"],
                    "label": self.label(entry["label"]),
                    "tables": [],
                    "reasons": [],
                },
            )
            view["tables"].append(names.get(entry["table"], entry["table"]))
            reason = withheld_reason(entry["reason"], self.min_size)
            if reason not in view["reasons"]:
                view["reasons"].append(reason)
        return [
            {
                "key": view["key"],
                "label": view["label"],
                "what": gettext("everything")
                if len(view["tables"]) == len(names)
                else ", ".join(view["tables"]),
                "reason": " ".join(view["reasons"]),
            }
            for view in views.values()
        ]

    def withheld_table(self, filter_key: str, table: str) -> str:
        """Why the view's `table` ("reach" or "barriers") is not published; "" when it is."""
        for entry in self.tables.get("withheld") or []:
            if entry["key"] == filter_key and entry["table"] == table:
                return withheld_reason(entry["reason"], self.min_size)
        return ""

    def offering_name(self, offering_id: int) -> str:
        offering = self.offering_by_id.get(int(offering_id))
        return offering.name if offering else gettext("Offering %(id)s") % {"id": offering_id}

    def barrier_label(self, code: str) -> str:
        return self._barrier_labels.get(code, code)

    # --- reach ---------------------------------------------------------------------------

    def funnels(self, filter_key: str = "all") -> list[FunnelView]:
        views = []
        for row in self._funnel.get(filter_key, []):
            offering = self.offering_by_id.get(int(row["offering"])) or Offering(
                int(row["offering"]), self.offering_name(row["offering"]), ""
            )
            cells = {
                column: {stage: self.cell(values.get(stage)) for stage in ("base", *STAGES)}
                for column, values in row.get("columns", {}).items()
            }
            views.append(FunnelView(offering, cells))
        return views

    def heat_map(self, stage: str) -> list[HeatRow]:
        """Areas × offerings: the share of respondents of each area who know (use) each offering.

        From the funnel views "area:<code>", column "all"; areas in the order of the
        respondents table, then any other area filter.
        """
        respondents = (self.tables.get("respondents") or {}).get("areas", [])
        info = {a["code"]: a for a in respondents}
        codes = [a["code"] for a in respondents]
        codes += [f.key[5:] for f in self.filters if f.kind == "area" and f.key[5:] not in info]
        rows = []
        for code in codes:
            funnels = {f.offering.id: f for f in self.funnels(f"area:{code}")}
            option = self.filter_option(f"area:{code}")
            cells = []
            for offering in self.offerings:
                funnel = funnels.get(offering.id)
                cell = (
                    funnel.cell("all", stage)
                    if funnel and "all" in funnel.cells
                    else CellView(None, None, "", self.min_size)
                )
                cells.append(HeatCell(cell, heat_shade(cell.p)))
            area = info.get(code, {})
            rows.append(
                HeatRow(
                    code=code,
                    name=str(area.get("name") or (option.label if option else code)),
                    respondents=self.cell(area.get("respondents"))
                    if area
                    else (option.respondents if option else self.cell(None)),
                    high_poverty=bool(area.get("high_poverty")),
                    cells=cells,
                    withheld=self.withheld_table(f"area:{code}", "reach"),
                )
            )
        return rows

    # --- barriers and what is missing ------------------------------------------------------

    def barrier_table(self, filter_key: str = "all") -> dict[str, Any] | None:
        table = ((self.tables.get("barriers") or {}).get("by_filter") or {}).get(filter_key)
        if table is None:
            return None
        rows = table.get("rows", [])
        split = any("with_benefits" in row for row in rows)
        return {
            "base": self.cell(table.get("base")),
            # Only the view of all families splits by benefits.
            "with_benefits": split,
            "without_benefits": split,
            "rows": [
                {
                    "code": row["code"],
                    "label": self.barrier_label(row["code"]),
                    "all": self.cell(row.get("all")),
                    "with_benefits": self.cell(row.get("with_benefits")),
                    "without_benefits": self.cell(row.get("without_benefits")),
                }
                for row in rows
            ],
        }

    def barriers_by_offering(self) -> list[dict[str, Any]]:
        return [
            {
                "offering": self.offering_name(entry["offering"]),
                "base": self.cell(entry.get("base")),
                "rows": [
                    {
                        "label": self.barrier_label(str(row["code"])),
                        "count": self.cell(row["count"]),
                    }  # type: ignore[arg-type]
                    for row in entry.get("rows", [])
                ],
            }
            for entry in (self.tables.get("barriers") or {}).get("by_offering", [])
        ]

    def missing(self) -> dict[str, Any]:
        missing = self.tables.get("missing") or {}
        return {
            "base": self.cell(missing.get("base")),
            "rows": [
                {"label": self.label(row["label"]), "count": self.cell(row.get("count"))}
                for row in missing.get("rows", [])
            ],
            "tags": [
                {"name": str(tag["name"]), "count": self.cell(tag.get("count"))}
                for tag in missing.get("tags", [])
            ],
        }

    # --- who answered ----------------------------------------------------------------------

    def respondent_areas(self) -> list[dict[str, Any]]:
        return [
            {
                "code": area["code"],
                "name": area["name"],
                "respondents": self.cell(area.get("respondents")),
                "children": number_text(area.get("children")),
                "per_1000": area.get("per_1000_children"),
                "per_1000_text": number_text(area.get("per_1000_children"), 1),
                "child_poverty": percent_text(area.get("child_poverty")),
                "high_poverty": bool(area.get("high_poverty")),
                "uses_any": self.cell(area.get("uses_any")),
            }
            for area in (self.tables.get("respondents") or {}).get("areas", [])
        ]

    def respondent_groups(self) -> list[dict[str, Any]]:
        respondents = self.tables.get("respondents") or {}
        names = group_names()
        rows: list[dict[str, Any]] = []
        rows += [
            {
                "kind": gettext("Group"),
                "name": names.get(str(g["key"]), str(g["key"])),
                "cell": self.cell(g["respondents"]),
            }  # type: ignore[arg-type]
            for g in respondents.get("groups", [])
        ]
        rows += [
            {
                "kind": gettext("Survey language"),
                "name": language_name(str(entry["code"])),
                "cell": self.cell(entry["respondents"]),
            }  # type: ignore[arg-type]
            for entry in respondents.get("languages", [])
        ]
        rows += [
            {
                "kind": gettext("Collection point"),
                "name": str(p["name"]),
                "cell": self.cell(p["respondents"]),
            }  # type: ignore[arg-type]
            for p in respondents.get("points", [])
        ]
        rows += [
            {
                "kind": gettext("Channel"),
                "name": channel_name(str(ch["code"])),
                "cell": self.cell(ch["respondents"]),
            }  # type: ignore[arg-type]
            for ch in respondents.get("channels", [])
        ]
        return rows

    @property
    def area_not_stated(self) -> CellView:
        return self.cell((self.tables.get("respondents") or {}).get("area_not_stated"))

    # --- gaps, coverage, resources ---------------------------------------------------------

    def gaps(self) -> dict[str, Any]:
        gaps = self.tables.get("gaps") or {}
        stage_names = stage_labels()
        return {
            "goals": gaps.get("goals_without_offerings", []),
            "poverty": [
                {
                    **gap,
                    "offering_name": self.offering_name(gap["offering"]),
                    "stage_name": stage_names.get(gap["stage"], gap["stage"]),
                    "with_text": percent_text(gap["with_pct"]),
                    "without_text": percent_text(gap["without_pct"]),
                    "difference_text": points_text(gap["difference"]),
                    "interval_text": f"{points_text(gap['ci_low'])} … {points_text(gap['ci_high'])}",
                }
                for gap in gaps.get("poverty_gaps", [])
            ],
            "areas": [
                {
                    **area,
                    "poverty_text": percent_text(area.get("child_poverty")),
                    "uses_text": percent_text(area.get("uses_pct")),
                }
                for area in gaps.get("areas_low_reach", [])
            ],
            "target_groups": gaps.get("target_groups_without_offerings", []),
        }

    def coverage(self) -> dict[str, Any]:
        coverage = self.tables.get("coverage") or {}
        return {
            "year": coverage.get("statistics_year"),
            "offerings": [
                {
                    "name": row.get("name") or self.offering_name(row["offering"]),
                    "reached": number_text(row.get("reached_per_month")),
                    "eligible": number_text(row.get("eligible_children")),
                    "coverage": percent_text(row.get("coverage_pct")),
                    "areas": ", ".join(row.get("areas") or []) or gettext("whole district"),
                }
                for row in coverage.get("offerings", [])
            ],
            "areas": [
                {
                    "name": row["name"],
                    "life_phase": row["life_phase"].replace("-", "–"),
                    "reached": number_text(row.get("reached_per_month")),
                    "eligible": number_text(row.get("eligible_children")),
                    "coverage": percent_text(row.get("coverage_pct")),
                }
                for row in coverage.get("areas", [])
            ],
        }

    def resources(self) -> list[dict[str, Any]]:
        return [
            {
                "name": row.get("name") or self.offering_name(row["offering"]),
                "budget": euro_text(row.get("budget_per_year")),
                "reached": number_text(row.get("reached_per_year")),
                "per_family": euro_text(row.get("per_family"), 2),
            }
            for row in self.tables.get("resources", [])
        ]

    def methodology(self) -> dict[str, Any]:
        """What a reader needs to judge the numbers: period, answers, the small-cell rule."""
        meta = self.meta
        built_at = None
        if meta.get("built_at"):
            try:
                built_at = datetime.datetime.fromisoformat(str(meta["built_at"]))
            except ValueError:
                built_at = None
        return {
            "period_start": date_text(meta.get("period_start")),
            "period_end": date_text(meta.get("period_end")),
            "first_answer": date_text(meta.get("first_answer_on")),
            "last_answer": date_text(meta.get("last_answer_on")),
            "respondents": self.respondents,
            "min_size": self.min_size,
            "min_base": self.min_percent_base,
            "level": gettext("planning areas (Planungsräume)")
            if meta.get("level") == "planungsraum"
            else gettext("district regions (Bezirksregionen)"),
            "built_at": built_at,
            "is_demo": bool(meta.get("is_demo")),
            "protection": protection_paragraphs(self.min_size, self.min_percent_base),
            "withheld": self.withheld(),
        }

    def from_survey(self, series: dict[str, Any]) -> dict[str, Any] | None:
        """The value this survey gives the indicator, with the counts behind it."""
        value = series.get("from_survey")
        if not value:
            return None
        number = value.get("value")
        unit = "\u00a0%" if series.get("unit") == "percent" else ""
        return {
            "value": f"{number_text(number, 1)}{unit}" if number is not None else "–",
            "count": self.cell(value.get("count")),
            "base": self.cell(value.get("base")),
        }

    @property
    def indicators(self) -> list[dict[str, Any]]:
        return list(self.tables.get("indicators", []))


def date_text(iso: Any) -> str:
    """An ISO date of the tables in the short local format; "" when there is none."""
    if not iso:
        return ""
    try:
        return formats.date_format(datetime.date.fromisoformat(str(iso)[:10]), "SHORT_DATE_FORMAT")
    except ValueError:
        return str(iso)


def points_text(value: float) -> str:
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{formats.number_format(round(abs(value), 1), decimal_pos=1)}"


def euro_text(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{number_text(value, decimals)} €"


def stage_labels() -> dict[str, str]:
    return {
        "known": gettext("know it"),
        "used": gettext("use it"),
        "helpful": gettext("find it helpful"),
    }


def group_names() -> dict[str, str]:
    return {
        "with_benefits": gettext("With benefits"),
        "without_benefits": gettext("Without benefits"),
        "single_parent": gettext("Single parents"),
        "many_children": gettext("Three or more children"),
    }


def channel_name(code: str) -> str:
    return str(dict(Response.Channel.choices).get(code, code))


def language_name(code: str) -> str:
    return str(BY_CODE[code].name) if code in BY_CODE else code


def compare_rows(before: Report, after: Report) -> list[dict[str, Any]]:
    """Known and used shares of all families per offering in two snapshots, with the change.

    Offerings are matched by id; one that is in only one snapshot shows "–" on the other
    side. A change is given only when both shares are shown.
    """
    before_funnels = {f.offering.id: f for f in before.funnels("all")}
    after_funnels = {f.offering.id: f for f in after.funnels("all")}
    order = [o.id for o in after.offerings] + [
        o.id for o in before.offerings if o.id not in after_funnels
    ]
    rows = []
    for offering_id in order:
        name = (
            after.offering_name(offering_id)
            if offering_id in after.offering_by_id
            else before.offering_name(offering_id)
        )
        row: dict[str, Any] = {"id": offering_id, "name": name}
        for stage in ("known", "used"):
            cells = []
            for funnels, report in ((before_funnels, before), (after_funnels, after)):
                funnel = funnels.get(offering_id)
                cells.append(
                    funnel.cell("all", stage)
                    if funnel and "all" in funnel.cells
                    else CellView(None, None, "", report.min_size)
                )
            first, second = cells
            change = second.p - first.p if first.p is not None and second.p is not None else None
            row.update(
                {
                    f"{stage}_before": first.p,
                    f"{stage}_after": second.p,
                    f"{stage}_before_text": first.text,
                    f"{stage}_after_text": second.text,
                    f"{stage}_change": change,
                    f"{stage}_change_text": points_text(change) if change is not None else "–",
                }
            )
        rows.append(row)
    return rows


# A ready snapshot's tables never change (finish() sets finished_at anew when it builds):
# each process keeps the last few reports instead of reading their tables (large JSON) on
# every page view. A Report only reads its tables, so one object serves every request.
REPORTS: ProcessCache[Report] = ProcessCache(16)


def report_for(snapshot: Any) -> Report:
    """The report of a ready snapshot, which may be loaded without its tables."""

    def load() -> Report:
        query = type(snapshot).objects.filter(pk=snapshot.pk).values_list("tables", flat=True)
        return Report(query.get())

    return REPORTS.get_or_create((snapshot.pk, snapshot.finished_at), load)
