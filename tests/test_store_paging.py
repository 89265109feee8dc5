"""Keyset-paged listings: every row exactly once and in order, filters with paging, bad cursors refused."""

from __future__ import annotations

import base64
import json
from contextlib import closing
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import CursorError, NewsgraphError
from newsgraph.model import ActorRef, Article, Entity, Event, Evidence, Failure, Quote, SpeakerRef, Story
from newsgraph.store.db import CorpusResult, EventFilter, Page

# Hypothesis examples share one function-scoped factory; each example makes its own fresh store.
FACTORY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def store(make_store):
    return make_store()


def _all_pages(fetch, limit):
    """Follow next_cursor to the end; returns the pages."""
    pages, cursor = [], None
    while True:
        page = fetch(limit=limit, cursor=cursor)
        pages.append(page)
        assert len(page.items) <= limit
        if page.next_cursor is None:
            return pages
        assert page.items, "a page with a next cursor is never empty"
        cursor = page.next_cursor


def _ids(pages):
    return [x.id for p in pages for x in p.items]


def _article(i, published=None, text="Body text.", title=None):
    return Article(id=f"a_{i:03d}", source_path=f"in/{i}.txt", text=text, title=title or f"T{i}", published=published)


def _event(i, day=None, etype="CONSULT", actor="Annalena Baerbock", sentence="She will visit.", country="DEU"):
    return Event(id=f"ev_{i:03d}", type=etype, date=day, actor=[ActorRef(f"ent_{actor}", actor, country, "GOV")],
                 recipient=[ActorRef("ent_tr", "Turkey", "TUR", "GOV")], confidence=0.5 + i / 1000,
                 evidence=[Evidence("a_001", sentence, 0, len(sentence))], story_id="s1" if i % 2 else "s2")


dates = st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1)).map(str))
ids = st.text(alphabet="abcXYZ_-09é", min_size=1, max_size=6)


@FACTORY
@given(st.dictionaries(ids, dates, max_size=25), st.integers(1, 7))
def test_event_pages_give_every_row_once_in_order(make_store, id_dates, limit):
    with closing(make_store()) as s:  # one connection per example, not one per test
        evs = [Event(id=i, type="CONSULT", date=d) for i, d in id_dates.items()]
        s.replace_corpus(CorpusResult(events=evs))
        got = _ids(_all_pages(lambda **kw: s.event_page(EventFilter(), **kw), limit))
        assert got == sorted(id_dates, key=lambda i: (id_dates[i] or "", i))
        assert got == [e.id for e in s.events()]


@FACTORY
@given(st.dictionaries(ids, dates, max_size=25), st.integers(1, 7))
def test_story_pages_newest_first_undated_last(make_store, id_dates, limit):
    with closing(make_store()) as s:  # one connection per example, not one per test
        s.replace_corpus(CorpusResult(stories=[Story(id=i, title="t", summary="", first_published=d)
                                               for i, d in id_dates.items()]))
        got = _ids(_all_pages(lambda **kw: s.story_page(**kw), limit))
        by_id = sorted(i for i in id_dates if id_dates[i])
        newest_first = sorted(by_id, key=lambda i: id_dates[i], reverse=True)  # a stable sort: ties stay by id
        assert got == newest_first + sorted(i for i in id_dates if not id_dates[i])


@FACTORY
@given(st.lists(st.tuples(st.sampled_from(["PERSON", "ORG", "GPE"]), st.sampled_from(["Ann", "Bob", "ann", "Zed"])),
                max_size=20), st.integers(1, 5))
def test_entity_pages_by_type_name_id(make_store, rows, limit):
    with closing(make_store()) as s:  # one connection per example, not one per test
        ents = [Entity(id=f"ent_{n}", name=name, type=t) for n, (t, name) in enumerate(rows)]
        s.replace_corpus(CorpusResult(entities=ents))
        got = _ids(_all_pages(lambda **kw: s.entity_page(**kw), limit))
        assert got == [e.id for e in sorted(ents, key=lambda e: (e.type, e.name, e.id))]


@FACTORY
@given(st.lists(dates, min_size=0, max_size=15), st.integers(1, 4))
def test_article_pages_and_story_filter(make_store, published, limit):
    with closing(make_store()) as s:  # one connection per example, not one per test
        arts = [_article(i, f"{d}T10:00:00+00:00" if d else None) for i, d in enumerate(published)]
        s.write_batch([(a, a.id, {}) for a in arts], [])
        in_story = {a.id: "s1" for a in arts[::2]}
        s.replace_corpus(CorpusResult(stories=[Story(id="s1", title="t", summary="")], article_story=in_story))
        everything = _ids(_all_pages(lambda **kw: s.article_page(**kw), limit))
        assert everything == [a.id for a in s.articles()]
        assert sorted(everything) == sorted(a.id for a in arts)
        story = _ids(_all_pages(lambda **kw: s.article_page(story_id="s1", **kw), limit))
        assert story == [a.id for a in s.articles("s1")] and set(story) == set(in_story)


def test_event_filters_combine_with_paging(store):
    evs = [
        _event(1, "2023-03-01", sentence="Baerbock met Cavusoglu in Ankara."),
        _event(2, "2023-03-02", "ASSAULT", "Azerbaijani army", "Shelling hit Jermuk.", "AZE"),
        _event(3, "2023-03-03", sentence="Talks in Ankara continued."),
        _event(4, None, sentence="Ankara talks were planned."),
        _event(5, "2023-03-05", actor="Olaf Scholz", sentence="Scholz called Erdogan."),
        _event(6, "2023-02-01", sentence="An Ankara meeting."),
    ]
    store.replace_corpus(CorpusResult(events=evs))
    cases = [
        (EventFilter(query="ankara"), ["ev_004", "ev_006", "ev_001", "ev_003"]),
        (EventFilter(query="Ankara", since="2023-03-01"), ["ev_001", "ev_003"]),
        (EventFilter(query="scholz"), ["ev_005"]),  # actor names are searched too
        (EventFilter(query="Turkey Jermuk"), ["ev_002"]),  # recipient name and sentence: every term must occur
        (EventFilter(type="consult", actor="baerbock", until="2023-03"), ["ev_006", "ev_001", "ev_003"]),
        (EventFilter(country="AZE"), ["ev_002"]),
        (EventFilter(story_id="s1", query="ankara"), ["ev_001", "ev_003"]),
        (EventFilter(query="Ankara", min_confidence=0.5035), ["ev_004", "ev_006"]),
        (EventFilter(query="   "), ["ev_004", "ev_006", "ev_001", "ev_002", "ev_003", "ev_005"]),  # blank: no filter
        (EventFilter(query='"; DROP TABLE events; --'), []),
        (EventFilter(query="nowhere"), []),
    ]
    for f, want in cases:
        for limit in (1, 2, 50):
            assert _ids(_all_pages(lambda f=f, **kw: store.event_page(f, **kw), limit)) == want, (f, limit)
        assert [e.id for e in store.events(f)] == want, f
    assert store.counts()["events"] == 6


def test_story_query_matches_own_text_or_an_articles(store):
    arts = [_article(1, "2023-03-01T10:00:00+00:00", "Quake damage in Gaziantep."),
            _article(2, "2023-03-02T10:00:00+00:00", "Election debate in Ankara.")]
    store.write_batch([(a, a.id, {}) for a in arts], [])
    stories = [Story(id="s1", title="Earthquake", summary="Rescue teams search rubble.", article_ids=["a_001"],
                     first_published="2023-03-01"),
               Story(id="s2", title="Election", summary="Candidates meet.", article_ids=["a_002"],
                     first_published="2023-03-02")]
    store.replace_corpus(CorpusResult(stories=stories, article_story={"a_001": "s1", "a_002": "s2"}))
    assert _ids([store.story_page(query="rubble")]) == ["s1"]  # the story's summary
    assert _ids([store.story_page(query="Gaziantep")]) == ["s1"]  # an article's text
    assert _ids([store.story_page(query="election")]) == ["s2"]  # title (and the article)
    assert _ids([store.story_page(query="quake election")]) == []
    assert _ids([store.story_page()]) == ["s2", "s1"]
    assert _ids([store.article_page(query="ankara")]) == ["a_002"]
    assert _ids([store.article_page(query="ankara", story_id="s1")]) == []


def test_entity_query_is_substring_of_name_or_alias_any_case(store):
    ents = [Entity(id="e1", name="Recep Tayyip Erdoğan", type="PERSON", aliases=["Erdogan", "R. T. Erdoğan"]),
            Entity(id="e2", name="Türkiye", type="GPE", aliases=["Turkey"]),
            Entity(id="e3", name="ERDOGAN FOUNDATION", type="ORG"),
            Entity(id="e4", name="100% Club", type="ORG")]
    store.replace_corpus(CorpusResult(entities=ents))
    assert _ids([store.entity_page(query="erdogan")]) == ["e3", "e1"]  # ORG before PERSON; alias match for e1
    assert _ids([store.entity_page(query="ERDOĞAN")]) == ["e1"]
    assert _ids([store.entity_page(query="erdogan", type="person")]) == ["e1"]
    assert _ids([store.entity_page(query="KEY")]) == ["e2"]
    assert _ids([store.entity_page(query="0%")]) == ["e4"]  # % is a character, not a wildcard
    assert _ids([store.entity_page(query="_")]) == []
    assert _ids([store.entity_page(type="GPE")]) == ["e2"]
    assert _ids(_all_pages(lambda **kw: store.entity_page(**kw), 3)) == ["e2", "e4", "e3", "e1"]
    assert store.entity("e2") == ents[1]
    assert store.entity("nope") is None


def test_quote_and_failure_pages(store):
    arts = [_article(i) for i in (1, 2)]
    store.write_batch([(a, a.id, {}) for a in arts], [])
    quotes = [Quote(id=f"q{n}", article_id=a, text="x", start=0, end=1,
                    speaker=SpeakerRef(sp, "S") if sp else None)
              for n, (a, sp) in enumerate([("a_002", "e1"), ("a_001", "e2"), ("a_001", "e1"), ("a_002", None)])]
    store.replace_corpus(CorpusResult(quotes=quotes))
    assert _ids(_all_pages(lambda **kw: store.quote_page(**kw), 1)) == ["q1", "q2", "q0", "q3"]
    assert _ids(_all_pages(lambda **kw: store.quote_page(speaker="e1", **kw), 1)) == ["q2", "q0"]
    assert _ids(_all_pages(lambda **kw: store.quote_page(article_id="a_002", speaker="e1", **kw), 1)) == ["q0"]
    fails = [Failure(f"bad{i}.bin", "ingest", "InputError", f"bad{i}.bin: looks binary") for i in range(5)]
    store.record_failures(fails)
    pages = _all_pages(lambda **kw: store.failure_page(**kw), 2)
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert [f for p in pages for f in p.items] == fails


def test_last_page_has_no_cursor_even_when_full(store):
    store.replace_corpus(CorpusResult(events=[_event(i, "2023-01-01") for i in range(4)]))
    first = store.event_page(EventFilter(), limit=2)
    second = store.event_page(EventFilter(), limit=2, cursor=first.next_cursor)
    assert first.next_cursor and second.next_cursor is None and len(second.items) == 2
    assert store.event_page(EventFilter(), limit=4).next_cursor is None
    assert store.event_page(EventFilter(type="PROTEST")) == Page([], None)


def test_event_by_id(store):
    ev = _event(7, "2023-03-01")
    store.replace_corpus(CorpusResult(events=[ev]))
    assert store.event("ev_007") == ev
    assert store.event("ev_008") is None


def _b64(obj) -> str:
    raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("cursor", "why"),
    [
        ("not a cursor!", "characters"),
        ("", "characters"),
        ("x" * 5000, "characters long"),
        ("a", "does not decode"),  # one base64 character is never a whole byte
        (_b64(b"\xff\xfe"), "does not decode"),  # not UTF-8
        (_b64(b"{not json"), "does not decode"),
        (_b64({"events": 1}), "does not hold a sort key"),
        (_b64([]), "does not hold a sort key"),
        (_b64(["articles", "2023-01-01", "a_1"]), "pages through articles, not events"),
        (_b64(["events", "2023-01-01"]), "does not hold a sort key of events"),
        (_b64(["events", "2023-01-01", 7]), "does not hold a sort key of events"),
        (_b64(["events", None, "ev_1"]), "does not hold a sort key of events"),
    ],
)
def test_bad_cursor_raises_cursor_error_naming_it(store, cursor, why):
    with pytest.raises(CursorError, match=why) as e:
        store.event_page(EventFilter(), cursor=cursor)
    assert e.value.code == "E021" and isinstance(e.value, NewsgraphError)
    assert repr(cursor[:20]).rstrip("'") in str(e.value)


def test_cursor_from_one_listing_is_refused_by_another(store):
    store.record_failures([Failure(f"f{i}", "ingest", "InputError", "x") for i in range(3)])
    store.replace_corpus(CorpusResult(entities=[Entity(id=f"e{i}", name="N", type="ORG") for i in range(3)]))
    cursor = store.failure_page(limit=1).next_cursor
    assert cursor is not None
    with pytest.raises(CursorError, match="pages through failures, not entities"):
        store.entity_page(cursor=cursor)
    ok = store.entity_page(limit=1).next_cursor
    assert ok is not None and ok.replace("-", "").replace("_", "").isalnum()  # url-safe as it stands
    with pytest.raises(CursorError, match="does not hold a sort key of failures"):  # failures page by integer id
        store.failure_page(cursor=_b64(["failures", "1"]))
