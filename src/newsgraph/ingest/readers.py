"""Find inputs and read each into RawDocuments, detecting the format from content.

Containers (JSONL, RSS/Atom, WARC) yield one RawDocument per record, named
``path#N`` (1-based). Every problem becomes a ``Failure`` for that input or
record alone; reading goes on. Sizes are checked before reading: a 200 MB
page is refused from its file size, and JSONL dumps and WARC archives are
streamed record by record rather than loaded whole.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, cast

from newsgraph.errors import ConfigError, FormatError, InputError, NewsgraphError
from newsgraph.ingest.decode import (
    GZIP_MAGIC,
    MAX_CONTAINER_BYTES,
    MAX_DOCUMENT_BYTES,
    MAX_GZIP_DEPTH,
    check_size,
    decode_bytes,
    maybe_gunzip,
)
from newsgraph.ingest.warc import ReadStats, looks_like_warc, read_warc
from newsgraph.model import Failure, RawDocument

FORMATS = ("auto", "text", "html", "jsonl", "rss", "warc")
# Files a folder walk skips without a failure: not articles by construction.
SKIP_NAMES = {".DS_Store", "Thumbs.db", "EXPECTED.md", "README.md"}
# Content sniffing looks at this many leading characters (bytes for archives).
SNIFF_CHARS = 4096
SNIFF_BYTES = 65536
# A WARC is streamed, so only a sanity bound applies to the whole file.
MAX_ARCHIVE_BYTES = 64 * 1024**3
# Names that mark a web archive when its first record is too damaged to show it.
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# Stands for a JSONL line over the size limit (skipped without being held in memory).
_OVERLONG = b"\x00overlong"
# Our names for JSONL fields; ``fields`` maps them to a dump's own names.
JSONL_FIELDS = ("id", "url", "outlet", "title", "authors", "published", "text", "html")

ReadResult = RawDocument | Failure


def expand_paths(
    paths: Iterable[str], include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> Iterator[tuple[str, Path | None]]:
    """Yield (name as given, path) for files; folders are walked recursively in sorted order.

    ``include``/``exclude`` are shell globs matched against a file's path
    relative to the folder given and against its name ("*.html", "drafts/*");
    they filter folder walks only, never a file named on the command line.
    """
    inc, exc = tuple(include), tuple(exclude)
    for given in paths:
        if given == "-":
            yield "-", None
            continue
        p = Path(given)
        if not p.is_dir():
            yield given, p
            continue
        for f in sorted(p.rglob("*")):
            if not f.is_file() or f.name in SKIP_NAMES or f.name.startswith("."):
                continue
            rel = f.relative_to(p).as_posix()
            if inc and not _matches(rel, f.name, inc):
                continue
            if exc and _matches(rel, f.name, exc):
                continue
            yield str(f), f


def _matches(rel: str, name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat) for pat in patterns)


def sniff_format(text: str, name: str = "") -> str:
    """Guess text / html / jsonl / rss from the content (the extension only breaks ties)."""
    head = text[:SNIFF_CHARS].lstrip().lower()
    if head.startswith("{"):
        first = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            if len(first) >= SNIFF_CHARS:
                return "jsonl"  # a first record longer than the sniffed part
    if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
        return "rss"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head or "<div" in head:
        return "html"
    if name.endswith((".html", ".htm")) and "<" in head:
        return "html"
    return "text"


class _Prefixed(io.RawIOBase):
    """A pipe whose first bytes were already read for sniffing: those bytes, then the rest.

    It cannot seek, so standard input is streamed like a file but never
    rewound: a document is read at most up to its size limit, an archive or
    a dump record by record.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if len(self._head):
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def is_under(path: str | Path, real_root: str) -> bool:
    """Whether ``path``'s real location (symbolic links and '..' resolved) is inside ``real_root``
    (itself already resolved with ``os.path.realpath``)."""
    return os.path.commonpath([os.path.realpath(path), real_root]) == real_root


def _open(name: str, path: Path | None) -> tuple[BinaryIO, int | None, bytes]:
    """A binary stream for the input, its size when known before reading, and its first bytes.

    A file is checked against a generous bound from its size alone (the
    per-format limit comes once the format is known); standard input is
    not read beyond its first SNIFF_BYTES here.
    """
    if path is None:
        src: BinaryIO = sys.stdin.buffer
        head = src.read(SNIFF_BYTES)
        if not head:
            raise InputError(f"{name}: standard input is empty")
        stream = io.BufferedReader(_Prefixed(head, src), buffer_size=SNIFF_BYTES)
        return cast(BinaryIO, stream), None, head
    if not path.exists():
        raise InputError(f"{name}: no such file or folder")
    size = path.stat().st_size
    check_size(name, size, MAX_ARCHIVE_BYTES)
    fh = path.open("rb")
    head = fh.read(SNIFF_BYTES)
    fh.seek(0)
    return fh, size, head


def _sniff_bytes(name: str, head: bytes) -> tuple[str, int]:
    """(format guess, gzip layers) from an input's first bytes.

    A WARC/ARC archive is recognised before any gunzip (a .warc.gz is one
    gzip member per record, read by warcio as it is); a name ending in
    .warc/.arc(.gz) decides when the first record is too damaged to show it.
    """
    if looks_like_warc(head) or name.endswith(ARCHIVE_SUFFIXES):
        return "warc", 0
    head, layers = _gunzip_head(name, head)
    return sniff_format(head.decode("utf-8", errors="ignore"), name.removesuffix(".gz")), layers


def _gunzip_head(name: str, head: bytes) -> tuple[bytes, int]:
    """The first bytes with gzip layers undone, and how many there were (counting stops past MAX_GZIP_DEPTH)."""
    layers = 0
    while head[:2] == GZIP_MAGIC and layers <= MAX_GZIP_DEPTH:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
        except zlib.error as e:
            raise InputError(f"{name}: corrupt gzip data ({e})") from e
        layers += 1
    return head, layers


def read_inputs(
    paths: Iterable[str],
    fmt: str = "auto",
    *,
    base_meta: dict[str, Any] | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    fields: Mapping[str, str] | None = None,
    stats: ReadStats | None = None,
    root: str | None = None,
) -> Iterator[ReadResult]:
    """Yield a RawDocument for every article found, or a Failure for what could not be read.

    ``fields`` renames JSONL fields: ``{"text": "body", "published": "date"}``
    reads a dump whose records keep the body under "body". ``stats`` counts
    records skipped by design (a WARC's requests, images, scripts). With ``root``,
    a file whose real path (links followed) lies outside that folder is a failure,
    checked as the file is opened (the REST API's ingest root).
    """
    if fmt not in FORMATS:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    field_map = check_fields(fields)
    stats = stats if stats is not None else ReadStats()
    real_root = os.path.realpath(root) if root is not None else None
    for name, path in expand_paths(paths, include, exclude):
        try:
            if real_root is not None and (path is None or not is_under(path, real_root)):
                raise InputError(f"{name}: outside the ingest root {real_root}")
            stream, size, head = _open(name, path)
        except NewsgraphError as e:
            yield Failure(name, "ingest", type(e).__name__, e.detail)
            continue
        except OSError as e:
            yield Failure(name, "ingest", "InputError", f"{name}: cannot read ({e.strerror or e})")
            continue
        with stream:
            yield from _read_one(name, stream, size, head, fmt, base_meta, field_map, stats)


def _read_one(
    name: str, stream: BinaryIO, size: int | None, head: bytes, fmt: str, base_meta: dict[str, Any] | None,
    field_map: dict[str, str], stats: ReadStats,
) -> Iterator[ReadResult]:
    try:
        if size == 0:
            raise InputError(f"{name}: file is empty")
        if fmt == "auto":
            kind, layers = _sniff_bytes(name, head)
        else:
            kind, layers = fmt, (0 if fmt == "warc" else _gunzip_head(name, head)[1])
        if kind == "warc":
            yield from read_warc(name, stream, base_meta, stats=stats)
            return
        if layers > MAX_GZIP_DEPTH:
            raise InputError(f"{name}: gzip nested more than {MAX_GZIP_DEPTH} levels deep; refused")
        if kind == "jsonl":
            yield from read_jsonl_stream(name, stream, layers, base_meta, field_map)
            return
        limit = MAX_CONTAINER_BYTES if kind == "rss" else MAX_DOCUMENT_BYTES
        if size is not None:
            check_size(name, size, limit)  # compressed data is never larger than what it holds
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"{name}: input is over the {limit // 2**20} MB limit for one {kind} input")
        data = maybe_gunzip(name, data)
        check_size(name, len(data), limit)
        text = decode_bytes(name, data)
        if fmt == "auto" and layers:
            kind = sniff_format(text, name.removesuffix(".gz"))
        if kind in ("text", "html"):
            yield RawDocument(name, text, kind, dict(base_meta or {}))  # type: ignore[arg-type]
        elif kind == "rss":
            yield from read_feed(name, text, base_meta)
        else:
            yield from read_jsonl(name, text, base_meta, field_map)
    except NewsgraphError as e:
        yield Failure(name, "ingest", type(e).__name__, e.detail)
    except OSError as e:
        yield Failure(name, "ingest", "InputError", f"{name}: cannot read ({e.strerror or e})")


def check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    """Validate a JSONL field mapping (ours → theirs); unknown names are a ConfigError."""
    out = dict(fields or {})
    unknown = sorted(set(out) - set(JSONL_FIELDS))
    if unknown:
        raise ConfigError(f"unknown JSONL field(s) {', '.join(unknown)}; known: {', '.join(JSONL_FIELDS)}")
    return out


def read_jsonl_stream(
    name: str, stream: BinaryIO, layers: int, base_meta: dict[str, Any] | None, fields: dict[str, str]
) -> Iterator[ReadResult]:
    """One article per line, read line by line (a dump may be larger than memory).

    ``layers`` gzip layers are undone as the lines are read; damaged gzip
    data ends the dump with a Failure naming the record it stopped at.
    """
    fh: BinaryIO = stream
    for _ in range(layers):
        fh = gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[assignment]
    n = 0
    lines = _bounded_lines(fh, MAX_DOCUMENT_BYTES)
    while True:
        try:
            raw = next(lines, None)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            rec_name = f"{name}#{n + 1}"
            yield Failure(rec_name, "ingest", "InputError",
                          f"{rec_name}: corrupt or truncated gzip data after record {n}; the rest of the dump is lost ({e})")
            return
        if raw is None:
            return
        n += 1
        rec_name = f"{name}#{n}"
        if raw is _OVERLONG:
            yield Failure(rec_name, "ingest", "InputError", f"{rec_name}: record over the {MAX_DOCUMENT_BYTES // 2**20} MB limit")
            continue
        if not raw.strip():
            continue
        try:
            line = decode_bytes(rec_name, raw)
        except InputError as e:
            yield Failure(rec_name, "ingest", "InputError", e.detail)
            continue
        yield from _jsonl_record(rec_name, line, base_meta, fields)


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes]:
    """Lines of a stream, _OVERLONG for a line over ``limit`` bytes (skipped without holding it in memory)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the over-long line
                more = fh.readline(limit + 1)
                if not more or more.endswith(b"\n"):
                    break
            yield _OVERLONG
            continue
        yield line


def read_jsonl(
    name: str, text: str, base_meta: dict[str, Any] | None = None, fields: dict[str, str] | None = None
) -> Iterator[ReadResult]:
    """One article per line of already-decoded text: ``text`` or ``html`` required, the rest optional."""
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield from _jsonl_record(f"{name}#{n}", line, base_meta, fields or {})


def read_records(name: str, records: Iterable[Mapping[str, Any]],
                 base_meta: dict[str, Any] | None = None) -> Iterator[ReadResult]:
    """Articles given as records in memory (fields as in a JSONL line), named ``name#N``:
    what the REST API's posted articles become, with no file in between."""
    for n, rec in enumerate(records, start=1):
        rec_name = f"{name}#{n}"
        if not isinstance(rec, Mapping):
            yield Failure(rec_name, "ingest", "FormatError", f"{rec_name}: a record must be an object of fields")
            continue
        yield from _record(rec_name, dict(rec), base_meta, {})


def _jsonl_record(rec_name: str, line: str, base_meta: dict[str, Any] | None, fields: dict[str, str]) -> Iterator[ReadResult]:
    try:
        rec = json.loads(line)
    except ValueError as e:
        yield Failure(rec_name, "ingest", "FormatError", f"{rec_name}: invalid JSON ({e})")
        return
    if not isinstance(rec, dict):
        yield Failure(rec_name, "ingest", "FormatError", f"{rec_name}: a JSON object was expected")
        return
    yield from _record(rec_name, rec, base_meta, fields)


def _record(rec_name: str, rec: dict[str, Any], base_meta: dict[str, Any] | None,
            fields: dict[str, str]) -> Iterator[ReadResult]:
    for ours, theirs in fields.items():
        if theirs in rec:
            rec[ours] = rec.pop(theirs)
    text_field, html_field = fields.get("text", "text"), fields.get("html", "html")
    body = rec.get("text") or rec.get("html")
    if not isinstance(body, str) or not body.strip():
        yield Failure(rec_name, "ingest", "NoContentError",
                      f"{rec_name}: neither '{text_field}' nor '{html_field}' holds text")
        return
    if len(body.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        yield Failure(rec_name, "ingest", "InputError", f"{rec_name}: record body over the {MAX_DOCUMENT_BYTES // 2**20} MB limit")
        return
    meta = dict(base_meta or {})
    meta.update({k: v for k, v in rec.items() if k not in ("text", "html")})
    kind = "text" if isinstance(rec.get("text"), str) and rec.get("text") else "html"
    yield RawDocument(rec_name, body, kind, meta)  # type: ignore[arg-type]


def read_feed(name: str, text: str, base_meta: dict[str, Any] | None = None) -> Iterator[ReadResult]:
    """RSS/Atom entries: full content when the feed has it, the summary otherwise.

    A feed with malformed XML keeps the entries feedparser could read; one
    with none fails with feedparser's reason.
    """
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
