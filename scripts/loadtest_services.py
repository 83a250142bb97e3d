"""The load test's own throwaway servers: a PostgreSQL cluster, a Redis, gunicorn with the
production settings and one Celery worker, all on loopback ports of their own, so the fault
scenarios can stop and start them without touching the shared PostgreSQL and Redis.

Every wait has a timeout; `Services.close()` ends every process it started (by process group)
and removes the temp directory, also after an error or Ctrl+C.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = BASE_DIR / ".venv" / "bin"
PG_BIN = Path(os.environ.get("LOADTEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
START_TIMEOUT = 60
STOP_TIMEOUT = 20

# Production settings, only the collected static files go to the temp directory instead of
# the checkout's staticfiles/ (the manifest storage needs them, and the tree is shared).
SETTINGS_OVERLAY = """from pathlib import Path
import os
from mitwirkung.settings import *  # noqa: F403
STATIC_ROOT = Path(os.environ["LOADTEST_STATIC_ROOT"])
"""


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 100):
        if port_is_free(port):
            return port
    raise RuntimeError(f"no free port in {preferred}..{preferred + 99}")


def wait_until(check, what: str, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {timeout:.0f} s")


class Services:
    def __init__(
        self,
        *,
        pg_port: int,
        redis_port: int,
        web_port: int,
        web_workers: int,
        settings_extra: str = "",
        prefix: str = "loadtest-",
    ):
        self.root = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
        self.root.chmod(0o755)
        self.pg_port = free_port(pg_port)
        self.redis_port = free_port(redis_port)
        self.web_port = free_port(web_port)
        self.web_workers = web_workers
        self.pgdata = self.root / "pg"
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        (self.root / "loadtest_settings.py").write_text(SETTINGS_OVERLAY + settings_extra)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "loadtest_settings",
            "PYTHONPATH": f"{self.root}:{BASE_DIR}",
            "LOADTEST_STATIC_ROOT": str(self.root / "static"),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            # Each simulated family comes through "the proxy" with an address of its own.
            "DJANGO_PROXY_COUNT": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/mitwirkung_load",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "MITWIRKUNG_SITE_URL": f"http://127.0.0.1:{self.web_port}",
        }
        self.env.pop("DJANGO_DEBUG_TOOLBAR", None)

    # --- helpers ---------------------------------------------------------------------------

    def log(self, name: str) -> Path:
        return self.root / f"{name}.log"

    def _run(self, args: list[str], what: str, timeout: float = 120, **kwargs) -> str:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
        )
        if done.returncode != 0:
            raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr[-2000:]}")
        return done.stdout

    def _spawn(self, name: str, args: list[str], **kwargs) -> None:
        with self.log(name).open("ab") as log:
            self.processes[name] = subprocess.Popen(
                args,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as a whole
                cwd=BASE_DIR,
                **kwargs,
            )

    def _end(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)
        except ProcessLookupError:
            pass

    # --- PostgreSQL ------------------------------------------------------------------------

    def _pg_ctl(self, *args: str, timeout: float = 60) -> None:
        self._run(
            [*self.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), *args],
            f"pg_ctl {args[-1]}",
            timeout=timeout,
        )

    def init_postgres(self) -> None:
        self.pgdata.mkdir()
        if self.as_postgres:
            shutil.chown(self.pgdata, "postgres", "postgres")
        self._run(
            [
                *self.as_postgres,
                str(PG_BIN / "initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            "initdb",
        )
        self.start_postgres()
        self._run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "postgres",
                "mitwirkung_load",
            ],
            "createdb",
        )

    def start_postgres(self) -> None:
        options = (
            f"-p {self.pg_port} -k {self.pgdata} -c listen_addresses=127.0.0.1 "
            "-c max_connections=100"
        )
        self._pg_ctl(
            "-l",
            str(self.pgdata / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            str(START_TIMEOUT),
            "start",
            timeout=START_TIMEOUT + 10,
        )

    def stop_postgres(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "-w", "-t", str(STOP_TIMEOUT), "stop", timeout=STOP_TIMEOUT + 10)

    # --- Redis -----------------------------------------------------------------------------

    def start_redis(self) -> None:
        self._spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.root),
            ],
        )
        import redis

        client = redis.Redis(port=self.redis_port, socket_timeout=1, socket_connect_timeout=1)
        wait_until(client.ping, "Redis", timeout=20)
        client.close()

    def stop_redis(self) -> None:
        self._end("redis")

    # --- the app -------------------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 300) -> str:
        return self._run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            f"manage.py {args[0]}",
            timeout=timeout,
            env=self.env,
            cwd=BASE_DIR,
        )

    def prepare_app(
        self, seed_script: str = "loadtest_seed.py", seed_timeout: float = 120
    ) -> dict[str, object]:
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "-v", "0")
        out = self._run(
            [str(VENV_BIN / "python"), str(BASE_DIR / "scripts" / seed_script)],
            "seeding the survey",
            timeout=seed_timeout,
            env=self.env,
            cwd=BASE_DIR,
        )
        return json.loads(out.strip().splitlines()[-1])

    def start_web(self) -> None:
        self._spawn(
            "gunicorn",
            [
                str(VENV_BIN / "gunicorn"),
                "mitwirkung.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(self.web_workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--backlog",
                "2048",
            ],
            env=self.env,
        )
        url = f"http://127.0.0.1:{self.web_port}/s/"
        wait_until(lambda: urllib.request.urlopen(url, timeout=2).status == 200, "gunicorn")

    def start_worker(self) -> None:
        self._spawn(
            "celery",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "mitwirkung",
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
            ],
            env=self.env,
        )

    def worker_alive(self) -> bool:
        process = self.processes.get("celery")
        return process is not None and process.poll() is None

    def web_alive(self) -> bool:
        process = self.processes.get("gunicorn")
        return process is not None and process.poll() is None

    def query(self, sql: str, *params: object) -> list[tuple]:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.pg_port, user="postgres", dbname="mitwirkung_load"
        ) as connection:
            return connection.execute(sql, params).fetchall()

    # --- the end -------------------------------------------------------------------------

    def close(self, *, keep: bool = False) -> None:
        for name in ("gunicorn", "celery", "redis"):
            try:
                self._end(name)
            except Exception as exc:  # keep tearing down the rest
                print(f"teardown {name}: {exc}")
        if (self.pgdata / "postmaster.pid").exists():
            try:
                self.stop_postgres(mode="immediate")
            except Exception as exc:
                print(f"teardown postgres: {exc}")
        if keep:
            print(f"kept {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)
