from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from districts.models import District, Membership, Stakeholder

User = get_user_model()

PROVIDER_FIELDS = ("stakeholder", "publishes_directly")


class ProviderFieldsMixin:
    """The organisation a provider keeps up to date, narrowed to this district's stakeholders."""

    district: District
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_provider_fields(self) -> None:
        self.fields["stakeholder"] = forms.ModelChoiceField(
            label=_("Organisation"),
            queryset=Stakeholder.objects.for_district(self.district).order_by("name"),
            required=False,
            help_text=_("The organisation whose offerings this person keeps up to date."),
        )
        self.fields["publishes_directly"] = forms.BooleanField(
            label=_("Publishes without review"),
            required=False,
            help_text=_(
                "Changes show to everyone at once instead of after review by a coordinator."
            ),
        )

    def provider_layout(self, *fields: str) -> Layout:
        return Layout(
            *fields,
            Fieldset(_("Only for the role “Provider”"), *PROVIDER_FIELDS),
        )

    def clean_provider_fields(self, cleaned_data: dict[str, Any]) -> None:
        if cleaned_data.get("role") == Membership.Role.PROVIDER:
            if not cleaned_data.get("stakeholder") and "stakeholder" not in self.errors:  # type: ignore[attr-defined]
                self.add_error(  # type: ignore[attr-defined]
                    "stakeholder",
                    _(
                        "Please choose the organisation whose offerings this person keeps up to date."
                    ),
                )
        else:
            # Only providers act for an organisation; a stale link would let a former provider
            # edit again if they ever became one without a fresh choice.
            cleaned_data["stakeholder"] = None
            cleaned_data["publishes_directly"] = False


class MembershipInviteForm(ProviderFieldsMixin, forms.Form):
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
        self.add_provider_fields()
        self.helper = FormHelper()
        self.helper.layout = self.provider_layout("email", "first_name", "last_name", "role")
        self.helper.add_input(Submit("submit", _("Add member")))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(district=self.district, user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of the district."))
        return email

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        self.clean_provider_fields(cleaned_data)
        return cleaned_data

    def existing_user(self) -> Any:
        return User.objects.filter(email__iexact=self.cleaned_data["email"]).first()

    def provider_options(self) -> dict[str, Any]:
        """Keyword arguments for membership_invite: the organisation of a provider."""
        return {
            "stakeholder": self.cleaned_data.get("stakeholder"),
            "publishes_directly": self.cleaned_data.get("publishes_directly", False),
        }


class MembershipRoleForm(ProviderFieldsMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", *PROVIDER_FIELDS]

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.add_provider_fields()
        self.helper = FormHelper()
        self.helper.layout = self.provider_layout("role")
        self.helper.add_input(Submit("submit", _("Save")))

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if role != Membership.Role.COORDINATOR and self.instance.is_last_coordinator():
            raise forms.ValidationError(
                _("The district needs at least one coordinator. Appoint another one first.")
            )
        return role

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        self.clean_provider_fields(cleaned_data)
        return cleaned_data
