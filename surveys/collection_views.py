"""Collection points of a survey: short links staff hand out; viewers read, staff write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView

from districts.models import District, Membership
from districts.scoping import DistrictFormMixin, DistrictMixin
from surveys.collection_forms import CollectionPointEditForm, CollectionPointForm
from surveys.models import CollectionPoint, Survey
from surveys.response_stats import collection_points_with_counts


class SurveyMixin(DistrictMixin):
    """Resolves the survey right after the district: a survey of another district is a 404."""

    survey: Survey

    def get_district(self) -> District:
        district = super().get_district()
        self.survey = get_object_or_404(
            Survey.objects.for_district(district), pk=self.kwargs["survey"]
        )
        return district

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "survey": self.survey}


def collection_points_url(district: District, survey: Survey) -> str:
    return reverse(
        "surveys:collection_points", kwargs={"district": district.slug, "survey": survey.pk}
    )


class CollectionPointListView(SurveyMixin, TemplateView):
    template_name = "surveys/collection_points.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        points = list(collection_points_with_counts(self.survey))
        may_edit = Membership.Role.allows(self.district_role, Membership.Role.STAFF)
        return {
            **context,
            "collection_points": [
                (point, self.request.build_absolute_uri(point.get_absolute_url()))
                for point in points
            ],
            "form": CollectionPointForm(district=self.district, survey=self.survey)
            if may_edit
            else None,
            "accepts_responses": self.survey.accepts_responses(),
        }


class _CollectionPointFormMixin(SurveyMixin, DistrictFormMixin):
    required_role = Membership.Role.STAFF
    template_name = "surveys/collection_point_form.html"

    def get_success_url(self) -> str:
        return collection_points_url(self.district, self.survey)


class CollectionPointCreateView(_CollectionPointFormMixin, CreateView):
    form_class = CollectionPointForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "survey": self.survey}

    def form_valid(self, form: CollectionPointForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("The collection point “%(name)s” has its link: %(code)s")
            % {"name": self.object, "code": self.object.display_code},
        )
        return response


class CollectionPointEditView(_CollectionPointFormMixin, UpdateView):
    form_class = CollectionPointEditForm
    pk_url_kwarg = "collection_point"

    def get_queryset(self) -> QuerySet[CollectionPoint]:
        return self.survey.collection_points.select_related("offering", "place")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {**context, "has_responses": self.object.responses.exists()}

    def form_valid(self, form: CollectionPointEditForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("The collection point has been saved."))
        return response


class CollectionPointDeleteView(SurveyMixin, DeleteView):
    """Only a collection point without responses can go; one with responses is deactivated."""

    required_role = Membership.Role.STAFF
    template_name = "surveys/collection_point_confirm_delete.html"
    pk_url_kwarg = "collection_point"

    def get_queryset(self) -> QuerySet[CollectionPoint]:
        return self.survey.collection_points.all()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        if self.object.responses.exists():
            return self._refuse()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        name = str(self.object)
        try:
            self.object.delete()
        except ProtectedError:  # a family answered here since the page was loaded
            return self._refuse()
        messages.success(
            self.request, _("The collection point “%(name)s” has been deleted.") % {"name": name}
        )
        return redirect(collection_points_url(self.district, self.survey))

    def _refuse(self) -> HttpResponse:
        messages.warning(
            self.request,
            _(
                "Families have answered through this collection point, so it stays. "
                "Deactivate it instead."
            ),
        )
        return redirect(
            "surveys:collection_point_edit",
            district=self.district.slug,
            survey=self.survey.pk,
            collection_point=self.object.pk,
        )
