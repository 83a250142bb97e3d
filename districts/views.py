from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, FormView, ListView, TemplateView, UpdateView

from districts.forms import MembershipInviteForm, MembershipRoleForm
from districts.home_panels import home_panels
from districts.invitations import membership_invite
from districts.models import District, Membership
from districts.next_actions import next_actions
from districts.scoping import DistrictFormMixin, DistrictMixin
from mitwirkung.legal.models import BarrierReport


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the district when there is one; otherwise a choice or a hint."""
    districts = list(District.objects.for_user(request.user))
    if len(districts) == 1 and not request.user.is_superuser:
        return redirect("districts:home", district=districts[0].slug)
    return render(request, "districts/district_choose.html", {"districts": districts})


class DistrictHomeView(DistrictMixin, TemplateView):
    template_name = "districts/district_home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["member_counts"] = Membership.objects.for_district(self.district).aggregate(
            total=Count("pk"),
            coordinators=Count("pk", filter=Q(role=Membership.Role.COORDINATOR)),
            staff=Count("pk", filter=Q(role=Membership.Role.STAFF)),
            viewers=Count("pk", filter=Q(role=Membership.Role.VIEWER)),
            providers=Count("pk", filter=Q(role=Membership.Role.PROVIDER)),
        )
        context["panels"] = home_panels(self.district)
        for step_panels in context["panels"].values():
            for panel in step_panels:
                context.update(panel.context)
        # The next steps link to pages where something is done: for those who may do it.
        if Membership.Role.allows(self.district_role, Membership.Role.STAFF):
            context["next_actions"] = next_actions(self.district, timezone.localdate())
        if Membership.Role.allows(self.district_role, Membership.Role.COORDINATOR):
            context["open_barrier_reports"] = (
                BarrierReport.objects.for_user(self.request.user)
                .filter(district=self.district)
                .open()
                .count()
            )
        return context


class MembershipListView(DistrictMixin, ListView):
    model = Membership
    required_role = Membership.Role.COORDINATOR
    template_name = "districts/membership_list.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("user", "stakeholder")


class MembershipCreateView(DistrictFormMixin, FormView):
    form_class = MembershipInviteForm
    required_role = Membership.Role.COORDINATOR
    template_name = "districts/membership_form.html"

    def form_valid(self, form: MembershipInviteForm) -> HttpResponse:
        membership = membership_invite(
            district=self.district,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            request=self.request,
            **form.provider_options(),
        )
        messages.success(
            self.request,
            _(
                "%(person)s is now a member of %(district)s. An e-mail with the login details is on its way."
            )
            % {
                "person": membership.user.get_full_name() or membership.user.email,
                "district": self.district,
            },
        )
        return redirect("districts:members", district=self.district.slug)


class MembershipUpdateView(DistrictFormMixin, UpdateView):
    model = Membership
    form_class = MembershipRoleForm
    required_role = Membership.Role.COORDINATOR
    pk_url_kwarg = "membership"
    template_name = "districts/membership_form.html"

    def get_success_url(self) -> str:
        messages.success(self.request, _("The role has been changed."))
        return reverse("districts:members", kwargs={"district": self.district.slug})


class MembershipDeleteView(DistrictMixin, DeleteView):
    model = Membership
    required_role = Membership.Role.COORDINATOR
    pk_url_kwarg = "membership"
    template_name = "districts/membership_confirm_delete.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        membership = self.get_object()
        if membership.is_last_coordinator():
            messages.error(
                request,
                _("The district needs at least one coordinator. Appoint another one first."),
            )
            return redirect("districts:members", district=self.district.slug)
        return super().post(request, *args, **kwargs)

    def get_success_url(self) -> str:
        messages.success(self.request, _("The person is no longer a member of the district."))
        return reverse("districts:members", kwargs={"district": self.district.slug})
