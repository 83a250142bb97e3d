"""Retention: free-text answers past the district's period, raw answers after the final report.

Run nightly by surveys.tasks.apply_retention (CELERY_BEAT_SCHEDULE) and by
`manage.py apply_retention`. Each district's free texts go in one transaction, each survey's
raw responses in another, so a failure leaves nothing half-deleted; a second run the same day
finds nothing left and writes no log entry. Snapshots keep their frozen tables, so reports
built before, and published reports, show the same numbers afterwards.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from districts.models import District
from surveys.models import Answer, Response, RetentionLog, Survey
from surveys.models.responses import AnswerQuerySet

logger = logging.getLogger(__name__)

CLOSED_STATUSES = (Survey.Status.CLOSED, Survey.Status.ARCHIVED)


@dataclass(frozen=True)
class RetentionItem:
    """What one run deletes (or, in a dry run, would delete) in one district and survey."""

    district: District
    survey_id: int | None
    survey_title: str
    kind: str
    responses: int
    answers: int


def free_text_cutoff(district: District, today: datetime.date) -> datetime.date:
    """Answers sent before this day are older than the district's retention period."""
    return today - relativedelta(months=district.free_text_retention_months)


def free_texts_due(district: District, today: datetime.date) -> AnswerQuerySet:
    return (
        Answer.objects.for_district(district)
        .with_free_text()
        .submitted_before(free_text_cutoff(district, today))
    )


def has_final_snapshot(survey: Survey) -> bool:
    """A ready final report over all of the survey's answers: built when it was closed, with
    no period or collection point filter, and counting up to its newest response. Only then
    is every answer about to be deleted already in a frozen table."""
    snapshot_model = apps.get_model("reports", "ReportSnapshot")
    newest = survey.responses.aggregate(newest=Max("pk"))["newest"]
    finals = snapshot_model.objects.filter(
        survey=survey,
        kind=snapshot_model.Kind.FINAL,
        status=snapshot_model.Status.READY,
        period_start__isnull=True,
        period_end__isnull=True,
        last_response_id__isnull=False,
    ).only("collection_points", "last_response_id")
    return any(
        not snapshot.collection_points and (newest is None or snapshot.last_response_id >= newest)
        for snapshot in finals
    )


def surveys_due_for_raw_deletion(district: District) -> list[Survey]:
    """Closed surveys of a district that chose so, with answers left and a final report."""
    if not district.delete_raw_after_final_snapshot:
        return []
    candidates = Survey.objects.for_district(district).filter(
        status__in=CLOSED_STATUSES, responses__isnull=False
    )
    return [survey for survey in candidates.distinct().order_by("pk") if has_final_snapshot(survey)]


def _free_text_items(district: District, today: datetime.date) -> list[RetentionItem]:
    per_survey = (
        free_texts_due(district, today)
        .values("response__survey_id", "response__survey__title")
        .annotate(n=Count("pk"))
        .order_by("response__survey_id")
    )
    return [
        RetentionItem(
            district=district,
            survey_id=row["response__survey_id"],
            survey_title=row["response__survey__title"],
            kind=RetentionLog.Kind.FREE_TEXT,
            responses=0,
            answers=row["n"],
        )
        for row in per_survey
    ]


def _raw_item(district: District, survey: Survey) -> RetentionItem:
    return RetentionItem(
        district=district,
        survey_id=survey.pk,
        survey_title=survey.title,
        kind=RetentionLog.Kind.RAW_RESPONSES,
        responses=Response.objects.filter(survey=survey).count(),
        answers=Answer.objects.filter(response__survey=survey).count(),
    )


def retention_plan(district: District, today: datetime.date) -> list[RetentionItem]:
    """What a run today would delete in this district; reads only."""
    items = _free_text_items(district, today)
    items += [_raw_item(district, survey) for survey in surveys_due_for_raw_deletion(district)]
    return items


def _log(item: RetentionItem, at: datetime.datetime) -> RetentionLog:
    log = RetentionLog.objects.create(
        district=item.district,
        survey_id=item.survey_id,
        survey_title=item.survey_title[:200],
        kind=item.kind,
        at=at,
        responses=item.responses,
        answers=item.answers,
    )
    # Counts and ids only: the log must not carry what the deletion removes.
    logger.info(
        "retention: district %s survey %s %s: %d responses, %d answers deleted",
        item.district.number,
        item.survey_id,
        item.kind,
        item.responses,
        item.answers,
    )
    return log


def _delete_free_texts(district: District, today: datetime.date) -> list[RetentionItem]:
    with transaction.atomic():
        items = _free_text_items(district, today)
        if not items:
            return []
        due = free_texts_due(district, today)
        Answer.tags.through.objects.filter(answer__in=due).delete()
        # As Answer.delete_free_text does for one answer: a text on its own goes with its row,
        # a text beside a chosen option or number is emptied so the choice still counts.
        due.filter(option__isnull=True, number__isnull=True).delete()
        due.update(text="", text_reviewed=False)
        now = timezone.now()
        for item in items:
            _log(item, now)
    return items


def _delete_raw(district: District, survey_id: int) -> RetentionItem | None:
    with transaction.atomic():
        # Locked and checked again: the survey may have been reopened since it was listed.
        survey = (
            Survey.objects.select_for_update()
            .filter(pk=survey_id, district=district, status__in=CLOSED_STATUSES)
            .first()
        )
        if survey is None or not has_final_snapshot(survey):
            return None
        item = _raw_item(district, survey)
        if not item.responses:
            return None
        answers = Answer.objects.filter(response__survey=survey)
        Answer.tags.through.objects.filter(answer__in=answers).delete()
        answers.delete()
        Response.objects.filter(survey=survey).delete()
        _log(item, timezone.now())
    return item


def retention_apply(
    *, district: District, today: datetime.date | None = None, dry_run: bool = False
) -> list[RetentionItem]:
    """Delete what the district's retention settings say is due today; returns the counts.

    With dry_run nothing is deleted or logged: the items say what would go.
    """
    today = today or timezone.localdate()
    if dry_run:
        return retention_plan(district, today)
    items = _delete_free_texts(district, today)
    for survey in surveys_due_for_raw_deletion(district):
        item = _delete_raw(district, survey.pk)
        if item is not None:
            items.append(item)
    return items


def retention_apply_all(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> list[RetentionItem]:
    """retention_apply for every district that has answers at all."""
    with_answers = District.objects.filter(surveys__responses__isnull=False).distinct()
    items: list[RetentionItem] = []
    for district in with_answers.order_by("number"):
        items += retention_apply(district=district, today=today, dry_run=dry_run)
    return items
