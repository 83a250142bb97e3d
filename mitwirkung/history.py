"""Readable change history from django-simple-history records, for goals and offerings alike.

diff_against() would query every list of every record; this loads a page's list rows and
the names behind ids at once, so a history page needs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.http import HttpRequest
from django.utils import formats
from django.utils.translation import gettext as _

PAGE_SIZE = 25
# Audit columns every save touches; they say nothing a reader of the history needs.
HIDDEN_FIELDS = {"created_at", "updated_at", "district"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    record: Any
    kind: str  # "created" | "changed"
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class HistorySpec:
    """What a model's history shows: its tracked lists and its foreign keys, by field name."""

    model: type[models.Model]
    # list field -> (model of the items, id column in simple-history's m2m table)
    lists: dict[str, tuple[type[models.Model], str]]
    relations: dict[str, type[models.Model]] = field(default_factory=dict)


class _Names:
    def __init__(self, spec: HistorySpec, records: list[Any]) -> None:
        self.spec = spec
        ids = [r.history_id for r in records]
        history_model = spec.model.history.model  # type: ignore[attr-defined]
        self.members: dict[str, dict[int, frozenset[int]]] = {}
        self.names: dict[type, dict[int, str]] = {}
        for field_name, (model, column) in spec.lists.items():
            rows = getattr(history_model, field_name).model.objects.filter(history_id__in=ids)
            members: dict[int, set[int]] = {}
            for history_id, pk in rows.values_list("history_id", column):
                members.setdefault(history_id, set()).add(pk)
            self.members[field_name] = {k: frozenset(v) for k, v in members.items()}
            self._load(model, set().union(*members.values()) if members else set())
        for field_name, model in spec.relations.items():
            wanted = {getattr(r, f"{field_name}_id") for r in records} - {None}
            self._load(model, wanted)

    def _load(self, model: type[models.Model], pks: set[int]) -> None:
        found = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=pks)}
        self.names.setdefault(model, {}).update(found)

    def list_changes(self, record: Any, previous: Any) -> list[tuple[str, Any, Any]]:
        found = []
        for field_name, members in self.members.items():
            old = members.get(previous.history_id, frozenset())
            new = members.get(record.history_id, frozenset())
            if old != new:
                found.append((field_name, old, new))
        return found

    def _name(self, model: type, pk: int) -> str:
        return self.names.get(model, {}).get(pk) or _("(deleted, no. %(pk)s)") % {"pk": pk}

    def value(self, field_name: str, value: Any) -> str:
        if field_name in self.spec.lists:
            model = self.spec.lists[field_name][0]
            names = sorted(self._name(model, pk) for pk in value)
            return ", ".join(names) if names else "–"
        model_field = self.spec.model._meta.get_field(field_name)
        if value in (None, ""):
            return "–"
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if field_name in self.spec.relations:
            return self._name(self.spec.relations[field_name], value)
        if hasattr(value, "isoformat"):
            return formats.date_format(value, "SHORT_DATE_FORMAT")
        return str(value)

    def describe(self, field_name: str, old: Any, new: Any) -> FieldChange:
        label = str(self.spec.model._meta.get_field(field_name).verbose_name)
        return FieldChange(
            label[:1].upper() + label[1:], self.value(field_name, old), self.value(field_name, new)
        )


def history_page(
    instance: models.Model, spec: HistorySpec, request: HttpRequest
) -> tuple[list[HistoryEntry], Page]:
    """One page of the instance's history, newest first, each entry with its readable changes."""
    records = instance.history.select_related("history_user").order_by(  # type: ignore[attr-defined]
        "-history_date", "-history_id"
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("seite"))
    # One record more than the page, so the oldest change on the page has something to compare with.
    start = page.start_index() - 1 if page.object_list else 0
    window = list(records[start : start + PAGE_SIZE + 1])
    names = _Names(spec, window)
    entries = []
    for index, record in enumerate(window[: len(page.object_list)]):
        previous = window[index + 1] if index + 1 < len(window) else None
        if previous is None or record.history_type == "+":
            entries.append(HistoryEntry(record, "created"))
            continue
        delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS | set(spec.lists))
        raw = [(c.field, c.old, c.new) for c in delta.changes] + names.list_changes(
            record, previous
        )
        changes = [names.describe(name, old, new) for name, old, new in raw]
        if changes:
            entries.append(HistoryEntry(record, "changed", changes))
    return entries, page
