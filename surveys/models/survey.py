from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.languages import GERMAN, SurveyLanguage, language_choices
from surveys.languages import get as get_language
from surveys.models.structure import StructureModel, SurveyTranslationQuerySet
from surveys.signals import survey_closed


class SurveyQuerySet(models.QuerySet["Survey"]):
    def for_district(self, district: object) -> SurveyQuerySet:
        return self.filter(district=district)

    def accepting(self, today: datetime.date) -> SurveyQuerySet:
        """Open surveys whose period covers `today` (the same rule as Survey.accepts_responses)."""
        return self.filter(status=Survey.Status.OPEN).filter(
            models.Q(opens_on__isnull=True) | models.Q(opens_on__lte=today),
            models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=today),
        )


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    # Which status may follow which: coordinators open, close, reopen and archive.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.DRAFT: (Status.OPEN,),
        Status.OPEN: (Status.CLOSED,),
        Status.CLOSED: (Status.OPEN, Status.ARCHIVED),
        Status.ARCHIVED: (),
    }

    district = models.ForeignKey(
        "districts.District", models.PROTECT, related_name="surveys", verbose_name=_("district")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("Families see this title. Write it in plain German (Einfache Sprache)."),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few plain sentences before the first question: what the survey is about."),
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size for reports"),
        default=5,
        validators=[MinValueValidator(5)],
        help_text=_("Results of smaller groups are never shown, so no family can be recognised."),
    )
    languages = models.JSONField(
        _("languages offered"),
        default=list,
        blank=True,
        help_text=_("German is always offered. Missing translations are shown in German."),
    )
    requires_access_code = models.BooleanField(
        _("one-time access codes required"),
        default=False,
        help_text=_("Each family needs a code from a printed slip; every code works once."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # New whenever pages, questions, options or translations change (surveys/models/structure.py).
    structure_version = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The survey cannot close before it opens.")})
        unknown = [code for code in self.languages or [] if code not in dict(language_choices())]
        if unknown:
            raise ValidationError({"languages": _("Unknown language: %s") % ", ".join(unknown)})

    @property
    def language_codes(self) -> list[str]:
        """German first, then the chosen languages in the order of the language list."""
        chosen = set(self.languages or [])
        return [code for code, _name in language_choices() if code == GERMAN or code in chosen]

    @property
    def offered_languages(self) -> list[SurveyLanguage]:
        return [get_language(code) for code in self.language_codes]

    @property
    def translated_codes(self) -> list[str]:
        return [code for code in self.language_codes if code != GERMAN]

    def offers(self, code: str) -> bool:
        return code in self.language_codes

    def accepts_responses(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == self.Status.OPEN
            and (self.opens_on is None or self.opens_on <= today)
            and (self.closes_on is None or today <= self.closes_on)
        )

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    def move_to(self, status: str) -> None:
        """Change the status along TRANSITIONS; opening needs at least one question."""
        if not self.can_move_to(status):
            raise ValidationError(_("This change of status is not possible."))
        if status == self.Status.OPEN and not self.questions.exists():
            raise ValidationError(_("A survey needs at least one question before it opens."))
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        if status == self.Status.CLOSED:
            survey_closed.send(sender=Survey, survey=self)

    @property
    def structure_locked(self) -> bool:
        """Once families have answered, questions and options stay as they were answered.

        Texts and translations can still be corrected.
        """
        return self.responses.exists()


class SurveyTranslation(StructureModel):
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=language_choices())
    title = models.CharField(_("title"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)

    objects = SurveyTranslationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "language"], name="survey_translation_once")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"
