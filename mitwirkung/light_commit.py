"""Writes whose loss in a database crash costs little commit without waiting for the disk.

A commit that waits until PostgreSQL has flushed its log to disk takes 2–3 ms on the
machines we measured (0.1 ms without): a family's survey writes its draft on every page, so
those waits were most of a family's time on the server. PostgreSQL's asynchronous commit
(synchronous_commit = off for one transaction) keeps the data consistent and loses, at
worst, the last fraction of a second of such commits if the database server itself crashes.

Only for what is worth less than that wait: a family's unfinished answers and sessions,
anonymous counters. A stored response, and everything staff do, commits as before. Inside a
caller's transaction the write belongs to the caller, whose commit decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction


@contextmanager
def light_commit(using: str = "default") -> Iterator[None]:
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
        yield
