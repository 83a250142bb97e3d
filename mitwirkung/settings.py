"""MitWirkung settings: one module, configured from the environment.

Embedded default (no DATABASE_URL, no REDIS_URL): SQLite file and eager Celery,
which is what `make run` uses. Production and CI set both URLs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Parse a boolean strictly: a typo must not silently switch debug on or off."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


DEBUG = env_bool("DJANGO_DEBUG", False)

INSECURE_DEFAULT_SECRET = "django-insecure-mitwirkung-development-only"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", INSECURE_DEFAULT_SECRET)
if not DEBUG and (
    SECRET_KEY == INSECURE_DEFAULT_SECRET or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters when "
        "DJANGO_DEBUG is off. Generate one with: python -c 'import secrets; "
        "print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The public address, for links in documents built outside a request (PDFs by Celery).
SITE_URL = os.environ.get("MITWIRKUNG_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mitwirkung.account_security",
    "mitwirkung.legal",
    "districts",
    "goals",
    "offerings",
    "surveys",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mitwirkung.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database outage answers a friendly 503 instead of a 500 (also handler500 in urls.py).
    "mitwirkung.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mitwirkung.locale.GermanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Three of these pass by the family and public pages (mitwirkung/staff_middleware.py).
    "mitwirkung.staff_middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Both need the user and the messages; idle logout first, so a stale session is not asked
    # for a code (mitwirkung/account_security/).
    "mitwirkung.staff_middleware.SessionIdleMiddleware",
    "mitwirkung.account_security.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "mitwirkung.staff_middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "mitwirkung.urls"
WSGI_APPLICATION = "mitwirkung.wsgi.application"
ASGI_APPLICATION = "mitwirkung.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mitwirkung.context_processors.site",
                "districts.context_processors.district",
            ],
        },
    },
]

# --- Database: SQLite file unless DATABASE_URL says otherwise -----------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        # A reused connection is checked before a request's first query: after a database
        # restart no request fails on a dead connection. On PostgreSQL the check looks at the
        # socket and costs no round trip (mitwirkung/postgresql/base.py). Off, each process
        # answers one request with the friendly 503 after a restart.
        conn_health_checks=env_bool("DJANGO_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "mitwirkung.postgresql"
if DATABASES["default"]["ENGINE"] == "mitwirkung.postgresql":
    # An unreachable server fails the connection within seconds instead of the OS's minutes.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DJANGO_DB_CONNECT_TIMEOUT", 5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker, result backend and cache, or eager tasks and local memory -----
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
REDIS_TIMEOUT = env_int("REDIS_TIMEOUT_SECONDS", 5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "mitwirkung"),
            # A Redis that is gone answers "error" within seconds, never a hanging request.
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": REDIS_TIMEOUT,
        "socket_timeout": REDIS_TIMEOUT,
    }
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT
    CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT
    # Handing a task to a Redis that is down gives up after about 3 tries instead of waiting.
    CELERY_TASK_PUBLISH_RETRY_POLICY = {
        "max_retries": 3,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 1,
    }
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    # Without a broker the web process runs tasks itself, so `make run` needs nothing else.
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Barrier reports must be answered within a month (BITV 2.0); remind before it lapses.
    "remind-overdue-barrier-reports": {
        "task": "mitwirkung.legal.tasks.remind_due_barrier_reports",
        "schedule": 24 * 60 * 60,
    },
    # Open surveys get a fresh report snapshot at night when their answers changed.
    "rebuild-open-survey-reports": {
        "task": "reports.tasks.rebuild_open_surveys",
        "schedule": crontab(hour=2, minute=30),
    },
    # Retention (issue #18): old free texts and, where chosen, raw answers after the final
    # report; after the rebuild so a survey's last answers are in a snapshot first.
    "apply-retention": {
        "task": "surveys.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- Accounts ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# Lock an account name after repeated failures from one address; staff log in from
# shared office networks, so the address alone would lock out a whole Bezirksamt.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)

# Second factor (mitwirkung/account_security/): an authenticator app plus recovery codes.
OTP_TOTP_ISSUER = "MitWirkung"
# Wrong codes are counted per user in the cache and lock code entry for AXES_COOLOFF_TIME after
# this many; django-otp's own growing delay per device is off, one rule is easier to explain.
MITWIRKUNG_TWO_FACTOR_FAILURE_LIMIT = env_int("MITWIRKUNG_TWO_FACTOR_FAILURE_LIMIT", 5)
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Logged-in staff are logged out after this many minutes without a request; families' anonymous
# sessions are not affected.
MITWIRKUNG_SESSION_IDLE_MINUTES = env_int("DJANGO_SESSION_IDLE_MINUTES", 60)
if MITWIRKUNG_SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("DJANGO_SESSION_IDLE_MINUTES must be at least 1")

# --- Language and time --------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files: everything local, never a CDN -----------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail -------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# Seconds an SMTP server may take to answer; a silent one must not hold a request or a worker.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "mitwirkung@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where reports of accessibility barriers go in addition to the coordinators.
BARRIER_FEEDBACK_EMAIL = os.environ.get("MITWIRKUNG_BARRIER_FEEDBACK_EMAIL", "")

# --- Security -----------------------------------------------------------------------
# Database sessions in fewer round trips (a family's draft is written on every page).
SESSION_ENGINE = "mitwirkung.session_store"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # The container health check speaks plain HTTP on the inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging: no client addresses in the logs (gunicorn's access log format omits them too)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # axes would log the client address of every login attempt at INFO.
        "axes": {"level": "WARNING"},
    },
}

# --- MitWirkung -----------------------------------------------------------------------
MITWIRKUNG_SITE_NAME = "MitWirkung"

# --- PDF charts: Chromium through kaleido (reports/documents/chart_process.py) ---------------
# Without a browser the report PDF ends "failed" with a reason naming the fix; the brief, the
# dashboards and the public pages (charts drawn in the visitor's browser) need none.
BROWSER_PATH = (
    os.environ.get("BROWSER_PATH", "").strip()
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
    or "/usr/bin/chromium"
)
# Seconds for Chromium to start and draw the first chart, then for each further chart.
MITWIRKUNG_CHART_START_TIMEOUT = env_int("MITWIRKUNG_CHART_START_TIMEOUT", 60)
MITWIRKUNG_CHART_FIGURE_TIMEOUT = env_int("MITWIRKUNG_CHART_FIGURE_TIMEOUT", 30)
# WeasyPrint loads its fonts once per process; longer than this means the fonts are broken.
MITWIRKUNG_PDF_WARM_UP_TIMEOUT = env_int("MITWIRKUNG_PDF_WARM_UP_TIMEOUT", 60)

# How long a server process may answer /transparenz/ from the publication state it read
# before: a withdrawal reaches the other processes within this time. 0 reads it every time.
TRANSPARENCY_STATE_CACHE_SECONDS = env_int("TRANSPARENCY_STATE_CACHE_SECONDS", 5)

# --- Family surveys (/s/<code>/) ------------------------------------------------------------
# Submissions per client (hashed address, cache only) and hour before a friendly "try later".
SURVEY_SUBMISSIONS_PER_HOUR = env_int("SURVEY_SUBMISSIONS_PER_HOUR", 30)
# How long an unfinished survey's answers stay in the session before they are gone.
SURVEY_DRAFT_SECONDS = env_int("SURVEY_DRAFT_SECONDS", 3 * 60 * 60)
# How long a server process may show family pages from a collection point (and its survey)
# it read before: closing a survey or changing its form reaches the other processes within
# this time. Every POST reads the point afresh. 0 reads it on every request.
SURVEY_POINT_CACHE_SECONDS = env_int("SURVEY_POINT_CACHE_SECONDS", 5)
# How long a process shows the same offerings on the thank-you page for an area and
# languages before asking the database again. 0 asks every time.
SURVEY_HELP_CACHE_SECONDS = env_int("SURVEY_HELP_CACHE_SECONDS", 60)
# Families see a plain German page instead of Django's English one when a form expired.
CSRF_FAILURE_VIEW = "surveys.family_views.csrf_failure"
