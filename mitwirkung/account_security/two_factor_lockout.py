"""Wrong second-factor codes lock the account's code entry for the axes cool-off time.

Someone who knows the password must not be able to try all million six-digit codes. Every
attempt is counted per user in the cache (Redis in production, shared by all web processes)
before the code is checked, so parallel requests cannot slip past the limit. A correct code
clears the count. django-otp's own per-device delay is switched off in settings: it would turn
a correct code typed a second too early into a failure.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache

_KEY = "two-factor-failures:{pk}"
logger = logging.getLogger(__name__)


class CounterUnavailable(Exception):
    """The cache that counts attempts cannot be reached (Redis down).

    Codes are then refused with a plain message (fail closed): checking them without counting
    would let someone who knows the password try codes without limit.
    """


def _cooloff_seconds() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    if isinstance(cooloff, timedelta):
        return int(cooloff.total_seconds())
    return int(float(cooloff) * 3600)  # axes reads a number as hours


def attempt_allowed(user: AbstractBaseUser) -> bool:
    """Count one attempt; False once the limit of unsuccessful attempts is used up."""
    key = _KEY.format(pk=user.pk)
    timeout = _cooloff_seconds()
    try:
        cache.add(key, 0, timeout)
        attempts = cache.incr(key)
        cache.touch(key, timeout)  # the cool-off runs from the latest attempt
    except Exception as exc:  # any cache backend's connection error
        logger.warning("Second-factor attempts cannot be counted: %s", type(exc).__name__)
        raise CounterUnavailable from exc
    return attempts <= settings.MITWIRKUNG_TWO_FACTOR_FAILURE_LIMIT


def is_locked(user: AbstractBaseUser) -> bool:
    try:
        attempts = cache.get(_KEY.format(pk=user.pk), 0)
    except Exception:  # the form still shows; sending a code then fails closed
        return False
    return attempts >= settings.MITWIRKUNG_TWO_FACTOR_FAILURE_LIMIT


def attempts_reset(user: AbstractBaseUser) -> None:
    try:
        cache.delete(_KEY.format(pk=user.pk))
    except Exception:  # the counter expires by itself after the cool-off
        logger.warning("Second-factor attempts could not be reset")
