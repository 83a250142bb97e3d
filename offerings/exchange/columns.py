"""The columns of the offerings spreadsheet: stable German headers, the same for import and export.

Headers and the values of choice columns (ja/nein, kostenlos …) are data, not interface text:
a file exported in English must import in German and the other way round, so they never go
through gettext. The explanations shown on the exchange page do.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from offerings.models import Offering

LIST_SEPARATOR = "|"
PLACE_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    key: str  # the model field (or "places", "goals"); also accepted as header
    header: str  # stable German header written by the export
    help: str | Promise
    required: bool = False


COLUMNS = [
    Column("id", "ID", _("Number of the offering in MitWirkung. Empty for a new offering.")),
    Column("name", "Name", _("Required, at most 200 characters."), required=True),
    Column("description", "Beschreibung", _("Short description in plain language.")),
    Column(
        "provider",
        "Träger",
        _("Required: the name of a stakeholder of the district, exactly as in MitWirkung."),
        required=True,
    ),
    Column("provider_type", "Trägerart", _("öffentlich or frei (empty: frei).")),
    Column(
        "category", "Kategorie", _("Required: key or German name of the category."), required=True
    ),
    Column("sector", "Sektor", _("Key or German name; empty: the category's sector.")),
    Column("fields_of_action", "Handlungsfelder", _("List, separated by |: keys or German names.")),
    Column("target_groups", "Zielgruppen", _("List, separated by |: keys or German names.")),
    Column("life_phases", "Lebensphasen", _("List, separated by |: keys or German names.")),
    Column("age_from", "Alter von", _("Whole number from 0 to 27.")),
    Column("age_to", "Alter bis", _("Whole number from 0 to 27, not below the lower age.")),
    Column(
        "languages", "Sprachen", _("List, separated by |: codes (de, tr, ar …) or German names.")
    ),
    Column("cost", "Kosten", _("kostenlos, ermäßigt (berlinpass) or kostenpflichtig.")),
    Column("step_free", "Stufenlos erreichbar", _("ja or nein.")),
    Column("childcare", "Kinderbetreuung", _("ja or nein.")),
    Column("interpreters", "Sprachmittlung auf Anfrage", _("ja or nein.")),
    Column("plain_language", "Material in einfacher Sprache", _("ja or nein.")),
    Column("outreach_channels", "Zugangswege", _("List, separated by |: keys or German names.")),
    Column("opening_times", "Öffnungszeiten", _("Free text.")),
    Column("capacity_per_month", "Kapazität pro Monat", _("Whole number, not negative.")),
    Column("reached_per_month", "Erreicht pro Monat", _("Whole number, not negative.")),
    Column("is_district_wide", "Bezirksweit", _("ja or nein.")),
    Column("is_mobile", "Mobil/aufsuchend", _("ja or nein.")),
    Column("status", "Status", _("aktiv, pausiert or beendet (empty: aktiv).")),
    Column("starts_on", "Beginn", _("Date as 2026-03-01 or 01.03.2026.")),
    Column("ends_on", "Ende", _("Date, not before the start.")),
    Column(
        "last_confirmed_on",
        "Zuletzt bestätigt",
        _("Date; empty keeps the stored date (new offerings: today)."),
    ),
    Column(
        "places",
        "Orte",
        _(
            "Places, separated by |; each as name; address; number of the planning area "
            "(optionally ; latitude; longitude). The planning area must lie in the district."
        ),
    ),
    Column(
        "goals",
        "Ziele",
        _("Titles of the district's goals, separated by |. Notes on existing links are kept."),
    ),
]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
HEADERS = [column.header for column in COLUMNS]

YES, NO = "ja", "nein"
TRUE_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
FALSE_WORDS = {"nein", "n", "no", "0", "false", "falsch", "-"}

# Stored values of choice fields and the German words the file uses for them.
COST_WORDS = {
    Offering.Cost.FREE: "kostenlos",
    Offering.Cost.REDUCED: "ermäßigt (berlinpass)",
    Offering.Cost.FEE: "kostenpflichtig",
}
STATUS_WORDS = {
    Offering.Status.ACTIVE: "aktiv",
    Offering.Status.PAUSED: "pausiert",
    Offering.Status.ENDED: "beendet",
}
PROVIDER_TYPE_WORDS = {
    Offering.ProviderType.PUBLIC: "öffentlich",
    Offering.ProviderType.INDEPENDENT: "frei",
}
EXTRA_CHOICE_WORDS = {
    "cost": {"ermäßigt": "reduced", "berlinpass": "reduced", "gebühr": "fee", "frei": "free"},
    "status": {"ruht": "paused", "eingestellt": "ended"},
    "provider_type": {"öffentlicher träger": "public", "freier träger": "independent"},
}
CHOICE_WORDS = {
    "cost": COST_WORDS,
    "status": STATUS_WORDS,
    "provider_type": PROVIDER_TYPE_WORDS,
}

SCALAR_TEXT = ["name", "description", "opening_times"]
CHOICES = ["provider_type", "cost", "status"]
BOOLEANS = [
    "step_free",
    "childcare",
    "interpreters",
    "plain_language",
    "is_district_wide",
    "is_mobile",
]
NUMBERS = ["age_from", "age_to", "capacity_per_month", "reached_per_month"]
DATES = ["starts_on", "ends_on", "last_confirmed_on"]
LISTS = ["fields_of_action", "target_groups", "life_phases", "languages", "outreach_channels"]


def header_aliases() -> dict[str, str]:
    """Lower-case header (German, or the English key) -> column key."""
    aliases = {}
    for column in COLUMNS:
        aliases[column.header.casefold()] = column.key
        aliases[column.key.casefold()] = column.key
    return aliases
