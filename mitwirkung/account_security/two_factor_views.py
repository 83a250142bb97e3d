"""Pages of the second factor under /konto/zweiter-faktor/: status, set up, recovery codes,
switching off, and the code asked for after the password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login

from mitwirkung.account_security import two_factor_devices as devices
from mitwirkung.account_security import two_factor_lockout, two_factor_state
from mitwirkung.account_security.two_factor_forms import (
    ENROL_WRONG_MESSAGE,
    LOCKED_MESSAGE,
    REQUIRED_MESSAGE,
    AppCodeForm,
    DisableForm,
    EnrolForm,
    VerifyForm,
)

SHOW_CODES_KEY = "two-factor-new-recovery-codes"


def _safe_next(request: HttpRequest) -> str:
    """The page asked for before the code, checked like Django's LoginView checks it."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _show_codes_once(request: HttpRequest, codes: list[str]) -> HttpResponse:
    request.session[SHOW_CODES_KEY] = codes
    return redirect("two_factor:recovery_codes")


@login_required
def status(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "account/two_factor_status.html",
        {
            "device": devices.confirmed_totp(user),
            "codes_left": devices.recovery_codes_left(user),
            "required": devices.two_factor_required(user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    if devices.confirmed_totp(request.user) is not None:
        return redirect("two_factor:status")
    device = devices.pending_totp(request.user)
    form = EnrolForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        codes = devices.totp_confirm(device=device, token=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            two_factor_state.remember(request, request.user)
            messages.success(request, _("The second factor is switched on."))
            return _show_codes_once(request, codes)
        form.add_error("code", ENROL_WRONG_MESSAGE)
    return render(
        request,
        "account/two_factor_enrol.html",
        {
            "form": form,
            "qr_code": devices.qr_code_svg(device),
            "secret": devices.secret_for_typing(device),
            "required": devices.two_factor_required(request.user),
        },
    )


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    # Shown once: a reload finds them gone from the session.
    codes = request.session.pop(SHOW_CODES_KEY, None)
    return render(request, "account/two_factor_recovery_codes.html", {"codes": codes})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def regenerate(request: HttpRequest) -> HttpResponse:
    if devices.confirmed_totp(request.user) is None:
        return redirect("two_factor:status")
    form = AppCodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        codes = devices.recovery_codes_replace(user=request.user)
        messages.success(request, _("You have new recovery codes. The old ones no longer work."))
        return _show_codes_once(request, codes)
    status_code = 429 if form.locked else 200
    return render(
        request,
        "account/two_factor_regenerate.html",
        {"form": form},
        status=status_code,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def disable(request: HttpRequest) -> HttpResponse:
    if devices.confirmed_totp(request.user) is None:
        return redirect("two_factor:status")
    required = devices.two_factor_required(request.user)
    form = DisableForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        devices.two_factor_remove(user=request.user)
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        two_factor_state.remember(request, request.user)
        messages.success(request, _("The second factor is switched off."))
        return redirect("two_factor:status")
    status_code = 429 if form.locked else (403 if required and request.method == "POST" else 200)
    return render(
        request,
        "account/two_factor_disable.html",
        {"form": form, "required": required, "required_message": REQUIRED_MESSAGE},
        status=status_code,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if request.user.is_verified() or not user_has_device(request.user):
        # Nothing to ask for (any more): a device removed elsewhere must not trap the session.
        two_factor_state.remember(request, request.user)
        return redirect(next_url)
    if request.method != "POST" and two_factor_lockout.is_locked(request.user):
        return render(
            request,
            "account/two_factor_verify.html",
            {"form": None, "locked_message": LOCKED_MESSAGE, "next": next_url},
            status=429,
        )
    form = VerifyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        # A new session key after the second step as after the first (session fixation).
        request.session.cycle_key()
        return redirect(next_url)
    return render(
        request,
        "account/two_factor_verify.html",
        {"form": form, "next": next_url},
        status=429 if form.locked else 200,
    )
