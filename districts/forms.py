from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from districts.models import District, Membership

User = get_user_model()


class MembershipInviteForm(forms.Form):
    """Adds a person to the district; a new e-mail address gets an account and an invitation."""

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.STAFF
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Add member")))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(district=self.district, user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of the district."))
        return email

    def existing_user(self) -> Any:
        return User.objects.filter(email__iexact=self.cleaned_data["email"]).first()


class MembershipRoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if role != Membership.Role.COORDINATOR and self.instance.is_last_coordinator():
            raise forms.ValidationError(
                _("The district needs at least one coordinator. Appoint another one first.")
            )
        return role
