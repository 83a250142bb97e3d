"""The publication state of what /transparenz/ shows, read in one small query per request
(or kept a few seconds per process): a Version of each public response, which
reports/public_cache.py turns into the cache key, ETag and Last-Modified.

Each query goes through published(), like every public view, so a draft or withdrawn
snapshot is a 404 here, before any cache is asked.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.http import Http404

from districts.models import District
from mitwirkung.process_cache import ProcessCache
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot


@dataclass(frozen=True)
class Version:
    """What one public response depends on besides the code: the cache key's content.

    `parts` is everything of the database the body shows that can change (publication time,
    ready PDFs, names); `page` marks HTML rendered with the request (the host in absolute
    links, the reader's name for a member), `strong_etag` a body whose hash is known without
    reading it.
    """

    kind: str
    parts: tuple[Any, ...]
    modified: datetime.datetime | None
    language: str = ""
    page: bool = False
    strong_etag: str = ""


def _newest(*moments: datetime.datetime | None) -> datetime.datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


class CompiledQuery:
    """A queryset turned into SQL once per thread; each run only puts in the request's values.

    Building and compiling a queryset with subqueries costs about a millisecond of Python,
    several times what the database needs and more than a whole trivial view: the check
    before a cached page would cost more than serving it. The SQL is still the ORM's (the
    same published() rule as every public view), compiled with placeholder values that no
    request can have, and the rows pass through the ORM's own converters.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], **placeholders: object) -> None:
        self._build = build
        self._placeholders = placeholders
        self._local = threading.local()

    def _compile(self) -> tuple[Any, ...]:
        queryset = self._build(**self._placeholders)
        query = queryset.query
        compiler = query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = [
            next(
                (name for name, value in self._placeholders.items() if param == value),
                None,
            )
            for param in params
        ]
        if set(self._placeholders) - set(slots):
            raise ValueError(f"a placeholder is not a parameter of {sql}")
        selected = getattr(query, "selected", None)
        names = list(selected or [*query.values_select, *query.annotation_select])
        # The ORM's own conversions (dates from SQLite text, booleans from 0/1), looked up once.
        converters = compiler.get_converters([column[0] for column in compiler.select])
        return queryset.db, compiler, converters, sql, list(params), slots, names

    def rows(self, **values: object) -> list[dict[str, Any]]:
        seconds = settings.TRANSPARENCY_STATE_CACHE_SECONDS
        key = (id(self), tuple(sorted(values.items())))
        now = time.monotonic()
        if seconds > 0:
            kept = states.get(key)
            if kept is not None and kept[0] > now:
                return kept[1]
        found = self._query(values)
        if seconds > 0:
            states.put(key, (now + seconds, found))
        return found

    def _query(self, values: dict[str, object]) -> list[dict[str, Any]]:
        compiled = getattr(self._local, "compiled", None)
        if compiled is None:
            compiled = self._local.compiled = self._compile()
        alias, compiler, converters, sql, params, slots, names = compiled
        bound = [values[slot] if slot else param for slot, param in zip(slots, params, strict=True)]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, bound)
            fetched: Iterable[Any] = cursor.fetchall()
        if converters:
            fetched = compiler.apply_converters(fetched, converters)
        return [dict(zip(names, row, strict=True)) for row in fetched]


# What each process read last, for TRANSPARENCY_STATE_CACHE_SECONDS: a cached page then needs
# no database round trip at all. Publishing, withdrawing or a PDF finishing empties it in the
# acting process at once (forget_states, connected in reports/apps.py); the other processes
# follow within those seconds. Values: (valid until, time.monotonic(); the rows).
states: ProcessCache[tuple[float, list[dict[str, Any]]]] = ProcessCache(1024)


def forget_states(**kwargs: Any) -> None:
    """A snapshot, publication, document or district was saved or deleted (signal receiver)."""
    states.clear()


# Values no slug, id, kind or language of a request can be (the URL converters allow neither
# "·" nor a minus): they mark the parameters.
_SLUG, _PK, _KIND, _LANGUAGE = "·slug·", -(2**31) + 7, "·kind·", "·language·"


def _per_group(queryset: QuerySet[Any], group: str, value: Any) -> Subquery:
    """One aggregate of a queryset filtered on OuterRef, as a column of the outer query."""
    return Subquery(queryset.order_by().values(group).annotate(value=value).values("value")[:1])


def _published_snapshot(district: str, snapshot: int) -> QuerySet[ReportSnapshot]:
    # Through published() like every public view, so a draft or withdrawn one is a 404 here.
    return ReportSnapshot.objects.published().filter(pk=snapshot, district__slug=district)


# Each state starts with the snapshot's id and requested_at: an id alone can name another
# snapshot after a database is restored or the demo seeded again.
def _report_state(district: str, snapshot: int) -> QuerySet[Any]:
    documents = ReportDocument.objects.ready().filter(snapshot=OuterRef("pk"))
    return (
        _published_snapshot(district, snapshot)
        .annotate(
            ready_documents=_per_group(documents, "snapshot", Count("pk")),
            ready_documents_at=_per_group(documents, "snapshot", Max("finished_at")),
        )
        .values(
            "pk",
            "requested_at",
            "published_at",
            "district__name",
            "ready_documents",
            "ready_documents_at",
        )[:1]
    )


def _file_state(district: str, snapshot: int) -> QuerySet[Any]:
    return _published_snapshot(district, snapshot).values(
        "pk", "requested_at", "published_at", "district__name"
    )[:1]


def _document_state(district: str, snapshot: int, kind: str, language: str) -> QuerySet[Any]:
    return (
        ReportDocument.objects.ready()
        .filter(
            snapshot__in=_published_snapshot(district, snapshot),
            kind=kind,
            language=language,
        )
        .values("pk", "sha256", "finished_at", "snapshot__published_at")[:1]
    )


# What a district page shows that can change, besides the district itself: the published
# reports (a withdrawal lowers the count, a publication brings a newer time), the newest
# publish or withdraw, and the ready PDFs.
DISTRICT_STATE = (
    "published_count",
    "published_newest",
    "changed_at",
    "document_count",
    "document_newest",
)


def _district_state(district: str) -> QuerySet[Any]:
    published = ReportSnapshot.objects.published().filter(district=OuterRef("pk"))
    events = PublicationEvent.objects.filter(snapshot__district=OuterRef("pk"))
    documents = ReportDocument.objects.ready().filter(
        snapshot__in=ReportSnapshot.objects.published(), snapshot__district=OuterRef("pk")
    )
    return (
        District.objects.filter(slug=district)
        .annotate(
            published_count=_per_group(published, "district", Count("pk")),
            published_newest=_per_group(published, "district", Max("published_at")),
            changed_at=_per_group(events, "snapshot__district", Max("at")),
            document_count=_per_group(documents, "snapshot__district", Count("pk")),
            document_newest=_per_group(documents, "snapshot__district", Max("finished_at")),
        )
        .values(*(field.attname for field in District._meta.concrete_fields), *DISTRICT_STATE)[:1]
    )


def _published_districts() -> QuerySet[Any]:
    return (
        ReportSnapshot.objects.published()
        .values("district__slug", "district__name", "district__has_demo_data")
        .annotate(
            reports=Count("pk"),
            newest=Max("published_at"),
            # The newest publish or withdraw anywhere: Last-Modified moves when a count drops.
            changed=Subquery(PublicationEvent.objects.order_by("-at").values("at")[:1]),
        )
        .order_by("district__name")
    )


REPORT_STATE = CompiledQuery(_report_state, district=_SLUG, snapshot=_PK)
FILE_STATE = CompiledQuery(_file_state, district=_SLUG, snapshot=_PK)
DOCUMENT_STATE = CompiledQuery(
    _document_state, district=_SLUG, snapshot=_PK, kind=_KIND, language=_LANGUAGE
)
DISTRICT_WITH_STATE = CompiledQuery(_district_state, district=_SLUG)
PUBLISHED_DISTRICTS = CompiledQuery(_published_districts)


def _one(rows: list[dict[str, Any]], what: str) -> dict[str, Any]:
    if not rows:
        raise Http404(what)
    return rows[0]


def report_version(district: str, snapshot: int, *, language: str) -> Version:
    """The web page of a published snapshot: it also lists the PDFs that are ready."""
    row = _one(REPORT_STATE.rows(district=district, snapshot=snapshot), "snapshot")
    modified = _newest(row["published_at"], row["ready_documents_at"])
    return Version("report", tuple(row.values()), modified, language=language, page=True)


def file_version(
    district: str, snapshot: int, *, kind: str, language: str, name: str = ""
) -> Version:
    """A data file (JSON, XLSX, one CSV): made from the frozen tables and the publication."""
    row = _one(FILE_STATE.rows(district=district, snapshot=snapshot), "snapshot")
    return Version(kind, (*row.values(), name), row["published_at"], language=language)


def document_version(district: str, snapshot: int, *, kind: str, language: str) -> Version:
    """A ready PDF of a published snapshot; its SHA-256 is the ETag it always had, and the
    version's first part is the document's id."""
    rows = DOCUMENT_STATE.rows(district=district, snapshot=snapshot, kind=kind, language=language)
    row = _one(rows, "document")
    return Version(
        "pdf",
        tuple(row.values()),
        _newest(row["finished_at"], row["snapshot__published_at"]),
        language=language,
        strong_etag=f'"{row["sha256"]}"' if row["sha256"] else "",
    )


def district_with_version(slug: str, *, language: str) -> tuple[District, Version]:
    """A district and the state of its published reports, in the one query its page needs
    for the district anyway."""
    row = _one(DISTRICT_WITH_STATE.rows(district=slug), "district")
    fields = District._meta.concrete_fields
    place = District.from_db(
        DEFAULT_DB_ALIAS, [f.attname for f in fields], [row[f.attname] for f in fields]
    )
    parts = (place.pk, place.name, place.has_demo_data, *(row[name] for name in DISTRICT_STATE))
    modified = _newest(row["published_newest"], row["changed_at"], row["document_newest"])
    return place, Version("district", parts, modified, language=language, page=True)


def published_districts(*, language: str) -> tuple[list[dict[str, Any]], Version]:
    """The index's rows (districts with published reports, how many, the newest) and their
    version: the page shows exactly these rows, so they are its key."""
    rows = PUBLISHED_DISTRICTS.rows()
    modified = _newest(*(row["newest"] for row in rows), *(row["changed"] for row in rows))
    parts = tuple(tuple(row.values()) for row in rows)
    return rows, Version("index", parts, modified, language=language, page=True)
