"""Django's PostgreSQL backend whose per-request health check looks at the socket first.

With persistent connections (CONN_MAX_AGE) Django checks a reused connection before a
request's first query, so that a database restart fails no request. Its check is a
"SELECT 1": a round trip on every request, as costly as the one query a family's page of
questions needs. A server that restarts or ends a connection tells the client so and closes
it: the socket then has something to read. This check asks the socket (no waiting) and only
sends the "SELECT 1" when something has arrived or the connection is not idle, so that
every way PostgreSQL ends a connection is still caught before the request uses it.

What it cannot see is a server that vanished without a word (a cut network): Django's check
would wait for the TCP timeout there too; the request gets the friendly 503 instead
(mitwirkung/unavailable.py) and the next one connects afresh.
"""

from __future__ import annotations

import select
from typing import Any

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        # Django turns psycopg's prepared statements off; only psycopg's own cursors prepare
        # (Django's bind on the client and never do): the session read uses one
        # (mitwirkung/postgresql/prepared.py).
        if connection.prepare_threshold is None:
            connection.prepare_threshold = 5
        return connection

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != pq.TransactionStatus.IDLE:
            return super().is_usable()
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN)
            readable = poller.poll(0)
        except (OSError, ValueError):  # the descriptor is gone
            return False
        if readable:
            # A notice, a changed setting or the server's goodbye: let a query tell.
            return super().is_usable()
        return True
