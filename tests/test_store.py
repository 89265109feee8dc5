"""Store: migrations, idempotent writes, queries, and Hypothesis round-trips (in-memory SQLite)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import (
    ActorRef,
    Article,
    Entity,
    Event,
    Evidence,
    Failure,
    Location,
    Quote,
    SpeakerRef,
    Story,
    to_record,
)
from newsgraph.store import open_store
from newsgraph.store.db import CorpusResult, EventFilter
from newsgraph.store.migrations import MIGRATIONS


@pytest.fixture
def store():
    s = open_store(":memory:")
    yield s
    s.close()


def _article(i: int, text: str = "Body text.") -> Article:
    return Article(id=f"a_{i}", source_path=f"in/{i}.txt", text=text, url=f"https://x.org/{i}", outlet="X",
                   title=f"T{i}", authors=["A B"], published="2023-03-14T17:05:00+00:00", published_source="text")


def test_migrations_applied_once_in_order(tmp_path):
    path = str(tmp_path / "n.db")
    s = open_store(path)
    assert s.applied_migrations() == [v for v, _, _ in MIGRATIONS]
    s.close()
    s2 = open_store(path)
    assert s2.migrate() == []  # nothing pending the second time
    s2.close()


def test_write_is_idempotent_and_failures_deduplicated(store):
    fail = Failure("bad.bin", "ingest", "InputError", "bad.bin: looks binary")
    store.write_batch([(_article(1), "h1", {"events": []})], [fail])
    store.write_batch([(_article(1), "h1", {"events": []})], [fail])
    assert store.counts()["articles"] == 1
    assert store.counts()["failures"] == 1


def test_failure_cleared_when_input_later_stored(store):
    store.record_failures([Failure("in/1.txt", "clean", "NoContentError", "in/1.txt: empty")])
    store.write_batch([(_article(1), "h1", {})], [])
    assert store.failures() == []


def test_postgres_url_gives_clear_error():
    from newsgraph.errors import StoreError

    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store("postgresql://user@127.0.0.1/test")


def test_full_text_search(store):
    store.write_batch([(_article(1, "Baerbock will visit Ankara."), "h1", {}), (_article(2, "Protest in Tbilisi."), "h2", {})], [])
    assert [a.id for a in store.search_articles("Ankara")] == ["a_1"]
    assert store.search_articles('"; DROP TABLE articles; --') == []
    assert store.counts()["articles"] == 2


def _event(i: int, etype: str = "CONSULT", date: str = "2023-03-16", country: str = "DEU", target: str = "TUR") -> Event:
    return Event(id=f"ev_{i}", type=etype, mode="visit", cameo="042", aux_mode="future",
                 actor=[ActorRef("ent_1", "Annalena Baerbock", country, "GOV")],
                 recipient=[ActorRef("ent_2", target, target, "GOV")], date=date, date_precision="day",
                 location=Location("Ankara", 39.9, 32.8, "TUR"), story_id="story_1", article_ids=["a_1"],
                 confidence=0.8, evidence=[Evidence("a_1", "She will visit.", 0, 15)])


def test_event_filters(store):
    store.write_batch([(_article(1), "h1", {})], [])
    evs = [_event(1), _event(2, "ASSAULT", "2022-09-13", "AZE", "ARM")]
    store.replace_corpus(CorpusResult(events=evs))
    assert [e.id for e in store.events(EventFilter(type="consult"))] == ["ev_1"]
    assert [e.id for e in store.events(EventFilter(country="TUR"))] == ["ev_1"]
    assert [e.id for e in store.events(EventFilter(country="AZE"))] == ["ev_2"]
    assert [e.id for e in store.events(EventFilter(since="2023-01-01"))] == ["ev_1"]
    assert [e.id for e in store.events(EventFilter(until="2023-03-16"))] == ["ev_2", "ev_1"]
    assert [e.id for e in store.events(EventFilter(actor="Baerbock"))] == ["ev_2", "ev_1"]
    assert store.events(EventFilter(min_confidence=0.9)) == []


def test_replace_corpus_is_atomic(store):
    store.replace_corpus(CorpusResult(events=[_event(1)]))
    bad = CorpusResult(events=[_event(2), _event(2)])  # duplicate primary key: the whole swap must roll back
    with pytest.raises(Exception):  # noqa: B017
        store.replace_corpus(bad)
    assert [e.id for e in store.events()] == ["ev_1"]


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
opt = st.one_of(st.none(), text)
refs = st.lists(st.builds(ActorRef, entity_id=opt, name=text, country=opt, sector=opt), max_size=3)


@settings(max_examples=40, deadline=None)
@given(
    st.builds(
        Event, id=st.text(min_size=1, max_size=12), type=st.sampled_from(["CONSULT", "ASSAULT", "PROTEST"]),
        mode=opt, context=st.lists(text, max_size=3), cameo=opt,
        aux_mode=st.sampled_from([None, "future", "hypothetical", "negation", "historical"]),
        actor=refs, recipient=refs, date=opt, date_precision=st.sampled_from([None, "day", "week", "month", "year"]),
        location=st.one_of(st.none(), st.builds(Location, name=text, lat=st.floats(-90, 90), lon=st.floats(-180, 180), country=opt)),
        story_id=opt, article_ids=st.lists(text, max_size=3), num_articles=st.integers(1, 9), num_sources=st.integers(1, 9),
        confidence=st.floats(0, 1), evidence=st.lists(st.builds(Evidence, article_id=text, sentence=text, start=st.integers(0, 99), end=st.integers(0, 99)), max_size=2),
    )
)
def test_event_round_trip(ev):
    s = open_store(":memory:")
    s.replace_corpus(CorpusResult(events=[ev]))
    (back,) = s.events()
    assert to_record(back) == json.loads(json.dumps(to_record(ev)))
    s.close()


@settings(max_examples=30, deadline=None)
@given(
    st.builds(Article, id=st.text(min_size=1, max_size=10), source_path=text, text=st.text(min_size=1, max_size=200),
              url=opt, outlet=opt, title=opt, authors=st.lists(text, max_size=3), published=opt, section=opt,
              meta=st.dictionaries(st.text(min_size=1, max_size=8), text, max_size=3)),
    st.builds(Entity, id=st.text(min_size=1, max_size=10), name=text, type=st.sampled_from(["PERSON", "ORG", "GPE"]),
              country=opt, sector=opt, aliases=st.lists(text, max_size=3), article_ids=st.lists(text, max_size=3)),
    st.builds(Quote, id=st.text(min_size=1, max_size=10), article_id=text, text=text, start=st.integers(0, 50),
              end=st.integers(0, 50), speaker=st.one_of(st.none(), st.builds(SpeakerRef, entity_id=opt, name=text))),
)
def test_article_entity_quote_story_round_trip(article, entity, quote):
    s = open_store(":memory:")
    s.write_batch([(article, "h", {})], [])
    quote.article_id = article.id
    story = Story(id="s1", title="t", summary="s", article_ids=[article.id])
    s.replace_corpus(CorpusResult(entities=[entity], quotes=[quote], stories=[story], article_story={article.id: "s1"}))
    got = s.article(article.id)
    assert got is not None
    article.story_id = "s1"
    assert to_record(got) == to_record(article)
    assert [to_record(e) for e in s.entities()] == [to_record(entity)]
    assert [to_record(q) for q in s.quotes()] == [to_record(quote)]
    assert [to_record(x) for x in s.stories()] == [to_record(story)]
    s.close()
