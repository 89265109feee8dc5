"""PostgreSQL through psycopg 3 (the ``postgres`` extra), for a team sharing one database.

Only what differs from SQLite is here (see ``store.dialect``): the store's
``?`` placeholders become psycopg's ``%s``, statements run in autocommit mode
except inside ``Store.transaction`` (one ``BEGIN … COMMIT`` per batch, as on
SQLite), batches go through ``executemany`` (pipelined by psycopg), and
full-text search uses ``tsvector`` columns with GIN indexes queried with
``websearch_to_tsquery``. psycopg is imported only when a PostgreSQL URL is
opened, so the SQLite path needs no extra package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsgraph.errors import StoreError
from newsgraph.store.dialect import Dialect, check_searchable

if TYPE_CHECKING:
    from newsgraph.store.migrations import Migration

# The text-search configuration of queries: English stemming and stop words. It must be the one
# the tsvector columns were built with (migrations 2 and 7 name it in their SQL).
TEXT_SEARCH_CONFIG = "english"
# Seconds to wait for the server before reporting it unreachable (libpq waits forever by default).
CONNECT_TIMEOUT_S = 10
# Key of the advisory lock that serialises migrations across processes sharing the database.
MIGRATION_LOCK_KEY = 0x6E6577736772  # "newsgr"


_USER_PASSWORD = re.compile(r"(://[^:/@\s]*):[^@\s]*@")


def redact_url(url: str) -> str:
    """``url`` without its password (in the user part or a ``password=`` parameter), for messages."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host: show nothing that might be a secret
        return url.split(":", 1)[0] + "://(unparseable URL)"
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = user.split(":", 1)[0] + "@" + host
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _password(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    found = parts.password or dict(parse_qsl(parts.query)).get("password")
    return found or None


class PostgresDialect(Dialect):
    name = "postgresql"
    ilike = "ILIKE"

    def __init__(self) -> None:
        try:
            import psycopg
        except ImportError as e:
            raise StoreError(
                "the PostgreSQL backend needs psycopg 3: pip install 'newsgraph[postgres]'"
            ) from e
        self._psycopg = psycopg
        self.errors = (psycopg.Error,)

    def connect(self, target: str) -> Any:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo
        from psycopg.rows import dict_row

        try:
            conninfo = target
            if "connect_timeout" not in conninfo_to_dict(target):
                conninfo = make_conninfo(target, connect_timeout=CONNECT_TIMEOUT_S)
            return self._psycopg.connect(conninfo, autocommit=True, row_factory=dict_row)
        except self._psycopg.Error as e:
            # libpq may quote the URL back: drop a password in it, and the password anywhere else
            detail = _USER_PASSWORD.sub(r"\1@", " ".join(str(e).split()))
            secret = _password(target)
            if secret:
                detail = detail.replace(secret, "***")
            raise StoreError(f"{redact_url(target)}: cannot connect to PostgreSQL ({detail})") from e

    def execute(self, conn: Any, sql: str, args: Sequence[Any] = ()) -> Any:
        if not args:
            return conn.execute(sql)
        return conn.execute(_placeholders(sql), args)

    def execute_many(self, conn: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with conn.cursor() as cur:
            cur.executemany(_placeholders(sql), rows)

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[None]:
        with conn.transaction():
            yield

    @contextmanager
    def migration_lock(self, conn: Any) -> Iterator[None]:
        """Hold a session advisory lock: two processes opening a new database migrate it once."""
        conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))

    def migration_sql(self, m: Migration) -> str:
        return m.sql if m.postgres is None else m.postgres

    def match(self, table: str, alias: str) -> str:
        check_searchable(table)
        return f"{alias}.search @@ websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', ?)"

    def search_term(self, query: str) -> str | None:
        # websearch_to_tsquery never raises on user input: quotes, OR and -word are its syntax, the rest words.
        return query.strip() or None

    def rank_search(self, alias: str) -> tuple[str, str, int]:
        tsquery = f"websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', ?)"
        return (
            f"articles {alias} WHERE {alias}.search @@ {tsquery}",
            f"ts_rank({alias}.search, {tsquery}) DESC, {alias}.id",
            2,
        )


def _placeholders(sql: str) -> str:
    """The store's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")
