"""Near-duplicate (wire copy) detection: MinHash signatures, the index, storage, and ingest."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgraph.ingest import neardup as nd
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
    from newsgraph.model import Article

    sig = nd.signature("\n\n".join(WIRE))
    back = nd.Signature.from_bytes(sig.to_bytes(), sig.n_shingles)
    assert nd.containment(sig, back) == pytest.approx(1.0)
    store = open_store(":memory:")
    art = Article(id="a1", source_path="x.txt", text="\n\n".join(WIRE))
    store.write_batch([(art, "h1", {})], [], [(art.id, sig.n_shingles, sig.to_bytes())])
    ((aid, n, data),) = list(store.original_signatures())
    assert aid == "a1" and n == sig.n_shingles
    assert nd.containment(sig, nd.Signature.from_bytes(data, n)) == pytest.approx(1.0)


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
