"""The shape of ReportSnapshot.tables: the contract between the build and every page.

The build (reports/aggregation/) writes exactly this; dashboards, PDF and exports only read
it. Counts that describe families are Cells, already suppressed by the small-cell rule
(mitwirkung/disclosure/cells.py): a suppressed cell has no number at all, so nothing that reads a
snapshot can leak one. Numbers that describe offerings or areas (places, budgets, children
in an area, reached families per month as the provider reports them) are plain numbers.

Keys of `filters` ("views"):
    "all"                       every respondent in the snapshot
    "group:with_benefits"       households receiving a benefit (the poverty proxy)
    "group:without_benefits"    households that said "none of these"
    "group:single_parent"       single parents (household question)
    "group:many_children"       three or more children (children question)
    "area:<code>"               home Bezirksregion (LOR code), from the family block
    "point:<id>"                collection point
    "language:<code>"           survey language
Only filters with at least one respondent are listed. Labels are stored in German and
English because names of areas, points and offerings are frozen with the snapshot.

Funnel columns: "all", "with_benefits", "without_benefits" ("not stated" is the rest
and is not shown as a column, but is part of the suppression lines through "all").

Every percent `p` is of the cell's base ("base": respondents who answered the offering's
"do you know it" question in that column), present only when the base is at least 10 and
both numbers are shown.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

TABLES_VERSION = 2

FilterKind = Literal["all", "group", "area", "point", "language"]
ColumnKey = Literal["all", "with_benefits", "without_benefits"]
COLUMNS: tuple[ColumnKey, ...] = ("all", "with_benefits", "without_benefits")
GROUP_KEYS = ("with_benefits", "without_benefits", "single_parent", "many_children")


class Cell(TypedDict, total=False):
    """A count as it may be shown: {"n": 12, "p": 40.0} or {"s": "small"} / {"s": "hidden"}."""

    n: int
    p: float
    s: Literal["small", "hidden"]


class Label(TypedDict):
    de: str
    en: str


class Meta(TypedDict):
    survey_id: int
    survey_title: str
    district: str  # the district's name
    period_start: str | None  # ISO date of the snapshot's input, None = whole survey
    period_end: str | None
    first_answer_on: str | None  # earliest and latest submitted_on in scope (dates only)
    last_answer_on: str | None
    min_group_size: int
    min_percent_base: int
    respondents: Cell  # all responses in scope
    languages: list[str]  # survey languages offered
    collection_points: list[dict[str, int | str]]  # {"id": 3, "name": "Familienzentrum"}
    level: Literal["bezirksregion", "planungsraum"]  # spatial level of "area:" filters
    built_at: str  # ISO datetime
    is_demo: bool


class Filter(TypedDict):
    key: str  # see the module docstring
    kind: FilterKind
    label: Label
    respondents: Cell


class OfferingRef(TypedDict):
    id: int
    name: str
    category: str  # German category name, "" when none


class Stage(TypedDict):
    base: Cell  # answered "do you know …"
    known: Cell  # "I know it, don't use it" + "I use it"
    used: Cell  # "I use it"
    helpful: Cell  # used and rated 4 or 5 of 5


class FunnelRow(TypedDict):
    offering: int
    columns: dict[str, Stage]  # COLUMNS


class Reach(TypedDict):
    offerings: list[OfferingRef]  # every offering with a reach block in the survey
    funnel: dict[str, list[FunnelRow]]  # filter key → one row per offering


class BarrierCode(TypedDict):
    code: str  # "barrier_1" … "barrier_19", "other", "nothing"
    label: Label


class BarrierRow(TypedDict):
    code: str
    all: Cell  # families naming it for at least one offering
    with_benefits: Cell
    without_benefits: Cell


class BarrierTable(TypedDict):
    base: Cell  # families who answered a barrier question (know but don't use)
    rows: list[BarrierRow]  # ranked by "all", largest first; suppressed ones last


class OfferingBarriers(TypedDict):
    offering: int
    base: Cell
    rows: list[dict[str, str | Cell]]  # {"code": "barrier_3", "count": Cell}, ranked


class Barriers(TypedDict):
    codes: list[BarrierCode]
    by_filter: dict[str, BarrierTable]  # filter key → ranking
    by_offering: list[OfferingBarriers]


class MissingRow(TypedDict):
    code: str
    label: Label
    count: Cell


class TagRow(TypedDict):
    name: str  # a staff tag of free texts (a code, never the text)
    count: Cell


class Missing(TypedDict):
    base: Cell  # answered the "what is missing" choice question
    rows: list[MissingRow]
    tags: list[TagRow]


class AreaRespondents(TypedDict):
    code: str
    name: str
    respondents: Cell
    children: int | None  # children under 18 in the area (statistics)
    per_1000_children: float | None  # only when respondents are shown
    child_poverty: float | None  # percent
    high_poverty: bool  # the gap view's median rule
    uses_any: Cell  # respondents who use at least one of the survey's offerings; p of respondents


class Respondents(TypedDict):
    areas: list[AreaRespondents]
    area_not_stated: Cell
    groups: list[dict[str, str | Cell]]  # {"key": "with_benefits", "respondents": Cell}
    languages: list[dict[str, str | Cell]]  # {"code": "tr", "respondents": Cell}
    points: list[dict[str, int | str | Cell]]  # {"id": 3, "name": "…", "respondents": Cell}
    channels: list[dict[str, str | Cell]]  # {"code": "online", "respondents": Cell}


class PovertyGap(TypedDict):
    offering: int
    stage: Literal["known", "used"]
    with_pct: float
    without_pct: float
    difference: float  # with − without, percentage points
    ci_low: float  # 95 % Newcombe interval of the difference (Wilson score per group)
    ci_high: float
    clear: bool  # ci_high < 0: families with benefits clearly reached less


class AreaGap(TypedDict):
    code: str
    name: str
    child_poverty: float
    uses_pct: float | None  # None when too few answers to say
    reason: Literal["low_reach", "no_answers"]


class Gaps(TypedDict):
    goals_without_offerings: list[dict[str, int | str]]  # {"id", "title"}
    poverty_gaps: list[PovertyGap]  # every comparable offering × stage; "clear" marks a gap
    areas_low_reach: list[AreaGap]
    target_groups_without_offerings: list[
        dict[str, str]
    ]  # {"kind": "target_group"|"life_phase", "name"}


class CoverageOffering(TypedDict):
    offering: int
    name: NotRequired[str]  # the offering's name when built (district offerings are not in reach)
    reached_per_month: int
    eligible_children: int | None  # children of the served areas in its ages × poverty share
    coverage_pct: float | None
    areas: list[str]  # area codes it serves ([] = whole district)


class CoverageArea(TypedDict):
    code: str
    name: str
    life_phase: str  # "0-5", "6-11", "12-17"
    reached_per_month: int
    eligible_children: int | None
    coverage_pct: float | None


class Coverage(TypedDict):
    offerings: list[CoverageOffering]
    areas: list[CoverageArea]
    statistics_year: int | None


class ResourceRow(TypedDict):
    offering: int
    name: NotRequired[str]  # the offering's name when built
    budget_per_year: float  # euros
    reached_per_year: int | None
    per_family: float | None  # euros per family reached


class IndicatorSeries(TypedDict):
    id: int
    name: str
    goal: str
    unit: str  # Indicator.Unit value
    direction: str  # Indicator.Direction value
    baseline_value: float | None
    baseline_on: str | None
    target_value: float | None
    target_on: str | None
    values: list[list[str | float]]  # [["2026-05-01", 31.0], …] oldest first
    from_survey: NotRequired[
        dict[str, float | Cell]
    ]  # {"value": 31.0, "count": Cell, "base": Cell}


class Tables(TypedDict):
    version: int
    meta: Meta
    filters: list[Filter]
    reach: Reach
    barriers: Barriers
    missing: Missing
    respondents: Respondents
    gaps: Gaps
    coverage: Coverage
    resources: list[ResourceRow]
    indicators: list[IndicatorSeries]
