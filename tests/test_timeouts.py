"""Every service the app talks to has a bound: a silent SMTP server, Redis or PostgreSQL ends in
an error within seconds, and a request that sends mail still succeeds and says it did not."""

from __future__ import annotations

import os
import smtplib
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from districts.models import Membership
from mitwirkung.health import broker_status
from mitwirkung.mail import send_templated_mail
from tests.fake_services import silent_server

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def silent_smtp(settings):
    with silent_server() as port:
        settings.EMAIL_BACKEND = SMTP
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_TIMEOUT = 1
        yield port


@pytest.mark.django_db
def test_a_silent_mail_server_gives_up_after_the_timeout(silent_smtp):
    context = {"report": None}
    started = time.monotonic()
    sent = send_templated_mail("legal/email/reminder", context, ["a@example.org"])
    assert time.monotonic() - started < 5
    assert sent is False
    with pytest.raises(smtplib.SMTPServerDisconnected, match="timed out"):
        send_templated_mail("legal/email/reminder", context, ["a@example.org"], raise_errors=True)


@pytest.mark.django_db
def test_an_invitation_is_saved_and_the_coordinator_told_when_the_mail_fails(
    client, coordinator_a, silent_smtp
):
    client.force_login(coordinator_a.user)
    url = reverse("districts:member_add", kwargs={"district": coordinator_a.district.slug})
    started = time.monotonic()
    response = client.post(url, {"email": "neu@jugendamt.example", "role": "staff"}, follow=True)
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    user = get_user_model().objects.get(email="neu@jugendamt.example")
    assert Membership.objects.filter(user=user, district=coordinator_a.district).exists()
    assert (
        "Die E-Mail an neu@jugendamt.example konnte nicht gesendet werden"
        in response.content.decode()
    )


def test_a_silent_redis_is_an_error_for_the_health_check_within_seconds(settings):
    with silent_server() as port:
        settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
        settings.CELERY_TASK_ALWAYS_EAGER = False
        started = time.monotonic()
        assert broker_status() == "error"
        assert time.monotonic() - started < 10


def test_the_cache_options_bound_a_silent_redis(settings):
    # The options the settings give the Redis cache, with one second instead of five.
    with silent_server() as port:
        cache = RedisCache(
            f"redis://127.0.0.1:{port}/0",
            {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
        )
        started = time.monotonic()
        with pytest.raises(Exception, match=r"[Tt]imeout"):
            cache.get("anything")
        assert time.monotonic() - started < 6
    if settings.REDIS_URL:  # CI: the configured cache carries exactly these options
        assert settings.CACHES["default"]["OPTIONS"] == {
            "socket_connect_timeout": settings.REDIS_TIMEOUT,
            "socket_timeout": settings.REDIS_TIMEOUT,
        }


def test_a_silent_postgresql_fails_the_connection_within_its_timeout(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "mitwirkung.postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs against PostgreSQL (.ci/run sets DATABASE_URL)")
        pytest.skip("the embedded default is SQLite; CI runs this against PostgreSQL")
    import psycopg

    assert database["OPTIONS"]["connect_timeout"] == 5
    with silent_server() as port:  # the same option, one second instead of five
        started = time.monotonic()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(host="127.0.0.1", port=port, dbname="x", connect_timeout=1)
        assert time.monotonic() - started < 6
