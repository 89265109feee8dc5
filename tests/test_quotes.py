"""Quotes on small hand-written reports: direct and indirect, speakers named, described or unnamed."""

from __future__ import annotations

import pytest

from newsgraph.model import Article
from newsgraph.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def quotes_of(pipe, text: str) -> tuple[list[dict], dict]:
    (item,) = pipe.annotate([Article(id="q", source_path="q", text=text, published="2023-03-14")])
    assert item.failure is None, item.failure
    return item.ann["quotes"], item.ann["clusters"]


def speaker(q: dict, clusters: dict) -> str | None:
    key = q["speaker_key"]
    return clusters[key]["name"] if key in clusters else None


def test_indirect_speech_after_said(pipe):
    qs, cl = quotes_of(pipe, "Foreign Minister Sergei Lavrov said that Moscow would respond to the new sanctions.")
    (q,) = qs
    assert q["kind"] == "indirect" and q["text"] == "Moscow would respond to the new sanctions"
    assert speaker(q, cl) == "Sergei Lavrov"


def test_indirect_speech_before_the_attribution(pipe):
    qs, cl = quotes_of(pipe, "The tram was travelling far too fast, British Transport Police told reporters on Friday.")
    (q,) = qs
    assert q["kind"] == "indirect" and q["text"].startswith("The tram was travelling")
    assert speaker(q, cl) == "British Transport Police"


def test_according_to(pipe):
    qs, cl = quotes_of(pipe, "Three people were injured in the blast, according to Sergei Lavrov.")
    (q,) = qs
    assert q["kind"] == "indirect" and q["cue"] == "according to" and speaker(q, cl) == "Sergei Lavrov"


def test_unnamed_speaker_is_kept_as_a_phrase(pipe):
    qs, cl = quotes_of(pipe, "A spokesman for Toblerone said the change had nothing to do with the referendum.")
    (q,) = qs
    assert q["speaker_key"] is None and q["speaker_text"].lower().startswith("a spokesman")


def test_a_direct_quote_is_not_also_indirect(pipe):
    qs, cl = quotes_of(pipe, 'Mr Lavrov said: "We will respond to these sanctions in due course."')
    assert [q["kind"] for q in qs] == ["direct"]


def test_the_inner_report_is_kept(pipe):
    qs, cl = quotes_of(pipe, "Reuters reported that a senior official said the talks had collapsed overnight.")
    texts = [q["text"] for q in qs]
    assert "the talks had collapsed overnight" in texts
    assert all("a senior official said" not in t for t in texts)


def test_a_described_organisation_is_the_named_one(pipe):
    text = ('British Transport Police said seven people had died. "The investigation will take some time," '
            "the transport police said in a statement.")
    qs, cl = quotes_of(pipe, text)
    direct = [q for q in qs if q["kind"] == "direct"]
    assert direct and speaker(direct[0], cl) == "British Transport Police"


def test_a_bare_surname_the_ner_missed_names_the_person_mentioned_before(pipe):
    qs, cl = quotes_of(pipe, (
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed at State House on Monday.\n\n"
        "“This agreement opens a new chapter for our two countries,” Ruto said."))
    direct = [q for q in qs if q["kind"] == "direct"]
    assert [speaker(q, cl) for q in direct] == ["William Ruto"]
