"""Cross-source comparison of a story (stories/compare.py) and the count parser (nlp/numbers.py).

Fast tests use hand-built articles, annotations and events; the slow ones ingest
four short reports, written for this test, of one made-up attack near Bunia:

* Lakeside Courier (09:00 UTC): 12 killed on Monday, at least 30 injured, $5 million
  of aid, a quote from the governor Jean-Pierre Mbala; the meeting is in Geneva.
* Valley Herald (08:45 at UTC-2, i.e. 10:45 UTC, earlier as a string than 09:00):
  twelve dead, the meeting in Geneva, a quote from Marie Dubois.
* River Times (11:30 UTC): 14 killed on Tuesday, two dozen wounded, 2,000 troops,
  the meeting in Lausanne, a quote from Bintou Keita.
* Metro Daily (12:00 UTC): a wire copy of the Lakeside Courier report.
"""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from newsgraph.model import ActorRef, Article, Event, Evidence, Location, Quote, SpeakerRef, Story
from newsgraph.nlp.numbers import find_numbers
from newsgraph.stories.compare import (
    compare_story,
    places_agree,
    publication_window,
    sentence_spans,
    source_of,
)

# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("sentence", "key", "low", "high", "shown"),
    [
        ("Gunmen attacked the convoy, killing 12 people, officials said.", "casualties-killed", 12, 12, "12"),
        ("Fourteen people were killed in the ambush.", "casualties-killed", 14, 14, "14"),
        ("At least 30 people were injured.", "casualties-injured", 30, None, "at least 30"),
        ("Two dozen villagers were wounded.", "casualties-injured", 24, 24, "24"),
        ("The army said 2,000 troops had been sent to the area.", "troops", 2000, 2000, "2,000"),
        ("The UN will send $5 million in emergency aid.", "aid:USD", 5e6, 5e6, "USD 5,000,000"),
        ("Brussels pledged €1.5bn in humanitarian assistance.", "aid:EUR", 1.5e9, 1.5e9, "EUR 1,500,000,000"),
        ("Police arrested twenty-one protesters overnight.", "arrested:protesters", 21, 21, "21"),
        ("Police detained 40 people after the march.", "arrested", 40, 40, "40"),
        ("A hundred and fifty families fled the shelling.", "displaced", 150, 150, "150"),
        ("The death toll rose from 12 to 14.", "casualties-killed", 14, 14, "14"),
        ("Between 40 and 50 people died.", "casualties-killed", 40, 50, "40-50"),
        ("Three soldiers were killed at the checkpoint.", "casualties-killed:soldiers", 3, 3, "3"),
        ("Nearly 300 homes were destroyed.", "buildings", 270, 300, "nearly 300"),
        ("About 2,000 residents were evacuated.", "displaced", 1800, 2200, "about 2,000"),
        ("Dozens of people were hurt.", "casualties-injured", 24, None, "dozens"),
        # partitive counts: the first figure is the event's, the second the whole group's
        ("12 of the 40 passengers were killed.", "casualties-killed", 12, 12, "12"),
        ("Three of its 20 soldiers were wounded.", "casualties-injured:soldiers", 3, 3, "3"),
        ("Five of the 30 miners died.", "casualties-killed", 5, 5, "5"),
        ("Between 10 and 12 of the 40 miners died.", "casualties-killed", 10, 12, "10-12"),
        # ... unless the group carries its own event word: 40 were arrested, 12 released
        ("Police said 12 of the 40 protesters arrested were later released.", "arrested:protesters", 40, 40, "40"),
    ],
)
def test_number_parser(sentence, key, low, high, shown):
    (m,) = find_numbers(sentence)
    assert (m.key, m.low, m.high, m.display()) == (key, low, high, shown)
    assert sentence[m.start : m.end] == m.text


def test_number_parser_two_counts_in_one_clause():
    ms = find_numbers("Twelve people were killed and 30 injured when the bus was hit.")
    assert [(m.key, m.value) for m in ms] == [("casualties-killed", 12), ("casualties-injured", 30)]
    ms = find_numbers("The blast killed 7 and wounded 19.")
    assert [(m.key, m.value) for m in ms] == [("casualties-killed", 7), ("casualties-injured", 19)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack on 3 March killed nobody, officials said.",  # a calendar day
        "In 2023 the village was attacked again.",  # a year
        "A 12-year-old boy was hurt.",  # an age
        "Turnout was 45 percent, and 12% of ballots were spoiled.",  # shares
        "The curfew starts at 10:30 and the convoy travelled 40 km.",  # a time and a distance
        "Resolution 2334 was adopted after talks with two ministers.",  # a label; an uncounted noun
        "No one was hurt in the blast.",
    ],
)
def test_number_parser_skips_what_is_not_a_count(sentence):
    assert find_numbers(sentence) == []


def test_number_parser_skips_time_expression_spans():
    s = "On Tuesday 12 March, 14 people were killed."
    start = s.index("Tuesday")
    ms = find_numbers(s, skip=[(start, start + len("Tuesday 12 March"))])
    assert [(m.key, m.value) for m in ms] == [("casualties-killed", 14)]


def test_number_compatibility():
    (exact12,) = find_numbers("12 people were killed.")
    (exact14,) = find_numbers("14 people were killed.")
    (least12,) = find_numbers("At least 12 people were killed.")
    (about14,) = find_numbers("About 14 people were killed.")
    assert not exact12.compatible(exact14)
    assert least12.compatible(exact14) and exact14.compatible(least12)
    assert about14.compatible(exact14) and not about14.compatible(exact12)  # 12 is outside 14 ± 10%


def test_sentence_spans_keep_titles_whole():
    text = 'Mr. Mbala spoke first. "We will stay," he said.\nA new paragraph'
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Mr. Mbala spoke first.", '"We will stay," he said.', "A new paragraph"]


# --------------------------------------------------------------------------- places and sources


def _place(name, country, lat, lon, feature="city", admin1=None):
    return {"name": name, "country": country, "lat": lat, "lon": lon, "feature": feature, "admin1": admin1}


def test_places_agree():
    geneva = _place("Geneva", "CHE", 46.2, 6.14, "admin2", "CHE.geneva")
    assert not places_agree(geneva, _place("Lausanne", "CHE", 46.52, 6.63, admin1="CHE.vaud"))  # ~50 km
    assert places_agree(geneva, _place("Switzerland", "CHE", 47.0, 8.0, "country"))  # holds it
    assert places_agree(geneva, _place("Carouge", "CHE", 46.18, 6.14))  # 2 km: one place, two names
    assert not places_agree(geneva, _place("France", "FRA", 46.0, 2.0, "country"))


def _art(aid, outlet, published=None, source="metadata", duplicate_of=None, text="Body."):
    return Article(id=aid, source_path=f"{aid}.txt", text=text, outlet=outlet, published=published,
                   published_source=source if published else None, duplicate_of=duplicate_of)


def test_source_of_maps_copies_to_their_original():
    orig, copy = _art("a1", "Wire"), _art("a2", "Reprint", duplicate_of="a1")
    nameless = _art("a3", None)
    by_id = {a.id: a for a in (orig, copy, nameless)}
    assert [source_of(a, by_id) for a in (orig, copy, nameless)] == ["Wire", "Wire", "a3"]


def test_publication_window():
    assert publication_window(_art("a", "X", "2024-03-05", "text"))[1].hour == 23  # a whole UTC day
    assert publication_window(_art("a", "X", "2024-03-05T10:00:00", "text"))[0].utcoffset().total_seconds() == 0
    assert publication_window(_art("a", "X", "2024-03-05T10:00:00+00:00", "inferred")) is None
    assert publication_window(_art("a", "X")) is None


# --------------------------------------------------------------------------- compare_story (hand-built)

_SENT_A = "Rebels shelled Kalemie on Monday, killing 9 people."
_SENT_B = "Rebels shelled Kalemie on Sunday, killing 11 people."
_SENT_C = "Rebels shelled Kalemie, killing at least 9 people."


def _mention(text, date, trigger="shelled"):
    return {"type": "ASSAULT", "start": 0, "end": len(text), "sentence": text, "trigger": trigger,
            "trigger_start": text.index(trigger), "date": date, "date_source": "text" if date else "published",
            "location": {"name": "Kalemie", "lat": -5.95, "lon": 29.19, "country": "COD", "feature": "city",
                         "source": "text"},
            "actor": [{"key": None, "name": "Rebels", "country": "COD", "sector": "REB"}], "recipient": []}


def _timex(text, word, value):
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word, "value": value, "precision": "day", "kind": "date"}


def _hand_built():
    """Three sources, one of them printed twice (a wire copy), one only with an inferred date."""
    arts = [
        _art("a1", "North Post", "2024-05-06T10:00:00+02:00", text=_SENT_A),  # 08:00 UTC
        _art("a2", "South Ledger", "2024-05-06T08:30:00+00:00", text=_SENT_B),
        _art("a3", "East Reprint", "2024-05-06T07:00:00+00:00", duplicate_of="a1", text=_SENT_A),
        _art("a4", "West Daily", "2024-05-06T12:00:00+00:00", source="inferred", text=_SENT_C),
    ]
    anns = {
        "a1": {"events": [_mention(_SENT_A, "2024-05-06")], "times": [_timex(_SENT_A, "Monday", "2024-05-06")]},
        "a2": {"events": [_mention(_SENT_B, "2024-05-05")], "times": [_timex(_SENT_B, "Sunday", "2024-05-05")]},
        "a3": {"events": [_mention(_SENT_A, "2024-05-06")], "times": [_timex(_SENT_A, "Monday", "2024-05-06")]},
        "a4": {"events": [_mention(_SENT_C, None)], "times": []},
    }
    rebels = [ActorRef(None, "Rebels", "COD", "REB")]
    loc = Location("Kalemie", -5.95, 29.19, "COD")
    ev1 = Event("ev_1", "ASSAULT", actor=rebels, date="2024-05-06", location=loc, story_id="s1",
                article_ids=["a1", "a3", "a4"], trigger="shelled",
                evidence=[Evidence(a.id, a.text, 0, len(a.text)) for a in arts if a.id != "a2"])
    ev2 = Event("ev_2", "ASSAULT", actor=rebels, date="2024-05-05", location=loc, story_id="s1",
                article_ids=["a2"], trigger="shelled", evidence=[Evidence("a2", _SENT_B, 0, len(_SENT_B))])
    quotes = [Quote("q1", "a2", "we will hold the town", 0, 10, SpeakerRef(None, "a spokesman"))]
    story = Story("s1", "Kalemie shelled", "", article_ids=[a.id for a in arts], event_ids=["ev_1", "ev_2"])
    return compare_story(story, [(a, anns[a.id]) for a in arts], [ev1, ev2], quotes)


def test_hand_built_sources_first_and_undated():
    comp = _hand_built()
    assert [s.source for s in comp.sources] == ["North Post", "South Ledger", "West Daily"]
    north = comp.sources[0]
    assert north.outlets == ["North Post", "East Reprint"] and north.copies == ["a3"]
    # The copy's own earlier timestamp is the North Post source's earliest report.
    assert north.first_published == "2024-05-06T07:00:00+00:00"
    (ev1,) = [f for f in comp.events if f.key == "ev_1"]
    assert ev1.sources == ["North Post", "West Daily"] and not ev1.unique
    assert ev1.first == ["North Post"] and ev1.undated == ["West Daily"]  # an inferred date is no date
    killed = next(f for f in comp.numbers if f.key == "casualties-killed")
    # North Post (via its copy, 07:00 UTC) is strictly earlier than South Ledger (08:30 UTC).
    assert killed.first == ["North Post"] and killed.sources == ["North Post", "South Ledger", "West Daily"]


def test_hand_built_tie_on_publication_instant():
    comp = _hand_built()
    monday = next(f for f in comp.dates if f.key == "2024-05-06")
    sunday = next(f for f in comp.dates if f.key == "2024-05-05")
    assert monday.unique and monday.sources == ["North Post"] and monday.first_published == "2024-05-06T07:00:00+00:00"
    assert sunday.unique and sunday.sources == ["South Ledger"]
    arts = [_art("x1", "P", "2024-05-06T10:00:00+02:00", text=_SENT_A),
            _art("x2", "Q", "2024-05-06T08:00:00+00:00", text=_SENT_A)]
    story = Story("s2", "t", "", article_ids=["x1", "x2"])
    comp = compare_story(story, [(a, {}) for a in arts], [], [])
    (killed,) = comp.numbers
    assert killed.first == ["P", "Q"]  # the same instant written in two offsets


def test_hand_built_disagreements():
    comp = _hand_built()
    by_kind = {d.kind: d for d in comp.disagreements}
    assert set(by_kind) == {"date", "number"}  # all name Kalemie: no place disagreement
    date = by_kind["date"]
    assert date.event_ids == ["ev_1", "ev_2"]  # kept apart by the merge for their dates
    assert {v.value: v.sources for v in date.values} == {"2024-05-06": ["North Post"], "2024-05-05": ["South Ledger"]}
    number = by_kind["number"]
    assert {v.value: v.sources for v in number.values} == {
        "9": ["North Post"], "11": ["South Ledger"], "at least 9": ["West Daily"]}
    (eleven,) = [v for v in number.values if v.value == "11"]
    assert [(r.article_id, r.evidence.sentence, r.text) for r in eleven.reports] == [("a2", _SENT_B, "11")]


def test_hand_built_quotes_and_json():
    comp = _hand_built()
    (q,) = comp.quotes
    assert (q.key, q.label, q.unique, q.sources) == ("speaker:spokesman", "spokesman", True, ["South Ledger"])
    d = json.loads(json.dumps(comp.to_dict()))
    assert d["story_id"] == "s1" and set(d) >= {"sources", "events", "quotes", "numbers", "dates", "people",
                                                 "disagreements"}


# --------------------------------------------------------------------------- end to end (ingest)

COURIER = """Gunmen kill 12 in attack on aid convoy near Bunia

Gunmen attacked a United Nations aid convoy near the town of Bunia on Monday, killing 12 people, local officials said.

At least 30 people were injured in the attack, according to the regional governor, Jean-Pierre Mbala.

"This was a cowardly attack on people who came to help," Mbala told reporters in Bunia.

The United Nations said it would send $5 million in emergency aid to the region.

Congolese Foreign Minister Christophe Lutundula will meet United Nations envoy Bintou Keita in Geneva on Thursday to discuss the violence, his office said.
"""

# Metro Daily reprints the Courier's agency copy with its own sign-off.
METRO = COURIER.replace("his office said.", "his office said. Reporting by Metro Daily staff.")

RIVER = """Fourteen dead as convoy ambushed in eastern Congo

Fourteen people were killed when gunmen ambushed a United Nations aid convoy near Bunia on Tuesday, a UN spokesman said.

Two dozen people were wounded, the spokesman added.

Congolese Foreign Minister Christophe Lutundula will meet United Nations envoy Bintou Keita in Lausanne on Thursday to discuss the attack.

"We will not abandon the people of Ituri," Keita said in a statement.

The army said 2,000 troops had been sent to the area.
"""

VALLEY = """Aid convoy attacked near Bunia

Twelve people died when gunmen attacked a United Nations aid convoy near Bunia, witnesses said.

Congolese Foreign Minister Christophe Lutundula will meet United Nations envoy Bintou Keita in Geneva on Thursday.

"The convoys must be protected," said Marie Dubois, a spokeswoman for the aid agency.
"""

REPORTS = [  # file, outlet, published
    ("courier.txt", COURIER, "Lakeside Courier", "2024-03-05T09:00:00+00:00"),
    ("valley.txt", VALLEY, "Valley Herald", "2024-03-05T08:45:00-02:00"),
    ("river.txt", RIVER, "River Times", "2024-03-05T11:30:00+00:00"),
    ("metro.txt", METRO, "Metro Daily", "2024-03-05T12:00:00+00:00"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from newsgraph.api import ingest, story_comparison
    from newsgraph.pipeline import PipelineConfig
    from newsgraph.store import open_store

    d = tmp_path_factory.mktemp("compare")
    db = str(d / "news.db")
    store = open_store(db)
    for name, text, outlet, published in REPORTS:
        (d / name).write_text(text, encoding="utf-8")
        ingest([str(d / name)], store, config=PipelineConfig(outlet=outlet, published=published))
    arts = {a.outlet: a for a in store.articles()}
    (story,) = store.stories()
    comp = story_comparison(store, story.id)
    store.close()
    return db, arts, story, comp


def _disagreement(comp, kind, about=""):
    (d,) = [d for d in comp.disagreements if d.kind == kind and about in d.label]
    return d


@pytest.mark.slow
def test_story_groups_the_reports_and_the_copy_is_one_source(corpus):
    _, arts, story, comp = corpus
    assert set(story.article_ids) == {a.id for a in arts.values()}
    assert arts["Metro Daily"].duplicate_of == arts["Lakeside Courier"].id
    assert [s.source for s in comp.sources] == ["Lakeside Courier", "Valley Herald", "River Times"]
    courier = comp.sources[0]
    assert courier.outlets == ["Lakeside Courier", "Metro Daily"] and courier.copies == [arts["Metro Daily"].id]
    assert all("Metro Daily" not in f.sources for f in comp.facts())


@pytest.mark.slow
def test_facts_only_one_outlet_reported(corpus):
    _, _, _, comp = corpus
    numbers = {f.key: f for f in comp.numbers}
    assert numbers["troops"].unique and numbers["troops"].sources == ["River Times"]
    assert numbers["aid:USD"].unique and numbers["aid:USD"].sources == ["Lakeside Courier"]
    assert [r.value for r in numbers["aid:USD"].reports] == ["USD 5,000,000"] * 2  # original and copy
    people = {f.label: f for f in comp.people}
    # Mbala is in the Courier and its copy only: still one source.
    assert people["Jean-Pierre Mbala"].unique and people["Jean-Pierre Mbala"].sources == ["Lakeside Courier"]
    assert people["Marie Dubois"].unique and people["Marie Dubois"].sources == ["Valley Herald"]
    assert not people["Bintou Keita"].unique and len(people["Bintou Keita"].sources) == 3
    keita = next(f for f in comp.quotes if f.label == "Bintou Keita")
    assert keita.unique and keita.sources == ["River Times"]
    assert keita.reports[0].value.startswith("We will not abandon the people of Ituri")
    troops_event = next(f for f in comp.events if any("2,000 troops" in r.evidence.sentence for r in f.reports))
    assert troops_event.unique and troops_event.sources == ["River Times"]
    river = next(s for s in comp.sources if s.source == "River Times")
    assert {"number:troops", keita.id, troops_event.id} <= set(river.unique_facts)


@pytest.mark.slow
def test_first_reporter_is_the_earliest_instant(corpus):
    _, _, _, comp = corpus
    killed = next(f for f in comp.numbers if f.key == "casualties-killed")
    # 08:45-02:00 reads earlier than 09:00+00:00 as a string but is 10:45 UTC.
    assert killed.sources == ["Lakeside Courier", "Valley Herald", "River Times"]
    assert killed.first == ["Lakeside Courier"] and killed.first_published == "2024-03-05T09:00:00+00:00"
    meeting = next(f for f in comp.events if f.detail["type"] == "CONSULT")
    assert meeting.first == ["Lakeside Courier"] and set(meeting.sources) == {"Lakeside Courier", "Valley Herald",
                                                                              "River Times"}


@pytest.mark.slow
def test_number_disagreement_with_evidence(corpus):
    _, arts, _, comp = corpus
    d = _disagreement(comp, "number", "casualties-killed")
    assert {v.value: v.sources for v in d.values} == {"12": ["Lakeside Courier", "Valley Herald"],
                                                      "14": ["River Times"]}
    (fourteen,) = [v for v in d.values if v.value == "14"]
    (r,) = fourteen.reports
    river = arts["River Times"]
    assert r.article_id == river.id and r.text == "Fourteen"
    assert r.evidence.sentence.startswith("Fourteen people were killed when gunmen ambushed")
    assert river.text[r.evidence.start : r.evidence.end] == r.evidence.sentence
    assert river.text[r.start : r.end] == "Fourteen"
    injured = _disagreement(comp, "number", "casualties-injured")
    assert {v.value: v.sources for v in injured.values} == {"at least 30": ["Lakeside Courier"],
                                                            "24": ["River Times"]}


@pytest.mark.slow
def test_place_and_date_disagreements_with_evidence(corpus):
    _, arts, _, comp = corpus
    place = _disagreement(comp, "place", "CONSULT")
    assert {v.value: v.sources for v in place.values} == {"Geneva": ["Lakeside Courier", "Valley Herald"],
                                                          "Lausanne": ["River Times"]}
    (lausanne,) = [v for v in place.values if v.value == "Lausanne"]
    (r,) = lausanne.reports
    assert r.article_id == arts["River Times"].id and "in Lausanne on Thursday" in r.evidence.sentence
    date = _disagreement(comp, "date")
    assert {v.value: v.sources for v in date.values} == {"2024-03-04": ["Lakeside Courier"],
                                                         "2024-03-05": ["River Times"]}
    monday = next(v for v in date.values if v.value == "2024-03-04")
    assert {r.article_id for r in monday.reports} == {arts["Lakeside Courier"].id, arts["Metro Daily"].id}
    assert all("on Monday" in r.evidence.sentence for r in monday.reports)
    # The meeting's Thursday is the same date in every report: no date dispute about it.
    assert not [d for d in comp.disagreements if d.kind == "date" and "CONSULT" in d.label]


@pytest.mark.slow
def test_cli_story_compare_tables_and_json(corpus):
    from newsgraph.cli import main

    db, _, story, _ = corpus
    r = CliRunner()
    res = r.invoke(main, ["--db", db, "story", story.id, "--compare"])
    assert res.exit_code == 0, res.output
    for heading in ("Sources", "Events", "Quotes by speaker", "Numbers", "Dates", "People", "Disagreements"):
        assert heading in res.output
    assert "Lausanne" in res.output and "casualties-killed" in res.output
    res = r.invoke(main, ["--db", db, "story", story.id, "--compare", "--json"])
    assert res.exit_code == 0
    d = json.loads(res.output)
    assert d["story_id"] == story.id
    assert {x["source"] for x in d["sources"]} == {"Lakeside Courier", "Valley Herald", "River Times"}
    assert {x["kind"] for x in d["disagreements"]} == {"date", "place", "number"}
    res = r.invoke(main, ["--db", db, "story", "story_nope", "--compare"])
    assert res.exit_code != 0 and "E040" in res.output and "story_nope" in res.output


@pytest.mark.slow
def test_export_comparisons(corpus, tmp_path):
    import pyarrow.parquet as pq

    from newsgraph.cli import main

    db, _, story, _ = corpus
    r = CliRunner()
    res = r.invoke(main, ["--db", db, "export", "--what", "comparisons"])
    assert res.exit_code == 0
    (rec,) = [json.loads(line) for line in res.output.splitlines()]
    assert rec["story_id"] == story.id and len(rec["disagreements"]) == 4
    out = tmp_path / "c.csv"
    assert r.invoke(main, ["--db", db, "export", "--what", "comparisons", "--format", "csv", "-o", str(out)]).exit_code == 0
    with out.open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["story_id"] == story.id
    assert json.loads(row["numbers"]) == rec["numbers"]  # nested fields are JSON text in CSV cells
    pq_out = tmp_path / "c.parquet"
    assert r.invoke(main, ["--db", db, "export", "--what", "comparisons", "--format", "parquet",
                           "-o", str(pq_out)]).exit_code == 0
    table = pq.read_table(pq_out).to_pylist()
    assert table[0]["story_id"] == story.id and json.loads(table[0]["disagreements"]) == rec["disagreements"]


def test_evidence_trigger_offsets_tell_two_mentions_of_one_sentence_apart():
    """Two shellings in one sentence, with the same participants: only the trigger offset in
    each event's evidence says which mention (and so which date) is whose."""
    text = "Rebels shelled Kalemie on Monday and shelled Moba on Tuesday."
    first, second = text.index("shelled"), text.rindex("shelled")
    m1 = {**_mention(text, "2024-05-06"), "trigger_start": first}
    m2 = {**_mention(text, "2024-05-07"), "trigger_start": second}
    art = _art("a1", "North Post", "2024-05-08T08:00:00+00:00", text=text)
    rebels = [ActorRef(None, "Rebels", "COD", "REB")]
    # No merged date and the same participants: overlap alone would pair them the other way round.
    late = Event("ev_a_late", "ASSAULT", actor=rebels, story_id="s1", article_ids=["a1"],
                 evidence=[Evidence("a1", text, 0, len(text), "shelled", second, second + 7)])
    early = Event("ev_b_early", "ASSAULT", actor=rebels, story_id="s1", article_ids=["a1"],
                  evidence=[Evidence("a1", text, 0, len(text), "shelled", first, first + 7)])
    story = Story("s1", "Shelling", "", article_ids=["a1"], event_ids=["ev_a_late", "ev_b_early"])
    comp = compare_story(story, [(art, {"events": [m1, m2], "times": []})], [late, early], [])
    dates = {f.key: [d for r in f.reports for d in r.detail["dates"]] for f in comp.events}
    assert dates == {"ev_b_early": ["2024-05-06"], "ev_a_late": ["2024-05-07"]}
