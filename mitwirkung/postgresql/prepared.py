"""One query PostgreSQL plans once per connection: the session read of every family page.

Django binds parameters on the client and sends each query as new text, which PostgreSQL
parses and plans every time; for the session read that is most of its work. A statement
prepared by psycopg is planned once per connection and then only executed. Django leaves
prepared statements off because a pooler in front of PostgreSQL (PgBouncer before 1.21) could
not keep them; MitWirkung connects to PostgreSQL directly (docker-compose.yml).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from django.db.backends.base.base import BaseDatabaseWrapper


def fetch_one(connection: BaseDatabaseWrapper, sql: str, params: Sequence[Any]) -> Any:
    """The first row of `sql` (%s placeholders), prepared on PostgreSQL and run as Django runs
    a query: the same health check, error translation, execute wrappers and query log."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = psycopg.Cursor(connection.connection)  # server-side binding, unlike Django's

    def prepared(sql: str, params: Any, many: bool, context: dict[str, Any]) -> None:
        with connection.wrap_database_errors:
            raw.execute(sql, params, prepare=True)

    with raw:
        if connection.queries_logged:
            wrapper = connection.make_debug_cursor(raw)
            with wrapper.debug_sql(sql, params):
                wrapper._execute_with_wrappers(sql, params, many=False, executor=prepared)
        else:
            wrapper = connection.make_cursor(raw)
            wrapper._execute_with_wrappers(sql, params, many=False, executor=prepared)
        with connection.wrap_database_errors:
            return raw.fetchone()
