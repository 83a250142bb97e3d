"""What families say is missing: counts per choice and per staff tag of free texts.

Free texts themselves never enter a snapshot; only how many answers carry each tag.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from reports.aggregation.cells import single
from reports.aggregation.counts import MISSING, Counts
from reports.aggregation.scope import Structure
from reports.schema import Missing, MissingRow, TagRow
from surveys.models import FreeTextTag, OptionTranslation, Response


def rank(rows: list[MissingRow], codes: list[str]) -> None:
    """Largest first; suppressed ones keep the questionnaire's order at the end, so their
    place says nothing about their number (sorted again after the linked protection)."""
    order = {code: i for i, code in enumerate(codes)}
    rows.sort(
        key=lambda r: (
            (0, -r["count"]["n"], order.get(r["code"], 0))
            if "n" in r["count"]
            else (1, 0, order.get(r["code"], 0))
        )
    )


def tag_counts(scope: QuerySet[Response], survey_id: int) -> list[tuple[str, int]]:
    """Answers carrying each staff tag of the survey, by name (raw): one query."""
    return list(
        FreeTextTag.objects.filter(survey_id=survey_id)
        .annotate(n=Count("answers", filter=Q(answers__response__in=scope), distinct=True))
        .order_by("name")
        .values_list("name", "n")
    )


def missing(counts: Counts, s: Structure, min_size: int) -> Missing:
    """Counts per choice and the staff tags' counts; one query for the English labels."""
    tags = counts.tags
    per_option: dict[int, int] = {}
    for (_question, option), n in counts.total_of("m").items():
        per_option[option] = per_option.get(option, 0) + n
    base = counts.total(MISSING)
    english = dict(
        OptionTranslation.objects.filter(
            option__in=[o.pk for o in s.missing_options], language="en"
        ).values_list("option_id", "text")
    )
    rows: list[MissingRow] = []
    for option in s.missing_options:
        rows.append(
            {
                "code": option.code,
                "label": {"de": option.text, "en": english.get(option.pk) or option.text},
                "count": single(int(per_option.get(option.pk, 0)), min_size),
            }
        )
    rank(rows, [option.code for option in s.missing_options])
    tag_rows: list[TagRow] = [{"name": name, "count": single(n, min_size)} for name, n in tags]
    return {"base": single(base, min_size), "rows": rows, "tags": tag_rows}
