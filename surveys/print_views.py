"""Printable material of a survey as PDFs: posters and flyers per collection point, the paper
questionnaire per language, slips with one-time access codes. Staff work, so STAFF role.

The paper questionnaire numbers its questions 1…n through the whole survey and the options
of each question 1…m, with the staff's entry form's own numbering (surveys/paper_forms.py),
so staff entering a returned sheet type what they see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.generic import View

from districts.models import Membership
from surveys.family_form import SurveyStructure, form_language, form_text
from surveys.languages import GERMAN, SurveyLanguage
from surveys.languages import get as get_language
from surveys.models import AccessCodeBatch, CollectionPoint, Question, Survey
from surveys.paper_forms import option_numbers, question_numbers
from surveys.pdf import css_string, pdf_response, render_pdf
from surveys.print_texts import PRINT_LANGUAGES, page_counter_css, print_language, print_text
from surveys.qr import qr_png_data_uri, qr_svg
from surveys.survey_views import SurveyMixin
from surveys.texts import SurveyTexts

COLLECTION_POINT_PARAMETER = "sammelstelle"
LANGUAGE_PARAMETER = "sprache"
LONG_TITLE = 90  # characters: more than two lines on the poster, which then packs tighter
TEXT_LINES = 4  # ruled lines for a free-text answer
SLIP_COLUMNS, SLIP_ROWS = 2, 7  # fourteen slips to an A4 sheet
SLIP_WIDTH, SLIP_HEIGHT = 97, 38.5  # millimetres (templates/surveys/print/slips.html)
# Where the four A6 flyers sit on an A4 sheet (classes of templates/surveys/print/flyer.html).
FLYER_PLACES = ["c1 r1", "c2 r1", "c1 r2", "c2 r2"]


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class PrintView(SurveyMixin, View):
    """GET only; the survey is looked up in the district, every other object in the survey."""

    required_role = Membership.Role.STAFF

    def collection_point(self, pk: object) -> CollectionPoint:
        return get_object_or_404(
            CollectionPoint.objects.filter(survey=self.get_survey()).select_related(
                "offering", "place"
            ),
            pk=pk,
        )


# ---------------------------------------------------------------------------
# Poster and flyer: the invitation with the collection point's QR code
# ---------------------------------------------------------------------------


def without_scheme(url: str) -> str:
    """What a family types: the address without "https://"."""
    return url.split("://", 1)[-1]


@dataclass(frozen=True)
class ShortLink:
    url: str  # absolute, what the QR code holds
    text: str  # written out
    code_address: str  # where a typed code can be entered (/s/)
    code: str
    qr: str  # inline SVG


def short_link(request: HttpRequest, point: CollectionPoint) -> ShortLink:
    url = request.build_absolute_uri(point.get_absolute_url())
    return ShortLink(
        url=url,
        text=without_scheme(url),
        code_address=without_scheme(request.build_absolute_uri(reverse("surveys:family_code"))),
        code=point.display_code,
        qr=qr_svg(url),
    )


@dataclass(frozen=True)
class Invitation:
    """The invitation in one language: texts of print_texts and the survey's title."""

    language: SurveyLanguage
    title: str
    invitation: str
    facts: str
    scan: str
    code_entry: str
    responsible: str
    languages: str

    @property
    def dir(self) -> str:
        return "rtl" if self.language.right_to_left else "ltr"

    @property
    def scan_sentence(self) -> str:
        """The scan hint ending in a full stop, where the address is not right after it."""
        return self.scan.rstrip().rstrip(":") + "."


def invitation(survey: Survey, code: str, link: ShortLink) -> Invitation:
    texts = SurveyTexts(survey, code)
    language = get_language(code)
    # A title still in German is left out of the other languages' invitations.
    title = texts.title if code == GERMAN or texts.title != survey.title else ""
    return Invitation(
        language=language,
        title=title,
        invitation=print_text("invitation", code),
        facts=print_text("facts", code),
        scan=print_text("scan", code),
        code_entry=print_text("code_entry", code, address=link.code_address),
        responsible=print_text("responsible", code, district=survey.district.name),
        languages=print_text("languages", code),
    )


def print_languages(survey: Survey) -> list[str]:
    """The survey's languages that have printed texts, German first."""
    return [code for code in survey.language_codes if code in PRINT_LANGUAGES]


class PosterView(PrintView):
    template = "surveys/print/poster.html"
    filename = "plakat"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        survey = self.get_survey()
        point = self.collection_point(kwargs["collection_point"])
        link = short_link(request, point)
        invitations = [invitation(survey, code, link) for code in print_languages(survey)]
        context = {
            "survey": survey,
            "district": survey.district,
            "point": point,
            "place": _place_name(point),
            "link": link,
            "invitations": invitations,
            "main": invitations[0],
            "others": invitations[1:],
            "others_rows": chunks(invitations[1:], 2),
            "offered": survey.offered_languages,
            "compact": len(survey.title) > LONG_TITLE,
            "flyer_places": FLYER_PLACES,
        }
        pdf = render_pdf(self.template, context, request=request)
        return pdf_response(pdf, f"{self.filename}-{point.code}.pdf")


class FlyerView(PosterView):
    """A6 flyers, four to an A4 sheet: one sheet per language, German first."""

    template = "surveys/print/flyer.html"
    filename = "flyer"


# ---------------------------------------------------------------------------
# The paper questionnaire
# ---------------------------------------------------------------------------

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


def _place_name(point: CollectionPoint | None) -> str:
    """Where the sheet goes back to, if the collection point has a name a family knows."""
    if point is None or not (point.label or point.place_id or point.offering_id):
        return ""
    return str(point)


class PaperQuestionnaireView(PrintView):
    template = "surveys/print/paper.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        survey = self.get_survey()
        code = kwargs["language"]
        if not survey.offers(code):
            raise Http404
        point = None
        if COLLECTION_POINT_PARAMETER in request.GET:
            point = self.collection_point(_int_or_404(request.GET[COLLECTION_POINT_PARAMETER]))
        language = get_language(code)
        printed, chrome = print_language(code), form_language(code)
        texts = SurveyTexts(survey, code)
        place = _place_name(point)
        district = survey.district.name
        context = {
            "survey": survey,
            "district": survey.district,
            "point": point,
            "language": language,
            "html_lang": language.lang_attribute,
            "html_dir": "rtl" if language.right_to_left else "ltr",
            # Texts of the sheet itself fall back to German for languages without them.
            "chrome_lang": get_language(printed).lang_attribute,
            "chrome_dir": "rtl" if get_language(printed).right_to_left else "ltr",
            "title": texts.title,
            "title_in_german": _in_german(code, texts.title, survey.title),
            "intro": texts.intro,
            "intro_in_german": _in_german(code, texts.intro, survey.intro),
            "info": {
                "title": form_text("info_title", chrome),
                "who": form_text("info.who", chrome, district=district),
                "why": form_text("info.why", chrome),
                "voluntary": form_text("info.voluntary", chrome),
                "results": form_text("results_min_group", chrome, size=survey.min_group_size),
                "other": form_text("other_label", chrome),
            },
            "t": {
                key: print_text(key, printed)
                for key in (
                    "paper_title",
                    "paper_how_title",
                    "legend_one",
                    "legend_all",
                    "correct",
                    "skip",
                    "no_names",
                    "privacy_paper",
                    "paper_end",
                )
            },
            "hand_in": print_text("hand_in", printed, place=place)
            if place
            else print_text("hand_in_any", printed),
            "page_counter": mark_safe(page_counter_css(printed)),
            "office_note": margin_css(office_note(survey, language, point), language),
            "pages": paper_pages(survey, code),
        }
        pdf = render_pdf(self.template, context, request=request)
        return pdf_response(pdf, f"fragebogen-{survey.pk}-{code}.pdf")


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


def margin_css(text: str, language: SurveyLanguage) -> SafeString:
    # css_string escapes quotes and angle brackets, so the text cannot leave the <style>.
    return mark_safe(css_string(text, isolate=language.right_to_left))


def _int_or_404(value: str) -> int:
    if not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


# ---------------------------------------------------------------------------
# Slips with one-time access codes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SlipSheet:
    codes: list[str]
    cuts: str  # the dashed cut lines as one SVG path, in millimetres

    @property
    def height(self) -> float:
        return -(-len(self.codes) // SLIP_COLUMNS) * SLIP_HEIGHT

    @property
    def frame(self) -> float:
        """The drawing's height: half a millimetre more above and below, for the line width."""
        return self.height + 1


def cut_lines(count: int, *, right_to_left: bool = False) -> str:
    """Every edge of `count` slips once, as an SVG path.

    One dashed path per sheet: dashed CSS borders on 500 slips made the PDF four times
    larger and slower to draw.
    """
    edges: set[tuple[float, float, float, float]] = set()
    for index in range(count):
        row, column = divmod(index, SLIP_COLUMNS)
        if right_to_left:
            column = SLIP_COLUMNS - 1 - column
        left, top = column * SLIP_WIDTH, row * SLIP_HEIGHT
        right, bottom = left + SLIP_WIDTH, top + SLIP_HEIGHT
        edges |= {
            (left, top, right, top),
            (left, bottom, right, bottom),
            (left, top, left, bottom),
            (right, top, right, bottom),
        }
    return " ".join(f"M{x1:g} {y1:g}L{x2:g} {y2:g}" for x1, y1, x2, y2 in sorted(edges))


def slip_collection_point(batch: AccessCodeBatch) -> CollectionPoint | None:
    """The batch's collection point, else the survey's first active one (online preferred)."""
    if batch.collection_point is not None and batch.collection_point.survey_id == batch.survey_id:
        return batch.collection_point
    active = CollectionPoint.objects.filter(survey=batch.survey, is_active=True).order_by("pk")
    return active.filter(kind=CollectionPoint.Kind.ONLINE).first() or active.first()


class CodeSlipsView(PrintView):
    template = "surveys/print/slips.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        survey = self.get_survey()
        batch = get_object_or_404(
            AccessCodeBatch.objects.filter(survey=survey).select_related("collection_point"),
            pk=kwargs["batch"],
        )
        code = request.GET.get(LANGUAGE_PARAMETER, GERMAN)
        printed = print_language(code if survey.offers(code) else GERMAN)
        language = get_language(printed)
        point = slip_collection_point(batch)
        link = short_link(request, point) if point else None
        # A reprint leaves out codes already used: a family would only be turned away.
        unused = batch.codes.filter(is_used=False).order_by("pk")
        codes = [access_code.display_code for access_code in unused]
        context = {
            "survey": survey,
            "district": survey.district,
            "batch": batch,
            "point": point,
            "link": link,
            "language": language,
            "html_lang": language.lang_attribute,
            "html_dir": "rtl" if language.right_to_left else "ltr",
            "note": margin_css(
                _(
                    "Access codes for “%(survey)s”: each code works once. Cut along the dashed lines."
                )
                % {"survey": survey.title}
                + (f" · {batch.note}" if batch.note else ""),
                language,
            ),
            "title": print_text("slip_title", printed),
            "how": print_text("slip_how", printed),
            "qr_png": qr_png_data_uri(link.url) if link else "",
            "sheets": [
                SlipSheet(
                    codes=sheet, cuts=cut_lines(len(sheet), right_to_left=language.right_to_left)
                )
                for sheet in chunks(codes, SLIP_COLUMNS * SLIP_ROWS)
            ],
        }
        pdf = render_pdf(self.template, context, request=request)
        return pdf_response(pdf, f"zugangscodes-{survey.pk}-{batch.pk}.pdf")
