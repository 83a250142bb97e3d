"""Writes whose loss in a database crash costs little commit without waiting for the disk.

A commit that waits until PostgreSQL has flushed its log to disk takes 2–3 ms on the
machines we measured (0.1 ms without): a family's survey writes its draft on every page, so
those waits were most of a family's time on the server. PostgreSQL's asynchronous commit
(synchronous_commit = off for one transaction) keeps the data consistent and loses, at
worst, the last fraction of a second of such commits if the database server itself crashes.

Only for what is worth less than that wait: a family's unfinished answers and sessions,
anonymous counters. A stored response, and everything staff do, commits as before. Inside a
caller's transaction the write belongs to the caller, whose commit decides.

One statement, one round trip: PostgreSQL runs the statements of one message as one
transaction of their own, so "SET LOCAL synchronous_commit = off; UPDATE …" needs no BEGIN
and no COMMIT (a transaction around it cost four round trips).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections


def light_write(sql: str, params: Sequence[Any], using: str = "default") -> int:
    """Run one INSERT, UPDATE or DELETE whose commit does not wait for the disk; returns its
    row count.

    `sql` is a single statement with %s placeholders, written by the caller (never user
    text): it is sent together with the SET LOCAL, as one message, only on PostgreSQL
    outside a transaction; a failure there stores nothing of the message.
    """
    connection = connections[using]
    light = connection.vendor == "postgresql" and connection.get_autocommit()
    with connection.cursor() as cursor:
        if not light:
            cursor.execute(sql, params)
            return cursor.rowcount
        cursor.execute(f"SET LOCAL synchronous_commit = off; {sql}", params)
        # The first result is the SET's; the statement's row count is in the next one.
        cursor.nextset()
        return cursor.rowcount
