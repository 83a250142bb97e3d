"""A survey's texts in one language, falling back to German where a translation is missing.

Loads every translation of the survey in one query per kind of text, so a page of the
family form or the builder needs no query per question.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

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


class SurveyTexts:
    def __init__(self, survey: Survey, language: str) -> None:
        self.survey = survey
        self.language = language if survey.offers(language) else GERMAN
        self._survey: dict[str, str] = {}
        self._pages: dict[int, PageTranslation] = {}
        self._questions: dict[int, QuestionTranslation] = {}
        self._options: dict[int, str] = {}
        if self.language == GERMAN:
            return
        code = self.language
        row = SurveyTranslation.objects.filter(survey=survey, language=code).first()
        if row:
            self._survey = {"title": row.title, "intro": row.intro}
        self._pages = {
            t.page_id: t for t in PageTranslation.objects.filter(page__survey=survey, language=code)
        }
        self._questions = {
            t.question_id: t
            for t in QuestionTranslation.objects.filter(question__survey=survey, language=code)
        }
        self._options = dict(
            OptionTranslation.objects.filter(
                option__question__survey=survey, language=code
            ).values_list("option_id", "text")
        )

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
