"""A per-client rate limit for the family form, held only in the cache.

Privacy rule: the client's address never reaches the database or a log, and not even the
cache sees it raw — the key is a hash salted with the secret key and today's date, so it
cannot be reversed by trying all addresses and cannot link one day to the next. Counters
expire after an hour, at the latest when the day changes.

If the cache is down (Redis unreachable) the limit is skipped: a family's answers matter
more than a flood we could not count.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60


class Scope:
    """What is counted, with its limit per client and hour."""

    SUBMIT = "submit"
    START = "start"
    UNKNOWN_CODE = "code"
    # A tablet in tablet mode (surveys/tablet.py): one device, many families. Counted apart,
    # so the tablet and the phones on the offering's wifi do not use up each other's limit.
    TABLET_SUBMIT = "tablet-submit"
    TABLET_START = "tablet-start"


# A tablet session may send this many times what one phone may.
TABLET_FACTOR = 10


def limit(scope: str) -> int:
    submissions = settings.SURVEY_SUBMISSIONS_PER_HOUR
    return {
        Scope.SUBMIT: submissions,
        # Starting is cheap and a whole class may start on the offering's wifi at once.
        Scope.START: submissions * 4,
        Scope.TABLET_SUBMIT: submissions * TABLET_FACTOR,
        Scope.TABLET_START: submissions * 4 * TABLET_FACTOR,
        # Guessing codes: a few typos are fine, trying thousands is pointless.
        Scope.UNKNOWN_CODE: 60,
    }[scope]


def client_address(request: HttpRequest) -> str:
    """The client's address as the nearest trusted proxy saw it (DJANGO_PROXY_COUNT)."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if proxies and len(forwarded) >= proxies:
        # Each trusted proxy appends what it saw; earlier entries can be forged by the client.
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def client_key(request: HttpRequest, scope: str) -> str:
    today = timezone.localdate().isoformat()
    salted = f"{settings.SECRET_KEY}|{today}|{client_address(request)}"
    return f"survey-rate:{scope}:{hashlib.sha256(salted.encode()).hexdigest()}"


def allow(request: HttpRequest, scope: str) -> bool:
    """Count one request of this client; False once it is over the hour's limit."""
    key = client_key(request, scope)
    try:
        count = _count(key)
    except Exception:
        _warn(scope)
        return True
    return bool(count <= limit(scope))


def _count(key: str) -> int:
    """One more on the key's counter, which lives an hour from its first count."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # One round trip instead of Django's three (SET NX, EXISTS, INCRBY); the same key and
        # the same plain integer value Django's Redis cache would store.
        full_key = backend.make_and_validate_key(key)
        pipeline = _redis_client(backend, full_key).pipeline(transaction=False)
        pipeline.set(full_key, 0, ex=WINDOW_SECONDS, nx=True)
        pipeline.incr(full_key)
        return int(pipeline.execute()[1])
    try:
        backend.add(key, 0, timeout=WINDOW_SECONDS)
        return int(backend.incr(key))
    except ValueError:
        # The counter expired between add and incr: this is the first of a new hour.
        backend.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


# Django builds a new Redis client object (on the shared connection pool) for every call; its
# constructor cost more than the round trip. One per cache client is enough (kept with it, so
# a new cache, as after a settings change, never gets an old one's client).
_CLIENTS: dict[int, tuple[Any, Any]] = {}


def _redis_client(backend: RedisCache, full_key: str) -> Any:
    cache_client = backend._cache
    kept = _CLIENTS.get(id(cache_client))
    if kept is None or kept[0] is not cache_client:
        kept = _CLIENTS[id(cache_client)] = (
            cache_client,
            cache_client.get_client(full_key, write=True),
        )
    return kept[1]


def _warn(scope: str) -> None:
    # Neither the address nor anything the family answered goes into the log.
    logger.warning("Survey rate limit (%s) skipped: the cache is not available.", scope)
