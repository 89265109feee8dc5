"""Bad input through the whole CLI: each input or record fails alone with a reason, the rest is stored.

One folder mixes good and bad inputs of every format the issue names:
truncated HTML, HTML without body text, a feed with malformed XML, a WARC
with a corrupt record, mixed encodings, a 200 MB file and nested gzip.
"""

from __future__ import annotations

import gzip

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.store import open_store

pytestmark = pytest.mark.slow

BODY = "".join(
    f"<p>Paragraph {i}: the foreign minister met her counterpart in Ankara on Tuesday for talks on energy and security, "
    "officials said after the meeting.</p>"
    for i in range(4)
)


def _corrupt_warc(path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i in range(3):
            body = f"<html><head><title>Archived {i}</title></head><body><article><h1>Archived {i}</h1>{BODY}</article></body></html>"
            data = body.replace("Paragraph", f"Archive {i} paragraph").encode()
            hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>", "WARC-Date": "2023-03-14T17:05:00Z"}
            w.write_record(w.create_warc_record(f"https://w.example/{i}", "response", payload=io.BytesIO(data),
                                                length=len(data), http_headers=hh, warc_headers_dict=fixed))
    raw = bytearray(path.read_bytes())
    starts = [i for i in range(len(raw) - 2) if raw[i:i + 3] == b"\x1f\x8b\x08"]
    mid = (starts[1] + starts[2]) // 2
    raw[mid:mid + 20] = b"\x00" * 20
    path.write_bytes(bytes(raw))


def test_every_bad_input_fails_alone(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    full = f"<html><head><title>Good page</title></head><body><article><h1>Good page</h1>{BODY}</article></body></html>"
    (d / "good.html").write_text(full)
    (d / "truncated.html").write_text(full[: len(full) // 2])  # cut mid-paragraph, no closing tags
    (d / "nobody.html").write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    (d / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title><item><title>Entry</title>"
        "<link>https://f.example/1</link><description>The foreign minister arrived in Ankara on Tuesday for talks, "
        "officials said.</description></item><item><title>Broken"
    )
    _corrupt_warc(d / "crawl.warc.gz")
    (d / "mixed.txt").write_bytes(
        "Minister visits Ankara\n\nThe minister's visit to the café in Ankara — ".encode()
        + "it cost 5€, said Muñoz, who met her on Tuesday for talks on energy.".encode("cp1252")
    )
    with (d / "huge.txt").open("wb") as fh:
        fh.write(b"text")
        fh.truncate(200 * 2**20)
    (d / "bomb.txt.gz").write_bytes(gzip.compress(gzip.compress(gzip.compress(b"tiny"))))
    db = str(tmp_path / "t.db")
    res = CliRunner().invoke(main, ["--db", db, "ingest", str(d)])
    assert res.exit_code == 0, res.output
    s = open_store(db)
    fails = {f.input.rsplit("/", 1)[-1]: f.detail for f in s.failures()}
    stored = {a.source_path.rsplit("/", 1)[-1] for a in s.articles()}
    s.close()
    assert {"good.html", "truncated.html", "feed.xml#1", "crawl.warc.gz#1", "crawl.warc.gz#3", "mixed.txt"} <= stored
    assert "no article body" in fails["nobody.html"]
    assert "corrupt archive record" in fails["crawl.warc.gz#2"]
    assert "limit" in fails["huge.txt"]
    assert "nested" in fails["bomb.txt.gz"]
    assert all(detail for detail in fails.values())


def test_cli_field_include_and_outlet_map(tmp_path):
    import json

    d = tmp_path / "in"
    (d / "drafts").mkdir(parents=True)
    rec = {"body": "The foreign minister met her counterpart in Ankara on Tuesday for talks on energy, officials said. "
                   "The two sides agreed to meet again next month.",
           "date": "2023-03-14T17:05:00+00:00", "link": "https://www.ledger.example/world/1"}
    (d / "dump.jsonl").write_text(json.dumps(rec) + "\n")
    (d / "drafts" / "draft.jsonl").write_text(json.dumps(rec | {"body": "Draft. " + rec["body"]}) + "\n")
    omap = tmp_path / "outlets.yaml"
    omap.write_text("ledger.example: The Northern Ledger\n")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    bad = runner.invoke(main, ["--db", db, "ingest", str(d), "--field", "body"])
    assert bad.exit_code != 0 and "OURS=THEIRS" in bad.output
    res = runner.invoke(main, ["--db", db, "ingest", str(d), "--include", "*.jsonl", "--exclude", "drafts/*",
                               "--field", "text=body", "--field", "published=date", "--field", "url=link",
                               "--outlet-map", str(omap), "--json"])
    assert res.exit_code == 0, res.output
    s = open_store(db)
    (a,) = s.articles()
    s.close()
    assert a.outlet == "The Northern Ledger" and a.published.startswith("2023-03-14T17:05")
    assert a.text.startswith("The foreign minister")
