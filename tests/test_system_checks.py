"""`manage.py check` warns about what the machine lacks: Chromium for the PDF charts, Redis."""

from __future__ import annotations

import io
import time

import pytest
from django.core import checks
from django.core.management import call_command

from tests.fake_services import fake_browser, silent_server


def warnings(*, deploy: bool = False) -> dict[str, str]:
    found = checks.run_checks(tags=["mitwirkung"], include_deployment_checks=deploy)
    return {message.id: message.msg for message in found}


def test_a_missing_chromium_is_a_warning_in_manage_py_check(settings, tmp_path):
    settings.BROWSER_PATH = str(tmp_path / "chromium")
    settings.REDIS_URL = ""
    output = io.StringIO()
    call_command("check", stdout=output, stderr=output)
    text = output.getvalue()
    assert "(mitwirkung.W001) Chromium for the PDF charts is not usable" in text
    assert f"BROWSER_PATH is {tmp_path / 'chromium'}" in text


def test_a_chromium_that_does_not_start_is_a_warning(settings, tmp_path):
    settings.BROWSER_PATH = fake_browser(tmp_path, "echo 'libnss3.so: not found' >&2; exit 127")
    found = warnings()
    assert found["mitwirkung.W001"].endswith("--version ended with 127: libnss3.so: not found")


def test_a_working_chromium_gives_no_warning(settings, tmp_path):
    settings.BROWSER_PATH = fake_browser(tmp_path, "echo 'Chromium 156.0'")
    settings.REDIS_URL = ""
    assert warnings() == {}


def test_the_deploy_check_draws_a_chart_and_warns_when_kaleido_cannot(settings, tmp_path):
    # It tells its version, as a real one would, but never answers kaleido.
    settings.BROWSER_PATH = fake_browser(
        tmp_path, 'case "$*" in *--version*) echo "Chromium 156.0";; *) exec sleep 300;; esac'
    )
    settings.MITWIRKUNG_CHART_START_TIMEOUT = 2
    settings.MITWIRKUNG_CHART_FIGURE_TIMEOUT = 1
    settings.REDIS_URL = ""
    started = time.monotonic()
    found = warnings(deploy=True)
    assert time.monotonic() - started < 30
    assert "mitwirkung.W001" not in found
    assert found["mitwirkung.W002"].startswith("kaleido could not draw a chart with Chromium")


def test_unreachable_redis_is_a_warning_without_its_password(settings, tmp_path):
    settings.BROWSER_PATH = fake_browser(tmp_path, "echo 'Chromium 156.0'")
    settings.REDIS_URL = "redis://:geheim@127.0.0.1:1/0"
    found = warnings()
    assert found["mitwirkung.W003"].startswith(
        "Redis is configured (redis://:***@127.0.0.1:1/0) but unreachable: ConnectionError"
    )
    assert "geheim" not in found["mitwirkung.W003"]


def test_a_silent_redis_is_a_warning_within_seconds(settings, tmp_path):
    settings.BROWSER_PATH = fake_browser(tmp_path, "echo 'Chromium 156.0'")
    with silent_server() as port:
        settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
        started = time.monotonic()
        found = warnings()
        assert time.monotonic() - started < 10
    assert "Timeout" in found["mitwirkung.W003"]


@pytest.mark.parametrize("configured", ["", "redis://127.0.0.1:6379/1"])
def test_no_redis_warning_when_redis_is_off_or_answers(settings, tmp_path, configured):
    if configured and not settings.REDIS_URL:
        configured = ""  # only where a Redis runs (CI); elsewhere the "off" case twice
    settings.BROWSER_PATH = fake_browser(tmp_path, "echo 'Chromium 156.0'")
    settings.REDIS_URL = configured
    assert "mitwirkung.W003" not in warnings()
