"""Who is at the table: the stakeholders of a district, grouped by sector, with the gaps."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from districts.models import District, Membership, Sector, Stakeholder
from districts.scoping import DistrictFormMixin, DistrictMixin
from districts.stakeholder_forms import StakeholderFilterForm, StakeholderForm, duplicate_name

_DIALABLE = re.compile(r"\s*(\+?[\d\s/().-]+)")


def tel_uri(phone: str) -> str:
    """The `tel:` link for a phone number typed as free text ("030 1234-56 (Mo–Fr)"), or ""."""
    match = _DIALABLE.match(phone)
    if not match:
        return ""
    number = match.group(1).strip()
    digits = re.sub(r"\D", "", number)
    if len(digits) < 3:
        return ""
    return "tel:" + ("+" if number.startswith("+") else "") + digits


def goal_url(district: District, goal_pk: int) -> str | None:
    """The goal's page, once the goals app provides one."""
    try:
        return reverse("goals:detail", kwargs={"district": district.slug, "goal": goal_pk})
    except NoReverseMatch:
        return None


def sectors_of(district: District) -> list[Sector]:
    """Sectors in use, plus retired ones the district still has organisations in.

    Each carries `stakeholder_count`: how many of the district's organisations belong to it.
    """
    in_district = Q(stakeholders__district=district)
    used = Stakeholder.objects.filter(district=district, sector=OuterRef("pk"))
    return list(
        Sector.objects.filter(Q(is_active=True) | Exists(used))
        .annotate(stakeholder_count=Count("stakeholders", filter=in_district))
        .order_by("position", "name_de")
    )


class StakeholderListView(DistrictMixin, ListView):
    model = Stakeholder
    template_name = "districts/stakeholder_list.html"

    def get_queryset(self) -> QuerySet[Stakeholder]:
        self.sectors = sectors_of(self.district)
        self.filters = StakeholderFilterForm(self.request.GET, sectors=self.sectors)
        return self.filters.filter(super().get_queryset().select_related("sector"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        by_sector: dict[int, list[Stakeholder]] = defaultdict(list)
        for stakeholder in context["object_list"]:
            stakeholder.tel_uri = tel_uri(stakeholder.phone)
            by_sector[stakeholder.sector_id].append(stakeholder)

        chosen = self.filters.value("sector")
        groups = []
        for sector in self.sectors:
            found = by_sector.get(sector.pk, [])
            if chosen and sector.key != chosen:
                continue
            # A gap is only worth showing when the filters do not hide anyone of the sector.
            if not found and (self.filters.narrows or not sector.is_active):
                continue
            groups.append({"sector": sector, "stakeholders": found})

        active = [s for s in self.sectors if s.is_active]
        roles = Stakeholder.objects.for_district(self.district).aggregate(
            **{
                role.value: Count("pk", filter=Q(strategy_role=role))
                for role in Stakeholder.StrategyRole
            }
        )
        context.update(
            filters=self.filters,
            groups=groups,
            total=sum(s.stakeholder_count for s in self.sectors),
            sectors_total=len(active),
            sectors_covered=sum(1 for s in active if s.stakeholder_count),
            gaps=[s for s in active if not s.stakeholder_count],
            role_counts=[(role.label, roles[role.value]) for role in Stakeholder.StrategyRole],
        )
        return context


class StakeholderDetailView(DistrictMixin, DetailView):
    model = Stakeholder
    pk_url_kwarg = "stakeholder"
    template_name = "districts/stakeholder_detail.html"

    def get_queryset(self) -> QuerySet[Stakeholder]:
        return super().get_queryset().select_related("sector")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        stakeholder = self.object
        stakeholder.tel_uri = tel_uri(stakeholder.phone)
        goals = stakeholder.goals.filter(district=self.district).order_by("kind", "title")
        context["goals"] = [(goal, goal_url(self.district, goal.pk)) for goal in goals]
        return context


class _StakeholderFormView(DistrictFormMixin):
    model = Stakeholder
    form_class = StakeholderForm
    pk_url_kwarg = "stakeholder"
    template_name = "districts/stakeholder_form.html"
    success_message: Any

    def form_valid(self, form: StakeholderForm) -> HttpResponse:
        try:
            # Two people adding the same organisation at once: the second gets the message
            # the form gives, not an error page.
            with transaction.atomic():
                response = super().form_valid(form)  # type: ignore[misc]
        except IntegrityError:
            form.add_error("name", duplicate_name(self.district, form.cleaned_data["name"]))
            return self.form_invalid(form)  # type: ignore[attr-defined]
        messages.success(self.request, self.success_message % {"name": self.object.name})  # type: ignore[attr-defined]
        return response

    def get_success_url(self) -> str:
        sector = self.object.sector.key  # type: ignore[attr-defined]
        return (
            reverse("districts:stakeholders", kwargs={"district": self.district.slug})
            + f"#sector-{sector}"
        )


class StakeholderCreateView(_StakeholderFormView, CreateView):
    success_message = gettext_lazy("%(name)s has been added.")

    def get_initial(self) -> dict[str, Any]:
        # The "add one from this sector" link of a gap preselects the sector.
        sector = Sector.objects.filter(is_active=True, key=self.request.GET.get("sector")).first()
        return {**super().get_initial(), "sector": sector}


class StakeholderUpdateView(_StakeholderFormView, UpdateView):
    success_message = gettext_lazy("The changes to %(name)s have been saved.")


class StakeholderDeleteView(DistrictMixin, DeleteView):
    model = Stakeholder
    required_role = Membership.Role.STAFF
    pk_url_kwarg = "stakeholder"
    template_name = "districts/stakeholder_confirm_delete.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["goal_count"] = self.object.goals.count()
        context["partner_count"] = self.object.curve_roles.count()
        return context

    def get_success_url(self) -> str:
        messages.success(self.request, _("%(name)s has been deleted.") % {"name": self.object.name})
        return reverse("districts:stakeholders", kwargs={"district": self.district.slug})
