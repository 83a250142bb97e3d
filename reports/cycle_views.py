"""The yearly strategy cycle: where the district stands in this cycle compared with the last,
closing it (coordinators), and the frozen figures of every closed cycle.

The rules live in reports/cycle.py; these views show figures and report the outcome.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from districts.models import Membership
from districts.scoping import DistrictMixin
from reports.cycle import (
    close_cycle,
    compare_summaries,
    current_cycle,
    cycle_figures,
    figures_view,
    next_title,
)
from reports.models import Finding, StrategyCycle


def _user_name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class CycleMixin:
    """The district's cycles; every view here resolves the district first (DistrictMixin)."""

    district: Any

    def cycles(self) -> Any:
        return StrategyCycle.objects.for_district(self.district)

    def closed_cycles(self) -> list[StrategyCycle]:
        return list(
            self.cycles()
            .filter(closed_on__isnull=False)
            .select_related("closed_by")
            .order_by("-closed_on", "-pk")
        )

    def cycle_url(self) -> str:
        return reverse("reports:cycle", kwargs={"district": self.district.slug})


class CycleView(CycleMixin, DistrictMixin, TemplateView):
    """This cycle's figures so far next to the frozen figures of the last closed one."""

    template_name = "reports/cycle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        cycle = current_cycle(self.district)
        live = cycle_figures(self.district, cycle.started_on, timezone.localdate())
        closed = self.closed_cycles()
        previous = closed[0] if closed else None
        return {
            **super().get_context_data(**kwargs),
            "cycle": cycle,
            "live": figures_view(live),
            "previous": previous,
            "previous_figures": figures_view(previous.summary) if previous else None,
            "previous_closed_by": _user_name(previous.closed_by) if previous else "",
            "rows": compare_summaries(previous.summary, live) if previous else None,
            "closed_cycles": closed,
            "may_close": Membership.Role.allows(self.district_role, Membership.Role.COORDINATOR),
        }


class CycleDetailView(CycleMixin, DistrictMixin, TemplateView):
    """One closed cycle, read only: its frozen figures and the change from the cycle before."""

    template_name = "reports/cycle_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Another district's cycle is a 404 like one that does not exist.
        self.cycle = get_object_or_404(
            self.cycles().select_related("closed_by"), pk=kwargs["cycle"]
        )
        if self.cycle.is_open:
            return redirect(self.cycle_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        cycle = self.cycle
        before = (
            self.cycles()
            .filter(closed_on__isnull=False)
            .filter(
                Q(closed_on__lt=cycle.closed_on) | Q(closed_on=cycle.closed_on, pk__lt=cycle.pk)
            )
            .order_by("-closed_on", "-pk")
            .first()
        )
        return {
            **super().get_context_data(**kwargs),
            "cycle": cycle,
            "figures": figures_view(cycle.summary),
            "closed_by": _user_name(cycle.closed_by),
            "before": before,
            "rows": compare_summaries(before.summary, cycle.summary) if before else None,
        }


class CycleCloseForm(forms.Form):
    # The cycle the page showed: a second tab or a second click must not close the next one.
    cycle = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Title of the next cycle"),
        max_length=100,
        help_text=_("For example the year it covers."),
    )


class CycleCloseView(CycleMixin, DistrictMixin, FormView):
    """GET: what closing means and the figures that will be frozen. POST: close it."""

    template_name = "reports/cycle_close.html"
    form_class = CycleCloseForm
    required_role = Membership.Role.COORDINATOR

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.cycle: StrategyCycle | None = None
        return super().dispatch(request, *args, **kwargs)

    def shown_cycle(self) -> StrategyCycle:
        if self.cycle is None:
            self.cycle = current_cycle(self.district)
        return self.cycle

    def get_initial(self) -> dict[str, Any]:
        cycle = self.shown_cycle()
        return {"cycle": cycle.pk, "title": next_title(cycle)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        cycle = self.shown_cycle()
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "cycle": cycle,
            "today": today,
            "live": figures_view(cycle_figures(self.district, cycle.started_on, today)),
            "waiting_findings": Finding.objects.for_district(self.district).waiting().count(),
            "cycle_url": self.cycle_url(),
        }

    def form_invalid(self, form: CycleCloseForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def _already_closed(self, cycle: StrategyCycle) -> HttpResponse:
        messages.info(
            self.request,
            gettext(
                "“%(title)s” was already closed on %(date)s. Nothing was changed; the cycle "
                "shown now is the one that followed it."
            )
            % {
                "title": cycle.title,
                "date": formats.date_format(cycle.closed_on, "SHORT_DATE_FORMAT"),
            },
        )
        return redirect(self.cycle_url())

    def form_valid(self, form: CycleCloseForm) -> HttpResponse:
        cycle = self.cycles().filter(pk=form.cleaned_data["cycle"]).first()
        if cycle is None:
            # Not a cycle of this district: a tampered form. Say so and change nothing.
            form.add_error(
                None,
                gettext("This cycle does not belong to this district. Nothing was closed."),
            )
            return self.form_invalid(form)
        if not cycle.is_open:
            return self._already_closed(cycle)
        try:
            following = close_cycle(
                cycle, by=self.request.user, next_title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            if error.code == "closed":
                cycle.refresh_from_db()
                return self._already_closed(cycle)
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "“%(closed)s” is closed and its figures are frozen. “%(next)s” has started; "
                "goals, offerings, findings and decisions carry over."
            )
            % {"closed": cycle.title, "next": following.title},
        )
        return redirect(self.cycle_url())
