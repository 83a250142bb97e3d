from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from districts.importers.cli import district_option
from offerings.exchange import export_queryset, offering_rows, write_csv, write_xlsx
from offerings.models import Offering


class Command(BaseCommand):
    help = (
        "Export every offering of a district as CSV or XLSX, in the columns import_offerings "
        "reads back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--district", required=True, help="Two-digit number of the district, e.g. 04."
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "-o", "--output", help="File to write; without it, CSV goes to standard output."
        )

    def handle(
        self, *args: Any, district: str, format: str, output: str | None, **options: Any
    ) -> None:
        chosen = district_option(district)
        assert chosen is not None
        rows = offering_rows(export_queryset(Offering.objects.for_district(chosen)))
        data = write_xlsx(rows) if format == "xlsx" else write_csv(rows)
        if not output:
            if format == "xlsx":
                raise CommandError("An XLSX export needs a file: add -o FILE.")
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} offerings written to {output}."))
