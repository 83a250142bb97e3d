from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from districts.importers import indicator_import_apply, indicator_import_plan
from districts.importers.cli import (
    add_common_arguments,
    district_option,
    finished,
    read_file,
    report,
)


class Command(BaseCommand):
    help = (
        "Import social indicators per area and year: the social monitoring's (MSS) CSV per "
        "Planungsraum or Bezirksregion, or a long CSV with area_id,key,year,value[,source]. "
        "The areas must exist (import_areas). Checks every row first and imports nothing if one "
        "is bad; running it again updates, never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)
        parser.add_argument(
            "--year",
            type=int,
            help="Year of the values in an MSS file (default: the year in the file name).",
        )
        parser.add_argument(
            "--source",
            default="",
            help="Source and licence stored with every value (default for MSS files: the "
            "Monitoring Soziale Stadtentwicklung attribution).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = indicator_import_plan(
            data=read_file(options["file"]),
            filename=Path(options["file"]).name,
            year=options["year"],
            source=options["source"],
            district=district_option(options["district"]),
            skip_other_districts=options["skip_other_districts"],
        )
        report(self, plan)
        for group in plan.groups:
            self.stdout.write(
                f"  {group.indicator.key:<26} {group.year}: {group.created} new, "
                f"{group.updated} changed, {group.unchanged} unchanged"
            )
        if not options["dry_run"]:
            indicator_import_apply(plan=plan)
        finished(self, plan, dry_run=options["dry_run"])
