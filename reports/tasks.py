"""Celery tasks of the reports app: build one snapshot, rebuild open surveys at night."""

from __future__ import annotations

import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.utils import translation
from django.utils.translation import gettext as _

from mitwirkung.mail import MAIL_ERRORS, send_templated_mail
from reports import services
from reports.models import FindingComment, ReportSnapshot

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Below the global limits (settings.CELERY_TASK_*_TIME_LIMIT): a 100,000-response survey
# builds in seconds, so ten minutes means something is wrong, and the row says so.
SOFT_TIME_LIMIT = 10 * 60
TIME_LIMIT = SOFT_TIME_LIMIT + 60


@shared_task(
    bind=True,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
)
def build_snapshot(self: Task, snapshot_id: int) -> int:
    """Build the pending snapshot `snapshot_id`; a row not pending is left alone.

    The conditional UPDATE in claim() is the lock: a second delivery, a second worker or a
    second call finds the row running, ready or failed and returns, so one request gives
    one result. Database errors are retried with backoff (the row goes back to pending so
    the retry can claim it); anything else, and the last failed retry, end as failed with a
    reason a coordinator can read. The traceback goes to the log, never to the page.
    """
    snapshot = (
        ReportSnapshot.objects.select_related("district", "survey").filter(pk=snapshot_id).first()
    )
    if snapshot is None or not snapshot.claim():
        return snapshot_id
    # The reason is stored in the district's language, as the page shows what the row holds.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            services.snapshot_build(snapshot=snapshot)
        except SoftTimeLimitExceeded:
            logger.warning("snapshot %s: soft time limit exceeded", snapshot_id)
            _fail(snapshot, _("The report took too long to build. Please try again later."))
        except DATABASE_ERRORS as exc:
            if self.request.retries >= self.max_retries:
                logger.exception("snapshot %s: database error, giving up", snapshot_id)
                _fail(
                    snapshot,
                    _(
                        "The database could not be reached while the report was built. "
                        "Please try again later."
                    ),
                )
                return snapshot_id
            logger.warning(
                "snapshot %s: %s, retry %s",
                snapshot_id,
                type(exc).__name__,
                self.request.retries + 1,
            )
            _back_to_pending(snapshot_id)
            if self.request.is_eager:
                # No broker (embedded mode): Celery would hand its retry signal to the caller
                # instead of retrying, so retry right here, without the backoff pause.
                return self.apply(args=[snapshot_id], retries=self.request.retries + 1).get()
            raise
        except Exception:
            logger.exception("snapshot %s: build failed", snapshot_id)
            _fail(
                snapshot,
                _(
                    "The report could not be built because of an error in the program. "
                    "The error has been logged; please tell the people who run MitWirkung."
                ),
            )
    return snapshot_id


def _fresh_connection() -> None:
    # After a database error the connection may be unusable; Django opens a new one on the
    # next query. Never inside a transaction (tests, or a caller's atomic block).
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


def _fail(snapshot: ReportSnapshot, reason: str) -> None:
    _fresh_connection()
    snapshot.fail(reason)


def _back_to_pending(snapshot_id: int) -> None:
    """Running → pending, so the retry can claim the row again."""
    _fresh_connection()
    try:
        ReportSnapshot.objects.filter(pk=snapshot_id, status=ReportSnapshot.Status.RUNNING).update(
            status=ReportSnapshot.Status.PENDING, progress=0, progress_step=""
        )
    except DATABASE_ERRORS:
        logger.exception("snapshot %s: could not reset to pending", snapshot_id)


@shared_task
def rebuild_open_surveys() -> list[int]:
    """Nightly (CELERY_BEAT_SCHEDULE): new snapshots for open surveys whose data changed."""
    with translation.override(settings.LANGUAGE_CODE):
        return [snapshot.pk for snapshot in services.snapshots_rebuild_open_surveys()]


# A 20-page report builds in seconds; five minutes means Chromium or WeasyPrint hangs.
DOCUMENT_SOFT_TIME_LIMIT = 5 * 60


@shared_task(soft_time_limit=DOCUMENT_SOFT_TIME_LIMIT, time_limit=DOCUMENT_SOFT_TIME_LIMIT + 60)
def build_document(document_id: int) -> int:
    """Render the pending PDF `document_id` from its snapshot; any other row is left alone.

    Like build_snapshot: claim() is the lock, so a second delivery does nothing. Every error
    ends as failed with a reason in plain words (the page offers to try again; a retry here
    would hold a worker for another Chromium start); the traceback goes to the log.
    """
    from reports.documents.build import build_document_pdf
    from reports.documents.chart_process import ChartsUnavailable
    from reports.models import ReportDocument

    document = (
        ReportDocument.objects.defer("pdf")
        .select_related("snapshot__district", "snapshot__survey")
        .filter(pk=document_id)
        .first()
    )
    if document is None or not document.claim():
        return document_id
    with translation.override(settings.LANGUAGE_CODE):
        try:
            build_document_pdf(document)
        except ChartsUnavailable as exc:
            # Chromium missing, failing or silent: the reason names the cause and the fix.
            logger.warning("document %s: charts unavailable: %s", document_id, exc.reason)
            _fresh_connection()
            document.fail(exc.reason)
        except SoftTimeLimitExceeded:
            logger.warning("document %s: soft time limit exceeded", document_id)
            _fresh_connection()
            document.fail(_("The PDF took too long to build. Please try again later."))
        except Exception:
            logger.exception("document %s: build failed", document_id)
            _fresh_connection()
            document.fail(
                _(
                    "The PDF could not be built because of an error in the program. "
                    "The error has been logged; please tell the people who run MitWirkung."
                )
            )
    return document_id


@shared_task(autoretry_for=(*DATABASE_ERRORS, *MAIL_ERRORS), retry_backoff=True, max_retries=3)
def notify_finding_comment(comment_id: int) -> int:
    """E-mail the members a comment names, once: a notified comment sends nothing again.

    Recipients must still be members of the finding's district; the mail carries the
    finding's title and a link, never the comment's text (mail leaves the system).
    """
    from django.urls import reverse
    from django.utils import timezone

    comment = (
        FindingComment.objects.select_related("finding__district", "author")
        .filter(pk=comment_id, notified_at__isnull=True)
        .first()
    )
    if comment is None:
        return 0
    finding = comment.finding
    recipients = sorted(
        set(
            comment.notify.filter(memberships__district=finding.district, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if recipients:
        path = reverse(
            "reports:finding", kwargs={"district": finding.district.slug, "finding": finding.pk}
        )
        author = comment.author
        with translation.override(settings.LANGUAGE_CODE):
            send_templated_mail(
                "reports/email/finding_comment",
                {
                    "finding": finding,
                    "author": (author.get_full_name() or author.get_username()) if author else "",
                    "url": settings.SITE_URL + path,
                },
                recipients,
                raise_errors=True,
            )
    FindingComment.objects.filter(pk=comment.pk).update(notified_at=timezone.now())
    return len(recipients)
