"""The survey itself (title, period, group size, languages) and its status buttons."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import District
from surveys.languages import BY_CODE, GERMAN, SURVEY_LANGUAGES
from surveys.models import Survey


def translated_language_choices() -> list[tuple[str, str]]:
    """Every survey language but German, named for staff, with the name families look for."""
    choices = []
    for language in SURVEY_LANGUAGES:
        if language.code == GERMAN:
            continue
        name = str(language.name)
        if language.native_name not in name:
            name = f"{name} – {language.native_name}"
        choices.append((language.code, name))
    return choices


def district_language_codes(district: District) -> list[str]:
    """The district's family languages that a survey can be offered in (German aside)."""
    keys = district.family_languages.values_list("key", flat=True)
    return [key for key in keys if key in BY_CODE and key != GERMAN]


class SurveyForm(forms.ModelForm):
    """Create and edit a survey. The status is changed with the coordinators' buttons."""

    languages = forms.MultipleChoiceField(
        label=_("Further languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "German in plain language (Einfache Sprache) is always offered. Families choose "
            "their language on every page; missing translations are shown in German."
        ),
    )

    class Meta:
        model = Survey
        fields = [
            "title",
            "intro",
            "opens_on",
            "closes_on",
            "min_group_size",
            "languages",
            "requires_access_code",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 4}),
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "title": _("Title"),
            "intro": _("Introduction"),
            "opens_on": _("Opens on"),
            "closes_on": _("Closes on"),
            "min_group_size": _("Minimum group size for reports"),
            "requires_access_code": _("Families need a one-time access code"),
        }
        help_texts = {
            "title": _("Families read this title. Write it in plain German (Einfache Sprache)."),
            "intro": _(
                "Families read these few sentences before the first question: what the survey "
                "is about and why their answers matter. Plain German (Einfache Sprache), please."
            ),
            "opens_on": _("Leave empty to accept answers as soon as a coordinator opens it."),
            "closes_on": _("Leave empty to accept answers until a coordinator closes it."),
            "requires_access_code": _(
                "Only families with a code from a printed slip can answer online or on a "
                "tablet; every code works once. Make the codes on the “Access codes” tab. "
                "Paper questionnaires need no code."
            ),
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.instance.district = district
        self.fields["languages"].choices = translated_language_choices()
        self.district_minimum = max(district.min_group_size, 5)
        if not self.instance.pk:
            self.initial.setdefault("languages", district_language_codes(district))
            self.initial.setdefault("min_group_size", self.district_minimum)
        self.fields["min_group_size"].help_text = _(
            "Results of smaller groups are never shown, so no family can be recognised. "
            "The district's minimum is %(minimum)s; a survey may ask for more, never for less."
        ) % {"minimum": district.min_group_size}
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("What families read"), "title", "intro"),
            Fieldset(_("When"), "opens_on", "closes_on"),
            Fieldset(_("Languages"), "languages"),
            Fieldset(_("Privacy in reports"), "min_group_size"),
            Fieldset(_("Who can answer"), "requires_access_code"),
        )
        self.helper.add_input(Submit("submit", _("Save survey")))

    def clean_min_group_size(self) -> int:
        size = self.cleaned_data["min_group_size"]
        if size is not None and size < self.district.min_group_size:
            raise forms.ValidationError(
                _(
                    "The district shows no group smaller than %(minimum)s people. "
                    "Please enter %(minimum)s or more."
                )
                % {"minimum": self.district.min_group_size}
            )
        return size

    def clean_languages(self) -> list[str]:
        chosen = set(self.cleaned_data["languages"])
        # Stored in the order of the language list, so the family's switch is always the same.
        return [language.code for language in SURVEY_LANGUAGES if language.code in chosen]


class StatusForm(forms.Form):
    """The status a coordinator's button asks for; the model decides whether it may follow."""

    to = forms.ChoiceField(choices=Survey.Status.choices)
