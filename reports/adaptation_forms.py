"""Forms of step 5: findings, their comments, decisions and a decision's progress.

Every choice (offerings, goals, areas, stakeholders, people, findings, resources) is narrowed
to the district, so a tampered post cannot link another district's objects. Only
coordinators choose what is public.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import Area, District, Stakeholder
from goals.models import ActionGoal, Resource
from offerings.models import Offering
from reports.models import Decision, Finding, FindingComment
from reports.models.adaptation import group_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def member_users(district: District) -> Any:
    return (
        get_user_model()
        .objects.filter(memberships__district=district, is_active=True)
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = [
            "title",
            "description",
            "source",
            "priority",
            "status",
            "no_action_reason",
            "is_public",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "no_action_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, district: District, can_publish: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        if not can_publish:
            del self.fields["is_public"]
        if self.instance.pk is None:
            # A new finding starts open; "decided" follows from a decision.
            del self.fields["status"]
            del self.fields["no_action_reason"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save finding")))


class CommentForm(forms.ModelForm):
    notify = PeopleChoice(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("Notify by e-mail"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They get a short e-mail with a link; the comment stays internal."),
    )

    class Meta:
        model = FindingComment
        fields = ["text", "notify"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": _("Your comment")}

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notify"].queryset = member_users(district).exclude(email="")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Add comment")))


class DecisionForm(forms.ModelForm):
    groups = forms.MultipleChoiceField(
        label=_("Groups to compare"),
        choices=group_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The evidence shows these groups' figures before and after."),
    )
    responsible = PersonChoice(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("Responsible person"),
    )

    class Meta:
        model = Decision
        fields = [
            "title",
            "kind",
            "description",
            "findings",
            "offerings",
            "goals",
            "structure",
            "areas",
            "groups",
            "stakeholder",
            "responsible",
            "due_on",
            "resources",
            "is_public",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_on": DATE,
            "findings": forms.CheckboxSelectMultiple,
            "offerings": forms.SelectMultiple(attrs={"size": 6}),
            "goals": forms.SelectMultiple(attrs={"size": 4}),
            "areas": forms.SelectMultiple(attrs={"size": 4}),
            "resources": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(
        self, *args: Any, district: District, can_publish: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        self.fields["findings"].queryset = Finding.objects.for_district(district).order_by(
            "-created_at"
        )
        self.fields["offerings"].queryset = Offering.objects.filter(district=district).order_by(
            "name"
        )
        self.fields["goals"].queryset = ActionGoal.objects.for_district(district).current()
        self.fields["areas"].queryset = Area.objects.for_district(district).order_by("code")
        self.fields["stakeholder"].queryset = Stakeholder.objects.for_district(district)
        self.fields["responsible"].queryset = member_users(district)
        self.fields["resources"].queryset = Resource.objects.for_district(district)
        if not can_publish:
            del self.fields["is_public"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save decision")))
        self.helper.layout = Layout(
            "title",
            Div(
                Div(Field("kind"), css_class="col-sm-6"),
                Div(Field("due_on"), css_class="col-sm-6"),
                css_class="row",
            ),
            "description",
            "findings",
            Div(
                Div(Field("offerings"), css_class="col-md-6"),
                Div(Field("goals"), css_class="col-md-6"),
                css_class="row",
            ),
            "structure",
            Div(
                Div(Field("areas"), css_class="col-md-6"),
                Div(Field("groups"), css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div(Field("stakeholder"), css_class="col-md-6"),
                Div(Field("responsible"), css_class="col-md-6"),
                css_class="row",
            ),
            "resources",
            *(["is_public"] if can_publish else []),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("offerings") or data.get("goals") or data.get("structure")):
            raise forms.ValidationError(
                _("Please name what changes: an offering, a goal or a structure.")
            )
        return data


class DecisionProgressForm(forms.ModelForm):
    """Where a decision stands: planned, in progress, done (with the day), or discarded."""

    class Meta:
        model = Decision
        fields = ["status", "started_on", "done_on", "discarded_on", "discard_reason"]
        widgets = {
            "started_on": DATE,
            "done_on": DATE,
            "discarded_on": DATE,
            "discard_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save status")))

    def clean(self) -> dict[str, Any]:
        """The day of a step is today unless given: one click for the usual case."""
        data = super().clean()
        today = timezone.localdate()
        day_of = {
            Decision.Status.IN_PROGRESS: "started_on",
            Decision.Status.DONE: "done_on",
            Decision.Status.DISCARDED: "discarded_on",
        }
        field = day_of.get(data.get("status"))
        if field and not data.get(field):
            data[field] = today
        return data
