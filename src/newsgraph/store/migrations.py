"""Versioned schema migrations, applied once each, in order, recorded in ``schema_migrations``.

Never edit a released migration: add a new one. Article-level analysis is kept
per article (``annotations``) so corpus-level stages (entity resolution,
story clustering, event merging) can be re-run without re-parsing text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsgraph.model import utc_key
from newsgraph.store.search import entity_search_text, event_search_text, period_bounds, story_search_text


class Executor(Protocol):
    """What a migration's Python step may do: the store's own parameterised calls, inside its transaction."""

    def _fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Any]: ...

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


@dataclass(frozen=True)
class Migration:
    """One schema step. ``sql`` is SQLite's; ``postgres`` is PostgreSQL's where the two differ
    (None: the same SQL runs on both). ``backfill`` runs after the SQL, in the same transaction."""

    version: int
    name: str
    sql: str
    postgres: str | None = None
    backfill: Callable[[Executor], None] | None = None


def _backfill_search_text(db: Executor) -> None:
    """Compute the search text of events, stories and entities stored before migration 6."""
    for table, text_of in (
        ("events", event_search_text), ("stories", story_search_text), ("entities", entity_search_text)
    ):
        rows = db._fetch(f"SELECT id, record FROM {table}")
        db._execute_many(
            f"UPDATE {table} SET search_text = ? WHERE id = ?",
            [(text_of(json.loads(r["record"])), r["id"]) for r in rows],
        )


def _backfill_utc_keys(db: Executor) -> None:
    """The UTC sort key of every stored article's publication time and story's first one (migration 9)."""
    rows = db._fetch("SELECT id, published FROM articles")
    db._execute_many("UPDATE articles SET published_utc = ? WHERE id = ?", [(utc_key(r["published"]), r["id"]) for r in rows])
    rows = db._fetch("SELECT id, first_published FROM stories")
    db._execute_many("UPDATE stories SET first_utc = ? WHERE id = ?",
                     [(utc_key(r["first_published"]), r["id"]) for r in rows])


def _backfill_event_periods(db: Executor) -> None:
    """The first and last day of every stored event's date (migration 8)."""
    rows = db._fetch("SELECT id, date FROM events")
    db._execute_many("UPDATE events SET date_lo = ?, date_hi = ? WHERE id = ?",
                     [(*period_bounds(r["date"]), r["id"]) for r in rows])


# PostgreSQL's versions of the migrations whose SQLite SQL it does not accept, or would
# store differently. Text that is sorted or paged on is COLLATE "C" (code-point order,
# as SQLite's BINARY), so both backends list rows in the same order whatever the
# database's locale; REAL would be single precision here, hence DOUBLE PRECISION;
# SQLite integers are 64-bit, hence BIGINT.
_PG_INITIAL = """
CREATE TABLE articles (
    id TEXT COLLATE "C" PRIMARY KEY,
    source_path TEXT COLLATE "C" NOT NULL,
    url TEXT,
    outlet TEXT COLLATE "C",
    title TEXT,
    standfirst TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT COLLATE "C",
    published_source TEXT,
    section TEXT,
    language TEXT,
    text TEXT NOT NULL,
    text_hash TEXT COLLATE "C" NOT NULL,
    story_id TEXT COLLATE "C",
    duplicate_of TEXT COLLATE "C",
    dateline TEXT,
    meta TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE annotations (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE entities (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C",
    sector TEXT COLLATE "C",
    record TEXT NOT NULL
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE stories (
    id TEXT COLLATE "C" PRIMARY KEY,
    title TEXT,
    first_published TEXT COLLATE "C",
    last_published TEXT COLLATE "C",
    record TEXT NOT NULL
);

CREATE TABLE events (
    id TEXT COLLATE "C" PRIMARY KEY,
    type TEXT COLLATE "C" NOT NULL,
    mode TEXT COLLATE "C",
    cameo TEXT COLLATE "C",
    aux_mode TEXT COLLATE "C",
    date TEXT COLLATE "C",
    story_id TEXT COLLATE "C",
    confidence DOUBLE PRECISION NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE event_actors (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C",
    name TEXT NOT NULL,
    country TEXT COLLATE "C",
    sector TEXT COLLATE "C"
);
CREATE INDEX event_actors_event ON event_actors(event_id);
CREATE INDEX event_actors_entity ON event_actors(entity_id);
CREATE INDEX event_actors_country ON event_actors(country);

CREATE TABLE quotes (
    id TEXT COLLATE "C" PRIMARY KEY,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_entity_id TEXT COLLATE "C",
    speaker_name TEXT,
    record TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE failures (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    input TEXT COLLATE "C" NOT NULL,
    stage TEXT COLLATE "C" NOT NULL,
    error TEXT NOT NULL,
    detail TEXT COLLATE "C" NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    UNIQUE (input, stage, detail)
);
"""

# Article text past this many characters is not indexed: a tsvector holds at most 1 MB,
# and a document of 500,000 characters (some 80,000 words, a book chapter rather than
# an article) stays well inside it, so an overlong input can never fail its batch.
_PG_ARTICLE_SEARCH = """
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', COALESCE(title, '')), 'A')
    || setweight(to_tsvector('english', left(text, 500000)), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
"""

_PG_MINHASHES = """
CREATE TABLE minhashes (
    article_id TEXT COLLATE "C" PRIMARY KEY,
    n_shingles BIGINT NOT NULL,
    signature BYTEA NOT NULL
);
"""

_PG_OUTLET_LINES = """
CREATE TABLE outlet_articles (
    outlet TEXT PRIMARY KEY,
    n_articles BIGINT NOT NULL
);
CREATE TABLE outlet_lines (
    outlet TEXT NOT NULL,
    line_hash BIGINT NOT NULL,
    n_articles BIGINT NOT NULL,
    PRIMARY KEY (outlet, line_hash)
);
"""

_PG_OUTLET_AREAS = """
CREATE TABLE outlet_areas (
    outlet TEXT NOT NULL,
    area TEXT NOT NULL,
    n_articles BIGINT NOT NULL,
    PRIMARY KEY (outlet, area)
);
"""

_PG_EVENT_STORY_SEARCH = """
ALTER TABLE events ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED;
CREATE INDEX events_search ON events USING GIN (search);
ALTER TABLE stories ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED;
CREATE INDEX stories_search ON stories USING GIN (search);
"""


MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "initial schema",
        """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    standfirst TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    published_source TEXT,
    section TEXT,
    language TEXT,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    story_id TEXT,
    duplicate_of TEXT,
    dateline TEXT,
    meta TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE annotations (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    record TEXT NOT NULL
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    record TEXT NOT NULL
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    aux_mode TEXT,
    date TEXT,
    story_id TEXT,
    confidence REAL NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    entity_id TEXT,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT
);
CREATE INDEX event_actors_event ON event_actors(event_id);
CREATE INDEX event_actors_entity ON event_actors(entity_id);
CREATE INDEX event_actors_country ON event_actors(country);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_entity_id TEXT,
    speaker_name TEXT,
    record TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    input TEXT NOT NULL,
    stage TEXT NOT NULL,
    error TEXT NOT NULL,
    detail TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    UNIQUE (input, stage, detail)
);
""",
        postgres=_PG_INITIAL,
    ),
    Migration(
        2,
        "full-text search over articles",
        """
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
""",
        postgres=_PG_ARTICLE_SEARCH,
    ),
    Migration(
        3,
        "MinHash signatures for near-duplicate (wire copy) detection",
        """
CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY,
    n_shingles INTEGER NOT NULL,
    signature BLOB NOT NULL
);
""",
        postgres=_PG_MINHASHES,
    ),
    Migration(
        4,
        "lines each outlet repeats across its articles (plain-text furniture learnt from the corpus)",
        """
CREATE TABLE outlet_articles (
    outlet TEXT PRIMARY KEY,
    n_articles INTEGER NOT NULL
);
CREATE TABLE outlet_lines (
    outlet TEXT NOT NULL,
    line_hash INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    PRIMARY KEY (outlet, line_hash)
);
""",
        postgres=_PG_OUTLET_LINES,
    ),
    Migration(
        5,
        "the areas each outlet's articles name (where a local paper reports from; nlp.outlet_areas)",
        """
CREATE TABLE outlet_areas (
    outlet TEXT NOT NULL,
    area TEXT NOT NULL,
    n_articles INTEGER NOT NULL,
    PRIMARY KEY (outlet, area)
);
""",
        postgres=_PG_OUTLET_AREAS,
    ),
    Migration(
        6,
        "search text of events, stories and entities; indexes in the paged listings' orders",
        """
ALTER TABLE events ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_order ON articles((COALESCE(published, ingested_at)), id);
CREATE INDEX stories_order ON stories((COALESCE(first_published, '')) DESC, id);
CREATE INDEX events_order ON events((COALESCE(date, '')), id);
CREATE INDEX entities_order ON entities(type, name, id);
CREATE INDEX quotes_order ON quotes(article_id, id);
""",
        backfill=_backfill_search_text,
    ),
    Migration(
        7,
        "full-text search over events (actor names, evidence sentences) and stories (title, summary)",
        """
CREATE VIRTUAL TABLE events_fts USING fts5(search_text, content='events', content_rowid='rowid');
CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
  INSERT INTO events_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
  INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER events_fts_au AFTER UPDATE OF search_text ON events BEGIN
  INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO events_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE stories_fts USING fts5(search_text, content='stories', content_rowid='rowid');
CREATE TRIGGER stories_fts_ai AFTER INSERT ON stories BEGIN
  INSERT INTO stories_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER stories_fts_ad AFTER DELETE ON stories BEGIN
  INSERT INTO stories_fts(stories_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER stories_fts_au AFTER UPDATE OF search_text ON stories BEGIN
  INSERT INTO stories_fts(stories_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO stories_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
INSERT INTO stories_fts(stories_fts) VALUES ('rebuild');
""",
        postgres=_PG_EVENT_STORY_SEARCH,
    ),
    Migration(
        8,
        "first and last day of each event's date, so date filters find week-, month- and year-dated events",
        """
ALTER TABLE events ADD COLUMN date_lo TEXT;
ALTER TABLE events ADD COLUMN date_hi TEXT;
CREATE INDEX events_period ON events(date_lo, date_hi);
""",
        postgres="""
ALTER TABLE events ADD COLUMN date_lo TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN date_hi TEXT COLLATE "C";
CREATE INDEX events_period ON events(date_lo, date_hi);
""",
        backfill=_backfill_event_periods,
    ),
    Migration(
        9,
        "publication times in UTC for ordering: offsets differ between outlets, so the text does not sort in time",
        """
ALTER TABLE articles ADD COLUMN published_utc TEXT;
ALTER TABLE stories ADD COLUMN first_utc TEXT;
CREATE INDEX articles_order_utc ON articles((COALESCE(published_utc, ingested_at)), id);
CREATE INDEX stories_order_utc ON stories((COALESCE(first_utc, '')) DESC, id);
""",
        postgres="""
ALTER TABLE articles ADD COLUMN published_utc TEXT COLLATE "C";
ALTER TABLE stories ADD COLUMN first_utc TEXT COLLATE "C";
CREATE INDEX articles_order_utc ON articles((COALESCE(published_utc, ingested_at)), id);
CREATE INDEX stories_order_utc ON stories((COALESCE(first_utc, '')) DESC, id);
""",
        backfill=_backfill_utc_keys,
    ),
]
