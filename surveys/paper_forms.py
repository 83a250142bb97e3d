"""Typing in a returned paper questionnaire: which one it is, and what the family ticked.

The answers go through the family form's engine page by page, so a paper response obeys
exactly the rules of an online one (conditions, required answers, "none" alone, lengths,
ranges). Only the messages differ: staff read them, in the staff's language, with the
question numbers printed on the paper questionnaire.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from surveys.family_form import (
    FIELD,
    Answers,
    FieldError,
    PostedData,
    SurveyStructure,
    complete_answers,
    read_page,
    visible_question_ids,
)
from surveys.models import CollectionPoint, Option, Page, Question, Survey

# Staff-facing messages for the engine's error keys (the engine's own texts address families).
MESSAGES: dict[str, Any] = {
    "error_invalid": _("This value is not possible for this question."),
    "error_one_answer": _("Only one answer can be entered for this question."),
    "error_exclusive": _(
        "“%(option)s” cannot be combined with other answers. If the questionnaire has both "
        "ticked, leave the question without an answer."
    ),
    "error_choose_answer": _("This question must be answered; the survey requires it."),
    "error_required": _("This question must be answered; the survey requires it."),
    "error_too_long": _("The text is too long: no more than %(max)s characters."),
    "error_number": _("Please enter a whole number from %(min)s to %(max)s."),
    "error_whole_number": _("Please enter a whole number."),
}
HIDDEN = _(
    "This question only applies if question %(parent)s was answered with “%(answer)s”. "
    "Please leave it empty, even if the family answered it."
)
STRAY = _("The form held an answer to a question that is not part of this survey.")


def question_numbers(structure: SurveyStructure) -> dict[int, int]:
    """Question id → its number on the paper questionnaire: 1, 2, 3 … across all pages."""
    return {pk: number for number, pk in enumerate(structure.questions, start=1)}


def option_numbers(question: Question) -> dict[int, int]:
    """Option id → its number within the question on the paper questionnaire: 1, 2, 3 …"""
    options: list[Option] = question.option_list  # type: ignore[attr-defined]
    return {option.pk: number for number, option in enumerate(options, start=1)}


class PaperSetupForm(forms.Form):
    """Which questionnaire is typed in: where it was handed out, in which language."""

    collection_point = forms.ModelChoiceField(
        label=_("Collection point"),
        queryset=CollectionPoint.objects.none(),
        empty_label=_("– please choose –"),
        error_messages={
            "required": _("Please choose where the questionnaire was handed out."),
            "invalid_choice": _(
                "This collection point does not belong to the survey or is no longer active."
            ),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the questionnaire"),
        error_messages={
            "required": _("Please choose the questionnaire's language."),
            "invalid_choice": _("The survey is not offered in this language."),
        },
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection_point"].queryset = survey.collection_points.filter(
            is_active=True
        ).select_related("offering", "place")
        self.fields["language"].choices = [
            (language.code, f"{language.name} – {language.native_name}")
            for language in survey.offered_languages
        ]
        for bound in self:
            bound.field.widget.attrs["class"] = "form-select"
            if bound.errors:
                bound.field.widget.attrs["aria-invalid"] = "true"

    @property
    def tampered(self) -> bool:
        """A value the page never offered (another survey's collection point …)."""
        return any(
            error.code == "invalid_choice"
            for errors in self.errors.as_data().values()
            for error in errors
        )


@dataclass
class PaperReading:
    """The posted questionnaire read through the engine."""

    answers: Answers = field(default_factory=dict)  # valid answers of all pages together
    errors: dict[int, str] = field(default_factory=dict)  # question id → message for staff
    stray: list[str] = field(default_factory=list)  # messages not tied to a shown question
    tampered: bool = False  # something the page cannot send: answered with 400

    @property
    def valid(self) -> bool:
        return not self.errors and not self.stray


def read_paper_entry(structure: SurveyStructure, data: QueryDict) -> PaperReading:
    """Read every page in order, each with the answers of the pages before it.

    The entry form shows all questions at once, but a question's condition refers to an
    earlier page, so reading page by page decides the conditions as the online form does.
    """
    reading = PaperReading()
    numbers = question_numbers(structure)
    page_of = {pk: question.page_id for pk, question in structure.questions.items()}
    by_page: dict[int, QueryDict] = {page.pk: QueryDict(mutable=True) for page in structure.pages}
    for name in data:
        match = FIELD.fullmatch(name)
        if not match:
            continue  # the collection point, the language, the csrf token
        question_id = int(match["question"]) if len(match["question"]) < 19 else 0
        if question_id not in page_of:
            reading.stray.append(str(STRAY))
            reading.tampered = True
            continue
        by_page[page_of[question_id]].setlist(name, data.getlist(name))
    # What was ticked decides the conditions of later pages even where it has an error:
    # a dependent question then gets a message about itself, not a second one about the first.
    ticked: Answers = {}
    for page in structure.pages:
        posted = by_page[page.pk]
        result = read_page(structure, page, ticked, posted)
        shown = visible_question_ids(structure, ticked)
        for question_id, error in result.errors.items():
            if question_id not in shown:
                error = _hidden_error(structure, page, posted, question_id)
            if error.tampered:
                reading.tampered = True
            reading.errors[question_id] = _message(error, structure, numbers)
        if result.stray:
            reading.stray.append(str(STRAY))
            reading.tampered = True
        reading.answers.update(result.answers)
        ticked.update(result.entered)
    if reading.valid:
        # The engine's last word before storing, as online: complete and consistent.
        completion = complete_answers(structure, reading.answers)
        for _page, question in completion.missing:
            reading.errors[question.pk] = str(MESSAGES["error_required"])
        reading.answers = completion.answers
    return reading


def _all_conditions_met(structure: SurveyStructure) -> Answers:
    """Answers that tick every option, so every question with a condition is shown."""
    return {
        str(pk): {"options": [option.pk for option in question.option_list]}  # type: ignore[attr-defined]
        for pk, question in structure.questions.items()
        if question.has_options
    }


def _hidden_error(
    structure: SurveyStructure, page: Page, posted: PostedData, question_id: int
) -> FieldError:
    """An answer to a question the family should have skipped.

    On paper a family can answer it anyway, so staff get a message (status 200) — unless
    the value itself is impossible (a foreign option id …), which stays a tampered post.
    """
    as_if_shown = read_page(structure, page, _all_conditions_met(structure), posted)
    own_error = as_if_shown.errors.get(question_id)
    if own_error is not None and own_error.tampered:
        return own_error
    if structure.questions[question_id].show_if_option_id not in structure.options:
        return FieldError("error_invalid", tampered=True)  # a condition that can never hold
    return FieldError("hidden", (("question", question_id),))


def _message(error: FieldError, structure: SurveyStructure, numbers: dict[int, int]) -> str:
    values = dict(error.values)
    if error.key == "hidden":
        question = structure.questions[int(str(values["question"]))]
        condition = structure.options[question.show_if_option_id]  # type: ignore[index]
        return str(HIDDEN) % {
            "parent": numbers[condition.question_id],
            "answer": condition.text,
        }
    if "option" in values:
        values["option"] = structure.options[int(str(values["option"]))].text
    message = MESSAGES.get(error.key, MESSAGES["error_invalid"])
    return str(message) % values if values else str(message)


# ---------------------------------------------------------------------------
# What the entry page shows: every question numbered, with what was typed in
# ---------------------------------------------------------------------------


@dataclass
class EntryOption:
    option: Option
    number: int
    input_id: str
    checked: bool
    other_name: str = ""
    other_value: str = ""


@dataclass
class EntryQuestion:
    question: Question
    number: int
    page_title: str  # set on a page's first question only
    options: list[EntryOption]
    value: str  # what was typed into a number or text field
    condition: str  # "only if question 3 = …", for questions with a condition
    error: str

    @property
    def answered(self) -> bool:
        return any(option.checked for option in self.options)

    @property
    def input_id(self) -> str:
        """The first field, where an error message links to."""
        if self.question.has_options and not self.question.is_multiple:
            return f"q{self.question.pk}-none"
        return self.options[0].input_id if self.options else f"q{self.question.pk}"

    @property
    def describedby(self) -> str:
        ids = [f"q{self.question.pk}-condition"] if self.condition else []
        return " ".join([*ids, f"q{self.question.pk}-error"] if self.error else ids)


def entry_questions(
    structure: SurveyStructure, data: QueryDict | None, errors: dict[int, str]
) -> list[EntryQuestion]:
    """Every question of the survey in the paper questionnaire's order and numbering.

    `data` is the rejected post, shown again as typed so nothing has to be entered twice.
    """
    numbers = question_numbers(structure)
    posted = data if data is not None else QueryDict()
    rows: list[EntryQuestion] = []
    for page in structure.pages:
        for index, question in enumerate(structure.page_questions(page)):
            rows.append(
                EntryQuestion(
                    question=question,
                    number=numbers[question.pk],
                    page_title=page.title if index == 0 else "",
                    options=_entry_options(question, posted),
                    value=(posted.getlist(question.field_name) or [""])[0],
                    condition=_condition(structure, question, numbers),
                    error=errors.get(question.pk, ""),
                )
            )
    return rows


def _entry_options(question: Question, posted: QueryDict) -> list[EntryOption]:
    chosen = set(posted.getlist(question.field_name))
    options = []
    for option, number in zip(
        question.option_list,  # type: ignore[attr-defined]
        option_numbers(question).values(),
        strict=True,
    ):
        other_name = f"{question.field_name}_other{option.pk}" if option.is_other else ""
        options.append(
            EntryOption(
                option=option,
                number=number,
                input_id=f"q{question.pk}-o{option.pk}",
                checked=str(option.pk) in chosen,
                other_name=other_name,
                other_value=(posted.getlist(other_name) or [""])[0] if other_name else "",
            )
        )
    return options


def _condition(structure: SurveyStructure, question: Question, numbers: dict[int, int]) -> str:
    option = structure.options.get(question.show_if_option_id or 0)
    if option is None:
        return ""
    return gettext("only if question %(number)s = “%(answer)s”") % {
        "number": numbers[option.question_id],
        "answer": option.text,
    }
