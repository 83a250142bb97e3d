"""What each server process keeps between families' requests, so a page costs two small
queries (the session and the collection point) instead of a dozen and a template.

- A survey's structure and texts, keyed by the survey's id and structure version: the
  collection point's query reads the version anyway, and every write to the structure
  gives a new one (surveys/models/structure.py), so a process never serves an old form.
- The collection point behind a short link, with survey and district, for a few seconds
  (SURVEY_POINT_CACHE_SECONDS): page views need no query for it; a POST reads it afresh,
  and saving a point, survey or district empties it in this process at once.
- Rendered pages a family meets before answering them (the start page, a page of
  questions with no answer yet), keyed by everything such a page shows; and the thank-you
  page's offerings for an area and languages, for SURVEY_HELP_CACHE_SECONDS. The CSRF token
  differs per browser: the cached page holds a placeholder that is replaced per request.

Both live in the process's memory: no network hop, nothing shared to invalidate, bounded
(least recently used go first). Nothing about a family is ever kept here: a page with an
answer, an error or an access code in it is rendered, never cached.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from mitwirkung.process_cache import ProcessCache

# Random per process: a text staff write into a survey can never contain it.
CSRF_PLACEHOLDER = f"csrf{secrets.token_hex(16)}"


@dataclass
class SurveyEntry:
    """One version of one survey: its structure and, per language, its translations."""

    structure: Any = None  # surveys.family_structure.SurveyStructure, filled on first use
    texts: dict[str, Any] = field(default_factory=dict)  # language -> surveys.texts.TextParts


SURVEYS: ProcessCache[SurveyEntry] = ProcessCache(64)
# key -> (valid until, time.monotonic(), or None for as long as the key holds; the page)
PAGES: ProcessCache[tuple[float | None, str]] = ProcessCache(512)
# code -> (valid until, time.monotonic(); the collection point with survey and district)
POINTS: ProcessCache[tuple[float, Any]] = ProcessCache(512)


def survey_entry(survey: Any) -> SurveyEntry:
    return SURVEYS.get_or_create((survey.pk, survey.structure_version), SurveyEntry)


def survey_key(point: Any, language: str) -> tuple[Hashable, ...]:
    """Everything of the collection point, survey and district a family page shows."""
    survey = point.survey
    return (
        point.pk,
        point.code,
        survey.pk,
        survey.structure_version,
        survey.updated_at,
        survey.title,
        survey.intro,
        tuple(survey.languages),
        survey.min_group_size,
        survey.district.name,
        language,
    )


def cached_render(
    request: HttpRequest,
    key: Hashable,
    template: str,
    context: Callable[[], dict[str, Any]],
    *,
    seconds: float | None = None,
) -> HttpResponse:
    """The page for `key`, rendered once per process (for `seconds`, or as long as the key
    holds when None); `context` is only built then."""
    now = time.monotonic()
    kept = PAGES.get(key)
    if kept is None or (kept[0] is not None and kept[0] <= now):
        html = render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request)
        kept = PAGES.put(key, (None if seconds is None else now + seconds, html))
    html = kept[1]
    if CSRF_PLACEHOLDER in html:
        # Also tells the CSRF middleware to send its cookie, as {% csrf_token %} does.
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return HttpResponse(html)


def forget_points(**kwargs: Any) -> None:
    """A point, survey or district was saved or deleted (signal receiver)."""
    POINTS.clear()
