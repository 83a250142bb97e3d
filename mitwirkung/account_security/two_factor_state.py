"""What a logged-in session still owes before staff pages open: nothing, a code (the account
has a second factor), or setting one up (a coordinator whose district requires it).

Decided at login and kept in the session, then looked at again every few minutes, so that a
district switching the requirement on reaches coordinators who are already logged in.
"""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django_otp import user_has_device

from mitwirkung.account_security.two_factor_devices import two_factor_required

SESSION_KEY = "two-factor-state"
RECHECK_SECONDS = 5 * 60


class Owed(StrEnum):
    NOTHING = "nothing"
    CODE = "code"
    ENROLMENT = "enrolment"


def owed_by(user: AbstractBaseUser) -> Owed:
    if user_has_device(user):
        return Owed.CODE
    if two_factor_required(user):
        return Owed.ENROLMENT
    return Owed.NOTHING


def remember(request: HttpRequest, user: AbstractBaseUser) -> Owed:
    owed = owed_by(user)
    request.session[SESSION_KEY] = {"owed": owed.value, "at": int(time.time())}
    return owed


def owed_in_session(request: HttpRequest, user: AbstractBaseUser) -> Owed:
    stored = request.session.get(SESSION_KEY)
    if (
        isinstance(stored, dict)
        and stored.get("owed") in Owed._value2member_map_
        and time.time() - stored.get("at", 0) < RECHECK_SECONDS
    ):
        return Owed(stored["owed"])
    return remember(request, user)


def remember_at_login(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any
) -> None:
    if request is not None and hasattr(request, "session"):
        remember(request, user)
