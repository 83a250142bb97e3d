"""The second factor of one user: an authenticator app (TOTPDevice) and ten one-time recovery
codes (a StaticDevice with StaticTokens). The rule which accounts must have one lives here too.
"""

from __future__ import annotations

import re
from base64 import b32encode

import segno
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from districts.models import Membership

RECOVERY_CODE_COUNT = 10
_TOTP_TOKEN = re.compile(r"^\d{6}$")


def two_factor_required(user: AbstractBaseUser) -> bool:
    """Coordinators of a district that asks for it must sign in with a second factor."""
    return Membership.objects.filter(
        user=user, role=Membership.Role.COORDINATOR, district__requires_two_factor=True
    ).exists()


def confirmed_totp(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_totp(user: AbstractBaseUser) -> TOTPDevice:
    """The device being set up; the same one on reload, so the scanned QR code stays valid."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def qr_code_svg(device: TOTPDevice) -> SafeString:
    # Drawn here as inline SVG: the secret never leaves the server for a QR service.
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("QR code"))
    # segno draws paths from the QR matrix; the account name in the URL never becomes markup.
    return mark_safe(svg)  # nosec B308 B703


def secret_for_typing(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_token(raw: str) -> str:
    """People type codes with spaces or dashes, and recovery codes in capitals."""
    return re.sub(r"[\s-]", "", raw).lower()


def totp_matches(device: TOTPDevice, token: str) -> bool:
    return (
        bool(_TOTP_TOKEN.match(token))
        and verify_token(device.user, device.persistent_id, token) is not None
    )


def token_verify(*, user: AbstractBaseUser, token: str) -> Device | None:
    """The device that accepts the code (app code or unused recovery code), else None.
    A recovery code is deleted when it is used, so it works once."""
    token = normalise_token(token)
    if _TOTP_TOKEN.match(token):
        device = confirmed_totp(user)
        return device if device is not None and totp_matches(device, token) else None
    for device in StaticDevice.objects.devices_for_user(user, confirmed=True):
        if verify_token(user, device.persistent_id, token) is not None:
            return device
    return None


@transaction.atomic
def recovery_codes_replace(*, user: AbstractBaseUser) -> list[str]:
    """New recovery codes; every earlier one stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Switch the second factor on if the app shows the right code; returns the new recovery
    codes, or None for a wrong code (nothing changed)."""
    if not totp_matches(device, normalise_token(token)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_replace(user=device.user)


@transaction.atomic
def two_factor_remove(*, user: AbstractBaseUser) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
