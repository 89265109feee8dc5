"""What SQLite and PostgreSQL do differently, in one place.

``Store`` writes its SQL once, with ``?`` placeholders, portable upserts
(``ON CONFLICT … DO UPDATE``) and row-value comparisons, which both engines
accept. A dialect supplies the rest: connecting, placeholders, transactions,
the migration text where the schemas differ, and full-text search (FTS5 tables
on SQLite, ``tsvector`` columns with GIN indexes on PostgreSQL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import StoreError
from newsgraph.store.search import fts5_query

if TYPE_CHECKING:
    from newsgraph.store.migrations import Migration

# Tables with a full-text index, and the alias Store's queries give each.
SEARCHABLE = ("articles", "events", "stories")


class Dialect:
    """The engine-specific half of the store (see the module docstring)."""

    name = ""
    # Exceptions the driver raises for database errors (wrapped in StoreError by the store).
    errors: tuple[type[Exception], ...] = ()
    # The case-insensitive LIKE operator.
    ilike = "LIKE"

    def connect(self, target: str) -> Any:
        raise NotImplementedError

    def execute(self, conn: Any, sql: str, args: Sequence[Any] = ()) -> Any:
        """Run one statement; returns a cursor whose rows can be read by column name."""
        raise NotImplementedError

    def execute_many(self, conn: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def transaction(self, conn: Any) -> AbstractContextManager[None]:
        raise NotImplementedError

    def migration_lock(self, conn: Any) -> AbstractContextManager[None]:
        """Held while migrating, so concurrent openers of a new database migrate it once."""
        return nullcontext()

    def migration_sql(self, m: Migration) -> str:
        return m.sql

    def match(self, table: str, alias: str) -> str:
        """A WHERE condition, with one ``?`` for ``search_term(query)``: row ``alias`` of ``table`` matches."""
        raise NotImplementedError

    def search_term(self, query: str) -> str | None:
        """The bound value for ``match``; None when ``query`` holds nothing to search for."""
        raise NotImplementedError

    def rank_search(self, alias: str) -> tuple[str, str, int]:
        """(FROM clause, ORDER BY, placeholders in both) to list ``articles`` matches best first."""
        raise NotImplementedError


class SQLiteDialect(Dialect):
    name = "sqlite"
    errors = (sqlite3.Error,)

    def connect(self, target: str) -> sqlite3.Connection:
        try:
            if target != ":memory:":
                Path(target).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(target, isolation_level=None)  # we BEGIN/COMMIT ourselves
        except (sqlite3.Error, OSError) as e:
            raise StoreError(f"{target}: cannot open database ({e})") from e
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if target != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        return conn

    def execute(self, conn: sqlite3.Connection, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        return conn.execute(sql, args)

    def execute_many(self, conn: sqlite3.Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        conn.executemany(sql, rows)

    @contextmanager
    def transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()

    def match(self, table: str, alias: str) -> str:
        check_searchable(table)
        return f"{alias}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)"

    def search_term(self, query: str) -> str | None:
        return fts5_query(query)

    def rank_search(self, alias: str) -> tuple[str, str, int]:
        return (
            f"articles_fts f JOIN articles {alias} ON {alias}.rowid = f.rowid WHERE articles_fts MATCH ?",
            f"f.rank, {alias}.id",
            1,
        )


def check_searchable(table: str) -> None:
    if table not in SEARCHABLE:
        raise ValueError(f"{table!r} has no full-text index (one of {', '.join(SEARCHABLE)})")
