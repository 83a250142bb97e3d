"""Indicators of a goal, their time series, and the turn-the-curve sheet (RBA)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from goals.models.goal import ActionGoal

# An indicator whose newest value is older than this goes on the data development agenda.
STALE_AFTER = datetime.timedelta(days=365)


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def for_district(self, district: object) -> IndicatorQuerySet:
        return self.filter(goal__district=district)

    def with_latest(self) -> IndicatorQuerySet:
        """Annotate the newest value and its date in the query, so lists need no query per row."""
        newest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by(
            "-measured_on", "-pk"
        )
        return self.annotate(
            latest_on=Subquery(newest.values("measured_on")[:1]),
            latest_value=Subquery(newest.values("value")[:1]),
        )

    def of_current_action_goals(self) -> IndicatorQuerySet:
        return self.filter(goal__kind=ActionGoal.Kind.ACTION).exclude(
            goal__status=ActionGoal.Status.DROPPED
        )

    def curve_counts(self) -> Counter[str]:
        """How many stand on track, off track or without data (CurveState keys). One query."""
        return Counter(indicator.state().key for indicator in self.with_latest())

    def stale(self, today: datetime.date) -> IndicatorQuerySet:
        """Indicators without a value in the last year (or none at all)."""
        return self.annotate(newest_on=Max("values__measured_on")).filter(
            Q(newest_on__isnull=True) | Q(newest_on__lt=today - STALE_AFTER)
        )


@dataclass(frozen=True)
class CurveState:
    """On track, off track or no data: where the newest value stands against the target line."""

    key: str  # "on_track" | "off_track" | "no_data"
    label: str
    expected: float | None = None


class Indicator(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        COUNT = "count", pgettext_lazy("unit", "number")
        PEOPLE = "people", _("people")
        EURO = "euro", "€"
        HOURS = "hours", _("hours")
        DAYS = "days", _("days")
        SCORE = "score", _("points")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Kind(models.TextChoices):
        """Results-Based Accountability: population indicator or one of three performance measures."""

        POPULATION = "population", _("Population indicator")
        HOW_MUCH = "how_much", _("How much did we do?")
        HOW_WELL = "how_well", _("How well did we do it?")
        BETTER_OFF = "better_off", _("Is anyone better off?")

    class ImpactLevel(models.IntegerChoices):
        """PHINEO impact staircase (Wirkungstreppe): 1–3 output, 4–6 outcome, 7 impact."""

        ACTIVITIES = 1, _("1 Activities take place as planned")
        REACHED = 2, _("2 Target groups are reached")
        ACCEPTED = 3, _("3 Target groups accept the offerings")
        AWARENESS = 4, _("4 Target groups change awareness or skills")
        BEHAVIOUR = 5, _("5 Target groups change their behaviour")
        LIVING_SITUATION = 6, _("6 The living situation of the target groups changes")
        SOCIETY = 7, _("7 Society changes")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        STATISTICS = "statistics", _("Official statistics")
        SURVEY = "survey", _("Family survey")

    goal = models.ForeignKey(
        ActionGoal, models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("name"), max_length=250)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit, default=Unit.PERCENT)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction, default=Direction.HIGHER
    )
    kind = models.CharField(_("kind (RBA)"), max_length=12, choices=Kind, default=Kind.BETTER_OFF)
    impact_level = models.PositiveSmallIntegerField(
        _("level on the impact staircase"), choices=ImpactLevel, default=ImpactLevel.REACHED
    )
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_on = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    target_on = models.DateField(_("target date"), null=True, blank=True)
    source = models.CharField(
        _("data source"), max_length=12, choices=Source, default=Source.MANUAL
    )
    source_note = models.CharField(
        _("source details"), max_length=300, blank=True, help_text=_("e.g. MSS 2023, indicator s4")
    )
    # Turn the curve: the story behind the curve and what works (partners and actions below).
    story = models.TextField(_("story behind the curve"), blank=True)
    what_works = models.TextField(_("what works"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["goal", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def is_percentage(self) -> bool:
        return self.unit == self.Unit.PERCENT

    def validate_value(self, value: float | None, field: str) -> None:
        """Shared by the indicator's own values and its time series."""
        if value is None:
            return
        if self.is_percentage and not 0 <= value <= 100:
            raise ValidationError({field: _("A percentage lies between 0 and 100.")})
        if (
            self.unit
            in {self.Unit.COUNT, self.Unit.PEOPLE, self.Unit.EURO, self.Unit.HOURS, self.Unit.DAYS}
            and value < 0
        ):
            raise ValidationError({field: _("This value cannot be negative.")})

    def clean(self) -> None:
        self.validate_value(self.baseline_value, "baseline_value")
        self.validate_value(self.target_value, "target_value")
        if self.baseline_on and self.target_on and self.target_on <= self.baseline_on:
            raise ValidationError(
                {"target_on": _("The target date must come after the baseline date.")}
            )

    def expected_on(self, day: datetime.date) -> float | None:
        """The value on the straight line from baseline to target on `day`."""
        if None in (self.baseline_value, self.target_value, self.baseline_on, self.target_on):
            return None
        span = (self.target_on - self.baseline_on).days  # type: ignore[operator]
        done = min(max((day - self.baseline_on).days, 0), span)  # type: ignore[operator]
        return self.baseline_value + (self.target_value - self.baseline_value) * done / span  # type: ignore[operator]

    def state(self) -> CurveState:
        """Compare the newest value with the target line.

        Uses the newest value annotated by IndicatorQuerySet.with_latest() when present, so
        lists need no query per indicator; otherwise looks it up.
        """
        if hasattr(self, "latest_on"):
            latest_value, latest_on = self.latest_value, self.latest_on
        else:
            newest = self.values.order_by("-measured_on", "-pk").first()
            latest_value, latest_on = (newest.value, newest.measured_on) if newest else (None, None)
        if latest_on is None or latest_value is None:
            return CurveState("no_data", str(_("No data")))
        expected = self.expected_on(latest_on)
        if expected is None:
            return CurveState("no_data", str(_("No target yet")))
        if self.direction == self.Direction.HIGHER:
            better = latest_value >= expected
        else:
            better = latest_value <= expected
        if better:
            return CurveState("on_track", str(_("On track")), expected)
        return CurveState("off_track", str(_("Off track")), expected)


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def record_survey_value(
        self, *, indicator: Indicator, measured_on: datetime.date, value: float, source_note: str
    ) -> IndicatorValue:
        """The value a report snapshot computed for a survey-fed indicator.

        Keyed by day and source note, so rebuilding the same snapshot updates its value
        instead of adding a second point to the curve.
        """
        recorded, _created = self.update_or_create(
            indicator=indicator,
            measured_on=measured_on,
            source_note=source_note[:300],
            defaults={"value": value},
        )
        return recorded


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    measured_on = models.DateField(_("date"))
    value = models.FloatField(_("value"))
    source_note = models.CharField(_("source"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)

    history = HistoricalRecords()
    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["measured_on", "pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"

    def clean(self) -> None:
        if self.indicator_id:
            self.indicator.validate_value(self.value, "value")


class CurvePartner(models.Model):
    """A partner with a role in turning the curve of one indicator."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="partners")
    stakeholder = models.ForeignKey(
        "districts.Stakeholder",
        models.CASCADE,
        related_name="curve_roles",
        verbose_name=_("partner"),
    )
    role = models.CharField(_("role"), max_length=300)

    class Meta:
        ordering = ["stakeholder__name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "stakeholder"], name="one_role_per_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder}: {self.role}"


class CurveAction(models.Model):
    """What will be done to turn the curve: what, who, by when, status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="actions")
    what = models.CharField(_("what"), max_length=300)
    who = models.ForeignKey(
        "districts.Stakeholder",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="curve_actions",
        verbose_name=_("who"),
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.what
