"""How complete each language of a survey is, and the form that translates every text at once."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from districts.models import Membership
from surveys.forms_translations import TranslationForm
from surveys.languages import BY_CODE, GERMAN, SurveyLanguage
from surveys.survey_views import SurveyMixin
from surveys.texts import translation_completeness


class TranslationsView(SurveyMixin, TemplateView):
    template_name = "surveys/translations.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        survey = self.get_survey()
        completeness = translation_completeness(survey)
        rows = [
            {"language": language, "completeness": completeness[language.code]}
            for language in survey.offered_languages
            if language.code in completeness
        ]
        return {**super().get_context_data(**kwargs), "rows": rows}


class TranslateView(SurveyMixin, TemplateView):
    """Every text of the survey in one language, the German text beside each field."""

    required_role = Membership.Role.STAFF
    template_name = "surveys/translate_form.html"

    def get_language(self) -> SurveyLanguage:
        code = self.kwargs["language"]
        survey = self.get_survey()
        # German is the source text itself, edited in the builder.
        if code == GERMAN or code not in BY_CODE or not survey.offers(code):
            raise Http404
        return BY_CODE[code]

    def get_form(self, data: Any = None) -> TranslationForm:
        return TranslationForm(data, survey=self.get_survey(), language=self.get_language())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.pop("form", None) or self.get_form()
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "language": form.language,
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        form.save()
        messages.success(
            request,
            _("The texts in %(language)s have been saved. Empty fields are shown in German.")
            % {"language": form.language.name},
        )
        return redirect(
            reverse(
                "surveys:translations",
                kwargs={"district": self.district.slug, "survey": self.get_survey().pk},
            )
        )
