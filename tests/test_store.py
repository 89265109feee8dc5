"""Store: migrations, idempotent writes, queries, and Hypothesis round-trips, on SQLite and PostgreSQL.

Every test taking ``store``, ``make_store`` or ``new_db`` runs once per backend
(see tests/conftest.py: PostgreSQL cases use a fresh schema on $NEWSGRAPH_TEST_POSTGRES).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import StoreError
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
def store(make_store):
    return make_store()


def _article(i: int, text: str = "Body text.") -> Article:
    return Article(id=f"a_{i}", source_path=f"in/{i}.txt", text=text, url=f"https://x.org/{i}", outlet="X",
                   title=f"T{i}", authors=["A B"], published="2023-03-14T17:05:00+00:00", published_source="text")


def test_migrations_applied_once_in_order(new_db):
    path = new_db(reopenable=True)
    s = open_store(path)
    assert s.applied_migrations() == [m.version for m in MIGRATIONS]
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


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://newsgraph:s3cret@127.0.0.1:9/test",  # the discard port: nothing listens
        "postgres://newsgraph@127.0.0.1:9/test?password=s3cret",
        "postgresql://newsgraph:s3cret@[127.0.0.1:9/test",  # unparseable: libpq quotes it back
    ],
)
def test_unreachable_postgres_gives_store_error_without_password(url):
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match=r"(127\.0\.0\.1:9/test|unparseable URL\)): cannot connect to PostgreSQL") as e:
        open_store(url)
    assert "s3cret" not in str(e.value) and e.value.code == "E020"


def test_redact_url_drops_only_the_password():
    from newsgraph.store.postgres import redact_url

    assert redact_url("postgresql://u:p%40ss@db.example:5432/news?sslmode=require&password=x") == (
        "postgresql://u@db.example:5432/news?sslmode=require")
    assert redact_url("postgresql://db.example/news") == "postgresql://db.example/news"


def test_nul_characters(store, store_backend):
    """SQLite stores NUL in text; PostgreSQL text cannot hold it: the batch fails whole, with a StoreError."""
    bad = _article(9, "Before\x00after.")
    if store_backend == "sqlite":
        store.write_batch([(bad, "h9", {})], [])
        assert store.article("a_9").text == "Before\x00after."
        return
    with pytest.raises(StoreError, match="could not store the batch.*NUL"):
        store.write_batch([(_article(1), "h1", {}), (bad, "h9", {})], [])
    assert store.counts()["articles"] == 0


def test_outlet_counts_add_up(store):
    lowest, highest = -(2**63), 2**63 - 1  # line hashes are signed 64-bit
    store.add_outlet_lines([("X", 2, {lowest: 1, highest: 2})])
    store.add_outlet_lines([("X", 3, {lowest: 2}), ("Y", 1, {7: 1})])
    assert store.outlet_lines("X") == (5, {lowest: 3, highest: 2})
    assert store.outlet_lines("Z") == (0, {})
    store.add_outlet_areas([("X", 4, {"USA.ohio": 3})])
    store.add_outlet_areas([("X", 1, {"USA.ohio": 1, "GBR": 1})])
    assert store.outlet_areas("X") == (5, {"USA.ohio": 4, "GBR": 1})


def test_signatures_and_annotations_replace(store):
    a = _article(1)
    store.write_batch([(a, "h1", {"v": 1})], [], [("a_1", 3, b"\x00\xff" * 4)])
    store.write_batch([(a, "h1", {"v": 2})], [], [("a_1", 4, b"\x01" * 8)])
    assert list(store.original_signatures()) == [("a_1", 4, b"\x01" * 8)]
    assert [ann for _, ann in store.iter_annotated()] == [{"v": 2}]
    a.published, a.published_source = "2020-01-01", "inferred"
    store.update_annotated([(a, {"v": 3})])
    assert [(x.published, ann) for x, ann in store.annotated(["a_1"])] == [("2020-01-01", {"v": 3})]
    assert store.ids_by_text_hash(["h1", "h2"]) == {"h1": "a_1"}
    assert store.existing_article_ids(["a_1", "a_2"]) == {"a_1"}


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


# No NUL: PostgreSQL text cannot hold it (test_nul_characters covers that case on both backends).
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
ident = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12)
# Each example makes its own fresh store from the function-scoped factory.
FACTORY = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
opt = st.one_of(st.none(), text)
refs = st.lists(st.builds(ActorRef, entity_id=opt, name=text, country=opt, sector=opt), max_size=3)


@settings(FACTORY, max_examples=40)
@given(
    st.builds(
        Event, id=ident, type=st.sampled_from(["CONSULT", "ASSAULT", "PROTEST"]),
        mode=opt, context=st.lists(text, max_size=3), cameo=opt,
        aux_mode=st.sampled_from([None, "future", "hypothetical", "negation", "historical"]),
        actor=refs, recipient=refs, date=opt, date_precision=st.sampled_from([None, "day", "week", "month", "year"]),
        location=st.one_of(st.none(), st.builds(Location, name=text, lat=st.floats(-90, 90), lon=st.floats(-180, 180), country=opt)),
        story_id=opt, article_ids=st.lists(text, max_size=3), num_articles=st.integers(1, 9), num_sources=st.integers(1, 9),
        confidence=st.floats(0, 1), evidence=st.lists(st.builds(Evidence, article_id=text, sentence=text, start=st.integers(0, 99), end=st.integers(0, 99)), max_size=2),
    )
)
def test_event_round_trip(make_store, ev):
    s = make_store()
    s.replace_corpus(CorpusResult(events=[ev]))
    (back,) = s.events()
    assert to_record(back) == json.loads(json.dumps(to_record(ev)))
    s.close()


@settings(FACTORY, max_examples=30)
@given(
    st.builds(Article, id=ident, source_path=text, text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=200),
              url=opt, outlet=opt, title=opt, authors=st.lists(text, max_size=3), published=opt, section=opt,
              meta=st.dictionaries(st.text(min_size=1, max_size=8), text, max_size=3)),
    st.builds(Entity, id=ident, name=text, type=st.sampled_from(["PERSON", "ORG", "GPE"]),
              country=opt, sector=opt, aliases=st.lists(text, max_size=3), article_ids=st.lists(text, max_size=3)),
    st.builds(Quote, id=ident, article_id=text, text=text, start=st.integers(0, 50),
              end=st.integers(0, 50), speaker=st.one_of(st.none(), st.builds(SpeakerRef, entity_id=opt, name=text))),
)
def test_article_entity_quote_story_round_trip(make_store, article, entity, quote):
    s = make_store()
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


def test_search_migrations_backfill_rows_stored_before_them(make_store, monkeypatch):
    """A database made before migrations 6-7 can search its old events, stories and entities after them."""
    import newsgraph.store.db as db

    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS[:5])
    s = make_store()
    assert s.applied_migrations() == [1, 2, 3, 4, 5]
    ev, story = _event(1), Story(id="s1", title="Quake", summary="Rescuers dig in Gaziantep.")
    ent = Entity(id="e1", name="Annalena Baerbock", type="PERSON", aliases=["Baerbock"])
    with s.transaction():  # rows as the version-5 store wrote them (no search_text column yet)
        s._execute("INSERT INTO events (id, type, date, confidence, record) VALUES (?,?,?,?,?)",
                   (ev.id, ev.type, ev.date, ev.confidence, json.dumps(to_record(ev))))
        s._execute("INSERT INTO stories (id, title, record) VALUES (?,?,?)",
                   (story.id, story.title, json.dumps(to_record(story))))
        s._execute("INSERT INTO entities (id, name, type, record) VALUES (?,?,?,?)",
                   (ent.id, ent.name, ent.type, json.dumps(to_record(ent))))
    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS)
    assert s.migrate() == [m.version for m in MIGRATIONS[5:]]
    assert [e.id for e in s.event_page(EventFilter(query="visit")).items] == ["ev_1"]  # evidence sentence
    assert [e.id for e in s.event_page(EventFilter(query="baerbock")).items] == ["ev_1"]  # actor name
    assert [x.id for x in s.story_page(query="gaziantep").items] == ["s1"]
    assert [x.id for x in s.entity_page(query="BAERBOCK").items] == ["e1"]
    s.replace_corpus(CorpusResult(events=[_event(2)]))  # and the index keeps up with later swaps
    assert [e.id for e in s.event_page(EventFilter(query="visit")).items] == ["ev_2"]


def test_date_filters_find_week_month_and_year_dated_events_by_overlap(store):
    store.write_batch([(_article(1), "h1", {})], [])
    dates = {"ev_1": "2023-W11", "ev_2": "2023-03", "ev_3": "2023", "ev_4": "2023-03-16", "ev_5": None,
             "ev_6": "2023-W10-WE"}  # "last weekend": 11-12 March
    store.replace_corpus(CorpusResult(events=[_event(int(k[3:]), date=v) for k, v in dates.items()]))

    def ids(**kw) -> set[str]:
        return {e.id for e in store.events(EventFilter(**kw))}

    assert ids(since="2023-03-15") == {"ev_1", "ev_2", "ev_3", "ev_4"}  # week 11 is 13-19 March
    assert ids(until="2023-03-13") == {"ev_1", "ev_2", "ev_3", "ev_6"}
    assert ids(since="2023-03-11", until="2023-03-12") == {"ev_2", "ev_3", "ev_6"}
    assert ids(since="2023-04") == {"ev_3"}
    assert ids(since="2023-03-17", until="2023-03-19") == {"ev_1", "ev_2", "ev_3"}
    assert ids(since="2024") == set()
    assert {e.id for e in store.event_page(EventFilter(until="2023-03-12")).items} == {"ev_2", "ev_3", "ev_6"}


def test_period_migration_backfills_events_stored_before_it(make_store, monkeypatch):
    import newsgraph.store.db as db

    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS[:7])
    s = make_store()
    ev = _event(1, date="2023-W11")
    with s.transaction():  # as the version-7 store wrote it
        s._execute("INSERT INTO events (id, type, date, confidence, record, search_text) VALUES (?,?,?,?,?,?)",
                   (ev.id, ev.type, ev.date, ev.confidence, json.dumps(to_record(ev)), ""))
    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS)
    assert s.migrate() == [m.version for m in MIGRATIONS[7:]]
    assert [e.id for e in s.events(EventFilter(since="2023-03-19"))] == ["ev_1"]
    assert s.events(EventFilter(since="2023-03-20")) == []


def test_articles_and_stories_are_listed_in_time_order_whatever_their_utc_offsets(store):
    """09:41 in London (+01:00) is 08:41 UTC: before 09:30 UTC, though its text sorts after."""
    london = Article(id="a_bst", source_path="l.txt", text="One.", published="2017-06-02T09:41:00+01:00")
    utc = Article(id="a_utc", source_path="u.txt", text="Two.", published="2017-06-02T09:30:00+00:00")
    store.write_batch([(utc, "h1", {}), (london, "h2", {})], [])
    assert [a.id for a in store.articles()] == ["a_bst", "a_utc"]
    assert [a.id for a in store.article_page().items] == ["a_bst", "a_utc"]
    assert [a.id for a, _ in store.iter_annotated()] == ["a_bst", "a_utc"]
    early = Story(id="s_early", title="E", summary="", first_published="2017-06-02T09:41:00+01:00")
    late = Story(id="s_late", title="L", summary="", first_published="2017-06-02T09:30:00+00:00")
    store.replace_corpus(CorpusResult(stories=[late, early]))
    assert [s.id for s in store.stories()] == ["s_early", "s_late"]
    assert [s.id for s in store.story_page().items] == ["s_late", "s_early"]  # newest first


def test_publication_times_outside_datetimes_utc_range_do_not_break_a_write(store):
    odd = Article(id="a_odd", source_path="o.txt", text="One.", published="0001-01-01T00:00:00+01:00")
    store.write_batch([(odd, "h1", {})], [])
    assert [a.id for a in store.articles()] == ["a_odd"]
