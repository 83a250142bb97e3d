"""Places, goal links and resources of an offering: small add and remove pages, staff only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView

from districts.models import Membership
from districts.scoping import DistrictMixin
from offerings.catalogue_views import offering_detail_url
from offerings.forms import (
    OfferingGoalForm,
    OfferingPlaceForm,
    OfferingResourceForm,
)
from offerings.models import (
    Offering,
    OfferingGoal,
    OfferingPlace,
    OfferingResource,
)


class _PartMixin(DistrictMixin):
    """A row of an offering. Providers propose changes to the offering's own fields only."""

    required_role = Membership.Role.STAFF
    template_name = "offerings/offering_part_form.html"
    heading = ""
    anchor = ""

    def visible_offerings(self) -> QuerySet[Offering]:
        return Offering.objects.visible_to(self.request.user, self.district)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "offering": self.offering,
            "heading": self.heading,
        }

    def get_success_url(self) -> str:
        return offering_detail_url(self.offering, self.anchor)


class _PartCreateView(_PartMixin, CreateView):
    added = ""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        self.offering = get_object_or_404(self.visible_offerings(), pk=kwargs["offering"])
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        self.offering = get_object_or_404(self.visible_offerings(), pk=kwargs["offering"])
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "district": self.district, "offering": self.offering}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, self.added)
        return response


class _PartDeleteView(_PartMixin, DeleteView):
    template_name = "offerings/offering_part_confirm_delete.html"
    removed = ""

    def get_queryset(self) -> QuerySet[Any]:
        return self.model.objects.filter(  # type: ignore[attr-defined]
            offering__in=self.visible_offerings()
        ).select_related("offering__district")

    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        self.offering = obj.offering
        return obj

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, self.removed)
        return response


class PlaceAddView(_PartCreateView):
    form_class = OfferingPlaceForm
    anchor = "places"

    @property
    def heading(self) -> str:  # type: ignore[override]
        return _("Add a place")

    @property
    def added(self) -> str:  # type: ignore[override]
        return _("The place has been added.")


class PlaceDeleteView(_PartDeleteView):
    model = OfferingPlace
    pk_url_kwarg = "place"
    anchor = "places"

    @property
    def heading(self) -> str:  # type: ignore[override]
        return _("Remove place")

    @property
    def removed(self) -> str:  # type: ignore[override]
        return _("The place has been removed.")


class GoalLinkAddView(_PartCreateView):
    form_class = OfferingGoalForm
    anchor = "goals"

    @property
    def heading(self) -> str:  # type: ignore[override]
        return _("Link to a goal")

    @property
    def added(self) -> str:  # type: ignore[override]
        return _("The offering now contributes to the goal.")


class GoalLinkDeleteView(_PartDeleteView):
    model = OfferingGoal
    pk_url_kwarg = "link"
    anchor = "goals"

    @property
    def heading(self) -> str:  # type: ignore[override]
        return _("Remove link to a goal")

    @property
    def removed(self) -> str:  # type: ignore[override]
        return _("The link to the goal has been removed.")


class ResourceAddView(_PartCreateView):
    form_class = OfferingResourceForm
    anchor = "resources"

    @property
    def heading(self) -> str:  # type: ignore[override]
        return _("Add a resource")

    @property
    def added(self) -> str:  # type: ignore[override]
        return _("The resource has been added.")


class ResourceDeleteView(_PartDeleteView):
    model = OfferingResource
    pk_url_kwarg = "offering_resource"
    anchor = "resources"

    @property
    def heading(self) -> str:  # type: ignore[override]
        return _("Remove resource")

    @property
    def removed(self) -> str:  # type: ignore[override]
        return _("The resource has been removed.")
