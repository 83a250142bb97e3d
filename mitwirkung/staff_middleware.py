"""Middleware only staff pages need, skipped on the pages families and the public read.

A family's page of questions is answered hundreds of times a minute after a parents'
evening; every layer of middleware costs each request time. These three only concern staff:
django-otp marks whether a login gave its second factor, the idle logout refreshes a staff
session's last-seen stamp, django-simple-history notes who changed a tracked model (nothing on
the family and public pages changes one). The family form, the public reports and the public
language link never look at any of it, so there they are passed by.

What stays for every page: sessions, authentication (staff trying their own form keep their
login), CSRF, messages, the security headers, the lockout, and TwoFactorMiddleware, whose
process_view lets these pages through before it asks for a second factor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string


@cache
def public_prefixes() -> tuple[str, ...]:
    """The family form (/s/), the public reports (/transparenz/) and their language link, as
    reverse() gives them (with the script prefix, like request.path)."""
    prefixes = []
    for name, kwargs, tail in (
        ("surveys:family_code", {}, ""),
        ("transparency:index", {}, ""),
        ("language_link", {"code": "de"}, "de/"),
    ):
        try:
            prefixes.append(reverse(name, kwargs=kwargs).removesuffix(tail))
        except NoReverseMatch:  # a URLconf without them (a test's): nothing is passed by
            continue
    return tuple(prefixes)


def is_public_path(path: str) -> bool:
    return path.startswith(public_prefixes())


class _StaffOnly:
    wrapped: str  # the middleware's dotted path

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.direct = get_response
        self.staff = import_string(self.wrapped)(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_public_path(request.path):
            return self.direct(request)
        return self.staff(request)


class OTPMiddleware(_StaffOnly):
    wrapped = "django_otp.middleware.OTPMiddleware"


class SessionIdleMiddleware(_StaffOnly):
    wrapped = "mitwirkung.account_security.session_idle.SessionIdleMiddleware"


class HistoryRequestMiddleware(_StaffOnly):
    wrapped = "simple_history.middleware.HistoryRequestMiddleware"
