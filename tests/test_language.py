"""Language identification (clean.language), the language stage, and all-caps recasing (clean.recase).

Fast: py3langid's model loads in under a second and no spaCy pipeline is needed.
The foreign texts are the project's own (tests/data/foreign_news.jsonl); the real
English news is read from ../shared/data at run time.
"""

from __future__ import annotations

import json

import pytest

from newsgraph.clean import language as lang
from newsgraph.clean.recase import casing_dictionary, is_all_caps, recase_caps_lines, recase_line
from newsgraph.errors import UnsupportedLanguageError
from newsgraph.evaluation.bad_input import CAPS_HEADLINE, CAPS_PARAGRAPH, GOOD_PARAGRAPHS
from newsgraph.evaluation.language import FOREIGN_NEWS, english_texts, foreign_texts
from newsgraph.model import RawDocument
from newsgraph.pipeline import Item, PipelineConfig

ENGLISH = "\n\n".join(GOOD_PARAGRAPHS)


def _foreign(kind: str) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in FOREIGN_NEWS.read_text(encoding="utf-8").splitlines()]
    return [(r["lang"], r["text"]) for r in rows if r["kind"] == kind]


@pytest.mark.parametrize(("code", "text"), _foreign("article"))
def test_foreign_articles_are_not_english(code, text):
    g = lang.decide(text)
    assert not g.english and g.reliable and g.reason == "not english"
    # Indonesian and Malay share most of their vocabulary; the model may say either.
    assert g.code == code or (code, g.code) == ("id", "ms")
    assert g.english_prob < lang.NOT_ENGLISH_MAX_PROB


def test_english_article_is_english_with_high_confidence():
    g = lang.decide(ENGLISH)
    assert g.english and g.code == "en" and g.confidence > 0.99 and g.reason == "english"


@pytest.mark.parametrize("text", [
    "Talks resume.",
    "Merkel, Macron and Draghi met in Rome.",  # names only: the detector cannot tell
    CAPS_HEADLINE,
])
def test_short_text_is_processed(text):
    g = lang.decide(text)
    assert g.english and not g.reliable and g.reason == "too short to tell"


def test_a_short_foreign_text_is_processed_with_its_language_unknown():
    g = lang.decide("Der Minister traf seinen Kollegen.")
    assert g.english and g.code is None and g.letters < lang.MIN_RELIABLE_LETTERS


@pytest.mark.parametrize(("code", "text"), _foreign("sentence"))
def test_one_foreign_sentence_of_sixty_letters_is_enough(code, text):
    g = lang.decide(text)
    assert g.reliable and not g.english and g.code == code


def test_english_article_with_a_foreign_comment_block_stays_english():
    comments = "\n\n".join(text for _, text in _foreign("article")[:3])  # German, French, Spanish
    g = lang.decide(ENGLISH + "\n\nComments\n\n" + comments * 2)
    assert g.english and g.code == "en" and g.reason.startswith("english lead")


def test_foreign_article_with_an_english_quote_below_it_is_not_english():
    german = _foreign("article")[0][1]
    g = lang.decide(german + '\n\n"We will not give in," the minister said in English.')
    assert not g.english and g.code == "de"


def test_is_foreign_needs_enough_letters():
    assert lang.is_foreign(_foreign("sentence")[0][1])
    assert not lang.is_foreign("Der Minister traf seinen Kollegen.")
    assert not lang.is_foreign(GOOD_PARAGRAPHS[0])


def test_language_names():
    assert lang.language_name("de") == "German" and lang.language_name("fr") == "French"
    assert lang.language_name(None) == "an undetermined language" and lang.language_name("xx") == "xx"


def test_lead_takes_whole_paragraphs():
    text = "Short one.\nA second paragraph that is long enough to reach the lead's letters on its own, surely.\nThird."
    assert lang.lead(text) == "\n".join(text.split("\n")[:2])


# --- the language stage ------------------------------------------------------


def _cleaned(path: str, text: str) -> Item:
    from newsgraph.stages import clean_item

    item = Item(RawDocument(path, text, "text"))
    clean_item(item, PipelineConfig())
    return item


def test_language_stage_sets_the_language_of_an_english_article():
    from newsgraph.stages import check_language

    item = _cleaned("en.txt", "Minister visits Ankara\n\n" + ENGLISH)
    assert item.article is not None and item.article.language is None
    check_language(item)
    assert item.article.language == "en" and item.article.meta["language_confidence"] > 0.99


def test_language_stage_rejects_a_german_article_naming_input_and_language():
    from newsgraph.stages import check_language

    item = _cleaned("in/berlin.txt", _foreign("article")[0][1])
    with pytest.raises(UnsupportedLanguageError) as e:
        check_language(item)
    assert e.value.code == "E004"
    assert "in/berlin.txt" in e.value.detail and "German (de" in e.value.detail and "skipped" in e.value.detail


def test_declared_language_is_kept_but_not_trusted():
    from newsgraph.stages import check_language, clean_item

    html = (f"<html lang='de'><head><title>Minister in Ankara</title></head><body><article><h1>Minister in Ankara</h1>"
            f"<p>{GOOD_PARAGRAPHS[0]}</p><p>{GOOD_PARAGRAPHS[1]}</p><p>{GOOD_PARAGRAPHS[0]} Again.</p>"
            "</article></body></html>")
    item = Item(RawDocument("page.html", html, "html"))
    clean_item(item, PipelineConfig())
    check_language(item)
    assert item.article is not None
    assert item.article.language == "en" and item.article.meta["declared_language"] == "de"


@pytest.mark.realdata
def test_no_english_news_is_dropped_and_every_foreign_page_is(shared_data):
    """bench/language.py "decisions": the English corpora of ../shared/data and the foreign pages."""
    english = list(english_texts())
    if len(english) < 1000:
        pytest.skip("the English corpora of ../shared/data are not all present")
    dropped = [t.key for t in english if not lang.decide(t.text).english]
    assert dropped == []
    foreign = [t for t in foreign_texts() if t.corpus == "extraction"]
    assert len(foreign) == 20
    assert [t.key for t in foreign if lang.decide(t.text).english] == []


# --- recasing ----------------------------------------------------------------


def test_all_caps_lines():
    assert is_all_caps(CAPS_HEADLINE)
    assert is_all_caps("McDONALD'S OPENS FIRST RESTAURANT IN KABUL")
    assert not is_all_caps("NATO and EU officials met in Brussels on Monday.")
    assert not is_all_caps("GIRLS BASKETBALL")  # too few words to matter


def test_recasing_takes_names_from_the_article_and_keeps_the_length():
    body = ("Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Monday, the Kremlin said. "
            "NATO and the US were not invited.")
    text = "PUTIN MEETS XI IN BEIJING FOR TALKS ON MONDAY, SAYS KREMLIN\n\n" + body + "\n\nWHAT NEXT FOR NATO AND THE US?"
    out, n = recase_caps_lines(text)
    assert n == 2 and len(out) == len(text)
    head, _, rest = out.partition("\n\n")
    assert head == "Putin meets Xi in Beijing for talks on Monday, says Kremlin"
    assert rest.endswith("What next for NATO and the US?") and body in out


def test_recasing_without_a_dictionary_is_sentence_case():
    assert recase_line("THE TALKS BEGIN. WE WILL SEE.", casing_dictionary("")) == "The talks begin. We will see."


def test_text_without_caps_lines_is_unchanged():
    assert recase_caps_lines(ENGLISH) == (ENGLISH, 0)


def test_clean_stage_keeps_an_all_caps_paragraph_recased():
    body = [GOOD_PARAGRAPHS[0], CAPS_PARAGRAPH, GOOD_PARAGRAPHS[1]]
    item = _cleaned("caps.txt", CAPS_HEADLINE + "\n\n" + "\n\n".join(body))
    assert item.article is not None and item.article.title == CAPS_HEADLINE
    assert ("The Greek foreign minister met his Turkish counterpart in Ankara on Tuesday and the two sides agreed "
            "to resume talks on migration, officials said.") in item.article.text
    assert item.article.meta["recased_lines"] == 1
