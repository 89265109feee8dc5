"""The library's database API (DB-API, no ORM) over SQLite, or PostgreSQL for a team.

One transaction per batch: an ingest batch either lands whole or not at all,
so a crash never leaves half an article. Corpus-level results (entities,
stories, merged events, quotes with resolved speakers) are replaced in one
transaction after each ingest.

The SQL here is written once, with ``?`` placeholders and syntax both engines
accept; what they do differently lives in ``store.dialect``. Listings for the
web API are keyset-paged (``WHERE (k1, k2) > (?, ?)``, never OFFSET), so a page
costs the same however deep it is and rows inserted meanwhile shift nothing.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from newsgraph.errors import ConfigError, CursorError, StoreError
from newsgraph.model import Article, Entity, Event, Failure, Quote, Story, from_record, to_record, utc_key
from newsgraph.store.dialect import Dialect, SQLiteDialect
from newsgraph.store.migrations import MIGRATIONS
from newsgraph.store.search import (
    contains_pattern,
    entity_search_text,
    event_search_text,
    like_escape,
    period_bounds,
    story_search_text,
)

DEFAULT_DB = "newsgraph.db"
ANNOTATION_VERSION = 1
# Ids per `IN (…)` list: below SQLite's 999-parameter limit of old builds, and short enough for PostgreSQL's planner.
IN_CHUNK = 500
# A cursor the store made is well under 200 characters; anything far longer was not made here.
MAX_CURSOR_CHARS = 2048

_URLSAFE_B64 = re.compile(r"[A-Za-z0-9_-]+")

T = TypeVar("T")
Row = Mapping[str, Any]


def resolve_db_url(value: str | None = None) -> str:
    """``--db`` value, else $NEWSGRAPH_DB, else ./newsgraph.db (the DESIGN.md contract)."""
    return value or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the database named by ``url``; ``:memory:`` gives a throwaway one."""
    url = resolve_db_url(url)
    if url.startswith(("postgresql://", "postgres://")):
        from newsgraph.store.postgres import PostgresDialect, redact_url

        return Store(url, dialect=PostgresDialect(), label=redact_url(url))
    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return Store(path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class EventFilter:
    actor: str | None = None
    country: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    story_id: str | None = None
    min_confidence: float | None = None
    limit: int | None = None
    # Full text over the events' evidence sentences and actor/recipient names.
    query: str | None = None


@dataclass
class CorpusResult:
    """Output of the corpus-level stages, written together."""

    entities: list[Entity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    article_story: dict[str, str] = field(default_factory=dict)


@dataclass
class Page(Generic[T]):
    """One page of a listing; pass ``next_cursor`` back to get the next (None: this is the last)."""

    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True)
class _Order:
    """A listing's sort key: SQL expressions (each with its direction) that end in a unique id.

    The cursor holds the last row's values of these expressions; the next page
    starts strictly after them. ``listing`` names the listing inside the cursor
    so one listing's cursor is refused by another.
    """

    listing: str
    keys: tuple[tuple[str, bool], ...]  # (expression, descending)
    kinds: tuple[type, ...]  # the Python type of each key's value

    def order_by(self) -> str:
        return ", ".join(f"{expr} DESC" if desc else expr for expr, desc in self.keys)

    def after(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """The condition "sorts after ``values``", as SQL with its arguments."""
        exprs = [e for e, _ in self.keys]
        directions = {desc for _, desc in self.keys}
        if len(directions) == 1:  # one direction: a row-value comparison, which the index serves
            op = "<" if directions == {True} else ">"
            if len(exprs) == 1:
                return f"{exprs[0]} {op} ?", [values[0]]
            marks = ", ".join("?" * len(exprs))
            return f"({', '.join(exprs)}) {op} ({marks})", list(values)
        terms, args = [], []
        for i, (expr, desc) in enumerate(self.keys):
            equal = [f"{e} = ?" for e in exprs[:i]]
            terms.append("(" + " AND ".join([*equal, f"{expr} {'<' if desc else '>'} ?"]) + ")")
            args += [*values[:i], values[i]]
        return "(" + " OR ".join(terms) + ")", args

    def encode(self, row: Row) -> str:
        key = [self.listing, *(row[f"_k{i}"] for i in range(len(self.keys)))]
        raw = json.dumps(key, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def decode(self, cursor: str) -> list[Any]:
        """The sort key inside ``cursor``; CursorError naming the cursor and what is wrong with it."""
        shown = cursor if len(cursor) <= 60 else cursor[:57] + "..."
        if len(cursor) > MAX_CURSOR_CHARS:
            raise CursorError(f"cursor {shown!r} is {len(cursor)} characters long; a cursor from this API is short")
        if not _URLSAFE_B64.fullmatch(cursor):
            raise CursorError(f"cursor {shown!r} is not one this API made (it holds characters a cursor never has)")
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            key = json.loads(raw.decode("utf-8"))
        except (binascii.Error, ValueError) as e:  # ValueError covers bad UTF-8 and bad JSON
            raise CursorError(f"cursor {shown!r} is not one this API made (it does not decode: {e})") from e
        if not isinstance(key, list) or not key or not isinstance(key[0], str):
            raise CursorError(f"cursor {shown!r} does not hold a sort key")
        if key[0] != self.listing:
            raise CursorError(f"cursor {shown!r} pages through {key[0]}, not {self.listing}")
        values = key[1:]
        if len(values) != len(self.kinds) or any(
            type(v) is not kind for v, kind in zip(values, self.kinds, strict=False)
        ):
            raise CursorError(f"cursor {shown!r} does not hold a sort key of {self.listing}")
        if any(type(v) is int and not -(2**63) <= v < 2**63 for v in values):
            raise CursorError(f"cursor {shown!r} holds a number no row id can have")
        if any(type(v) is str and "\x00" in v for v in values):
            raise CursorError(f"cursor {shown!r} holds a NUL character no sort key can have")
        return values


_ARTICLE_ORDER = _Order(
    "articles", (("COALESCE(a.published_utc, a.ingested_at)", False), ("a.id", False)), (str, str)
)
# Newest first; stories without a date come last (as in SQLite, where NULL sorts first).
_STORY_ORDER = _Order("stories", (("COALESCE(s.first_utc, '')", True), ("s.id", False)), (str, str))
_EVENT_ORDER = _Order("events", (("COALESCE(e.date, '')", False), ("e.id", False)), (str, str))
_ENTITY_ORDER = _Order("entities", (("en.type", False), ("en.name", False), ("en.id", False)), (str, str, str))
_QUOTE_ORDER = _Order("quotes", (("q.article_id", False), ("q.id", False)), (str, str))
_FAILURE_ORDER = _Order("failures", (("f.id", False),), (int,))

_ARTICLE_COLUMNS = ", ".join(
    f"a.{c}"
    for c in (
        "id", "source_path", "url", "outlet", "title", "standfirst", "authors", "published", "published_source",
        "section", "language", "text", "text_hash", "story_id", "duplicate_of", "dateline", "meta", "ingested_at",
    )
)


class Store:
    """The database: ingest writes, corpus swaps and queries, on whichever engine ``dialect`` drives."""

    def __init__(self, path: str, *, dialect: Dialect | None = None, label: str | None = None) -> None:
        self.path = path
        self.dialect = dialect or SQLiteDialect()
        # What error messages call the database: never a password.
        self.label = label or path
        self.conn = self.dialect.connect(path)
        try:
            self.migrate()
        except BaseException:
            self.conn.close()
            raise

    # -- statements (every SQL call goes through these) ----------------------
    # Reads turn a driver error into StoreError, as writes do (``_writing``): the caller gets a
    # coded error naming the database, and the web app replaces a store whose connection broke.
    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except self.dialect.errors as e:
            raise StoreError(f"{self.label}: could not read ({' '.join(str(e).split())})") from e

    def _fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        with self._reading():
            return list(self.dialect.execute(self.conn, sql, args))

    def _fetch_one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        with self._reading():
            return self.dialect.execute(self.conn, sql, args).fetchone()

    def _iter(self, sql: str, args: Sequence[Any] = ()) -> Iterator[Any]:
        with self._reading():
            yield from self.dialect.execute(self.conn, sql, args)

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> None:
        self.dialect.execute(self.conn, sql, args)

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.dialect.execute_many(self.conn, sql, rows)

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """One transaction; a database error becomes StoreError saying what could not be stored."""
        try:
            with self.transaction():
                yield
        except self.dialect.errors as e:
            raise StoreError(f"{self.label}: could not store {what} ({e})") from e

    # -- schema -------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply pending migrations in order; return the versions applied now."""
        with self.dialect.migration_lock(self.conn):
            try:
                self._execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL)"
                )
                done = {r["version"] for r in self._fetch("SELECT version FROM schema_migrations")}
            except self.dialect.errors as e:
                raise StoreError(f"{self.label}: cannot read the schema version ({e})") from e
            applied = []
            for m in MIGRATIONS:
                if m.version in done:
                    continue
                try:
                    with self.transaction():
                        for stmt in _split_sql(self.dialect.migration_sql(m)):
                            self._execute(stmt)
                        if m.backfill:
                            m.backfill(self)
                        self._execute(
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                            (m.version, m.name, _now()),
                        )
                except self.dialect.errors as e:
                    raise StoreError(f"{self.label}: migration {m.version} ({m.name}) failed: {e}") from e
                applied.append(m.version)
        return applied

    def applied_migrations(self) -> list[int]:
        return [r["version"] for r in self._fetch("SELECT version FROM schema_migrations ORDER BY version")]

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All statements inside commit together or not at all."""
        with self.dialect.transaction(self.conn):
            yield self

    def close(self) -> None:
        self.conn.close()

    # -- ingest -------------------------------------------------------------
    def existing_article_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), IN_CHUNK):
            q = f"SELECT id FROM articles WHERE id IN ({_marks(chunk)})"
            found.update(r["id"] for r in self._fetch(q, chunk))
        return found

    def ids_by_text_hash(self, hashes: Sequence[str]) -> dict[str, str]:
        """Earliest stored article id for each text hash (for exact-duplicate links)."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(hashes), IN_CHUNK):
            q = (
                f"SELECT text_hash, id FROM articles WHERE text_hash IN ({_marks(chunk)}) "
                "AND duplicate_of IS NULL ORDER BY ingested_at, id"
            )
            for r in self._fetch(q, chunk):
                out.setdefault(r["text_hash"], r["id"])
        return out

    def write_batch(
        self,
        articles: Sequence[tuple[Article, str, dict[str, Any]]],
        failures: Sequence[Failure],
        signatures: Sequence[tuple[str, int, bytes]] = (),
    ) -> None:
        """Store (article, text_hash, annotations) triples, failures and the articles'
        MinHash signatures (article id, shingle count, bytes) in one transaction."""
        now = _now()
        with self._writing("the batch"):
            self._execute_many(
                "INSERT INTO articles (id, source_path, url, outlet, title, standfirst, authors, published,"
                " published_source, section, language, text, text_hash, story_id, duplicate_of, dateline, meta,"
                " ingested_at, published_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
                [
                    (
                        a.id, a.source_path, a.url, a.outlet, a.title, a.standfirst, json.dumps(a.authors),
                        a.published, a.published_source, a.section, a.language, a.text, h, a.story_id,
                        a.duplicate_of, a.dateline, json.dumps(a.meta, default=str), now, utc_key(a.published),
                    )
                    for a, h, _ in articles
                ],
            )
            self._execute_many(
                "INSERT INTO annotations (article_id, version, data) VALUES (?, ?, ?) ON CONFLICT (article_id)"
                " DO UPDATE SET version = excluded.version, data = excluded.data",
                [(a.id, ANNOTATION_VERSION, json.dumps(ann)) for a, _, ann in articles],
            )
            self._execute_many(
                "INSERT INTO failures (input, stage, error, detail, first_seen, last_seen) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT (input, stage, detail) DO UPDATE SET last_seen = excluded.last_seen",
                [(f.input, f.stage, f.error, f.detail, now, now) for f in failures],
            )
            self._execute_many(
                "INSERT INTO minhashes (article_id, n_shingles, signature) VALUES (?,?,?) ON CONFLICT (article_id)"
                " DO UPDATE SET n_shingles = excluded.n_shingles, signature = excluded.signature",
                list(signatures),
            )
            # An input that now stored cleanly is no longer failing.
            self._execute_many("DELETE FROM failures WHERE input = ?", [(a.source_path,) for a, _, _ in articles])

    def update_annotated(self, rows: Sequence[tuple[Article, dict[str, Any]]]) -> None:
        """Replace stored articles' publication fields, metadata and annotations (after
        re-annotating them, e.g. with an inferred publication date), in one transaction."""
        with self._writing("the updated annotations"):
            self._execute_many(
                "UPDATE articles SET published = ?, published_utc = ?, published_source = ?, meta = ? WHERE id = ?",
                [(a.published, utc_key(a.published), a.published_source, json.dumps(a.meta, default=str), a.id)
                 for a, _ in rows],
            )
            self._execute_many(
                "INSERT INTO annotations (article_id, version, data) VALUES (?, ?, ?) ON CONFLICT (article_id)"
                " DO UPDATE SET version = excluded.version, data = excluded.data",
                [(a.id, ANNOTATION_VERSION, json.dumps(ann)) for a, ann in rows],
            )

    def record_failures(self, failures: Sequence[Failure]) -> None:
        self.write_batch([], failures)

    def outlet_lines(self, outlet: str) -> tuple[int, dict[int, int]]:
        """(articles counted, {line hash: articles it occurs in}) for one outlet (see clean.repetition)."""
        row = self._fetch_one("SELECT n_articles FROM outlet_articles WHERE outlet = ?", (outlet,))
        if row is None:
            return 0, {}
        lines = self._fetch("SELECT line_hash, n_articles FROM outlet_lines WHERE outlet = ?", (outlet,))
        return int(row["n_articles"]), {int(r["line_hash"]): int(r["n_articles"]) for r in lines}

    def add_outlet_lines(self, rows: Sequence[tuple[str, int, dict[int, int]]]) -> None:
        """Add (outlet, articles, {line hash: articles}) counts to the stored ones, in one transaction."""
        with self._writing("outlet line counts"):
            self._execute_many(
                "INSERT INTO outlet_articles (outlet, n_articles) VALUES (?, ?) ON CONFLICT (outlet)"
                " DO UPDATE SET n_articles = outlet_articles.n_articles + excluded.n_articles",
                [(o, n) for o, n, _ in rows],
            )
            self._execute_many(
                "INSERT INTO outlet_lines (outlet, line_hash, n_articles) VALUES (?, ?, ?)"
                " ON CONFLICT (outlet, line_hash) DO UPDATE SET n_articles = outlet_lines.n_articles + excluded.n_articles",
                [(o, h, k) for o, _, counts in rows for h, k in counts.items()],
            )

    # The row of outlet_areas that holds how many articles of the outlet were counted.
    _ALL_AREAS = "*"

    def outlet_areas(self, outlet: str) -> tuple[int, dict[str, int]]:
        """(articles counted, {area: articles naming a place in it}) for one outlet (see nlp.outlet_areas)."""
        rows = self._fetch("SELECT area, n_articles FROM outlet_areas WHERE outlet = ?", (outlet,))
        counts = {str(r["area"]): int(r["n_articles"]) for r in rows}
        return counts.pop(self._ALL_AREAS, 0), counts

    def add_outlet_areas(self, rows: Sequence[tuple[str, int, dict[str, int]]]) -> None:
        """Add (outlet, articles, {area: articles}) counts to the stored ones, in one transaction."""
        with self._writing("outlet area counts"):
            self._execute_many(
                "INSERT INTO outlet_areas (outlet, area, n_articles) VALUES (?, ?, ?)"
                " ON CONFLICT (outlet, area) DO UPDATE SET n_articles = outlet_areas.n_articles + excluded.n_articles",
                [(o, self._ALL_AREAS, n) for o, n, _ in rows]
                + [(o, a, k) for o, _, counts in rows for a, k in counts.items()],
            )

    def originals_without_signature(self) -> list[tuple[str, str]]:
        """(id, text) of originals with no stored MinHash (stored before migration 3)."""
        q = (
            "SELECT a.id, a.text FROM articles a LEFT JOIN minhashes m ON m.article_id = a.id"
            " WHERE a.duplicate_of IS NULL AND m.article_id IS NULL ORDER BY a.id"
        )
        return [(r["id"], r["text"]) for r in self._fetch(q)]

    def original_signatures(self) -> Iterator[tuple[str, int, bytes]]:
        """(article id, shingle count, MinHash bytes) of every stored article that is not itself a copy."""
        q = (
            "SELECT m.article_id, m.n_shingles, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id"
            " WHERE a.duplicate_of IS NULL ORDER BY a.ingested_at, a.id"
        )
        for r in self._iter(q):
            yield r["article_id"], int(r["n_shingles"]), bytes(r["signature"])

    def iter_annotated(self) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Every stored article with its article-level annotations, oldest first."""
        q = (
            f"SELECT {_ARTICLE_COLUMNS}, n.data AS ann FROM articles a JOIN annotations n ON n.article_id = a.id"
            " ORDER BY COALESCE(a.published_utc, a.ingested_at), a.id"
        )
        for r in self._iter(q):
            yield _article(r), json.loads(r["ann"])

    def annotated(self, article_ids: Sequence[str]) -> list[tuple[Article, dict[str, Any]]]:
        """The named articles with their annotations, oldest first (one story's, for comparison)."""
        out: list[tuple[Article, dict[str, Any]]] = []
        for chunk in _chunks(list(article_ids), IN_CHUNK):
            q = (
                f"SELECT {_ARTICLE_COLUMNS}, n.data AS ann FROM articles a JOIN annotations n ON n.article_id = a.id"
                f" WHERE a.id IN ({_marks(chunk)})"
            )
            out += [(_article(r), json.loads(r["ann"])) for r in self._fetch(q, chunk)]
        return sorted(out, key=lambda x: (utc_key(x[0].published) or "", x[0].id))

    def replace_corpus(self, result: CorpusResult) -> None:
        """Swap in new corpus-level results atomically (their search text and full-text index with them)."""
        with self._writing("corpus results"):
            for table in ("event_actors", "events", "entities", "stories", "quotes"):
                self._execute(f"DELETE FROM {table}")
            entities = [(e, to_record(e)) for e in result.entities]
            self._execute_many(
                "INSERT INTO entities (id, name, type, country, sector, record, search_text) VALUES (?,?,?,?,?,?,?)",
                [
                    (e.id, e.name, e.type, e.country, e.sector, json.dumps(rec), entity_search_text(rec))
                    for e, rec in entities
                ],
            )
            stories = [(s, to_record(s)) for s in result.stories]
            self._execute_many(
                "INSERT INTO stories (id, title, first_published, last_published, record, search_text, first_utc)"
                " VALUES (?,?,?,?,?,?,?)",
                [
                    (s.id, s.title, s.first_published, s.last_published, json.dumps(rec), story_search_text(rec),
                     utc_key(s.first_published))
                    for s, rec in stories
                ],
            )
            events = [(e, to_record(e)) for e in result.events]
            self._execute_many(
                "INSERT INTO events (id, type, mode, cameo, aux_mode, date, story_id, confidence, record, search_text,"
                " date_lo, date_hi) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        e.id, e.type, e.mode, e.cameo, e.aux_mode, e.date, e.story_id, e.confidence,
                        json.dumps(rec), event_search_text(rec), *period_bounds(e.date),
                    )
                    for e, rec in events
                ],
            )
            self._execute_many(
                "INSERT INTO event_actors (event_id, role, entity_id, name, country, sector) VALUES (?,?,?,?,?,?)",
                [
                    (e.id, role, a.entity_id, a.name, a.country, a.sector)
                    for e in result.events
                    for role, actors in (("actor", e.actor), ("recipient", e.recipient))
                    for a in actors
                ],
            )
            self._execute_many(
                "INSERT INTO quotes (id, article_id, speaker_entity_id, speaker_name, record) VALUES (?,?,?,?,?)",
                [
                    (
                        q.id, q.article_id, q.speaker.entity_id if q.speaker else None,
                        q.speaker.name if q.speaker else None, json.dumps(to_record(q)),
                    )
                    for q in result.quotes
                ],
            )
            self._execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
            self._execute_many(
                "UPDATE articles SET story_id = ? WHERE id = ?",
                [(s, a) for a, s in result.article_story.items()],
            )

    # -- queries ------------------------------------------------------------
    def articles(self, story_id: str | None = None) -> list[Article]:
        q, args = f"SELECT {_ARTICLE_COLUMNS} FROM articles a", []
        if story_id:
            q, args = q + " WHERE a.story_id = ?", [story_id]
        q += " ORDER BY " + _ARTICLE_ORDER.order_by()
        return [_article(r) for r in self._fetch(q, args)]

    def article(self, article_id: str) -> Article | None:
        r = self._fetch_one(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,))
        return _article(r) if r else None

    def search_articles(self, query: str, limit: int = 50) -> list[Article]:
        """Full-text search over titles and text, best match first (user input is never query syntax)."""
        term = self.dialect.search_term(query)
        if term is None:
            return []
        source, order, n_terms = self.dialect.rank_search("a")
        q = f"SELECT {_ARTICLE_COLUMNS} FROM {source} ORDER BY {order} LIMIT ?"
        return [_article(r) for r in self._fetch(q, [term] * n_terms + [limit])]

    def stories(self) -> list[Story]:
        rows = self._fetch("SELECT s.record FROM stories s ORDER BY COALESCE(s.first_utc, ''), s.id")
        return [from_record(Story, json.loads(r["record"])) for r in rows]

    def story(self, story_id: str) -> Story | None:
        r = self._fetch_one("SELECT record FROM stories WHERE id = ?", (story_id,))
        return from_record(Story, json.loads(r["record"])) if r else None

    def events(self, f: EventFilter | None = None) -> list[Event]:
        f = f or EventFilter()
        where, args = self._event_where(f)
        if where is None:
            return []
        q = "SELECT e.record FROM events e"
        if where:
            q += " WHERE " + " AND ".join(where)
        q += " ORDER BY " + _EVENT_ORDER.order_by()
        if f.limit:
            q += " LIMIT ?"
            args.append(f.limit)
        return [_event(json.loads(r["record"])) for r in self._fetch(q, args)]

    def event(self, event_id: str) -> Event | None:
        r = self._fetch_one("SELECT record FROM events WHERE id = ?", (event_id,))
        return _event(json.loads(r["record"])) if r else None

    def _event_where(self, f: EventFilter) -> tuple[list[str] | None, list[Any]]:
        """The WHERE conditions of ``f`` over ``events e``; None when its query has no terms (nothing matches)."""
        where: list[str] = []
        args: list[Any] = []
        if f.type:
            where.append("e.type = ?")
            args.append(f.type.upper())
        # An event is in a date range when its date's period overlaps it: "2023-W11" (13-19
        # March) is found by since=2023-03-15, and by until=2023-03-13.
        if f.since:
            where.append("e.date_hi >= ?")
            args.append(f.since)
        if f.until:
            # '~' sorts after every character of a date, so until "2023-03" holds "2023-03-31".
            where.append("e.date_lo <= ?")
            args.append(f.until + "~")
        if f.story_id:
            where.append("e.story_id = ?")
            args.append(f.story_id)
        if f.min_confidence is not None:
            where.append("e.confidence >= ?")
            args.append(f.min_confidence)
        if f.country:
            where.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country = ?)")
            args.append(f.country.upper())
        if f.actor:
            where.append(
                "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id"
                f" AND (x.entity_id = ? OR x.name {self.dialect.ilike} ? ESCAPE '\\'))"
            )
            args += [f.actor, f"%{like_escape(f.actor)}%"]
        if f.query is not None and f.query.strip():
            term = self.dialect.search_term(f.query)
            if term is None:
                return None, []
            where.append(self.dialect.match("events", "e"))
            args.append(term)
        return where, args

    def entities(self) -> list[Entity]:
        rows = self._fetch("SELECT en.record FROM entities en ORDER BY " + _ENTITY_ORDER.order_by())
        return [from_record(Entity, json.loads(r["record"])) for r in rows]

    def entity(self, entity_id: str) -> Entity | None:
        r = self._fetch_one("SELECT record FROM entities WHERE id = ?", (entity_id,))
        return from_record(Entity, json.loads(r["record"])) if r else None

    def quotes(self, article_id: str | None = None) -> list[Quote]:
        q, args = "SELECT q.record FROM quotes q", []
        if article_id:
            q, args = q + " WHERE q.article_id = ?", [article_id]
        q += " ORDER BY " + _QUOTE_ORDER.order_by()
        return [_quote(json.loads(r["record"])) for r in self._fetch(q, args)]

    def quotes_of(self, article_ids: Sequence[str]) -> list[Quote]:
        """Quotes of the named articles (one story's), by article and id."""
        out: list[Quote] = []
        for chunk in _chunks(list(article_ids), IN_CHUNK):
            q = f"SELECT record FROM quotes WHERE article_id IN ({_marks(chunk)})"
            out += [_quote(json.loads(r["record"])) for r in self._fetch(q, chunk)]
        return sorted(out, key=lambda q: (q.article_id, q.id))

    def failures(self) -> list[Failure]:
        rows = self._fetch("SELECT input, stage, error, detail FROM failures ORDER BY id")
        return [Failure(r["input"], r["stage"], r["error"], r["detail"]) for r in rows]

    def counts(self) -> dict[str, int]:
        return {
            t: int(self._fetch_one(f"SELECT COUNT(*) AS n FROM {t}")["n"])
            for t in ("articles", "stories", "events", "entities", "quotes", "failures")
        }

    # -- paged listings (the web API's) --------------------------------------
    def article_page(
        self, *, story_id: str | None = None, query: str | None = None, limit: int = 50, cursor: str | None = None
    ) -> Page[Article]:
        """Articles oldest first (publication time, else ingest time); ``query``: full text over title and text."""
        where, args = [], []
        if story_id:
            where.append("a.story_id = ?")
            args.append(story_id)
        if query is not None and query.strip():
            term = self.dialect.search_term(query)
            if term is None:
                return Page([], None)
            where.append(self.dialect.match("articles", "a"))
            args.append(term)
        return self._page(_ARTICLE_COLUMNS, "articles a", where, args, _ARTICLE_ORDER, limit, cursor, _article)

    def story_page(self, *, query: str | None = None, limit: int = 50, cursor: str | None = None) -> Page[Story]:
        """Stories newest first; ``query``: full text over the story's title and summary or any of its
        articles' titles and text (a story matches when one of these holds every term)."""
        where, args = [], []
        if query is not None and query.strip():
            term = self.dialect.search_term(query)
            if term is None:
                return Page([], None)
            where.append(
                f"({self.dialect.match('stories', 's')} OR s.id IN"
                f" (SELECT a.story_id FROM articles a WHERE a.story_id IS NOT NULL AND {self.dialect.match('articles', 'a')}))"
            )
            args += [term, term]
        return self._page(
            "s.record", "stories s", where, args, _STORY_ORDER, limit, cursor,
            lambda r: from_record(Story, json.loads(r["record"])),
        )

    def event_page(self, f: EventFilter, *, limit: int = 50, cursor: str | None = None) -> Page[Event]:
        """Events by date then id, filtered as ``Store.events`` (``f.limit`` is ignored: ``limit`` sizes the page)."""
        where, args = self._event_where(f)
        if where is None:
            return Page([], None)
        return self._page(
            "e.record", "events e", where, args, _EVENT_ORDER, limit, cursor,
            lambda r: _event(json.loads(r["record"])),
        )

    def entity_page(
        self, *, query: str | None = None, type: str | None = None, limit: int = 50, cursor: str | None = None
    ) -> Page[Entity]:
        """Entities by type, name and id; ``query``: a case-insensitive substring of the name or an alias."""
        where, args = [], []
        if type:
            where.append("en.type = ?")
            args.append(type.upper())
        if query is not None and query.strip():
            where.append("en.search_text LIKE ? ESCAPE '\\'")
            args.append(contains_pattern(query))
        return self._page(
            "en.record", "entities en", where, args, _ENTITY_ORDER, limit, cursor,
            lambda r: from_record(Entity, json.loads(r["record"])),
        )

    def quote_page(
        self, *, article_id: str | None = None, speaker: str | None = None, limit: int = 50, cursor: str | None = None
    ) -> Page[Quote]:
        """Quotes by article and id; ``speaker`` is the speaker's entity id."""
        where, args = [], []
        if article_id:
            where.append("q.article_id = ?")
            args.append(article_id)
        if speaker:
            where.append("q.speaker_entity_id = ?")
            args.append(speaker)
        return self._page(
            "q.record", "quotes q", where, args, _QUOTE_ORDER, limit, cursor,
            lambda r: _quote(json.loads(r["record"])),
        )

    def failure_page(self, *, limit: int = 50, cursor: str | None = None) -> Page[Failure]:
        """Failures in the order they were first recorded."""
        return self._page(
            "f.input, f.stage, f.error, f.detail", "failures f", [], [], _FAILURE_ORDER, limit, cursor,
            lambda r: Failure(r["input"], r["stage"], r["error"], r["detail"]),
        )

    def _page(
        self,
        columns: str,
        source: str,
        where: list[str],
        args: list[Any],
        order: _Order,
        limit: int,
        cursor: str | None,
        build: Callable[[Row], T],
    ) -> Page[T]:
        """One keyset page: the rows after ``cursor``'s sort key, ``limit`` of them, and the next cursor."""
        if limit < 1:
            raise ConfigError(f"page size must be at least 1, got {limit}")
        where, args = list(where), list(args)
        if cursor is not None:
            condition, after = order.after(order.decode(cursor))
            where.append(condition)
            args += after
        keys = ", ".join(f"{expr} AS _k{i}" for i, (expr, _) in enumerate(order.keys))
        q = f"SELECT {columns}, {keys} FROM {source}"
        if where:
            q += " WHERE " + " AND ".join(where)
        q += f" ORDER BY {order.order_by()} LIMIT ?"
        rows = self._fetch(q, [*args, limit + 1])  # one more than asked: is there a next page?
        more = len(rows) > limit
        rows = rows[:limit]
        return Page([build(r) for r in rows], order.encode(rows[-1]) if more else None)


def _article(r: Row) -> Article:
    return Article(
        id=r["id"], source_path=r["source_path"], text=r["text"], url=r["url"], outlet=r["outlet"],
        title=r["title"], standfirst=r["standfirst"], authors=json.loads(r["authors"]), published=r["published"],
        published_source=r["published_source"], section=r["section"], language=r["language"],
        story_id=r["story_id"], duplicate_of=r["duplicate_of"], dateline=r["dateline"], meta=json.loads(r["meta"]),
    )


def _event(rec: dict[str, Any]) -> Event:
    from newsgraph.model import ActorRef, Evidence, Location

    ev = from_record(Event, rec)
    ev.actor = [from_record(ActorRef, a) for a in rec.get("actor", [])]
    ev.recipient = [from_record(ActorRef, a) for a in rec.get("recipient", [])]
    ev.evidence = [from_record(Evidence, x) for x in rec.get("evidence", [])]
    ev.location = from_record(Location, rec["location"]) if rec.get("location") else None
    return ev


def _quote(rec: dict[str, Any]) -> Quote:
    from newsgraph.model import SpeakerRef

    q = from_record(Quote, rec)
    q.speaker = from_record(SpeakerRef, rec["speaker"]) if rec.get("speaker") else None
    return q


def _chunks(xs: list[str], n: int) -> Iterator[list[str]]:
    for i in range(0, len(xs), n):
        yield xs[i : i + n]


def _marks(xs: Sequence[Any]) -> str:
    return ",".join("?" * len(xs))


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (BEGIN … END;) whole."""
    out, buf, in_trigger = [], [], False
    for line in sql.strip().splitlines():
        buf.append(line)
        s = line.strip().upper()
        if s.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and s == "END;") or (not in_trigger and s.endswith(";")):
            out.append("\n".join(buf).strip().rstrip(";"))
            buf, in_trigger = [], False
    if "".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out
