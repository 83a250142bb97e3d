"""Indicators, their values and the turn-the-curve sheet; the data development agenda."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.db.models import F, Q, QuerySet
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, TemplateView, UpdateView

from districts.models import District, Membership
from districts.scoping import DistrictFormMixin, DistrictMixin
from goals.charts import format_number, indicator_chart
from goals.indicator_forms import (
    CurveActionForm,
    CurvePartnerForm,
    CurveStoryForm,
    IndicatorForm,
    IndicatorValueForm,
)
from goals.models import ActionGoal, CurveAction, CurvePartner, Indicator, IndicatorValue

OPEN_ACTION_STATUSES = {CurveAction.Status.PLANNED, CurveAction.Status.IN_PROGRESS}
# PHINEO: steps 1–3 are output, 4–6 outcome, 7 impact.
IMPACT_BANDS = {1: "output", 2: "output", 3: "output", 4: "outcome", 5: "outcome", 6: "outcome"}


def goal_url(district: District, goal: ActionGoal) -> str | None:
    """The goal's page, while the goal pages may not be wired up yet."""
    try:
        return reverse("goals:detail", kwargs={"district": district.slug, "goal": goal.pk})
    except NoReverseMatch:
        return None


def reverse_agenda(district: District) -> str:
    return reverse("goals:data_agenda", kwargs={"district": district.slug})


def unit_suffix(indicator: Indicator) -> str:
    """% and € follow a number; "people" or "points" read better as a column heading."""
    if indicator.unit in {Indicator.Unit.PERCENT, Indicator.Unit.EURO}:
        return str(indicator.get_unit_display())
    return ""


def value_with_unit(indicator: Indicator, value: float | None) -> str:
    if value is None:
        return ""
    suffix = unit_suffix(indicator)
    return f"{format_number(value)} {suffix}" if suffix else format_number(value)


def indicator_url(indicator: Indicator, district: District, anchor: str = "") -> str:
    url = reverse(
        "goals:indicator_detail", kwargs={"district": district.slug, "indicator": indicator.pk}
    )
    return f"{url}#{anchor}" if anchor else url


def impact_staircase(level: int) -> list[dict[str, Any]]:
    """The seven steps, top step first, with the indicator's step marked."""
    band_labels = {"output": "Output", "outcome": "Outcome", "impact": "Impact"}
    steps = []
    for number, label in reversed(Indicator.ImpactLevel.choices):
        band = IMPACT_BANDS.get(number, "impact")
        steps.append(
            {
                "level": number,
                "label": str(label).split(" ", 1)[-1],
                "band": band_labels[band],
                "current": number == level,
                "indent": (number - 1) * 4,
            }
        )
    return steps


def change_history(indicator: Indicator, limit: int = 10) -> list[dict[str, Any]]:
    """Who changed what and when, newest first; the records are diffed in memory."""
    records = list(
        indicator.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(entries) == limit:
            break
        if older is None or newer.history_type == "+":
            what = [_("Created")]
        else:
            delta = newer.diff_against(older, excluded_fields=["updated_at", "created_at"])
            what = [
                str(Indicator._meta.get_field(change.field).verbose_name)
                for change in delta.changes
            ]
            if not what:
                continue
        user = newer.history_user
        entries.append(
            {
                "at": newer.history_date,
                "who": (user.get_full_name() or user.get_username()) if user else "",
                "what": what,
            }
        )
    return entries


class IndicatorMixin(DistrictMixin):
    """Pages below one indicator: it is found among the district's indicators only."""

    def get_indicator(self) -> Indicator:
        if not hasattr(self, "indicator"):
            self.indicator = get_object_or_404(
                Indicator.objects.for_district(self.district).select_related("goal"),
                pk=self.kwargs["indicator"],
            )
        return self.indicator

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "indicator": self.get_indicator()}

    def get_success_url(self) -> str:
        return indicator_url(self.get_indicator(), self.district, getattr(self, "anchor", ""))


class IndicatorDetailView(DistrictMixin, DetailView):
    """The turn-the-curve sheet: curve, state, story, partners, what works, action plan."""

    model = Indicator
    pk_url_kwarg = "indicator"
    context_object_name = "indicator"
    template_name = "goals/indicator_detail.html"

    def get_queryset(self) -> QuerySet[Indicator]:
        return super().get_queryset().with_latest().select_related("goal")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        indicator: Indicator = self.object
        values = list(indicator.values.select_related("entered_by"))
        for value in values:
            value.display = format_number(value.value)  # type: ignore[attr-defined]
        state = indicator.state()
        today = timezone.localdate()
        actions = list(indicator.actions.select_related("who"))
        for action in actions:
            action.overdue = bool(  # type: ignore[attr-defined]
                action.due_on and action.due_on < today and action.status in OPEN_ACTION_STATUSES
            )
        context.update(
            goal_url=goal_url(self.district, indicator.goal),
            values=values,
            state=state,
            chart=indicator_chart(indicator, values),
            staircase=impact_staircase(indicator.impact_level),
            is_population=indicator.kind == Indicator.Kind.POPULATION,
            baseline=value_with_unit(indicator, indicator.baseline_value),
            target=value_with_unit(indicator, indicator.target_value),
            expected=value_with_unit(indicator, state.expected),
            partners=list(indicator.partners.select_related("stakeholder")),
            actions=actions,
            history=change_history(indicator),
        )
        return context


class IndicatorCreateView(DistrictFormMixin, CreateView):
    model = Indicator
    form_class = IndicatorForm
    template_name = "goals/indicator_form.html"

    def get_goal(self) -> ActionGoal:
        if not hasattr(self, "goal"):
            self.goal = get_object_or_404(
                ActionGoal.objects.for_district(self.district), pk=self.kwargs["goal"]
            )
        return self.goal

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "goal": self.get_goal()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        goal = self.get_goal()
        return {
            **super().get_context_data(**kwargs),
            "goal": goal,
            "cancel_url": goal_url(self.district, goal) or reverse_agenda(self.district),
        }

    def form_valid(self, form: BaseForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request, _("The indicator has been added. Now enter its first values.")
        )
        return response

    def get_success_url(self) -> str:
        return indicator_url(self.object, self.district)


class IndicatorUpdateView(DistrictFormMixin, UpdateView):
    model = Indicator
    form_class = IndicatorForm
    pk_url_kwarg = "indicator"
    template_name = "goals/indicator_form.html"

    def get_queryset(self) -> QuerySet[Indicator]:
        return super().get_queryset().select_related("goal")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "goal": self.object.goal,
            "cancel_url": indicator_url(self.object, self.district),
        }

    def get_success_url(self) -> str:
        messages.success(self.request, _("The indicator has been saved."))
        return indicator_url(self.object, self.district)


class IndicatorDeleteView(DistrictMixin, DeleteView):
    model = Indicator
    pk_url_kwarg = "indicator"
    required_role = Membership.Role.STAFF
    template_name = "goals/indicator_confirm_delete.html"

    def get_queryset(self) -> QuerySet[Indicator]:
        return super().get_queryset().select_related("goal")

    def get_success_url(self) -> str:
        messages.success(self.request, _("The indicator has been deleted."))
        return goal_url(self.district, self.object.goal) or reverse_agenda(self.district)


class CurveUpdateView(DistrictFormMixin, UpdateView):
    """The story behind the curve and what works."""

    model = Indicator
    form_class = CurveStoryForm
    pk_url_kwarg = "indicator"
    template_name = "goals/curve_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "indicator": self.object,
            "title": _("Story behind the curve and what works"),
            "cancel_url": indicator_url(self.object, self.district, "story"),
        }

    def get_success_url(self) -> str:
        messages.success(self.request, _("The turn-the-curve sheet has been saved."))
        return indicator_url(self.object, self.district, "story")


class IndicatorChildCreateView(IndicatorMixin, DistrictFormMixin, CreateView):
    """Adds a value, a partner or an action to one indicator."""

    required_role = Membership.Role.STAFF
    template_name = "goals/curve_form.html"
    title: str | Promise = ""
    intro: str | Promise = ""
    done: str | Promise = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "indicator": self.get_indicator()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "intro": self.intro,
            "cancel_url": indicator_url(self.get_indicator(), self.district, self.anchor),
        }

    def form_valid(self, form: BaseForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, self.done)
        return response


class ValueCreateView(IndicatorChildCreateView):
    model = IndicatorValue
    form_class = IndicatorValueForm
    anchor = "values"
    title = gettext_lazy("Enter a value")
    done = gettext_lazy("The value has been saved.")

    def form_valid(self, form: BaseForm) -> HttpResponse:
        form.instance.entered_by = self.request.user  # type: ignore[attr-defined]
        return super().form_valid(form)


class PartnerCreateView(IndicatorChildCreateView):
    model = CurvePartner
    form_class = CurvePartnerForm
    anchor = "partners"
    title = gettext_lazy("Add a partner")
    intro = gettext_lazy("Who has a role to play in turning the curve?")
    done = gettext_lazy("The partner has been added.")


class ActionCreateView(IndicatorChildCreateView):
    model = CurveAction
    form_class = CurveActionForm
    anchor = "actions"
    title = gettext_lazy("Add an action")
    intro = gettext_lazy("What will be done, by whom and by when?")
    done = gettext_lazy("The action has been added.")


class IndicatorChildMixin(DistrictMixin):
    """Values, partners and actions are found through their indicator's district."""

    anchor = ""

    def get_queryset(self) -> QuerySet[Any]:
        return self.model.objects.filter(  # type: ignore[attr-defined]
            indicator__goal__district=self.district
        ).select_related("indicator")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        indicator = self.object.indicator  # type: ignore[attr-defined]
        return {
            **super().get_context_data(**kwargs),
            "indicator": indicator,
            "cancel_url": indicator_url(indicator, self.district, self.anchor),
        }

    def get_success_url(self) -> str:
        return indicator_url(self.object.indicator, self.district, self.anchor)  # type: ignore[attr-defined]


class ActionUpdateView(IndicatorChildMixin, DistrictFormMixin, UpdateView):
    model = CurveAction
    form_class = CurveActionForm
    pk_url_kwarg = "action"
    anchor = "actions"
    required_role = Membership.Role.STAFF
    template_name = "goals/curve_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "title": _("Change the action")}

    def form_valid(self, form: BaseForm) -> HttpResponse:
        messages.success(self.request, _("The action has been saved."))
        return super().form_valid(form)


class IndicatorChildDeleteView(IndicatorChildMixin, DeleteView):
    required_role = Membership.Role.STAFF
    template_name = "goals/curve_confirm_delete.html"
    question: str | Promise = ""
    done: str | Promise = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "question": self.question,
            "object_label": self.describe(self.object),
        }

    def describe(self, obj: Any) -> str:
        return str(obj)

    def form_valid(self, form: BaseForm) -> HttpResponse:
        messages.success(self.request, self.done)
        return super().form_valid(form)


class ValueDeleteView(IndicatorChildDeleteView):
    model = IndicatorValue
    pk_url_kwarg = "value"
    anchor = "values"
    question = gettext_lazy("Delete this value?")
    done = gettext_lazy("The value has been deleted.")

    def describe(self, obj: IndicatorValue) -> str:
        return _("%(value)s on %(day)s") % {
            "value": value_with_unit(obj.indicator, obj.value),
            "day": formats.date_format(obj.measured_on, "SHORT_DATE_FORMAT"),
        }


class PartnerDeleteView(IndicatorChildDeleteView):
    model = CurvePartner
    pk_url_kwarg = "partner"
    anchor = "partners"
    question = gettext_lazy("Remove this partner from the sheet?")
    done = gettext_lazy("The partner has been removed.")

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("stakeholder")


class ActionDeleteView(IndicatorChildDeleteView):
    model = CurveAction
    pk_url_kwarg = "action"
    anchor = "actions"
    question = gettext_lazy("Delete this action?")
    done = gettext_lazy("The action has been deleted.")


class DataAgendaView(DistrictMixin, TemplateView):
    """Where data is missing: goals without an indicator, stale indicators, no baseline or target."""

    template_name = "goals/data_agenda.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        goals = ActionGoal.objects.for_district(self.district).current()
        indicators = (
            Indicator.objects.for_district(self.district)
            .exclude(goal__status=ActionGoal.Status.DROPPED)
            .select_related("goal")
        )
        context.update(
            today=today,
            stale_since=today - datetime.timedelta(days=365),
            goals_without_indicators=[
                (goal, goal_url(self.district, goal)) for goal in goals.without_indicators()
            ],
            stale_indicators=list(
                indicators.stale(today).order_by(F("newest_on").asc(nulls_first=True), "name")
            ),
            incomplete_indicators=list(
                indicators.filter(
                    Q(baseline_value__isnull=True)
                    | Q(baseline_on__isnull=True)
                    | Q(target_value__isnull=True)
                    | Q(target_on__isnull=True)
                ).order_by("goal__title", "name")
            ),
        )
        return context
