"""Find inputs and read each into RawDocuments, detecting the format from content.

Containers (JSONL, RSS/Atom) yield one RawDocument per record, named
``path#N`` (1-based). Every problem becomes a ``Failure`` for that input or
record alone; reading goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import FormatError, InputError, NewsgraphError
from newsgraph.ingest.decode import (
    MAX_CONTAINER_BYTES,
    MAX_DOCUMENT_BYTES,
    check_size,
    decode_bytes,
    maybe_gunzip,
)
from newsgraph.model import Failure, RawDocument

FORMATS = ("auto", "text", "html", "jsonl", "rss")
# Files a folder walk skips without a failure: not articles by construction.
SKIP_NAMES = {".DS_Store", "Thumbs.db", "EXPECTED.md", "README.md"}
# Content sniffing looks at this many leading characters.
SNIFF_CHARS = 4096

ReadResult = RawDocument | Failure


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Yield (name as given, path) for files; folders are walked recursively in sorted order."""
    for given in paths:
        if given == "-":
            yield "-", None
            continue
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.name not in SKIP_NAMES and not f.name.startswith("."):
                    yield str(f), f
        else:
            yield given, p


def sniff_format(text: str, name: str = "") -> str:
    """Guess text / html / jsonl / rss from the content (the extension only breaks ties)."""
    head = text[:SNIFF_CHARS].lstrip().lower()
    if head.startswith("{"):
        first = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            pass
    if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
        return "rss"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head or "<div" in head:
        return "html"
    if name.endswith((".html", ".htm")) and "<" in head:
        return "html"
    return "text"


def _read_bytes(name: str, path: Path | None) -> bytes:
    if path is None:
        data = sys.stdin.buffer.read(MAX_CONTAINER_BYTES + 1)
        if len(data) > MAX_CONTAINER_BYTES:
            raise InputError(f"{name}: standard input exceeds {MAX_CONTAINER_BYTES // 2**20} MB")
        return data
    if not path.exists():
        raise InputError(f"{name}: no such file or folder")
    check_size(name, path.stat().st_size, MAX_CONTAINER_BYTES)
    with path.open("rb") as fh:
        return fh.read()


def read_inputs(paths: Iterable[str], fmt: str = "auto", *, base_meta: dict[str, Any] | None = None) -> Iterator[ReadResult]:
    """Yield a RawDocument for every article found, or a Failure for what could not be read."""
    if fmt not in FORMATS:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    for name, path in expand_paths(paths):
        try:
            data = maybe_gunzip(name, _read_bytes(name, path))
            text = decode_bytes(name, data)
            kind = fmt if fmt != "auto" else sniff_format(text, name)
            if kind in ("text", "html"):
                check_size(name, len(data), MAX_DOCUMENT_BYTES)
                yield RawDocument(name, text, kind, dict(base_meta or {}))  # type: ignore[arg-type]
            elif kind == "jsonl":
                yield from read_jsonl(name, text, base_meta)
            elif kind == "rss":
                yield from read_feed(name, text, base_meta)
        except NewsgraphError as e:
            yield Failure(name, "ingest", type(e).__name__, e.detail)
        except OSError as e:
            yield Failure(name, "ingest", "InputError", f"{name}: cannot read ({e.strerror or e})")


# JSONL fields that map to article metadata; anything else is kept in meta.
JSONL_FIELDS = ("id", "url", "outlet", "title", "authors", "published")


def read_jsonl(name: str, text: str, base_meta: dict[str, Any] | None = None) -> Iterator[ReadResult]:
    """One article per line: ``text`` or ``html`` required, the rest optional."""
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        rec_name = f"{name}#{n}"
        try:
            rec = json.loads(line)
        except ValueError as e:
            yield Failure(rec_name, "ingest", "FormatError", f"{rec_name}: invalid JSON ({e})")
            continue
        if not isinstance(rec, dict):
            yield Failure(rec_name, "ingest", "FormatError", f"{rec_name}: a JSON object was expected")
            continue
        body = rec.get("text") or rec.get("html")
        if not isinstance(body, str) or not body.strip():
            yield Failure(rec_name, "ingest", "NoContentError", f"{rec_name}: neither 'text' nor 'html' holds text")
            continue
        if len(body.encode("utf-8")) > MAX_DOCUMENT_BYTES:
            yield Failure(rec_name, "ingest", "InputError", f"{rec_name}: record body over the {MAX_DOCUMENT_BYTES // 2**20} MB limit")
            continue
        meta = dict(base_meta or {})
        meta.update({k: v for k, v in rec.items() if k not in ("text", "html")})
        kind = "text" if isinstance(rec.get("text"), str) and rec.get("text") else "html"
        yield RawDocument(rec_name, body, kind, meta)  # type: ignore[arg-type]


def read_feed(name: str, text: str, base_meta: dict[str, Any] | None = None) -> Iterator[ReadResult]:
    """RSS/Atom entries: full content when the feed has it, the summary otherwise."""
    import feedparser

    feed = feedparser.parse(text)
    if feed.bozo and not feed.entries:
        raise FormatError(f"{name}: not a readable feed ({feed.get('bozo_exception')})")
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, start=1):
        rec_name = f"{name}#{n}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        if not body.strip():
            body = entry.get("summary", "")
        if not body.strip():
            yield Failure(rec_name, "ingest", "NoContentError", f"{rec_name}: feed entry has no content or summary")
            continue
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        meta: dict[str, Any] = dict(base_meta or {})
        meta.update(
            {
                "url": entry.get("link"),
                "title": entry.get("title"),
                "authors": authors,
                "published": entry.get("published") or entry.get("updated"),
                "feed_outlet": outlet,
                "guid": entry.get("id"),
            }
        )
        yield RawDocument(rec_name, body, "html", meta)
