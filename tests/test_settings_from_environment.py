from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mitwirkung.settings import env_bool

ROOT = Path(__file__).resolve().parent.parent
REAL_SECRET = secrets.token_urlsafe(64)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_value(expression: str, **env: str) -> str:
    result = run_python(f"import mitwirkung.settings as s; print(*[{expression}])", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("Off", False), ("0", False)]
)
def test_debug_flag_is_parsed_strictly(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", default=not expected) is expected


def test_a_misspelt_debug_flag_is_refused(monkeypatch):
    monkeypatch.setenv("X_FLAG", "ja")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG", default=False)


def test_production_mode_refuses_to_start_with_the_default_secret():
    result = run_python("import mitwirkung.settings", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_without_database_url_the_app_uses_a_sqlite_file():
    assert settings_value("s.DATABASES['default']['ENGINE']", DJANGO_DEBUG="1") == (
        "django.db.backends.sqlite3"
    )


def test_database_url_selects_postgresql():
    engine = settings_value(
        "s.DATABASES['default']['ENGINE']",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://u:p@db.example:5432/mitwirkung",
    )
    assert engine == "mitwirkung.postgresql"


def test_without_redis_url_tasks_run_eagerly_and_the_cache_is_local():
    value = settings_value(
        "s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND']", DJANGO_DEBUG="1"
    )
    assert value == "True django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_makes_redis_broker_and_cache():
    value = settings_value(
        "s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.CACHES['default']['BACKEND']",
        DJANGO_DEBUG="1",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert value == "False redis://cache.example:6379/0 django.core.cache.backends.redis.RedisCache"


def test_deploy_check_is_clean_with_debug_off_and_a_real_secret():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "mitwirkung.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": REAL_SECRET,
            "DJANGO_ALLOWED_HOSTS": "mitwirkung.example.berlin.de",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_manage_py_names_the_missing_secret_instead_of_a_django_internal_error():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr


def test_manage_py_honours_the_settings_option():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=mitwirkung.test_settings"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
