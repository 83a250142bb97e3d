from __future__ import annotations

import datetime

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from surveys.languages import language_choices
from surveys.models.collection import CollectionPoint
from surveys.models.questions import Option, Question
from surveys.models.survey import Survey


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_district(self, district: object) -> ResponseQuerySet:
        return self.filter(survey__district=district)

    def create_with_answers(self, response: Response, answers: list[Answer]) -> Response:
        """Store an unsaved response and its unsaved answers; call inside a transaction.

        On PostgreSQL one prepared statement writes both (surveys/models/response_writes.py):
        a family's send is the busiest write there is. Elsewhere the ORM does it.
        """
        if connection.vendor != "postgresql":
            response.save(force_insert=True, using=self.db)
            for answer in answers:
                answer.response = response
            Answer.objects.using(self.db).bulk_create(answers)
            return response
        from surveys.models.response_writes import insert_response_with_answers

        response.pk = insert_response_with_answers(response, answers)
        response._state.adding = False
        response._state.db = self.db
        return response


class Response(models.Model):
    """One family's anonymous answers.

    Privacy rule: only the answers, the collection point, the language, the channel and
    the date — never an IP address, user agent, session or cookie id, account or time of
    day. tests/surveys/test_family_privacy.py holds the allowed columns.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online (own phone)")
        TABLET = "tablet", _("Tablet at the offering")
        PAPER = "paper", _("Paper questionnaire")

    survey = models.ForeignKey(Survey, models.PROTECT, related_name="responses")
    collection_point = models.ForeignKey(
        CollectionPoint,
        models.PROTECT,
        related_name="responses",
        verbose_name=_("collection point"),
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices())
    channel = models.CharField(_("channel"), max_length=8, choices=Channel, default=Channel.ONLINE)
    submitted_on = models.DateField(_("date"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "submitted_on"])]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk} ({self.submitted_on})"


class FreeTextTag(models.Model):
    """A small code list per survey for reading free-text answers."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="free_text_tags")
    name = models.CharField(_("tag"), max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["survey", "name"], name="tag_once")]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class AnswerQuerySet(models.QuerySet["Answer"]):
    def for_district(self, district: object) -> AnswerQuerySet:
        return self.filter(response__survey__district=district)

    def with_free_text(self) -> AnswerQuerySet:
        return self.exclude(text="")

    def submitted_before(self, day: datetime.date) -> AnswerQuerySet:
        """Answers of responses sent before `day`: a response stores its date, never a time."""
        return self.filter(response__submitted_on__lt=day)


class Answer(models.Model):
    """One answer of a response: an option (one row per chosen option), a number or a text.

    A text can sit beside an option ("something else: …")."""

    response = models.ForeignKey(Response, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.PROTECT, related_name="answers")
    option = models.ForeignKey(
        Option, models.PROTECT, null=True, blank=True, related_name="answers"
    )
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_reviewed = models.BooleanField(_("read by staff"), default=False)
    tags = models.ManyToManyField(FreeTextTag, blank=True, related_name="answers")

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option_id or self.number or self.text[:40]}"

    def delete_free_text(self) -> None:
        """Staff remove a free text (for example one with a name in it); a chosen option stays."""
        if self.option_id is None and self.number is None:
            self.delete()
            return
        self.text = ""
        self.text_reviewed = False
        self.save(update_fields=["text", "text_reviewed"])
        self.tags.clear()
