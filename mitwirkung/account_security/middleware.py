"""Keeps a logged-in person who still owes a second factor away from every staff page.

Runs after django-otp's OTPMiddleware (which tells whether this session has given a code) and
after URL resolution, so the exemptions are URL names rather than path prefixes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from mitwirkung.account_security.two_factor_state import Owed, owed_in_session

# Reachable before the code is given: the way in and out, and what anyone may see anyway.
OPEN_VIEWS = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "language_link",
    "healthz",
    "two_factor:verify",
}
OPEN_NAMESPACES = {"legal", "transparency"}
OPEN_VIEWS_PREFIXES = ("surveys:family_", "offerings:open_data_")
ENROLMENT_VIEWS = {"two_factor:enrol", "two_factor:recovery_codes"}


def _is_open(view_name: str, namespace: str) -> bool:
    return (
        view_name in OPEN_VIEWS
        or namespace in OPEN_NAMESPACES
        or view_name.startswith(OPEN_VIEWS_PREFIXES)
    )


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None  # no session, nobody logged in
        match = request.resolver_match
        # Open views first: on the family and public pages django-otp does not run, so the
        # user there has no is_verified() (mitwirkung/staff_middleware.py).
        if match is None or _is_open(match.view_name, match.namespace):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr]
            return None
        owed = owed_in_session(request, user)
        if owed is Owed.CODE:
            return self._redirect("two_factor:verify", request)
        if owed is Owed.ENROLMENT and match.view_name not in ENROLMENT_VIEWS:
            return self._redirect("two_factor:enrol", request)
        return None

    @staticmethod
    def _redirect(view_name: str, request: HttpRequest) -> HttpResponse:
        url = reverse(view_name)
        if request.method in ("GET", "HEAD"):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
