"""Logged-in staff are logged out after MITWIRKUNG_SESSION_IDLE_MINUTES without a request.

Only sessions with a logged-in user: a family's unfinished survey lives in an anonymous session
with its own lifetime (surveys/family_session.py) and is left alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "last-seen"
# Writing the session on every request would cost a database write per page; a minute's
# precision is plenty for an idle limit counted in minutes.
REFRESH_SECONDS = 60


def stamp_at_login(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())


class SessionIdleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            idle_limit = settings.MITWIRKUNG_SESSION_IDLE_MINUTES * 60
            if isinstance(last_seen, int) and now - last_seen > idle_limit:
                return self._log_out(request)
            if not isinstance(last_seen, int) or now - last_seen >= REFRESH_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def _log_out(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        messages.info(
            request,
            _(
                "You were logged out because you did nothing for %(minutes)s minutes. "
                "Please log in again."
            )
            % {"minutes": settings.MITWIRKUNG_SESSION_IDLE_MINUTES},
        )
        # After logging in again the person lands where they were, if it was a page to look at.
        if request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path())
        return redirect(settings.LOGIN_URL)
