"""Versioned schema migrations, applied once each, in order, recorded in ``schema_migrations``.

Never edit a released migration: add a new one. Article-level analysis is kept
per article (``annotations``) so corpus-level stages (entity resolution,
story clustering, event merging) can be re-run without re-parsing text.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
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
    ),
    (
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
    ),
    (
        3,
        "MinHash signatures for near-duplicate (wire copy) detection",
        """
CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY,
    n_shingles INTEGER NOT NULL,
    signature BLOB NOT NULL
);
""",
    ),
    (
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
    ),
    (
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
    ),
]
