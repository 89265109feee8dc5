"""Issue 5, "Bad input", end to end: one folder of browser-saved pages through ``api.ingest`` into memory.

German and French articles are skipped with a recorded reason; the English
ones (a 600-token run-on, tables, an all-caps headline and paragraph, bullet
lists, an English article under which readers commented in German and French)
are stored, without a crash and with English as their language.

What the event extractor must not code from these pages is checked on the
parses directly in tests/test_quality.py (``test_guard_rejects_*``).
"""

from __future__ import annotations

import json

import pytest

from newsgraph.api import ingest
from newsgraph.evaluation import bad_input as bad
from newsgraph.evaluation.language import FOREIGN_NEWS
from newsgraph.store import open_store

pytestmark = pytest.mark.slow

GOOD = list(bad.GOOD_PARAGRAPHS)
MORE = ("Officials from both countries said the talks would cover energy links, migration and the "
        "reopening of two border crossings closed since the spring.")
# One distinct report per page, so that no page is a near-duplicate of another (ingest.neardup).
REPORTS = {
    "good": GOOD + [MORE],
    "runon": ["Italy's prime minister visited Tunis on Wednesday to discuss migration across the Mediterranean "
              "with Tunisian President Kais Saied, the Italian government said."],
    "table": ["The Polish president hosted his Lithuanian counterpart in Warsaw on Friday for talks on air "
              "defence, the presidential office said."],
    "caps": ["Spain's foreign minister met the Moroccan foreign minister in Rabat on Thursday, the Spanish "
             "embassy said.", "Both governments pledged to reopen the land border at Ceuta before the summer."],
    "list": ["Japan and South Korea agreed on Monday to resume regular summits, officials in Tokyo said."],
    "mixed": ["The Swedish defence minister travelled to Helsinki on Tuesday for talks with his Finnish "
              "counterpart about joint air patrols over the Baltic Sea.",
              "The ministers signed a letter of intent on shared training, the Swedish ministry said."],
}


def _page(headline: str, *paragraphs: str) -> str:
    return "\n\n".join([headline, *paragraphs])


def _foreign(n: int) -> str:
    return json.loads(FOREIGN_NEWS.read_text(encoding="utf-8").splitlines()[n])["text"]


PAGES = {
    "de.txt": _page("Außenminister in Berlin", _foreign(0)),
    "fr.txt": _page("Le ministre à Paris", _foreign(1)),
    "good.txt": _page("Greek minister visits Ankara", *REPORTS["good"]),
    "runon.txt": _page("Italian leader in Tunis", REPORTS["runon"][0], bad.run_on(600)),
    "table.txt": _page("Warsaw hosts Lithuanian president", REPORTS["table"][0], bad.results_table(),
                       bad.flattened_table()),
    "caps.txt": _page(bad.CAPS_HEADLINE, REPORTS["caps"][0], bad.CAPS_PARAGRAPH, REPORTS["caps"][1]),
    "list.txt": _page("Tokyo and Seoul to resume summits", REPORTS["list"][0], bad.bullet_list(),
                      bad.inline_bullets(), bad.name_list()),
    # Readers' letters in German and French under an English report, without a "Comments" heading
    # (with one, the cleaner cuts the thread off before the language is detected).
    "mixed.txt": _page("Swedish minister in Helsinki", *REPORTS["mixed"], _foreign(0), _foreign(1),
                       _foreign(0).replace("Dienstag", "Mittwoch")),
}
TABLE_HTML = (
    "<html><head><title>League table</title></head><body><article><h1>League table after the last round</h1>"
    "<p>Greece's prime minister received the Cypriot president in Athens on Saturday, officials said.</p>"
    "<p>The two leaders discussed gas exploration and the reunification talks, a spokesman said.</p><table><tr><th>Team</th><th>P</th><th>W</th><th>Pts</th></tr>"
    + "".join(f"<tr><td>{team}</td><td>30</td><td>{w}</td><td>{p}</td></tr>"
              for team, w, p in (("Ankara United", 21, 69), ("Athens Athletic", 19, 64), ("Thessaloniki Attack", 12, 45)))
    + "</table><p>The league said the two relegated clubs would play in the second division next season.</p>"
    "</article></body></html>"
)
ENGLISH = {"good.txt", "runon.txt", "table.txt", "table.html", "caps.txt", "list.txt", "mixed.txt"}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad_events")
    for name, text in PAGES.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "table.html").write_text(TABLE_HTML, encoding="utf-8")
    store = open_store(":memory:")
    summary = ingest([str(d)], store)
    yield store, summary
    store.close()


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def test_foreign_articles_are_skipped_with_a_reason(ingested):
    store, summary = ingested
    fails = {_name(f.input): f for f in store.failures()}
    assert set(fails) == {"de.txt", "fr.txt"}
    assert {_name(f.input) for f in summary.failures} == {"de.txt", "fr.txt"}
    for name, language in (("de.txt", "German"), ("fr.txt", "French")):
        f = fails[name]
        assert f.stage == "language" and f.error == "UnsupportedLanguageError"
        assert name in f.detail and language in f.detail and "only English is supported" in f.detail


def test_english_articles_are_stored_in_english(ingested):
    store, summary = ingested
    articles = {_name(a.source_path): a for a in store.articles()}
    assert set(articles) == ENGLISH and summary.stored == len(ENGLISH)
    assert {a.language for a in articles.values()} == {"en"}
    assert not [a.duplicate_of for a in articles.values() if a.duplicate_of]
    mixed = articles["mixed.txt"]
    assert "Der französische Außenminister" in mixed.text  # the letters are in the text: English all the same


def test_all_caps_paragraph_is_stored_recased(ingested):
    store, _ = ingested
    caps = next(a for a in store.articles() if _name(a.source_path) == "caps.txt")
    assert caps.title == bad.CAPS_HEADLINE and caps.meta["recased_lines"] == 1
    assert "The Greek foreign minister met his Turkish counterpart in Ankara on Tuesday" in caps.text
    assert bad.CAPS_PARAGRAPH not in caps.text


def test_the_good_article_still_yields_its_meeting(ingested):
    store, _ = ingested
    good = next(a for a in store.articles() if _name(a.source_path) == "good.txt")
    events = [e for e in store.events() if good.id in e.article_ids]
    assert events, "the extractor found no event in a plain diplomatic report"


JUNK_NAMES = ("Ankara United", "Athens Athletic", "Nicosia Rovers", "Thessaloniki Attack", "Bursa Strikers",
              "Attack on Titan", "Strike Force Heroes", "Peace Talks Live", "Summit Quest", "Border Patrol")


def _junk(name: str) -> bool:
    """An actor name that only a table, a list, a run-on or a foreign sentence could give."""
    words = name.split()
    return (any(c.isdigit() for c in name) or any(s in name for s in ("|", "•", "%", "$"))
            or (len(words) > 1 and name.isupper()) or len(words) > 8
            or any(j.lower() in name.lower() for j in JUNK_NAMES)
            or any(ord(c) > 0x24F for c in name) or "annonc" in name or "Regierung" in name)


def test_no_event_from_a_rejected_sentence_and_no_junk_actor(ingested, nlp):
    from newsgraph.nlp import quality

    store, _ = ingested
    articles = {a.id: a for a in store.articles()}
    rejected = {aid: [(p.start_char, p.end_char, r) for p, r in quality.judged_pieces(nlp(a.text)) if r]
                for aid, a in articles.items()}
    events = store.events()
    assert events
    for e in events:
        for ev in e.evidence:
            hits = [r for s, end, r in rejected[ev.article_id] if s < ev.end and ev.start < end]
            assert not hits, (e.type, hits, ev.sentence[:80])
        names = [x.name for x in e.actor + e.recipient]
        assert not [n for n in names if _junk(n)], (e.type, names)
    by_page: dict[str, list] = {}
    for e in events:
        for aid in e.article_ids:
            by_page.setdefault(_name(articles[aid].source_path), []).append(e)
    assert not [e for e in by_page.get("list.txt", []) + by_page.get("table.txt", []) if e.type == "ASSAULT"]
    assert len(by_page.get("runon.txt", [])) <= 2
