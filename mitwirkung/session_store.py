"""Django's database sessions with fewer round trips to PostgreSQL (SESSION_ENGINE).

A family's unfinished answers live in the session, so every page of the survey reads and
writes it. Django's store asks the database whether a new key is taken before inserting it,
wraps every write in its own transaction (BEGIN, UPDATE, COMMIT), reads a row before
deleting it, and writes an unchanged session a second time when a view saved it itself.
This store does each in one statement: the table's primary key refuses a duplicate key (the
insert then fails and a new key is drawn, as in Django), a single UPDATE or INSERT is atomic
on its own, and a failed insert inside a caller's transaction fails that transaction, which
stores nothing then. Its own commits do not wait for the disk (mitwirkung/light_commit.py). Same table, same data: sessions written by either store work with the other.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import IntegrityError, connections, router
from django.utils import timezone
from django.utils.crypto import get_random_string

from mitwirkung.light_commit import light_commit


class SessionStore(DatabaseSessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self._saved: tuple[str, bytes] | None = None  # (key, data) this request wrote last

    def load(self) -> dict[str, Any]:
        # One plain SELECT: the ORM's query building cost more than the query on every page.
        using = router.db_for_read(self.model)
        table = connections[using].ops.quote_name(self.model._meta.db_table)
        with connections[using].cursor() as cursor:
            cursor.execute(
                # Only the model's own table name (quoted) goes into the text.
                f"SELECT session_data FROM {table} "  # nosec B608
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, timezone.now()],
            )
            row = cursor.fetchone()
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
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        if must_create:
            # No savepoint inside a caller's transaction: a repeated key (one in 10^49) would
            # fail that transaction as a whole, and nothing of it is stored.
            try:
                with light_commit(using):
                    obj.save(force_insert=True, using=using)
            except IntegrityError as error:
                raise CreateError from error
        else:
            with light_commit(using):
                updated = (
                    self.model.objects.using(using)
                    .filter(session_key=obj.session_key)
                    .update(session_data=obj.session_data, expire_date=obj.expire_date)
                )
            if not updated:
                raise UpdateError
        self._saved = written

    def delete(self, session_key: str | None = None) -> None:
        key = session_key or self.session_key
        if key is None:
            return
        # One DELETE; QuerySet.delete() would wrap it in a transaction of its own.
        queryset = self.model.objects.filter(session_key=key)
        with light_commit(queryset.db):
            queryset._raw_delete(queryset.db)
        if self._saved and self._saved[0] == key:
            self._saved = None

    def cycle_key(self) -> None:
        self._saved = None
        super().cycle_key()

    def clear(self) -> None:
        self._saved = None
        super().clear()
