"""The family form's engine: what a family sees, what its answers mean, how they are stored.

Pure functions over a `SurveyStructure` (the survey's pages, questions and options, loaded
in three queries) and plain dict answers, so the online form and a later paper-entry form
share every rule. Nothing here reads a request, a session or the cache.

Answers are kept as JSON-safe dicts keyed by the question id as a string (they live in the
session between pages):

    {"12": {"options": [34, 36], "other": {"36": "Bus fährt selten"}},
     "13": {"number": 2},
     "14": {"text": "Mehr Angebote am Samstag"}}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from surveys.block_texts import FORM_TEXTS
from surveys.block_texts import LANGUAGES as FORM_LANGUAGES
from surveys.languages import GERMAN
from surveys.languages import get as get_language
from surveys.models import (
    TEXT_MAX_LENGTH,
    Answer,
    CollectionPoint,
    Option,
    Page,
    Question,
    Response,
    Survey,
)
from surveys.texts import SurveyTexts

Answers = dict[str, dict[str, Any]]

# q12 (the answer), q12_other36 (the short text beside the "something else" option 36).
FIELD = re.compile(r"q(?P<question>[0-9]+)(?:_other(?P<option>[0-9]+))?")
# ASCII digits only, and few of them: int() of a huge forged id must not become a 500.
OPTION_ID = re.compile(r"[0-9]{1,18}")
# Any script's digits (int() reads "٣" as 3), few enough to stay an ordinary number.
INTEGER = re.compile(r"[+-]?\d{1,9}")


class PostedData(Protocol):
    """A QueryDict, or anything else that can hold several values per name."""

    def getlist(self, key: str) -> list[str]: ...

    def __iter__(self) -> Any: ...


# ---------------------------------------------------------------------------
# Texts of the form itself (buttons, messages) in the family's language
# ---------------------------------------------------------------------------


def form_language(code: str) -> str:
    """The language the form's own texts are shown in: German where none is written."""
    return code if code in FORM_LANGUAGES else GERMAN


def form_text(key: str, language: str, **values: object) -> str:
    """One text of FORM_TEXTS ("info.who" reaches into groups), filled in.

    `{district}` is a str.format placeholder of the shared block texts; the form's own
    numbers use %(name)s so they cannot be mistaken for those.
    """
    node: Any = FORM_TEXTS
    for part in key.split("."):
        node = node[part]
    text: str = node.get(language) or node[GERMAN]
    if "district" in values:
        district = str(values["district"])
        if get_language(language).right_to_left:
            # Isolate the German name, or "Charlottenburg-Wilmersdorf" breaks apart in Arabic.
            district = f"\u2068{district}\u2069"
        text = text.replace("{district}", district)
    numbers = {name: value for name, value in values.items() if name != "district"}
    return text % numbers if numbers else text


def form_texts(language: str, *, district: str) -> dict[str, Any]:
    """Every text without numbers to fill in, for templates: t.next, t.info.who …"""

    def walk(node: dict[str, Any], prefix: str) -> dict[str, Any]:
        texts: dict[str, Any] = {}
        for key, value in node.items():
            if all(isinstance(v, str) for v in value.values()):
                if "%(" not in value[GERMAN]:
                    texts[key] = form_text(prefix + key, language, district=district)
            else:
                texts[key] = walk(value, f"{prefix}{key}.")
        return texts

    return walk(FORM_TEXTS, "")


# ---------------------------------------------------------------------------
# The survey's structure, loaded once per request
# ---------------------------------------------------------------------------


@dataclass
class SurveyStructure:
    survey: Survey
    pages: list[Page]
    questions: dict[int, Question]  # in the order the family meets them
    options: dict[int, Option]
    by_page: dict[int, list[Question]]

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
        return cls(
            survey=survey,
            pages=pages,
            questions={question.pk: question for question in questions},
            options=options,
            by_page=by_page,
        )

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
) -> set[int]:
    """Questions shown to a family with these answers.

    A question with a condition is shown when the condition's question is itself shown and
    was answered with the condition's option. With `open_page`, answers on that page still
    count as possible (its questions are not answered yet), which tells whether a later
    page may follow — the button then says "Next" rather than "Send".
    """
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

    return {pk for pk, question in structure.questions.items() if visible(question, frozenset())}


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


# ---------------------------------------------------------------------------
# Reading one page's posted answers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one answer: a FORM_TEXTS key and the numbers it needs.

    `tampered`: the browser could not have sent this from our page (an option of another
    question, a number outside the field's range …) — answered with status 400.
    `missing`: only a required answer is missing (ignored when the family goes back).
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()
    tampered: bool = False
    missing: bool = False


def _invalid(key: str = "error_invalid", **values: object) -> FieldError:
    return FieldError(key, tuple(values.items()), tampered=True)


@dataclass
class PageResult:
    answers: Answers = field(default_factory=dict)  # only the page's valid answers
    entered: Answers = field(default_factory=dict)  # what to show again after an error
    errors: dict[int, FieldError] = field(default_factory=dict)  # by question id
    stray: list[FieldError] = field(default_factory=list)  # fields of no shown question

    @property
    def tampered(self) -> bool:
        return bool(self.stray) or any(e.tampered for e in self.errors.values())

    @property
    def valid(self) -> bool:
        return not self.stray and not self.errors


def _id(value: str) -> int:
    """A posted id, or 0 (no object has it) for anything that is not a plain small number."""
    return int(value) if OPTION_ID.fullmatch(value) else 0


def clean_text(raw: str) -> str:
    # Browsers count a line break as one character for maxlength but send two.
    return raw.replace("\r\n", "\n").replace("\r", "\n").strip()


def read_page(
    structure: SurveyStructure, page: Page, answers: Answers, data: PostedData
) -> PageResult:
    """Check what was posted for `page` against the questions the family is shown there.

    `answers` are the answers given so far: they decide the conditions of this page.
    """
    result = PageResult()
    shown = visible_question_ids(structure, answers)
    on_page = {q.pk: q for q in structure.page_questions(page)}
    for name in data:
        match = FIELD.fullmatch(name)
        if not match:
            continue  # csrf token, the button, the honeypot
        question = on_page.get(_id(match["question"]))
        if question is None:
            result.stray.append(_invalid())
            continue
        if match["option"]:
            option = structure.options.get(_id(match["option"]))
            if option is None or option.question_id != question.pk or not option.is_other:
                result.errors[question.pk] = _invalid()
                continue
        if question.pk not in shown and any(v.strip() for v in data.getlist(name)):
            result.errors[question.pk] = _invalid()
    for question in on_page.values():
        if question.pk not in shown or question.pk in result.errors:
            continue
        if question.has_options:
            _read_choice(question, structure, data, result)
        elif question.kind == Question.Kind.NUMBER:
            _read_number(question, data, result)
        else:
            _read_text(question, data, result)
    return result


def _read_choice(
    question: Question, structure: SurveyStructure, data: PostedData, result: PageResult
) -> None:
    key = str(question.pk)
    values = [v.strip() for v in data.getlist(question.field_name) if v.strip()]
    chosen: list[int] = []
    error: FieldError | None = None
    for value in values:
        option = structure.options.get(_id(value))
        if option is None or option.question_id != question.pk:
            error = _invalid()
        elif option.pk not in chosen:
            chosen.append(option.pk)
    if not question.is_multiple and len(values) > 1:
        error = error or _invalid("error_one_answer")
    other: dict[str, str] = {}
    own_options = question.option_list  # type: ignore[attr-defined]
    other_names = {f"{question.field_name}_other{o.pk}": o for o in own_options if o.is_other}
    for name, option in other_names.items():
        texts = data.getlist(name)
        text = clean_text(texts[0]) if len(texts) == 1 else ""
        if len(texts) > 1:
            error = error or _invalid()
        if len(text) > TEXT_MAX_LENGTH:
            error = error or _invalid("error_too_long", max=TEXT_MAX_LENGTH)
            continue
        if not text:
            continue
        if option.pk not in chosen:
            # Without JavaScript nothing ticks "something else" for the family who types
            # beside it; a single choice keeps the answer that was ticked.
            if question.is_multiple or not chosen:
                chosen.append(option.pk)
            else:
                continue
        other[str(option.pk)] = text
    entered = {"options": chosen, **({"other": other} if other else {})}
    if chosen:
        result.entered[key] = entered
    if error is None and question.is_multiple and len(chosen) > 1:
        exclusive = [structure.options[pk] for pk in chosen if structure.options[pk].is_exclusive]
        if exclusive:
            error = FieldError("error_exclusive", (("option", exclusive[0].pk),))
    if error is None and question.required and not chosen:
        error = FieldError("error_choose_answer", missing=True)
    if error:
        result.errors[question.pk] = error
    elif chosen:
        result.answers[key] = entered


def _read_number(question: Question, data: PostedData, result: PageResult) -> None:
    values = data.getlist(question.field_name)
    raw = values[0].strip() if values else ""
    low, high = question.min_value, question.max_value
    error: FieldError | None = None
    number: int | None = None
    if len(values) > 1:
        error = _invalid()
    elif raw:
        if INTEGER.fullmatch(raw):
            number = int(raw)
        if (
            number is None
            or (low is not None and number < low)
            or (high is not None and number > high)
        ):
            error = (
                _invalid("error_number", min=low, max=high)
                if low is not None and high is not None
                else _invalid("error_whole_number")
            )
    if error is None and number is None and question.required:
        error = FieldError("error_required", missing=True)
    if raw:
        result.entered[str(question.pk)] = {"number": number if error is None else raw}
    if error:
        result.errors[question.pk] = error
    elif number is not None:
        result.answers[str(question.pk)] = {"number": number}


def _read_text(question: Question, data: PostedData, result: PageResult) -> None:
    values = data.getlist(question.field_name)
    text = clean_text(values[0]) if values else ""
    error: FieldError | None = None
    if len(values) > 1:
        error = _invalid()
    elif len(text) > TEXT_MAX_LENGTH:
        error = _invalid("error_too_long", max=TEXT_MAX_LENGTH)
    elif not text and question.required:
        error = FieldError("error_required", missing=True)
    if text:
        result.entered[str(question.pk)] = {"text": text}
    if error:
        result.errors[question.pk] = error
    elif text:
        result.answers[str(question.pk)] = {"text": text}


def error_message(
    error: FieldError, language: str, structure: SurveyStructure, texts: SurveyTexts
) -> str:
    """The message, naming an option in the family's language where it needs one."""
    values = dict(error.values)
    if "option" in values:
        values["option"] = texts.option(structure.options[int(str(values["option"]))])
    return form_text(error.key, form_language(language), **values)


def with_page(
    structure: SurveyStructure,
    page: Page,
    answers: Answers,
    result: PageResult,
    *,
    keep_invalid: bool = False,
) -> Answers:
    """The answers with this page's replaced by what was just posted.

    `keep_invalid` (going back): a question whose new answer has an error keeps its old one;
    a required answer left empty is saved empty.
    """
    updated = dict(answers)
    for question in structure.page_questions(page):
        key = str(question.pk)
        error = result.errors.get(question.pk)
        if keep_invalid and error is not None and not error.missing:
            continue
        updated.pop(key, None)
        if key in result.answers:
            updated[key] = result.answers[key]
    return updated


# ---------------------------------------------------------------------------
# Sending: the whole draft checked once more, then stored in one transaction
# ---------------------------------------------------------------------------


@dataclass
class Completion:
    answers: Answers  # only answers to shown questions, with options that still exist
    missing: list[tuple[Page, Question]]  # required questions still unanswered

    @property
    def complete(self) -> bool:
        return not self.missing


def complete_answers(structure: SurveyStructure, answers: Answers) -> Completion:
    """Drop answers to questions the family no longer sees (it went back and changed an
    earlier answer) or to options removed meanwhile; list required questions unanswered."""
    kept = _still_valid(structure, answers)
    # Dropping an answer can hide further questions: repeat until nothing changes.
    while True:
        shown = visible_question_ids(structure, kept)
        narrowed = {key: value for key, value in kept.items() if int(key) in shown}
        if narrowed == kept:
            break
        kept = narrowed
    missing = [
        (page, question)
        for page in structure.pages
        for question in structure.page_questions(page)
        if question.required and question.pk in shown and str(question.pk) not in kept
    ]
    return Completion(answers=kept, missing=missing)


def _still_valid(structure: SurveyStructure, answers: Answers) -> Answers:
    kept: Answers = {}
    for key, answer in answers.items():
        question = structure.questions.get(int(key)) if key.isdigit() else None
        if question is None:
            continue
        if question.has_options:
            options = [
                pk
                for pk in chosen_options(answer)
                if pk in structure.options and structure.options[pk].question_id == question.pk
            ]
            if options:
                other = {
                    k: v
                    for k, v in (answer.get("other") or {}).items()
                    if int(k) in options and structure.options[int(k)].is_other
                }
                kept[key] = {"options": options, **({"other": other} if other else {})}
        elif question.kind == Question.Kind.NUMBER and isinstance(answer.get("number"), int):
            kept[key] = {"number": answer["number"]}
        elif question.kind == Question.Kind.TEXT and answer.get("text"):
            kept[key] = {"text": str(answer["text"])[:TEXT_MAX_LENGTH]}
    return kept


def submit_response(
    structure: SurveyStructure,
    *,
    collection_point: CollectionPoint,
    language: str,
    answers: Answers,
    channel: str = Response.Channel.ONLINE,
    today: Any = None,
) -> Response:
    """Store a complete set of answers as one anonymous Response, all or nothing.

    Privacy rule: the response gets the survey, the collection point, the language, the
    channel and the date — nothing about the person or the time of day. No task is queued:
    the reports catch up on their own, so a submission never needs Redis or Celery.
    """
    survey = structure.survey
    completion = complete_answers(structure, answers)
    with transaction.atomic():
        response = Response.objects.create(
            survey=survey,
            collection_point=collection_point,
            language=language if survey.offers(language) else GERMAN,
            channel=channel,
            submitted_on=today or timezone.localdate(),
        )
        rows: list[Answer] = []
        for question in structure.questions.values():
            answer = completion.answers.get(str(question.pk))
            if not answer:
                continue
            if question.has_options:
                other = answer.get("other") or {}
                rows.extend(
                    Answer(
                        response=response,
                        question=question,
                        option_id=pk,
                        text=other.get(str(pk), ""),
                    )
                    for pk in answer["options"]
                )
            elif "number" in answer:
                rows.append(Answer(response=response, question=question, number=answer["number"]))
            else:
                rows.append(Answer(response=response, question=question, text=answer["text"]))
        Answer.objects.bulk_create(rows)
    return response


# ---------------------------------------------------------------------------
# What the thank-you page may use to choose offerings
# ---------------------------------------------------------------------------


def thanks_hint(structure: SurveyStructure, answers: Answers) -> dict[str, Any]:
    """The home area and family languages the family chose in the family block, if any."""
    area: int | None = None
    languages: list[str] = []
    for question in structure.questions.values():
        if question.block != Question.Block.FAMILY:
            continue
        for pk in chosen_options(answers.get(str(question.pk))):
            option = structure.options.get(pk)
            if option is None:
                continue
            if question.block_key == "home_area" and option.area_id:
                area = option.area_id
            elif question.block_key == "languages" and option.code.startswith("lang_"):
                languages.append(option.code.removeprefix("lang_"))
    return {"area": area, "languages": languages}
