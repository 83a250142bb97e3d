"""Backup and restore of the database and MEDIA_ROOT (issue #18), for `manage.py backup|restore`.

A backup is a folder with three files:

- ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3`` (SQLite, copied with
  sqlite3's online backup API, so a running app does not corrupt the copy),
- ``media.tar.gz``, everything under MEDIA_ROOT,
- ``manifest.json``: when, which app version, the row count of every table and the SHA-256
  of both files.

On PostgreSQL the counts are read in the very snapshot pg_dump exports (``--snapshot``), so
they match the dump exactly even while families keep answering. A restore refuses a target
that holds data unless forced, restores in one transaction, and compares every table's
count with the manifest afterwards.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sqlite3
import subprocess  # nosec B404 - pg_dump and pg_restore, with fixed arguments
import tarfile
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections

DATABASE_DUMP = "database.dump"
DATABASE_SQLITE = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
# pg_dump of a district's data takes seconds; an hour means a hung server or a full disk.
SUBPROCESS_TIMEOUT = 60 * 60
POSTGRESQL, SQLITE = "postgresql", "sqlite"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def engine_of(database: dict[str, Any]) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return POSTGRESQL
    if "sqlite3" in engine:
        return SQLITE
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def default_database() -> dict[str, Any]:
    # The live settings dict: under pytest it names the test database.
    return connections["default"].settings_dict


def app_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    try:
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def model_tables() -> list[str]:
    """Every table the app's models own, many-to-many tables included."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- PostgreSQL ---------------------------------------------------------------------


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[name] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


@contextlib.contextmanager
def _pg_connect(database: dict[str, Any]) -> Iterator[Any]:
    import psycopg

    connection = psycopg.connect(
        dbname=database["NAME"],
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        connect_timeout=10,
        autocommit=True,  # the callers open their own transaction (pg_export_snapshot)
    )
    try:
        yield connection
    finally:
        connection.close()


def _count(cursor: Any, tables: Iterable[str], existing: set[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        if table not in existing:
            counts[table] = 0
            continue
        quoted = '"' + table.replace('"', '""') + '"'
        # Only the models' own table names, quoted by the connection.
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # nosec B608
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _pg_tables(cursor: Any) -> set[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {row[0] for row in cursor.fetchall()}


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    try:
        # Fixed programs; the arguments come from settings, never from a request.
        subprocess.run(  # nosec B603
            command, env=env, check=True, capture_output=True, timeout=SUBPROCESS_TIMEOUT
        )
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} was not found. Please install the PostgreSQL client "
            "(Debian: apt install postgresql-client)."
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise BackupError(f"{command[0]} took longer than {SUBPROCESS_TIMEOUT} s.") from exc
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip()
        raise BackupError(f"{command[0]} failed: {detail[-2000:]}") from exc


def _pg_backup(database: dict[str, Any], target: Path, tables: list[str]) -> dict[str, int]:
    with _pg_connect(database) as connection, connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count(cursor, tables, _pg_tables(cursor))
        # pg_dump reads the same snapshot while this transaction stays open.
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={database['NAME']}",
            ],
            env=_pg_env(database),
        )
        cursor.execute("COMMIT")
    return counts


def _pg_restore(database: dict[str, Any], source: Path) -> None:
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={database['NAME']}",
            str(source),
        ],
        env=_pg_env(database),
    )


def _pg_counts(database: dict[str, Any], tables: Iterable[str]) -> dict[str, int]:
    with _pg_connect(database) as connection, connection.cursor() as cursor:
        return _count(cursor, tables, _pg_tables(cursor))


# --- SQLite -------------------------------------------------------------------------


def _sqlite_connect(name: str | Path) -> sqlite3.Connection:
    # Django names an in-memory test database with a "file:" URI (shared cache).
    return sqlite3.connect(name, uri=str(name).startswith("file:"))


def _sqlite_counts(name: str | Path, tables: Iterable[str]) -> dict[str, int]:
    if not str(name).startswith("file:") and not Path(name).exists():
        return dict.fromkeys(tables, 0)
    with contextlib.closing(_sqlite_connect(name)) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return _count(cursor, tables, {row[0] for row in cursor.fetchall()})


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    with (
        contextlib.closing(_sqlite_connect(source)) as src,
        contextlib.closing(_sqlite_connect(target)) as dst,
    ):
        src.backup(dst)


# --- Both ---------------------------------------------------------------------------


def database_counts(database: dict[str, Any], tables: Iterable[str]) -> dict[str, int]:
    if engine_of(database) == POSTGRESQL:
        return _pg_counts(database, tables)
    return _sqlite_counts(database["NAME"], tables)


def _media_archive(media_root: Path, target: Path) -> int:
    files = 0
    with tarfile.open(target, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(media_root)))
                    files += 1
    return files


def backup_create(
    *,
    target_dir: Path,
    database: dict[str, Any] | None = None,
    media_root: Path | None = None,
) -> dict[str, Any]:
    """Write a backup of the database and MEDIA_ROOT into `target_dir` (new or empty);
    returns the manifest."""
    database = database or default_database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    engine = engine_of(database)
    target_dir = Path(target_dir)
    if target_dir.exists() and any(target_dir.iterdir()):
        raise BackupError(f"{target_dir} is not empty; please choose a new folder.")
    target_dir.mkdir(parents=True, exist_ok=True)
    tables = model_tables()
    if engine == POSTGRESQL:
        database_file = target_dir / DATABASE_DUMP
        counts = _pg_backup(database, database_file, tables)
    else:
        database_file = target_dir / DATABASE_SQLITE
        _sqlite_copy(database["NAME"], database_file)
        counts = _sqlite_counts(database_file, tables)
    media_file = target_dir / MEDIA_ARCHIVE
    media_files = _media_archive(media_root, media_file)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "app_version": app_version(),
        "engine": engine,
        "database_file": database_file.name,
        "media_file": media_file.name,
        "media_files": media_files,
        "sha256": {
            database_file.name: _sha256(database_file),
            media_file.name: _sha256(media_file),
        },
        "tables": counts,
    }
    (target_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(source_dir: Path) -> dict[str, Any]:
    path = Path(source_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from exc
    if manifest.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"{path} has an unknown format.")
    for name, digest in manifest["sha256"].items():
        file = Path(source_dir) / name
        if not file.is_file() or _sha256(file) != digest:
            raise BackupError(f"{file} is missing or damaged (its SHA-256 does not match).")
    return manifest


def _extract_media(archive_path: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links and device files.
        archive.extractall(media_root, filter="data")


def backup_restore(
    *,
    source_dir: Path,
    database: dict[str, Any] | None = None,
    media_root: Path | None = None,
    force: bool = False,
) -> dict[str, int]:
    """Restore a backup folder into the database and MEDIA_ROOT; returns the table counts.

    Refuses a database that holds any rows unless `force`; then its tables are replaced.
    Media files are written over files of the same name; other files under MEDIA_ROOT stay
    (a wrong MEDIA_ROOT must never cost a folder).
    Raises BackupError when a count afterwards differs from the manifest.
    """
    database = database or default_database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    source_dir = Path(source_dir)
    manifest = read_manifest(source_dir)
    engine = engine_of(database)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; the target is {engine}."
        )
    expected: dict[str, int] = manifest["tables"]
    present = database_counts(database, expected)
    if any(present.values()) and not force:
        filled = sorted(table for table, n in present.items() if n)
        raise BackupError(
            f"The target database is not empty ({len(filled)} tables hold rows, e.g. "
            f"{', '.join(filled[:3])}). Restore into a new database, or pass --force to "
            "replace its contents."
        )
    database_file = source_dir / manifest["database_file"]
    if engine == POSTGRESQL:
        _pg_restore(database, database_file)
    else:
        _sqlite_copy(database_file, database["NAME"])
    _extract_media(source_dir / manifest["media_file"], media_root)
    restored = database_counts(database, expected)
    wrong = {table: (n, restored[table]) for table, n in expected.items() if restored[table] != n}
    if wrong:
        detail = ", ".join(f"{table}: {a} expected, {b} found" for table, (a, b) in wrong.items())
        raise BackupError(f"The restored database differs from the backup: {detail}")
    return restored
