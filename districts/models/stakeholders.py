"""Who is at the table: the organisations of a district and the sector each belongs to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from districts.models.vocabulary import Vocabulary


class Sector(Vocabulary):
    """Youth welfare, health, schools, social services, jobcenter, civil society, politics …"""

    class Meta(Vocabulary.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class StakeholderQuerySet(models.QuerySet["Stakeholder"]):
    def for_district(self, district: object) -> StakeholderQuerySet:
        return self.filter(district=district)


class Stakeholder(models.Model):
    """An organisation taking part in the district strategy. Its contact data is personal data."""

    class Kind(models.TextChoices):
        PUBLIC_OFFICE = "public_office", _("Public office")
        INDEPENDENT_PROVIDER = "independent_provider", _("Independent provider")
        ASSOCIATION = "association", _("Association or initiative")
        SCHOOL = "school", _("School")
        DAYCARE = "daycare", _("Daycare centre")
        HEALTH_SERVICE = "health_service", _("Health service or practice")
        JOBCENTER = "jobcenter", _("Jobcenter")
        POLITICAL_BODY = "political_body", _("Political body")
        OTHER = "other", _("Other")

    class StrategyRole(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steering group")
        CORE_TEAM = "core_team", _("Core team")
        WORKING_GROUP = "working_group", _("Working group")
        IMPLEMENTING_PARTNER = "implementing_partner", _("Implementing partner")
        INFORMED = "informed", _("Kept informed")

    district = models.ForeignKey(
        "districts.District",
        models.CASCADE,
        related_name="stakeholders",
        verbose_name=_("district"),
    )
    name = models.CharField(_("organisation"), max_length=200)
    sector = models.ForeignKey(
        Sector, models.PROTECT, related_name="stakeholders", verbose_name=_("sector")
    )
    kind = models.CharField(_("kind of organisation"), max_length=24, choices=Kind)
    strategy_role = models.CharField(
        _("role in the strategy"),
        max_length=24,
        choices=StrategyRole,
        default=StrategyRole.WORKING_GROUP,
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        ordering = ["sector__position", "name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="stakeholder_name_unique_in_district"
            )
        ]

    def __str__(self) -> str:
        return self.name
