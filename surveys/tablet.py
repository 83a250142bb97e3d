"""Tablet mode: one device at an offering, handed from family to family.

Staff open a signed link on the tablet (made on the collection points page); it puts the
tablet's session into tablet mode for that collection point. Responses then carry the
channel "tablet", the rate limit allows a whole day of families, and after each sending
the session is emptied and put back into tablet mode, so the next family finds nothing of
the previous one: not in the session, not behind the back button.

The link's token is the collection point's code signed with the secret key, valid for a
while; it names no person and no device.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.contrib.auth import logout
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse

from surveys.models import CollectionPoint

SALT = "surveys.tablet"
TOKEN_MAX_AGE = timedelta(days=30)
SESSION_KEY = "survey-tablet"
# Tablet mode lasts a working day, however long the tablet lies unused between families.
SESSION_SECONDS = 12 * 60 * 60
# A family that walks away half-way: the next family must not be offered to continue its
# answers, so on a tablet a draft counts only while someone is at it.
DRAFT_IDLE_SECONDS = 20 * 60
DRAFT_UNTIL = "until"


def tablet_token(point: CollectionPoint) -> str:
    return signing.dumps(point.code, salt=SALT)


def tablet_path(point: CollectionPoint) -> str:
    return reverse(
        "surveys:family_tablet", kwargs={"code": point.code, "token": tablet_token(point)}
    )


def token_matches(point: CollectionPoint, token: str) -> bool:
    """The token was made for this collection point and has not expired."""
    try:
        signed = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also an expired one (SignatureExpired)
        return False
    return bool(signed == point.code)


def is_tablet(request: HttpRequest, point: CollectionPoint) -> bool:
    return bool(request.session.get(SESSION_KEY) == point.code)


def start_tablet_mode(request: HttpRequest, point: CollectionPoint) -> None:
    """A fresh, anonymous session in tablet mode for this collection point.

    A staff login on the tablet ends here: families hold the device next, and must not
    reach the staff pages with it.
    """
    if request.user.is_authenticated:
        logout(request)  # flushes the session too
    else:
        request.session.flush()
    request.session[SESSION_KEY] = point.code
    request.session.set_expiry(SESSION_SECONDS)


def stamp_draft(draft: dict[str, Any]) -> None:
    """Mark how long a tablet draft may wait for its family (coarse: whole minutes)."""
    draft[DRAFT_UNTIL] = (int(time.time()) // 60 + DRAFT_IDLE_SECONDS // 60) * 60


def draft_is_stale(draft: dict[str, Any]) -> bool:
    until = draft.get(DRAFT_UNTIL)
    return isinstance(until, int) and until < time.time()
