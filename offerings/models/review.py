"""Changes a provider proposes to a published offering, waiting for the coordinator's review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offerings.models.offering import Offering

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Fields a proposed change may carry: the offering's own fields and its lists (as id lists).
SCALAR_FIELDS = [
    "name",
    "description",
    "category_id",
    "sector_id",
    "provider_type",
    "age_from",
    "age_to",
    "cost",
    "step_free",
    "childcare",
    "interpreters",
    "plain_language",
    "opening_times",
    "capacity_per_month",
    "reached_per_month",
    "is_district_wide",
    "is_mobile",
    "status",
    "starts_on",
    "ends_on",
]
LIST_FIELDS = ["fields_of_action", "target_groups", "life_phases", "languages", "outreach_channels"]


class OfferingChangeQuerySet(models.QuerySet["OfferingChange"]):
    def for_district(self, district: object) -> OfferingChangeQuerySet:
        return self.filter(offering__district=district)

    def pending(self) -> OfferingChangeQuerySet:
        return self.filter(status=OfferingChange.Status.PENDING)


class OfferingChange(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    offering = models.ForeignKey(Offering, models.CASCADE, related_name="changes")
    # JSON of SCALAR_FIELDS (dates as ISO strings) and LIST_FIELDS (lists of ids).
    data = models.JSONField(_("proposed values"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    submitted_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    review_note = models.CharField(_("note"), max_length=500, blank=True)

    objects = OfferingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")

    def __str__(self) -> str:
        return f"{self.offering}: {self.get_status_display()}"

    @staticmethod
    def serialise(cleaned_data: dict[str, Any]) -> dict[str, Any]:
        """What a form cleaned, in the JSON shape `data` keeps."""
        data: dict[str, Any] = {}
        for name in SCALAR_FIELDS:
            key = name.removesuffix("_id")
            if key not in cleaned_data:
                continue
            value = cleaned_data[key]
            if hasattr(value, "pk"):
                value = value.pk
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            data[name] = value
        for name in LIST_FIELDS:
            if name in cleaned_data:
                data[name] = sorted(obj.pk for obj in cleaned_data[name])
        return data

    def approve(self, *, by: AbstractBaseUser, note: str = "") -> Offering:
        """Apply the proposed values to the offering and publish it."""
        offering = self.offering
        with transaction.atomic():
            for name in SCALAR_FIELDS:
                if name in self.data:
                    field = Offering._meta.get_field(name.removesuffix("_id"))
                    setattr(offering, name, field.to_python(self.data[name]))
            offering.review_status = Offering.ReviewStatus.PUBLISHED
            offering.last_confirmed_on = timezone.localdate()
            offering.save()
            for name in LIST_FIELDS:
                if name in self.data:
                    getattr(offering, name).set(self.data[name])
            self._close(self.Status.APPROVED, by, note)
        return offering

    def reject(self, *, by: AbstractBaseUser, note: str = "") -> None:
        self._close(self.Status.REJECTED, by, note)

    def _close(self, status: str, by: AbstractBaseUser, note: str) -> None:
        self.status = status
        self.reviewed_by = by  # type: ignore[assignment]
        self.reviewed_at = timezone.now()
        self.review_note = note
        self.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
