"""Flooding and bots: a rate limit held only in the cache, a honeypot, and a form that
keeps working when Redis or the Celery broker is down."""

from __future__ import annotations

import logging
import time
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache
from django.test import Client, override_settings
from django.urls import reverse

from mitwirkung.celery import app as celery_app
from surveys import throttle
from surveys.models import CollectionPointDay, Response
from tests.surveys.test_family_fixtures import (
    FamilySurvey,
    answer_all,
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def family() -> FamilySurvey:
    return make_family_survey()


class BrokenCache(BaseCache):
    """A cache whose server is gone: every call raises, as the Redis backend does."""

    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)

    def _fail(self, *args: object, **kwargs: object) -> None:
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    add = get = set = touch = delete = incr = clear = has_key = _fail


BROKEN_CACHE = {"default": {"BACKEND": "tests.surveys.test_family_abuse.BrokenCache"}}


def test_submissions_over_the_hourly_limit_get_a_friendly_429(family, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 2
    for _family_number in range(2):
        assert answer_all(Client(), family).status_code == 302
    response = answer_all(Client(), family, language="ar")
    assert response.status_code == 429
    assert "إجابات كثيرة جدًا في وقت قصير" in response.text
    assert Response.objects.count() == 2


def test_the_limit_counts_per_client(family, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 1
    assert answer_all(Client(REMOTE_ADDR="192.0.2.1"), family).status_code == 302
    assert answer_all(Client(REMOTE_ADDR="192.0.2.2"), family).status_code == 302
    assert answer_all(Client(REMOTE_ADDR="192.0.2.1"), family).status_code == 429
    assert Response.objects.count() == 2


def test_behind_a_proxy_the_forwarded_address_is_counted(family, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 1
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = Client(HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    second = Client(HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert answer_all(first, family).status_code == 302
    assert answer_all(second, family).status_code == 302
    assert Response.objects.count() == 2


def test_a_family_over_the_limit_keeps_its_answers_to_send_later(client, family, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 1
    assert answer_all(Client(), family).status_code == 302
    assert answer_all(client, family).status_code == 429
    assert Response.objects.count() == 1
    cache.clear()  # an hour later
    response = client.post(family.page_url(3), {"nav": "send"})
    assert response.status_code == 302
    assert Response.objects.count() == 2
    assert Response.objects.first().answers.filter(question=family.needs).count() == 2


def test_the_rate_limit_key_is_a_salted_hash_without_the_address(rf, settings):
    request = rf.get("/s/", REMOTE_ADDR="203.0.113.9")
    key = throttle.client_key(request, throttle.Scope.SUBMIT)
    assert "203.0.113.9" not in key
    assert len(key.rsplit(":", 1)[1]) == 64
    settings.SECRET_KEY = "another-secret-" + "y" * 50
    assert throttle.client_key(request, throttle.Scope.SUBMIT) != key


def seconds_left(key: str) -> float:
    """How long the cache keeps a counter: asked of Redis (CI) or the local memory cache."""
    backend = caches["default"]
    full_key = backend.make_and_validate_key(key)
    if isinstance(backend, RedisCache):
        return backend._cache.get_client(full_key).ttl(full_key)
    return backend._expire_info[full_key] - time.time()


def test_the_rate_limit_counter_counts_and_expires_within_the_hour(rf, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 3
    request = rf.get("/s/", REMOTE_ADDR="203.0.113.9")
    key = throttle.client_key(request, throttle.Scope.SUBMIT)
    assert [throttle.allow(request, throttle.Scope.SUBMIT) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    assert cache.get(key) == 4  # a plain number, readable through Django's cache
    assert 60 * 60 - 5 < seconds_left(key) <= 60 * 60


def test_guessing_codes_is_limited(client):
    url = reverse("surveys:family_code")
    statuses = [client.get(url, {"code": f"zz{n:06d}"}).status_code for n in range(61)]
    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429


def test_a_filled_honeypot_on_the_start_page_shows_thanks_and_counts_nothing(client, family):
    response = client.post(family.start_url(), {"sprache": "de", "website": "http://spam"})
    assert response.status_code == 302
    assert response["Location"] == family.thanks_url
    assert not CollectionPointDay.objects.exists()
    assert client.get(family.page_url(1)).status_code == 302  # no draft was made


def test_a_filled_honeypot_on_a_page_shows_thanks_and_stores_nothing(client, family):
    start(client, family)
    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    response = client.post(family.page_url(3), {"nav": "send", "website": "cheap pills", "q0": "x"})
    assert response["Location"] == family.thanks_url
    assert "Vielen Dank!" in client.get(response["Location"]).text
    assert Response.objects.count() == 0


def test_the_honeypot_is_hidden_from_people(client, family):
    html = client.get(family.start_url()).text
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="website" value="" tabindex="-1" autocomplete="off"' in html


@override_settings(CACHES=BROKEN_CACHE)
def test_a_submission_is_stored_while_the_cache_is_down(client, family, caplog):
    with caplog.at_level(logging.WARNING):
        response = answer_all(client, family)
    assert response.status_code == 302
    assert Response.objects.count() == 1
    assert "rate limit (submit) skipped" in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_a_submission_needs_no_celery_broker(client, family, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)

    def unreachable(*args: object, **kwargs: object) -> None:
        raise ConnectionRefusedError("broker unreachable")

    with (
        mock.patch("celery.app.task.Task.apply_async", unreachable),
        mock.patch.object(celery_app, "send_task", unreachable),
    ):
        response = answer_all(client, family)
    assert response.status_code == 302
    assert Response.objects.get().answers.count() == 6


def test_a_failed_csrf_check_on_the_form_shows_a_plain_german_page(family):
    client = Client(enforce_csrf_checks=True)
    response = client.post(family.start_url(), {"sprache": "de"})
    assert response.status_code == 403
    assert "Die Seite ist abgelaufen" in response.text
    assert f'href="{family.start_url()}"' in response.text
    assert not CollectionPointDay.objects.exists()


def test_a_failed_csrf_check_elsewhere_keeps_djangos_page(family):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Die Seite ist abgelaufen" not in response.text
    assert "CSRF" in response.text
