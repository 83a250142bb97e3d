"""The yearly strategy cycle: a district closes one and starts the next.

Goals, offerings, findings and decisions belong to the district, not to a cycle, so they
carry over by themselves; a cycle is a span of dates, and the figures of a closed cycle are
frozen at closing (reports/cycle.py), so comparing with it later compares like with like.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StrategyCycleQuerySet(models.QuerySet["StrategyCycle"]):
    def for_district(self, district: object) -> StrategyCycleQuerySet:
        return self.filter(district=district)

    def current(self) -> StrategyCycle | None:
        return self.filter(closed_on__isnull=True).order_by("-started_on", "-pk").first()


class StrategyCycle(models.Model):
    district = models.ForeignKey(
        "districts.District",
        models.PROTECT,
        related_name="strategy_cycles",
        verbose_name=_("district"),
    )
    title = models.CharField(_("title"), max_length=100)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    # The cycle's figures at closing (reports/cycle.py): reach, goals, decisions.
    summary = models.JSONField(_("figures at closing"), default=dict, blank=True)

    objects = StrategyCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("strategy cycle")
        verbose_name_plural = _("strategy cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(closed_on__isnull=True),
                name="one_open_cycle_per_district",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def end(self) -> datetime.date:
        return self.closed_on or timezone.localdate()
