"""The library's database API over SQLite (DB-API, no ORM).

One transaction per batch: an ingest batch either lands whole or not at all,
so a crash never leaves half an article. Corpus-level results (entities,
stories, merged events, quotes with resolved speakers) are replaced in one
transaction after each ingest.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.model import Article, Entity, Event, Failure, Quote, Story, from_record, to_record
from newsgraph.store.migrations import MIGRATIONS

DEFAULT_DB = "newsgraph.db"
ANNOTATION_VERSION = 1


def resolve_db_url(value: str | None = None) -> str:
    """``--db`` value, else $NEWSGRAPH_DB, else ./newsgraph.db (the DESIGN.md contract)."""
    return value or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the database named by ``url``; ``:memory:`` gives a throwaway one."""
    url = resolve_db_url(url)
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            f"{url.split('@')[-1]}: the PostgreSQL backend is not available in this version; use a SQLite path"
        )
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


@dataclass
class CorpusResult:
    """Output of the corpus-level stages, written together."""

    entities: list[Entity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    article_story: dict[str, str] = field(default_factory=dict)


class Store:
    def __init__(self, path: str) -> None:
        self.path = path
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None)  # we BEGIN/COMMIT ourselves
        except (sqlite3.Error, OSError) as e:
            raise StoreError(f"{path}: cannot open database ({e})") from e
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.migrate()

    # -- schema -------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply pending migrations in order; return the versions applied now."""
        c = self.conn
        c.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in c.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            try:
                with self.transaction():
                    for stmt in _split_sql(sql):
                        c.execute(stmt)
                    c.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (version, name, _now()),
                    )
            except sqlite3.Error as e:
                raise StoreError(f"{self.path}: migration {version} ({name}) failed: {e}") from e
            applied.append(version)
        return applied

    def applied_migrations(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    # -- ingest -------------------------------------------------------------
    def existing_article_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.conn.execute(q, chunk))
        return found

    def ids_by_text_hash(self, hashes: Sequence[str]) -> dict[str, str]:
        """Earliest stored article id for each text hash (for exact-duplicate links)."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(hashes), 500):
            q = (
                f"SELECT text_hash, id FROM articles WHERE text_hash IN ({','.join('?' * len(chunk))}) "
                "AND duplicate_of IS NULL ORDER BY ingested_at"
            )
            for h, i in self.conn.execute(q, chunk):
                out.setdefault(h, i)
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
        try:
            with self.transaction() as c:
                c.executemany(
                    "INSERT OR IGNORE INTO articles (id, source_path, url, outlet, title, standfirst, authors, published,"
                    " published_source, section, language, text, text_hash, story_id, duplicate_of, dateline, meta,"
                    " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            a.id, a.source_path, a.url, a.outlet, a.title, a.standfirst, json.dumps(a.authors),
                            a.published, a.published_source, a.section, a.language, a.text, h, a.story_id,
                            a.duplicate_of, a.dateline, json.dumps(a.meta, default=str), now,
                        )
                        for a, h, _ in articles
                    ],
                )
                c.executemany(
                    "INSERT OR REPLACE INTO annotations (article_id, version, data) VALUES (?, ?, ?)",
                    [(a.id, ANNOTATION_VERSION, json.dumps(ann)) for a, _, ann in articles],
                )
                c.executemany(
                    "INSERT INTO failures (input, stage, error, detail, first_seen, last_seen) VALUES (?,?,?,?,?,?)"
                    " ON CONFLICT (input, stage, detail) DO UPDATE SET last_seen = excluded.last_seen",
                    [(f.input, f.stage, f.error, f.detail, now, now) for f in failures],
                )
                c.executemany(
                    "INSERT OR REPLACE INTO minhashes (article_id, n_shingles, signature) VALUES (?,?,?)",
                    list(signatures),
                )
                # An input that now stored cleanly is no longer failing.
                c.executemany(
                    "DELETE FROM failures WHERE input = ?", [(a.source_path,) for a, _, _ in articles]
                )
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not store the batch ({e})") from e

    def update_annotated(self, rows: Sequence[tuple[Article, dict[str, Any]]]) -> None:
        """Replace stored articles' publication fields, metadata and annotations (after
        re-annotating them, e.g. with an inferred publication date), in one transaction."""
        try:
            with self.transaction() as c:
                c.executemany(
                    "UPDATE articles SET published = ?, published_source = ?, meta = ? WHERE id = ?",
                    [(a.published, a.published_source, json.dumps(a.meta, default=str), a.id) for a, _ in rows],
                )
                c.executemany(
                    "INSERT OR REPLACE INTO annotations (article_id, version, data) VALUES (?, ?, ?)",
                    [(a.id, ANNOTATION_VERSION, json.dumps(ann)) for a, ann in rows],
                )
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not update annotations ({e})") from e

    def record_failures(self, failures: Sequence[Failure]) -> None:
        self.write_batch([], failures)

    def outlet_lines(self, outlet: str) -> tuple[int, dict[int, int]]:
        """(articles counted, {line hash: articles it occurs in}) for one outlet (see clean.repetition)."""
        row = self.conn.execute("SELECT n_articles FROM outlet_articles WHERE outlet = ?", (outlet,)).fetchone()
        if row is None:
            return 0, {}
        lines = self.conn.execute("SELECT line_hash, n_articles FROM outlet_lines WHERE outlet = ?", (outlet,))
        return int(row[0]), {int(h): int(n) for h, n in lines}

    def add_outlet_lines(self, rows: Sequence[tuple[str, int, dict[int, int]]]) -> None:
        """Add (outlet, articles, {line hash: articles}) counts to the stored ones, in one transaction."""
        try:
            with self.transaction() as c:
                c.executemany(
                    "INSERT INTO outlet_articles (outlet, n_articles) VALUES (?, ?) ON CONFLICT (outlet)"
                    " DO UPDATE SET n_articles = n_articles + excluded.n_articles",
                    [(o, n) for o, n, _ in rows],
                )
                c.executemany(
                    "INSERT INTO outlet_lines (outlet, line_hash, n_articles) VALUES (?, ?, ?)"
                    " ON CONFLICT (outlet, line_hash) DO UPDATE SET n_articles = n_articles + excluded.n_articles",
                    [(o, h, k) for o, _, counts in rows for h, k in counts.items()],
                )
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not store outlet line counts ({e})") from e

    # The row of outlet_areas that holds how many articles of the outlet were counted.
    _ALL_AREAS = "*"

    def outlet_areas(self, outlet: str) -> tuple[int, dict[str, int]]:
        """(articles counted, {area: articles naming a place in it}) for one outlet (see nlp.outlet_areas)."""
        rows = self.conn.execute("SELECT area, n_articles FROM outlet_areas WHERE outlet = ?", (outlet,)).fetchall()
        counts = {str(a): int(n) for a, n in rows}
        return counts.pop(self._ALL_AREAS, 0), counts

    def add_outlet_areas(self, rows: Sequence[tuple[str, int, dict[str, int]]]) -> None:
        """Add (outlet, articles, {area: articles}) counts to the stored ones, in one transaction."""
        try:
            with self.transaction() as c:
                c.executemany(
                    "INSERT INTO outlet_areas (outlet, area, n_articles) VALUES (?, ?, ?)"
                    " ON CONFLICT (outlet, area) DO UPDATE SET n_articles = n_articles + excluded.n_articles",
                    [(o, self._ALL_AREAS, n) for o, n, _ in rows]
                    + [(o, a, k) for o, _, counts in rows for a, k in counts.items()],
                )
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not store outlet area counts ({e})") from e

    def originals_without_signature(self) -> list[tuple[str, str]]:
        """(id, text) of originals with no stored MinHash (stored before migration 3)."""
        q = (
            "SELECT a.id, a.text FROM articles a LEFT JOIN minhashes m ON m.article_id = a.id"
            " WHERE a.duplicate_of IS NULL AND m.article_id IS NULL"
        )
        return [(r[0], r[1]) for r in self.conn.execute(q)]

    def original_signatures(self) -> Iterator[tuple[str, int, bytes]]:
        """(article id, shingle count, MinHash bytes) of every stored article that is not itself a copy."""
        q = (
            "SELECT m.article_id, m.n_shingles, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id"
            " WHERE a.duplicate_of IS NULL ORDER BY a.ingested_at, a.id"
        )
        for r in self.conn.execute(q):
            yield r[0], int(r[1]), bytes(r[2])

    def iter_annotated(self) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Every stored article with its article-level annotations, oldest first."""
        q = (
            "SELECT a.*, n.data AS ann FROM articles a JOIN annotations n ON n.article_id = a.id"
            " ORDER BY COALESCE(a.published, a.ingested_at), a.id"
        )
        for r in self.conn.execute(q):
            yield _article(r), json.loads(r["ann"])

    def annotated(self, article_ids: Sequence[str]) -> list[tuple[Article, dict[str, Any]]]:
        """The named articles with their annotations, oldest first (one story's, for comparison)."""
        out: list[tuple[Article, dict[str, Any]]] = []
        for chunk in _chunks(list(article_ids), 500):
            q = (
                "SELECT a.*, n.data AS ann FROM articles a JOIN annotations n ON n.article_id = a.id"
                f" WHERE a.id IN ({','.join('?' * len(chunk))})"
            )
            out += [(_article(r), json.loads(r["ann"])) for r in self.conn.execute(q, chunk)]
        return sorted(out, key=lambda x: (x[0].published or "", x[0].id))

    def replace_corpus(self, result: CorpusResult) -> None:
        """Swap in new corpus-level results atomically."""
        try:
            with self.transaction() as c:
                for table in ("event_actors", "events", "entities", "stories", "quotes"):
                    c.execute(f"DELETE FROM {table}")
                c.executemany(
                    "INSERT INTO entities (id, name, type, country, sector, record) VALUES (?,?,?,?,?,?)",
                    [(e.id, e.name, e.type, e.country, e.sector, json.dumps(to_record(e))) for e in result.entities],
                )
                c.executemany(
                    "INSERT INTO stories (id, title, first_published, last_published, record) VALUES (?,?,?,?,?)",
                    [
                        (s.id, s.title, s.first_published, s.last_published, json.dumps(to_record(s)))
                        for s in result.stories
                    ],
                )
                c.executemany(
                    "INSERT INTO events (id, type, mode, cameo, aux_mode, date, story_id, confidence, record)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            e.id, e.type, e.mode, e.cameo, e.aux_mode, e.date, e.story_id, e.confidence,
                            json.dumps(to_record(e)),
                        )
                        for e in result.events
                    ],
                )
                c.executemany(
                    "INSERT INTO event_actors (event_id, role, entity_id, name, country, sector) VALUES (?,?,?,?,?,?)",
                    [
                        (e.id, role, a.entity_id, a.name, a.country, a.sector)
                        for e in result.events
                        for role, actors in (("actor", e.actor), ("recipient", e.recipient))
                        for a in actors
                    ],
                )
                c.executemany(
                    "INSERT INTO quotes (id, article_id, speaker_entity_id, speaker_name, record) VALUES (?,?,?,?,?)",
                    [
                        (
                            q.id, q.article_id, q.speaker.entity_id if q.speaker else None,
                            q.speaker.name if q.speaker else None, json.dumps(to_record(q)),
                        )
                        for q in result.quotes
                    ],
                )
                c.execute("UPDATE articles SET story_id = NULL")
                c.executemany(
                    "UPDATE articles SET story_id = ? WHERE id = ?",
                    [(s, a) for a, s in result.article_story.items()],
                )
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not store corpus results ({e})") from e

    # -- queries ------------------------------------------------------------
    def articles(self, story_id: str | None = None) -> list[Article]:
        q, args = "SELECT * FROM articles", []
        if story_id:
            q, args = q + " WHERE story_id = ?", [story_id]
        q += " ORDER BY COALESCE(published, ingested_at), id"
        return [_article(r) for r in self.conn.execute(q, args)]

    def article(self, article_id: str) -> Article | None:
        r = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(r) if r else None

    def search_articles(self, query: str, limit: int = 50) -> list[Article]:
        """FTS5 search over titles and text (terms are quoted so user input is never syntax)."""
        terms = " ".join('"' + t.replace('"', '""') + '"' for t in query.split())
        if not terms:
            return []
        q = (
            "SELECT a.* FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        return [_article(r) for r in self.conn.execute(q, (terms, limit))]

    def stories(self) -> list[Story]:
        rows = self.conn.execute("SELECT record FROM stories ORDER BY first_published, id")
        return [from_record(Story, json.loads(r[0])) for r in rows]

    def story(self, story_id: str) -> Story | None:
        r = self.conn.execute("SELECT record FROM stories WHERE id = ?", (story_id,)).fetchone()
        return from_record(Story, json.loads(r[0])) if r else None

    def events(self, f: EventFilter | None = None) -> list[Event]:
        f = f or EventFilter()
        where: list[str] = []
        args: list[Any] = []
        if f.type:
            where.append("e.type = ?")
            args.append(f.type.upper())
        if f.since:
            where.append("e.date >= ?")
            args.append(f.since)
        if f.until:
            where.append("e.date <= ? || '~'")
            args.append(f.until)
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
                "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND (x.entity_id = ? OR x.name LIKE ?))"
            )
            args += [f.actor, f"%{f.actor}%"]
        q = "SELECT e.record FROM events e"
        if where:
            q += " WHERE " + " AND ".join(where)
        q += " ORDER BY e.date, e.id"
        if f.limit:
            q += " LIMIT ?"
            args.append(f.limit)
        return [_event(json.loads(r[0])) for r in self.conn.execute(q, args)]

    def entities(self) -> list[Entity]:
        rows = self.conn.execute("SELECT record FROM entities ORDER BY type, name")
        return [from_record(Entity, json.loads(r[0])) for r in rows]

    def quotes(self, article_id: str | None = None) -> list[Quote]:
        q, args = "SELECT record FROM quotes", []
        if article_id:
            q, args = q + " WHERE article_id = ?", [article_id]
        q += " ORDER BY article_id, id"
        return [_quote(json.loads(r[0])) for r in self.conn.execute(q, args)]

    def quotes_of(self, article_ids: Sequence[str]) -> list[Quote]:
        """Quotes of the named articles (one story's), by article and id."""
        out: list[Quote] = []
        for chunk in _chunks(list(article_ids), 500):
            q = f"SELECT record FROM quotes WHERE article_id IN ({','.join('?' * len(chunk))})"
            out += [_quote(json.loads(r[0])) for r in self.conn.execute(q, chunk)]
        return sorted(out, key=lambda q: (q.article_id, q.id))

    def failures(self) -> list[Failure]:
        rows = self.conn.execute("SELECT input, stage, error, detail FROM failures ORDER BY id")
        return [Failure(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        return {
            t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "stories", "events", "entities", "quotes", "failures")
        }


def _article(r: sqlite3.Row) -> Article:
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
