"""The participation monitor and its targets: every member reads, staff set and delete targets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, TemplateView

from districts.models import District, Membership
from districts.scoping import DistrictFormMixin
from surveys.collection_views import SurveyMixin
from surveys.models import ParticipationTarget, Survey
from surveys.participation import participation, target_label
from surveys.participation_forms import ParticipationTargetForm


def participation_url(district: District, survey: Survey, anchor: str = "") -> str:
    url = reverse("surveys:participation", kwargs={"district": district.slug, "survey": survey.pk})
    return f"{url}#{anchor}" if anchor else url


class ParticipationView(SurveyMixin, TemplateView):
    template_name = "surveys/participation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "monitor": participation(self.survey),
            "accepts_responses": self.survey.accepts_responses(),
        }


class TargetCreateView(SurveyMixin, DistrictFormMixin, CreateView):
    form_class = ParticipationTargetForm
    template_name = "surveys/participation_target_form.html"
    required_role = Membership.Role.STAFF

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "survey": self.survey}

    def form_valid(self, form: ParticipationTargetForm) -> HttpResponse:
        self.object = form.save()
        messages.success(self.request, _("The target has been added."))
        return redirect(participation_url(self.district, self.survey, "targets"))


class TargetDeleteView(SurveyMixin, DeleteView):
    """A target of another survey is not found here (404)."""

    template_name = "surveys/participation_target_confirm_delete.html"
    required_role = Membership.Role.STAFF
    pk_url_kwarg = "target"
    context_object_name = "target"

    def get_queryset(self) -> QuerySet[ParticipationTarget]:
        return self.survey.targets.select_related(
            "area", "collection_point__offering", "collection_point__place__offering"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "label": target_label(self.object)}

    def form_valid(self, form: Any) -> HttpResponse:
        self.object.delete()
        messages.success(self.request, _("The target has been deleted."))
        return redirect(participation_url(self.district, self.survey, "targets"))
