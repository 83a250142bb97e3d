"""Survey questions that feed goal indicators; the reports app computes the numbers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from districts.models import Membership
from goals.models import Indicator
from surveys.forms_indicators import ChooseQuestionForm, IndicatorLinkForm, linkable_questions
from surveys.models import IndicatorLink, Question
from surveys.survey_views import SurveyMixin


class IndicatorLinkMixin(SurveyMixin):
    def links_url(self) -> str:
        return reverse(
            "surveys:indicator_links",
            kwargs={"district": self.district.slug, "survey": self.get_survey().pk},
        )

    def links(self) -> QuerySet[IndicatorLink]:
        return (
            IndicatorLink.objects.filter(question__survey=self.get_survey())
            .select_related("indicator__goal", "question__page")
            .prefetch_related("options")
            .order_by("question__page__position", "question__position", "pk")
        )


class IndicatorLinkListView(IndicatorLinkMixin, TemplateView):
    template_name = "surveys/indicator_links.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        survey = self.get_survey()
        return {
            **super().get_context_data(**kwargs),
            "links": list(self.links()),
            "choose_form": ChooseQuestionForm(survey=survey),
            "has_indicators": Indicator.objects.for_district(self.district).exists(),
        }


class IndicatorLinkAddView(IndicatorLinkMixin, TemplateView):
    """Step one chooses the question (GET ?frage=), step two the indicator and the answers."""

    required_role = Membership.Role.STAFF
    template_name = "surveys/indicator_link_form.html"

    def chosen_question(self, data: Any) -> Question | None:
        raw = data.get("question") or data.get("frage") or ""
        if not str(raw).isdigit():
            return None
        return get_object_or_404(linkable_questions(self.get_survey()), pk=int(raw))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        survey = self.get_survey()
        question = self.chosen_question(request.GET)
        if question is None:
            form = ChooseQuestionForm(request.GET or None, survey=survey)
            return self.render_to_response(self.get_context_data(choose_form=form))
        form = IndicatorLinkForm(survey=survey, question=question)
        return self.render_to_response(self.get_context_data(form=form, question=question))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        survey = self.get_survey()
        question = self.chosen_question(request.POST)
        if question is None:
            return redirect(request.path)
        form = IndicatorLinkForm(request.POST, survey=survey, question=question)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, question=question))
        link = form.save()
        messages.success(
            request,
            _("The question now feeds the indicator “%(indicator)s”.")
            % {"indicator": link.indicator.name},
        )
        return redirect(self.links_url())


class IndicatorLinkDeleteView(IndicatorLinkMixin, TemplateView):
    required_role = Membership.Role.STAFF
    template_name = "surveys/indicator_link_confirm_delete.html"

    def get_link(self) -> IndicatorLink:
        return get_object_or_404(self.links(), indicator_id=self.kwargs["indicator"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "link": self.get_link()}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        link = self.get_link()
        indicator = link.indicator
        with transaction.atomic():
            link.delete()
            if indicator.source == Indicator.Source.SURVEY:
                # Nothing feeds it any more: values are entered by hand again.
                indicator.source = Indicator.Source.MANUAL
                indicator.save(update_fields=["source", "updated_at"])
        messages.success(request, _("The link to the indicator has been removed."))
        return redirect(self.links_url())
