"""Django's database sessions with fewer round trips to PostgreSQL (SESSION_ENGINE).

A family's unfinished answers live in the session, so every page of the survey reads and
writes it. Django's store asks the database whether a new key is taken before inserting it,
wraps every write in its own transaction (BEGIN, UPDATE, COMMIT), reads a row before
deleting it, and writes an unchanged session a second time when a view saved it itself.
This store does each in one statement and one round trip: the table's primary key refuses a
duplicate key (the insert then fails and a new key is drawn, as in Django), a single UPDATE
or INSERT is atomic on its own, and a failed insert inside a caller's transaction fails that
transaction, which stores nothing then. Its own commits do not wait for the disk
(mitwirkung/light_commit.py). Same table, same data: sessions written by either store work
with the other.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import IntegrityError, connections, router
from django.utils import timezone
from django.utils.crypto import get_random_string

from mitwirkung.light_commit import light_write
from mitwirkung.postgresql.prepared import fetch_one


class SessionStore(DatabaseSessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self._saved: tuple[str, bytes] | None = None  # (key, data) this request wrote last

    def load(self) -> dict[str, Any]:
        # One plain SELECT, planned once per connection: the ORM's query building cost more
        # than the query on every page (mitwirkung/postgresql/prepared.py).
        using = router.db_for_read(self.model)
        row = fetch_one(
            connections[using],
            f"SELECT session_data FROM {self._table(using)} "  # nosec B608
            "WHERE session_key = %s AND expire_date > %s",
            [self.session_key, timezone.now()],
        )
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def _get_new_session_key(self) -> str:
        # 32 characters from 36 (as Django): the insert refuses the one-in-10^49 repeat.
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        # The encoded data carries a timestamp: compare the plain data.
        written = (self.session_key, self.serializer().dumps(data))
        if not must_create and written == self._saved:
            return  # written by the view a moment ago in this request
        using = router.db_for_write(self.model)
        values = [self.encode(data), self._expiry_value(using, self.get_expiry_date())]
        if must_create:
            # No savepoint inside a caller's transaction: a repeated key (one in 10^49) would
            # fail that transaction as a whole, and nothing of it is stored.
            try:
                light_write(
                    f"INSERT INTO {self._table(using)} "  # nosec B608
                    "(session_data, expire_date, session_key) VALUES (%s, %s, %s)",
                    [*values, self.session_key],
                    using,
                )
            except IntegrityError as error:
                raise CreateError from error
        else:
            updated = light_write(
                f"UPDATE {self._table(using)} "  # nosec B608
                "SET session_data = %s, expire_date = %s WHERE session_key = %s",
                [*values, self.session_key],
                using,
            )
            if not updated:
                raise UpdateError
        self._saved = written

    def delete(self, session_key: str | None = None) -> None:
        key = session_key or self.session_key
        if key is None:
            return
        using = router.db_for_write(self.model)
        light_write(
            f"DELETE FROM {self._table(using)} WHERE session_key = %s",  # nosec B608
            [key],
            using,
        )
        if self._saved and self._saved[0] == key:
            self._saved = None

    def _table(self, using: str) -> str:
        # Only the model's own table name (quoted) goes into a statement's text.
        return connections[using].ops.quote_name(self.model._meta.db_table)

    @staticmethod
    def _expiry_value(using: str, expiry: datetime.datetime) -> Any:
        # As the ORM would store it: SQLite keeps naive UTC text, PostgreSQL the aware time.
        return connections[using].ops.adapt_datetimefield_value(expiry)

    def cycle_key(self) -> None:
        self._saved = None
        super().cycle_key()

    def clear(self) -> None:
        self._saved = None
        super().clear()
