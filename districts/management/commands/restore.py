"""manage.py restore <folder> [--force]: a backup folder back into the database and MEDIA_ROOT."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from mitwirkung.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` and check every table's row count "
        "against its manifest. Refuses a database that holds data unless --force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="The backup folder (with manifest.json).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that already holds data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # pg_restore drops and recreates tables: this process must hold no locks on them.
        connections.close_all()
        try:
            counts = backup_restore(source_dir=options["folder"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {options['folder']}: {len(counts)} tables, {sum(counts.values())} rows, "
            "counts equal to the manifest."
        )
