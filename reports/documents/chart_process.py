"""Chromium draws the PDF's charts in a child process with deadlines, or says plainly why not.

kaleido waits without a bound when its browser is missing or never answers (its server thread
dies and the caller's queue join never returns). The charts are therefore drawn by
chart_worker.py in a child process in its own session: the parent reads one line per figure
with a deadline (the browser's start, then each figure), and on any failure kills the child
and the browser it started, and raises ChartsUnavailable with a reason in the active
language that names the cause and the fix. A missing browser is found before anything starts.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

NO_NETWORK_PROXY = "http://127.0.0.1:9"  # the discard port: every request fails at once
_KILL_WAIT_SECONDS = 5
_EXIT_WAIT_SECONDS = 10


BROWSER_MISSING = _(
    "The PDF's charts need Chromium, which was not found on the server (BROWSER_PATH: "
    "%(path)s). Fix: install it (apt install chromium) or set BROWSER_PATH to a Chromium; "
    "then try again."
)
BROWSER_SILENT = _(
    "Chromium did not answer within %(seconds)s seconds while drawing the PDF's charts. "
    "Fix: check that %(path)s starts (%(path)s --headless --version) or set BROWSER_PATH to "
    "a working Chromium; then try again."
)
BROWSER_FAILED = _(
    "Chromium could not draw the PDF's charts (%(error)s). Fix: check that %(path)s starts "
    "(%(path)s --headless --version) or set BROWSER_PATH to a working Chromium; then try again."
)


class ChartsUnavailable(Exception):
    """The charts could not be drawn. `reason` is for the coordinator and names the fix; it
    is put into words when read, so the catcher's language (the district's) decides."""

    def __init__(self, message: Any, **params: Any) -> None:
        super().__init__(str(message) % params)
        self.message, self.params = message, params

    @property
    def reason(self) -> str:
        return str(self.message) % self.params


def browser_path() -> str:
    return str(getattr(settings, "BROWSER_PATH", "") or "")


def browser_problem() -> ChartsUnavailable | None:
    """Why no browser can be started for the charts, known before trying; None if one is there."""
    path = browser_path()
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return None
    return ChartsUnavailable(BROWSER_MISSING, path=path or "–")


def draw_svgs(
    figures: list[tuple[dict[str, Any], int, int]],
    *,
    plotlyjs: str,
    on_figure: Callable[[int, int], None] | None = None,
) -> list[str]:
    """[(figure, width, height)] → kaleido's SVG text for each, all through one browser."""
    if not figures:
        return []
    problem = browser_problem()
    if problem is not None:
        raise problem
    start_timeout = float(settings.MITWIRKUNG_CHART_START_TIMEOUT)
    figure_timeout = float(settings.MITWIRKUNG_CHART_FIGURE_TIMEOUT)
    request = {
        "plotlyjs": plotlyjs,
        "proxy": NO_NETWORK_PROXY,
        "figures": [[figure, width, height] for figure, width, height in figures],
    }
    with (
        tempfile.TemporaryFile() as stdin,
        tempfile.TemporaryFile() as stderr,
    ):
        stdin.write(json.dumps(request).encode())
        stdin.seek(0)
        process = _start(stdin, stderr)
        try:
            reader = _LineReader(process)
            svgs: list[str] = []
            timeout = 0.0
            for done in range(1, len(figures) + 1):
                timeout = figure_timeout + (start_timeout if done == 1 else 0)
                message = reader.message(timeout)
                if "svg" not in message:
                    raise _failed(str(message.get("error", "")))
                svgs.append(message["svg"])
                if on_figure is not None:
                    on_figure(done, len(figures))
            _wait_for_exit(process)
            return svgs
        except _Timeout:
            _log_stderr(stderr, "did not answer")
            raise ChartsUnavailable(
                BROWSER_SILENT, seconds=int(timeout), path=browser_path()
            ) from None
        except _Ended:
            _log_stderr(stderr, "ended early")
            raise _failed("no answer") from None
        except ChartsUnavailable:
            _log_stderr(stderr, "failed")
            raise
        finally:
            kill_process_tree(process)


def _start(stdin: Any, stderr: Any) -> subprocess.Popen[bytes]:
    base = str(settings.BASE_DIR)
    environment = {
        **os.environ,
        "BROWSER_PATH": browser_path(),
        "PYTHONPATH": os.pathsep.join(filter(None, [base, os.environ.get("PYTHONPATH", "")])),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "reports.documents.chart_worker"],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=base,
        env=environment,
        start_new_session=True,  # its own process group, so a kill reaches everything it started
        bufsize=0,
    )


def _failed(error: str) -> ChartsUnavailable:
    # The error is the program's own words (English), kept short: the fix matters more.
    return ChartsUnavailable(BROWSER_FAILED, error=error[:160] or "–", path=browser_path())


class _Timeout(Exception):
    pass


class _Ended(Exception):
    pass


class _LineReader:
    """JSON lines from the child's stdout, each within its own deadline."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        self._fd = process.stdout.fileno()
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)

    def message(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise _Timeout
            chunk = os.read(self._fd, 1 << 16)
            if not chunk:
                raise _Ended
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except ValueError:
            raise _Ended from None
        return message if isinstance(message, dict) else {}


def _wait_for_exit(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=_EXIT_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        logger.warning("chart process %s did not exit after its last chart", process.pid)


def kill_process_tree(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the child, what it started and their process groups (the browser's wrapper
    starts a session of its own); then reap the child. Nothing is left running."""
    descendants = _descendants(process.pid)
    if process.poll() is None or descendants:
        for pid in [*descendants, process.pid]:
            for kill in (os.killpg, os.kill):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    kill(pid, signal.SIGKILL)
    try:
        process.wait(timeout=_KILL_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        logger.error("chart process %s survived SIGKILL", process.pid)
    if process.stdout is not None:
        process.stdout.close()


def _descendants(root: int) -> list[int]:
    """Every process below `root`, from /proc (Linux); elsewhere the process group kill only."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces and parentheses: the fields start after the last ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: list[int] = []
    stack = [root]
    while stack:
        for child in parents.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _log_stderr(stderr: Any, what: str) -> None:
    stderr.seek(0, os.SEEK_END)
    size = stderr.tell()
    stderr.seek(max(0, size - 2000))
    tail = stderr.read().decode("utf-8", "replace").strip()
    logger.warning("chart process %s (BROWSER_PATH %s): %s", what, browser_path(), tail or "-")


def browser_start_problem(timeout: float = 10) -> str | None:
    """Whether the browser runs at all (`--version`, bounded): None, or what went wrong.

    Cheap enough for `manage.py check` and /healthz; whether kaleido can draw with it is
    what chart_self_test() finds out.
    """
    missing = browser_problem()
    if missing is not None:
        return missing.reason
    try:
        done = subprocess.run(
            [browser_path(), "--headless", "--version"],
            capture_output=True,
            timeout=timeout,
            start_new_session=True,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{browser_path()} --version did not answer within {timeout:g} s"
    except OSError as exc:
        return f"{browser_path()} could not be started: {exc}"
    if done.returncode != 0:
        output = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
        return f"{browser_path()} --version ended with {done.returncode}: {output[:200]}"
    return None


def chart_self_test() -> str | None:
    """Draw one small chart exactly as a report does: None, or the reason it failed."""
    from reports.documents.svg import plotly_js

    figure = {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}
    try:
        svgs = draw_svgs([(figure, 200, 100)], plotlyjs=plotly_js())
    except ChartsUnavailable as exc:
        return exc.reason
    return None if svgs and "<svg" in svgs[0] else "kaleido returned no SVG"
