"""The invitation on posters and flyers: the collection point's short link and QR code, and
the printed texts in each of the survey's languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from surveys.languages import GERMAN, SurveyLanguage
from surveys.languages import get as get_language
from surveys.models import CollectionPoint, Survey
from surveys.print_texts import PRINT_LANGUAGES, print_text
from surveys.qr import qr_svg
from surveys.texts import SurveyTexts


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
