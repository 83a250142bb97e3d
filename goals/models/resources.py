"""Resources booked to goals: which resources are available for what?"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from goals.models.goal import ActionGoal


class ResourceQuerySet(models.QuerySet["Resource"]):
    def for_district(self, district: object) -> ResourceQuerySet:
        return self.filter(district=district)


class Resource(models.Model):
    """What is available for a goal: budget per year, staff hours per week, rooms, other."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("Budget (€ per year)")
        STAFF_HOURS = "staff_hours", _("Staff hours per week")
        ROOMS = "rooms", _("Rooms")
        OTHER = "other", _("Other")

    district = models.ForeignKey(
        "districts.District", models.PROTECT, related_name="resources", verbose_name=_("district")
    )
    goal = models.ForeignKey(
        ActionGoal,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("goal"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("€ per year for budgets, hours per week for staff; empty for rooms and other."),
    )
    description = models.CharField(_("description"), max_length=300)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    provider = models.ForeignKey(
        "districts.Stakeholder",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("provided by"),
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "description"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if self.kind in {self.Kind.BUDGET, self.Kind.STAFF_HOURS} and self.amount is None:
            raise ValidationError({"amount": _("Please give the amount.")})
        if self.goal_id and self.district_id and self.goal.district_id != self.district_id:
            raise ValidationError({"goal": _("The goal belongs to another district.")})
