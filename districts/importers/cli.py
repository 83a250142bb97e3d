"""What the two import commands share: reading the file, the district option, the report."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts.importers.areas import AreaPlan
from districts.importers.indicators import IndicatorPlan
from districts.models import District


def add_common_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help="CSV or GeoJSON file")
    parser.add_argument(
        "--district",
        help="Two-digit number (or short name) of the only district the file may touch, e.g. 04.",
    )
    parser.add_argument(
        "--skip-other-districts",
        action="store_true",
        help="With --district: skip rows of other districts instead of reporting them as errors.",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="Check the file and report, import nothing."
    )


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error


def district_option(value: str | None) -> District | None:
    if not value:
        return None
    district = District.objects.filter(number=value.zfill(2)).first() or (
        District.objects.filter(slug=value).first()
    )
    if district is None:
        raise CommandError(f"No district {value!r}: give its two-digit number, e.g. 04.")
    return district


def report(command: BaseCommand, plan: AreaPlan | IndicatorPlan) -> None:
    """Print notes, then every problem; raise CommandError (exit 1) if there is one."""
    for note in plan.notes:
        command.stdout.write(_("Note: %(note)s") % {"note": note})
    if plan.problems:
        for problem in plan.problems:
            command.stderr.write(str(problem))
        count = len(plan.problems)
        raise CommandError(
            ngettext(
                "%(count)s problem found in the file; nothing was imported.",
                "%(count)s problems found in the file; nothing was imported.",
                count,
            )
            % {"count": count}
        )


def finished(command: BaseCommand, plan: AreaPlan | IndicatorPlan, *, dry_run: bool) -> None:
    if dry_run:
        command.stdout.write(
            _("Dry run, nothing imported. %(summary)s") % {"summary": plan.summary()}
        )
    else:
        command.stdout.write(
            command.style.SUCCESS(_("Imported. %(summary)s") % {"summary": plan.summary()})
        )
