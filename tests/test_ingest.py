"""Readers and bad input: each bad input fails alone with a clear reason."""

from __future__ import annotations

import gzip
import json

import pytest

from newsgraph.ingest.decode import MAX_DOCUMENT_BYTES
from newsgraph.ingest.readers import read_inputs, sniff_format
from newsgraph.model import Failure, RawDocument


def _read(*paths, fmt="auto"):
    return list(read_inputs([str(p) for p in paths], fmt))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"text": "x"}\n{"text": "y"}', "jsonl"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "rss"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("Source: https://x.org/a\nHeadline here\n\nBody.", "text"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "rss"),
    ],
)
def test_sniff_format_from_content(content, expected):
    assert sniff_format(content, "file.txt") == expected


def test_bad_inputs_fail_alone(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "big.txt").write_bytes(b"word " * (MAX_DOCUMENT_BYTES // 5 + 10))
    (tmp_path / "good.txt").write_text("Headline\n\nA real paragraph of body text that is long enough.")
    (tmp_path / "latin1.txt").write_bytes("Çavuşoğlu said the café was ready, naïvely.".encode("cp1254"))
    bomb = gzip.compress(gzip.compress(b"a" * (80 * 1024 * 1024)))
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"x" * (70 * 1024 * 1024)))
    (tmp_path / "nested.gz").write_bytes(bomb)
    results = _read(tmp_path)
    by_name = {r.source_path if isinstance(r, RawDocument) else r.input: r for r in results}
    reasons = {k.rsplit("/", 1)[-1]: v for k, v in by_name.items()}
    assert isinstance(reasons["good.txt"], RawDocument)
    assert isinstance(reasons["latin1.txt"], RawDocument) and "caf" in reasons["latin1.txt"].content
    assert "empty" in reasons["empty.txt"].detail
    assert "binary" in reasons["binary.txt"].detail
    assert "limit" in reasons["big.txt"].detail
    assert "refused" in reasons["bomb.txt.gz"].detail
    assert isinstance(reasons["nested.gz"], Failure)  # gunzipped once: still gzip bytes → binary
    assert all(isinstance(v, Failure) for k, v in reasons.items() if k not in ("good.txt", "latin1.txt"))


def test_missing_path_is_a_failure_not_a_crash(tmp_path):
    (r,) = _read(tmp_path / "nope.txt")
    assert isinstance(r, Failure) and "no such file" in r.detail


def test_jsonl_records_and_bad_lines(tmp_path):
    p = tmp_path / "d.jsonl"
    lines = [
        json.dumps({"id": "x1", "url": "https://a.org/1", "title": "T", "text": "Body one.", "section": "World"}),
        "{not json",
        json.dumps({"id": "x3", "title": "no body"}),
        json.dumps({"html": "<p>Body four</p>", "authors": ["A"]}),
    ]
    p.write_text("\n".join(lines))
    res = _read(p)
    assert [type(r).__name__ for r in res] == ["RawDocument", "Failure", "Failure", "RawDocument"]
    assert res[0].source_path.endswith("d.jsonl#1") and res[0].meta["section"] == "World"
    assert res[0].kind == "text" and res[3].kind == "html"
    assert "invalid JSON" in res[1].detail and res[1].input.endswith("#2")
    assert "neither 'text' nor 'html'" in res[2].detail


def test_rss_entries(tmp_path):
    p = tmp_path / "f.xml"
    p.write_text(
        """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
        xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed Outlet</title>
        <item><title>One</title><link>https://f.org/1</link><pubDate>Wed, 14 Sep 2022 08:15:00 +0400</pubDate>
        <dc:creator>Ann Lee</dc:creator><content:encoded><![CDATA[<p>Full body.</p>]]></content:encoded></item>
        <item><title>Two</title><link>https://f.org/2</link><description>Only a summary.</description></item>
        </channel></rss>"""
    )
    a, b = _read(p)
    assert a.meta["url"] == "https://f.org/1" and a.meta["authors"] == ["Ann Lee"]
    assert a.meta["published"].startswith("Wed, 14 Sep 2022") and "Full body" in a.content
    assert b.content == "Only a summary." and b.source_path.endswith("f.xml#2")


def test_malformed_feed_is_a_failure(tmp_path):
    p = tmp_path / "bad.xml"
    p.write_text("<rss><channel><item><title>x</title")
    (r,) = _read(p, fmt="rss")
    assert isinstance(r, Failure)
