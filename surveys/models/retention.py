"""The record of what the nightly retention deleted: counts only, never content."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RetentionLogQuerySet(models.QuerySet["RetentionLog"]):
    def for_district(self, district: object) -> RetentionLogQuerySet:
        return self.filter(district=district)


class RetentionLog(models.Model):
    """One deletion by apply_retention in one district (and survey), with how many rows went.

    Privacy rule: the row says what kind of data and how much, never a text or an answer, so
    the log itself holds nothing that the deletion was meant to remove.
    """

    class Kind(models.TextChoices):
        FREE_TEXT = "free_text", _("Free-text answers past the retention period")
        RAW_RESPONSES = "raw", _("Individual answers of a closed survey after its final report")

    district = models.ForeignKey(
        "districts.District",
        models.CASCADE,
        related_name="retention_logs",
        verbose_name=_("district"),
    )
    # SET_NULL: the record of a deletion outlives the survey; the title is kept beside it.
    survey = models.ForeignKey(
        "surveys.Survey",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="retention_logs",
        verbose_name=_("survey"),
    )
    survey_title = models.CharField(_("survey"), max_length=200, blank=True)
    kind = models.CharField(_("what was deleted"), max_length=10, choices=Kind)
    at = models.DateTimeField(_("when"), default=timezone.now)
    responses = models.PositiveIntegerField(_("responses deleted"), default=0)
    answers = models.PositiveIntegerField(_("answers deleted or emptied"), default=0)

    objects = RetentionLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("retention log entry")
        verbose_name_plural = _("retention log")

    def __str__(self) -> str:
        return f"{self.district_id} {self.kind} {self.at:%Y-%m-%d}: {self.responses}/{self.answers}"
