from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone, translation

from districts.models import Membership
from mitwirkung.legal.models import BarrierReport
from mitwirkung.mail import MAIL_ERRORS, send_templated_mail


def _recipients(report: BarrierReport) -> list[str]:
    emails = set()
    if settings.BARRIER_FEEDBACK_EMAIL:
        emails.add(settings.BARRIER_FEEDBACK_EMAIL)
    if report.district_id:
        emails.update(
            Membership.objects.for_district(report.district)  # type: ignore[arg-type]
            .coordinators()
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    return sorted(emails)


@shared_task(autoretry_for=(OperationalError, *MAIL_ERRORS), retry_backoff=True, max_retries=3)
def notify_new_barrier_report(report_id: int) -> int:
    """Tell the people who answer that a barrier was reported. Sends nothing for a gone report."""
    report = BarrierReport.objects.select_related("district").filter(pk=report_id).first()
    if report is None:
        return 0
    recipients = _recipients(report)
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            send_templated_mail(
                "legal/email/new_report", {"report": report}, recipients, raise_errors=True
            )
    return len(recipients)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def remind_due_barrier_reports() -> int:
    """Daily: remind about open reports near or past the one-month deadline, once a day each."""
    today = timezone.localdate()
    reminded = 0
    for report in BarrierReport.objects.needing_reminder(today).select_related("district"):
        # The conditional update makes a second run on the same day send nothing.
        claimed = (
            BarrierReport.objects.needing_reminder(today)
            .filter(pk=report.pk)
            .update(reminded_on=today)
        )
        recipients = _recipients(report)
        if not claimed or not recipients:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            send_templated_mail(
                "legal/email/reminder", {"report": report}, recipients, raise_errors=True
            )
        reminded += 1
    return reminded
