"""WARC/ARC web archives: one RawDocument per archived HTML response.

Archives can be gigabytes, so they are streamed record by record. Only HTTP
``response`` records (ARC records are read as such) whose Content-Type is
HTML become articles; requests, metadata, images and scripts are skipped and
counted. warcio undoes chunked transfer and gzip/deflate content encoding.

A corrupt record becomes a ``Failure`` for that record alone: reading resumes
at the next record boundary found after it (the next gzip member of a
``.warc.gz``, or the next ``WARC/1.x`` header line of a plain archive).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsgraph.errors import InputError
from newsgraph.ingest.decode import MAX_DOCUMENT_BYTES, decode_bytes
from newsgraph.model import Failure, RawDocument

# Record boundaries to resynchronise on after a corrupt record.
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = re.compile(rb"(?:^|\r?\n)(WARC/1\.[01]\r?\n)")
# How far past a corrupt record to look for the next boundary (bytes read at a time).
RESYNC_CHUNK = 1 << 20
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def looks_like_warc(head: bytes) -> bool:
    """True for the first bytes of a WARC or ARC file, plain or gzip-compressed."""
    if head[:3] == _GZIP_MEMBER:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/1.", b"filedesc://"))


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers else None) or ""
    return ctype.split(";")[0].strip().lower() in _HTML_TYPES


def _declared_charset(record: Any) -> str | None:
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
    m = _CHARSET.search(ctype)
    return m.group(1) if m else None


def _resync(stream: BinaryIO, after: int, gz: bool) -> int | None:
    """Offset of the next record boundary after ``after``, or None at the end of the archive."""
    pos = after + 1
    stream.seek(pos)
    carry = b""
    while True:
        chunk = stream.read(RESYNC_CHUNK)
        if not chunk:
            return None
        buf = carry + chunk
        base = pos - len(carry)
        if gz:
            i = buf.find(_GZIP_MEMBER)
            if i >= 0:
                return base + i
        else:
            m = _WARC_HEADER.search(buf)
            if m:
                return base + m.start(1)
        carry = buf[-16:]
        pos += len(chunk)


def read_warc(name: str, stream: BinaryIO, base_meta: dict[str, Any] | None = None) -> Iterator[RawDocument | Failure]:
    """Yield the HTML responses of an archive; a corrupt record fails alone."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = stream.read(4)
    stream.seek(0)
    gz = head[:3] == _GZIP_MEMBER
    n = 0
    start = 0
    tried = {0}
    while True:
        stream.seek(start)
        records = ArchiveIterator(stream, arc2warc=True)
        offset: int | None = None  # of the last record read whole in this pass
        try:
            for record in records:
                n += 1
                rec_name = f"{name}#{n}"
                if record.rec_type != "response" or not _is_html(record):
                    offset = start + records.get_record_offset()
                    continue
                body = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
                # (the offset must be asked for after the content is read: asking reads past it)
                offset = start + records.get_record_offset()
                if len(body) > MAX_DOCUMENT_BYTES:
                    yield Failure(rec_name, "ingest", "InputError",
                                  f"{rec_name}: response body over the {MAX_DOCUMENT_BYTES // 2**20} MB limit for one page")
                    continue
                if not body.strip():
                    yield Failure(rec_name, "ingest", "NoContentError", f"{rec_name}: HTML response with an empty body")
                    continue
                try:
                    html = decode_bytes(rec_name, body, declared=_declared_charset(record))
                except InputError as e:
                    yield Failure(rec_name, "ingest", "InputError", e.detail)
                    continue
                meta: dict[str, Any] = dict(base_meta or {})
                meta["url"] = record.rec_headers.get_header("WARC-Target-URI")
                fetched = record.rec_headers.get_header("WARC-Date")
                if fetched:
                    meta["fetched"] = fetched
                yield RawDocument(rec_name, html, "html", meta)
            return
        except (ArchiveLoadFailed, zlib.error, OSError, ValueError, EOFError) as e:
            n += 1
            rec_name = f"{name}#{n}"
            yield Failure(rec_name, "ingest", "FormatError",
                          f"{rec_name}: corrupt archive record after byte {offset or start} ({type(e).__name__}: {str(e)[:120]})")
            # The bad record starts at ``start`` when it was the first of this
            # pass, else at the first boundary after the last good record.
            bad = start if offset is None else _resync(stream, offset, gz)
            nxt = _resync(stream, bad, gz) if bad is not None else None
            while nxt is not None and nxt in tried:
                nxt = _resync(stream, nxt, gz)
            if nxt is None:
                return
            tried.add(nxt)
            start = nxt
