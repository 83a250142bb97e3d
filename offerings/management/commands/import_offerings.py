from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts.importers.cli import district_option, read_file
from offerings.exchange import offering_import_apply, offering_import_plan


class Command(BaseCommand):
    help = (
        "Import offerings from a CSV or XLSX file (the columns of the export). Checks every "
        "row first and imports nothing if one is faulty. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument(
            "--district", required=True, help="Two-digit number of the district, e.g. 04."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, import nothing."
        )

    def handle(self, *args: Any, file: str, district: str, dry_run: bool, **options: Any) -> None:
        chosen = district_option(district)
        assert chosen is not None
        data = read_file(file)
        with transaction.atomic():
            plan = offering_import_plan(data=data, district=chosen)
            for note in plan.notes:
                self.stdout.write(_("Note: %(note)s") % {"note": note})
            if plan.problems:
                for problem in plan.problems:
                    self.stderr.write(str(problem))
                count = len(plan.problems)
                raise CommandError(
                    ngettext(
                        "%(count)s problem found in the file; nothing was imported.",
                        "%(count)s problems found in the file; nothing was imported.",
                        count,
                    )
                    % {"count": count}
                )
            if dry_run:
                self.stdout.write(
                    _("Dry run, nothing imported. %(summary)s") % {"summary": plan.summary()}
                )
                return
            offering_import_apply(plan=plan)
        self.stdout.write(
            self.style.SUCCESS(_("Imported. %(summary)s") % {"summary": plan.summary()})
        )
