"""The paper questionnaire's content: every page and question of the survey as printed.

The paper questionnaire numbers its questions 1…n through the whole survey and the options
of each question 1…m, with the staff's entry form's own numbering (surveys/paper_forms.py),
so staff entering a returned sheet type what they see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from surveys.family_form import SurveyStructure, form_language, form_text
from surveys.languages import SurveyLanguage
from surveys.languages import get as get_language
from surveys.models import CollectionPoint, Question, Survey
from surveys.paper_forms import option_numbers, question_numbers
from surveys.print_texts import print_language, print_text
from surveys.texts import SurveyTexts

TEXT_LINES = 4  # ruled lines for a free-text answer

# Faces from unhappy to happy for the five steps of a scale, as on the family form.
SMILEY_STEPS = {1: "s1", 2: "s2", 3: "s3", 4: "s4", 5: "s5"}


@dataclass
class PaperOption:
    number: int
    label: str
    in_german: bool  # the translation is missing: the text is German
    is_other: bool
    smiley: str = ""


@dataclass
class PaperQuestion:
    number: int
    question: Question
    label: str
    in_german: bool
    help_text: str = ""
    help_in_german: bool = False
    how: str = ""  # tick one / tick all / write a number / write on the lines
    condition: str = ""
    required: str = ""
    names_hint: str = ""
    options: list[PaperOption] = field(default_factory=list)
    digits: int = 0

    @property
    def kind(self) -> str:
        return str(self.question.kind)

    @property
    def box(self) -> str:
        """A square for "all that apply", a circle for "one answer"."""
        return "square" if self.question.is_multiple else "round"

    @property
    def steps(self) -> list[PaperOption]:
        """A scale's five steps, drawn side by side with their faces."""
        return [o for o in self.options if o.smiley]

    @property
    def listed(self) -> list[PaperOption]:
        return [o for o in self.options if not o.smiley]

    @property
    def columns(self) -> int:
        """Long lists of short answers in two columns, so a question fits on its page."""
        if len(self.listed) >= 7 and all(len(o.label) <= 45 for o in self.listed):
            return 2
        return 1

    @property
    def rows(self) -> list[list[PaperOption]]:
        """The listed options row by row; with two columns, 1…k run down the first one."""
        listed = self.listed
        if self.columns == 1:
            return [[option] for option in listed]
        height = (len(listed) + 1) // 2
        return [listed[i : i + height + 1 : height] for i in range(height)]

    @property
    def digit_range(self) -> range:
        return range(self.digits)

    @property
    def line_range(self) -> range:
        return range(TEXT_LINES if self.question.kind == Question.Kind.TEXT else 0)


@dataclass
class PaperPage:
    title: str
    title_in_german: bool
    intro: str
    intro_in_german: bool
    questions: list[PaperQuestion]


def _in_german(language: str, shown: str, german: str) -> bool:
    return bool(shown) and get_language(language).lang_attribute != "de" and shown == german


def _digits(question: Question) -> int:
    bounds = [b for b in (question.min_value, question.max_value) if b is not None]
    width = max((len(str(abs(b))) for b in bounds), default=3)
    return min(max(width, 1), 6)


def paper_pages(survey: Survey, language: str) -> list[PaperPage]:
    """Every page and question of the survey as printed, in the order the form asks them."""
    structure = SurveyStructure.load(survey)
    texts = SurveyTexts(survey, language)
    chrome = form_language(language)
    printed = print_language(language)
    # The same numbers as the staff's paper entry form, so a ticked box is typed as printed.
    numbers = question_numbers(structure)
    pages = []
    for page in structure.pages:
        questions = [
            _paper_question(question, numbers, structure, texts, chrome, printed)
            for question in structure.page_questions(page)
        ]
        if not questions:
            continue
        title, intro = texts.page_title(page), texts.page_intro(page)
        pages.append(
            PaperPage(
                title=title,
                title_in_german=_in_german(language, title, page.title),
                intro=intro,
                intro_in_german=_in_german(language, intro, page.intro),
                questions=questions,
            )
        )
    return pages


def _paper_question(
    question: Question,
    numbers: dict[int, int],
    structure: SurveyStructure,
    texts: SurveyTexts,
    chrome: str,
    printed: str,
) -> PaperQuestion:
    language = texts.language
    label, help_text = texts.question(question), texts.help_text(question)
    paper = PaperQuestion(
        number=numbers[question.pk],
        question=question,
        label=label,
        in_german=_in_german(language, label, question.text),
        help_text=help_text,
        help_in_german=_in_german(language, help_text, question.help_text),
    )
    condition = structure.options.get(question.show_if_option_id or 0)
    if condition is not None:
        paper.condition = print_text(
            "condition",
            printed,
            number=numbers[condition.question_id],
            option=texts.option(condition),
        )
    if question.required:
        paper.required = form_text("required", chrome)
    if question.has_options:
        online_hint = form_text("choose_all" if question.is_multiple else "choose_one", chrome)
        # The blocks' hints often say it already; a family should not read it twice.
        if online_hint not in help_text:
            paper.how = print_text("cross_all" if question.is_multiple else "cross_one", printed)
        for option_id, number in option_numbers(question).items():
            option = structure.options[option_id]
            option_label = texts.option(option)
            paper.options.append(
                PaperOption(
                    number=number,
                    label=option_label,
                    in_german=_in_german(language, option_label, option.text),
                    is_other=option.is_other,
                    smiley=SMILEY_STEPS.get(option.value or 0, "")
                    if question.kind == Question.Kind.SCALE
                    else "",
                )
            )
    elif question.kind == Question.Kind.NUMBER:
        low, high = question.min_value, question.max_value
        paper.how = (
            print_text("write_number", printed, min=low, max=high)
            if low is not None and high is not None
            else print_text("write_any_number", printed)
        )
        paper.digits = _digits(question)
    else:
        paper.how = print_text("write_text", printed)
        warning = form_text("no_names", chrome)
        paper.names_hint = "" if warning.rstrip(".") in help_text else warning
    return paper


def office_note(survey: Survey, language: SurveyLanguage, point: CollectionPoint | None) -> str:
    """What staff entering the sheet need: survey, language and, if given, the collection point."""
    note = _("For office use: survey %(survey)s, language “%(language)s”") % {
        "survey": survey.pk,
        "language": language.code,
    }
    if point is not None:
        note += " · " + _("collection point %(name)s (%(code)s)") % {
            "name": point,
            "code": point.display_code,
        }
    return note
