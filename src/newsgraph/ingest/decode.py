"""Bytes to text: size limits, gzip (nested too), binary detection, encoding detection.

Each check raises an ``InputError`` that names the input and the reason, so a
bad file becomes one row in ``failures`` and never stops a batch.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib

from charset_normalizer import from_bytes

from newsgraph.errors import InputError

# A saved news page is rarely over 2 MB; 20 MB leaves room for pages with
# inline scripts while refusing dumps that would exhaust memory in spaCy.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# A feed file is read whole (feedparser needs it): far above any real feed.
MAX_CONTAINER_BYTES = 512 * 1024 * 1024
# Share of control bytes above which a file is binary (text files have ~0).
BINARY_CONTROL_RATIO = 0.10
# gzip members are decompressed at most this far (a zip bomb stops here).
MAX_GUNZIP_BYTES = 64 * 1024 * 1024
# A .json.gz inside a .tar.gz-like wrapper is two levels; more is a bomb's shape.
MAX_GZIP_DEPTH = 2
GZIP_MAGIC = b"\x1f\x8b"
# Decompression works in chunks of this size so that the limit is checked as it goes.
_GUNZIP_CHUNK = 1 << 20

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
# A valid UTF-8 multibyte sequence: its presence next to invalid bytes means a
# file mixes UTF-8 with a legacy single-byte encoding (pasted-together pages).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Bytes that are not UTF-8 in a mixed file are read as Windows-1252, the
# legacy encoding browsers assume for Western pages.
MIXED_FALLBACK_ENCODING = "cp1252"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode(MIXED_FALLBACK_ENCODING, errors="replace"), err.end


codecs.register_error("newsgraph-cp1252", _cp1252_fallback)


def check_size(name: str, size: int, limit: int = MAX_DOCUMENT_BYTES) -> None:
    """Refuse an empty input or one over ``limit`` bytes (MB here are MiB, as in the limits)."""
    if size == 0:
        raise InputError(f"{name}: file is empty")
    if size > limit:
        raise InputError(f"{name}: file is {size / 2**20:.1f} MB, over the {limit // 2**20} MB limit for one input")


def gunzip_limited(name: str, data: bytes, limit: int = MAX_GUNZIP_BYTES) -> bytes:
    """Decompress one gzip layer (all members), refusing output beyond ``limit``."""
    out = bytearray()
    rest = data
    while rest[:2] == GZIP_MAGIC:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pos = 0
        try:
            while pos < len(rest) and not d.eof:
                out += d.decompress(rest[pos : pos + _GUNZIP_CHUNK], limit + 1 - len(out))
                while d.unconsumed_tail and len(out) <= limit:
                    out += d.decompress(d.unconsumed_tail, limit + 1 - len(out))
                if len(out) > limit:
                    raise InputError(f"{name}: gzip expands beyond {limit // 2**20} MB; refused")
                pos += _GUNZIP_CHUNK
        except zlib.error as e:
            raise InputError(f"{name}: corrupt gzip data ({e})") from e
        if not d.eof:
            raise InputError(f"{name}: truncated gzip data (the archive ends before its last member does)")
        rest = d.unused_data
    return bytes(out)


def maybe_gunzip(name: str, data: bytes) -> bytes:
    """Undo up to MAX_GZIP_DEPTH layers of gzip; deeper nesting is refused as a bomb's shape."""
    depth = 0
    while data[:2] == GZIP_MAGIC:
        if depth == MAX_GZIP_DEPTH:
            raise InputError(f"{name}: gzip nested more than {MAX_GZIP_DEPTH} levels deep; refused")
        data = gunzip_limited(name, data)
        depth += 1
    return data


def decode_bytes(name: str, data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to NFC text; refuse empty, binary and undecodable input.

    Order: UTF-8 (with or without BOM); the charset the input declares (HTTP
    header, meta tag), if valid; UTF-8 mixed with Windows-1252 when the bytes
    hold both; else detection (charset-normalizer).
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    sample = data[:65536]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(f"{name}: looks binary (NUL bytes), not text or HTML")
    control = sum(1 for b in sample if b in _CONTROL)
    if control / max(len(sample), 1) > BINARY_CONTROL_RATIO:
        raise InputError(f"{name}: looks binary ({control} control bytes in the first {len(sample)})")
    text = _decode(name, data, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _decode(name: str, data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    if _UTF8_MULTIBYTE.search(data):
        return data.decode("utf-8", errors="newsgraph-cp1252")
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot detect the text encoding")
    return str(best)
