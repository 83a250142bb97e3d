"""Impact and action goals of a district: list, detail, edit, status workflow, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import formats
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

# Audit columns every save touches; they say nothing a reader of the history needs.
HISTORY_HIDDEN_FIELDS = {"created_at", "updated_at", "district"}
HISTORY_PAGE_SIZE = 25


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


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    record: Any
    kind: str  # "created" | "changed" | "deleted"
    changes: list[FieldChange]


class GoalHistoryView(GoalScopedMixin, DetailView):
    """Who changed what when, from django-simple-history's records of the goal and its lists."""

    template_name = "goals/goal_history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        records = self.object.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )
        page = Paginator(records, HISTORY_PAGE_SIZE).get_page(self.request.GET.get("seite"))
        # One record more than the page, so the oldest change on the page has something to
        # compare with.
        start = page.start_index() - 1 if page.object_list else 0
        window = list(records[start : start + HISTORY_PAGE_SIZE + 1])
        lists = _HistoryLists(window)
        entries = []
        for index, record in enumerate(window[: len(page.object_list)]):
            previous = window[index + 1] if index + 1 < len(window) else None
            if previous is None or record.history_type == "+":
                entries.append(HistoryEntry(record, "created", []))
                continue
            # Plain fields through simple-history; the lists from rows loaded once per page.
            delta = record.diff_against(
                previous, excluded_fields=HISTORY_HIDDEN_FIELDS | set(_HistoryLists.MODELS)
            )
            raw = [(c.field, c.old, c.new) for c in delta.changes]
            raw += lists.changes(record, previous)
            changes = [lists.describe(name, old, new) for name, old, new in raw]
            if changes:
                entries.append(HistoryEntry(record, "changed", changes))
        context.update(entries=entries, page_obj=page)
        return context


class _HistoryLists:
    """The goal's lists as they were at each record, and readable names for raw values.

    diff_against() would query every list of every record; loading a page's rows at once keeps
    the page at a fixed number of queries.
    """

    MODELS: dict[str, tuple[type, str]] = {
        "fields_of_action": (FieldOfAction, "fieldofaction_id"),
        "target_groups": (TargetGroup, "targetgroup_id"),
        "life_phases": (LifePhase, "lifephase_id"),
        "areas": (Area, "area_id"),
        "strategic_goals": (StrategicGoal, "strategicgoal_id"),
        "responsible": (Stakeholder, "stakeholder_id"),
    }

    def __init__(self, records: list[Any]) -> None:
        history_model = ActionGoal.history.model
        ids = [r.history_id for r in records]
        self.members: dict[str, dict[int, frozenset[int]]] = {}
        self.names: dict[type, dict[int, str]] = {}
        for field_name, (model, column) in self.MODELS.items():
            rows = getattr(history_model, field_name).model.objects.filter(history_id__in=ids)
            members: dict[int, set[int]] = {}
            for history_id, pk in rows.values_list("history_id", column):
                members.setdefault(history_id, set()).add(pk)
            self.members[field_name] = {k: frozenset(v) for k, v in members.items()}
            wanted = set().union(*members.values()) if members else set()
            self.names[model] = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=wanted)}
        parents = {r.parent_id for r in records if r.parent_id}
        self.names[ActionGoal] = {
            pk: title
            for pk, title in ActionGoal.objects.filter(pk__in=parents).values_list("pk", "title")
        }

    def changes(self, record: Any, previous: Any) -> list[tuple[str, Any, Any]]:
        found = []
        for field_name, members in self.members.items():
            old = members.get(previous.history_id, frozenset())
            new = members.get(record.history_id, frozenset())
            if old != new:
                found.append((field_name, old, new))
        return found

    def _name(self, model: type, pk: int) -> str:
        return self.names.get(model, {}).get(pk) or _("(deleted, no. %(pk)s)") % {"pk": pk}

    def value(self, field_name: str, value: Any) -> str:
        if field_name in self.MODELS:
            model = self.MODELS[field_name][0]
            names = sorted(self._name(model, pk) for pk in value)
            return ", ".join(names) if names else "–"
        model_field = ActionGoal._meta.get_field(field_name)
        if value in (None, ""):
            return "–"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.is_relation:
            return self._name(ActionGoal, value)
        if hasattr(value, "isoformat"):
            return formats.date_format(value, "SHORT_DATE_FORMAT")
        return str(value)

    def describe(self, field_name: str, old: Any, new: Any) -> FieldChange:
        label = str(ActionGoal._meta.get_field(field_name).verbose_name)
        return FieldChange(
            label[:1].upper() + label[1:], self.value(field_name, old), self.value(field_name, new)
        )
