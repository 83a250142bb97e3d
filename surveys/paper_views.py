"""Staff type in returned paper questionnaires: one page with every question, fast by keyboard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from districts.models import Membership
from surveys.collection_views import SurveyMixin
from surveys.family_form import SurveyStructure, submit_response
from surveys.languages import GERMAN
from surveys.models import TEXT_MAX_LENGTH, Response, Survey
from surveys.paper_forms import (
    PaperReading,
    PaperSetupForm,
    entry_questions,
    read_paper_entry,
)

# Paper comes back after the survey closed; a draft has no questionnaire yet and an
# archived survey's numbers are final.
ENTRY_STATUSES = (Survey.Status.OPEN, Survey.Status.CLOSED)


class PaperEntryView(SurveyMixin, TemplateView):
    required_role = Membership.Role.STAFF
    template_name = "surveys/paper_entry.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.survey.status not in ENTRY_STATUSES:
            return self.render_to_response(self.get_context_data())
        setup = PaperSetupForm(survey=self.survey, initial=self._remembered(request.GET))
        return self._show(setup, SurveyStructure.load(self.survey))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.survey.status not in ENTRY_STATUSES:
            return self.render_to_response(self.get_context_data(), status=400)
        structure = SurveyStructure.load(self.survey)
        setup = PaperSetupForm(request.POST, survey=self.survey)
        reading = read_paper_entry(structure, request.POST)
        if not setup.is_valid() or not reading.valid:
            status = 400 if setup.tampered or reading.tampered else 200
            return self._show(setup, structure, reading, request.POST, status=status)
        point = setup.cleaned_data["collection_point"]
        language = setup.cleaned_data["language"]
        stored = submit_response(
            structure,
            collection_point=point,
            language=language,
            answers=reading.answers,
            channel=Response.Channel.PAPER,
        )
        messages.success(
            request,
            _("Questionnaire saved (no. %(number)s today).")
            % {"number": self._entered_today(stored.submitted_on)},
        )
        url = reverse(
            "surveys:paper_entry",
            kwargs={"district": self.district.slug, "survey": self.survey.pk},
        )
        return redirect(f"{url}?{urlencode({'stelle': point.pk, 'sprache': language})}")

    def _remembered(self, query: QueryDict) -> dict[str, Any]:
        """The collection point and language of the last entry, carried in the address."""
        points = list(
            self.survey.collection_points.filter(is_active=True).values_list("pk", flat=True)
        )
        point = query.get("stelle", "")
        language = query.get("sprache", "")
        return {
            "collection_point": int(point)
            if point.isdigit() and int(point) in points
            else (points[0] if len(points) == 1 else None),
            "language": language if self.survey.offers(language) else GERMAN,
        }

    def _entered_today(self, day: Any = None) -> int:
        return Response.objects.filter(
            survey=self.survey,
            channel=Response.Channel.PAPER,
            submitted_on=day or timezone.localdate(),
        ).count()

    def _show(
        self,
        setup: PaperSetupForm,
        structure: SurveyStructure,
        reading: PaperReading | None = None,
        data: QueryDict | None = None,
        status: int = 200,
    ) -> HttpResponse:
        errors = reading.errors if reading else {}
        questions = entry_questions(structure, data, errors)
        # After a save the place is already set: the first question gets the focus.
        focus_first_question = bool(setup.initial.get("collection_point")) and data is None
        if data is None and not focus_first_question:
            setup.fields["collection_point"].widget.attrs["autofocus"] = True
        context = self.get_context_data(
            setup=setup,
            questions=questions,
            error_list=[q for q in questions if q.error],
            stray=reading.stray if reading else [],
            entered_today=self._entered_today(),
            text_max_length=TEXT_MAX_LENGTH,
            focus_first_question=focus_first_question,
        )
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {
            **context,
            "takes_entries": self.survey.status in ENTRY_STATUSES,
            "languages": self.survey.offered_languages,
        }
