from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SETTINGS = ROOT / "mitwirkung" / "settings.py"
DOCKERFILE = ROOT / "Dockerfile"

# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt}
COMPOSE_VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])[^}]*)?\}")
SETTINGS_VARIABLE = re.compile(
    r"""(?:os\.environ\.get|env_bool|env_int|env_list)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']"""
)
# Active (NAME=value) or documented but commented out (# NAME=value).
ENV_EXAMPLE_ENTRY = re.compile(r"^\s*(#\s*)?([A-Za-z_][A-Za-z0-9_]*)=", re.MULTILINE)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


def command_of(service: dict[str, Any]) -> str:
    command = service.get("command", "")
    return command if isinstance(command, str) else shlex.join(command)


def env_example_names(*, include_commented: bool) -> set[str]:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    return {
        name
        for commented, name in ENV_EXAMPLE_ENTRY.findall(text)
        if include_commented or not commented
    }


def access_log_format(arguments: list[str]) -> str:
    assert "--access-logformat" in arguments, (
        "without --access-logformat gunicorn logs the client address (%(h)s)"
    )
    return arguments[arguments.index("--access-logformat") + 1]


def test_compose_defines_web_worker_beat_db_and_redis(services):
    assert {"web", "worker", "beat", "db", "redis"} <= services.keys()


def test_database_is_postgres_16(services):
    assert services["db"]["image"].startswith("postgres:16")


def test_worker_runs_the_celery_worker(services):
    assert "celery -A mitwirkung worker" in command_of(services["worker"])


def test_beat_runs_the_celery_beat_scheduler(services):
    assert "celery -A mitwirkung beat" in command_of(services["beat"])


def test_web_serves_the_wsgi_app_with_gunicorn(services):
    command = command_of(services["web"])
    assert "gunicorn" in command
    assert "mitwirkung.wsgi" in command


@pytest.mark.parametrize("name", ["web", "db", "redis"])
def test_service_has_a_healthcheck(services, name):
    assert services[name].get("healthcheck", {}).get("test")


def test_web_migrates_the_database_before_it_starts(services):
    migrate = services["migrate"]
    assert "manage.py migrate" in command_of(migrate)
    condition = services["web"]["depends_on"]["migrate"]["condition"]
    assert condition == "service_completed_successfully"


def test_web_access_log_leaves_out_the_client_address(services):
    command = services["web"]["command"]
    arguments = command if isinstance(command, list) else shlex.split(command)
    assert "%(h)s" not in access_log_format(arguments)


def test_image_access_log_leaves_out_the_client_address():
    cmd_line = next(
        line
        for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()
        if line.startswith("CMD")
    )
    assert "%(h)s" not in access_log_format(shlex.split(cmd_line))


def test_web_is_published_on_localhost_only(services):
    assert all(str(port).startswith("127.0.0.1:") for port in services["web"]["ports"])


def test_every_variable_the_compose_file_needs_is_in_env_example():
    defined = env_example_names(include_commented=False)
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    needed = {
        name
        for name, operator in COMPOSE_VARIABLE.findall(text)
        if operator not in {"-", ":-"}  # a default makes it optional
    }
    assert needed, "expected at least POSTGRES_PASSWORD to be required"
    assert needed - defined == set()


def test_every_variable_the_settings_read_is_in_env_example():
    documented = env_example_names(include_commented=True)
    read = set(SETTINGS_VARIABLE.findall(SETTINGS.read_text(encoding="utf-8")))
    assert {"DJANGO_SECRET_KEY", "DJANGO_DEBUG", "REDIS_URL"} <= read
    assert read - documented == set()


def test_database_url_is_documented_in_env_example():
    # dj_database_url reads DATABASE_URL, so the settings regex cannot see it.
    assert "DATABASE_URL" in env_example_names(include_commented=True)


def test_compose_file_matches_the_compose_spec():
    check_jsonschema = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [
            str(check_jsonschema),
            "--builtin-schema",
            "vendor.compose-spec",
            str(COMPOSE_FILE),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
