"""PDF documents made from a snapshot: the transparency report and the one-page brief."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models.background_build import BackgroundBuild
from reports.models.snapshot import ReportSnapshot


class ReportDocumentQuerySet(models.QuerySet["ReportDocument"]):
    def for_district(self, district: object) -> ReportDocumentQuerySet:
        return self.filter(snapshot__district=district)

    def ready(self) -> ReportDocumentQuerySet:
        return self.filter(status=ReportDocument.Status.READY)

    def without_pdf(self) -> ReportDocumentQuerySet:
        """Lists never need the file itself: it can be a megabyte per row."""
        return self.defer("pdf")


class ReportDocument(BackgroundBuild):
    """One PDF of one snapshot in one language, built by a Celery task.

    The file lives in the database beside its snapshot, so every gunicorn and worker
    process on the one PostgreSQL serves the same bytes without a shared disk. It is made
    only from the snapshot's frozen tables, so rebuilding it cannot change a number.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("Transparency report")
        BRIEF = "brief", _("One-page brief")

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")

    snapshot = models.ForeignKey(
        ReportSnapshot,
        models.CASCADE,
        related_name="documents",
        verbose_name=_("report snapshot"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    language = models.CharField(_("language"), max_length=2, choices=Language, default="de")
    pdf = models.BinaryField(_("PDF file"), blank=True, default=b"")
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    pages = models.PositiveSmallIntegerField(_("pages"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    objects = ReportDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["snapshot", "kind", "language"]
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "kind", "language"], name="one_document_per_kind_and_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.kind}-{self.language} ({self.get_status_display()})"

    @property
    def filename(self) -> str:
        stem = "kurzfassung" if self.kind == self.Kind.BRIEF else "bericht"
        return f"mitwirkung-{stem}-{self.snapshot_id}-{self.language}.pdf"

    def finish(self, pdf: bytes, pages: int) -> None:
        self.pdf, self.size, self.pages = pdf, len(pdf), pages
        self.sha256 = hashlib.sha256(pdf).hexdigest()
        self.status, self.progress, self.progress_step = self.Status.READY, 100, ""
        self.failure_reason, self.finished_at = "", timezone.now()
        self.save(
            update_fields=[
                "pdf",
                "size",
                "pages",
                "sha256",
                "status",
                "progress",
                "progress_step",
                "failure_reason",
                "finished_at",
            ]
        )

    def rerequest(self, *, by: object) -> bool:
        """A failed document → pending again; a ready or running one stays as it is."""
        changed = ReportDocument.objects.filter(pk=self.pk, status=self.Status.FAILED).update(
            status=self.Status.PENDING,
            progress=0,
            progress_step="",
            failure_reason="",
            requested_by=by,
            requested_at=timezone.now(),
        )
        if changed:
            self.refresh_from_db()
        return bool(changed)
