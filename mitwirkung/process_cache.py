"""A bounded dictionary in a server process's memory, for what is read often and changes
seldom: kept per process, so nothing is shared to invalidate and no network hop is needed;
the key must say everything the value depends on (a version, a timestamp)."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ClassVar, Generic, TypeVar

Value = TypeVar("Value")


class ProcessCache(Generic[Value]):
    """A bounded dictionary: the least recently used entry goes when it is full."""

    every: ClassVar[weakref.WeakSet[ProcessCache[Any]]] = weakref.WeakSet()

    def __init__(self, size: int) -> None:
        ProcessCache.every.add(self)
        self.size = size
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()  # runserver and threaded workers share the process

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Value) -> Value:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def get_or_create(self, key: Hashable, create: Callable[[], Value]) -> Value:
        value = self.get(key)
        return value if value is not None else self.put(key, create())

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def clear_all() -> None:
    """Empty every process cache (tests: a rolled-back test may leave ids the next reuses)."""
    for cache in list(ProcessCache.every):
        cache.clear()
