"""The public pages and files of published snapshots, rendered once and served from the cache.

A published snapshot never changes (reports/models/snapshot.py), so its page, PDF and data
files are the same for every reader until it is withdrawn or published again. Each request
first reads the snapshot's publication state in one cheap query (a withdrawn one is a 404
before any cache is asked; each process may reuse it for a few seconds,
TRANSPARENCY_STATE_CACHE_SECONDS); that state, the language and the release make the cache key, the
ETag and Last-Modified. A conditional request is answered 304 from them alone; otherwise the
body comes from `caches["default"]` (Redis in production) and is rendered only on a miss.

Safety rules, each checked in `respond`:
- Only anonymous requests read or write the cache: a member's page shows their name and menu.
- An anonymous reader's page carries no CSRF token: its language switch is a link
  (templates/reports/public/base.html, mitwirkung/language_link.py). A rendering that asked
  for a token anyway (a form added later) is served to its reader but never stored.
- A request with pending messages, or a page address with a query string, renders uncached:
  both would put something of this one request into the page.
- Only a 200 is stored, never a cookie; a cache that fails is skipped for a while, and the
  page is rendered as if there were no cache.

HTML, JSON and CSV are also stored gzip-compressed, once, next to the plain body, and served
so to readers who accept it (a 162 kB report page is about 25 kB).
"""

from __future__ import annotations

import datetime
import functools
import gzip
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import BaseCache, caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from districts.models import District
from mitwirkung.process_cache import ProcessCache
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
# Browsers and proxies may keep a copy but must ask again before each use (the answer is a
# cheap 304): a report is withdrawn when something in it should not be public, and a max-age
# would keep showing it for that long. Files carry no per-reader content, so proxies may
# share them; a page follows the reader's language cookie and shows a member their name and
# menu, so only the reader's own browser may keep it.
FILE_CACHE_CONTROL = "public, no-cache"
PAGE_CACHE_CONTROL = "private, no-cache"
# Keys change with every publication, withdrawal and release; the lifetime only bounds what
# no key can see (a district renamed in the admin) and frees the memory of old versions.
STORE_SECONDS = 60 * 60
# A demo report page is about 160 kB and its workbook 75 kB; a PDF can be a few MB. Larger
# bodies would crowd out the many small ones, and the database serves them well enough.
MAX_STORED_BYTES = 4 * 1024 * 1024
# After a failing cache (Redis gone: each call waits up to REDIS_TIMEOUT_SECONDS), this
# process renders without it for a while instead of waiting again on every request.
RETRY_CACHE_AFTER_SECONDS = 30.0
# Each process also keeps the entries it served last: a Redis round trip with a 160 kB page
# costs as much as the rest of a cached request. Safe because a key never changes meaning;
# 64 entries of at most 512 kB are at most 32 MB per process.
RECENT_ENTRIES = 64
RECENT_ENTRY_BYTES = 512 * 1024
# Headers about the request and its freshness, not the body: set again on every response.
NOT_STORED_HEADERS = frozenset(
    {"cache-control", "content-length", "date", "etag", "expires", "last-modified", "vary"}
)
# Where the release's code, templates and translations are; tests and uploads are not.
SKIPPED_FOLDERS = frozenset(
    {"__pycache__", "media", "migrations", "node_modules", "static", "staticfiles", "tests"}
)
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".mo")
PAGE_SETTINGS = ("MITWIRKUNG_SITE_NAME", "SITE_URL", "TIME_ZONE", "LANGUAGE_CODE")
# Text compresses to a fifth or less; PDFs and workbooks are compressed already. Below about
# a kilobyte the gzip header and the work are not worth it.
GZIP_TYPES = frozenset({"text/html", "application/json", "text/csv"})
GZIP_MIN_BYTES = 1024


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


class _CacheSwitch:
    """Remembers a failing cache per process, so a dead Redis costs one timeout, not each."""

    def __init__(self) -> None:
        self._closed_until = 0.0
        self._lock = threading.Lock()

    def usable(self) -> bool:
        return time.monotonic() >= self._closed_until

    def failed(self) -> None:
        with self._lock:
            self._closed_until = time.monotonic() + RETRY_CACHE_AFTER_SECONDS

    def reset(self) -> None:
        with self._lock:
            self._closed_until = 0.0


cache_switch = _CacheSwitch()


def shared_cache() -> BaseCache:
    return caches[CACHE_ALIAS]


@functools.cache
def release() -> str:
    """A hash of this release's code, templates and translations, read once per process.

    A page depends on them as much as on its snapshot, and links the static files by their
    hashed names: without this a new release would serve the old one's HTML (with links to
    files that are gone) until the entries expire. About 20 ms for 2.5 MB, once.
    """
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    # Only the manifest storage of production has it; in development static names carry no hash.
    digest.update(str(getattr(staticfiles_storage, "manifest_hash", "")).encode())
    # Settings from the environment that the pages show: the site's name and address.
    digest.update(repr([getattr(settings, name, "") for name in PAGE_SETTINGS]).encode())
    return digest.hexdigest()[:16]


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


def page_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def may_use_cache(request: HttpRequest, version: Version) -> bool:
    """Whether this request's response is the same for everyone (see the module's rules)."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    if not version.page:
        return True
    # The layout shows pending messages (and marks them read), and a query string is this
    # request's alone: neither may reach another reader through the cache.
    if request.META.get("QUERY_STRING"):
        return False
    return not len(messages.get_messages(request))


def cache_key(request: HttpRequest, version: Version) -> str:
    parts: list[Any] = [release(), version.kind, version.language, *version.parts]
    if version.page:
        # The page is rendered with the request: absolute links use its scheme and host (one
        # of ALLOWED_HOSTS), the footer and language switch its path ("/2/" and "/02/" are
        # the same report), so no request's rendering is served for another address.
        parts += [request.scheme, request.get_host(), request.path]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"public:{version.kind}:{digest}"


def _etag(key: str, version: Version) -> str:
    # Weak: equal keys mean the same content, but a workbook records the moment it was
    # written, and the plain and the gzip body share the one ETag (only a weak one may).
    return version.strong_etag or f'W/"{key.rsplit(":", 1)[1][:32]}"'


# Each process also keeps the entries it served last (mitwirkung/process_cache.py): at most
# RECENT_ENTRIES of at most RECENT_ENTRY_BYTES, with the time their shared copy expires.
recent_entries: ProcessCache[tuple[float, dict[str, Any]]] = ProcessCache(RECENT_ENTRIES)


def _recent(key: str) -> dict[str, Any] | None:
    found = recent_entries.get(key)
    return found[1] if found is not None and found[0] > time.monotonic() else None


def _keep_recent(key: str, entry: dict[str, Any]) -> None:
    if len(entry["body"]) + len(entry["gzip"]) <= RECENT_ENTRY_BYTES:
        recent_entries.put(key, (time.monotonic() + STORE_SECONDS, entry))


def _read(key: str) -> dict[str, Any] | None:
    entry = _recent(key)
    if entry is not None:
        return entry
    if not cache_switch.usable():
        return None
    try:
        entry = shared_cache().get(key)
    except Exception:
        logger.warning("public cache unavailable, rendering without it", exc_info=True)
        cache_switch.failed()
        return None
    if not isinstance(entry, dict):
        return None
    _keep_recent(key, entry)
    return entry


def _write(key: str, entry: dict[str, Any]) -> None:
    _keep_recent(key, entry)
    if not cache_switch.usable():
        return
    try:
        shared_cache().set(key, entry, STORE_SECONDS)
    except Exception:
        logger.warning("public cache unavailable, not storing", exc_info=True)
        cache_switch.failed()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.cookies or len(response.content) > MAX_STORED_BYTES:
        return False
    # get_token() ran (a {% csrf_token %} in the page, or earlier for a malformed cookie): a
    # real token of this reader may be in the body, so it is served to them but never stored.
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


def _compressed(response: HttpResponse, version: Version) -> bytes:
    """The body gzip-compressed, or b"" where gzip does not pay or would be wrong.

    No BREACH here: that attack needs a secret in a compressed body next to text the
    attacker chooses. A stored response has neither: an anonymous reader's page carries no
    CSRF token or other secret (a rendering that asked for one is never stored, _storable),
    a page with a query string is never stored (may_use_cache), and a file shows nothing of
    its request but the language it asks for. Members' pages, rendered for them alone, are
    never compressed. A strong ETag names one exact body, so such a response is only ever
    sent as it is.
    """
    body = response.content
    content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
    if (
        version.strong_etag
        or content_type not in GZIP_TYPES
        or len(body) < GZIP_MIN_BYTES
        or response.has_header("Content-Encoding")
    ):
        return b""
    # mtime=0: the same body always gives the same bytes, whichever process compresses it.
    packed = gzip.compress(body, compresslevel=6, mtime=0)
    return packed if len(packed) < len(body) else b""


def _entry(response: HttpResponse, version: Version) -> dict[str, Any]:
    """The body, compressed once if that pays (see _compressed), and its headers."""
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in NOT_STORED_HEADERS
    ]
    return {
        "body": response.content,
        "gzip": _compressed(response, version),
        "headers": headers,
    }


@functools.lru_cache(maxsize=64)
def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (RFC 9110 12.5.3); few distinct values
    reach a site, so each is parsed once."""
    wildcard = False
    for item in accept_encoding.split(","):
        coding, _, parameters = item.partition(";")
        coding = coding.strip().lower()
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding in ("gzip", "x-gzip"):
            return quality > 0
        if coding == "*":
            wildcard = quality > 0
    return wildcard


def _encode(request: HttpRequest, response: HttpResponse, entry: dict[str, Any]) -> HttpResponse:
    """The entry's body as this request accepts it: gzip where there is a compressed body
    and the reader takes it, else the plain body, exactly as rendered."""
    packed: bytes = entry["gzip"]
    if not packed:
        response.content = entry["body"]
        return response
    # Either way the body depends on Accept-Encoding; the middleware adds Cookie after this.
    patch_vary_headers(response, ("Accept-Encoding",))
    if accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = packed
        response["Content-Encoding"] = "gzip"
    else:
        response.content = entry["body"]
    return response


def _from_entry(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse()
    for name, value in entry["headers"]:
        response[name] = value
    return _encode(request, response, entry)


def _validators(response: HttpResponseBase, etag: str, version: Version) -> HttpResponseBase:
    response["ETag"] = etag
    if version.modified is not None:
        response["Last-Modified"] = http_date(version.modified.timestamp())
    response["Cache-Control"] = PAGE_CACHE_CONTROL if version.page else FILE_CACHE_CONTROL
    return response


def respond(
    request: HttpRequest,
    version: Version,
    render: Callable[[dict[str, Any]], HttpResponse],
) -> HttpResponseBase:
    """The response for `version`: 304, from the cache, or rendered (and then stored).

    `render(extra_context)` makes the response as the view always did; a page passes
    `extra_context` on to its template (nothing is put in it any more: it once carried a
    placeholder for the CSRF token, which anonymous readers' pages no longer have).
    """
    use_cache = may_use_cache(request, version)
    if version.page and not use_cache:
        # Rendered for this one reader (their name, their messages): no copy is kept, and no
        # validator lets another rendering stand in for it.
        response = render({})
        response["Cache-Control"] = PAGE_CACHE_CONTROL
        return response

    key = cache_key(request, version)
    etag = _etag(key, version)
    last_modified = int(version.modified.timestamp()) if version.modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return _validators(not_modified, etag, version)
    if not use_cache:
        # A file is the same for a member, but their requests leave the cache alone.
        return _validators(render({}), etag, version)

    entry = _read(key)
    if entry is not None:
        return _validators(_from_entry(request, entry), etag, version)
    rendered = render({})
    if rendered.status_code != 200:
        # Not the published content (an error page): served as it is, never stored.
        return rendered
    if not _storable(request, rendered):
        # Served plain, as rendered: only a stored body is compressed (once, not per request).
        return _validators(rendered, etag, version)
    entry = _entry(rendered, version)
    _write(key, entry)
    return _validators(_encode(request, rendered, entry), etag, version)
