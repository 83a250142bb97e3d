"""Frozen reach-and-gap snapshots: what a report showed, computed once by a Celery task."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitwirkung.disclosure.cells import DEFAULT_MIN_GROUP_SIZE
from reports.models.background_build import BackgroundBuild


class ReportSnapshotQuerySet(models.QuerySet["ReportSnapshot"]):
    def for_district(self, district: object) -> ReportSnapshotQuerySet:
        return self.filter(district=district)

    def ready(self) -> ReportSnapshotQuerySet:
        return self.filter(status=ReportSnapshot.Status.READY)

    def published(self) -> ReportSnapshotQuerySet:
        """What the public pages show: ready snapshots a coordinator has published."""
        return self.filter(status=ReportSnapshot.Status.READY, published_at__isnull=False)

    def ever_published(self) -> ReportSnapshotQuerySet:
        """Ready snapshots that are or once were public: readers may have kept their files."""
        once = ReportSnapshot.objects.filter(publication_events__action="publish").values("pk")
        return self.filter(status=ReportSnapshot.Status.READY).filter(
            models.Q(published_at__isnull=False) | models.Q(pk__in=once)
        )

    def newest_ready(self) -> ReportSnapshot | None:
        """The newest ready snapshot with its survey's title, for headline numbers; its
        tables come from reports.dashboard.report_for (read once per process)."""
        return (
            self.ready()
            .select_related("survey")
            .only("pk", "survey__id", "survey__title", "requested_at", "finished_at")
            .first()
        )

    def in_progress(self) -> ReportSnapshotQuerySet:
        return self.filter(
            status__in=[ReportSnapshot.Status.PENDING, ReportSnapshot.Status.RUNNING]
        )


class ReportSnapshot(BackgroundBuild):
    """One computation of a survey's reach and gap tables, never changed once ready.

    `tables` holds every number a dashboard, PDF or export shows, already suppressed
    (reports/schema.py describes its shape); pages render from it and never recount.
    A new build makes a new row; `fingerprint` lets the nightly job skip unchanged inputs.
    """

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
    tables = models.JSONField(_("tables"), default=dict, blank=True)
    fingerprint = models.CharField(_("fingerprint of the inputs"), max_length=64, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # The newest response the build counted: an earlier snapshot's exact set of responses,
    # which a later one is protected together with (reports/aggregation/linked.py).
    last_response_id = models.PositiveBigIntegerField(
        _("last response counted"), null=True, blank=True, editable=False
    )
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
    def is_published(self) -> bool:
        return self.published_at is not None

    def not_protected_with(self) -> list[ReportSnapshot]:
        """Reports of the same survey that are or were public but whose numbers this one's
        protection did not take into account: publishing both could give hidden numbers away.
        A report built before protection across reports existed counts while it is public."""
        from reports.schema import TABLES_VERSION

        together = set((self.tables or {}).get("disclosure", {}).get("protected_with", []))
        others = ReportSnapshot.objects.filter(survey_id=self.survey_id).exclude(pk=self.pk)
        out = []
        for other in others.ever_published().order_by("pk").only("pk", "tables", "published_at"):
            legacy = (other.tables or {}).get("version") != TABLES_VERSION
            if (legacy and other.published_at is not None) or (
                not legacy and other.pk not in together
            ):
                out.append(other)
        return out

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
                "last_response_id",
                "status",
                "progress",
                "progress_step",
                "finished_at",
                "failure_reason",
            ]
        )
