"""What a family's request carries between pages: the collection point behind the short
link, the unfinished answers (the draft, kept only in the session), the language, and the
addresses of the form's pages.

Privacy rule: nothing about the family goes into an address; the draft is gone a few hours
after the last click, and at once after sending.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from surveys import tablet
from surveys.family_cache import POINTS
from surveys.family_live import with_live_survey
from surveys.family_structure import SurveyStructure
from surveys.languages import GERMAN
from surveys.models import CollectionPoint, Page

DRAFT_KEY = "survey-draft:{code}"
THANKS_KEY = "survey-thanks"
THANKS_SECONDS = 10 * 60
HONEYPOT = "website"
LANGUAGE_PARAMETER = "sprache"
EXPIRED_PARAMETER = "abgelaufen"
# A one-time code in the link (the QR code on a code slip) fills in the start page's field.
ACCESS_CODE_PARAMETER = "zugang"
# Where the draft keeps the checked code until sending.
ACCESS_CODE = "access_code"


def find_point(code: str, *, fresh: bool = False) -> CollectionPoint | None:
    """The active collection point behind a short link, with its survey and district.

    Pages may come from a point this process read up to SURVEY_POINT_CACHE_SECONDS ago
    (surveys/family_cache.py); `fresh` (the send) reads the state of the point and survey
    now. Unknown codes are never kept, so a new point works at once.
    """
    seconds = settings.SURVEY_POINT_CACHE_SECONDS
    now = time.monotonic()
    if seconds > 0:
        kept = POINTS.get(code)
        if kept is not None and kept[0] > now:
            # A send reads what storing depends on afresh (surveys/family_live.py).
            return with_live_survey(kept[1]) if fresh else kept[1]
    point = (
        CollectionPoint.objects.select_related("survey__district")
        .filter(code=code, is_active=True)
        .first()
    )
    if point is not None and seconds > 0:
        POINTS.put(code, (now + seconds, point))
    return point


def get_draft(request: HttpRequest, point: CollectionPoint) -> dict[str, Any] | None:
    key = DRAFT_KEY.format(code=point.code)
    draft = request.session.get(key)
    if not (isinstance(draft, dict) and isinstance(draft.get("answers"), dict)):
        return None
    if tablet.is_tablet(request, point) and tablet.draft_is_stale(draft):
        del request.session[key]
        return None
    return draft


def save_draft(request: HttpRequest, point: CollectionPoint, draft: dict[str, Any]) -> None:
    if tablet.is_tablet(request, point):
        # The session keeps tablet mode for the day; the family's answers wait a short while.
        tablet.stamp_draft(draft)
    elif not request.user.is_authenticated:
        # The family's answers are gone a few hours after the last click.
        request.session.set_expiry(settings.SURVEY_DRAFT_SECONDS)
    request.session[DRAFT_KEY.format(code=point.code)] = draft


def offered(point: CollectionPoint, code: str | None) -> str | None:
    return code if code and point.survey.offers(code) else None


def choose_language(
    request: HttpRequest, point: CollectionPoint, draft: dict[str, Any] | None
) -> str:
    return (
        offered(point, request.POST.get(LANGUAGE_PARAMETER))
        or offered(point, request.GET.get(LANGUAGE_PARAMETER))
        or offered(point, (draft or {}).get("lang"))
        or GERMAN
    )


def start_url(point: CollectionPoint, language: str = GERMAN, **extra: str) -> str:
    query = {**({LANGUAGE_PARAMETER: language} if language != GERMAN else {}), **extra}
    url = reverse("surveys:family_start", kwargs={"code": point.code})
    return f"{url}?{urlencode(query)}" if query else url


def page_url(point: CollectionPoint, structure: SurveyStructure, page: Page) -> str:
    return reverse(
        "surveys:family_page",
        kwargs={"code": point.code, "number": structure.page_number(page)},
    )


def thanks_url(point: CollectionPoint, language: str) -> str:
    url = reverse("surveys:family_thanks", kwargs={"code": point.code})
    return f"{url}?{urlencode({LANGUAGE_PARAMETER: language})}" if language != GERMAN else url


def honeypot_filled(request: HttpRequest) -> bool:
    return bool(request.POST.get(HONEYPOT, "").strip())
