"""The family form's per-process caches (surveys/family_cache.py): a cached page is the page
an uncached rendering gives, with the visitor's own CSRF token; a change to the form shows at
once; nothing a family answered is ever kept; the collection point's few seconds of memory
never let a closed survey store a response."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mitwirkung.process_cache import ProcessCache, clear_all
from surveys import family_cache
from surveys.models import OptionTranslation, QuestionTranslation, Response, Survey
from tests.surveys.test_family_fixtures import (
    answer_all,
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty_caches():
    cache.clear()
    clear_all()
    yield
    clear_all()


@pytest.fixture
def family():
    return make_family_survey()


def without_token(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def first_page(client: Client, family, language: str = "de") -> str:
    token = TOKEN.search(client.get(family.start_url(sprache=language)).text).group(1)
    client.post(family.start_url(), {"sprache": language, "csrfmiddlewaretoken": token})
    response = client.get(family.page_url(1))
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_cached_page_is_the_uncached_page_with_the_visitors_own_token(family, language):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    rendered = first_page(first, family, language)
    assert len(family_cache.PAGES) == 2  # the start page and page 1
    with CaptureQueriesContext(connection) as queries:
        cached = first_page(second, family, language)
    assert len(family_cache.PAGES) == 2  # the second family got the kept pages
    assert not any("surveys_question" in q["sql"] for q in queries.captured_queries)
    assert without_token(cached) == without_token(rendered)
    assert family_cache.CSRF_PLACEHOLDER not in cached
    tokens = {TOKEN.search(rendered).group(1), TOKEN.search(cached).group(1)}
    assert len(tokens) == 2
    # The token in the kept page works for its own visitor: the answer is accepted.
    posted = second.post(
        family.page_url(1),
        {
            "csrfmiddlewaretoken": TOKEN.search(cached).group(1),
            family.known.field_name: family.used.pk,
        },
    )
    assert posted.status_code == 302
    clear_all()
    assert without_token(first_page(Client(), family, language)) == without_token(rendered)


def test_the_start_page_is_kept_and_equals_a_fresh_rendering(client, family):
    html = client.get(family.start_url(sprache="ar")).text
    again = Client().get(family.start_url(sprache="ar")).text
    clear_all()
    fresh = Client().get(family.start_url(sprache="ar")).text
    assert without_token(html) == without_token(again) == without_token(fresh)
    assert "ما الذي يصل إلى العائلات؟" in html


def test_changing_a_question_or_a_translation_shows_on_the_next_page_view(client, family):
    first_page(client, family, "ar")
    family.known.text = "Kennen Sie das neue Familienzentrum?"
    family.known.save()
    QuestionTranslation.objects.filter(question=family.known, language="ar").update(
        text="سؤال جديد"
    )
    OptionTranslation.objects.bulk_update(
        [OptionTranslation(pk=t.pk, option=t.option, language="ar", text="خيار جديد") for t in
         OptionTranslation.objects.filter(option=family.used)],
        ["text"],
    )  # fmt: skip
    html = Client().get(family.start_url(sprache="ar")) and first_page(Client(), family, "ar")
    assert "سؤال جديد" in html
    assert "خيار جديد" in html
    german = first_page(Client(), family)
    assert "Kennen Sie das neue Familienzentrum?" in german


def test_a_page_with_answers_or_errors_is_never_kept(client, family):
    start(client, family)
    answer_first_page(client, family)
    back = client.get(family.page_url(1))
    assert "checked" in back.text
    missing = client.post(family.page_url(1), {"nav": "next"})  # the required answer is missing
    assert missing.status_code == 200
    kept = [html for _, html in family_cache.PAGES._entries.values()]
    assert all(f'value="{family.used.pk}" checked' not in html for html in kept)
    assert all('role="alert"' not in html for html in kept)
    assert not any("Kennen Sie das Familienzentrum?" in html for html in kept)


def test_point_memory_shows_pages_but_a_closed_survey_stores_nothing(settings, family):
    settings.SURVEY_POINT_CACHE_SECONDS = 60
    client = Client()
    start(client, family)
    answer_first_page(client, family)
    client.post(family.page_url(2), {family.helpful.field_name: family.scale[0].pk})
    # Closed by another process: no signal reaches this one, the memory still has it open.
    Survey.objects.filter(pk=family.survey.pk).update(status=Survey.Status.CLOSED)
    assert client.get(family.page_url(3)).status_code == 200
    sent = client.post(family.page_url(3), {family.children.field_name: "1", "nav": "send"})
    assert sent.status_code == 400
    assert "beendet" in sent.text or "geschlossen" in sent.text
    assert Response.objects.filter(survey=family.survey).count() == 0


def test_saving_the_survey_in_this_process_forgets_the_point_at_once(settings, family):
    settings.SURVEY_POINT_CACHE_SECONDS = 60
    client = Client()
    assert client.get(family.start_url()).status_code == 200
    family.survey.status = Survey.Status.CLOSED
    family.survey.save()
    closed = Client().get(family.start_url())
    assert "Umfrage starten" not in closed.text


def test_a_kept_thank_you_page_still_empties_the_familys_session(settings, family):
    settings.SURVEY_HELP_CACHE_SECONDS = 60
    pages_before = len(family_cache.PAGES)
    for _ in range(2):
        client = Client()
        answer_all(client, family)
        session_key = client.cookies["sessionid"].value
        thanks = client.get(family.thanks_url)
        assert thanks.status_code == 200
        assert client.cookies["sessionid"].value == ""  # deleted in the browser
        assert not Session.objects.filter(session_key=session_key).exists()
    assert Response.objects.filter(survey=family.survey).count() == 2
    assert len(family_cache.PAGES) == pages_before + 1  # one thank-you page for both


def test_the_process_cache_forgets_the_least_recently_used():
    kept = ProcessCache(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)
    assert len(kept) == 2
