"""Frozen reach-and-gap snapshots: what a report showed, computed once by a Celery task."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.suppression import DEFAULT_MIN_GROUP_SIZE


class ReportSnapshotQuerySet(models.QuerySet["ReportSnapshot"]):
    def for_district(self, district: object) -> ReportSnapshotQuerySet:
        return self.filter(district=district)

    def ready(self) -> ReportSnapshotQuerySet:
        return self.filter(status=ReportSnapshot.Status.READY)

    def published(self) -> ReportSnapshotQuerySet:
        """What the public pages show: ready snapshots a coordinator has published."""
        return self.filter(status=ReportSnapshot.Status.READY, published_at__isnull=False)

    def in_progress(self) -> ReportSnapshotQuerySet:
        return self.filter(
            status__in=[ReportSnapshot.Status.PENDING, ReportSnapshot.Status.RUNNING]
        )


class ReportSnapshot(models.Model):
    """One computation of a survey's reach and gap tables, never changed once ready.

    `tables` holds every number a dashboard, PDF or export shows, already suppressed
    (reports/schema.py describes its shape); pages render from it and never recount.
    A new build makes a new row; `fingerprint` lets the nightly job skip unchanged inputs.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        MANUAL = "manual", _("Built on request")
        NIGHTLY = "nightly", _("Nightly update")
        FINAL = "final", _("Final report (survey closed)")

    district = models.ForeignKey(
        "districts.District",
        models.PROTECT,
        related_name="report_snapshots",
        verbose_name=_("district"),
    )
    survey = models.ForeignKey(
        "surveys.Survey",
        models.PROTECT,
        related_name="report_snapshots",
        verbose_name=_("survey"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.MANUAL)
    period_start = models.DateField(_("answers from"), null=True, blank=True)
    period_end = models.DateField(_("answers until"), null=True, blank=True)
    collection_points = models.JSONField(
        _("collection points"),
        default=list,
        blank=True,
        help_text=_("Only answers from these collection points; empty for all."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"), default=DEFAULT_MIN_GROUP_SIZE
    )
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    progress_step = models.CharField(_("current step"), max_length=100, blank=True)
    failure_reason = models.CharField(_("reason"), max_length=500, blank=True)
    tables = models.JSONField(_("tables"), default=dict, blank=True)
    fingerprint = models.CharField(_("fingerprint of the inputs"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # The current state only; PublicationEvent keeps who published and withdrew what, when.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = ReportSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")
        indexes = [models.Index(fields=["survey", "status", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def publish(self, *, by: Any) -> Any:
        """Make this ready snapshot public (reports.models.publication.publish)."""
        from reports.models.publication import publish

        return publish(self, by=by)

    def unpublish(self, *, by: Any, reason: str = "") -> Any:
        """Withdraw it from the public pages; the record of publication stays."""
        from reports.models.publication import unpublish

        return unpublish(self, by=by, reason=reason)

    def inputs(self) -> dict[str, Any]:
        """What the numbers depend on besides the data: part of the fingerprint."""
        return {
            "survey": self.survey_id,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "collection_points": sorted(int(pk) for pk in self.collection_points),
            "min_group_size": self.min_group_size,
        }

    def claim(self) -> bool:
        """Pending → running; a conditional UPDATE, so two workers never build one row."""
        claimed = ReportSnapshot.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.RUNNING, started_at=timezone.now(), progress=0
        )
        if claimed:
            self.refresh_from_db()
        return bool(claimed)

    def report_progress(self, percent: int, step: str) -> None:
        self.progress, self.progress_step = max(0, min(100, percent)), step[:100]
        ReportSnapshot.objects.filter(pk=self.pk).update(
            progress=self.progress, progress_step=self.progress_step
        )

    def finish(self, tables: dict[str, Any], fingerprint: str) -> None:
        if self.published_at is not None:
            # Frozen: a published snapshot's numbers never change (a rebuild is a new row).
            raise ValueError(f"snapshot {self.pk} is published and cannot be rebuilt")
        self.tables, self.fingerprint = tables, fingerprint
        self.status, self.progress, self.progress_step = self.Status.READY, 100, ""
        self.finished_at = timezone.now()
        self.failure_reason = ""
        self.save(
            update_fields=[
                "tables",
                "fingerprint",
                "status",
                "progress",
                "progress_step",
                "finished_at",
                "failure_reason",
            ]
        )

    def fail(self, reason: str) -> None:
        self.status, self.failure_reason = self.Status.FAILED, reason[:500]
        self.finished_at = timezone.now()
        ReportSnapshot.objects.filter(pk=self.pk).update(
            status=self.status, failure_reason=self.failure_reason, finished_at=self.finished_at
        )
