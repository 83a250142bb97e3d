"""Printable material of a survey as PDFs: posters and flyers per collection point, the paper
questionnaire per language, slips with one-time access codes. Staff work, so STAFF role.

The views stay thin: what the sheets show is built in print_invitation (poster and flyer),
print_paper (the paper questionnaire) and print_slips (code slips).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.generic import View

from districts.models import Membership
from surveys.family_form import form_language, form_text
from surveys.languages import GERMAN, SurveyLanguage
from surveys.languages import get as get_language
from surveys.models import AccessCodeBatch, CollectionPoint
from surveys.pdf import css_string, pdf_response, render_pdf
from surveys.print_invitation import invitation, print_languages, short_link
from surveys.print_paper import _in_german, office_note, paper_pages
from surveys.print_slips import SLIP_COLUMNS, SLIP_ROWS, SlipSheet, cut_lines, slip_collection_point
from surveys.print_texts import page_counter_css, print_language, print_text
from surveys.qr import qr_png_data_uri
from surveys.survey_views import SurveyMixin
from surveys.texts import SurveyTexts

COLLECTION_POINT_PARAMETER = "sammelstelle"
LANGUAGE_PARAMETER = "sprache"
LONG_TITLE = 90  # characters: more than two lines on the poster, which then packs tighter
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
            # Our own "Seite x von y" text, with its quotes escaped for CSS.
            "page_counter": mark_safe(page_counter_css(printed)),  # nosec B308 B703
            "office_note": margin_css(office_note(survey, language, point), language),
            "pages": paper_pages(survey, code),
        }
        pdf = render_pdf(self.template, context, request=request)
        return pdf_response(pdf, f"fragebogen-{survey.pk}-{code}.pdf")


def margin_css(text: str, language: SurveyLanguage) -> SafeString:
    # css_string escapes quotes and angle brackets, so the text cannot leave the <style>.
    return mark_safe(css_string(text, isolate=language.right_to_left))  # nosec B308 B703


def _int_or_404(value: str) -> int:
    if not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


# ---------------------------------------------------------------------------
# Slips with one-time access codes
# ---------------------------------------------------------------------------


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
