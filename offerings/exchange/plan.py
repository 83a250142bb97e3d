"""Import of offerings from a spreadsheet: check every row first, then write in one go.

`offering_import_plan` reads the whole file, reports every bad row with its line number and
says per row whether it is new, changed (which columns) or unchanged; it writes nothing.
`offering_import_apply` carries out a plan without problems in one transaction and saves
only what changed, so importing an export of the same data changes nothing at all.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districts.importers.base import Problem, parse_number, unused_note
from districts.models import Area, District, Language, Sector, Stakeholder
from goals.models import ActionGoal, FieldOfAction, LifePhase, TargetGroup
from offerings.exchange.columns import (
    BOOLEANS,
    CHOICE_WORDS,
    COLUMN_BY_KEY,
    COLUMNS,
    DATES,
    EXTRA_CHOICE_WORDS,
    FALSE_WORDS,
    LIST_SEPARATOR,
    LISTS,
    NUMBERS,
    PLACE_SEPARATOR,
    SCALAR_TEXT,
    TRUE_WORDS,
    header_aliases,
)
from offerings.exchange.reader import read_sheet
from offerings.models import (
    Offering,
    OfferingCategory,
    OfferingGoal,
    OfferingPlace,
    OutreachChannel,
)
from offerings.models.offering import OFFERING_HISTORY_RECORDS

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"

LIST_MODELS: dict[str, type[Model]] = {
    "fields_of_action": FieldOfAction,
    "target_groups": TargetGroup,
    "life_phases": LifePhase,
    "languages": Language,
    "outreach_channels": OutreachChannel,
}
MAX_LENGTHS = {"name": 200, "description": 1000, "opening_times": 300}
MAX_AGE = 27
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
ROW_ACTION_LABELS = {
    NEW: gettext_lazy("new"),
    CHANGED: gettext_lazy("changed"),
    UNCHANGED: gettext_lazy("unchanged"),
    ERROR: gettext_lazy("error"),
}


@dataclass(frozen=True)
class PlaceValue:
    name: str
    address: str
    area: Area | None
    latitude: float | None
    longitude: float | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.name.casefold(), self.address.casefold())


@dataclass
class RowPlan:
    """One row of the file: what it would do, or why it cannot be imported."""

    line: int
    name: str
    provider: str
    action: str = NEW
    changes: list[str] = field(default_factory=list)
    changed_keys: list[str] = field(default_factory=list, repr=False)
    problems: list[str] = field(default_factory=list)
    offering: Offering | None = field(default=None, repr=False)
    scalars: dict[str, Any] = field(default_factory=dict, repr=False)
    lists: dict[str, list[int]] = field(default_factory=dict, repr=False)
    places: list[PlaceValue] | None = field(default=None, repr=False)
    goals: list[ActionGoal] | None = field(default=None, repr=False)

    @property
    def action_label(self) -> str:
        return str(ROW_ACTION_LABELS[self.action])


@dataclass
class OfferingPlan:
    district: District
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: list[RowPlan] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems

    @property
    def creates(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action == NEW]

    @property
    def updates(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action == CHANGED]

    @property
    def unchanged(self) -> int:
        return sum(r.action == UNCHANGED for r in self.rows)

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates)

    def summary(self) -> str:
        return _("Offerings: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.") % {
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
        }


class _Vocabulary:
    """A managed list looked up by key, German or English name, ignoring case."""

    def __init__(self, objects: Iterable[Any]) -> None:
        self.by_word: dict[str, Any] = {}
        self.names: list[str] = []
        for obj in objects:
            self.names.append(obj.name_de)
            for word in (obj.key, obj.name_de, obj.name_en):
                if word:
                    self.by_word.setdefault(_fold(word), obj)

    def get(self, word: str) -> Any:
        return self.by_word.get(_fold(word))

    def hint(self, word: str) -> str:
        close = difflib.get_close_matches(word, self.names, n=2, cutoff=0.6)
        if not close:
            return ""
        return " " + _("Did you mean: %(names)s?") % {"names": " / ".join(close)}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class _Lookups:
    """Everything the rows refer to, read once: a file of any length costs a fixed number of queries."""

    def __init__(self, district: District) -> None:
        self.district = district
        self.stakeholders = {_fold(s.name): s for s in Stakeholder.objects.for_district(district)}
        self.stakeholder_names = [s.name for s in self.stakeholders.values()]
        self.categories = _Vocabulary(OfferingCategory.objects.select_related("sector"))
        self.sectors = _Vocabulary(Sector.objects.all())
        self.lists = {
            name: _Vocabulary(model._default_manager.all()) for name, model in LIST_MODELS.items()
        }
        self.areas: dict[str, Area] = {}
        self.area_levels: dict[str, str] = {}
        for area in Area.objects.for_district(district).defer("geometry").order_by("valid_from"):
            self.area_levels[area.code] = area.level
            if area.level == Area.Level.PLANUNGSRAUM:
                self.areas[area.code] = area  # the newest LOR edition wins
        self.goals: dict[str, list[ActionGoal]] = {}
        for goal in ActionGoal.objects.for_district(district):
            self.goals.setdefault(_fold(goal.title), []).append(goal)
        self.goal_titles = [g[0].title for g in self.goals.values()]


def offering_import_plan(
    *,
    data: bytes,
    district: District,
    visible: QuerySet[Offering] | None = None,
    today: datetime.date | None = None,
) -> OfferingPlan:
    """Read and check every row of an offerings file and say what importing it would change.

    `visible` limits which existing offerings the file may name (the importing person's view);
    None means all offerings of the district (the management command).
    """
    plan = OfferingPlan(district=district)
    table = read_sheet(data)
    plan.problems.extend(table.problems)
    plan.notes.extend(table.notes)
    if table.problems:
        return plan
    aliases = header_aliases()
    present = {aliases[c]: c for c in table.columns if c in aliases}
    missing = [c.header for c in COLUMNS if c.required and c.key not in present]
    if missing:
        plan.problems.append(
            Problem(
                _("Columns missing in the file: %(missing)s. Found: %(found)s.")
                % {
                    "missing": ", ".join(missing),
                    "found": ", ".join(table.columns) or "–",
                }
            )
        )
        return plan
    if note := unused_note([c for c in table.columns if c not in aliases], geojson=False):
        plan.notes.append(note)
    absent = [c.header for c in COLUMNS if c.key not in present and c.key != "id"]
    if absent:
        plan.notes.append(
            _("Not in the file, kept as they are: %(columns)s.") % {"columns": ", ".join(absent)}
        )
    lookups = _Lookups(district)
    existing = list(
        Offering.objects.for_district(district)
        .select_related("provider", "category", "sector")
        .prefetch_related(*LISTS, "places", "goal_links")
    )
    by_pk = {o.pk: o for o in existing}
    by_name = {(_fold(o.name), o.provider_id): o for o in existing}
    visible_pks = set(visible.values_list("pk", flat=True)) if visible is not None else set(by_pk)
    seen: dict[object, int] = {}
    for record in table.records:
        values = {key: record.values.get(column, "") for key, column in present.items()}
        row = RowPlan(
            line=record.line or 0, name=values.get("name", ""), provider=values.get("provider", "")
        )
        plan.rows.append(row)
        _check_row(row, values, lookups, by_pk, by_name, visible_pks, seen)
        if not row.problems:
            _compare(row, today or timezone.localdate())
        if row.problems:
            row.action = ERROR
            plan.problems.extend(Problem(p, line=row.line) for p in row.problems)
    return plan


def _check_row(
    row: RowPlan,
    values: dict[str, str],
    lookups: _Lookups,
    by_pk: dict[int, Offering],
    by_name: dict[tuple[str, int], Offering],
    visible_pks: set[int],
    seen: dict[object, int],
) -> None:
    problems = row.problems
    scalars = row.scalars
    name = _norm(values.get("name", ""))
    if not name:
        problems.append(_("The name is missing."))
    scalars["name"] = name
    for key in SCALAR_TEXT:
        if key in values:
            scalars[key] = _norm(values[key])
            if len(scalars[key]) > MAX_LENGTHS[key]:
                problems.append(
                    _("%(column)s is longer than %(count)s characters.")
                    % {"column": COLUMN_BY_KEY[key].header, "count": MAX_LENGTHS[key]}
                )
    provider = None
    provider_name = values.get("provider", "").strip()
    if not provider_name:
        problems.append(_("The provider (Träger) is missing."))
    else:
        provider = lookups.stakeholders.get(_fold(provider_name))
        if provider is None:
            hint = difflib.get_close_matches(provider_name, lookups.stakeholder_names, n=1)
            problems.append(
                _('The provider "%(name)s" is not a stakeholder of %(district)s.')
                % {"name": provider_name, "district": lookups.district.name}
                + (" " + _("Did you mean: %(names)s?") % {"names": hint[0]} if hint else "")
            )
        scalars["provider"] = provider
    category_word = values.get("category", "").strip()
    category = lookups.categories.get(category_word) if category_word else None
    if not category_word:
        problems.append(_("The category is missing."))
    elif category is None:
        problems.append(
            _('Unknown category "%(value)s".') % {"value": category_word}
            + lookups.categories.hint(category_word)
        )
    else:
        scalars["category"] = category
    if "sector" in values:
        sector_word = values["sector"].strip()
        if sector_word:
            sector = lookups.sectors.get(sector_word)
            if sector is None:
                problems.append(
                    _('Unknown sector "%(value)s".') % {"value": sector_word}
                    + lookups.sectors.hint(sector_word)
                )
            else:
                scalars["sector"] = sector
        elif category is not None:
            scalars["sector"] = category.sector
    for key in ("provider_type", "cost", "status"):
        if values.get(key, "").strip():
            choice = _choice(key, values[key])
            if choice is None:
                problems.append(
                    _('%(column)s: "%(value)s" is not one of %(choices)s.')
                    % {
                        "column": COLUMN_BY_KEY[key].header,
                        "value": values[key],
                        "choices": ", ".join(CHOICE_WORDS[key].values()),
                    }
                )
            else:
                scalars[key] = choice
    for key in BOOLEANS:
        if key in values:
            word = values[key].strip().casefold()
            if word in TRUE_WORDS:
                scalars[key] = True
            elif not word or word in FALSE_WORDS:
                scalars[key] = False
            else:
                problems.append(
                    _('%(column)s: please write ja or nein, not "%(value)s".')
                    % {"column": COLUMN_BY_KEY[key].header, "value": values[key]}
                )
    for key in NUMBERS:
        if key in values:
            number, problem = _whole_number(key, values[key])
            if problem:
                problems.append(problem)
            else:
                scalars[key] = number
    for key in DATES:
        if values.get(key, "").strip():
            date = _date(values[key])
            if date is None:
                problems.append(
                    _('%(column)s: "%(value)s" is not a date (e.g. 2026-03-01 or 01.03.2026).')
                    % {"column": COLUMN_BY_KEY[key].header, "value": values[key]}
                )
            else:
                scalars[key] = date
        elif key in values and key != "last_confirmed_on":
            scalars[key] = None
    for key in LISTS:
        if key in values:
            vocabulary = lookups.lists[key]
            pks = []
            for word in _items(values[key]):
                obj = vocabulary.get(word)
                if obj is None:
                    problems.append(
                        _('%(column)s: "%(value)s" is unknown.')
                        % {"column": COLUMN_BY_KEY[key].header, "value": word}
                        + vocabulary.hint(word)
                    )
                elif obj.pk not in pks:
                    pks.append(obj.pk)
            row.lists[key] = sorted(pks)
    if "places" in values:
        row.places = _places(values["places"], lookups, problems)
    if "goals" in values:
        row.goals = _goals(values["goals"], lookups, problems)
    _find_offering(row, values.get("id", "").strip(), provider, by_pk, by_name, visible_pks)
    if row.problems:
        return
    key: object = row.offering.pk if row.offering else ("new", _fold(name), provider.pk)  # type: ignore[union-attr]
    final = ("name", _fold(name), provider.pk)  # type: ignore[union-attr]
    for marker in (key, final):
        if marker in seen:
            problems.append(
                _("This offering appears more than once in the file (also line %(line)s).")
                % {"line": seen[marker]}
            )
            return
    seen[key] = seen[final] = row.line
    clash = by_name.get((_fold(name), provider.pk))  # type: ignore[union-attr]
    if clash is not None and row.offering is not None and clash.pk != row.offering.pk:
        problems.append(
            _("Another offering (ID %(id)s) already has this name and provider.") % {"id": clash.pk}
        )


def _find_offering(
    row: RowPlan,
    id_text: str,
    provider: Stakeholder | None,
    by_pk: dict[int, Offering],
    by_name: dict[tuple[str, int], Offering],
    visible_pks: set[int],
) -> None:
    if id_text:
        pk = int(id_text) if id_text.isdigit() else None
        offering = by_pk.get(pk) if pk is not None else None
        if offering is None or offering.pk not in visible_pks:
            row.problems.append(
                _(
                    "Unknown ID %(id)s: there is no such offering in this district. Leave the ID "
                    "empty for a new offering."
                )
                % {"id": id_text}
            )
            return
        row.offering = offering
        return
    if provider is None or not row.scalars.get("name"):
        return
    offering = by_name.get((_fold(row.scalars["name"]), provider.pk))
    if offering is not None and offering.pk not in visible_pks:
        row.problems.append(
            _(
                "An offering with this name and provider is waiting for review; it cannot be "
                "imported before it has been reviewed."
            )
        )
        return
    row.offering = offering


def _choice(key: str, word: str) -> str | None:
    folded = _fold(word)
    for value, german in CHOICE_WORDS[key].items():
        if folded in {_fold(value), _fold(german), _fold(str(value.label))}:
            return str(value)
    return EXTRA_CHOICE_WORDS[key].get(folded)


def _whole_number(key: str, text: str) -> tuple[int | None, str | None]:
    header = COLUMN_BY_KEY[key].header
    if not text.strip():
        return None, None
    number = parse_number(text)
    if number is None or not number.is_integer():
        return None, _('%(column)s: "%(value)s" is not a whole number.') % {
            "column": header,
            "value": text,
        }
    if number < 0:
        return None, _("%(column)s must not be negative.") % {"column": header}
    if key.startswith("age_") and number > MAX_AGE:
        return None, _("%(column)s: at most %(max)s years.") % {"column": header, "max": MAX_AGE}
    if number > 1_000_000:
        return None, _("%(column)s: %(value)s is too large.") % {"column": header, "value": text}
    return int(number), None


def _date(text: str) -> datetime.date | None:
    text = text.strip()
    try:
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = map(int, match.groups())
            return datetime.date(year, month, day)
        if match := _GERMAN_DATE.fullmatch(text):
            day, month, year = map(int, match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        return None
    return None


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def _places(text: str, lookups: _Lookups, problems: list[str]) -> list[PlaceValue]:
    places: list[PlaceValue] = []
    for entry in _items(text):
        parts = [p.strip() for p in entry.split(PLACE_SEPARATOR)]
        if len(parts) not in {3, 5}:
            problems.append(
                _(
                    'Place "%(entry)s": write name; address; planning area number (three parts '
                    "separated by ;)."
                )
                % {"entry": entry}
            )
            continue
        name, address, code = parts[:3]
        if not address:
            problems.append(_('Place "%(entry)s": the address is missing.') % {"entry": entry})
            continue
        if len(name) > 200 or len(address) > 300:
            problems.append(_('Place "%(entry)s" is too long.') % {"entry": entry})
            continue
        area = None
        if code:
            area = lookups.areas.get(code)
            if area is None:
                problems.append(_area_problem(code, lookups))
                continue
        latitude = longitude = None
        if len(parts) == 5 and (parts[3] or parts[4]):
            latitude, longitude = parse_number(parts[3]), parse_number(parts[4])
            if (
                latitude is None
                or longitude is None
                or not 52.3 <= latitude <= 52.7
                or not 13.0 <= longitude <= 13.8
            ):
                problems.append(
                    _(
                        'Place "%(entry)s": the coordinates do not lie in Berlin '
                        "(latitude 52.3–52.7, longitude 13.0–13.8)."
                    )
                    % {"entry": entry}
                )
                continue
        place = PlaceValue(name, address, area, latitude, longitude)
        if any(p.key == place.key for p in places):
            problems.append(_('Place "%(entry)s" is listed twice.') % {"entry": entry})
            continue
        places.append(place)
    return places


def _area_problem(code: str, lookups: _Lookups) -> str:
    district = lookups.district
    if code.isdigit() and len(code) == 8 and code[:2] != district.number:
        return _("The planning area %(code)s is not in %(district)s.") % {
            "code": code,
            "district": district.name,
        }
    if code in lookups.area_levels:
        return _(
            "%(code)s is not a planning area (Planungsraum): please give the 8-digit number."
        ) % {"code": code}
    return _("There is no planning area %(code)s in %(district)s.") % {
        "code": code,
        "district": district.name,
    }


def _goals(text: str, lookups: _Lookups, problems: list[str]) -> list[ActionGoal]:
    goals: list[ActionGoal] = []
    for title in _items(text):
        found = lookups.goals.get(_fold(title), [])
        if not found:
            close = difflib.get_close_matches(title, lookups.goal_titles, n=1)
            problems.append(
                _('Unknown goal "%(title)s".') % {"title": title}
                + (" " + _("Did you mean: %(names)s?") % {"names": close[0]} if close else "")
            )
        elif len(found) > 1:
            problems.append(
                _('Several goals are called "%(title)s"; please rename one of them first.')
                % {"title": title}
            )
        elif found[0] not in goals:
            goals.append(found[0])
    return goals


# --- Comparing a checked row with what is stored ------------------------------------------


def _compare(row: RowPlan, today: datetime.date) -> None:
    offering = row.offering
    scalars = row.scalars
    if offering is None:
        scalars.setdefault("sector", scalars["category"].sector)
        scalars.setdefault("last_confirmed_on", today)
        _model_check(row, Offering(district=row.scalars["provider"].district, **scalars))
        row.action = NEW
        return
    changed = []
    for key, value in scalars.items():
        stored = getattr(offering, key)
        if isinstance(stored, str):
            differs = _norm(stored) != value
        elif isinstance(stored, Model):
            differs = stored.pk != value.pk
        else:
            differs = stored != value
        if differs:
            changed.append(key)
    candidate = Offering(
        pk=offering.pk,
        **{
            f.attname: getattr(offering, f.attname)
            for f in Offering._meta.concrete_fields
            if f.attname != "id"
        },
    )
    for key, value in scalars.items():
        setattr(candidate, key, value)
    _model_check(row, candidate)
    for key, pks in row.lists.items():
        if sorted(o.pk for o in getattr(offering, key).all()) != pks:
            changed.append(key)
    if row.places is not None and _places_differ(offering, row.places):
        changed.append("places")
    if row.goals is not None and {g.pk for g in row.goals} != {
        link.goal_id for link in offering.goal_links.all()
    }:
        changed.append("goals")
    row.changed_keys = changed
    row.changes = [COLUMN_BY_KEY[key].header for key in changed]
    row.scalars = {key: scalars[key] for key in changed if key in scalars}
    row.action = CHANGED if changed else UNCHANGED


def _model_check(row: RowPlan, candidate: Offering) -> None:
    """The offering's own rules (end after start, ages, reach) decide, as in every form."""
    try:
        candidate.clean()
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            header = COLUMN_BY_KEY[field_name].header if field_name in COLUMN_BY_KEY else ""
            for message in messages:
                row.problems.append(f"{header}: {message}" if header else message)


def _place_state(place: OfferingPlace | PlaceValue) -> tuple[Any, ...]:
    area_id = (
        place.area_id
        if isinstance(place, OfferingPlace)
        else (place.area.pk if place.area else None)
    )
    return (place.name, place.address, area_id)


def _places_differ(offering: Offering, wanted: list[PlaceValue]) -> bool:
    stored = {(p.name.casefold(), p.address.casefold()): p for p in offering.places.all()}
    if set(stored) != {p.key for p in wanted}:
        return True
    for place in wanted:
        old = stored[place.key]
        if _place_state(old) != _place_state(place):
            return True
        if place.latitude is not None and (old.latitude, old.longitude) != (
            place.latitude,
            place.longitude,
        ):
            return True
    return False


# --- Writing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferingImportResult:
    created: int
    updated: int
    unchanged: int


def offering_import_apply(*, plan: OfferingPlan) -> OfferingImportResult:
    """Create and update the offerings of a clean plan in one transaction; unchanged rows are not saved."""
    if not plan.is_clean:
        raise ValueError("A plan with problems cannot be imported.")
    with transaction.atomic():
        for row in plan.rows:
            if row.action == NEW:
                offering = Offering(
                    district=plan.district,
                    review_status=Offering.ReviewStatus.PUBLISHED,
                    **row.scalars,
                )
                # One creation record with the lists in it, written once they are set.
                offering.skip_history_when_saving = True
                try:
                    offering.save()
                    for key, pks in row.lists.items():
                        if pks:
                            getattr(offering, key).set(pks)
                finally:
                    del offering.skip_history_when_saving
                OFFERING_HISTORY_RECORDS.create_historical_record(offering, "+")
                _apply_places(offering, row.places or [], {})
                _apply_goals(offering, row.goals or [], set())
            elif row.action == CHANGED:
                offering = row.offering  # type: ignore[assignment]
                if row.scalars:
                    for key, value in row.scalars.items():
                        setattr(offering, key, value)
                    offering.save()
                for key, pks in row.lists.items():
                    if key in row.changed_keys:
                        getattr(offering, key).set(pks)
                if row.places is not None and "places" in row.changed_keys:
                    stored = {
                        (p.name.casefold(), p.address.casefold()): p for p in offering.places.all()
                    }
                    _apply_places(offering, row.places, stored)
                if row.goals is not None and "goals" in row.changed_keys:
                    _apply_goals(
                        offering, row.goals, {link.goal_id for link in offering.goal_links.all()}
                    )
    return OfferingImportResult(
        created=len(plan.creates), updated=len(plan.updates), unchanged=plan.unchanged
    )


def _apply_places(
    offering: Offering, wanted: list[PlaceValue], stored: dict[tuple[str, str], OfferingPlace]
) -> None:
    keep = {p.key for p in wanted}
    gone = [p.pk for key, p in stored.items() if key not in keep]
    if gone:
        OfferingPlace.objects.filter(pk__in=gone).delete()
    for place in wanted:
        old = stored.get(place.key)
        if old is None:
            OfferingPlace.objects.create(
                offering=offering,
                name=place.name,
                address=place.address,
                area=place.area,
                latitude=place.latitude,
                longitude=place.longitude,
            )
            continue
        new_state = {"name": place.name, "address": place.address, "area": place.area}
        if place.latitude is not None:
            new_state.update(latitude=place.latitude, longitude=place.longitude)
        if _place_state(old) != _place_state(place) or (
            place.latitude is not None
            and (old.latitude, old.longitude) != (place.latitude, place.longitude)
        ):
            for key, value in new_state.items():
                setattr(old, key, value)
            old.save()


def _apply_goals(offering: Offering, wanted: list[ActionGoal], stored: set[int]) -> None:
    wanted_pks = {g.pk for g in wanted}
    OfferingGoal.objects.filter(offering=offering, goal_id__in=stored - wanted_pks).delete()
    OfferingGoal.objects.bulk_create(
        [OfferingGoal(offering=offering, goal=g) for g in wanted if g.pk not in stored]
    )
