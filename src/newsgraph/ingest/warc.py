"""WARC/ARC web archives: one RawDocument per archived HTML response.

Archives can be gigabytes, so they are streamed record by record and only
one page body (at most MAX_DOCUMENT_BYTES) is held at a time. Only HTTP
``response`` records (ARC records are read as such) whose Content-Type is
HTML become articles; requests, metadata, images and scripts are skipped and
counted in ``ReadStats``, not reported as failures. warcio undoes chunked
transfer and gzip/deflate content encoding.

A damaged archive fails record by record:

- a corrupt record (bad header, bad gzip member, block digest mismatch)
  becomes a ``Failure`` for that record; reading resumes at the next record
  boundary (the next gzip member of a ``.warc.gz``, the next ``WARC/1.x`` or
  ARC header line of a plain archive);
- a truncated archive becomes a ``Failure`` for the record it ends in;
- a stream that cannot seek (stdin) or a ``.warc.gz`` compressed as one
  gzip stream cannot be resynchronised, so a corrupt record there ends the
  archive with a ``Failure`` that says so.

Records after a skipped corrupt region are numbered by the records read, so
``path#N`` may differ from the position in the original, undamaged archive.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from newsgraph.errors import InputError
from newsgraph.ingest.decode import MAX_DOCUMENT_BYTES, decode_bytes
from newsgraph.model import Failure, RawDocument

# Record boundaries to resynchronise on after a corrupt record.
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
# An ARC v1 record line: URL, IP address, 14-digit date, MIME type, length.
_ARC_LINE = rb"(?:https?|ftp|dns|filedesc):\S+ \S+ \d{14} \S+ \d+\r?\n"
_ARC_HEADER = re.compile(rb"(?:^|\n)(" + _ARC_LINE + rb")")
_ARC_START = re.compile(_ARC_LINE)
# Bytes read at a time while looking for the next boundary after a corrupt record.
RESYNC_CHUNK = 1 << 20
# Bytes kept from one chunk to the next so that a boundary split between them is found.
_CARRY_BYTES = 512
# Decompressed bytes of a candidate gzip member checked for a record header
# (a gzip magic number can occur by chance inside compressed data).
_CONFIRM_BYTES = 512
# Bytes read at a time while skipping the rest of a record.
_DRAIN_CHUNK = 1 << 16
# Bytes after the last record inspected for a truncated or trailing partial record.
_TAIL_BYTES = 512
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio logs header repairs (quoting raw bytes) on its own logger; without a
# handler Python would print them to stderr. Applications that configure
# logging still receive them.
logging.getLogger("warcio").addHandler(logging.NullHandler())
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass
class ReadStats:
    """What readers read on purpose but did not turn into documents (not failures)."""

    skipped: int = 0
    # why, e.g. "request", "response image/png"
    skipped_kinds: Counter[str] = field(default_factory=Counter)

    def skip(self, kind: str) -> None:
        self.skipped += 1
        self.skipped_kinds[kind] += 1


class _NoHeader(Exception):
    """No record header where a record should start."""


class _NonChunkedGzip(Exception):
    """A .warc.gz compressed as one gzip stream rather than one member per record."""


# Errors we raise and warcio, zlib and gzip raise on damaged archive bytes.
_DAMAGE = (_NoHeader, ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, OSError, EOFError, ValueError)


class _Records(ArchiveIterator):
    """warcio's iterator, raising a distinct error for a whole-file gzip so it can be read another way."""

    # warcio writes a warning quoting raw (often binary) bytes to stderr when a
    # record is not followed by a blank line; the damage it signals is reported
    # as a Failure for the record that follows, so the dump is left out.
    INC_RECORD = ""

    def _raise_invalid_gzip_err(self) -> None:
        raise _NonChunkedGzip()


def _gunzipped(stream: BinaryIO) -> BinaryIO:
    """The stream decompressed as it is read (all gzip members in turn)."""
    return cast(BinaryIO, gzip.GzipFile(fileobj=stream, mode="rb"))


def _starts_record(data: bytes) -> bool:
    return data.startswith((b"WARC/1.", b"filedesc://")) or _ARC_START.match(data) is not None


def looks_like_warc(head: bytes) -> bool:
    """True for the first bytes of a WARC or ARC file, plain or gzip-compressed."""
    if head[:3] == _GZIP_MEMBER:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/1.", b"filedesc://"))


def _is_html(record: ArcWarcRecord) -> bool:
    return _content_type(record).split(";")[0].strip().lower() in _HTML_TYPES


def _content_type(record: ArcWarcRecord) -> str:
    headers = record.http_headers
    return str((headers.get_header("Content-Type") if headers else None) or "")


def _declared_charset(record: ArcWarcRecord) -> str | None:
    m = _CHARSET.search(_content_type(record))
    return m.group(1) if m else None


def _head(name: str, stream: BinaryIO, n: int) -> bytes:
    """The first bytes of a stream without consuming them."""
    if stream.seekable():
        pos = stream.tell()
        head = stream.read(n)
        stream.seek(pos)
        return head
    peek = getattr(stream, "peek", None)
    if peek is None:
        raise InputError(f"{name}: the archive stream can neither seek nor peek")
    return bytes(peek(n)[:n])


def _boundary(stream: BinaryIO, pos: int, gz: bool) -> int | None:
    """Offset of the first record boundary at or after ``pos``, or None at the end of the archive."""
    carry = b""
    base = pos  # offset of buf[0]
    stream.seek(pos)
    while True:
        chunk = stream.read(RESYNC_CHUNK)
        if not chunk:
            return None
        buf = carry + chunk
        i: int | None = 0
        while i is not None:
            i = _find(buf, i, gz)
            if i is not None:
                if not gz or _confirm_member(stream, base + i):
                    return base + i
                i += 1
        keep = min(len(buf), _CARRY_BYTES)
        carry = buf[-keep:]
        base += len(buf) - keep


def _find(buf: bytes, start: int, gz: bool) -> int | None:
    if gz:
        i = buf.find(_GZIP_MEMBER, start)
        return i if i >= 0 else None
    hits = [m.start(1) for m in (_WARC_HEADER.search(buf, start), _ARC_HEADER.search(buf, start)) if m]
    return min(hits) if hits else None


def _confirm_member(stream: BinaryIO, pos: int) -> bool:
    """Whether the gzip member at ``pos`` decompresses to a record header."""
    here = stream.tell()
    stream.seek(pos)
    data = stream.read(_CONFIRM_BYTES * 8)
    stream.seek(here)
    return _starts_record(_gunzip_head(data))


def _gunzip_head(data: bytes) -> bytes:
    """The first decompressed bytes of a gzip member (empty when they are not gzip)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, _CONFIRM_BYTES)
    except zlib.error:
        return b""


def _reason(e: BaseException) -> str:
    """A one-line reason for a damaged record (warcio's messages can quote raw bytes)."""
    text = str(e).strip()
    first = text.splitlines()[0] if text else ""
    if isinstance(e, _NoHeader) or (isinstance(e, ArchiveLoadFailed) and first.startswith("Unknown archive format")):
        return "no WARC/ARC record header where one should start"
    first = first.encode("ascii", "backslashreplace").decode("ascii")[:120]
    return f"{type(e).__name__}: {first}" if first else type(e).__name__


def _drain(record: ArcWarcRecord) -> tuple[str, str] | None:
    """Read the rest of a record; (error, reason) when it is truncated or fails its block digest."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    if isinstance(raw, LimitReader) and raw.limit > 0 and record.length:
        return "InputError", (f"the archive is truncated: it ends inside this record "
                              f"({record.length - raw.limit} of {record.length} bytes)")
    checker = getattr(record, "digest_checker", None)
    if any(p.startswith("block digest failed") for p in (checker.problems if checker else [])):
        return "FormatError", "corrupt archive record: its block digest does not match its bytes"
    return None


def _document(rec_name: str, record: ArcWarcRecord, base_meta: dict[str, Any] | None,
              stats: ReadStats) -> RawDocument | Failure | None:
    """The RawDocument of an HTML response, a Failure for a bad one, None for a record skipped by design."""
    if record.rec_type != "response" or not _is_html(record):
        kind = record.rec_type if record.rec_type != "response" else f"response {_content_type(record) or 'without type'}"
        stats.skip(kind.split(";")[0])
        return None
    body = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        return Failure(rec_name, "ingest", "InputError",
                       f"{rec_name}: response body over the {MAX_DOCUMENT_BYTES // 2**20} MB limit for one page")
    if not body.strip():
        return Failure(rec_name, "ingest", "NoContentError", f"{rec_name}: HTML response with an empty body")
    try:
        html = decode_bytes(rec_name, body, declared=_declared_charset(record))
    except InputError as e:
        return Failure(rec_name, "ingest", "InputError", e.detail)
    meta: dict[str, Any] = dict(base_meta or {})
    meta["url"] = record.rec_headers.get_header("WARC-Target-URI")
    fetched = record.rec_headers.get_header("WARC-Date")
    if fetched:
        meta["fetched"] = fetched
    return RawDocument(rec_name, html, "html", meta)


def read_warc(name: str, stream: BinaryIO, base_meta: dict[str, Any] | None = None,
              *, stats: ReadStats | None = None) -> Iterator[RawDocument | Failure]:
    """Yield the HTML responses of an archive; a corrupt record fails alone."""
    stats = stats if stats is not None else ReadStats()
    head = _head(name, stream, _CONFIRM_BYTES * 8)
    gz = head[:3] == _GZIP_MEMBER
    if not stream.seekable():  # a pipe: no resynchronisation, no second reading
        if not _starts_record(_gunzip_head(head) if gz else head):
            yield Failure(name, "ingest", "FormatError",
                          f"{name}: not a readable WARC or ARC archive (no record header at its start)")
            return
        try:
            yield from _read_records(name, stream, gz, False, base_meta, stats, 0)
        except _NonChunkedGzip:
            yield Failure(name, "ingest", "FormatError",
                          f"{name}: this WARC is gzip-compressed as one stream, not one member per record, "
                          "and a pipe cannot be read twice; decompress it first (zcat FILE | newsgraph ingest -)")
        return
    try:
        yield from _read_records(name, stream, gz, True, base_meta, stats, 0)
    except _NonChunkedGzip:
        # warcio stops at the second record of a whole-file gzip; read it again
        # decompressed as one stream, skipping the record already read.
        stream.seek(0)
        yield from _read_records(name, _gunzipped(stream), False, False, base_meta, stats, 1)


def _read_records(name: str, stream: BinaryIO, gz: bool, resync: bool, base_meta: dict[str, Any] | None,
                  stats: ReadStats, skip: int) -> Iterator[RawDocument | Failure]:
    """Read records from offset 0, starting a new pass after each corrupt record when ``resync``."""
    n = 0
    start = 0
    while True:
        end: int | None = None  # where the record after the last one read whole starts
        current: str | None = None  # name of the record being read
        try:
            if resync and not _record_at(stream, start, gz):
                raise _NoHeader()  # warcio would read some junk lines as an ARC record
            records = _Records(stream, arc2warc=True, check_digests=True)
            for record in records:
                n += 1
                current = f"{name}#{n}"
                if n <= skip:
                    continue
                doc = _document(current, record, base_meta, stats)
                problem = _drain(record)
                if problem:
                    yield Failure(current, "ingest", problem[0], f"{current}: {problem[1]}")
                    if problem[0] == "InputError":
                        return  # truncated: nothing follows
                elif doc is not None:
                    yield doc
                if resync:
                    end = records.get_record_offset() + records.get_record_length()
                current = None
        except _NonChunkedGzip:
            raise
        except _DAMAGE as e:
            if current is None:
                n += 1
                current = f"{name}#{n}"
            # The bad record starts where the last good one ended (after the
            # blank lines between records) or where this pass started.
            bad = (start if end is None else _skip_blank(stream, end)) if resync else None
            nxt = _boundary(stream, bad + 1, gz) if bad is not None else None
            if nxt is None and n == 1:
                yield Failure(name, "ingest", "FormatError",
                              f"{name}: not a readable WARC or ARC archive ({_reason(e)})")
                return
            where = f"at byte {bad}" if bad is not None else f"after record {n - 1}"
            if nxt is None:
                rest = "" if resync else " (this stream cannot be resynchronised, so the rest of the archive is skipped)"
                yield Failure(current, "ingest", "FormatError",
                              f"{current}: corrupt archive record {where} ({_reason(e)}); no readable record after it{rest}")
                return
            yield Failure(current, "ingest", "FormatError",
                          f"{current}: corrupt archive record {where} ({_reason(e)}); reading resumes at byte {nxt}")
            start = nxt
            continue
        if resync and end is not None:
            yield from _check_tail(name, stream, end, n)
        return


def _record_at(stream: BinaryIO, pos: int, gz: bool) -> bool:
    """Whether a record (or a gzip member holding one) starts at ``pos``; leaves the stream there."""
    stream.seek(pos)
    data = stream.read(_CONFIRM_BYTES * 8)
    stream.seek(pos)
    return _starts_record(_gunzip_head(data) if gz else data)


def _skip_blank(stream: BinaryIO, pos: int) -> int:
    """The first offset at or after ``pos`` that is not a blank line between records."""
    stream.seek(pos)
    data = stream.read(_TAIL_BYTES)
    return pos + len(data) - len(data.lstrip(b"\r\n"))


def _check_tail(name: str, stream: BinaryIO, end: int, n: int) -> Iterator[Failure]:
    """A Failure when bytes that are not a whole record follow the last record (a truncated archive)."""
    stream.seek(end)
    tail = stream.read(_TAIL_BYTES)
    if tail.strip(b"\r\n\x00 "):
        rec_name = f"{name}#{n + 1}"
        yield Failure(rec_name, "ingest", "InputError",
                      f"{rec_name}: the archive is truncated: it ends with a partial record after byte {end}")
