"""manage.py apply_retention [--dry-run] [--district 04] [--today 2026-05-04]"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from districts.models import District
from surveys.retention import retention_apply, retention_apply_all


class Command(BaseCommand):
    help = (
        "Delete free-text answers older than each district's retention period and, where a "
        "district chose so, a closed survey's answers after its final report. Prints counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only print what would be deleted."
        )
        parser.add_argument("--district", help="Only this district (number, e.g. 04).")
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Act as if today were this date."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run, today = options["dry_run"], options["today"]
        if options["district"]:
            district = District.objects.filter(number=options["district"]).first()
            if district is None:
                raise CommandError(f"No district with the number {options['district']!r}.")
            items = retention_apply(district=district, today=today, dry_run=dry_run)
        else:
            items = retention_apply_all(today=today, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        for item in items:
            self.stdout.write(
                f"{item.district.number} survey {item.survey_id} {item.kind}: {verb} "
                f"{item.responses} responses, {item.answers} answers"
            )
        total = sum(item.answers for item in items)
        self.stdout.write(
            f"{'Dry run: ' if dry_run else ''}{len(items)} entries, "
            f"{sum(item.responses for item in items)} responses, {total} answers {verb}."
        )
