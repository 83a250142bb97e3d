"""Responses per channel against the benefits families receive, and the target groups."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mitwirkung.disclosure.cells import (
    HIDDEN,
    SHOWN,
    SMALL,
    Cell,
    is_small,
    share,
    suppress_counts,
    suppress_grid,
)
from surveys.models import Answer, Option, Response, Survey
from surveys.participation.family import BENEFIT_CODES, BENEFITS, FAMILY, NONE_CODE

# Columns of the channel table: what a response said about benefits.
WITH_BENEFITS = "benefits"
WITHOUT_BENEFITS = "none"
UNKNOWN = "unknown"
GROUPS = (WITH_BENEFITS, WITHOUT_BENEFITS, UNKNOWN)
CHANNELS = [Response.Channel.ONLINE, Response.Channel.TABLET, Response.Channel.PAPER]


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
