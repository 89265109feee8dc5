"""Story titles and summaries (stories.summary): central across outlets, no repeats, no datelines."""

from __future__ import annotations

from newsgraph.model import Article
from newsgraph.stories.summary import summarise

SHARED = ("The foreign minister of Germany arrived in Ankara on Thursday for talks with her Turkish "
          "counterpart on migration and trade.")


def _art(aid: str, outlet: str, text: str, title: str | None = None) -> Article:
    return Article(id=aid, source_path=f"{aid}.txt", text=text, outlet=outlet, title=title)


def _by_outlet(a: Article) -> str:
    return a.outlet or ""


def test_summary_leads_with_what_several_outlets_report_not_one_outlets_angle():
    arts = [
        _art("a", "Angle Daily", "Critics at home have long doubted the wisdom of courting a difficult partner so "
             "openly. " + SHARED),
        _art("b", "Wire", "Germany's foreign minister arrived in Ankara on Thursday for talks on migration and trade "
             "with her Turkish counterpart. The visit had been delayed twice."),
        _art("c", "Post", "The German foreign minister held talks in Ankara on Thursday with her Turkish counterpart "
             "about migration and trade. Officials said a joint statement was expected."),
    ]
    first = summarise(arts, _by_outlet).summary.split(". ")[0]
    assert "Critics" not in first
    assert "Ankara" in first and "Thursday" in first


def test_second_sentence_adds_a_fact_instead_of_repeating_the_first():
    arts = [
        _art("a", "Wire", SHARED + " Ms Baerbock is also due to meet President Erdogan during the one-day trip, "
             "officials said."),
        _art("b", "Post", "Germany's foreign minister arrived in Ankara on Thursday for talks on migration and trade "
             "with her Turkish counterpart. She will also meet President Erdogan during the one-day trip."),
    ]
    summary = summarise(arts, _by_outlet).summary
    assert "Erdogan" in summary
    assert summary.count("Ankara") == 1


def test_dateline_is_not_part_of_the_summary():
    arts = [_art("a", "Wire", "MOSCOW, June 2 (Global Wire) - The Kremlin warned on Friday that Moscow would "
                 "retaliate against new European Union sanctions. EU governments approved asset freezes on "
                 "Thursday against eight officials.")]
    summary = summarise(arts, _by_outlet).summary
    assert summary.startswith("The Kremlin warned on Friday")


def test_title_is_the_headline_most_outlets_would_recognise():
    arts = [
        _art("a", "Wire", SHARED, title="German foreign minister in Ankara for migration talks"),
        _art("b", "Post", SHARED.replace("arrived in", "reached"), title="Foreign minister of Germany holds Ankara talks on migration"),
        _art("c", "Angle", SHARED.replace("Thursday", "Thursday morning"), title="A gamble that could backfire"),
    ]
    assert summarise(arts, _by_outlet).title != "A gamble that could backfire"


def test_without_headlines_the_title_comes_from_the_summary():
    text = summarise([_art("a", "Wire", SHARED + " Trade talks follow on Friday in Istanbul with business leaders.")],
                     _by_outlet)
    assert text.summary.startswith("The foreign minister of Germany")
    assert text.title and text.summary.startswith(text.title)


def test_short_lines_and_questions_are_not_summary_sentences():
    arts = [_art("a", "Wire", "Live updates.\n\nWhat happens next? " + SHARED)]
    assert summarise(arts, _by_outlet).summary == SHARED


def test_a_storys_first_and_last_publication_are_chosen_by_instant_not_text():
    from newsgraph.corpus import build_corpus

    terms = {"w:kremlin": 2.0, "w:sanction": 2.0, "w:retaliate": 1.0}
    london = Article(id="a_bst", source_path="l.txt", text=SHARED, outlet="London",
                     published="2017-06-02T09:41:00+01:00")  # 08:41 UTC
    utc = Article(id="a_utc", source_path="u.txt", text=SHARED, outlet="Wire", published="2017-06-02T09:30:00+00:00")
    (story,) = build_corpus([(utc, {"terms": terms}), (london, {"terms": terms})]).stories
    assert (story.first_published, story.last_published) == (london.published, utc.published)
