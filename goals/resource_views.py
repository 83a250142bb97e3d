"""Which resources are available? The overview of a district's resources, and their forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, F, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from districts.models import Membership
from districts.scoping import DistrictFormMixin, DistrictMixin
from goals.models import Resource
from goals.resource_forms import ResourceFilterForm, ResourceForm

BUDGET, STAFF_HOURS = Resource.Kind.BUDGET, Resource.Kind.STAFF_HOURS


def resource_totals(resources: QuerySet[Resource]) -> dict[str, Any]:
    """Sums counted in the database: per year, per kind, per goal and per funding source.

    Budgets are € per year and staff hours are hours per week, so they are summed
    separately and never added across kinds.
    """
    sums = {
        "n": Count("pk"),
        "budget": Sum("amount", filter=Q(kind=BUDGET)),
        "hours": Sum("amount", filter=Q(kind=STAFF_HOURS)),
    }
    plain = resources.order_by()
    return {
        "per_year": list(
            plain.filter(kind__in=[BUDGET, STAFF_HOURS])
            .values("year")
            .annotate(**sums)
            .order_by(F("year").asc(nulls_last=True))
        ),
        "per_kind": {row["kind"]: row["n"] for row in plain.values("kind").annotate(n=Count("pk"))},
        "per_goal": list(
            plain.values("goal_id", "goal__title")
            .annotate(**sums)
            .order_by(F("goal__title").asc(nulls_last=True))
        ),
        "per_source": list(
            plain.values("funding_source").annotate(**sums).order_by("-budget", "funding_source")
        ),
    }


class ResourceListView(DistrictMixin, ListView):
    model = Resource
    template_name = "goals/resource_list.html"
    context_object_name = "resources"

    def get_queryset(self) -> QuerySet[Resource]:
        resources = super().get_queryset()
        years = list(
            resources.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
        )
        self.filter_form = ResourceFilterForm(
            self.request.GET or None, district=self.district, years=years
        )
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["kind"]:
                resources = resources.filter(kind=data["kind"])
            if data["year"]:
                resources = resources.filter(year=data["year"])
            if data["goal"]:
                resources = resources.filter(goal=data["goal"])
        self.filtered = resources
        return resources.select_related("goal", "provider").order_by(
            "kind", F("year").desc(nulls_last=True), "description"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        totals = resource_totals(self.filtered)
        context.update(
            filter_form=self.filter_form,
            is_filtered=self.filter_form.is_bound and self.filter_form.has_changed(),
            totals=totals,
            kind_counts=[
                (label, totals["per_kind"].get(kind, 0)) for kind, label in Resource.Kind.choices
            ],
        )
        return context


class ResourceFormViewMixin(DistrictFormMixin):
    model = Resource
    form_class = ResourceForm
    pk_url_kwarg = "resource"
    template_name = "goals/resource_form.html"

    def get_success_url(self) -> str:
        messages.success(self.request, _("The resource has been saved."))
        return reverse("goals:resources", kwargs={"district": self.district.slug})


class ResourceCreateView(ResourceFormViewMixin, CreateView):
    pass


class ResourceUpdateView(ResourceFormViewMixin, UpdateView):
    pass


class ResourceDeleteView(DistrictMixin, DeleteView):
    model = Resource
    pk_url_kwarg = "resource"
    required_role = Membership.Role.STAFF
    template_name = "goals/resource_confirm_delete.html"

    def get_success_url(self) -> str:
        messages.success(self.request, _("The resource has been deleted."))
        return reverse("goals:resources", kwargs={"district": self.district.slug})
