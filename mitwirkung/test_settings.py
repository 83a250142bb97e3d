"""Settings for the test suite: the real settings with fast hashers and captured mail.

DATABASE_URL and REDIS_URL are honoured, so CI runs against PostgreSQL and Redis.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-" + "x" * 60)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# Playwright drives the browser from an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from urllib.parse import urlsplit, urlunsplit

from mitwirkung.settings import *  # noqa: F403
from mitwirkung.settings import CACHES, DATABASES, REDIS_URL, STORAGES

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Tests call tasks in-process; tests/test_celery_worker.py sends one through the real broker.
CELERY_TASK_ALWAYS_EAGER = True
if "KEY_PREFIX" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = f"mitwirkung-test-{os.getpid()}"
# pytest-xdist runs the suite in several processes (gw0, gw1, …): each gets a Redis database of
# its own, so one process's cache.clear() (FLUSHDB) neither resets the other's rate-limit
# counters nor drops the task it just queued. Each also gets its own test database (pytest-django).
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):
    _parts = urlsplit(REDIS_URL)
    _database = (int(_parts.path.strip("/") or 0) + 1 + int(_XDIST_WORKER[2:])) % 16
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{_database}"))
    CACHES["default"]["LOCATION"] = REDIS_URL
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
# Serve static files from the source folders; tests do not run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# seed_demo skips the demo PDFs in tests (about 13 s each time); test_seed_demo turns them on.
MITWIRKUNG_DEMO_PDFS = False
# … and last year's wave with the step-5 story (about 8 s); test_seed_demo_contents turns it on.
MITWIRKUNG_DEMO_EARLIER_WAVE = False

# A test database is thrown away: PostgreSQL need not wait for the disk on every commit (the
# browser tests commit and flush for each test). Production keeps synchronous commits.
if DATABASES["default"]["ENGINE"] == "mitwirkung.postgresql":
    DATABASES["default"]["OPTIONS"]["options"] = "-c synchronous_commit=off"
# Tests see every change at once; tests/surveys/test_family_cache.py turns the cache on.
SURVEY_POINT_CACHE_SECONDS = 0
SURVEY_HELP_CACHE_SECONDS = 0
TRANSPARENCY_STATE_CACHE_SECONDS = 0
