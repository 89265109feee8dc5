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


# --- WARC, globs, JSONL field names, stdin, bad input (issue 3) --------------

ARTICLE_HTML = (
    "<html><head><title>T{i}</title></head><body><article><h1>Headline {i}</h1>"
    + "<p>Paragraph {i} of the archived article, long enough to be real body text for the extractor.</p>" * 4
    + "</article></body></html>"
)


def _warc(path, n=3, gz=True, extra_non_html=True):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for i in range(n):
            body = ARTICLE_HTML.format(i=i).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>", "WARC-Date": "2023-03-14T17:05:00Z"}
            w.write_record(w.create_warc_record(f"https://w.example/{i}", "response", payload=io.BytesIO(body),
                                                length=len(body), http_headers=headers, warc_headers_dict=fixed))
            if extra_non_html:
                img = b"\x89PNG\r\n" + bytes(200)
                h2 = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                fixed2 = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0001-{i:012d}>", "WARC-Date": "2023-03-14T17:05:00Z"}
                w.write_record(w.create_warc_record(f"https://w.example/{i}.png", "response", payload=io.BytesIO(img),
                                                    length=len(img), http_headers=h2, warc_headers_dict=fixed2))
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_only(tmp_path, gz):
    res = _read(_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), gz=gz))
    assert all(isinstance(r, RawDocument) for r in res)
    assert [r.meta["url"] for r in res] == ["https://w.example/0", "https://w.example/1", "https://w.example/2"]
    assert res[0].kind == "html" and "Paragraph 0" in res[0].content and res[0].meta["fetched"]


def test_warc_with_a_corrupt_record_keeps_the_others(tmp_path):
    path = _warc(tmp_path / "c.warc.gz", n=5, extra_non_html=False)
    data = bytearray(path.read_bytes())
    # find the third gzip member and damage its compressed body
    starts = [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"]
    assert len(starts) == 5
    mid = (starts[2] + starts[3]) // 2
    data[mid:mid + 20] = b"\x00" * 20
    path.write_bytes(bytes(data))
    res = _read(path)
    ok = [r.meta["url"] for r in res if isinstance(r, RawDocument)]
    bad = [r for r in res if isinstance(r, Failure)]
    assert ok == ["https://w.example/0", "https://w.example/1", "https://w.example/3", "https://w.example/4"]
    assert len(bad) == 1 and "corrupt archive record" in bad[0].detail


def test_include_and_exclude_globs(tmp_path):
    (tmp_path / "drafts").mkdir()
    for rel in ("a.html", "b.txt", "drafts/c.html"):
        (tmp_path / rel).write_text("<html><body><p>Some body text here.</p></body></html>")
    names = lambda res: sorted(r.source_path.rsplit("/", 1)[-1] for r in res)  # noqa: E731
    assert names(read_inputs([str(tmp_path)], include=["*.html"])) == ["a.html", "c.html"]
    assert names(read_inputs([str(tmp_path)], include=["*.html"], exclude=["drafts/*"])) == ["a.html"]


def test_jsonl_field_names_are_configurable(tmp_path):
    p = tmp_path / "dump.jsonl"
    p.write_text(json.dumps({"body": "The body text.", "date": "2023-03-14", "link": "https://x.org/1"}) + "\n")
    (r,) = read_inputs([str(p)], fields={"text": "body", "published": "date", "url": "link"})
    assert isinstance(r, RawDocument) and r.content == "The body text."
    assert r.meta["published"] == "2023-03-14" and r.meta["url"] == "https://x.org/1"
    from newsgraph.errors import ConfigError

    with pytest.raises(ConfigError):
        list(read_inputs([str(p)], fields={"bodytext": "body"}))


def test_gzipped_jsonl_is_streamed(tmp_path):
    p = tmp_path / "dump.jsonl.gz"
    lines = [json.dumps({"text": f"Body {i}."}) for i in range(3)] + ["{broken"]
    p.write_bytes(gzip.compress("\n".join(lines).encode()))
    res = _read(p)
    assert [type(r).__name__ for r in res] == ["RawDocument"] * 3 + ["Failure"]


def test_stdin_formats_are_detected(monkeypatch, tmp_path):
    import io
    import sys

    warc = _warc(tmp_path / "s.warc.gz").read_bytes()
    for data, kind in ((b"<html><body><p>x y z</p></body></html>", "html"), (b"Plain text body.", "text"), (warc, "html")):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        res = list(read_inputs(["-"]))
        assert res and all(isinstance(r, RawDocument) and r.kind == kind for r in res)


def test_a_200_mb_file_is_refused_from_its_size(tmp_path):
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.truncate(200 * 2**20)  # sparse: cheap to create, refused before it is read
    (r,) = _read(big)
    assert isinstance(r, Failure) and "200" in r.detail and "limit" in r.detail


def test_gzip_nested_three_deep_is_refused(tmp_path):
    p = tmp_path / "deep.txt.gz"
    p.write_bytes(gzip.compress(gzip.compress(gzip.compress(b"hello world, this is text"))))
    (r,) = _read(p)
    assert isinstance(r, Failure) and "nested" in r.detail


def test_mixed_encodings_keep_both(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("Headline\n\nThe café in Zürich — ".encode() + "it cost 5€, said Muñoz.".encode("cp1252"))
    (r,) = _read(p)
    assert isinstance(r, RawDocument)
    assert "café in Zürich — it cost 5€, said Muñoz." in r.content


def test_feed_with_malformed_xml_keeps_readable_entries(tmp_path):
    p = tmp_path / "broken.xml"
    p.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>"
        "<item><title>One</title><link>https://f.org/1</link><description>First summary & more.</description></item>"
        "<item><title>Two</title><description>Second summary.</description></item>"
        "<item><title>Three"
    )
    res = _read(p)
    docs = [r for r in res if isinstance(r, RawDocument)]
    assert [d.meta["title"] for d in docs][:2] == ["One", "Two"]


def test_placeholder_publication_dates_are_ignored() -> None:
    from newsgraph.clean.html import _parse_dt
    from newsgraph.stages import _to_datetime

    assert _parse_dt("0001-01-01T00:00:00") is None and _to_datetime("0001-01-01") is None
    assert _to_datetime("Wed, 14 Sep 2022 08:15:00 +0400").isoformat() == "2022-09-14T08:15:00+04:00"


def test_an_unforeseen_arithmetic_error_fails_one_item_only() -> None:
    from newsgraph.pipeline import Item, _guard

    item = Item(RawDocument("x.txt", "text", "text"))

    def boom(_: Item) -> None:
        raise OverflowError("date value out of range")

    _guard(item, "time", boom)
    assert item.failure is not None and item.failure.error == "OverflowError" and "time failed" in item.failure.detail


# --- archives, streaming and bad input in detail -----------------------------


def _names(res):
    return [(type(r).__name__, (r.source_path if isinstance(r, RawDocument) else r.input).rsplit("/", 1)[-1]) for r in res]


def _member_starts(data: bytes) -> list[int]:
    return [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"]


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_earlier_records(tmp_path, gz):
    path = _warc(tmp_path / ("t.warc.gz" if gz else "t.warc"), n=4, gz=gz, extra_non_html=False)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])  # cut inside the third record
    res = _read(path)
    assert [r.meta["url"] for r in res if isinstance(r, RawDocument)] == ["https://w.example/0", "https://w.example/1"]
    (bad,) = [r for r in res if isinstance(r, Failure)]
    assert bad.input.endswith("#3") and "truncated" in bad.detail and bad.error == "InputError"


def test_plain_warc_with_a_broken_record_header_keeps_the_others(tmp_path):
    path = _warc(tmp_path / "p.warc", n=4, gz=False, extra_non_html=False)
    data = bytearray(path.read_bytes())
    third = [i for i in range(len(data)) if data[i:i + 9] == b"WARC/1.0\r"][2]
    data[third:third + 30] = b"#" * 30
    path.write_bytes(bytes(data))
    res = _read(path)
    assert [r.meta["url"] for r in res if isinstance(r, RawDocument)] == [
        "https://w.example/0", "https://w.example/1", "https://w.example/3"]
    (bad,) = [r for r in res if isinstance(r, Failure)]
    assert "corrupt archive record" in bad.detail and "resumes" in bad.detail


def test_plain_warc_with_damaged_content_fails_its_block_digest(tmp_path):
    path = _warc(tmp_path / "d.warc", n=3, gz=False, extra_non_html=False)
    data = bytearray(path.read_bytes())
    i = data.index(b"Paragraph 1 of the archived")
    data[i:i + 9] = b"XXXXXXXXX"  # same length: the record structure stays intact
    path.write_bytes(bytes(data))
    res = _read(path)
    assert _names(res) == [("RawDocument", "d.warc#1"), ("Failure", "d.warc#2"), ("RawDocument", "d.warc#3")]
    assert "block digest" in res[1].detail


def test_two_corrupt_records_in_one_archive(tmp_path):
    path = _warc(tmp_path / "two.warc.gz", n=6, extra_non_html=False)
    data = bytearray(path.read_bytes())
    starts = _member_starts(bytes(data)) + [len(data)]
    for k in (1, 4):  # damage the second and fifth records' compressed bodies
        mid = (starts[k] + starts[k + 1]) // 2
        data[mid:mid + 16] = b"\x00" * 16
    path.write_bytes(bytes(data))
    res = _read(path)
    urls = [r.meta["url"] for r in res if isinstance(r, RawDocument)]
    assert urls == ["https://w.example/0", "https://w.example/2", "https://w.example/3", "https://w.example/5"]
    assert sum(isinstance(r, Failure) for r in res) == 2


def test_warc_whose_first_record_is_corrupt_is_still_read(tmp_path):
    path = _warc(tmp_path / "first.warc.gz", n=3, extra_non_html=False)
    data = bytearray(path.read_bytes())
    data[4:30] = b"\x00" * 26  # the first member: content sniffing no longer sees a WARC
    path.write_bytes(bytes(data))
    res = _read(path)
    assert isinstance(res[0], Failure) and res[0].input.endswith("#1")
    assert [r.meta["url"] for r in res[1:]] == ["https://w.example/1", "https://w.example/2"]


def test_warc_compressed_as_one_gzip_stream(tmp_path):
    plain = _warc(tmp_path / "plain.warc", n=3, gz=False).read_bytes()
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain))
    res = _read(path)
    assert [r.meta["url"] for r in res] == ["https://w.example/0", "https://w.example/1", "https://w.example/2"]


def test_warc_skips_and_counts_records_that_are_not_html_responses(tmp_path):
    from newsgraph.ingest.warc import ReadStats

    stats = ReadStats()
    res = list(read_inputs([str(_warc(tmp_path / "s.warc.gz", n=2))], stats=stats))
    assert _names(res) == [("RawDocument", "s.warc.gz#1"), ("RawDocument", "s.warc.gz#3")]
    assert stats.skipped == 2 and stats.skipped_kinds["response image/png"] == 2


def test_arc_archive(tmp_path):
    html = b"<html><body><p>An ARC page with its body text.</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    desc = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://x.arc 0.0.0.0 20230314170500 text/plain %d\n%s\n" % (len(desc), desc)
    arc += b"http://a.example/1 1.2.3.4 20230314170500 text/html %d\n%s\n" % (len(http), http)
    path = tmp_path / "old.arc"
    path.write_bytes(arc)
    (r,) = _read(path)
    assert r.source_path.endswith("old.arc#2") and r.meta["url"] == "http://a.example/1"
    assert r.meta["fetched"] == "2023-03-14T17:05:00Z" and "ARC page" in r.content


def test_warc_chunked_and_gzip_encoded_response(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = gzip.compress(b"<html><body><p>Chunked and gzip-encoded body text.</p></body></html>")
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    path = tmp_path / "ch.warc"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"),
                                         ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://c.example/", "response", payload=io.BytesIO(chunked),
                                            length=len(chunked), http_headers=hh))
    (r,) = _read(path)
    assert r.content == "<html><body><p>Chunked and gzip-encoded body text.</p></body></html>"


def test_warc_response_over_the_page_limit_fails_alone(tmp_path, monkeypatch):
    import newsgraph.ingest.warc as warc

    monkeypatch.setattr(warc, "MAX_DOCUMENT_BYTES", 300)
    res = _read(_warc(tmp_path / "big.warc.gz", n=2, extra_non_html=False))
    assert all(isinstance(r, Failure) and "limit" in r.detail for r in res) and len(res) == 2


def test_forcing_warc_on_something_else_says_so(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("Just a page of text.")
    (r,) = _read(p, fmt="warc")
    assert isinstance(r, Failure) and "not a readable WARC or ARC archive" in r.detail


class _Counting:
    """A seekable byte stream that counts what it hands out (to prove streaming)."""

    def __init__(self, data: bytes) -> None:
        import io

        self._f = io.BytesIO(data)
        self.served = 0

    def read(self, n=-1):
        b = self._f.read(n)
        self.served += len(b)
        return b

    def readline(self, n=-1):
        b = self._f.readline(n)
        self.served += len(b)
        return b

    def __getattr__(self, name):
        return getattr(self._f, name)


def test_archives_and_dumps_are_streamed(tmp_path):
    from newsgraph.ingest.readers import read_jsonl_stream
    from newsgraph.ingest.warc import read_warc

    warc = _Counting(_warc(tmp_path / "many.warc.gz", n=300).read_bytes())
    first = next(read_warc("many.warc.gz", warc))
    assert isinstance(first, RawDocument) and len(warc.getvalue()) > 200_000 and warc.served < 40_000
    dump = _Counting("\n".join(json.dumps({"text": f"Body {i}. " * 20}) for i in range(5000)).encode())
    first = next(read_jsonl_stream("d.jsonl", dump, 0, None, {}))
    assert isinstance(first, RawDocument) and len(dump.getvalue()) > 200_000 and dump.served < 40_000


def test_truncated_gzip_dump_keeps_the_records_before(tmp_path):
    p = tmp_path / "cut.jsonl.gz"
    data = gzip.compress("\n".join(json.dumps({"text": f"Body {i} " * 30}) for i in range(400)).encode())
    p.write_bytes(data[: len(data) // 2])
    res = _read(p)
    assert isinstance(res[0], RawDocument) and isinstance(res[-1], Failure)
    assert "truncated gzip" in res[-1].detail and all(isinstance(r, RawDocument) for r in res[:-1])


def test_over_long_jsonl_line_fails_alone(tmp_path, monkeypatch):
    import newsgraph.ingest.readers as readers

    monkeypatch.setattr(readers, "MAX_DOCUMENT_BYTES", 200)
    p = tmp_path / "long.jsonl"
    p.write_text("\n".join([json.dumps({"text": "short"}), json.dumps({"text": "x" * 1000}), json.dumps({"text": "also short"})]))
    res = _read(p)
    assert _names(res) == [("RawDocument", "long.jsonl#1"), ("Failure", "long.jsonl#2"), ("RawDocument", "long.jsonl#3")]


def _stdin(monkeypatch, raw):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw if hasattr(raw, "readinto") else io.BytesIO(raw)))


def test_stdin_gzip_jsonl_and_warc(monkeypatch, tmp_path):
    _stdin(monkeypatch, gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n'))
    assert [r.content for r in read_inputs(["-"])] == ["One.", "Two."]
    _stdin(monkeypatch, gzip.compress(b"<html><body><p>Zipped page.</p></body></html>"))
    (r,) = read_inputs(["-"])
    assert r.kind == "html" and "Zipped page" in r.content
    _stdin(monkeypatch, _warc(tmp_path / "p.warc", n=2, gz=False).read_bytes())
    assert [r.source_path for r in read_inputs(["-"])] == ["-#1", "-#3"]


def test_corrupt_warc_on_stdin_keeps_earlier_records(monkeypatch, tmp_path):
    data = bytearray(_warc(tmp_path / "c.warc.gz", n=4, extra_non_html=False).read_bytes())
    starts = _member_starts(bytes(data))
    mid = (starts[2] + starts[3]) // 2
    data[mid:mid + 16] = b"\x00" * 16
    _stdin(monkeypatch, bytes(data))
    res = list(read_inputs(["-"]))
    assert [r.meta["url"] for r in res if isinstance(r, RawDocument)] == ["https://w.example/0", "https://w.example/1"]
    assert isinstance(res[-1], Failure) and res[-1].input == "-#3" and "cannot be resynchronised" in res[-1].detail
    # gzip over the whole archive: warcio reads only the first record of it, and a pipe cannot be rewound
    _stdin(monkeypatch, gzip.compress(_warc(tmp_path / "p.warc", n=3, gz=False, extra_non_html=False).read_bytes()))
    first, last = read_inputs(["-"])
    assert isinstance(first, RawDocument) and isinstance(last, Failure) and "zcat" in last.detail


def test_a_200_mb_page_on_stdin_is_refused_after_the_limit(monkeypatch):
    import io

    size = 200 * 2**20

    class Endless(io.RawIOBase):
        served = 0

        def readable(self):
            return True

        def readinto(self, b):
            n = min(len(b), size - self.served)
            b[:n] = (b"<p>" + b"x" * len(b))[:n]
            self.served += n
            return n

    src = Endless()
    _stdin(monkeypatch, io.BufferedReader(src))
    (r,) = read_inputs(["-"])
    assert isinstance(r, Failure) and "limit" in r.detail
    assert src.served <= MAX_DOCUMENT_BYTES + 2 * 2**20  # not the whole 200 MB


def test_gzip_nested_two_deep_is_read(tmp_path):
    p = tmp_path / "twice.txt.gz"
    p.write_bytes(gzip.compress(gzip.compress(b"Headline\n\nA body paragraph inside two layers of gzip.")))
    (r,) = _read(p)
    assert isinstance(r, RawDocument) and "two layers" in r.content


def test_truncated_html_keeps_its_body_and_bodiless_html_fails():
    from newsgraph.clean.html import extract_html
    from newsgraph.errors import NoContentError

    page = ("<html><head><title>Talks in Ankara</title></head><body><article><h1>Talks in Ankara</h1>"
            + "".join(f"<p>Paragraph {i}: the foreign minister met her counterpart in Ankara on Tuesday for talks "
                      "on energy and security, officials said after the meeting.</p>" for i in range(4))
            + "</article></body></html>")
    cut = page[: page.index("<p>Paragraph 3") + 2]  # ends inside the fourth paragraph's tag
    assert cut.endswith("</p><p")
    text = extract_html(cut).text
    assert "Paragraph 0" in text and "Paragraph 2" in text
    with pytest.raises(NoContentError, match="no article body"):
        extract_html("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")


def test_a_feed_with_no_readable_entry_says_why(tmp_path):
    p = tmp_path / "junk.xml"
    p.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Broken</tit")
    (r,) = _read(p)
    assert isinstance(r, Failure) and r.error == "FormatError" and "not a readable feed" in r.detail


def test_cli_refuses_an_unknown_field_name_before_reading(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main

    res = CliRunner().invoke(main, ["--db", str(tmp_path / "t.db"), "ingest", str(tmp_path), "--field", "body=text"])
    assert res.exit_code == 2 and "unknown JSONL field" in res.output and not (tmp_path / "t.db").exists()


def test_records_in_memory_are_read_like_jsonl_lines():
    from newsgraph.ingest.readers import read_records

    got = list(read_records("api:job1", [
        {"text": "Body one.", "title": "One", "outlet": "Wire"},
        {"title": "No body"},
        ["not", "an", "object"],  # type: ignore[list-item]
        {"html": "<p>Two</p>", "url": "https://x.example/2"},
    ]))
    assert [getattr(r, "source_path", None) or r.input for r in got] == [
        "api:job1#1", "api:job1#2", "api:job1#3", "api:job1#4"]
    assert got[0].kind == "text" and got[0].meta == {"title": "One", "outlet": "Wire"}
    assert got[1].error == "NoContentError" and got[2].error == "FormatError"
    assert got[3].kind == "html" and got[3].meta["url"] == "https://x.example/2"


def test_root_confines_a_folder_walk_to_real_files_inside_it(tmp_path):
    """A link inside the root to a file outside it is read as a failure, not as an article
    (the REST API's --ingest-root; the check runs as each file is opened)."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "inside.txt").write_text("An article inside the root, long enough to be read.", encoding="utf-8")
    (outside / "secret.txt").write_text("Not for the API.", encoding="utf-8")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    got = list(read_inputs([str(root)], root=str(root)))
    read = {getattr(r, "source_path", None) for r in got} - {None}
    failed = {r.input: r.detail for r in got if not hasattr(r, "source_path")}
    assert read == {str(root / "inside.txt")}
    assert list(failed) == [str(root / "link.txt")] and "outside the ingest root" in failed[str(root / "link.txt")]
    # without a root the same walk follows the link, as the CLI always has
    assert len([r for r in read_inputs([str(root)]) if hasattr(r, "source_path")]) == 2
