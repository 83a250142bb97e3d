"""Site pages the law expects, editable by the operator, and reports of barriers."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# BITV 2.0 § 7: a reported barrier is answered within a month.
ANSWER_WITHIN = datetime.timedelta(days=30)


class LegalPage(models.Model):
    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy notice")
        IMPRINT = "imprint", _("Imprint")
        EASY_LANGUAGE = "easy-language", _("About this site in Leichte Sprache")

    kind = models.CharField(_("page"), max_length=20, choices=Kind, unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_de = models.TextField(
        _("text (German)"),
        help_text=_(
            "Paragraphs are separated by a blank line. A line starting with ## is a heading, "
            "a line starting with - a list item. Web addresses become links."
        ),
    )
    body_en = models.TextField(_("text (English)"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self) -> str:
        return self.get_kind_display()

    def _in_language(self, german: str, english: str) -> str:
        # German is the binding text; English is shown where it exists.
        if translation.get_language() == "en" and english.strip():
            return english
        return german

    @property
    def title(self) -> str:
        return self._in_language(self.title_de, self.title_en)

    @property
    def body(self) -> str:
        return self._in_language(self.body_de, self.body_en)


class BarrierReportQuerySet(models.QuerySet["BarrierReport"]):
    def for_user(self, user: AbstractBaseUser | AnonymousUser) -> BarrierReportQuerySet:
        """Superusers see every report; coordinators those about their districts."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            district__memberships__user=user, district__memberships__role="coordinator"
        ).distinct()

    def open(self) -> BarrierReportQuerySet:
        return self.filter(status=BarrierReport.Status.OPEN)

    def due_by(self, day: datetime.date) -> BarrierReportQuerySet:
        return self.open().filter(received_on__lte=day - ANSWER_WITHIN)

    def needing_reminder(self, today: datetime.date) -> BarrierReportQuerySet:
        """Open reports within a week of their deadline, not yet reminded today."""
        return self.due_by(today + datetime.timedelta(days=7)).filter(
            Q(reminded_on__isnull=True) | Q(reminded_on__lt=today)
        )


class BarrierReport(models.Model):
    """Someone tells us what they could not use. Stores only what they chose to give."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")

    district = models.ForeignKey(
        "districts.District",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="barrier_reports",
        verbose_name=_("district concerned"),
    )
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    description = models.TextField(_("what did not work"), max_length=5000)
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address for the answer"), blank=True)
    # Date only: a report is personal data and needs no exact time.
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        ordering = ["status", "received_on", "pk"]
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")

    def __str__(self) -> str:
        return _("Barrier report of %(date)s") % {"date": self.received_on.isoformat()}

    @property
    def answer_due_on(self) -> datetime.date:
        return self.received_on + ANSWER_WITHIN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and today > self.answer_due_on

    def record_answer(self, *, text: str, by: AbstractBaseUser) -> None:
        self.answer = text
        self.status = self.Status.ANSWERED
        self.answered_on = timezone.localdate()
        self.answered_by = by  # type: ignore[assignment]
        self.save(update_fields=["answer", "status", "answered_on", "answered_by"])
