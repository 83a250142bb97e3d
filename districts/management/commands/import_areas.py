from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from districts.importers import area_import_apply, area_import_plan
from districts.importers.cli import (
    add_common_arguments,
    district_option,
    finished,
    read_file,
    report,
)
from districts.models.areas import LOR_2021


class Command(BaseCommand):
    help = (
        "Import LOR areas (Prognoseräume, Bezirksregionen, Planungsräume) from the Geoportal's "
        "GeoJSON (PLR_ID, PLR_NAME, …), a GeoJSON or CSV with id and name. Checks every row "
        "first and imports nothing if one is bad; running it again updates, never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)
        parser.add_argument(
            "--valid-from",
            default=LOR_2021.isoformat(),
            help="Date from which this LOR edition is in force (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            valid_from = datetime.date.fromisoformat(options["valid_from"])
        except ValueError as error:
            raise CommandError("--valid-from needs a date like 2021-01-01.") from error
        plan = area_import_plan(
            data=read_file(options["file"]),
            district=district_option(options["district"]),
            valid_from=valid_from,
            skip_other_districts=options["skip_other_districts"],
        )
        report(self, plan)
        for change in plan.creates:
            if options["verbosity"] > 1:
                marker = "placeholder" if change.placeholder else "new"
                self.stdout.write(f"  {marker:<12} {change.code} {change.name}")
        for change in plan.updates:
            if options["verbosity"] > 1:
                self.stdout.write(
                    f"  changed      {change.code} {change.name}: {', '.join(change.changes)}"
                )
        if not options["dry_run"]:
            area_import_apply(plan=plan)
        finished(self, plan, dry_run=options["dry_run"])
