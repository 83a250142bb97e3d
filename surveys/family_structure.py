"""The survey's structure as a family meets it: pages, questions and options loaded once
per request, and the conditions that decide which questions and pages a family sees.

Answers are kept as JSON-safe dicts keyed by the question id as a string (they live in the
session between pages):

    {"12": {"options": [34, 36], "other": {"36": "Bus fährt selten"}},
     "13": {"number": 2},
     "14": {"text": "Mehr Angebote am Samstag"}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Prefetch

from surveys.family_cache import survey_entry
from surveys.models import Option, Page, Question, Survey

Answers = dict[str, dict[str, Any]]


@dataclass
class SurveyStructure:
    survey: Survey
    pages: list[Page]
    questions: dict[int, Question]  # in the order the family meets them
    options: dict[int, Option]
    by_page: dict[int, list[Question]]
    # Questions whose answer a condition asks about: all that visibility depends on.
    condition_parents: tuple[int, ...] = ()
    # One request's visible questions by (open page, the parents' answers): a page asks for
    # them up to four times (progress, the last page, the page itself). Empty in the cache.
    shown_memo: dict[tuple, frozenset[int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, survey: Survey) -> SurveyStructure:
        pages = list(Page.objects.filter(survey=survey).order_by("position", "pk"))
        questions = list(
            Question.objects.filter(survey=survey)
            .order_by("page__position", "page_id", "position", "pk")
            .prefetch_related(
                Prefetch("options", queryset=Option.objects.order_by("position", "pk"))
            )
        )
        by_page: dict[int, list[Question]] = {page.pk: [] for page in pages}
        options: dict[int, Option] = {}
        for question in questions:
            by_page.setdefault(question.page_id, []).append(question)
            question.option_list = list(question.options.all())  # type: ignore[attr-defined]
            for option in question.option_list:  # type: ignore[attr-defined]
                options[option.pk] = option
        parents = {
            options[q.show_if_option_id].question_id
            for q in questions
            if q.show_if_option_id in options
        }
        return cls(
            survey=survey,
            pages=pages,
            questions={question.pk: question for question in questions},
            options=options,
            by_page=by_page,
            condition_parents=tuple(sorted(parents)),
        )

    @classmethod
    def for_family(cls, survey: Survey) -> SurveyStructure:
        """The structure from this process's cache (surveys/family_cache.py): `survey` must be
        read from the database in this request, so its structure version is current. The
        cached pages, questions and options are shared between requests: read, never change.
        """
        entry = survey_entry(survey)
        if entry.structure is None:
            entry.structure = cls.load(survey)
        return replace(entry.structure, survey=survey, shown_memo={})

    def page_questions(self, page: Page) -> list[Question]:
        return self.by_page.get(page.pk, [])

    def page_number(self, page: Page) -> int:
        """1-based position among all pages: the number in the page's address."""
        return self.pages.index(page) + 1


def chosen_options(answer: Mapping[str, Any] | None) -> list[int]:
    return list((answer or {}).get("options", []))


# ---------------------------------------------------------------------------
# Conditions: which questions and pages a family sees
# ---------------------------------------------------------------------------


def visible_question_ids(
    structure: SurveyStructure, answers: Answers, *, open_page: Page | None = None
) -> frozenset[int]:
    """Questions shown to a family with these answers.

    A question with a condition is shown when the condition's question is itself shown and
    was answered with the condition's option. With `open_page`, answers on that page still
    count as possible (its questions are not answered yet), which tells whether a later
    page may follow — the button then says "Next" rather than "Send".
    """
    key = (
        open_page.pk if open_page else None,
        tuple(
            (parent, frozenset(chosen_options(answers.get(str(parent)))))
            for parent in structure.condition_parents
        ),
    )
    if key not in structure.shown_memo:
        structure.shown_memo[key] = _visible(structure, answers, open_page)
    return structure.shown_memo[key]


def _visible(
    structure: SurveyStructure, answers: Answers, open_page: Page | None
) -> frozenset[int]:
    open_ids = {q.pk for q in structure.page_questions(open_page)} if open_page else set()
    memo: dict[int, bool] = {}

    def visible(question: Question, seen: frozenset[int]) -> bool:
        if question.pk in memo:
            return memo[question.pk]
        result = True
        condition = structure.options.get(question.show_if_option_id or 0)
        if question.show_if_option_id is not None:
            if condition is None or condition.question_id in seen:
                # A condition outside the survey, or a loop: never satisfiable.
                result = False
            else:
                parent = structure.questions[condition.question_id]
                result = visible(parent, seen | {question.pk}) and (
                    parent.pk in open_ids
                    or condition.pk in chosen_options(answers.get(str(parent.pk)))
                )
        memo[question.pk] = result
        return result

    return frozenset(
        pk for pk, question in structure.questions.items() if visible(question, frozenset())
    )


def visible_pages(
    structure: SurveyStructure, answers: Answers, *, open_page: Page | None = None
) -> list[Page]:
    """Pages with at least one shown question; the others are skipped."""
    shown = visible_question_ids(structure, answers, open_page=open_page)
    return [
        page
        for page in structure.pages
        if any(q.pk in shown for q in structure.page_questions(page))
    ]


@dataclass(frozen=True)
class Progress:
    current: int
    total: int


def progress(structure: SurveyStructure, answers: Answers, page: Page) -> Progress:
    """'Step n of m' over the pages the family sees now (changes as conditions change)."""
    pages = visible_pages(structure, answers)
    if page not in pages:
        return Progress(current=1, total=max(len(pages), 1))
    return Progress(current=pages.index(page) + 1, total=len(pages))


def page_after(structure: SurveyStructure, answers: Answers, page: Page) -> Page | None:
    index = structure.pages.index(page)
    later = [p for p in visible_pages(structure, answers) if structure.pages.index(p) > index]
    return later[0] if later else None


def page_before(structure: SurveyStructure, answers: Answers, page: Page) -> Page | None:
    index = structure.pages.index(page)
    earlier = [p for p in visible_pages(structure, answers) if structure.pages.index(p) < index]
    return earlier[-1] if earlier else None


def is_last_page(structure: SurveyStructure, answers: Answers, page: Page) -> bool:
    """No later page is shown, whatever the family answers on this one."""
    index = structure.pages.index(page)
    return not any(
        structure.pages.index(p) > index for p in visible_pages(structure, answers, open_page=page)
    )
