"""Goal indicators fed by a survey question (IndicatorLink): the share of respondents who
chose one of the counted options among all who answered the question.

The snapshot carries the value next to the indicator's series; writing it as an
IndicatorValue row is the pipeline's job (reports.services), not the build's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from mitwirkung.disclosure.cells import MIN_PERCENT_BASE, SHOWN
from reports.aggregation.cells import cell, protect_lines
from reports.schema import Cell, IndicatorSeries
from surveys.models import Answer, IndicatorLink, Response


@dataclass(frozen=True)
class LinkCount:
    """One indicator fed by a survey question: which answers count, and how many families
    chose them among those who answered (raw, before the small-cell rule)."""

    indicator_id: int
    question_id: int
    option_codes: frozenset[str]
    count: int
    base: int


def survey_links(survey_id: int) -> list[IndicatorLink]:
    """The survey's indicator links with their options: two queries."""
    return list(
        IndicatorLink.objects.filter(question__survey_id=survey_id)
        .prefetch_related("options")
        .order_by("pk")
    )


def link_counts(scope: QuerySet[Response], survey_id: int) -> list[LinkCount]:
    """Three queries, whatever the number of links: the links, their options, the counts."""
    links = survey_links(survey_id)
    if not links:
        return []
    aggregates = {}
    for link in links:
        options = [o.pk for o in link.options.all()]
        aggregates[f"base_{link.pk}"] = Count(
            "response_id", distinct=True, filter=Q(question_id=link.question_id)
        )
        aggregates[f"count_{link.pk}"] = Count(
            "response_id",
            distinct=True,
            filter=Q(question_id=link.question_id, option_id__in=options),
        )
    totals = Answer.objects.filter(
        response__in=scope, question_id__in={link.question_id for link in links}
    ).aggregate(**aggregates)
    return [
        LinkCount(
            link.indicator_id,
            link.question_id,
            frozenset(o.code for o in link.options.all()),
            totals[f"count_{link.pk}"],
            totals[f"base_{link.pk}"],
        )
        for link in links
    ]


def survey_values(
    counts: list[LinkCount], min_size: int
) -> dict[int, dict[str, float | Cell | None]]:
    """Indicator id → {"value", "count", "base"} under the small-cell rule."""
    out: dict[int, dict[str, float | Cell | None]] = {}
    for link in counts:
        base, count = link.base, link.count
        values = [count, base - count, base]
        reasons = protect_lines(values, [[0, 1, 2]], min_size)
        base_shown = reasons[2] == SHOWN
        count_cell = cell(count, reasons[0], base, base_shown)
        value = None
        if reasons[0] == SHOWN and base_shown and base >= MIN_PERCENT_BASE:
            value = round(100 * count / base, 1)
        out[link.indicator_id] = {
            "value": value,
            "count": count_cell,
            "base": cell(base, reasons[2]),
        }
    return out


def with_survey_values(
    series: list[IndicatorSeries], values: dict[int, dict[str, float | Cell | None]]
) -> list[IndicatorSeries]:
    """The district's series, each linked one with its value from this snapshot."""
    out = []
    for row in series:
        row = dict(row)  # type: ignore[assignment]
        if row["id"] in values:
            row["from_survey"] = values[row["id"]]  # type: ignore[typeddict-item]
        out.append(row)
    return out  # type: ignore[return-value]
