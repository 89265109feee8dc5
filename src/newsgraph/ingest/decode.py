"""Bytes to text: size limits, binary detection, encoding detection.

Each check raises an ``InputError`` that names the input and the reason, so a
bad file becomes one row in ``failures`` and never stops a batch.
"""

from __future__ import annotations

import gzip
import io
import unicodedata

from charset_normalizer import from_bytes

from newsgraph.errors import InputError

# A saved news page is rarely over 2 MB; 20 MB leaves room for pages with
# inline scripts while refusing dumps that would exhaust memory in spaCy.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# JSONL and feeds hold many articles; each record is capped separately.
MAX_CONTAINER_BYTES = 512 * 1024 * 1024
# Share of control bytes above which a file is binary (text files have ~0).
BINARY_CONTROL_RATIO = 0.10
# gzip members are decompressed at most this far (a zip bomb stops here).
MAX_GUNZIP_BYTES = 64 * 1024 * 1024

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def check_size(name: str, size: int, limit: int = MAX_DOCUMENT_BYTES) -> None:
    if size == 0:
        raise InputError(f"{name}: file is empty")
    if size > limit:
        raise InputError(f"{name}: file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for one input")


def maybe_gunzip(name: str, data: bytes) -> bytes:
    """Decompress gzip data, refusing output beyond MAX_GUNZIP_BYTES."""
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_GUNZIP_BYTES + 1)
    except (OSError, EOFError) as e:
        raise InputError(f"{name}: corrupt gzip data ({e})") from e
    if len(out) > MAX_GUNZIP_BYTES:
        raise InputError(f"{name}: gzip expands beyond {MAX_GUNZIP_BYTES // 2**20} MB; refused")
    return out


def decode_bytes(name: str, data: bytes) -> str:
    """Decode ``data`` to NFC text; refuse empty, binary and undecodable input."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    sample = data[:65536]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(f"{name}: looks binary (NUL bytes), not text or HTML")
    control = sum(1 for b in sample if b in _CONTROL)
    if control / max(len(sample), 1) > BINARY_CONTROL_RATIO:
        raise InputError(f"{name}: looks binary ({control} control bytes in the first {len(sample)})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name}: cannot detect the text encoding") from None
        text = str(best)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
