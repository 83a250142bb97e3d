"""System checks (`manage.py check`, also run by runserver and migrate) for what the app
needs from the machine but can live without: Chromium for the PDF charts, a reachable Redis.

Both are warnings, not errors: without Chromium only the report PDF fails (with a reason that
names the fix), and an unreachable Redis may come back; the app must still start and say so.
`manage.py check --deploy` also draws one chart through kaleido, as a report build would.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from mitwirkung.health import redacted_url, redis_problem


@checks.register("mitwirkung")
def chart_browser_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from reports.documents.chart_process import browser_path, browser_start_problem

    problem = browser_start_problem(timeout=10)
    if problem is None:
        return []
    return [
        checks.Warning(
            f"Chromium for the PDF charts is not usable: {problem}",
            hint=(
                f"BROWSER_PATH is {browser_path() or 'unset'}; Debian: apt install chromium. "
                "Until then the report PDF fails with this reason; the brief, the dashboards "
                "and the public pages work."
            ),
            id="mitwirkung.W001",
        )
    ]


@checks.register("mitwirkung", deploy=True)
def chart_drawing_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from reports.documents.chart_process import browser_problem, chart_self_test

    if browser_problem() is not None:
        return []  # W001 says it already
    problem = chart_self_test()
    if problem is None:
        return []
    return [
        checks.Warning(
            f"kaleido could not draw a chart with Chromium: {problem}",
            hint="Run the Chromium at BROWSER_PATH by hand (--headless --version) and fix it.",
            id="mitwirkung.W002",
        )
    ]


@checks.register("mitwirkung")
def redis_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.REDIS_URL:
        return []
    problem = redis_problem(settings.REDIS_URL)
    if problem is None:
        return []
    return [
        checks.Warning(
            f"Redis is configured ({redacted_url(settings.REDIS_URL)}) but unreachable: {problem}",
            hint=(
                "Start Redis, correct REDIS_URL, or unset it to run tasks in the web process. "
                "Until then report builds wait in the queue and the cache is not shared."
            ),
            id="mitwirkung.W003",
        )
    ]
