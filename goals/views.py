"""Impact and action goals of a district: list, detail, edit, status workflow, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView, View

from districts.models import Area, Membership, Stakeholder
from districts.scoping import DistrictFormMixin, DistrictMixin
from goals.charts import indicator_chart
from goals.forms import ActionGoalForm, GoalFilterForm, StatusChangeForm
from goals.models import (
    ActionGoal,
    FieldOfAction,
    GoalStatusChange,
    Indicator,
    IndicatorValue,
    LifePhase,
    Resource,
    StrategicGoal,
    TargetGroup,
)
from mitwirkung.history import HistorySpec, history_page


def _url_or_none(name: str, **kwargs: Any) -> str | None:
    """Pages of indicators are built separately; until they exist, the link is left out."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _goal_queryset(goals: QuerySet[ActionGoal]) -> QuerySet[ActionGoal]:
    """Everything the goal cards show, in a fixed number of queries however many goals there are."""
    return goals.select_related("parent").prefetch_related(
        "fields_of_action",
        "target_groups",
        "life_phases",
        "areas",
        Prefetch("responsible", queryset=Stakeholder.objects.select_related("sector")),
        Prefetch("indicators", queryset=Indicator.objects.with_latest().order_by("pk")),
    )


def _attach_states(goal: ActionGoal) -> None:
    goal.indicator_list = list(goal.indicators.all())
    counts = {"on_track": 0, "off_track": 0, "no_data": 0}
    for indicator in goal.indicator_list:
        indicator.curve = indicator.state()
        counts[indicator.curve.key] += 1
    goal.state_counts = counts


@dataclass
class GoalNode:
    goal: ActionGoal
    children: list[ActionGoal] = field(default_factory=list)


@dataclass
class FieldGroup:
    field: FieldOfAction | None
    nodes: list[GoalNode]


def group_by_field(goals: list[ActionGoal], fields: list[FieldOfAction]) -> list[FieldGroup]:
    """Goals under each of their fields of action; a goal in two fields appears under both.

    Within a field, an action goal is nested under its impact goal when that impact goal is
    listed in the same field; otherwise it stands on its own and names its impact goal.
    """
    groups = []
    for field_of_action in [*fields, None]:
        if field_of_action is None:
            members = [g for g in goals if not g.fields_of_action.all()]
        else:
            members = [g for g in goals if field_of_action in g.fields_of_action.all()]
        if not members:
            continue
        ids = {g.pk for g in members}
        members.sort(key=lambda g: (g.kind != ActionGoal.Kind.IMPACT, g.title.casefold()))
        nodes = [
            GoalNode(g, [c for c in members if c.parent_id == g.pk])
            for g in members
            if not (g.kind == ActionGoal.Kind.ACTION and g.parent_id in ids)
        ]
        groups.append(FieldGroup(field_of_action, nodes))
    return groups


class GoalListView(DistrictMixin, ListView):
    model = ActionGoal
    template_name = "goals/goal_list.html"

    def get_queryset(self) -> QuerySet[ActionGoal]:
        self.filter_form = GoalFilterForm(self.request.GET or None, district=self.district)
        goals = self.filter_form.filter(super().get_queryset())
        return _goal_queryset(goals)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        goals = list(context["object_list"])
        for goal in goals:
            _attach_states(goal)
        chosen = getattr(self.filter_form, "cleaned_data", {}).get("field")
        fields = [chosen] if chosen else list(FieldOfAction.objects.all())
        context.update(
            goals=goals,
            groups=group_by_field(goals, fields),
            filter_form=self.filter_form,
            is_filtered=self.filter_form.is_filtered,
            has_goals=goals or ActionGoal.objects.for_district(self.district).exists(),
        )
        return context


class GoalScopedMixin(DistrictMixin):
    """Goal pages: the goal comes from the district's own goals, so another district's id is 404."""

    model = ActionGoal
    pk_url_kwarg = "goal"
    context_object_name = "goal"


class GoalDetailView(GoalScopedMixin, DetailView):
    template_name = "goals/goal_detail.html"

    def get_queryset(self) -> QuerySet[ActionGoal]:
        return _goal_queryset(super().get_queryset()).prefetch_related(
            Prefetch(
                "action_goals",
                queryset=ActionGoal.objects.order_by("title").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.with_latest())
                ),
            ),
            Prefetch("resources", queryset=Resource.objects.select_related("provider")),
            Prefetch("status_changes", queryset=GoalStatusChange.objects.select_related("by")),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        goal: ActionGoal = self.object
        slug = self.district.slug
        _attach_states(goal)
        for indicator in goal.indicator_list:
            indicator.url = _url_or_none(
                "goals:indicator_detail", district=slug, indicator=indicator.pk
            )
        for child in goal.action_goals.all():
            _attach_states(child)
        # One query for the values of all indicators, so every indicator gets its curve here too.
        values: dict[int, list[IndicatorValue]] = {i.pk: [] for i in goal.indicator_list}
        for value in IndicatorValue.objects.filter(indicator__in=goal.indicator_list).order_by(
            "measured_on", "pk"
        ):
            values[value.indicator_id].append(value)
        charts = [
            indicator_chart(indicator, values[indicator.pk])
            for indicator in goal.indicator_list
            if values[indicator.pk]
        ]
        can_edit = Membership.Role.allows(self.district_role, Membership.Role.STAFF)
        context.update(
            add_indicator_url=_url_or_none("goals:indicator_add", district=slug, goal=goal.pk),
            status_form=StatusChangeForm(goal=goal) if can_edit else None,
            resources=list(goal.resources.all()),
            status_changes=list(goal.status_changes.all()),
            charts=charts,
        )
        return context


class GoalCreateView(GoalScopedMixin, DistrictFormMixin, CreateView):
    required_role = Membership.Role.STAFF
    form_class = ActionGoalForm
    template_name = "goals/goal_form.html"

    def get_initial(self) -> dict[str, Any]:
        # "Add an action goal" on an impact goal's page pre-selects it; the form still checks it.
        initial = super().get_initial()
        if self.request.GET.get("parent", "").isdigit():
            initial.update(parent=int(self.request.GET["parent"]), kind=ActionGoal.Kind.ACTION)
        return initial

    def form_valid(self, form: ActionGoalForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("The goal has been created as a draft."))
        return response

    def get_success_url(self) -> str:
        return reverse(
            "goals:detail", kwargs={"district": self.district.slug, "goal": self.object.pk}
        )


class GoalUpdateView(GoalScopedMixin, DistrictFormMixin, UpdateView):
    required_role = Membership.Role.STAFF
    form_class = ActionGoalForm
    template_name = "goals/goal_form.html"

    def form_valid(self, form: ActionGoalForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("The goal has been saved."))
        return response

    def get_success_url(self) -> str:
        return reverse(
            "goals:detail", kwargs={"district": self.district.slug, "goal": self.object.pk}
        )


class GoalDeleteView(GoalScopedMixin, DeleteView):
    required_role = Membership.Role.STAFF
    template_name = "goals/goal_confirm_delete.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        goal: ActionGoal = self.object
        context["consequences"] = {
            "indicators": goal.indicators.count(),
            "values": IndicatorValue.objects.filter(indicator__goal=goal).count(),
            "resources": goal.resources.count(),
            "action_goals": goal.action_goals.count(),
        }
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        title = self.object.title
        response = super().form_valid(form)
        messages.success(
            self.request, _("The goal “%(title)s” has been deleted.") % {"title": title}
        )
        return response

    def get_success_url(self) -> str:
        return reverse("goals:list", kwargs={"district": self.district.slug})


class GoalStatusView(GoalScopedMixin, View):
    """POST only: move the goal to one of the statuses the workflow allows from its current one."""

    required_role = Membership.Role.STAFF
    http_method_names = ["post"]

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Another district's goal is "not found" whatever the method, so nothing leaks.
        get_object_or_404(ActionGoal.objects.for_district(self.district), pk=kwargs["goal"])
        return super().http_method_not_allowed(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        detail = reverse(
            "goals:detail", kwargs={"district": self.district.slug, "goal": kwargs["goal"]}
        )
        # Lock the row: two people pressing a button at once must not both pass the check.
        with transaction.atomic():
            goal = get_object_or_404(
                ActionGoal.objects.for_district(self.district).select_for_update(),
                pk=kwargs["goal"],
            )
            form = StatusChangeForm(request.POST, goal=goal)
            if form.is_stale:
                messages.warning(
                    request,
                    _(
                        "Someone changed the status in the meantime; it is now “%(status)s”. "
                        "Please choose again."
                    )
                    % {"status": goal.get_status_display()},
                )
                return redirect(detail)
            if not form.is_valid():
                # The page offers only allowed statuses, so anything else is a tampered request.
                return HttpResponseBadRequest(
                    _("This status change is not possible for this goal."),
                    content_type="text/plain; charset=utf-8",
                )
            try:
                goal.change_status(
                    form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                return HttpResponseBadRequest(
                    " ".join(error.messages), content_type="text/plain; charset=utf-8"
                )
        messages.success(
            request,
            _("The status is now “%(status)s”.") % {"status": goal.get_status_display()},
        )
        return redirect(detail)


class GoalHistoryView(GoalScopedMixin, DetailView):
    """Who changed what when, from django-simple-history's records of the goal and its lists."""

    template_name = "goals/goal_history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries, page = history_page(self.object, GOAL_HISTORY, self.request)
        context.update(entries=entries, page_obj=page)
        return context


GOAL_HISTORY = HistorySpec(
    model=ActionGoal,
    lists={
        "fields_of_action": (FieldOfAction, "fieldofaction_id"),
        "target_groups": (TargetGroup, "targetgroup_id"),
        "life_phases": (LifePhase, "lifephase_id"),
        "areas": (Area, "area_id"),
        "strategic_goals": (StrategicGoal, "strategicgoal_id"),
        "responsible": (Stakeholder, "stakeholder_id"),
    },
    relations={"parent": ActionGoal},
)
