from __future__ import annotations

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from tests.fake_services import fake_browser

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def working_browser(settings, tmp_path):
    """A stand-in that answers --version, so the status does not depend on this machine."""
    settings.BROWSER_PATH = fake_browser(tmp_path, "echo 'Chromium 156.0'")
    return settings.BROWSER_PATH


def test_healthz_reports_database_and_broker_ok(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "eager")
    assert body["charts"] == "ok"


def test_healthz_without_chromium_is_degraded_but_serving(client, settings, tmp_path):
    settings.BROWSER_PATH = str(tmp_path / "no-chromium")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["charts"] == "unavailable"


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(self, sql, params=None):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "error",
        "broker": response.json()["broker"],
        "charts": "ok",
    }


def test_healthz_answers_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"
