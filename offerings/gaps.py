"""Coverage and gaps: which goals, areas, groups and languages the district's offerings reach.

Only active, published offerings count. Every number is counted in the database (annotations
and GROUP BY); Python only arranges the few grouped rows, so the queries stay the same for
3 or 3,000 offerings.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.db.models.functions import Substr

from districts.models import Area, AreaIndicator, AreaIndicatorValue, District, Language
from goals.models import ActionGoal, LifePhase, TargetGroup
from offerings.models import Offering, OfferingCategory, OfferingGoal, OfferingPlace

POVERTY_KEY = "child-poverty-mss"
CHILDREN_KEYS = ["population-0-5", "population-6-11", "population-12-17"]
GERMAN = "de"
# The levels a person can choose; Bezirksregion first, the default for small numbers (DOMAIN).
LEVELS = [Area.Level.BEZIRKSREGION, Area.Level.PLANUNGSRAUM]
_CODE_LENGTH = {Area.Level.BEZIRKSREGION: 6, Area.Level.PLANUNGSRAUM: 8}


def counted_offerings(district: District) -> QuerySet[Offering]:
    """The offerings every gap view counts: this district's, published and active."""
    return Offering.objects.for_district(district).published().active()


def _counted(prefix: str, district: District) -> Q:
    """The same rule as counted_offerings, seen from a related model through `prefix`."""
    return Q(
        **{
            f"{prefix}district": district,
            f"{prefix}review_status": Offering.ReviewStatus.PUBLISHED,
            f"{prefix}status": Offering.Status.ACTIVE,
        }
    )


# --- 1. Goals ------------------------------------------------------------------------------


@dataclass
class GoalCoverage:
    goal: ActionGoal
    count: int
    offerings: list[Offering]

    @property
    def is_gap(self) -> bool:
        return self.count == 0


def goal_coverage(district: District) -> list[GoalCoverage]:
    """Every current goal with its number of counted offerings and their names: two queries."""
    links = OfferingGoal.objects.filter(_counted("offering__", district)).select_related("offering")
    goals = (
        ActionGoal.objects.for_district(district)
        .current()
        .annotate(
            offering_count=Count(
                "offering_links", filter=_counted("offering_links__offering__", district)
            )
        )
        .prefetch_related(Prefetch("offering_links", queryset=links, to_attr="counted_links"))
        .order_by("kind", "title")
    )
    return [
        GoalCoverage(
            goal=goal,
            count=goal.offering_count,
            offerings=sorted((link.offering for link in goal.counted_links), key=str),
        )
        for goal in goals
    ]


# --- 3. Target groups and life phases --------------------------------------------------------


@dataclass
class GroupCoverage:
    item: TargetGroup | LifePhase
    count: int

    @property
    def is_gap(self) -> bool:
        return self.count == 0


def _vocabulary_coverage(model: Any, district: District) -> list[GroupCoverage]:
    rows = (
        model.objects.annotate(
            offering_count=Count(
                "offerings", filter=_counted("offerings__", district), distinct=True
            )
        )
        # Retired entries stay visible while offerings still name them.
        .filter(Q(is_active=True) | Q(offering_count__gt=0))
        .order_by("position", "name_de")
    )
    return [GroupCoverage(item=row, count=row.offering_count) for row in rows]


def target_group_coverage(district: District) -> list[GroupCoverage]:
    return _vocabulary_coverage(TargetGroup, district)


def life_phase_coverage(district: District) -> list[GroupCoverage]:
    return _vocabulary_coverage(LifePhase, district)


# --- 4. Languages -----------------------------------------------------------------------------


@dataclass
class LanguageCoverage:
    language: Language
    count: int
    total: int

    @property
    def share(self) -> float | None:
        """Percentage of the counted offerings available in this language."""
        return 100 * self.count / self.total if self.total else None

    @property
    def is_gap(self) -> bool:
        return self.count == 0


def language_coverage(district: District) -> list[LanguageCoverage]:
    """Each family language of the district: how many counted offerings use it. Two queries.

    An offering that names no language runs in German, so it counts for German.
    """
    totals = counted_offerings(district).aggregate(
        total=Count("pk", distinct=True),
        without_language=Count("pk", filter=Q(languages__isnull=True), distinct=True),
    )
    languages = district.family_languages.annotate(
        offering_count=Count("offerings", filter=_counted("offerings__", district), distinct=True)
    ).order_by("position", "name_de")
    return [
        LanguageCoverage(
            language=language,
            count=language.offering_count
            + (totals["without_language"] if language.key == GERMAN else 0),
            total=totals["total"],
        )
        for language in languages
    ]


# --- 2. Planning areas × categories -----------------------------------------------------------


@dataclass
class AreaRow:
    area: Area
    children: int | None
    poverty: float | None
    # True when a Bezirksregion has no value of its own: weighted from its planning areas.
    poverty_estimated: bool = False
    counts: dict[int, int] = field(default_factory=dict)
    is_high_poverty: bool = False
    missing: list[OfferingCategory] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class AreaCoverage:
    level: str
    rows: list[AreaRow]
    # Columns: the categories with at least one counted offering in the district.
    categories: list[OfferingCategory]
    # Categories without any counted offering in the whole district.
    absent_categories: list[OfferingCategory]
    # Offerings marked district-wide or mobile, per category: they reach every area.
    everywhere: dict[int, int]
    threshold: float | None
    threshold_is_median: bool
    poverty_indicator: AreaIndicator | None
    poverty_year: int | None
    children_year: int | None

    @property
    def gaps(self) -> list[AreaRow]:
        return [row for row in self.rows if row.is_high_poverty and row.missing]

    def split_missing(self, row: AreaRow) -> tuple[list[OfferingCategory], list[OfferingCategory]]:
        """A gap's categories: those nothing reaches, and those only district-wide or mobile
        offerings reach."""
        reached = [c for c in row.missing if self.everywhere.get(c.pk)]
        return [c for c in row.missing if not self.everywhere.get(c.pk)], reached

    @property
    def everywhere_total(self) -> int:
        return sum(self.everywhere.values())

    @property
    def has_poverty(self) -> bool:
        return any(row.poverty is not None for row in self.rows)


def area_edition(district: District) -> datetime.date | None:
    return Area.objects.for_district(district).aggregate(newest=Max("valid_from")).get("newest")


def available_levels(district: District, edition: datetime.date | None) -> list[str]:
    """The choosable levels that have areas in the district: one query."""
    present = set(
        Area.objects.for_district(district)
        .filter(valid_from=edition, level__in=LEVELS)
        .values_list("level", flat=True)
        .distinct()
    )
    return [level for level in LEVELS if level in present]


def indicator_frame(district: District, edition: datetime.date | None) -> pd.DataFrame:
    """Newest values of child poverty and children per area, both levels: two queries."""
    keys = [POVERTY_KEY, *CHILDREN_KEYS]
    base = AreaIndicatorValue.objects.filter(
        area__district=district,
        area__valid_from=edition,
        area__level__in=LEVELS,
        indicator__key__in=keys,
    )
    newest = list(
        base.values("indicator__key", "area__level").annotate(year=Max("year")).order_by()
    )
    if not newest:
        return pd.DataFrame(columns=["code", "level", "key", "year", "value"])
    newest_filter = Q()
    for row in newest:
        newest_filter |= Q(
            indicator__key=row["indicator__key"], area__level=row["area__level"], year=row["year"]
        )
    values = base.filter(newest_filter).values_list(
        "area__code", "area__level", "indicator__key", "year", "value"
    )
    return pd.DataFrame(list(values), columns=["code", "level", "key", "year", "value"])


def area_numbers(
    frame: pd.DataFrame, level: str
) -> tuple[dict[str, tuple[int | None, float | None, bool]], int | None, int | None]:
    """Children and child poverty per area code of `level`; regions without own values get
    the sum of their planning areas' children and the children-weighted mean of their shares."""
    if frame.empty:
        return {}, None, None
    wide = frame.pivot_table(index=["level", "code"], columns="key", values="value", aggfunc="sum")
    for key in [POVERTY_KEY, *CHILDREN_KEYS]:
        if key not in wide.columns:
            wide[key] = float("nan")
    wide["children"] = wide[CHILDREN_KEYS].sum(axis=1, min_count=1)
    own = wide.xs(level, level="level") if level in wide.index.get_level_values(0) else None

    numbers: dict[str, tuple[int | None, float | None, bool]] = {}
    if level != Area.Level.PLANUNGSRAUM and Area.Level.PLANUNGSRAUM in wide.index.get_level_values(
        0
    ):
        planning = wide.xs(Area.Level.PLANUNGSRAUM, level="level").copy()
        planning["region"] = planning.index.str[: _CODE_LENGTH[level]]
        weighted = planning.dropna(subset=[POVERTY_KEY, "children"])
        weighted = weighted.assign(product=weighted[POVERTY_KEY] * weighted["children"])
        grouped = weighted.groupby("region")[["product", "children"]].sum()
        children = planning.groupby("region")["children"].sum(min_count=1)
        for code, value in children.items():
            share = None
            if code in grouped.index and grouped.loc[code, "children"] > 0:
                share = float(grouped.loc[code, "product"] / grouped.loc[code, "children"])
            numbers[str(code)] = (_whole(value), share, share is not None)
    if own is not None:
        for code, row in own.iterrows():
            derived = numbers.get(str(code), (None, None, False))
            children_value = _whole(row["children"])
            poverty = None if pd.isna(row[POVERTY_KEY]) else float(row[POVERTY_KEY])
            numbers[str(code)] = (
                children_value if children_value is not None else derived[0],
                poverty if poverty is not None else derived[1],
                poverty is None and derived[2],
            )
    years = frame.groupby("key")["year"].max()
    poverty_year = int(years[POVERTY_KEY]) if POVERTY_KEY in years else None
    children_years = [int(years[k]) for k in CHILDREN_KEYS if k in years]
    return numbers, poverty_year, (max(children_years) if children_years else None)


@dataclass(frozen=True)
class AreaPovertyNumbers:
    """Children, child poverty and "high child poverty" per area code of some levels."""

    by_code: dict[str, tuple[int | None, float | None, bool]]
    high: set[str]
    has_poverty: bool
    threshold: float | None
    poverty_year: int | None
    children_year: int | None


def area_poverty_numbers(district: District, levels: set[str]) -> AreaPovertyNumbers:
    """The gap view's numbers and rule for other pages (participation, reports): high child
    poverty means above the median of the district's areas of a level. Four queries."""
    edition = area_edition(district)
    frame = indicator_frame(district, edition)
    codes_by_level: dict[str, list[str]] = {}
    for code, level in (
        Area.objects.for_district(district)
        .filter(valid_from=edition, level__in=levels)
        .values_list("code", "level")
    ):
        codes_by_level.setdefault(level, []).append(code)
    by_code: dict[str, tuple[int | None, float | None, bool]] = {}
    high: set[str] = set()
    threshold = poverty_year = children_year = None
    for level in sorted(levels):
        numbers, poverty_year, children_year = area_numbers(frame, level)
        by_code.update(numbers)
        shares = [
            numbers[code][1]
            for code in codes_by_level.get(level, [])
            if code in numbers and numbers[code][1] is not None
        ]
        if not shares:
            continue
        threshold = statistics.median(shares)
        high |= {
            code
            for code in codes_by_level.get(level, [])
            if code in numbers and numbers[code][1] is not None and numbers[code][1] > threshold
        }
    return AreaPovertyNumbers(
        by_code=by_code,
        high=high,
        has_poverty=any(values[1] is not None for values in by_code.values()),
        threshold=threshold,
        poverty_year=poverty_year,
        children_year=children_year,
    )


def _whole(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else round(float(value))


def area_coverage(
    district: District, *, level: str, threshold: float | None = None
) -> AreaCoverage:
    """Counted offerings per area of `level` and category, next to children and child poverty.

    An offering counts in an area when one of its places lies there (once, however many
    places); district-wide and mobile offerings are counted apart. An area has high child
    poverty above the median of the district's areas, or from `threshold` when given.
    """
    edition = area_edition(district)
    length = _CODE_LENGTH[level]
    areas = list(
        Area.objects.for_district(district)
        .filter(valid_from=edition, level=level)
        .defer("geometry")
        .order_by("code")
    )
    numbers, poverty_year, children_year = area_numbers(indicator_frame(district, edition), level)
    local = (
        OfferingPlace.objects.filter(_counted("offering__", district), area__valid_from=edition)
        .annotate(area_code=Substr("area__code", 1, length))
        .values("area_code", "offering__category_id")
        .annotate(n=Count("offering_id", distinct=True))
        .order_by()
    )
    counts: dict[str, dict[int, int]] = {}
    for row in local:
        counts.setdefault(row["area_code"], {})[row["offering__category_id"]] = row["n"]
    everywhere = dict(
        counted_offerings(district)
        .filter(Q(is_district_wide=True) | Q(is_mobile=True))
        .values_list("category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    offered = set(counted_offerings(district).values_list("category_id", flat=True).distinct())
    categories = list(
        OfferingCategory.objects.filter(Q(is_active=True) | Q(pk__in=offered)).order_by(
            "position", "name_de"
        )
    )
    columns = [c for c in categories if c.pk in offered]

    rows = []
    for area in areas:
        children, poverty, estimated = numbers.get(area.code, (None, None, False))
        rows.append(
            AreaRow(
                area=area,
                children=children,
                poverty=poverty,
                poverty_estimated=estimated,
                counts=counts.get(area.code, {}),
            )
        )
    shares = [row.poverty for row in rows if row.poverty is not None]
    threshold_is_median = threshold is None
    if threshold is None and shares:
        threshold = statistics.median(shares)
    for row in rows:
        if row.poverty is None or threshold is None:
            continue
        row.is_high_poverty = (
            row.poverty > threshold if threshold_is_median else row.poverty >= threshold
        )
        if row.is_high_poverty:
            row.missing = [c for c in columns if not row.counts.get(c.pk)]

    return AreaCoverage(
        level=level,
        rows=rows,
        categories=columns,
        absent_categories=[c for c in categories if c.pk not in offered],
        everywhere=everywhere,
        threshold=threshold,
        threshold_is_median=threshold_is_median,
        poverty_indicator=AreaIndicator.objects.filter(key=POVERTY_KEY).first(),
        poverty_year=poverty_year,
        children_year=children_year,
    )


# --- 5. Map -----------------------------------------------------------------------------------


@dataclass
class MapArea:
    code: str
    name: str
    geometry: dict[str, Any]
    poverty: float | None


@dataclass
class MapPlace:
    offering: str
    place: str
    category: str
    latitude: float
    longitude: float
    is_stale: bool


def map_areas(district: District, coverage: AreaCoverage) -> list[MapArea]:
    """Shapes of the shown level; the planning areas' when the level has none. One or two queries.

    Imported LOR files carry shapes for Planungsräume only; the regions above them are
    created from their numbers, without a shape.
    """
    edition = area_edition(district)
    shaped = Area.objects.for_district(district).filter(valid_from=edition, geometry__isnull=False)
    poverty = {row.area.code: row.poverty for row in coverage.rows}
    areas = list(shaped.filter(level=coverage.level).order_by("code"))
    if not areas and coverage.level != Area.Level.PLANUNGSRAUM:
        areas = list(shaped.filter(level=Area.Level.PLANUNGSRAUM).order_by("code"))
        numbers, _, _ = area_numbers(indicator_frame(district, edition), Area.Level.PLANUNGSRAUM)
        poverty = {code: values[1] for code, values in numbers.items()}
    return [
        MapArea(code=a.code, name=a.name, geometry=a.geometry, poverty=poverty.get(a.code))
        for a in areas
        if isinstance(a.geometry, dict)
    ]


def map_places(district: District, today: datetime.date) -> list[MapPlace]:
    """Places of counted offerings that have coordinates: one query."""
    places = (
        OfferingPlace.objects.filter(
            _counted("offering__", district), latitude__isnull=False, longitude__isnull=False
        )
        .select_related("offering", "offering__category")
        .order_by("offering__name", "pk")
    )
    return [
        MapPlace(
            offering=place.offering.name,
            place=str(place),
            category=place.offering.category.name,
            latitude=place.latitude,
            longitude=place.longitude,
            is_stale=place.offering.is_stale(today),
        )
        for place in places
    ]


def everywhere_offerings(district: District) -> list[Offering]:
    """The district-wide and mobile offerings, listed under the areas: one query."""
    return list(
        counted_offerings(district)
        .filter(Q(is_district_wide=True) | Q(is_mobile=True))
        .select_related("category")
        .order_by("name")
    )
