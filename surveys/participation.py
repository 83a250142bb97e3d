"""The participation monitor (issue 6): who has answered so far, and where answers are missing.

Online surveys reach the better-off first, so staff compare the responses with the district:
per Bezirksregion (the family block's home-area question) against the children living there
and their child-poverty share, per channel against the benefits families receive, per
language and target group, and against the targets staff set.

Every count is made in the database in a handful of grouped queries, whatever the number of
responses or areas. Children, child poverty and the "high child poverty" rule are the gap
view's (offerings.gaps), so both pages name the same areas. Everything that describes families
goes through the small-cell rule of surveys.suppression; responses per collection point are
participation numbers, shown in full as on the responses page.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, OuterRef, Value, When
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from districts.models import Area, AreaIndicator, District
from offerings import gaps
from surveys.models import (
    Answer,
    CollectionPoint,
    Option,
    ParticipationTarget,
    Question,
    Response,
    Survey,
)
from surveys.response_stats import LanguageMix, collection_points_with_counts, language_mix
from surveys.suppression import (
    HIDDEN,
    MIN_PERCENT_BASE,
    SHOWN,
    SMALL,
    Cell,
    is_small,
    share,
    suppress_counts,
    suppress_grid,
)

FAMILY = Question.Block.FAMILY
HOME_AREA = "home_area"
BENEFITS = "benefits"
HOUSEHOLD = "household"
# The benefits of the family block that mark a low household income, in the order staff
# name them (Option.code of the benefits question).
BENEFIT_CODES: dict[str, Promise] = {
    "basic_income_support": _("Basic income support (Bürgergeld, SGB II)"),
    "berlinpass": _("berlinpass"),
    "education_participation": _("Education and participation (BuT)"),
    "child_supplement": _("Child supplement (Kinderzuschlag)"),
    "housing_benefit": _("Housing benefit (Wohngeld)"),
}
NONE_CODE = "none"
SINGLE_PARENT_CODE = "single_parent"
PER_CHILDREN = 1000

# Columns of the channel table: what a response said about benefits.
WITH_BENEFITS = "benefits"
WITHOUT_BENEFITS = "none"
UNKNOWN = "unknown"
GROUPS = (WITH_BENEFITS, WITHOUT_BENEFITS, UNKNOWN)
CHANNELS = [Response.Channel.ONLINE, Response.Channel.TABLET, Response.Channel.PAPER]


# --- numbers --------------------------------------------------------------------------------


def percent_text(value: float) -> str:
    return f"{number_format(round(value, 1), decimal_pos=1)} %"


def rate_text(value: float) -> str:
    """Responses per 1,000 children: one decimal below 10, whole numbers above."""
    if value < 10:
        return number_format(round(value, 1), decimal_pos=1)
    return number_format(round(value), force_grouping=True)


def count_text(cell: Cell) -> str:
    if cell.value is None:
        return cell.text
    return number_format(cell.value, force_grouping=True)


@dataclass(frozen=True)
class TargetProgress:
    """A target with what has been reached. `reached` is None when it cannot be counted."""

    target: ParticipationTarget
    reached: Cell | None
    not_counted_because: str | Promise = ""

    @property
    def percent(self) -> float | None:
        if self.reached is None or self.reached.value is None or not self.target.responses:
            return None
        return 100 * self.reached.value / self.target.responses

    @property
    def bar_percent(self) -> int:
        return min(100, round(self.percent or 0))

    @property
    def is_met(self) -> bool | None:
        """True, False, or None when the small-cell rule (or the question) does not tell.

        A "fewer than 5" is certainly below a target of 5 or more; a number hidden for the
        secondary suppression tells nothing, or comparing targets would reveal it.
        """
        reached = self.reached
        if reached is None:
            return None
        if reached.value is not None:
            return reached.value >= self.target.responses
        if reached.is_small and self.target.responses >= reached.min_size:
            return False
        return None

    @property
    def label(self) -> str:
        return target_label(self.target)


def target_label(target: ParticipationTarget) -> str:
    """What a target is for: the collection point, or the area with its level."""
    if target.collection_point_id:
        return str(target.collection_point)
    return f"{target.area.get_level_display()}: {target.area.name}"


# --- areas ----------------------------------------------------------------------------------


@dataclass
class AreaRow:
    """One line of the area table: a home area families chose, another answer, or none."""

    label: str | Promise
    cell: Cell
    area: Area | None = None
    children: int | None = None
    poverty: float | None = None
    poverty_estimated: bool = False
    is_high_poverty: bool = False
    target: TargetProgress | None = None
    is_listed: bool = False  # on the list "Where to go next"

    @property
    def rate(self) -> float | None:
        """Responses per 1,000 children; only for a shown count, so it cannot reveal a hidden one."""
        if self.area is None or self.cell.value is None:
            return None
        if self.children is None or self.children < MIN_PERCENT_BASE:
            return None
        return PER_CHILDREN * self.cell.value / self.children

    @property
    def is_inhabited(self) -> bool:
        return self.children != 0

    def sentence(self) -> str:
        """The plain sentence of the list "Where to go next"."""
        return f"{self.label}: {self.details()}"

    def details(self) -> str:
        """The sentence after the area's name: child poverty, responses so far, the target."""
        parts = []
        if self.is_high_poverty and self.poverty is not None:
            parts.append(
                gettext("high child poverty (%(share)s)") % {"share": percent_text(self.poverty)}
            )
        elif self.poverty is not None:
            parts.append(gettext("child poverty %(share)s") % {"share": percent_text(self.poverty)})
        parts.append(self._responses_text())
        text = ", ".join(parts)
        if self.target is not None:
            text += " – " + self._target_text(self.target)
        return text + "."

    def _responses_text(self) -> str:
        cell = self.cell
        if cell.is_small:
            return gettext("so far fewer than %(size)s responses") % {"size": cell.min_size}
        if cell.is_hidden:
            return gettext("number of responses hidden to protect small numbers")
        if cell.value == 0:
            return gettext("no response yet")
        if self.rate is not None:
            return gettext("so far %(rate)s responses per 1,000 children") % {
                "rate": rate_text(self.rate)
            }
        return gettext("so far %(count)s responses, number of children unknown") % {
            "count": count_text(cell)
        }

    @staticmethod
    def _target_text(progress: TargetProgress) -> str:
        target = number_format(progress.target.responses, force_grouping=True)
        if progress.reached is None:
            return gettext("target %(target)s, cannot be counted") % {"target": target}
        text = gettext("target %(target)s, reached %(reached)s") % {
            "target": target,
            "reached": count_text(progress.reached),
        }
        if progress.percent is not None:
            text += f" ({percent_text(progress.percent)})"
        return text


@dataclass
class AreaTable:
    rows: list[AreaRow]  # the home areas, in the order of the list "Where to go next"
    other_rows: list[AreaRow]  # "don't know", "prefer not to say", no answer
    total: int
    has_children: bool
    has_poverty: bool
    threshold: float | None
    poverty_indicator: AreaIndicator | None
    poverty_year: int | None
    children_year: int | None

    @property
    def next_steps(self) -> list[AreaRow]:
        return [row for row in self.rows if row.is_listed]

    @property
    def any_suppressed(self) -> bool:
        return any(row.cell.suppressed for row in self.rows + self.other_rows)

    @property
    def any_estimated(self) -> bool:
        return any(row.poverty_estimated for row in self.rows)


@dataclass(frozen=True)
class _AreaNumbers:
    by_code: dict[str, tuple[int | None, float | None, bool]]
    high: set[str]
    has_poverty: bool
    threshold: float | None
    poverty_year: int | None
    children_year: int | None


def _area_numbers(district: District, levels: set[str]) -> _AreaNumbers:
    """Children, child poverty and "high child poverty" per area code, as the gap view counts
    them (offerings.gaps, four queries): above the median of the district's areas of a level."""
    edition = gaps.area_edition(district)
    # The gap view's own helpers, so both pages read the same newest values.
    frame = gaps._indicator_frame(district, edition)
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
        numbers, poverty_year, children_year = gaps._area_numbers(frame, level)
        by_code.update(numbers)
        shares = [
            numbers[code][1]
            for code in codes_by_level.get(level, [])
            if code in numbers and numbers[code][1] is not None
        ]
        if not shares:
            continue
        # The gap view's rule: high child poverty above the median of the level's areas.
        threshold = statistics.median(shares)
        high |= {
            code
            for code in codes_by_level.get(level, [])
            if code in numbers and numbers[code][1] is not None and numbers[code][1] > threshold
        }
    return _AreaNumbers(
        by_code=by_code,
        high=high,
        has_poverty=any(values[1] is not None for values in by_code.values()),
        threshold=threshold,
        poverty_year=poverty_year,
        children_year=children_year,
    )


def _order_and_list(rows: list[AreaRow], has_poverty: bool) -> list[AreaRow]:
    """Mark the areas that need responses and sort them first.

    An inhabited area is listed when it is below its target (or the small-cell rule hides
    whether it is), or when it has high child poverty and no more responses per 1,000 children
    than the median area. Areas with a hidden number come first within their group, ordered by
    children only: their position must not reveal how many responses they have.
    """
    with_children = any(row.children for row in rows)

    def measure(row: AreaRow) -> float | None:
        if row.cell.value is None:
            return None
        return row.rate if with_children else float(row.cell.value)

    shown = [m for m in (measure(row) for row in rows) if m is not None]
    middle = statistics.median(shown) if shown else None
    for row in rows:
        if not row.is_inhabited:
            continue
        below_target = row.target is not None and row.target.is_met is not True
        poverty_counts = row.is_high_poverty if has_poverty else True
        value = measure(row)
        few = value is None or middle is None or value <= middle
        row.is_listed = below_target or (poverty_counts and few)

    def key(row: AreaRow) -> tuple[object, ...]:
        tier = 2
        if row.is_listed:
            tier = 0 if row.is_high_poverty else 1
        value = measure(row)
        if row.cell.suppressed:
            within: tuple[int, float] = (0, 0.0)
        elif value is not None:
            within = (1, value)
        else:
            within = (2, 0.0)
        return (tier, within, -(row.children or 0), str(row.label).casefold())

    return sorted(rows, key=key)


# --- channels and target groups -------------------------------------------------------------


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    label: str | Promise
    total: Cell
    # None when the survey does not ask about benefits, or there are too few responses.
    benefits: Cell | None = None
    without: Cell | None = None
    unknown: Cell | None = None

    @property
    def benefit_share(self) -> float | None:
        return _benefit_share([self])


def _benefit_share(rows: list[ChannelRow]) -> float | None:
    """Share with benefits among those who answered the question (benefits or none of them).

    Only from shown cells, so the share reveals nothing the table hides."""
    cells = [c for row in rows for c in (row.benefits, row.without)]
    if any(cell is None or cell.value is None for cell in cells):
        return None
    with_benefits = sum(row.benefits.value for row in rows)  # type: ignore[union-attr,misc]
    answered = with_benefits + sum(row.without.value for row in rows)  # type: ignore[union-attr,misc]
    return share(with_benefits, answered)


@dataclass(frozen=True)
class ChannelTable:
    rows: list[ChannelRow]
    total: int
    has_benefits: bool
    # Column totals of the benefit columns (None without benefit columns).
    benefits: Cell | None = None
    without: Cell | None = None
    unknown: Cell | None = None

    @property
    def any_suppressed(self) -> bool:
        cells = [
            c
            for row in self.rows
            for c in (row.total, row.benefits, row.without, row.unknown)
            if c is not None
        ]
        cells += [c for c in (self.benefits, self.without, self.unknown) if c is not None]
        return any(c.suppressed for c in cells)

    @property
    def online_share(self) -> float | None:
        return _benefit_share([r for r in self.rows if r.channel == Response.Channel.ONLINE])

    @property
    def offline_share(self) -> float | None:
        """Tablet and paper together: the channels that reach families without their own phone."""
        offline = [r for r in self.rows if r.channel != Response.Channel.ONLINE]
        return _benefit_share(offline)

    @property
    def online_reaches_fewer(self) -> bool | None:
        online, offline = self.online_share, self.offline_share
        if online is None or offline is None:
            return None
        return online < offline


@dataclass(frozen=True)
class GroupRow:
    label: str | Promise
    cell: Cell
    percent: float | None = None
    is_sum: bool = False  # a row that sums up the ones above ("at least one of these")


def _channel_groups(survey: Survey, has_benefits: bool) -> dict[tuple[str, str], int]:
    """Responses per channel and what they said about benefits: one grouped query."""
    responses = Response.objects.filter(survey=survey)
    if not has_benefits:
        rows = responses.values("channel").annotate(n=Count("pk")).order_by()
        return {(row["channel"], UNKNOWN): row["n"] for row in rows}
    answers = Answer.objects.filter(
        response=OuterRef("pk"), question__block=FAMILY, question__block_key=BENEFITS
    )
    rows = (
        responses.annotate(
            group=Case(
                When(
                    Exists(answers.filter(option__code__in=BENEFIT_CODES)),
                    then=Value(WITH_BENEFITS),
                ),
                When(Exists(answers.filter(option__code=NONE_CODE)), then=Value(WITHOUT_BENEFITS)),
                default=Value(UNKNOWN),
            )
        )
        .values("channel", "group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["channel"], row["group"]): row["n"] for row in rows}


def _channel_table(
    survey: Survey, groups: dict[tuple[str, str], int], has_benefits: bool, min_size: int
) -> ChannelTable:
    labels = dict(Response.Channel.choices)
    channels = list(CHANNELS) + sorted({c for c, _g in groups if c not in CHANNELS})
    total = sum(groups.values())
    # Below the minimum group size the whole survey is one small cell: split by benefits it
    # could only be shown empty, so only the channels are shown.
    if not has_benefits or is_small(total, min_size):
        table = suppress_counts(
            [sum(n for (c, _g), n in groups.items() if c == channel) for channel in channels],
            min_size=min_size,
            total_published=True,
        )
        rows = [
            ChannelRow(channel=c, label=labels.get(c, c), total=cell)
            for c, cell in zip(channels, table.cells, strict=True)
        ]
        return ChannelTable(rows=rows, total=total, has_benefits=False)
    grid = suppress_grid(
        [[groups.get((c, g), 0) for g in GROUPS] for c in channels],
        min_size=min_size,
        percent_of=None,
    )
    rows = [
        ChannelRow(
            channel=c,
            label=labels.get(c, c),
            total=grid.row_totals[i],
            benefits=grid.rows[i][0],
            without=grid.rows[i][1],
            unknown=grid.rows[i][2],
        )
        for i, c in enumerate(channels)
    ]
    benefits, without, unknown = grid.column_totals
    return ChannelTable(
        rows=rows,
        total=total,
        has_benefits=True,
        benefits=benefits,
        without=without,
        unknown=unknown,
    )


def _group_rows(
    channels: ChannelTable,
    benefit_options: dict[str, Option],
    single_parent: Option | None,
    counts: dict[int, int],
    min_size: int,
) -> list[GroupRow]:
    """Target groups: each benefit, at least one of them, none, no answer; single parents.

    The sums come from the channel table, so both tables hide the same cells. A single
    benefit is hidden whenever "at least one benefit" is: where only one benefit was named,
    it would equal the hidden sum.
    """
    total = channels.total
    if is_small(total, min_size):
        return []

    def row(label: str | Promise, cell: Cell, *, is_sum: bool = False) -> GroupRow:
        percent = share(cell.value, total) if cell.value is not None else None
        return GroupRow(label=label, cell=cell, percent=percent, is_sum=is_sum)

    def primary(count: int) -> Cell:
        if is_small(count, min_size):
            return Cell(None, SMALL, min_size)
        return Cell(count, SHOWN, min_size)

    rows: list[GroupRow] = []
    union, without, unknown = channels.benefits, channels.without, channels.unknown
    if union is not None and without is not None and unknown is not None:
        for code, label in BENEFIT_CODES.items():
            option = benefit_options.get(code)
            if option is None:
                continue
            cell = primary(counts.get(option.pk, 0))
            if union.suppressed and not cell.suppressed:
                cell = Cell(None, HIDDEN, min_size)
            rows.append(row(label, cell))
        rows.append(row(_("At least one of these benefits"), union, is_sum=True))
        rows.append(row(_("None of these benefits"), without, is_sum=True))
        rows.append(
            row(_("No answer or prefer not to say"), unknown, is_sum=True),
        )
    if single_parent is not None:
        rows.append(row(_("Single parents"), primary(counts.get(single_parent.pk, 0))))
    return rows


# --- collection points ------------------------------------------------------------------------


@dataclass(frozen=True)
class PointRow:
    point: CollectionPoint
    responses: int
    target: TargetProgress | None


# --- the monitor ------------------------------------------------------------------------------


@dataclass
class Monitor:
    survey: Survey
    total: int
    min_size: int
    areas: AreaTable | None  # None: the survey does not ask where families live
    channels: ChannelTable
    groups: list[GroupRow]
    asks_groups: bool  # the survey asks about benefits or the household
    languages: LanguageMix
    points: list[PointRow]
    targets: list[TargetProgress] = field(default_factory=list)

    @property
    def groups_too_small(self) -> bool:
        """Target groups are asked about, but there are fewer responses than a group needs."""
        return self.asks_groups and is_small(self.total, self.min_size)


@dataclass(frozen=True)
class _FamilyOptions:
    home_area: list[Option]
    benefits: dict[str, Option]
    single_parent: Option | None


def _family_options(survey: Survey) -> _FamilyOptions:
    """The options of the family block this monitor reads: one query.

    A survey holds the family block once; should a question appear twice, the first counts.
    """
    options = (
        Option.objects.filter(
            question__survey=survey,
            question__block=FAMILY,
            question__block_key__in=[HOME_AREA, BENEFITS, HOUSEHOLD],
        )
        .select_related("area", "question")
        .order_by("question__page__position", "question__position", "question_id", "position")
    )
    first: dict[str, int] = {}
    home_area: list[Option] = []
    benefits: dict[str, Option] = {}
    single_parent = None
    for option in options:
        key = option.question.block_key
        if first.setdefault(key, option.question_id) != option.question_id:
            continue
        if key == HOME_AREA:
            home_area.append(option)
        elif key == BENEFITS:
            benefits.setdefault(option.code, option)
        elif option.code == SINGLE_PARENT_CODE and single_parent is None:
            single_parent = option
    return _FamilyOptions(home_area=home_area, benefits=benefits, single_parent=single_parent)


def _option_counts(survey: Survey, options: list[Option]) -> dict[int, int]:
    """Responses per option: one grouped query."""
    if not options:
        return {}
    return dict(
        Answer.objects.filter(response__survey=survey, option__in=[o.pk for o in options])
        .values_list("option_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )


def _not_counted(area_rows: list[AreaRow]) -> Promise:
    if not area_rows:
        return _("The survey does not ask where families live.")
    return _("Families choose their Bezirksregion in this survey; this area is not among them.")


def _area_target(target: ParticipationTarget, rows: list[AreaRow], min_size: int) -> TargetProgress:
    """What an area target has reached: the responses from it and every area within it.

    Summed only when every part is shown: a sum around a hidden cell would reveal it.
    """
    area = target.area
    covered = [
        row
        for row in rows
        if row.area is not None
        and row.area.valid_from == area.valid_from
        and row.area.code.startswith(area.code)
    ]
    if not covered:
        return TargetProgress(target, None, _not_counted(rows))
    if len(covered) == 1:
        return TargetProgress(target, covered[0].cell)
    if any(row.cell.suppressed for row in covered):
        return TargetProgress(target, Cell(None, HIDDEN, min_size))
    return TargetProgress(
        target, Cell(sum(row.cell.value or 0 for row in covered), SHOWN, min_size)
    )


def participation(survey: Survey) -> Monitor:
    """Every number of the participation monitor, counted in about a dozen queries."""
    min_size = survey.min_group_size
    family = _family_options(survey)
    counts = _option_counts(
        survey,
        family.home_area
        + list(family.benefits.values())
        + ([family.single_parent] if family.single_parent else []),
    )
    asks_benefits = bool(family.benefits)
    groups = _channel_groups(survey, asks_benefits)
    channels = _channel_table(survey, groups, asks_benefits, min_size)
    total = channels.total
    targets = list(
        ParticipationTarget.objects.filter(survey=survey)
        .select_related("area", "collection_point__offering", "collection_point__place__offering")
        .order_by("pk")
    )

    areas = _area_table(survey, family.home_area, counts, total, min_size)
    area_rows = areas.rows if areas else []
    progress: list[TargetProgress] = []
    by_area: dict[int, TargetProgress] = {}
    point_counts: dict[int, int] = {}
    points = list(collection_points_with_counts(survey))
    for point in points:
        point_counts[point.pk] = point.response_count
    by_point: dict[int, TargetProgress] = {}
    for target in targets:
        if target.collection_point_id:
            reached = Cell(point_counts.get(target.collection_point_id, 0), SHOWN, min_size)
            item = TargetProgress(target, reached)
            by_point[target.collection_point_id] = item
        else:
            item = _area_target(target, area_rows, min_size)
            by_area.setdefault(target.area_id, item)
        progress.append(item)
    if areas is not None:
        for row in areas.rows:
            row.target = by_area.get(row.area.pk) if row.area else None
        areas.rows = _order_and_list(areas.rows, areas.has_poverty)

    return Monitor(
        survey=survey,
        total=total,
        min_size=min_size,
        areas=areas,
        channels=channels,
        groups=_group_rows(channels, family.benefits, family.single_parent, counts, min_size),
        asks_groups=asks_benefits or family.single_parent is not None,
        languages=language_mix(survey),
        points=[PointRow(p, p.response_count, by_point.get(p.pk)) for p in points],
        targets=progress,
    )


def _area_table(
    survey: Survey, options: list[Option], counts: dict[int, int], total: int, min_size: int
) -> AreaTable | None:
    """Responses per home area with children and child poverty, under the small-cell rule.

    One line for the rule: every area, every other answer and "no answer" add up to the
    number of responses, which the page shows, so only the cells themselves are protected.
    """
    if not options:
        return None
    area_options = sorted((o for o in options if o.area_id), key=lambda o: o.area.code)
    other_options = [o for o in options if not o.area_id]
    answered = sum(counts.get(o.pk, 0) for o in options)
    values = [counts.get(o.pk, 0) for o in area_options + other_options]
    values.append(max(total - answered, 0))
    table = suppress_counts(values, min_size=min_size, total_published=True)

    levels = {o.area.level for o in area_options}
    numbers = _area_numbers(survey.district, levels) if levels else None
    rows = []
    for option, cell in zip(area_options, table.cells, strict=False):
        area = option.area
        children = poverty = None
        estimated = False
        if numbers is not None and area.code in numbers.by_code:
            children, poverty, estimated = numbers.by_code[area.code]
        rows.append(
            AreaRow(
                label=area.name,
                cell=cell,
                area=area,
                children=children,
                poverty=poverty,
                poverty_estimated=estimated,
                is_high_poverty=numbers is not None and area.code in numbers.high,
            )
        )
    rest = table.cells[len(area_options) :]
    other_rows = [
        AreaRow(label=option.text, cell=cell)
        for option, cell in zip(other_options, rest, strict=False)
    ]
    other_rows.append(AreaRow(label=pgettext_lazy("survey answer", "No answer"), cell=rest[-1]))
    return AreaTable(
        rows=rows,
        other_rows=other_rows,
        total=total,
        has_children=any(row.children for row in rows),
        has_poverty=numbers is not None and numbers.has_poverty,
        threshold=numbers.threshold if numbers else None,
        poverty_indicator=(
            AreaIndicator.objects.filter(key=gaps.POVERTY_KEY).first() if numbers else None
        ),
        poverty_year=numbers.poverty_year if numbers else None,
        children_year=numbers.children_year if numbers else None,
    )
