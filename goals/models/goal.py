"""Action goals (Handlungsziele) and impact goals of a district, with a logged status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from goals.models.reference import FieldOfAction, LifePhase, StrategicGoal, TargetGroup

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class GoalQuerySet(models.QuerySet["ActionGoal"]):
    def for_district(self, district: object) -> GoalQuerySet:
        return self.filter(district=district)

    def without_indicators(self) -> GoalQuerySet:
        from goals.models.indicators import Indicator

        return self.filter(~Exists(Indicator.objects.filter(goal=OuterRef("pk"))))

    def with_indicator_count(self) -> GoalQuerySet:
        return self.annotate(indicator_count=Count("indicators", distinct=True))

    def current(self) -> GoalQuerySet:
        """Goals still being worked towards (not dropped)."""
        return self.exclude(status=ActionGoal.Status.DROPPED)


class ActionGoal(models.Model):
    class Kind(models.TextChoices):
        IMPACT = "impact", _("Impact goal")
        ACTION = "action", _("Action goal")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        REVISED = "revised", _("Revised")
        DROPPED = "dropped", _("Dropped")

    # Which status may follow which; a revised goal is worked on again.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.DRAFT: (Status.AGREED, Status.DROPPED),
        Status.AGREED: (Status.IN_PROGRESS, Status.REVISED, Status.DROPPED),
        Status.IN_PROGRESS: (Status.ACHIEVED, Status.REVISED, Status.DROPPED),
        Status.REVISED: (Status.AGREED, Status.IN_PROGRESS, Status.DROPPED),
        Status.ACHIEVED: (Status.REVISED,),
        Status.DROPPED: (Status.DRAFT,),
    }

    district = models.ForeignKey(
        "districts.District", models.PROTECT, related_name="goals", verbose_name=_("district")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of goal"), max_length=8, choices=Kind, default=Kind.ACTION)
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_goals",
        verbose_name=_("belongs to impact goal"),
        limit_choices_to={"kind": "impact"},
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, related_name="goals", verbose_name=_("fields of action")
    )
    strategic_goals = models.ManyToManyField(
        StrategicGoal, blank=True, related_name="goals", verbose_name=_("strategic goals of Berlin")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="goals", verbose_name=_("target groups")
    )
    life_phases = models.ManyToManyField(
        LifePhase, blank=True, related_name="goals", verbose_name=_("life phases")
    )
    areas = models.ManyToManyField(
        "districts.Area",
        blank=True,
        related_name="goals",
        verbose_name=_("planning areas"),
        help_text=_("Leave empty for the whole district."),
    )
    responsible = models.ManyToManyField(
        "districts.Stakeholder",
        blank=True,
        related_name="goals",
        verbose_name=_("responsible stakeholders"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[
            fields_of_action,
            strategic_goals,
            target_groups,
            life_phases,
            areas,
            responsible,
        ]
    )
    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    @property
    def covers_whole_district(self) -> bool:
        return not self.areas.exists()

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.status, ())

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end must not be before the start.")})
        if self.parent_id:
            if self.kind != self.Kind.ACTION:
                raise ValidationError(
                    {"parent": _("Only an action goal can belong to an impact goal.")}
                )
            if self.parent.district_id != self.district_id:
                raise ValidationError({"parent": _("The impact goal belongs to another district.")})
            if self.parent.kind != self.Kind.IMPACT:
                raise ValidationError({"parent": _("Choose an impact goal.")})

    def change_status(self, to: str, *, by: AbstractBaseUser, note: str = "") -> GoalStatusChange:
        """Move to `to` if the workflow allows it, and log who did it and when."""
        if to not in self.allowed_transitions():
            raise ValidationError(
                _("A goal cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.get_status_display(), "to": self.Status(to).label}
            )
        with transaction.atomic():
            change = GoalStatusChange.objects.create(
                goal=self, from_status=self.status, to_status=to, by=by, note=note
            )
            self.status = to
            self.save(update_fields=["status", "updated_at"])
        return change


class GoalStatusChange(models.Model):
    goal = models.ForeignKey(ActionGoal, models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=12, choices=ActionGoal.Status)
    to_status = models.CharField(_("to"), max_length=12, choices=ActionGoal.Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.goal}: {self.from_status} → {self.to_status}"
