"""Step 5 of the strategy cycle: findings from what families said, and the decisions
(Anpassungen) that change offerings and structures because of them.

A finding made from a report item keeps its snapshot and the item's figures as they were
shown (already protected), so it still shows the numbers it was made from after newer
snapshots, and even if the snapshot is deleted. Comments are internal; only the findings
and decisions a coordinator marks public reach a published report.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from offerings.models import ChangeKind
from reports.models.snapshot import ReportSnapshot


class FindingQuerySet(models.QuerySet["Finding"]):
    def for_district(self, district: object) -> FindingQuerySet:
        return self.filter(district=district)

    def waiting(self) -> FindingQuerySet:
        """Open or discussed, and no decision yet: what step 5 has still to decide on."""
        return self.filter(
            status__in=[Finding.Status.OPEN, Finding.Status.DISCUSSED], decisions__isnull=True
        )

    def public(self) -> FindingQuerySet:
        return self.filter(is_public=True)


class Finding(models.Model):
    """Something the district learnt: from a report item or from a meeting."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DISCUSSED = "discussed", _("discussed")
        DECIDED = "decided", _("decided")
        NO_ACTION = "no_action", _("no action")

    class Priority(models.TextChoices):
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")

    class ItemKind(models.TextChoices):
        FUNNEL = "funnel", _("Reach of an offering")
        BARRIER = "barrier", _("Barrier")
        AREA = "area", _("Planning area with low reach")
        INDICATOR = "indicator", _("Indicator")
        GAP = "gap", _("Gap")
        MISSING = "missing", _("What families miss")
        THEME = "theme", _("Free-text theme")
        MANUAL = "manual", _("Entered by hand")

    district = models.ForeignKey(
        "districts.District", models.PROTECT, related_name="findings", verbose_name=_("district")
    )
    snapshot = models.ForeignKey(
        ReportSnapshot,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("report"),
    )
    item_kind = models.CharField(
        _("made from"), max_length=10, choices=ItemKind, default=ItemKind.MANUAL
    )
    item_key = models.CharField(_("report item"), max_length=120, blank=True)
    # The item's label and figures as the report showed them (reports/finding_items.py).
    item_label = models.CharField(_("item"), max_length=300, blank=True)
    figures = models.JSONField(_("figures"), default=list, blank=True)
    offering = models.ForeignKey(
        "offerings.Offering",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("offering"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where it was said, e.g. “District conference, 12 November”."),
    )
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority, default=Priority.MEDIUM
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    no_action_reason = models.TextField(_("why no action"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown in the next published report. Comments never are."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == self.Status.NO_ACTION and not self.no_action_reason.strip():
            raise ValidationError(
                {"no_action_reason": _("Please say why nothing will be done about it.")}
            )
        if self.item_kind == self.ItemKind.MANUAL and not self.snapshot_id and not self.source:
            raise ValidationError({"source": _("Please name where the finding comes from.")})


class FindingComment(models.Model):
    """The discussion of a finding: internal, never public."""

    finding = models.ForeignKey(
        Finding, models.CASCADE, related_name="comments", verbose_name=_("finding")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=4000)
    notify = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("notify")
    )
    # Set by the mail task once it sent the notice: a retried task sends nothing twice.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class DecisionQuerySet(models.QuerySet["Decision"]):
    def for_district(self, district: object) -> DecisionQuerySet:
        return self.filter(district=district)

    def open(self) -> DecisionQuerySet:
        return self.filter(status__in=[Decision.Status.PLANNED, Decision.Status.IN_PROGRESS])

    def overdue(self, today: datetime.date | None = None) -> DecisionQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_soon(self, today: datetime.date | None = None, days: int = 14) -> DecisionQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(
            due_on__gte=today, due_on__lte=today + datetime.timedelta(days=days)
        )

    def done(self) -> DecisionQuerySet:
        return self.filter(status=Decision.Status.DONE)

    def public(self) -> DecisionQuerySet:
        return self.filter(is_public=True)


class Decision(models.Model):
    """An Anpassung: what changes, who does it by when, and with what."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DISCARDED = "discarded", _("discarded")

    Kind = ChangeKind

    class Group(models.TextChoices):
        """Groups whose figures the evidence compares (the report's filter views)."""

        WITH_BENEFITS = "with_benefits", _("Households with benefits")
        SINGLE_PARENT = "single_parent", _("Single parents")
        MANY_CHILDREN = "many_children", _("Three or more children")

    district = models.ForeignKey(
        "districts.District", models.PROTECT, related_name="decisions", verbose_name=_("district")
    )
    title = models.CharField(
        _("what changes"),
        max_length=200,
        help_text=_(
            "One sentence, e.g. “Family centre X offers an Arabic-speaking consultation on "
            "Saturdays”."
        ),
    )
    description = models.TextField(_("details"), blank=True)
    kind = models.CharField(_("kind of change"), max_length=16, choices=ChangeKind)
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="decisions", verbose_name=_("prompted by")
    )
    offerings = models.ManyToManyField(
        "offerings.Offering", blank=True, related_name="decisions", verbose_name=_("offerings")
    )
    goals = models.ManyToManyField(
        "goals.ActionGoal", blank=True, related_name="decisions", verbose_name=_("goals")
    )
    structure = models.CharField(
        _("structure"),
        max_length=200,
        blank=True,
        help_text=_("A change beyond single offerings, e.g. a new cooperation agreement."),
    )
    areas = models.ManyToManyField(
        "districts.Area", blank=True, related_name="decisions", verbose_name=_("planning areas")
    )
    groups = models.JSONField(_("groups"), default=list, blank=True)
    stakeholder = models.ForeignKey(
        "districts.Stakeholder",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("responsible organisation"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    resources = models.ManyToManyField(
        "goals.Resource", blank=True, related_name="decisions", verbose_name=_("resources")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    discarded_on = models.DateField(_("discarded on"), null=True, blank=True)
    discard_reason = models.TextField(_("why discarded"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown with its evidence in the next published report."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.PLANNED, self.Status.IN_PROGRESS}

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < (today or timezone.localdate()))

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.status == self.Status.DONE and not self.done_on:
            errors["done_on"] = _("Please give the date it was done.")
        if self.status == self.Status.DISCARDED and not self.discard_reason.strip():
            errors["discard_reason"] = _("Please say why it was discarded.")
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = _("The date lies in the future.")
        if self.started_on and self.done_on and self.done_on < self.started_on:
            errors["done_on"] = _("It cannot be done before it started.")
        bad = {g for g in self.groups or [] if g not in dict(group_choices())}
        if bad:
            errors["groups"] = _("Unknown group.")
        if errors:
            raise ValidationError(errors)

    def group_labels(self) -> list[str]:
        labels = dict(group_choices())
        return [str(labels[g]) for g in self.groups or [] if g in labels]


def group_choices() -> list[tuple[str, Any]]:
    """The report views a decision can compare: groups, and families who answered in a
    language other than German (the report's "language:<code>" views)."""
    from surveys.languages import GERMAN, SURVEY_LANGUAGES

    languages = [
        (f"language:{language.code}", _("Answered in %(language)s") % {"language": language.name})
        for language in SURVEY_LANGUAGES
        if language.code != GERMAN
    ]
    return [*Decision.Group.choices, *languages]
