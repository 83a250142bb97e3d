from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from mitwirkung.account_security import two_factor_lockout
from mitwirkung.account_security.two_factor_devices import (
    normalise_token,
    token_verify,
    totp_matches,
    two_factor_required,
)

LOCKED_MESSAGE = _(
    "Too many wrong codes. To protect the account, entering codes is blocked for one hour."
)

REQUIRED_MESSAGE = _(
    "Your district requires a second factor for coordinators, so you cannot switch it off."
)

ENROL_WRONG_MESSAGE = _(
    "This code is not right. Check that the app shows MitWirkung and enter the current six digits."
)


def _code_field(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class _CodeForm(forms.Form):
    """A code checked against the user's devices; every attempt counts toward the lockout."""

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Device | None = None
        self.locked = False

    def check_code(self, token: str) -> None:
        try:
            allowed = two_factor_lockout.attempt_allowed(self.user)
        except two_factor_lockout.CounterUnavailable:
            raise forms.ValidationError(
                _(
                    "Codes cannot be checked at the moment because of a technical problem. "
                    "Please try again in a few minutes."
                ),
                code="unavailable",
            ) from None
        if not allowed:
            self.locked = True
            raise forms.ValidationError(LOCKED_MESSAGE, code="locked")
        self.device = self.find_device(token)
        if self.device is None:
            if two_factor_lockout.is_locked(self.user):
                self.locked = True
                raise forms.ValidationError(LOCKED_MESSAGE, code="locked")
            raise forms.ValidationError(self.wrong_message, code="wrong")
        two_factor_lockout.attempts_reset(self.user)

    wrong_message = _("This code is not right. Please check it and try again.")

    def find_device(self, token: str) -> Device | None:
        return token_verify(user=self.user, token=token)


class VerifyForm(_CodeForm):
    code = _code_field(
        _("Code"),
        _("The six digits from your authenticator app, or one of your recovery codes."),
    )
    wrong_message = _(
        "This code is not right. Please enter the current code from your app or an unused "
        "recovery code."
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        self.check_code(code)
        return code


class AppCodeForm(_CodeForm):
    """A code from the app only: recovery codes are for when the phone is lost."""

    code = _code_field(_("Code from your authenticator app"))

    def find_device(self, token: str) -> Device | None:
        device = TOTPDevice.objects.devices_for_user(self.user, confirmed=True).first()
        return device if device and totp_matches(device, normalise_token(token)) else None

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        self.check_code(code)
        return code


class DisableForm(AppCodeForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."), code="wrong")
        return password

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        # The code is only spent (and counted) once everything else is in order.
        if "password" in self.cleaned_data and not two_factor_required(self.user):
            self.check_code(code)
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if two_factor_required(self.user):
            raise forms.ValidationError(REQUIRED_MESSAGE, code="required")
        return cleaned


class EnrolForm(forms.Form):
    code = _code_field(
        _("Code shown in the app"), _("After scanning, the app shows six digits. Enter them here.")
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device
