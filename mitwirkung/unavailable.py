"""A friendly 503 page while the database cannot be reached.

PostgreSQL restarting (an update, a failover) must not show families a bare "Server Error":
they get a short page in their language that says to try again in a few minutes, with
Retry-After, and the app recovers on its own with the next request (conn_health_checks).

Two ways an outage reaches us: a view raises (process_exception of the middleware), or a
middleware does — the session is saved after the view — which Django hands to handler500
(`server_error`). The page is rendered without context processors or the session, so it
needs neither the database nor Redis.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# The survey's language as the family's links and forms carry it (surveys/family_session.py).
LANGUAGE_PARAMETER = "sprache"


def is_database_down(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_DOWN)


def family_languages(request: HttpRequest) -> list[str]:
    """The form languages to show, the family's own first when the request names it.

    The draft (and so the chosen language) is in the session, which is in the database that
    is gone; so a page without ?sprache= shows every form language, German first.
    """
    from surveys.block_texts import LANGUAGES

    try:
        chosen = request.POST.get(LANGUAGE_PARAMETER) or request.GET.get(LANGUAGE_PARAMETER)
    except Exception:  # an unreadable body must not turn the 503 into a 500
        chosen = None
    if chosen in LANGUAGES and chosen != LANGUAGES[0]:
        return [chosen, LANGUAGES[0]]
    if chosen == LANGUAGES[0]:
        return [chosen]
    return list(LANGUAGES)


def _family_texts(languages: list[str]) -> list[dict[str, Any]]:
    from surveys.block_texts import RIGHT_TO_LEFT
    from surveys.family_texts import form_text

    return [
        {
            "lang": "de" if code == "de-ls" else code,
            "dir": "rtl" if code in RIGHT_TO_LEFT else "ltr",
            "title": form_text("unavailable_title", code),
            "text": form_text("unavailable_text", code),
            "retry": form_text("unavailable_retry", code),
        }
        for code in languages
    ]


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page: for the family form in the form's languages, elsewhere through gettext."""
    family_prefix = reverse("surveys:family_code")
    is_family = request.path.startswith(family_prefix)
    context: dict[str, Any] = {
        # A GET of the same address shows the page again with the answers saved so far.
        "retry_url": request.path,
        "language_code": translation.get_language() or "de",
        "family_texts": _family_texts(family_languages(request)) if is_family else [],
    }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    if is_family:
        response["Content-Language"] = context["family_texts"][0]["lang"]
        response["X-Robots-Tag"] = "noindex"
    return response


def _log(exc: BaseException) -> None:
    # The type and the driver's message only: no address, nothing from the request body.
    logger.warning("Database unavailable, answered 503: %s: %s", type(exc).__name__, exc)


class DatabaseUnavailableMiddleware:
    """Answers 503 instead of 500 when a view fails because the database is unreachable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_down(exception):
            return None
        _log(exception)
        return unavailable_response(request)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the 503 page when the failure was the database, Django's 500 otherwise."""
    exc = sys.exc_info()[1]
    if is_database_down(exc):
        assert exc is not None
        _log(exc)
        return unavailable_response(request)
    return defaults.server_error(request, template_name)
