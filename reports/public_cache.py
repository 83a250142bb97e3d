"""The public pages and files of published snapshots, rendered once and served from the cache.

A published snapshot never changes (reports/models/snapshot.py), so its page, PDF and data
files are the same for every reader until it is withdrawn or published again. Each request
first gets the snapshot's publication state (reports/public_state.py: a withdrawn one is a
404 before any cache is asked); that state, the language and the release make the cache key,
the ETag and Last-Modified. A conditional request is answered 304 from them alone; otherwise the
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

import functools
import gzip
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from mitwirkung.process_cache import ProcessCache
from reports.public_state import Version

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
    render: Callable[[], HttpResponse],
) -> HttpResponseBase:
    """The response for `version`: 304, from the cache, or rendered (and then stored).

    `render()` makes the response as the view always did.
    """
    use_cache = may_use_cache(request, version)
    if version.page and not use_cache:
        # Rendered for this one reader (their name, their messages): no copy is kept, and no
        # validator lets another rendering stand in for it.
        response = render()
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
        return _validators(render(), etag, version)

    entry = _read(key)
    if entry is not None:
        return _validators(_from_entry(request, entry), etag, version)
    rendered = render()
    if rendered.status_code != 200:
        # Not the published content (an error page): served as it is, never stored.
        return rendered
    if not _storable(request, rendered):
        # Served plain, as rendered: only a stored body is compressed (once, not per request).
        return _validators(rendered, etag, version)
    entry = _entry(rendered, version)
    _write(key, entry)
    return _validators(_encode(request, rendered, entry), etag, version)
