"""A survey's texts in one language, falling back to German where a translation is missing.

Loads every translation of the survey in one query per kind of text, so a page of the
family form or the builder needs no query per question.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from surveys.family_cache import survey_entry
from surveys.languages import GERMAN
from surveys.models import (
    Option,
    OptionTranslation,
    Page,
    PageTranslation,
    Question,
    QuestionTranslation,
    Survey,
    SurveyTranslation,
)


@dataclass(frozen=True)
class TextParts:
    """A survey's translations into one language, as SurveyTexts reads them."""

    survey: dict[str, str]
    pages: dict[int, PageTranslation]
    questions: dict[int, QuestionTranslation]
    options: dict[int, str]

    @classmethod
    def load(cls, survey: Survey, code: str) -> TextParts:
        row = SurveyTranslation.objects.filter(survey=survey, language=code).first()
        return cls(
            survey={"title": row.title, "intro": row.intro} if row else {},
            pages={
                t.page_id: t
                for t in PageTranslation.objects.filter(page__survey=survey, language=code)
            },
            questions={
                t.question_id: t
                for t in QuestionTranslation.objects.filter(question__survey=survey, language=code)
            },
            options=dict(
                OptionTranslation.objects.filter(
                    option__question__survey=survey, language=code
                ).values_list("option_id", "text")
            ),
        )


class SurveyTexts:
    def __init__(self, survey: Survey, language: str, *, parts: TextParts | None = None) -> None:
        self.survey = survey
        self.language = language if survey.offers(language) else GERMAN
        self._survey: dict[str, str] = {}
        self._pages: dict[int, PageTranslation] = {}
        self._questions: dict[int, QuestionTranslation] = {}
        self._options: dict[int, str] = {}
        if self.language == GERMAN:
            return
        parts = parts or TextParts.load(survey, self.language)
        self._survey, self._pages = parts.survey, parts.pages
        self._questions, self._options = parts.questions, parts.options

    @classmethod
    def for_family(cls, survey: Survey, language: str) -> SurveyTexts:
        """The texts from this process's cache (surveys/family_cache.py): `survey` must be
        read from the database in this request, so its structure version is current."""
        if not survey.offers(language) or language == GERMAN:
            return cls(survey, GERMAN)
        texts = survey_entry(survey).texts
        parts = texts.get(language)
        if parts is None:
            parts = texts[language] = TextParts.load(survey, language)
        return cls(survey, language, parts=parts)

    @property
    def title(self) -> str:
        return self._survey.get("title") or self.survey.title

    @property
    def intro(self) -> str:
        return self._survey.get("intro") or self.survey.intro

    def page_title(self, page: Page) -> str:
        row = self._pages.get(page.pk)
        return (row.title if row else "") or page.title

    def page_intro(self, page: Page) -> str:
        row = self._pages.get(page.pk)
        return (row.intro if row else "") or page.intro

    def question(self, question: Question) -> str:
        row = self._questions.get(question.pk)
        return (row.text if row else "") or question.text

    def help_text(self, question: Question) -> str:
        row = self._questions.get(question.pk)
        return (row.help_text if row else "") or question.help_text

    def option(self, option: Option) -> str:
        return self._options.get(option.pk) or option.text


@dataclass(frozen=True)
class Completeness:
    language: str
    translated: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.translated / self.total)

    @property
    def missing(self) -> int:
        return self.total - self.translated


def translation_completeness(survey: Survey) -> dict[str, Completeness]:
    """Per offered language: how many of the survey's German texts have a translation.

    Counted in the database: texts that are empty in German do not count.
    """
    codes = survey.translated_codes
    total = _german_text_count(survey)
    done = dict.fromkeys(codes, 0)
    for code, n in _translated_counts(survey, codes):
        done[code] = done.get(code, 0) + n
    return {code: Completeness(code, done[code], total) for code in codes}


def _german_text_count(survey: Survey) -> int:
    pages = Page.objects.filter(survey=survey).aggregate(
        titles=Count("pk", filter=~Q(title="")), intros=Count("pk", filter=~Q(intro=""))
    )
    questions = Question.objects.filter(survey=survey).aggregate(
        texts=Count("pk"), helps=Count("pk", filter=~Q(help_text=""))
    )
    options = Option.objects.filter(question__survey=survey).count()
    return (
        1
        + (1 if survey.intro else 0)
        + pages["titles"]
        + pages["intros"]
        + questions["texts"]
        + questions["helps"]
        + options
    )


def _translated_counts(survey: Survey, codes: list[str]) -> list[tuple[str, int]]:
    counts: list[tuple[str, int]] = []
    for row in (
        SurveyTranslation.objects.filter(survey=survey, language__in=codes)
        .values("language")
        .annotate(
            n=Count("pk", filter=~Q(title=""))
            + Count("pk", filter=~Q(intro="") & ~Q(survey__intro=""))
        )
    ):
        counts.append((row["language"], row["n"]))
    for row in (
        PageTranslation.objects.filter(page__survey=survey, language__in=codes)
        .values("language")
        .annotate(
            n=Count("pk", filter=~Q(title="") & ~Q(page__title=""))
            + Count("pk", filter=~Q(intro="") & ~Q(page__intro=""))
        )
    ):
        counts.append((row["language"], row["n"]))
    for row in (
        QuestionTranslation.objects.filter(question__survey=survey, language__in=codes)
        .values("language")
        .annotate(
            n=Count("pk", filter=~Q(text=""))
            + Count("pk", filter=~Q(help_text="") & ~Q(question__help_text=""))
        )
    ):
        counts.append((row["language"], row["n"]))
    for row in (
        OptionTranslation.objects.filter(option__question__survey=survey, language__in=codes)
        .exclude(text="")
        .values("language")
        .annotate(n=Count("pk"))
    ):
        counts.append((row["language"], row["n"]))
    return counts
