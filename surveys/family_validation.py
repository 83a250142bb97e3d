"""Reading one page's posted answers: what the family may answer there, and what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from surveys.family_structure import Answers, SurveyStructure, visible_question_ids
from surveys.family_texts import form_language, form_text
from surveys.models import TEXT_MAX_LENGTH, Page, Question
from surveys.texts import SurveyTexts

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
