"""End to end: ingest examples/ and check what the corpus was written to contain.

The answer key is examples/EXPECTED.md. Each assertion names a fact from it:
stories, merged events (type, actor, recipient, calendar date, place, number
of sources), entities with their aliases, and quotes with their speakers.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.api import ingest
from newsgraph.cli import main
from newsgraph.model import Event, published_instant
from newsgraph.store import open_store

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("e2e") / "news.db")
    store = open_store(path)
    summary = ingest([str(EXAMPLES)], store)
    store.close()
    return path, summary


@pytest.fixture(scope="module")
def store(db):
    s = open_store(db[0])
    yield s
    s.close()


def base(path: str) -> str:
    return path.replace(str(EXAMPLES) + "/", "")


def test_every_article_stored(db):
    _, summary = db
    assert summary.failures == []
    assert summary.stored == 17 and summary.counts["articles"] == 17


def test_reingest_changes_nothing(db):
    path, _ = db
    s = open_store(path)
    before = {k: v for k, v in s.counts().items()}
    ids_before = sorted(e.id for e in s.events())
    again = ingest([str(EXAMPLES)], s)
    assert again.stored == 0 and again.unchanged == 17
    assert s.counts() == before
    assert sorted(e.id for e in s.events()) == ids_before
    s.close()


def test_article_metadata(store):
    arts = {base(a.source_path): a for a in store.articles()}
    m = arts["text/meridian-baerbock-ankara.txt"]
    assert (m.outlet, m.authors, m.published, m.published_source) == (
        "The Meridian", ["Jane Holloway"], "2023-03-14T17:05:00+00:00", "text")
    assert m.title == "Baerbock to visit Ankara for talks as Berlin seeks to steady ties with Turkey"
    assert "Photograph:" not in m.text and "Support The Meridian" not in m.text and "Comments (312)" not in m.text
    assert "Sign in" not in m.text and "Related:" not in m.text
    gw = arts["html/globalwire-baerbock-ankara.html"]
    assert gw.outlet == "Global Wire" and datetime.fromisoformat(gw.published) == datetime.fromisoformat("2023-03-14T06:30:00+00:00")
    feed = arts["feeds/caucasus-monitor.xml#3"]
    assert feed.outlet == "Caucasus Monitor" and feed.published == "2022-09-14T08:15:00+04:00"
    assert feed.authors == ["Narek Tadevosyan"]
    ct = arts["jsonl/continental-times.jsonl#3"]
    assert ct.outlet == "Continental Times" and ct.published == "2023-03-15T07:45:00+01:00"
    assert ct.meta.get("section") is not None and ct.meta.get("source_id")
    hp = arts["text/harbourpost-yoon-kishida-summit.txt"]
    assert hp.published == "2023-03-09T08:30:00-05:00" and hp.authors == ["Mark Ellis", "Yuki Tanabe"]


STORIES = {
    "baerbock": {"text/meridian-baerbock-ankara.txt", "html/globalwire-baerbock-ankara.html",
                 "html/bosphorusreview-baerbock-ankara.html", "jsonl/continental-times.jsonl#3"},
    "summit": {"text/seouldailyherald-yoon-kishida-summit.txt", "text/harbourpost-yoon-kishida-summit.txt",
               "feeds/caucasus-monitor.xml#1"},
    "sanctions": {"text/meridian-eu-sanctions-kremlin.txt", "text/harbourpost-eu-sanctions-kremlin.txt",
                  "html/globalwire-eu-sanctions-kremlin.html", "jsonl/continental-times.jsonl#1"},
    "protest": {"text/meridian-tbilisi-protest.txt", "feeds/caucasus-monitor.xml#2", "html/globalwire-tbilisi-protest.html"},
    "clash": {"feeds/caucasus-monitor.xml#3", "text/harbourpost-armenia-azerbaijan-clash.txt",
              "jsonl/continental-times.jsonl#2"},
}


def story_of(store, key: str) -> str:
    arts = {base(a.source_path): a for a in store.articles()}
    (sid,) = {arts[p].story_id for p in STORIES[key]}
    return sid


def test_five_stories_across_outlets(store):
    arts = {base(a.source_path): a for a in store.articles()}
    got = {}
    for a in arts.values():
        got.setdefault(a.story_id, set()).add(base(a.source_path))
    assert sorted(map(sorted, got.values())) == sorted(map(sorted, STORIES.values()))
    for s in store.stories():
        assert len(s.outlets) >= 3 and s.title and s.summary and s.event_ids
        # in time, not as text: the Caucasus story's reports carry +04:00 and -04:00 offsets
        assert published_instant(s.first_published) <= published_instant(s.last_published)
        by_id = {a.id: a for a in arts.values()}
        members = [published_instant(by_id[i].published) for i in s.article_ids if by_id[i].published]
        assert published_instant(s.first_published) == min(members)


def find(events: list[Event], etype: str, actor_country: str | None = None, date: str | None = None,
         recipient_country: str | None = None) -> Event:
    cands = [e for e in events if e.type == etype
             and (actor_country is None or actor_country in {a.country for a in e.actor})
             and (recipient_country is None or recipient_country in {r.country for r in e.recipient})
             and (date is None or e.date == date)]
    assert cands, f"no {etype} {actor_country}->{recipient_country} on {date}: " + "; ".join(
        f"{e.type} {[a.country for a in e.actor]}->{[r.country for r in e.recipient]} {e.date}" for e in events if e.type == etype)
    return max(cands, key=lambda e: e.num_sources)


def test_baerbock_visit_is_one_future_event_with_four_sources(store):
    evs = store.events()
    ev = find(evs, "CONSULT", "DEU", "2023-03-16", "TUR")
    assert ev.aux_mode == "future" and ev.mode == "visit" and ev.date_precision == "day"
    assert "Annalena Baerbock" in [a.name for a in ev.actor]
    assert ev.location is not None and ev.location.name == "Ankara" and ev.location.country == "TUR"
    assert ev.num_sources == 4 and ev.num_articles == 4
    assert ev.story_id == story_of(store, "baerbock")
    assert {x.article_id for x in ev.evidence} == set(ev.article_ids)
    arts = {a.id: a for a in store.articles()}
    for x in ev.evidence:
        assert arts[x.article_id].text[x.start:x.end] == x.sentence


def test_tokyo_summit_planned_for_16_march(store):
    ev = find(store.events(), "CONSULT", "KOR", "2023-03-16", "JPN")
    assert ev.aux_mode == "future" and ev.num_sources == 3
    assert ev.location is not None and ev.location.name == "Tokyo"
    assert ev.plover_type == "AGREE" and ev.quad_class == 1 and ev.goldstein is not None


def test_pyongyang_threat(store):
    ev = find(store.events(), "THREATEN", "PRK", "2023-03-08")
    assert ev.num_sources >= 2


def test_eu_sanctions_and_kremlin_response(store):
    evs = store.events()
    sanc = find(evs, "SANCTION", None, "2017-06-01", "RUS")
    assert "European Union" in [a.name for a in sanc.actor] and sanc.num_sources >= 3
    threat = find(evs, "THREATEN", "RUS", "2017-06-02")
    assert threat.num_sources >= 3
    acc = find(evs, "ACCUSE", "RUS")
    assert "Sergei Lavrov" in [a.name for a in acc.actor]


def test_tbilisi_protest_and_police_response(store):
    evs = store.events()
    prot = find(evs, "PROTEST", "GEO", "2023-03-07")
    assert prot.location is not None and prot.location.name == "Tbilisi" and prot.num_sources == 3
    police = [e for e in evs if e.type in ("COERCE", "ASSAULT") and e.story_id == story_of(store, "protest")
              and any(a.sector == "COP" for a in e.actor)]
    assert police and max(e.num_sources for e in police) >= 2


def test_border_clash(store):
    evs = store.events()
    shell = find(evs, "ASSAULT", "AZE", "2022-09-13", "ARM")
    assert shell.num_sources >= 2
    acc = find(evs, "ACCUSE", "AZE", "2022-09-13", "ARM")
    assert acc.num_sources == 3
    call = find(evs, "CONSULT", "ARM", "2022-09-13", "RUS")
    assert call.mode == "phone" and "Nikol Pashinyan" in [a.name for a in call.actor]
    assert "Vladimir Putin" in [r.name for r in call.recipient]


def entity(store, name: str):
    found = [e for e in store.entities() if e.name == name]
    assert len(found) == 1, f"{name}: {[(e.name, e.aliases) for e in store.entities() if name.split()[-1][:4] in e.name]}"
    return found[0]


@pytest.mark.parametrize(
    ("name", "country", "aliases"),
    [
        ("Annalena Baerbock", "DEU", {"Annalena Baerbock", "Baerbock", "Ms Baerbock"}),
        ("Recep Tayyip Erdoğan", "TUR", {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Erdogan"}),
        ("Mevlüt Çavuşoğlu", "TUR", {"Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "Mr Çavuşoğlu"}),
        ("Yoon Suk-yeol", "KOR", {"Yoon Suk-yeol", "Yoon Suk Yeol"}),
        ("Sergei Lavrov", "RUS", {"Sergei Lavrov", "Mr Lavrov", "Lavrov"}),
        ("Nikol Pashinyan", "ARM", {"Nikol Pashinyan", "Mr Pashinyan"}),
    ],
)
def test_entities_merged_across_spellings(store, name, country, aliases):
    e = entity(store, name)
    assert e.country == country and e.type == "PERSON" and e.sector == "GOV"
    assert aliases <= set(e.aliases), e.aliases
    others = [x for x in store.entities() if x.id != e.id and x.type == "PERSON"
              and set(x.aliases) & aliases]
    assert others == []


def test_people_sharing_a_name_part_stay_apart(store):
    names = {e.name for e in store.entities() if e.type == "PERSON"}
    assert {"Vladimir Putin", "Sergei Lavrov", "Dmitry Peskov"} <= names


def speakers(store) -> dict[tuple[str, str], str | None]:
    arts = {a.id: base(a.source_path) for a in store.articles()}
    return {(arts[q.article_id], " ".join(q.text.split()[:4])): (q.speaker.name if q.speaker else None)
            for q in store.quotes()}


@pytest.mark.parametrize(
    ("path", "opening", "speaker"),
    [
        ("text/meridian-baerbock-ankara.txt", "Germany stands by Turkey,", "Annalena Baerbock"),
        ("text/meridian-baerbock-ankara.txt", "We are grateful to", "Mevlüt Çavuşoğlu"),
        ("html/globalwire-eu-sanctions-kremlin.html", "We will not accept", "Sergei Lavrov"),
        ("html/globalwire-eu-sanctions-kremlin.html", "and we will respond", "Sergei Lavrov"),
        ("text/meridian-eu-sanctions-kremlin.txt", "Such decisions do nothing", "Dmitry Peskov"),
        ("text/meridian-eu-sanctions-kremlin.txt", "Our position on Crimea", "Federica Mogherini"),
        ("text/harbourpost-yoon-kishida-summit.txt", "We must not let", "Yoon Suk-yeol"),
        ("feeds/caucasus-monitor.xml#1", "I want to use", "Fumio Kishida"),
        ("text/seouldailyherald-yoon-kishida-summit.txt", "The two leaders are", "Kim Eun-hye"),
        ("jsonl/continental-times.jsonl#2", "The aggression is continuing.", "Nikol Pashinyan"),
        ("jsonl/continental-times.jsonl#3", "We are not going", None),
    ],
)
def test_quote_speakers(store, path, opening, speaker):
    got = speakers(store)
    assert (path, opening) in got, [k for k in got if k[0] == path]
    assert got[(path, opening)] == speaker


def test_multi_paragraph_quote_is_one_span(store):
    arts = {base(a.source_path): a.id for a in store.articles()}
    qs = [q for q in store.quotes() if q.article_id == arts["text/meridian-eu-sanctions-kremlin.txt"]]
    multi = [q for q in qs if "They only damage relations" in q.text]
    assert len(multi) == 1 and "Russia has never left unfriendly steps" in multi[0].text
    assert multi[0].speaker is not None and multi[0].speaker.name == "Dmitry Peskov"


def test_cli_exports_follow_the_contract(db):
    path, _ = db
    r = CliRunner()
    contract = {
        "articles": {"id", "source_path", "url", "outlet", "title", "authors", "published", "published_source",
                     "text", "story_id", "language", "duplicate_of"},
        "stories": {"id", "title", "summary", "article_ids", "outlets", "first_published", "last_published", "event_ids"},
        "entities": {"id", "name", "type", "country", "sector", "aliases", "article_ids"},
        "events": {"id", "type", "mode", "context", "cameo", "aux_mode", "actor", "recipient", "date", "date_precision",
                   "location", "story_id", "article_ids", "num_articles", "num_sources", "confidence", "evidence"},
        "quotes": {"id", "article_id", "speaker", "text", "start", "end"},
        "failures": {"input", "stage", "error", "detail"},
    }
    for what, fields in contract.items():
        res = r.invoke(main, ["--db", path, "export", "--what", what])
        assert res.exit_code == 0, res.output
        recs = [json.loads(x) for x in res.output.splitlines() if x.strip()]
        assert what == "failures" or recs
        for rec in recs:
            assert fields <= set(rec), (what, fields - set(rec))
    res = r.invoke(main, ["--db", path, "events", "--json", "--type", "CONSULT", "--country", "TUR"])
    evs = [json.loads(x) for x in res.output.splitlines()]
    assert evs and all(e["type"] == "CONSULT" for e in evs)
    for a in evs[0]["actor"]:
        assert set(a) == {"entity_id", "name", "country", "sector"}


def test_cli_story_and_tables(db):
    path, _ = db
    r = CliRunner()
    res = r.invoke(main, ["--db", path, "stories", "--json"])
    sid = json.loads(res.output.splitlines()[0])["id"]
    res = r.invoke(main, ["--db", path, "story", sid])
    assert res.exit_code == 0 and "Events" in res.output
    for cmd in ("stories", "events", "entities", "quotes"):
        res = r.invoke(main, ["--db", path, cmd])
        assert res.exit_code == 0, res.output
    res = r.invoke(main, ["--db", path, "story", "nope"])
    assert res.exit_code != 0 and "no story" in res.output


def test_bad_inputs_do_not_lose_stored_data(db, tmp_path):
    path, _ = db
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.txt").write_text("")
    (junk / "bin.dat").write_bytes(bytes(range(256)) * 100)
    (junk / "big.txt").write_bytes(b"x " * (26 * 1024 * 1024))
    (junk / "only-menu.txt").write_text("Home\nNews\nSport\nSign in\n")
    res = CliRunner().invoke(main, ["--db", path, "ingest", str(junk)])
    assert res.exit_code == 0, res.output  # every input recorded as a failure with a reason
    assert res.output.count("failed:") == 4 or "failed 4" in res.output
    s = open_store(path)
    assert s.counts()["articles"] == 17
    fails = {f.input.rsplit("/", 1)[-1]: f for f in s.failures()}
    assert {"empty.txt", "bin.dat", "big.txt", "only-menu.txt"} <= set(fails)
    assert all(f.detail for f in fails.values())
    s.close()
