"""REST API (newsgraph.web): every endpoint, paging, filters, errors, tokens, limits, docs, ingest jobs.

The stores are built from hand-written records (``Store.write_batch`` and
``replace_corpus``) in a SQLite file, so these tests need no spaCy; one slow
test ingests a real article through the API.
"""

from __future__ import annotations

import json
import re
import threading
import time
import warnings
from pathlib import Path

import anyio
import pytest
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():  # starlette's TestClient prefers the httpx2 fork now; httpx works the same
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from newsgraph import views
from newsgraph.api import IngestSummary
from newsgraph.cli import main
from newsgraph.errors import ConfigError, NewsgraphError, StoreError
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
from newsgraph.store.db import CorpusResult
from newsgraph.web import jobs as jobs_module
from newsgraph.web.app import BodyLimit, create_app
from newsgraph.web.jobs import JobRunner, local_path

TOKEN = "s3cret-token"
XSS = '<script>alert("x")</script><img src=x onerror="alert(1)">'


# --------------------------------------------------------------------------- the test corpus
def _article(i: int, text: str, title: str, outlet: str, published: str | None) -> Article:
    return Article(id=f"a_{i}", source_path=f"in/{i}.txt", text=text, url=f"https://news.example/{i}",
                   outlet=outlet, title=title, authors=["Ana Reporter"], published=published,
                   published_source="metadata" if published else None, meta={"section_hint": f"s{i}"})


ARTICLES = [
    _article(0, "Annalena Baerbock will visit Ankara on Thursday. She said: \"We stand together.\"",
             "Baerbock to visit Ankara", "Meridian", "2023-03-14T09:00:00+00:00"),
    _article(1, "German foreign minister Baerbock travels to Turkey after the earthquake.",
             "Baerbock travels to Turkey", "Courier", "2023-03-14T11:00:00+00:00"),
    _article(2, "Baerbock arrived in Ankara and met Mevlut Cavusoglu.", "Baerbock in Ankara", "Herald",
             "2023-03-16T08:00:00+00:00"),
    _article(3, f"Readers wrote {XSS} in the comments about Ankara.", f"Comments {XSS}", "Meridian",
             "2023-03-16T12:00:00+00:00"),
    _article(4, "Azerbaijani forces shelled Armenian positions near Jermuk, officials said.",
             "Shelling near Jermuk", "Courier", "2022-09-13T06:00:00+00:00"),
    _article(5, "Armenia accused Azerbaijan of an attack on its territory.", "Armenia accuses Azerbaijan",
             "Herald", "2022-09-13T10:00:00+00:00"),
    _article(6, "Fighting continued on the border, undated report.", "Border fighting", "Gazette", None),
]
ENTITIES = [
    Entity("ent_baerbock", "Annalena Baerbock", "PERSON", "DEU", "GOV", ["Baerbock", "Ms Baerbock"], ["a_0", "a_1", "a_2"]),
    Entity("ent_tur", "Turkey", "GPE", "TUR", "GOV", ["Türkiye", "Ankara"], ["a_0", "a_1"]),
    Entity("ent_cavusoglu", "Mevlut Cavusoglu", "PERSON", "TUR", "GOV", ["Çavuşoğlu"], ["a_2"]),
    Entity("ent_aze", "Azerbaijan", "GPE", "AZE", "GOV", ["Baku"], ["a_4", "a_5"]),
    Entity("ent_arm", "Armenia", "GPE", "ARM", "GOV", ["Yerevan"], ["a_4", "a_5"]),
]
ANKARA = Location("Ankara", 39.93, 32.86, "TUR")
JERMUK = Location("Jermuk", 39.84, 45.67, "ARM")


def _ref(ent: str) -> ActorRef:
    e = next(x for x in ENTITIES if x.id == ent)
    return ActorRef(e.id, e.name, e.country, e.sector)


def _event(i: int, etype: str, date: str | None, actor: list[ActorRef], recipient: list[ActorRef], story: str,
           articles: list[str], confidence: float, location: Location | None, sentence: str,
           precision: str | None = "day") -> Event:
    return Event(id=f"ev_{i}", type=etype, mode=None, cameo=None, actor=actor, recipient=recipient, date=date,
                 date_precision=precision, location=location, story_id=story, article_ids=articles,
                 num_articles=len(articles), confidence=confidence,
                 evidence=[Evidence(articles[0], sentence, 0, len(sentence))])


EVENTS = [
    _event(1, "CONSULT", "2023-03-16", [_ref("ent_baerbock")], [_ref("ent_tur")], "story_1", ["a_0", "a_1"], 0.9,
           ANKARA, "Annalena Baerbock will visit Ankara on Thursday."),
    _event(2, "CONSULT", "2023-03-16", [_ref("ent_baerbock")], [_ref("ent_cavusoglu")], "story_1", ["a_2"], 0.7,
           ANKARA, "Baerbock arrived in Ankara and met Mevlut Cavusoglu."),
    _event(3, "SUPPORT", "2023-03-14", [_ref("ent_baerbock")], [_ref("ent_tur")], "story_1", ["a_0"], 0.6,
           None, "We stand together."),
    _event(4, "ASSAULT", "2022-09-13", [_ref("ent_aze")], [_ref("ent_arm")], "story_2", ["a_4"], 0.8,
           JERMUK, "Azerbaijani forces shelled Armenian positions near Jermuk."),
    _event(5, "ACCUSE", "2022-09-13", [_ref("ent_arm")], [_ref("ent_aze")], "story_2", ["a_5"], 0.5,
           JERMUK, "Armenia accused Azerbaijan of an attack on its territory."),
    _event(6, "ASSAULT", "2022-09", [_ref("ent_aze")], [_ref("ent_arm")], "story_2", ["a_6"], 0.3,
           None, "Fighting continued on the border.", precision="month"),
    _event(7, "AID", None, [ActorRef(None, "Red Crescent volunteers", "TUR", "NGO")], [_ref("ent_tur")],
           "story_1", ["a_1"], 0.4, None, "Red Crescent volunteers brought tents."),
    _event(8, "COOPERATE", "2022-09-14", [_ref("ent_aze")], [_ref("ent_arm")], "story_2", ["a_5"], 0.45,
           JERMUK, "The two sides agreed to exchange bodies."),
]
STORIES = [
    Story("story_1", "Baerbock visits Turkey", "The German foreign minister visits Ankara after the quake.",
          ["a_0", "a_1", "a_2", "a_3"], ["Meridian", "Courier", "Herald"], "2023-03-14T09:00:00+00:00",
          "2023-03-16T12:00:00+00:00", ["ev_1", "ev_2", "ev_3", "ev_7"]),
    Story("story_2", "Border clashes", "Azerbaijan and Armenia exchange fire near Jermuk.",
          ["a_4", "a_5", "a_6"], ["Courier", "Herald", "Gazette"], "2022-09-13T06:00:00+00:00",
          "2022-09-13T10:00:00+00:00", ["ev_4", "ev_5", "ev_6", "ev_8"]),
]
QUOTES = [
    Quote("q_1", "a_0", "We stand together.", 68, 86, SpeakerRef("ent_baerbock", "Annalena Baerbock")),
    Quote("q_2", "a_2", "Thank you for coming.", 0, 20, SpeakerRef("ent_cavusoglu", "Mevlut Cavusoglu")),
    Quote("q_3", "a_5", "an attack on its territory", 20, 46, SpeakerRef(None, "officials"), kind="indirect"),
    Quote("q_4", "a_3", XSS, 15, 15 + len(XSS), None),
]
FAILURES = [
    Failure("bad/1.bin", "ingest", "InputError", "bad/1.bin: looks binary"),
    Failure("bad/2.txt", "clean", "NoContentError", "bad/2.txt: no body text"),
    Failure("bad/3.html", "language", "UnsupportedLanguageError", "bad/3.html: written in German (de)"),
]


def build_db(url: Path | str, extra_failures: int = 0) -> str:
    """A database (a SQLite file, or a PostgreSQL URL) holding the corpus above (plus
    ``extra_failures`` generated failures)."""
    s = open_store(str(url))
    s.write_batch([(a, f"h{a.id}", {}) for a in ARTICLES], FAILURES)
    if extra_failures:
        s.record_failures([Failure(f"gen/{i}.txt", "ingest", "InputError", f"gen/{i}.txt: empty")
                           for i in range(extra_failures)])
    article_story = {a: st.id for st in STORIES for a in st.article_ids}
    s.replace_corpus(CorpusResult(entities=ENTITIES, stories=STORIES, events=EVENTS, quotes=QUOTES,
                                  article_story=article_story))
    s.close()
    return str(url)


@pytest.fixture
def db(tmp_path) -> str:
    return build_db(tmp_path / "news.db")


@pytest.fixture
def client(db):
    with TestClient(create_app(db, ui=False)) as c:
        yield c


@pytest.fixture
def any_client(new_db):
    """A client of the corpus on each storage backend (SQLite, PostgreSQL: tests/conftest.py)."""
    url = build_db(new_db(reopenable=True))
    with TestClient(create_app(url, ui=False)) as c:
        c.db_url = url  # type: ignore[attr-defined]
        yield c


class FakeIngest:
    """Stands in for newsgraph.api.ingest: records its calls, reports progress, can block or fail."""

    def __init__(self, fail: Exception | None = None, gate: threading.Event | None = None) -> None:
        self.calls: list[dict] = []
        self.fail = fail
        self.gate = gate

    def __call__(self, paths, store, *, fmt, progress, root=None):
        self.calls.append({"paths": list(paths), "fmt": fmt, "records": [], "root": root,
                           "store_counts": store.counts()})
        return self._finish(store, [], progress)

    def records(self, records, store, *, name, progress):
        """Stands in for newsgraph.api.ingest_records (posted articles)."""
        self.calls.append({"name": name, "records": list(records), "store_counts": store.counts()})
        return self._finish(store, records, progress)

    def _finish(self, store, records, progress):
        if self.gate is not None:
            self.gate.wait(10)
        if self.fail is not None:
            raise self.fail
        for n, _ in enumerate(records, start=1):
            progress(n, f"rec#{n}")
        return IngestSummary(read=len(records), stored=len(records), counts=store.counts())


def _runner(db, fake: FakeIngest, root: Path | None = None) -> JobRunner:
    return JobRunner(db, ingest=fake, ingest_records=fake.records, ingest_root=str(root or Path(db).parent))


@pytest.fixture
def writer(db):
    """A client of a server with a token, whose ingest jobs run FakeIngest."""
    app = create_app(db, token=TOKEN, ui=False)
    fake = FakeIngest()
    app.state.jobs = _runner(db, fake)
    with TestClient(app) as c:
        c.fake = fake  # type: ignore[attr-defined]
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _wait_job(c: TestClient, job_id: str, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        st = c.get(f"/api/ingest/{job_id}").json()
        if st["state"] in ("done", "failed"):
            return st
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def _walk(c: TestClient, url: str, limit: int) -> tuple[list[dict], int]:
    """Every item of a listing, page by page; and how many pages it took."""
    items, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        r = c.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"items", "next_cursor"}
        assert len(body["items"]) <= limit
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages
        assert pages < 100, "paging does not end"


def _ids(items: list[dict]) -> list[str]:
    return [x["id"] for x in items]


# --------------------------------------------------------------------------- health and records
def test_health_counts(any_client):
    r = any_client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": "0.1.0", "ingest_enabled": False, "ingest_paths": False,
                        "counts": {"articles": 7, "stories": 2, "events": 8, "entities": 5, "quotes": 4, "failures": 3}}


def test_records_are_the_export_records(any_client):
    """Each listing's items are exactly what `newsgraph export` writes (DESIGN.md records)."""
    runner = CliRunner()
    for kind, url in (("articles", "/api/articles"), ("stories", "/api/stories"), ("events", "/api/events"),
                      ("entities", "/api/entities"), ("quotes", "/api/quotes"), ("failures", "/api/failures")):
        res = runner.invoke(main, ["--db", any_client.db_url, "export", "--what", kind])
        assert res.exit_code == 0, res.output
        exported = [json.loads(line) for line in res.output.splitlines()]
        got = any_client.get(url, params={"limit": 500}).json()["items"]
        key = (lambda r: r["input"]) if kind == "failures" else (lambda r: r["id"])
        assert sorted(got, key=key) == sorted(exported, key=key), kind


def test_article_record_keeps_metadata_beside_contract_fields(client):
    a = client.get("/api/articles/a_0").json()
    assert a["id"] == "a_0" and a["story_id"] == "story_1" and a["outlet"] == "Meridian"
    assert a["section_hint"] == "s0" and "meta" not in a
    assert a == views.article_record(ARTICLES[0]) | {"story_id": "story_1"}


def test_detail_endpoints(any_client):
    assert any_client.get("/api/stories/story_2").json() == to_record(STORIES[1])
    assert any_client.get("/api/events/ev_4").json() == json.loads(json.dumps(to_record(EVENTS[3])))
    assert any_client.get("/api/entities/ent_tur").json() == to_record(ENTITIES[1])


@pytest.mark.parametrize("url", ["/api/articles/nope", "/api/stories/nope", "/api/stories/nope/comparison",
                                 "/api/events/nope", "/api/entities/nope", "/api/ingest/nope"])
def test_unknown_id_is_404_with_coded_json(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert err["code"] == "E040" and "'nope'" in err["message"]


def test_comparison_is_the_cli_json(any_client):
    res = CliRunner().invoke(main, ["--db", any_client.db_url, "story", "story_1", "--compare", "--json"])
    assert res.exit_code == 0, res.output
    cli = json.loads(res.output)
    api = any_client.get("/api/stories/story_1/comparison").json()
    assert api == cli
    assert api["story_id"] == "story_1" and {s["source"] for s in api["sources"]} == {"Meridian", "Courier", "Herald"}
    assert [f["key"] for f in api["quotes"]]  # quotes by speaker made it through


# --------------------------------------------------------------------------- paging
def _all_of(db: str, kind: str) -> list:
    s = open_store(db)
    try:
        return {"articles": s.articles, "stories": s.stories, "events": s.events, "entities": s.entities,
                "quotes": s.quotes, "failures": s.failures}[kind]()
    finally:
        s.close()


@pytest.mark.parametrize("kind", ["articles", "stories", "events", "entities", "quotes"])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_walking_every_page_gives_each_row_once(any_client, kind, limit):
    items, pages = _walk(any_client, f"/api/{kind}", limit)
    ids = _ids(items)
    assert len(ids) == len(set(ids))
    expected = [x.id for x in _all_of(any_client.db_url, kind)]
    assert sorted(ids) == sorted(expected)
    assert pages >= -(-len(expected) // limit)


def test_page_orders(any_client):
    arts = _ids(_walk(any_client, "/api/articles", 2)[0])
    assert arts[:6] == ["a_4", "a_5", "a_0", "a_1", "a_2", "a_3"]  # a_6, undated, sorts by its ingest time
    assert _ids(_walk(any_client, "/api/stories", 1)[0]) == ["story_1", "story_2"]  # newest first
    evs = _walk(any_client, "/api/events", 3)[0]
    dated = [e["date"] for e in evs if e["date"]]
    assert dated == sorted(dated)
    ents = _walk(any_client, "/api/entities", 2)[0]
    assert [(e["type"], e["name"]) for e in ents] == sorted((e["type"], e["name"]) for e in ents)
    assert _ids(_walk(any_client, "/api/quotes", 1)[0]) == ["q_1", "q_2", "q_4", "q_3"]  # by article, then id


def test_failures_paging_and_limit_clamped(tmp_path):
    db = build_db(tmp_path / "big.db", extra_failures=520)
    with TestClient(create_app(db, ui=False)) as c:
        first = c.get("/api/failures", params={"limit": 100000}).json()
        assert len(first["items"]) == 500 and first["next_cursor"]  # clamped to 500
        rest = c.get("/api/failures", params={"limit": 500, "cursor": first["next_cursor"]}).json()
        assert len(rest["items"]) == 523 - 500 and rest["next_cursor"] is None
        inputs = [f["input"] for f in first["items"] + rest["items"]]
        assert len(set(inputs)) == 523
        items, pages = _walk(c, "/api/failures", 97)
        assert [f["input"] for f in items] == inputs and pages == 6
        one = c.get("/api/failures", params={"limit": 0}).json()  # clamped to 1
        assert len(one["items"]) == 1
        assert len(c.get("/api/failures", params={"limit": -5}).json()["items"]) == 1
        assert len(c.get("/api/failures").json()["items"]) == 50  # the default


def test_paging_with_a_filter_stays_in_the_filter(any_client):
    items, _ = _walk(any_client, "/api/events?story_id=story_2", 1)
    assert sorted(_ids(items)) == ["ev_4", "ev_5", "ev_6", "ev_8"]
    items, _ = _walk(any_client, "/api/articles?story_id=story_1", 3)
    assert sorted(_ids(items)) == ["a_0", "a_1", "a_2", "a_3"]


def test_empty_cursor_is_the_first_page(client):
    r = client.get("/api/stories", params={"cursor": "", "limit": 1})
    assert r.status_code == 200 and r.json() == client.get("/api/stories", params={"limit": 1}).json()


# --------------------------------------------------------------------------- filters
def _event_ids(client, **params) -> list[str]:
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return sorted(_ids(r.json()["items"]))


def test_event_filters(any_client):
    assert _event_ids(any_client, actor="ent_baerbock") == ["ev_1", "ev_2", "ev_3"]
    assert _event_ids(any_client, actor="cavusoglu") == ["ev_2"]  # part of a name, any case
    assert _event_ids(any_client, actor="Red Crescent") == ["ev_7"]
    assert _event_ids(any_client, country="arm") == ["ev_4", "ev_5", "ev_6", "ev_8"]
    assert _event_ids(any_client, country="DEU") == ["ev_1", "ev_2", "ev_3"]
    assert _event_ids(any_client, type="consult") == ["ev_1", "ev_2"]
    assert _event_ids(any_client, type="ASSAULT") == ["ev_4", "ev_6"]
    assert _event_ids(any_client, since="2023-03-15") == ["ev_1", "ev_2"]
    assert _event_ids(any_client, until="2022-09-13") == ["ev_4", "ev_5", "ev_6"]
    assert _event_ids(any_client, since="2022-09", until="2022-09") == ["ev_4", "ev_5", "ev_6", "ev_8"]
    assert _event_ids(any_client, since="2023") == ["ev_1", "ev_2", "ev_3"]
    assert _event_ids(any_client, story_id="story_1") == ["ev_1", "ev_2", "ev_3", "ev_7"]
    assert _event_ids(any_client, min_confidence=0.7) == ["ev_1", "ev_2", "ev_4"]
    assert _event_ids(any_client, q="shelled") == ["ev_4"]
    assert _event_ids(any_client, q="Jermuk") == ["ev_4"]
    assert _event_ids(any_client, type="assault", country="ARM", since="2022-09-13", min_confidence=0.5) == ["ev_4"]
    assert _event_ids(any_client, actor="", country="", type="") == [f"ev_{i}" for i in range(1, 9)]  # blank = no filter


def test_article_story_entity_quote_filters(any_client):
    def ids(url: str, **params) -> list[str]:
        r = any_client.get(url, params={"limit": 500, **params})
        assert r.status_code == 200, r.text
        return sorted(_ids(r.json()["items"]))

    assert ids("/api/articles", story_id="story_2") == ["a_4", "a_5", "a_6"]
    assert ids("/api/articles", q="Jermuk") == ["a_4"]
    assert ids("/api/articles", q="Baerbock", story_id="story_1") == ["a_0", "a_1", "a_2"]
    assert ids("/api/articles", q="nothing-like-this") == []
    assert ids("/api/stories", q="clashes") == ["story_2"]  # the story's title
    assert ids("/api/stories", q="quake") == ["story_1"]  # its summary
    assert ids("/api/stories", q="Cavusoglu") == ["story_1"]  # an article's text
    assert ids("/api/entities", q="türkiye") == ["ent_tur"]  # an alias
    assert ids("/api/entities", q="baerbock") == ["ent_baerbock"]
    assert ids("/api/entities", type="GPE") == ["ent_arm", "ent_aze", "ent_tur"]
    assert ids("/api/entities", type="PERSON", q="mevlut") == ["ent_cavusoglu"]
    assert ids("/api/quotes", article_id="a_0") == ["q_1"]
    assert ids("/api/quotes", speaker="ent_cavusoglu") == ["q_2"]


# --------------------------------------------------------------------------- views
def test_timeline(any_client):
    r = any_client.get("/api/timeline")
    assert r.status_code == 200
    body = r.json()
    assert body["buckets"] == [
        {"date": "2022-09-13", "count": 2, "by_type": {"ACCUSE": 1, "ASSAULT": 1}, "precision": "day"},
        {"date": "2022-09-14", "count": 1, "by_type": {"COOPERATE": 1}, "precision": "day"},
        {"date": "2023-03-14", "count": 1, "by_type": {"SUPPORT": 1}, "precision": "day"},
        {"date": "2023-03-16", "count": 2, "by_type": {"CONSULT": 2}, "precision": "day"},
    ]
    assert body["coarse"] == [{"date": "2022-09", "count": 1, "by_type": {"ASSAULT": 1}, "precision": "month"}]
    assert body["undated"] == 1
    filtered = any_client.get("/api/timeline", params={"story_id": "story_1", "type": "consult"}).json()
    assert filtered["buckets"] == [{"date": "2023-03-16", "count": 2, "by_type": {"CONSULT": 2}, "precision": "day"}]


def test_network(any_client):
    body = any_client.get("/api/network").json()
    nodes = {n["id"]: n for n in body["nodes"]}
    assert set(nodes) == {"ent_baerbock", "ent_tur", "ent_cavusoglu", "ent_aze", "ent_arm", "name:red crescent volunteers"}
    assert nodes["ent_baerbock"] == {"id": "ent_baerbock", "name": "Annalena Baerbock", "country": "DEU",
                                     "type": "PERSON", "events": 3, "sector": "GOV"}
    assert nodes["name:red crescent volunteers"]["type"] is None
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("ent_baerbock", "ent_tur")] == {"source": "ent_baerbock", "target": "ent_tur", "count": 2,
                                                 "cooperation": 2, "conflict": 0, "tone": "cooperation"}
    # ev_4 and ev_6 ASSAULT (conflict), ev_8 COOPERATE: mixed
    assert edges[("ent_aze", "ent_arm")]["tone"] == "mixed"
    assert (edges[("ent_aze", "ent_arm")]["cooperation"], edges[("ent_aze", "ent_arm")]["conflict"]) == (1, 2)
    assert edges[("ent_arm", "ent_aze")]["tone"] == "conflict"  # ACCUSE is verbal conflict
    assert body["truncated"] is False
    small = any_client.get("/api/network", params={"max_nodes": 2}).json()
    assert [n["id"] for n in small["nodes"]] == ["ent_arm", "ent_aze"] and small["truncated"] is True
    assert {(e["source"], e["target"]) for e in small["edges"]} == {("ent_aze", "ent_arm"), ("ent_arm", "ent_aze")}
    only = any_client.get("/api/network", params={"country": "DEU"}).json()
    assert {n["id"] for n in only["nodes"]} == {"ent_baerbock", "ent_tur", "ent_cavusoglu"}


def test_map(any_client):
    body = any_client.get("/api/map").json()
    assert body["points"] == [
        {"name": "Jermuk", "lat": 39.84, "lon": 45.67, "country": "ARM", "count": 3, "event_ids": ["ev_4", "ev_5", "ev_8"]},
        {"name": "Ankara", "lat": 39.93, "lon": 32.86, "country": "TUR", "count": 2, "event_ids": ["ev_1", "ev_2"]},
    ]
    assert body["unplaced"] == 3
    assert any_client.get("/api/map", params={"type": "CONSULT"}).json()["points"][0]["name"] == "Ankara"


def test_views_library_functions_directly():
    tl = views.timeline(EVENTS)
    assert sum(b.count for b in tl.buckets) + sum(b.count for b in tl.coarse) + tl.undated == len(EVENTS)
    net = views.actor_network(EVENTS)  # no entity lookup: names as the events give them
    assert {n.id for n in net.nodes} >= {"ent_aze", "ent_arm"} and all(n.type is None for n in net.nodes)
    odd = Event(id="x", type="NOT_A_TYPE", actor=[ActorRef(None, "A")], recipient=[ActorRef(None, "B")])
    assert views.actor_network([odd]).edges[0].tone == "mixed"  # neither cooperation nor conflict
    with pytest.raises(NewsgraphError, match="unknown event type"):
        views.event_filter(type="BOGUS")
    assert views.event_filter(type="fight").type == "ASSAULT"  # legacy PLOVER name
    assert views.event_filter(query="  ").query is None


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize("url", ["/api/articles?cursor=zzz!", "/api/events?cursor=bm90LWEtY3Vyc29y",
                                 "/api/quotes?cursor=" + "A" * 5000])
def test_bad_cursor_is_400(any_client, url):
    r = any_client.get(url)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "E021"


def test_cursor_of_another_listing_is_400(any_client):
    cursor = any_client.get("/api/stories", params={"limit": 1}).json()["next_cursor"]
    r = any_client.get("/api/articles", params={"cursor": cursor})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E021"


@pytest.mark.parametrize("params,needle", [
    ({"type": "BOGUS"}, "unknown event type"),
    ({"since": "yesterday"}, "not a date"),
    ({"until": "2023-02-30"}, "not a date"),
    ({"since": "2023-05-01", "until": "2023-01-01"}, "after until"),
])
def test_bad_filter_is_400(client, params, needle):
    for url in ("/api/events", "/api/timeline", "/api/network", "/api/map"):
        r = client.get(url, params=params)
        assert r.status_code == 400, (url, r.text)
        assert r.json()["error"]["code"] == "E030" and needle in r.json()["error"]["message"]


@pytest.mark.parametrize("url", ["/api/events?limit=ten", "/api/events?min_confidence=2",
                                 "/api/events?min_confidence=abc", "/api/network?max_nodes=x",
                                 "/api/failures?limit=1.5"])
def test_bad_parameter_is_422_with_coded_json(client, url):
    r = client.get(url)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "E053" and "query parameter" in err["message"]


def test_unknown_api_route_and_method(client):
    r = client.get("/api/nothing/here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E040"
    r = client.delete("/api/stories")
    assert r.status_code == 405 and r.json()["error"]["code"] == "E053"


def test_store_error_is_500_json_not_a_crash(db, monkeypatch):
    app = create_app(db, ui=False)

    def broken(_url):
        raise StoreError("news.db: cannot open database (disk I/O error)")

    monkeypatch.setattr("newsgraph.web.app.open_store", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/health")
    assert r.status_code == 500 and r.json()["error"]["code"] == "E020"


def test_in_memory_database_cannot_be_served():
    with pytest.raises(NewsgraphError, match="in-memory"):
        create_app(":memory:", ui=False)


# --------------------------------------------------------------------------- security
def test_script_in_article_comes_back_as_json_data(any_client):
    r = any_client.get("/api/articles/a_3")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    a = r.json()
    assert XSS in a["text"] and a["title"] == f"Comments {XSS}"
    quotes = any_client.get("/api/quotes", params={"article_id": "a_3"}).json()["items"]
    assert quotes[0]["text"] == XSS
    found = any_client.get("/api/articles", params={"q": "comments"}).json()["items"]
    assert [x["id"] for x in found] == ["a_3"] and XSS in found[0]["text"]


def test_ingest_forbidden_without_configured_token(client):
    r = client.post("/api/ingest", json={"articles": [{"text": "Hello."}]}, headers=AUTH)
    assert r.status_code == 403 and r.json()["error"]["code"] == "E051"
    assert client.get("/api/health").json()["ingest_enabled"] is False


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": "Bearer "},
                                     {"Authorization": TOKEN}])
def test_ingest_needs_the_right_token(writer, headers):
    r = writer.post("/api/ingest", json={"articles": [{"text": "Hello."}]}, headers=headers)
    assert r.status_code == 401, r.text
    assert r.json()["error"]["code"] == "E050"
    assert r.headers["www-authenticate"] == "Bearer"
    assert writer.fake.calls == []


def test_token_from_the_environment_via_cli(monkeypatch, db):
    """`newsgraph serve` reads $NEWSGRAPH_TOKEN and hands it to create_app; uvicorn is not started."""
    seen: dict = {}

    def fake_run(app, host, port, log_level):
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.setenv("NEWSGRAPH_TOKEN", "from-env")
    res = CliRunner().invoke(main, ["--db", db, "serve", "--port", "8123"])
    assert res.exit_code == 0, res.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123  # loopback unless told otherwise
    assert seen["app"].state.token == "from-env"
    monkeypatch.delenv("NEWSGRAPH_TOKEN")
    res = CliRunner().invoke(main, ["--db", db, "serve", "--host", "0.0.0.0"])
    assert res.exit_code == 0 and "reachable from other machines" in res.output
    assert seen["app"].state.token is None


def test_oversize_body_is_413(db):
    app = create_app(db, token=TOKEN, max_body_bytes=1000, ui=False)
    app.state.jobs = _runner(db, FakeIngest())
    big = {"articles": [{"text": "word " * 400}]}
    with TestClient(app) as c:
        r = c.post("/api/ingest", json=big, headers=AUTH)
        assert r.status_code == 413 and r.json()["error"]["code"] == "E052"
        # no Content-Length (chunked): the body is counted as it arrives
        chunks = (json.dumps(big)[i:i + 100].encode() for i in range(0, len(json.dumps(big)), 100))
        r = c.post("/api/ingest", content=chunks, headers={**AUTH, "Content-Type": "application/json"})
        assert r.status_code == 413
        # refused before the token is even looked at, and a small body goes through
        assert c.post("/api/ingest", json=big).status_code == 413
        assert c.post("/api/ingest", json={"articles": [{"text": "Short."}]}, headers=AUTH).status_code == 202


def test_body_limit_counts_a_streamed_body_and_never_calls_the_app():
    called = []

    async def app(scope, receive, send):
        called.append(scope)

    sent: list[dict] = []
    chunks = [{"type": "http.request", "body": b"x" * 400, "more_body": True} for _ in range(5)]

    async def receive():
        return chunks.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/ingest", "headers": [(b"transfer-encoding", b"chunked")]}
    anyio.run(BodyLimit(app, max_bytes=1000), scope, receive, send)
    assert called == [] and sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["error"]["code"] == "E052"
    assert len(chunks) == 2  # stopped reading at the third chunk


def test_body_limit_passes_a_body_within_the_limit_whole():
    got = []

    async def app(scope, receive, send):
        while True:
            m = await receive()
            got.append(m.get("body", b""))
            if not m.get("more_body"):
                break

    chunks = [{"type": "http.request", "body": b"ab", "more_body": True}, {"type": "http.request", "body": b"cd"}]

    async def receive():
        return chunks.pop(0)

    async def send(message):
        raise AssertionError("nothing should be sent by the middleware")

    anyio.run(BodyLimit(app, max_bytes=10), {"type": "http", "headers": []}, receive, send)
    assert b"".join(got) == b"abcd"


# --------------------------------------------------------------------------- ingest jobs
def test_ingest_posted_articles(writer):
    body = {"articles": [
        {"text": "Baerbock will visit Ankara.", "title": "Visit", "outlet": "Meridian",
         "url": "https://m.example/1", "published": "2023-03-14T09:00:00+00:00"},
        {"html": "<html><body><p>Protest in Tbilisi.</p></body></html>", "authors": ["A B"]},
    ]}
    r = writer.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code == 202, r.text
    accepted = r.json()
    assert accepted["state"] == "queued" and re.fullmatch(r"[0-9a-f]{32}", accepted["job_id"])
    st = _wait_job(writer, accepted["job_id"])
    assert st["state"] == "done" and st["error"] is None
    assert st["processed"] == 2 and st["total"] == 2
    assert st["summary"]["read"] == 2 and st["summary"]["stored"] == 2 and st["summary"]["failures"] == []
    (call,) = writer.fake.calls
    assert call["name"] == f"api:{accepted['job_id']}"  # stored as api:<job>#1, api:<job>#2
    assert call["records"] == [
        {"url": "https://m.example/1", "outlet": "Meridian", "title": "Visit",
         "published": "2023-03-14T09:00:00+00:00", "text": "Baerbock will visit Ankara."},
        {"authors": ["A B"], "html": "<html><body><p>Protest in Tbilisi.</p></body></html>"},
    ]


def test_ingest_server_side_paths(writer, tmp_path):
    f = tmp_path / "story one.txt"
    f.write_text("Baerbock will visit Ankara.", encoding="utf-8")
    r = writer.post("/api/ingest", json={"paths": [str(tmp_path), f.as_uri()], "format": "text"}, headers=AUTH)
    assert r.status_code == 202, r.text
    st = _wait_job(writer, r.json()["job_id"])
    assert st["state"] == "done" and st["total"] is None
    assert writer.fake.calls[0]["paths"] == [str(tmp_path), str(f)] and writer.fake.calls[0]["fmt"] == "text"


@pytest.mark.parametrize("path,needle", [
    ("https://news.example/story.html", "does not download URLs"),
    ("http://news.example/story.html", "does not download URLs"),
    ("ftp://news.example/x.txt", "only server-side paths"),
    ("file://otherhost/etc/x.txt", "no host"),
    ("/no/such/file.txt", "outside the server's ingest root"),  # said before whether it exists
    ("-", "standard input"),
    ("  ", "empty path"),
])
def test_ingest_refuses_urls_and_missing_paths(writer, path, needle):
    r = writer.post("/api/ingest", json={"paths": [path]}, headers=AUTH)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "E030" and needle in r.json()["error"]["message"]
    assert writer.fake.calls == []


@pytest.mark.parametrize("body", [
    {}, {"articles": []}, {"paths": []}, {"articles": [{"title": "no body"}]}, {"articles": [{"text": "  "}]},
    {"articles": [{"text": "x"}], "paths": ["/tmp"]}, {"articles": [{"text": "x", "bogus": 1}]},
    {"articles": [{"text": "x", "published": "last Tuesday"}]}, {"articles": [{"text": "x"}], "format": "html"},
    {"paths": ["/tmp"], "format": "pdf"}, {"articles": "text"},
])
def test_ingest_body_validation_is_422(writer, body):
    r = writer.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "E053" and "body" in r.json()["error"]["message"]


def test_ingest_invalid_json_is_422(writer):
    r = writer.post("/api/ingest", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E053"


def test_failed_jobs_do_not_stop_the_worker(db):
    app = create_app(db, token=TOKEN, ui=False)
    runner = _runner(db, FakeIngest(fail=StoreError("news.db: database is locked")))
    app.state.jobs = runner
    with TestClient(app) as c:
        first = c.post("/api/ingest", json={"articles": [{"text": "One."}]}, headers=AUTH).json()
        st = _wait_job(c, first["job_id"])
        assert st["state"] == "failed" and "database is locked" in st["error"] and st["summary"] is None
        runner._ingest_records = FakeIngest(fail=RuntimeError("boom")).records  # a bug, not a coded error
        second = c.post("/api/ingest", json={"articles": [{"text": "Two."}]}, headers=AUTH).json()
        st = _wait_job(c, second["job_id"])
        assert st["state"] == "failed" and st["error"] == "internal error: RuntimeError: boom"
        runner._ingest_records = FakeIngest().records
        third = c.post("/api/ingest", json={"articles": [{"text": "Three."}]}, headers=AUTH).json()
        assert _wait_job(c, third["job_id"])["state"] == "done"
        assert c.get("/api/health").status_code == 200


def test_jobs_run_one_at_a_time_in_order_and_the_queue_is_bounded(db, monkeypatch):
    monkeypatch.setattr(jobs_module, "MAX_QUEUED_JOBS", 2)
    gate = threading.Event()
    fake = FakeIngest(gate=gate)
    app = create_app(db, token=TOKEN, ui=False)
    app.state.jobs = _runner(db, fake)
    with TestClient(app) as c:
        ids = [c.post("/api/ingest", json={"articles": [{"text": "Article 0."}]}, headers=AUTH).json()["job_id"]]
        deadline = time.monotonic() + 10
        while c.get(f"/api/ingest/{ids[0]}").json()["state"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        for i in (1, 2):
            ids.append(c.post("/api/ingest", json={"articles": [{"text": f"Article {i}."}]}, headers=AUTH).json()["job_id"])
        assert [c.get(f"/api/ingest/{j}").json()["state"] for j in ids] == ["running", "queued", "queued"]
        r = c.post("/api/ingest", json={"articles": [{"text": "One too many."}]}, headers=AUTH)
        assert r.status_code == 503 and r.json()["error"]["code"] == "E054"
        gate.set()
        assert [_wait_job(c, j)["state"] for j in ids] == ["done", "done", "done"]
    assert [call["records"][0]["text"] for call in fake.calls] == ["Article 0.", "Article 1.", "Article 2."]


def test_local_path_accepts_file_urls_with_escapes(tmp_path):
    f = tmp_path / "a b#c.txt"
    f.write_text("x", encoding="utf-8")
    assert local_path(f.as_uri()) == str(f)
    assert local_path(f"file://localhost{f.as_posix().replace(' ', '%20').replace('#', '%23')}") == str(f)
    assert local_path(str(f)) == str(f)


@pytest.mark.slow
def test_ingest_job_with_the_real_pipeline(tmp_path):
    """One tiny article through POST /api/ingest, spaCy and all, then readable over the API."""
    app = create_app(str(tmp_path / "empty.db"), token=TOKEN, ui=False)
    text = ("German Foreign Minister Annalena Baerbock will visit Ankara on Thursday to meet Turkish Foreign "
            "Minister Mevlut Cavusoglu, her office said on Tuesday.")
    with TestClient(app) as c:
        r = c.post("/api/ingest", headers=AUTH, json={"articles": [
            {"text": text, "title": "Baerbock to visit Ankara", "outlet": "The Test Gazette",
             "published": "2023-03-14T09:00:00+00:00"}]})
        assert r.status_code == 202
        st = _wait_job(c, r.json()["job_id"], timeout=300)
        assert st["state"] == "done", st
        assert st["processed"] == 1 and st["summary"]["stored"] == 1
        found = c.get("/api/articles", params={"q": "Cavusoglu"}).json()["items"]
        assert [a["outlet"] for a in found] == ["The Test Gazette"] and found[0]["text"] == text
        assert c.get("/api/health").json()["counts"]["articles"] == 1
        events = c.get("/api/events").json()["items"]
        assert events and all(e["evidence"][0]["article_id"] == found[0]["id"] for e in events)


# --------------------------------------------------------------------------- schema and docs
EXPECTED_ROUTES = {
    ("get", "/api/health"), ("get", "/api/articles"), ("get", "/api/articles/{article_id}"),
    ("get", "/api/stories"), ("get", "/api/stories/{story_id}"), ("get", "/api/stories/{story_id}/comparison"),
    ("get", "/api/events"), ("get", "/api/events/{event_id}"), ("get", "/api/entities"),
    ("get", "/api/entities/{entity_id}"), ("get", "/api/quotes"), ("get", "/api/failures"),
    ("get", "/api/timeline"), ("get", "/api/network"), ("get", "/api/map"), ("post", "/api/ingest"),
    ("get", "/api/ingest/{job_id}"),
}


def test_openapi_lists_every_route(client):
    schema = client.get("/api/openapi.json").json()
    routes = {(m, p) for p, ops in schema["paths"].items() for m in ops}
    assert routes == EXPECTED_ROUTES
    ops = schema["paths"]
    params = {p["name"] for p in ops["/api/events"]["get"]["parameters"]}
    assert params == {"actor", "country", "type", "since", "until", "story_id", "min_confidence", "q", "limit", "cursor"}
    for url in ("/api/timeline", "/api/network", "/api/map"):
        assert params - {"limit", "cursor"} <= {p["name"] for p in ops[url]["get"]["parameters"]}
    assert ops["/api/ingest"]["post"]["security"] == [{"HTTPBearer": []}]
    for code in ("401", "403", "413", "422"):
        assert ops["/api/ingest"]["post"]["responses"][code]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"}
    events = schema["components"]["schemas"]["EventPage"]["properties"]["items"]["items"]
    assert events == {"$ref": "#/components/schemas/Event"}
    assert "evidence" in schema["components"]["schemas"]["Event"]["properties"]
    assert "disagreements" in schema["components"]["schemas"]["StoryComparison"]["properties"]


def test_docs_page_uses_only_local_assets(client):
    r = client.get("/api/docs")
    assert r.status_code == 200
    html = r.text
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html) + re.findall(r"""url:\s*['"]([^'"]+)""", html)
    assert refs, html
    assert all(ref.startswith("/api/") for ref in refs), refs
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    js = [ref for ref in refs if ref.endswith(".js")]
    css = [ref for ref in refs if ref.endswith(".css")]
    assert js and css
    for ref in js + css:
        asset = client.get(ref)
        assert asset.status_code == 200 and len(asset.content) > 10_000, ref
    assert "SwaggerUIBundle" in client.get(js[0]).text
    assert '"validatorUrl": null' in html  # no badge fetched from an online validator


# --------------------------------------------------------------------------- schemathesis
def _schemathesis_app(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    app = create_app(db, token=TOKEN, ui=False)
    app.state.jobs = _runner(db, FakeIngest())  # valid bodies queue jobs, never real ingests
    return app


def test_schemathesis_finds_no_server_error(tmp_path_factory):
    """Generated requests (valid and invalid) against every operation of the schema: no 5xx."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode

    app = _schemathesis_app(tmp_path_factory)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    operations = [op.ok() for op in schema.get_all_operations()]
    assert {(op.method.lower(), op.path) for op in operations} == EXPECTED_ROUTES
    for op in operations:
        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), derandomize=True)
        @given(case=op.as_strategy())
        def run(case):
            headers = AUTH if case.method == "POST" else None
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        run()


def test_app_with_the_ui_serves_the_page_beside_the_api(db):
    with TestClient(create_app(db)) as c:
        page = c.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert c.get("/api/health").json()["counts"]["stories"] == 2
        assert c.get("/api/nope").json()["error"]["code"] == "E040"
        schema = c.get("/api/openapi.json").json()
        assert {(m, p) for p, ops in schema["paths"].items() for m in ops} == EXPECTED_ROUTES


def test_shutdown_drops_jobs_that_have_not_started(db):
    gate = threading.Event()
    runner = _runner(db, FakeIngest(gate=gate))
    first = runner.submit_articles([{"text": "One."}])
    second = runner.submit_articles([{"text": "Two."}])
    deadline = time.monotonic() + 10
    while runner.get(first["job_id"])["state"] != "running":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    closer = threading.Thread(target=runner.close)
    closer.start()
    time.sleep(0.05)
    gate.set()
    closer.join(10)
    assert runner.get(first["job_id"])["state"] == "done"
    assert runner.get(second["job_id"])["state"] == "failed"
    assert "shut down" in runner.get(second["job_id"])["error"]
    with pytest.raises(NewsgraphError, match="shutting down"):
        runner.submit_articles([{"text": "Three."}])


def test_a_thread_reuses_its_store_and_replaces_it_after_a_store_error(db):
    from newsgraph.web.app import Stores

    stores = Stores(db)
    with stores.session() as first:
        pass
    with stores.session() as again:
        assert again is first  # no new connection (nor migration check) per request
    with pytest.raises(StoreError), stores.session():
        raise StoreError("news.db: connection lost")
    with stores.session() as replaced:
        assert replaced is not first and replaced.counts() is not None
    seen: list = []
    t = threading.Thread(target=_other, args=(stores, seen))
    t.start()
    t.join()
    assert seen and seen[0] is not replaced  # each thread has its own connection


def _other(stores, seen: list) -> None:
    with stores.session() as s:
        seen.append(s)
    stores.close_here()


def test_server_side_paths_only_under_the_ingest_root(writer, tmp_path, tmp_path_factory):
    assert writer.get("/api/health").json()["ingest_paths"] is True
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("Not for the API.", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(outside)  # a link inside the root to a file outside it is outside too
    for path in (str(outside), outside.as_uri(), str(link), str(tmp_path / ".." / outside.parent.name)):
        r = writer.post("/api/ingest", json={"paths": [path]}, headers=AUTH)
        assert r.status_code == 400, (path, r.text)
        assert "outside the server's ingest root" in r.json()["error"]["message"]
    assert writer.fake.calls == []


def test_without_an_ingest_root_paths_are_refused_but_posts_work(db):
    app = create_app(db, token=TOKEN, ui=False)
    fake = FakeIngest()
    app.state.jobs = JobRunner(db, ingest=fake, ingest_records=fake.records)
    with TestClient(app) as c:
        assert c.get("/api/health").json()["ingest_paths"] is False
        r = c.post("/api/ingest", json={"paths": [db]}, headers=AUTH)
        assert r.status_code == 403 and r.json()["error"]["code"] == "E051"
        assert "--ingest-root" in r.json()["error"]["message"]
        ok = c.post("/api/ingest", json={"articles": [{"text": "One."}]}, headers=AUTH)
        assert ok.status_code == 202
    with pytest.raises(ConfigError, match="ingest root"):
        create_app(db, ingest_root=str(Path(db).parent / "missing"))


def test_a_missing_file_under_the_root_is_named_as_missing(writer, tmp_path):
    r = writer.post("/api/ingest", json={"paths": [str(tmp_path / "nope.txt")]}, headers=AUTH)
    assert r.status_code == 400 and "no such file" in r.json()["error"]["message"]


def test_the_worker_passes_the_root_to_the_ingest(writer, tmp_path):
    r = writer.post("/api/ingest", json={"paths": [str(tmp_path)]}, headers=AUTH)
    _wait_job(writer, r.json()["job_id"])
    assert writer.fake.calls[0]["root"] == str(tmp_path.resolve())


def test_a_dropped_postgresql_connection_costs_one_request(postgres_admin):
    """The server ends the connection of a thread's reused store: that request fails with a
    coded store error, the next one opens a new connection."""
    import uuid

    from conftest import with_search_path

    base, admin = postgres_admin
    schema = "web_drop_" + uuid.uuid4().hex[:8]
    app_name = "newsgraph_" + schema
    admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        url = with_search_path(base, schema) + f"&application_name={app_name}"
        with TestClient(create_app(url, ui=False), raise_server_exceptions=False) as c:
            assert c.get("/api/health").status_code == 200
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                          (app_name,))
            broken = c.get("/api/health")
            assert broken.status_code == 500 and broken.json()["error"]["code"] == "E020"
            assert [c.get("/api/health").status_code for _ in range(3)] == [200, 200, 200]
    finally:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.parametrize("url", ["/api/articles?q=a%00b", "/api/events?q=%00", "/api/stories?q=x%00",
                                 "/api/articles/a%00b", "/api/entities?q=%00"])
def test_a_nul_in_the_url_is_a_400_not_a_server_error(any_client, url):
    r = any_client.get(url)
    assert r.status_code == 400 and r.json()["error"]["code"] == "E053"


def test_forged_cursors_with_huge_numbers_or_nul_are_400(client):
    import base64

    for key in (["failures", 10**20], ["events", "a\x00", "b"]):
        cur = base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")
        path = "/api/failures" if key[0] == "failures" else "/api/events"
        r = client.get(path, params={"cursor": cur})
        assert r.status_code == 400 and r.json()["error"]["code"] == "E021", r.text


@pytest.mark.parametrize(("since", "until"), [("2023-05", "2023"), ("2023-03-15", "2023-03"), ("2023", "2023")])
def test_a_coarse_until_runs_to_the_end_of_its_period(client, since, until):
    assert client.get("/api/events", params={"since": since, "until": until}).status_code == 200
