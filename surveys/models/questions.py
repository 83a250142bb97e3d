from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.languages import language_choices
from surveys.models.structure import (
    OptionQuerySet,
    OptionTranslationQuerySet,
    PageQuerySet,
    PageTranslationQuerySet,
    QuestionTranslationQuerySet,
    StructureModel,
    StructureQuerySet,
)
from surveys.models.survey import Survey

TEXT_MAX_LENGTH = 500


class Page(StructureModel):
    """A group of questions the family sees on one screen."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="pages")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title or str(_("Page %(number)s") % {"number": self.position + 1})


class QuestionQuerySet(StructureQuerySet):
    def for_district(self, district: object) -> QuestionQuerySet:
        return self.filter(survey__district=district)


class Question(StructureModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale (5 steps)")
        YES_NO = "yes_no", _("Yes / no / don't know")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Short free text")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.YES_NO)
    # Options of these kinds are fixed by the kind; the builder creates them.
    FIXED_OPTION_KINDS = (Kind.SCALE, Kind.YES_NO)

    class Block(models.TextChoices):
        NONE = "", _("own question")
        REACH = "reach", _("Reach of an offering")
        FAMILY = "family", _("About your family")
        MISSING = "missing", _("What is missing?")

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="questions")
    page = models.ForeignKey(Page, models.CASCADE, related_name="questions", verbose_name=_("page"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.SINGLE)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    show_if_option = models.ForeignKey(
        "surveys.Option",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependent_questions",
        verbose_name=_("show only if this answer was given"),
        help_text=_("An answer to a question on an earlier page."),
    )
    # Where a ready-made block created the question, so reports can find reach questions.
    block = models.CharField(
        _("block"), max_length=10, choices=Block, default=Block.NONE, blank=True
    )
    block_key = models.CharField(_("block part"), max_length=30, blank=True)
    offering = models.ForeignKey(
        "offerings.Offering",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_questions",
        verbose_name=_("offering"),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["page__position", "page_id", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    @property
    def is_multiple(self) -> bool:
        return self.kind == self.Kind.MULTIPLE

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == self.Kind.NUMBER:
            if self.min_value is None or self.max_value is None:
                errors["max_value"] = _("A number question needs a smallest and a largest number.")
            elif self.max_value < self.min_value:
                errors["max_value"] = _("The largest number must not be smaller than the smallest.")
        condition = self.show_if_option
        if condition is not None and self.page_id is not None:
            other = condition.question
            if other.survey_id != self.survey_id:
                errors["show_if_option"] = _("The condition must be an answer of this survey.")
            elif other.page.position >= self.page.position or other.page_id == self.page_id:
                # Without JavaScript a page cannot react to answers on itself.
                errors["show_if_option"] = _("The condition must be a question on an earlier page.")
        if errors:
            raise ValidationError(errors)


class Option(StructureModel):
    question = models.ForeignKey(Question, models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("answer"), max_length=300)
    code = models.SlugField(_("code"), max_length=40, blank=True)
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    is_other = models.BooleanField(
        _("asks for a short text"), default=False, help_text=_("For example “something else”.")
    )
    is_exclusive = models.BooleanField(
        _("cannot be combined"),
        default=False,
        help_text=_("For example “none of these” in a multiple choice question."),
    )
    area = models.ForeignKey(
        "districts.Area", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OptionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self) -> str:
        return self.text


class Translation(StructureModel):
    language = models.CharField(_("language"), max_length=8, choices=language_choices())

    class Meta:
        abstract = True


class PageTranslation(Translation):
    page = models.ForeignKey(Page, models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)

    objects = PageTranslationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="page_translation_once")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"


class QuestionTranslation(Translation):
    question = models.ForeignKey(Question, models.CASCADE, related_name="translations")
    text = models.CharField(_("question"), max_length=300, blank=True)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)

    objects = QuestionTranslationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="question_translation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text}"


class OptionTranslation(Translation):
    option = models.ForeignKey(Option, models.CASCADE, related_name="translations")
    text = models.CharField(_("answer"), max_length=300, blank=True)

    objects = OptionTranslationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "language"], name="option_translation_once")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text}"


class IndicatorLink(models.Model):
    """A survey question that feeds a goal indicator: the share of respondents who chose
    one of `options` among all who answered the question (computed by the reports app)."""

    indicator = models.OneToOneField(
        "goals.Indicator",
        models.CASCADE,
        related_name="survey_link",
        verbose_name=_("indicator"),
    )
    question = models.ForeignKey(
        Question, models.CASCADE, related_name="indicator_links", verbose_name=_("question")
    )
    options = models.ManyToManyField(
        Option,
        related_name="+",
        verbose_name=_("answers that count"),
    )

    class Meta:
        verbose_name = _("link to an indicator")
        verbose_name_plural = _("links to indicators")

    def __str__(self) -> str:
        return f"{self.question} → {self.indicator}"
