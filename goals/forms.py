"""Forms for action goals: the goal itself, its status change, and the list filter."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout, Submit
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from districts.models import Area, District, Sector, Stakeholder
from goals.models import ActionGoal, FieldOfAction, LifePhase, StrategicGoal, TargetGroup


class AreaChoiceField(forms.ModelMultipleChoiceField):
    """Areas with their level in the label; the list is in LOR order, so children follow parents."""

    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.code} {obj.name} – {obj.get_level_display()}"


class StakeholderChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Stakeholder) -> str:
        return f"{obj.name} ({obj.sector.name})"


def _vocabulary(model: Any, instance: ActionGoal, field: str) -> QuerySet[Any]:
    """Rows in use, plus any retired row the goal already has, so editing does not drop it."""
    chosen = getattr(instance, field).all() if instance.pk else model.objects.none()
    return model.objects.filter(Q(is_active=True) | Q(pk__in=chosen.values("pk")))


class ActionGoalForm(forms.ModelForm):
    """Create and edit a goal. Every choice is narrowed to `district`, so a forged id is refused.

    The status is not edited here: it moves through the status workflow, and a new goal is a draft.
    """

    areas = AreaChoiceField(
        label=_("Planning areas"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    responsible = StakeholderChoiceField(
        label=_("Responsible stakeholders"),
        queryset=Stakeholder.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ActionGoal
        fields = [
            "title",
            "description",
            "kind",
            "parent",
            "fields_of_action",
            "strategic_goals",
            "target_groups",
            "life_phases",
            "areas",
            "responsible",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "kind": forms.RadioSelect,
            "fields_of_action": forms.CheckboxSelectMultiple,
            "strategic_goals": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "life_phases": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "parent": _("Only for action goals: the impact goal this action goal contributes to."),
            "fields_of_action": _("Every goal belongs to at least one field of action."),
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        # Set before validation, so the model's clean() compares the parent's district with it.
        self.instance.district = district
        goal = self.instance

        parents = ActionGoal.objects.for_district(district).filter(kind=ActionGoal.Kind.IMPACT)
        if goal.pk:
            parents = parents.exclude(pk=goal.pk)
        self.fields["parent"].queryset = parents.order_by("title")
        self.fields["parent"].empty_label = _("– none –")

        self.fields["fields_of_action"].queryset = _vocabulary(
            FieldOfAction, goal, "fields_of_action"
        )
        self.fields["target_groups"].queryset = _vocabulary(TargetGroup, goal, "target_groups")
        self.fields["life_phases"].queryset = _vocabulary(LifePhase, goal, "life_phases")

        strategic = _vocabulary(StrategicGoal, goal, "strategic_goals").select_related(
            "field_of_action"
        )
        if strategic.exists():
            self.fields["strategic_goals"].queryset = strategic
            self.fields["strategic_goals"].choices = self._grouped_by_field(strategic)
        else:
            # The Berlin list is editable and may still be empty; no empty box on the form.
            del self.fields["strategic_goals"]

        areas = Area.objects.for_district(district)
        self.fields["areas"].queryset = areas
        self.fields["areas"].help_text = (
            _("Leave empty for the whole district. Hold Ctrl (Mac: Cmd) to choose several.")
            if areas.exists()
            else _(
                "No planning areas have been imported for this district yet, so the goal "
                "applies to the whole district. A coordinator can import them."
            )
        )
        stakeholders = Stakeholder.objects.for_district(district).select_related("sector")
        self.fields["responsible"].queryset = stakeholders
        if not stakeholders.exists():
            self.fields["responsible"].help_text = _(
                "No stakeholders have been entered for this district yet. Add them under "
                "Stakeholders, then choose who is responsible."
            )

        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("The goal"), "title", "description", "kind", "parent"),
            Fieldset(
                _("Berlin strategy against child poverty"),
                "fields_of_action",
                *(["strategic_goals"] if "strategic_goals" in self.fields else []),
            ),
            Fieldset(_("For whom"), "target_groups", "life_phases"),
            Fieldset(_("Where and who"), Field("areas"), "responsible"),
            Fieldset(_("When"), "starts_on", "ends_on"),
        )
        self.helper.add_input(Submit("submit", _("Save goal")))

    @staticmethod
    def _grouped_by_field(strategic: QuerySet[StrategicGoal]) -> list[tuple[str, list]]:
        groups: dict[str, list[tuple[int, str]]] = {}
        for goal in strategic:
            groups.setdefault(goal.field_of_action.name, []).append((goal.pk, goal.name))
        return list(groups.items())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        goal = self.instance
        if (
            goal.pk
            and cleaned.get("kind") == ActionGoal.Kind.ACTION
            and goal.kind == ActionGoal.Kind.IMPACT
            and goal.action_goals.exists()
        ):
            self.add_error(
                "kind",
                _(
                    "Action goals still belong to this impact goal. Assign them to another "
                    "impact goal first."
                ),
            )
        return cleaned


class StatusChangeForm(forms.Form):
    """The next status of a goal; only the transitions the workflow allows are valid."""

    to = forms.ChoiceField(label=_("New status"))
    current = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=500,
        required=False,
        help_text=_("Why the status changes, e.g. the decision of the steering group."),
    )

    def __init__(self, *args: Any, goal: ActionGoal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.fields["current"].initial = goal.status
        self.fields["to"].choices = [
            (status, ActionGoal.Status(status).label) for status in goal.allowed_transitions()
        ]

    @property
    def is_stale(self) -> bool:
        """The page was loaded before someone else changed the status."""
        return self.data.get("current") not in (None, self.goal.status)


class GoalFilterForm(forms.Form):
    """The filters above the goal list, sent with GET so they work without JavaScript."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *ActionGoal.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind of goal"), required=False, choices=[("", _("all")), *ActionGoal.Kind.choices]
    )
    field = forms.ModelChoiceField(
        label=_("Field of action"), required=False, queryset=FieldOfAction.objects.all()
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"), required=False, queryset=TargetGroup.objects.all()
    )
    life_phase = forms.ModelChoiceField(
        label=_("Life phase"), required=False, queryset=LifePhase.objects.all()
    )
    area = forms.ModelChoiceField(
        label=_("Planning area"), required=False, queryset=Area.objects.none()
    )
    sector = forms.ModelChoiceField(
        label=_("Sector of the responsible stakeholders"),
        required=False,
        queryset=Sector.objects.all(),
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.for_district(district)
        self.fields["area"].label_from_instance = lambda a: f"{a.code} {a.name}"
        for name in ("field", "target_group", "life_phase", "area", "sector"):
            self.fields[name].empty_label = _("all")

    def filter(self, goals: QuerySet[ActionGoal]) -> QuerySet[ActionGoal]:
        """Apply the valid filters; a filter with an unknown value is ignored, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("q"):
            goals = goals.filter(
                Q(title__icontains=data["q"]) | Q(description__icontains=data["q"])
            )
        if data.get("status"):
            goals = goals.filter(status=data["status"])
        if data.get("kind"):
            goals = goals.filter(kind=data["kind"])
        if data.get("field"):
            goals = goals.filter(fields_of_action=data["field"])
        if data.get("target_group"):
            goals = goals.filter(target_groups=data["target_group"])
        if data.get("life_phase"):
            goals = goals.filter(life_phases=data["life_phase"])
        if data.get("area"):
            goals = goals.filter(areas__in=self._overlapping(data["area"]))
        if data.get("sector"):
            goals = goals.filter(responsible__sector=data["sector"])
        return goals.distinct()

    @staticmethod
    def _overlapping(area: Area) -> QuerySet[Area]:
        """The area, the areas it lies in, and the areas within it: a goal for a region concerns
        each planning area in it, and a goal for a planning area concerns its region."""
        enclosing = [area.code[:length] for length in (4, 6, 8) if length <= len(area.code)]
        return Area.objects.filter(
            Q(pk=area.pk)
            | Q(district=area.district, valid_from=area.valid_from, code__in=enclosing)
            | Q(
                district=area.district,
                valid_from=area.valid_from,
                code__startswith=area.code,
            )
        )

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)
