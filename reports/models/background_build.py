"""What every row that a Celery task builds carries: its state, progress, who asked, when."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitwirkung.light_commit import light_write


class BackgroundBuild(models.Model):
    """Pending → running → ready or failed, with a progress the status page polls.

    The conditional UPDATE in claim() is the lock that lets a task run twice (a second
    delivery, a second worker) and still build one result.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    progress_step = models.CharField(_("current step"), max_length=100, blank=True)
    failure_reason = models.CharField(_("reason"), max_length=500, blank=True)
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

    class Meta:
        abstract = True

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    def _rows(self) -> models.QuerySet:
        return type(self)._default_manager.filter(pk=self.pk)

    def claim(self) -> bool:
        """Pending → running; a conditional UPDATE, so two workers never build one row."""
        claimed = (
            self._rows()
            .filter(status=self.Status.PENDING)
            .update(status=self.Status.RUNNING, started_at=timezone.now(), progress=0)
        )
        if claimed:
            self.refresh_from_db(fields=["status", "started_at", "progress"])
        return bool(claimed)

    def report_progress(self, percent: int, step: str) -> None:
        """A progress the status page shows, written without waiting for the disk: a build
        reports it some ten times, and a step lost in a database crash is lost with the build
        itself (mitwirkung/light_commit.py)."""
        self.progress, self.progress_step = max(0, min(100, percent)), step[:100]
        meta, qn = self._meta, connection.ops.quote_name
        light_write(
            f"UPDATE {qn(meta.db_table)} SET {qn(meta.get_field('progress').column)} = %s, "
            f"{qn(meta.get_field('progress_step').column)} = %s WHERE {qn(meta.pk.column)} = %s",
            [self.progress, self.progress_step, self.pk],
        )

    def fail(self, reason: str) -> None:
        self.status, self.failure_reason = self.Status.FAILED, reason[:500]
        self.finished_at = timezone.now()
        self._rows().update(
            status=self.status, failure_reason=self.failure_reason, finished_at=self.finished_at
        )
