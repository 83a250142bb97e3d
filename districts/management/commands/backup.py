"""manage.py backup <folder>: the database and MEDIA_ROOT into a new folder (mitwirkung.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mitwirkung.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump or SQLite copy), MEDIA_ROOT and a manifest of counts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="A new or empty folder for the backup.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(target_dir=options["folder"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {options['folder']}: {manifest['engine']}, "
            f"{len(manifest['tables'])} tables, {rows} rows, {manifest['media_files']} media files."
        )
