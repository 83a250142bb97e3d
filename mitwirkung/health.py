"""/healthz for load balancers and container health checks.

The database and the broker decide the status code (503 when one is down). Chromium for the
PDF charts only degrades the app: "charts" says so with 200, so a container without it is not
restarted in a loop, and operators still see it.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

REDIS_TIMEOUT_SECONDS = 2
# Starting `chromium --version` costs a fraction of a second: not on every probe.
CHARTS_STATUS_SECONDS = 300
_charts_cache: dict[str, tuple[float, str]] = {}
_charts_lock = threading.Lock()


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not healthy"; the reason goes to the log, not the answer
        return "error"
    return "ok"


def redis_problem(url: str) -> str | None:
    """None when Redis at `url` answers a PING within the timeout, else what went wrong."""
    try:
        import redis

        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def redacted_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + netloc))


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.REDIS_URL:
        return "eager"  # tasks run in the web process; there is no broker to be down
    return "ok" if redis_problem(settings.REDIS_URL) is None else "error"


def charts_status() -> str:
    """ "ok" or "unavailable" (Chromium missing or not starting), remembered for a while."""
    from reports.documents.chart_process import browser_path, browser_start_problem

    key = browser_path()
    with _charts_lock:
        cached = _charts_cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < CHARTS_STATUS_SECONDS:
            return cached[1]
    status = "ok" if browser_start_problem(timeout=5) is None else "unavailable"
    with _charts_lock:
        _charts_cache[key] = (time.monotonic(), status)
    return status


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_status(), "broker": broker_status()}
    healthy = all(value != "error" for value in checks.values())
    checks["charts"] = charts_status()
    # Without Chromium only the report PDF fails: degraded, but serving (200).
    status = "error" if not healthy else "ok" if checks["charts"] == "ok" else "degraded"
    return JsonResponse({"status": status, **checks}, status=200 if healthy else 503)
