"""The language versions a survey can be offered in (issue 5).

Survey texts are data rows per language, not gettext, so this list is the
vocabulary of those rows. German in Einfache Sprache is the default and always
present; Leichte Sprache is a German version of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

GERMAN = "de"


@dataclass(frozen=True)
class SurveyLanguage:
    code: str
    native_name: str  # what a family looks for in the language switch
    name: str | Promise  # what staff read in the builder
    right_to_left: bool = False
    html_lang: str = ""

    @property
    def lang_attribute(self) -> str:
        return self.html_lang or self.code


SURVEY_LANGUAGES: list[SurveyLanguage] = [
    SurveyLanguage("de", "Deutsch", _("German (plain language)")),
    SurveyLanguage("de-ls", "Leichte Sprache", _("German (Leichte Sprache)"), html_lang="de"),
    SurveyLanguage("tr", "Türkçe", _("Turkish")),
    SurveyLanguage("ar", "العربية", _("Arabic"), right_to_left=True),
    SurveyLanguage("en", "English", _("English")),
    SurveyLanguage("uk", "Українська", _("Ukrainian")),
    SurveyLanguage("ru", "Русский", _("Russian")),
    SurveyLanguage("pl", "Polski", _("Polish")),
    SurveyLanguage("vi", "Tiếng Việt", _("Vietnamese")),
    SurveyLanguage("fa", "فارسی / دری", _("Farsi/Dari"), right_to_left=True),
    SurveyLanguage("ku", "Kurmancî", _("Kurdish (Kurmanji)")),
    SurveyLanguage("bg", "Български", _("Bulgarian")),
    SurveyLanguage("ro", "Română", _("Romanian")),
]
BY_CODE: dict[str, SurveyLanguage] = {language.code: language for language in SURVEY_LANGUAGES}

# Endonyms for the district's family languages (districts.Language keys), used as the
# options of "languages at home": a family finds its language under its own name.
ENDONYMS: dict[str, str] = {
    **{language.code: language.native_name for language in SURVEY_LANGUAGES},
    "dgs": "Deutsche Gebärdensprache (DGS)",
}


def language_choices() -> list[tuple[str, str | Promise]]:
    return [(language.code, language.name) for language in SURVEY_LANGUAGES]


def get(code: str) -> SurveyLanguage:
    """The language for a code; unknown codes fall back to German."""
    return BY_CODE.get(code, BY_CODE[GERMAN])
