"""Near-duplicate (wire copy) detection: MinHash signatures, the index, storage, and ingest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from newsgraph.api import IngestSummary, store_items
from newsgraph.corpus import rebuild
from newsgraph.ingest import neardup as nd
from newsgraph.model import Article, RawDocument
from newsgraph.pipeline import Item, content_hash
from newsgraph.store import open_store

WIRE = [
    "The foreign ministers of Armenia and Azerbaijan met in Washington on Monday for a third round of talks on a peace "
    "treaty, officials said, after weeks of clashes along the border that killed at least a dozen soldiers.",
    "The talks, hosted by the secretary of state, focused on the demarcation of the border and the opening of "
    "transport links through the south of Armenia, a diplomat familiar with the negotiations said.",
    "Neither side gave details of what had been agreed. A joint statement is expected on Tuesday, when the "
    "ministers are due to meet again before travelling back to Yerevan and Baku.",
    "The European Union and Russia have both tried to mediate between the two countries since the war of 2020, "
    "which ended with a ceasefire brokered by Moscow and the deployment of Russian peacekeepers.",
]
OTHER = [
    "Hundreds of people marched through the centre of Tbilisi on Saturday evening to protest against a draft law "
    "on foreign agents, which opponents say would silence independent media and civil society groups.",
    "Police blocked the road to parliament with metal barriers and used water cannon after some protesters "
    "threw bottles, the interior ministry said in a statement published on its website.",
    "The ruling party says the law copies American legislation and is needed to make the funding of "
    "organisations transparent. The president has said she would veto it if it is passed.",
]


def test_wire_copy_with_new_headline_dateline_and_a_cut_is_found() -> None:
    index = nd.NearDuplicateIndex()
    index.add("orig", nd.signature("\n\n".join(WIRE)))
    copy = "\n\n".join(["Ministers meet again in Washington", "WASHINGTON (Global Wire) - " + WIRE[0], *WIRE[1:3]])
    got = index.match(nd.signature(copy))
    assert got is not None and got[0] == "orig" and got[1] >= nd.MIN_CONTAINMENT


def test_a_different_report_is_not_a_copy() -> None:
    index = nd.NearDuplicateIndex()
    index.add("orig", nd.signature("\n\n".join(WIRE)))
    assert index.match(nd.signature("\n\n".join(OTHER))) is None
    # a rewrite of the same event in other words shares names, not sentences
    rewrite = ("Armenian and Azerbaijani foreign ministers held a third round of peace negotiations in Washington "
               "on Monday. Officials gave no details; the border, transport links and the peacekeepers were on the "
               "agenda, and a joint statement may follow on Tuesday before the ministers return to Yerevan and Baku.")
    assert index.match(nd.signature(rewrite)) is None


def test_short_texts_are_never_copies() -> None:
    index = nd.NearDuplicateIndex()
    short = "Ministers met in Washington on Monday."
    index.add("a", nd.signature(short))
    assert len(index) == 0 and index.match(nd.signature(short)) is None


def test_signature_bytes_round_trip_through_the_store() -> None:
    sig = nd.signature("\n\n".join(WIRE))
    back = nd.Signature.from_bytes(sig.to_bytes(), sig.n_shingles)
    assert nd.containment(sig, back) == pytest.approx(1.0)
    store = open_store(":memory:")
    art = Article(id="a1", source_path="x.txt", text="\n\n".join(WIRE))
    store.write_batch([(art, "h1", {})], [], [(art.id, sig.n_shingles, sig.to_bytes())])
    ((aid, n, data),) = list(store.original_signatures())
    assert aid == "a1" and n == sig.n_shingles
    assert nd.containment(sig, nd.Signature.from_bytes(data, n)) == pytest.approx(1.0)
    # a stored copy keeps its signature but is never loaded as an original (no copy of a copy)
    dup = Article(id="a2", source_path="y.txt", text=art.text, duplicate_of="a1")
    store.write_batch([(dup, "h1", {})], [], [(dup.id, sig.n_shingles, sig.to_bytes())])
    assert [aid for aid, _, _ in store.original_signatures()] == ["a1"]
    store.close()


@pytest.mark.slow
def test_two_outlets_printing_one_wire_story_are_one_source(tmp_path) -> None:
    from newsgraph.cli import main

    first = tmp_path / "a"
    second = tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "meridian.txt").write_text("\n\n".join(
        ["Source: https://www.meridian.example/world/armenia-azerbaijan-talks", "Ministers meet in Washington",
         "By Global Wire", "Monday 13 March 2023 18:00 GMT", *WIRE]))
    (second / "harbour.txt").write_text("\n\n".join(
        ["Source: https://harbourpost.example/news/talks", "Armenia and Azerbaijan hold third round of talks",
         "Monday 13 March 2023 19:30 GMT", "WASHINGTON (Global Wire) - " + WIRE[0], *WIRE[1:3],
         "Sign up to our daily newsletter"]))
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(first)]).exit_code == 0
    res = runner.invoke(main, ["--db", db, "ingest", str(second), "--json"])  # a later run: signatures come from the store
    assert res.exit_code == 0, res.output
    assert '"near_duplicates": 1' in res.output
    store = open_store(db)
    arts = {a.outlet: a for a in store.articles()}
    events = store.events()
    store.close()
    orig, copy = arts["Meridian"], arts["Harbour Post"]
    assert copy.duplicate_of == orig.id and orig.duplicate_of is None
    assert copy.story_id == orig.story_id
    # merged events that both copies report count one source, not two
    both = [e for e in events if e.num_articles >= 2]
    assert both and all(e.num_sources == 1 for e in both)


def _item(aid: str, outlet: str, text: str, published: str, terms: dict[str, float]) -> Item:
    """A processed item as the pipeline hands it to the store, with one hand-built ASSAULT mention."""
    mention = {
        "type": "ASSAULT", "mode": None, "cameo": "190", "context": [], "aux_mode": None, "date": "2023-03-13",
        "date_precision": "day", "date_source": "text", "location": None, "confidence": 0.7,
        "sentence": "s", "start": 0, "end": 1, "trigger": "t", "trigger_start": 0, "pattern": "p",
        "actor": [{"key": "country:AZE", "name": "Azerbaijan", "country": "AZE", "sector": "GOV"}],
        "recipient": [{"key": "country:ARM", "name": "Armenia", "country": "ARM", "sector": "GOV"}],
    }
    art = Article(id=aid, source_path=f"{aid}.txt", text=text, url=f"https://{outlet.lower()}.example/{aid}",
                  outlet=outlet, published=published)
    return Item(RawDocument(art.source_path, text, "text"), art, content_hash(text),
                ann={"events": [mention], "terms": terms})


def test_store_items_links_wire_copies_to_the_original_and_merged_events_count_one_source() -> None:
    """Fast (no spaCy): across two ingest runs and two batches, copies of a copy still point at the original."""
    store = open_store(":memory:")
    loads = 0
    real_load = store.original_signatures

    def counting_load() -> Iterator[tuple[str, int, bytes]]:
        nonlocal loads
        loads += 1
        return real_load()

    store.original_signatures = counting_load  # type: ignore[method-assign]
    wire_terms = {"azerbaijan": 2.0, "armenia": 2.0, "talk": 1.0, "washington": 1.0}
    body = "\n\n".join(WIRE)
    first = IngestSummary()
    store_items(store, [_item("a_orig", "Meridian", "Ministers meet in Washington\n\n" + body,
                              "2023-03-13T18:00:00+00:00", wire_terms)], 2, first)
    assert first.as_dict()["duplicates"] == 0
    # A later run: another outlet's copy with its own headline, dateline and furniture; an
    # exact copy of that copy (same text hash as a stored *duplicate*); an unrelated report.
    copy = "\n\n".join(["Armenia and Azerbaijan hold third round of talks", "WASHINGTON (Global Wire) - " + WIRE[0],
                        *WIRE[1:], "Sign up to our daily newsletter"])
    second = IngestSummary()
    store_items(store, [
        _item("a_copy", "Harbour Post", copy, "2023-03-13T19:30:00+00:00", wire_terms),
        _item("a_other", "Tbilisi Daily", "\n\n".join(OTHER), "2023-03-13T20:00:00+00:00",
              {"tbilisi": 2.0, "protest": 2.0, "law": 1.0}),
        _item("a_copy2", "Continental Times", copy, "2023-03-13T21:00:00+00:00", wire_terms),
    ], 2, second)
    assert loads == 2  # the index is loaded once per call, not once per batch
    assert second.as_dict()["duplicates"] == 2 and second.near_duplicates == 2 and second.stored == 3
    arts = {a.id: a for a in store.articles()}
    assert arts["a_copy"].duplicate_of == "a_orig" and arts["a_copy2"].duplicate_of == "a_orig"
    assert arts["a_orig"].duplicate_of is None and arts["a_other"].duplicate_of is None

    rebuild(store)
    arts = {a.id: a for a in store.articles()}
    assert arts["a_copy"].story_id == arts["a_copy2"].story_id == arts["a_orig"].story_id
    (wire_event,) = [e for e in store.events() if "a_orig" in e.article_ids]
    assert wire_event.num_articles == 3 and wire_event.num_sources == 1
    store.close()


def test_copies_within_one_batch_link_to_the_first() -> None:
    store = open_store(":memory:")
    summary = IngestSummary()
    body = "\n\n".join(WIRE)
    store_items(store, [_item("a_1", "A", "Headline one\n\n" + body, "2023-03-13T18:00:00+00:00", {}),
                        _item("a_2", "B", "Another headline\n\n" + body + "\n\nAdvertisement",
                              "2023-03-13T18:05:00+00:00", {})], 64, summary)
    assert summary.near_duplicates == 1
    assert store.article("a_2").duplicate_of == "a_1"  # type: ignore[union-attr]
    store.close()


def test_originals_stored_before_signatures_existed_get_them_on_the_next_ingest() -> None:
    from newsgraph.api import load_near_duplicate_index

    store = open_store(":memory:")
    old = Article(id="a_old", source_path="old.txt", text="Headline\n\n" + "\n\n".join(WIRE))
    store.write_batch([(old, "h_old", {})], [])  # as an issue-2 database: no signature row
    assert store.originals_without_signature() == [("a_old", old.text)]
    index = load_near_duplicate_index(store)
    assert len(index) == 1 and store.originals_without_signature() == []
    got = index.match(nd.signature("Another headline\n\n" + "\n\n".join(WIRE[:3])))
    assert got is not None and got[0] == "a_old"
    store.close()
