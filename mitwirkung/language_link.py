"""/sprache/<code>/?next=…: the language switch of the public pages, as a plain link.

Elsewhere the switch is a POST form to Django's set_language, with a CSRF token. On the
transparency pages that token would be the only per-reader thing in the page: every
anonymous reader would get a freshly made token and a csrftoken cookie, and no page could be
served from the cache as it is (reports/public_cache.py). A GET is fine here: switching the
display language is not a state change worth forging (the worst a forged link does is show
the next page in the other language, which the reader can switch back), there is no login or
session involved, and the public pages stay cacheable and free of cookies until a reader
actually picks a language.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_safe


@require_safe
def language_link(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Remember `code` in the language cookie and go back to `next` (or the transparency
    index when `next` is missing or leads to another site)."""
    if code not in dict(settings.LANGUAGES) or not check_for_language(code):
        raise Http404("language")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("transparency:index")
    response = HttpResponseRedirect(next_url)
    # The same cookie as django.views.i18n.set_language sets, so both switches agree.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    # A redirect with a cookie: no cache may keep it, and `next` stays on this site.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response
