"""What a data file says about itself: the snapshot, the period and the small-cell rule.

The same words open the JSON file ("meta", "suppression") and the first sheet of the
workbook, so a reader of either knows what a marker means and where the numbers come from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext

from reports.dashboard import date_text
from reports.exports.cells import CellReader, Value, marker_text
from reports.method_text import protection_paragraphs
from reports.models import ReportSnapshot

FORMAT_NAME = "mitwirkung-report-data"
FORMAT_VERSION = 1
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"


@dataclass(frozen=True)
class About:
    meta: dict[str, Value | list[str]]
    rule: str  # the small-cell rule in plain words
    markers: dict[str, str]  # reason → marker text
    lines: list[tuple[str, str]]  # (label, text) for the description sheet


def suppression_rule(min_size: int, min_base: int) -> str:
    return " ".join(
        [
            *protection_paragraphs(min_size, min_base),
            gettext(
                "A withheld number is never written as 0 or left empty; an empty cell means "
                "there is no value (for example no percentage because the base is too small)."
            ),
        ]
    )


def about(snapshot: ReportSnapshot, language: str) -> About:
    """The description of a snapshot's data in `language`, from its frozen tables only."""
    tables: dict[str, Any] = snapshot.tables or {}
    meta: dict[str, Any] = tables.get("meta") or {}
    min_size = int(meta.get("min_group_size") or snapshot.min_group_size)
    min_base = int(meta.get("min_percent_base") or 10)
    with translation.override(language):
        cells = CellReader(min_size)
        markers = {reason: marker_text(reason, min_size) for reason in ("small", "hidden")}
        published = snapshot.published_at.isoformat() if snapshot.published_at else None
        data: dict[str, Value | list[str]] = {
            "snapshot_id": snapshot.pk,
            "survey_title": str(meta.get("survey_title") or ""),
            "district": str(meta.get("district") or snapshot.district.name),
            "district_slug": snapshot.district.slug,
            "period_start": meta.get("period_start"),
            "period_end": meta.get("period_end"),
            "first_answer_on": meta.get("first_answer_on"),
            "last_answer_on": meta.get("last_answer_on"),
            "respondents": cells.count(meta.get("respondents")),
            "min_group_size": min_size,
            "min_percent_base": min_base,
            "languages": [str(code) for code in meta.get("languages") or []],
            "level": meta.get("level"),
            "built_at": meta.get("built_at"),
            "is_demo": bool(meta.get("is_demo")),
            "published_at": published,
            "language": language,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        }
        rule = suppression_rule(min_size, min_base)
        lines = _lines(data, rule, markers)
    return About(data, rule, markers, lines)


def _period(meta: dict[str, Any]) -> str:
    start, end = meta.get("period_start"), meta.get("period_end")
    if not start and not end:
        return gettext("whole survey")
    return f"{date_text(start) or '…'} – {date_text(end) or '…'}"


def _moment(iso: Any) -> str:
    """An ISO datetime of the file as the reader's local date and time."""
    if not iso:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT")


def _lines(meta: dict[str, Any], rule: str, markers: dict[str, str]) -> list[tuple[str, str]]:
    respondents = meta["respondents"]
    level = (
        gettext("planning areas (Planungsräume)")
        if meta["level"] == "planungsraum"
        else gettext("district regions (Bezirksregionen)")
    )
    lines = [
        (
            pgettext("data export", "What this is"),
            gettext(
                "The numbers of a family survey on the reach of offerings for families, "
                "evaluated with MitWirkung. Every sheet is one table; the same tables are "
                "available as CSV files and as one JSON file."
            ),
        ),
        (pgettext("data export", "Survey"), str(meta["survey_title"])),
        (pgettext("data export", "District"), str(meta["district"])),
        (pgettext("data export", "Report number"), str(meta["snapshot_id"])),
        (pgettext("data export", "Answers included"), _period(meta)),
        (
            pgettext("data export", "First and last answer"),
            f"{date_text(meta['first_answer_on']) or '–'} – "
            f"{date_text(meta['last_answer_on']) or '–'}",
        ),
        (
            pgettext("data export", "Families who answered"),
            str(respondents) if respondents is not None else "–",
        ),
        (pgettext("data export", "Computed at"), _moment(meta["built_at"]) or "–"),
        (
            pgettext("data export", "Published"),
            _moment(meta["published_at"]) or gettext("not published"),
        ),
        (pgettext("data export", "Small numbers"), rule),
        (
            pgettext("data export", "Marker “%(marker)s”") % {"marker": markers["small"]},
            gettext("Fewer than %(size)s families: the number is withheld to protect them.")
            % {"size": meta["min_group_size"]},
        ),
        (
            pgettext("data export", "Marker “%(marker)s”") % {"marker": markers["hidden"]},
            gettext("Withheld so that a small number cannot be worked out from the others."),
        ),
        (
            pgettext("data export", "Caveats"),
            gettext(
                "Families took part voluntarily; they are not a random sample. Numbers are "
                "suppressed per table, so sums across tables can differ. Areas are %(level)s."
            )
            % {"level": level},
        ),
        (
            pgettext("data export", "Source"),
            gettext("MitWirkung, %(district)s") % {"district": meta["district"]},
        ),
        (pgettext("data export", "Licence"), f"{LICENCE} ({LICENCE_URL})"),
    ]
    if meta["is_demo"]:
        lines.insert(
            1,
            (
                pgettext("data export", "Demo data"),
                gettext("These are invented demo data, not a real survey."),
            ),
        )
    return lines
