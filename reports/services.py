"""The reports workflow: request a snapshot, build it, rebuild open surveys at night.

The build reads surveys, offerings, goals and area statistics (reports.aggregation) and
writes only ReportSnapshot rows; the one value it hands back to another app, a survey-fed
indicator value, goes through goals' own method (IndicatorValue.objects.record_survey_value).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from districts.models import AreaIndicatorValue
from goals.models import ActionGoal, Indicator, IndicatorValue, Resource
from offerings.models import Offering, OfferingAdaptation, OfferingResource
from reports import aggregation
from reports.aggregation.scope import responses as responses_counted
from reports.models import Decision, Finding, ReportSnapshot
from surveys.models import Answer, Response, Survey

logger = logging.getLogger(__name__)

# A build stops after 11 minutes (reports.tasks); a row still waiting or running after this
# was lost (broker down when it was queued, worker killed) and must not block new requests.
STALE_AFTER = datetime.timedelta(minutes=30)


def effective_min_group_size(survey: Survey) -> int:
    """The stricter of the survey's and the district's minimum group size."""
    return max(survey.min_group_size, survey.district.min_group_size)


def snapshot_request(
    *,
    survey: Survey,
    by: AbstractBaseUser | None,
    kind: str,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    collection_points: Iterable[int | Any] = (),
    min_group_size: int | None = None,
) -> ReportSnapshot:
    """A pending snapshot for these inputs whose build is queued once the transaction commits.

    Validates first (ValidationError with a translated message, nothing written). An
    identical request that is still waiting or being built is returned instead of a second row.
    """
    points = sorted({int(getattr(point, "pk", point)) for point in collection_points})
    required = effective_min_group_size(survey)
    size = required if min_group_size is None else int(min_group_size)
    errors: dict[str, str] = {}
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The period cannot end before it starts.")
    if points:
        known = set(survey.collection_points.filter(pk__in=points).values_list("pk", flat=True))
        if known != set(points):
            errors["collection_points"] = _("Choose only collection points of this survey.")
    if size < required:
        errors["min_group_size"] = _(
            "The minimum group size must be at least %(size)d, as the survey and the district "
            "require."
        ) % {"size": required}
    if errors:
        raise ValidationError(errors)

    wanted = ReportSnapshot(
        district=survey.district,
        survey=survey,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        collection_points=points,
        min_group_size=size,
        requested_by=by,
    )
    _fail_stale(survey)
    for waiting in ReportSnapshot.objects.in_progress().filter(survey=survey):
        if waiting.inputs() == wanted.inputs():
            return waiting
    wanted.save()
    _enqueue(wanted.pk)
    return wanted


def _fail_stale(survey: Survey) -> None:
    """Rows of the survey that waited or ran too long end as failed, with a reason."""
    lost = ReportSnapshot.objects.in_progress().filter(
        survey=survey, requested_at__lt=timezone.now() - STALE_AFTER
    )
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("The report was not finished in time. Please build it again.")
    lost.update(
        status=ReportSnapshot.Status.FAILED, failure_reason=reason, finished_at=timezone.now()
    )


def _enqueue(snapshot_id: int) -> None:
    # Imported here: the task module imports this one.
    from reports.tasks import build_snapshot

    # After commit, so the worker finds the row; robust, so a broker hiccup leaves a pending
    # row (failed as lost after STALE_AFTER, then built afresh by the next request or the
    # nightly job) instead of an error page for a request that was saved.
    transaction.on_commit(partial(build_snapshot.delay, snapshot_id), robust=True)


def snapshot_build(*, snapshot: ReportSnapshot) -> ReportSnapshot:
    """Compute every table of a snapshot from the database and mark it ready.

    Safe to run twice: the tables are recomputed from the same inputs, and the survey-fed
    indicator values are updated in place, not added again.
    """
    # What the tables depend on is read before the build reads it, so a change meanwhile
    # shows as a change to the nightly job; only the responses and answers come from the
    # build's own count (exactly what it counted; on PostgreSQL its one statement has them:
    # a second pass over the answers would cost as much as the count itself), else they are
    # asked for.
    version = data_version(snapshot, with_answers=False, with_responses=False)
    tables = aggregation.build_tables(snapshot, snapshot.report_progress)
    version["responses"] = getattr(snapshot, "response_version", None) or response_version(snapshot)
    version.update(getattr(snapshot, "answer_version", None) or answer_version(snapshot))
    fingerprint = _fingerprint(snapshot, version)
    with transaction.atomic():
        snapshot.finish(tables, fingerprint)
        _record_indicator_values(snapshot)
    return snapshot


def snapshot_fingerprint(snapshot: ReportSnapshot) -> str:
    """sha256 of the snapshot's inputs and a version of the data they read.

    Equal fingerprints mean a rebuild would give the same tables, so the nightly job skips it.
    """
    return _fingerprint(snapshot, data_version(snapshot))


def _fingerprint(snapshot: ReportSnapshot, version: dict[str, Any]) -> str:
    payload = {"inputs": snapshot.inputs(), "data": version}
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _responses_in_scope(snapshot: ReportSnapshot) -> QuerySet[Response]:
    responses = Response.objects.filter(survey_id=snapshot.survey_id)
    if snapshot.period_start:
        responses = responses.filter(submitted_on__gte=snapshot.period_start)
    if snapshot.period_end:
        responses = responses.filter(submitted_on__lte=snapshot.period_end)
    if snapshot.collection_points:
        responses = responses.filter(collection_point_id__in=snapshot.collection_points)
    return responses


def data_version(
    snapshot: ReportSnapshot, *, with_answers: bool = True, with_responses: bool = True
) -> dict[str, Any]:
    """What changes whenever the tables could: a handful of aggregate queries, no rows.

    Counts catch deletions, maximum ids catch additions, updated_at catches edits. Values of
    survey-fed indicators are left out: the build writes them itself, and counting them
    would make every night's build look changed to the next night.
    """
    district = snapshot.district
    history = IndicatorValue.history.filter(indicator__goal__district=district).exclude(
        indicator__survey_link__isnull=False
    )
    version = {
        "survey": Survey.objects.filter(pk=snapshot.survey_id).values_list("updated_at", flat=True)[
            0
        ],
        "offerings": Offering.objects.for_district(district).aggregate(
            n=Count("pk"), changed=Max("updated_at")
        ),
        "goals": ActionGoal.objects.for_district(district).aggregate(
            n=Count("pk"), changed=Max("updated_at")
        ),
        "indicators": Indicator.objects.for_district(district).aggregate(
            n=Count("pk"), changed=Max("updated_at")
        ),
        "indicator_values": history.aggregate(last=Max("history_id")),
        "resources": Resource.objects.for_district(district).aggregate(
            n=Count("pk"), last=Max("pk")
        ),
        "offering_resources": OfferingResource.objects.filter(
            offering__district=district
        ).aggregate(n=Count("pk"), last=Max("pk")),
        "statistics": AreaIndicatorValue.objects.for_district(district).aggregate(
            n=Count("pk"), last=Max("pk")
        ),
    }
    if with_responses:
        version["responses"] = response_version(snapshot)
    if with_answers:
        version.update(answer_version(snapshot))
    return version


def response_version(snapshot: ReportSnapshot) -> dict[str, Any]:
    """The responses of the snapshot's scope, without its bound: how many, the last id."""
    return _responses_in_scope(snapshot).aggregate(n=Count("pk"), last=Max("pk"))


def answer_version(snapshot: ReportSnapshot) -> dict[str, Any]:
    """The answers and staff tags of the responses a build counts (up to the snapshot's last
    response once it has one): two aggregate queries. The counting statement on PostgreSQL
    (reports.aggregation.onepass) returns the same figures from its own pass."""
    answers = Answer.objects.filter(response__in=responses_counted(snapshot).values("pk"))
    return {
        "answers": answers.aggregate(n=Count("pk"), last=Max("pk")),
        "tags": Answer.tags.through.objects.filter(answer__in=answers.values("pk")).count(),
    }


def _record_indicator_values(snapshot: ReportSnapshot) -> list[IndicatorValue]:
    """Hand each survey-fed indicator its new value (goals owns the write).

    Only snapshots over all collection points speak for the district; a snapshot of one
    collection point would put a partial value on the district's curve.
    """
    if snapshot.collection_points:
        return []
    rows = [
        (series["id"], series["from_survey"]["value"])
        for series in snapshot.tables.get("indicators", [])
        if isinstance(series.get("from_survey"), dict)
        and series["from_survey"].get("value") is not None
    ]
    if not rows:
        return []
    meta = snapshot.tables.get("meta", {})
    measured_on = _measured_on(snapshot, meta.get("last_answer_on"))
    title = meta.get("survey_title") or snapshot.survey.title
    # Stored texts are in the district's language (German), whoever asked for the build.
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Survey %(title)s, snapshot of %(date)s") % {
            "title": title,
            "date": formats.date_format(measured_on, "SHORT_DATE_FORMAT"),
        }
    indicators = Indicator.objects.for_district(snapshot.district).in_bulk(
        [pk for pk, _value in rows]
    )
    return [
        IndicatorValue.objects.record_survey_value(
            indicator=indicators[pk], measured_on=measured_on, value=value, source_note=note
        )
        for pk, value in rows
        if pk in indicators
    ]


def _measured_on(snapshot: ReportSnapshot, last_answer_on: str | None) -> datetime.date:
    """The day the answers reach up to, so a rebuild of the same answers lands on the same day."""
    if last_answer_on:
        return datetime.date.fromisoformat(last_answer_on)
    return snapshot.period_end or timezone.localdate(snapshot.finished_at)


def snapshots_rebuild_open_surveys() -> list[ReportSnapshot]:
    """The nightly job: a fresh snapshot of every open survey whose data changed.

    Idempotent: a survey whose whole-survey inputs and data match a ready snapshot is
    skipped, and an identical request still in the queue is reused.
    """
    requested = []
    for survey in Survey.objects.filter(status=Survey.Status.OPEN).select_related("district"):
        nightly = ReportSnapshot(
            district=survey.district,
            survey=survey,
            kind=ReportSnapshot.Kind.NIGHTLY,
            min_group_size=effective_min_group_size(survey),
        )
        current = snapshot_fingerprint(nightly)
        if ReportSnapshot.objects.ready().filter(survey=survey, fingerprint=current).exists():
            continue
        requested.append(snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.NIGHTLY))
    return requested


# --- step 5: a decision's workflow reaches the offerings it changes ----------------------


def decision_saved(decision: Decision) -> None:
    """The findings that prompted a decision are decided now (unless already settled)."""
    decision.findings.filter(status__in=[Finding.Status.OPEN, Finding.Status.DISCUSSED]).update(
        status=Finding.Status.DECIDED, updated_at=timezone.now()
    )


@transaction.atomic
def decision_progress(decision: Decision) -> None:
    """Save where the decision stands; done, it writes a dated change on each offering it
    changes (offerings' own model, one row per offering and decision, so saving twice adds
    nothing); moved back from done, those rows go again."""
    decision.save()
    source = f"decision:{decision.pk}"
    if decision.status == Decision.Status.DONE and decision.done_on:
        for offering in decision.offerings.all():
            OfferingAdaptation.objects.record(
                offering=offering,
                changed_on=decision.done_on,
                kind=decision.kind,
                text=decision.title,
                source=source,
            )
        OfferingAdaptation.objects.filter(source=source).exclude(
            offering__in=decision.offerings.all()
        ).delete()
    else:
        OfferingAdaptation.objects.filter(source=source).delete()
