"""Participation numbers of a survey, counted in the database.

Responses per collection point and day carry no characteristic of a family, so staff see
them as they are. The language mix does describe families: it goes through the small-cell
rule in mitwirkung.disclosure.cells.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

from mitwirkung.disclosure.cells import Cell, suppress_counts
from surveys.languages import BY_CODE
from surveys.models import CollectionPoint, CollectionPointDay, Response, Survey

WINDOW_DAYS = 8 * 7


def collection_points_with_counts(survey: Survey) -> QuerySet[CollectionPoint]:
    """The survey's collection points with `response_count`, `link_responses` and `starts`.

    Starts come from a subquery: joining days and responses in one query would multiply them.
    """
    starts = (
        CollectionPointDay.objects.filter(collection_point=OuterRef("pk"))
        .values("collection_point")
        .annotate(total=Sum("starts"))
        .values("total")
    )
    return (
        CollectionPoint.objects.filter(survey=survey)
        .select_related("offering", "place__offering")
        .annotate(
            response_count=Count("responses"),
            # Paper questionnaires are typed in by staff and never pass the start counter.
            link_responses=Count("responses", filter=~Q(responses__channel=Response.Channel.PAPER)),
            starts=Coalesce(Subquery(starts, output_field=IntegerField()), 0),
        )
        .order_by("pk")
    )


def completion_rate(responses: int, starts: int) -> float | None:
    """Finished responses per started survey in percent; None when nobody started."""
    if starts <= 0:
        return None
    return 100 * responses / starts


@dataclass(frozen=True)
class DayRow:
    day: datetime.date
    counts: list[int]  # in the order of the window's collection points
    total: int


@dataclass(frozen=True)
class DailyCounts:
    first_day: datetime.date
    last_day: datetime.date
    collection_points: list[CollectionPoint]
    rows: list[DayRow]  # newest first, days without responses left out


def response_window(survey: Survey, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last eight weeks that had responses, never before the survey opened."""
    latest = Response.objects.filter(survey=survey).aggregate(latest=Max("submitted_on"))["latest"]
    last_day = min(latest, today) if latest else today
    first_day = last_day - datetime.timedelta(days=WINDOW_DAYS - 1)
    if survey.opens_on and survey.opens_on > first_day:
        first_day = min(survey.opens_on, last_day)
    return first_day, last_day


def daily_counts(
    survey: Survey,
    collection_points: list[CollectionPoint],
    first_day: datetime.date,
    last_day: datetime.date,
) -> DailyCounts:
    """Responses per day and collection point in one grouped query."""
    grouped = (
        Response.objects.filter(survey=survey, submitted_on__range=(first_day, last_day))
        .values("submitted_on", "collection_point_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_day: dict[datetime.date, dict[int, int]] = {}
    for row in grouped:
        by_day.setdefault(row["submitted_on"], {})[row["collection_point_id"]] = row["n"]
    used = {cp_id for counts in by_day.values() for cp_id in counts}
    columns = [cp for cp in collection_points if cp.pk in used]
    rows = [
        DayRow(
            day=day,
            counts=[by_day[day].get(cp.pk, 0) for cp in columns],
            total=sum(by_day[day].values()),
        )
        for day in sorted(by_day, reverse=True)
    ]
    return DailyCounts(first_day, last_day, columns, rows)


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str | Promise
    cell: Cell


@dataclass(frozen=True)
class LanguageMix:
    rows: list[LanguageRow]
    total: Cell

    @property
    def any_suppressed(self) -> bool:
        return self.total.suppressed or any(row.cell.suppressed for row in self.rows)


def language_mix(survey: Survey) -> LanguageMix:
    """Responses per language, every offered language listed, under the small-cell rule.

    Listing languages without responses too (as 0) keeps the table's shape the same whatever
    the answers. A hidden 0 protects nothing, so the rule hides a real count beside a small one.
    """
    counts = dict(
        Response.objects.filter(survey=survey)
        .values_list("language")
        .annotate(n=Count("pk"))
        .order_by()
    )
    codes = list(survey.language_codes)
    codes += sorted(code for code in counts if code not in codes)
    # The number of responses is shown on the page as a participation number, so the
    # reader knows the total: the language cells alone must hide the small ones.
    table = suppress_counts(
        [counts.get(code, 0) for code in codes],
        min_size=survey.min_group_size,
        total_published=True,
    )
    rows = [
        LanguageRow(code, BY_CODE[code].name if code in BY_CODE else code, cell)
        for code, cell in zip(codes, table.cells, strict=True)
    ]
    return LanguageMix(rows=rows, total=table.total)
