"""Is a sentence fit for event coding? A guard the event extractor calls per sentence.

Pages flattened into text give the parser "sentences" it cannot read: a
photo gallery or a page of captions run together into 500 tokens, a results
or price table, a bulleted list with its bullets inline, a shouted headline,
a comment in another language below an English article. The parse of such a
span is unreliable and the events coded from it are nonsense ("Attack on
Titan" as an ASSAULT, a team name as an actor), so the extractor skips it.

Two steps, both measurable on the span alone:

1. ``sentence_pieces``: a sentence is cut at line breaks. Clean text holds
   one paragraph per line, but the parser often runs a heading, a list item
   or a table row into the next line; each line is judged on its own.
   (bench/sentence_quality.py: 2 043 of the 26 073 sentences of the English
   corpora cross a line break.)
2. ``event_sentence_ok``: a piece is rejected, with a reason, when it is
   ``too-long`` (a run-on), a ``table`` (cell separators, or mostly numbers
   with at most one verb), a ``list`` (bullets or gallery counters inline, or
   a verbless run of short items), ``all-caps`` (left in capitals after the
   clean stage's recasing, ``clean.recase``) or ``foreign-language``
   (``clean.language.is_foreign``).

``event_sentences(doc)`` does both and yields the pieces to code; it is a
drop-in for ``doc.sents`` in the extractor's loop.

Calibration: bench/sentence_quality.py parses the English news of
../shared/data (ECB+ documents, Giveme5W1H texts, article_extraction_benchmark
gold bodies; raw, so harsher than clean text), counts and lists every
rejected piece, and runs constructed bad inputs (evaluation.bad_input). Of
28 874 pieces it rejects 162 (0.56%): URL paths and timestamp lines of the raw
ECB+ pages, caption galleries, all-caps headlines and crossheads, product and
recipe lines; no foreign-language piece. Figures at each constant; re-run the
script after changing one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.clean.language import is_foreign

TOO_LONG = "too-long"
TABLE = "table"
LIST = "list"
ALL_CAPS = "all-caps"
FOREIGN = "foreign-language"

# Longest piece coded, in tokens (punctuation included, spaces not). English
# corpora (28 874 pieces): 99.9th percentile 92 tokens; the 8 pieces over 150
# (186 to 511 tokens) are all Giveme5W1H caption galleries run together;
# among the 16 between 100 and 150 are genuine long sentences (op-eds,
# quotes), so the line is drawn above them.
MAX_EVENT_SENTENCE_TOKENS = 150
# Tab-separated or "|"-separated cells: a piece with this many separators is a
# table row. English corpora: 20 pieces hold one "|" (a byline or timestamp
# joint), none two. A line that starts and ends with "|" is a row of a
# Markdown table (trafilatura's rendering of <table>) whatever the parser cut.
TABLE_MIN_SEPARATORS = 2
# A row of figures: at least this many numbers...
TABLE_MIN_NUMBERS = 6
# ...making up this share of the words and numbers...
TABLE_MIN_NUMBER_SHARE = 0.4
# ...with at most this many verbs. English corpora: 42 pieces, timestamp lines,
# URL paths, product and recipe lines, and two ECB+ sentences whose figures
# its tokenisation split ("9 - 1 - 1", "1 . 08 kg"). At a share of 0.3, 11 more,
# among them sports sentences ("The Colts overcame a 14-0 deficit ..."); full
# of figures with two verbs ("bid $160 million over eight years, ...") is prose.
TABLE_MAX_VERBS = 1
# Bullets after the start of a piece: a bulleted list flattened into one line
# (a list item starts its own line, so its bullet comes first).
LIST_MIN_INNER_BULLETS = 1
# "4/29 London, England AP 5/29 ...": photo-gallery counters run together.
LIST_MIN_GALLERY_COUNTERS = 3
# A verbless piece of this many separated items ("A, B, C, ...") is a list,
# not a sentence; prose enumerations keep their verb ("sanctions on A, B, C").
# English corpora: 62 list pieces in all, mostly URL paths of the raw ECB+
# pages ("com / 2013 / may / 03 / ..."), 3 caption galleries and 5
# enumerations of names or parts ("A: Bob Marley, Bruno Mars, Drake, ...").
LIST_MIN_ITEMS = 6
# All-caps: at least this many words of two or more letters...
CAPS_MIN_WORDS = 4
# ...of which this share is written in capitals ("NATO and EU officials" is not).
# English corpora: 50 pieces, headlines, crossheads and timestamp lines left
# in the raw texts; in the pipeline the clean stage recases such lines first.
CAPS_MIN_SHARE = 0.8

_BULLETS = frozenset("•·▪◦●■►‣")
_CELL_SEPARATORS = frozenset({"|", "\t"})
_ITEM_SEPARATORS = frozenset({",", ";", "/", "|"}) | _BULLETS
_GALLERY_COUNTER = re.compile(r"^\d{1,3}/\d{1,3}$")
_VERB_POS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class SentenceShape:
    """What the guard measures on a piece of text."""

    tokens: int  # not spaces
    words: int  # alphabetic tokens of two or more letters
    caps_words: int  # of those, written in capitals
    numbers: int  # tokens with a digit or like a number ("twenty")
    verbs: int
    cell_separators: int
    inner_bullets: int  # bullets that are not the piece's first token
    gallery_counters: int
    items: int  # runs of tokens between item separators


def sentence_shape(span: Span) -> SentenceShape:
    tokens = words = caps = numbers = verbs = cells = bullets = counters = 0
    first = True
    items = 0
    in_item = False
    for t in span:
        if t.is_space:
            cells += t.text.count("\t")
            continue
        tokens += 1
        text = t.text
        if text in _ITEM_SEPARATORS:
            in_item = False
        elif not t.is_punct and not in_item:
            items += 1
            in_item = True
        if text in _CELL_SEPARATORS:
            cells += 1
        if text in _BULLETS and not first:
            bullets += 1
        first = False
        if _GALLERY_COUNTER.match(text):
            counters += 1
        if t.like_num or any(c.isdigit() for c in text):
            numbers += 1
        if t.is_alpha and len(text) >= 2:
            words += 1
            caps += text.isupper()
        if t.pos_ in _VERB_POS:
            verbs += 1
        cells += t.whitespace_.count("\t")
    return SentenceShape(tokens, words, caps, numbers, verbs, cells, bullets, counters, items)


def rejection(shape: SentenceShape) -> str | None:
    """Why a piece of this shape is unfit for event coding (None: fit). Language is not looked at."""
    if shape.tokens > MAX_EVENT_SENTENCE_TOKENS:
        return TOO_LONG
    if shape.cell_separators >= TABLE_MIN_SEPARATORS:
        return TABLE
    content = shape.words + shape.numbers
    if (shape.numbers >= TABLE_MIN_NUMBERS and content and shape.numbers / content >= TABLE_MIN_NUMBER_SHARE
            and shape.verbs <= TABLE_MAX_VERBS):
        return TABLE
    if shape.inner_bullets >= LIST_MIN_INNER_BULLETS or shape.gallery_counters >= LIST_MIN_GALLERY_COUNTERS:
        return LIST
    if shape.verbs == 0 and shape.items >= LIST_MIN_ITEMS:
        return LIST
    if shape.caps_words >= CAPS_MIN_WORDS and shape.caps_words / shape.words >= CAPS_MIN_SHARE:
        return ALL_CAPS
    return None


def event_sentence_ok(sent: Span) -> tuple[bool, str | None]:
    """Whether a sentence (or piece of one) is fit for event coding, and why not when it is not."""
    shape = sentence_shape(sent)
    reason = rejection(shape)
    if reason is None and shape.cell_separators and _in_markdown_row(sent):
        reason = TABLE
    if reason is None and is_foreign(sent.text):
        reason = FOREIGN
    return reason is None, reason


def sentence_pieces(sent: Span) -> Iterator[Span]:
    """The sentence cut at its line breaks; pieces holding only spaces or punctuation are left out."""
    doc = sent.doc
    start = sent.start
    for t in sent:
        if _line_break(t):
            if _has_content(doc[start : t.i]):
                yield doc[start : t.i]
            start = t.i + 1
    if start < sent.end and _has_content(doc[start : sent.end]):
        yield doc[start : sent.end]


def _has_content(span: Span) -> bool:
    return any(c.isalnum() for t in span for c in t.text)


def _in_markdown_row(span: Span) -> bool:
    """Is ``span`` on a line that starts and ends with "|"? (Walks its line's tokens only.)"""
    doc = span.doc
    first = span.start
    while first > 0 and not _line_break(doc[first - 1]):
        first -= 1
    last = span.end - 1
    while last + 1 < len(doc) and not _line_break(doc[last + 1]):
        last += 1
    words = [t.text for t in doc[first : last + 1] if not t.is_space]
    return len(words) > 1 and words[0].startswith("|") and words[-1].endswith("|")


def _line_break(t: Token) -> bool:
    return t.is_space and "\n" in t.text


def judged_pieces(doc: Doc) -> Iterator[tuple[Span, str | None]]:
    """Every piece of every sentence with the guard's reason for rejecting it (None: kept)."""
    for sent in doc.sents:
        for piece in sentence_pieces(sent):
            yield piece, event_sentence_ok(piece)[1]


def event_sentences(doc: Doc) -> Iterator[Span]:
    """The pieces of ``doc``'s sentences that are fit for event coding (use instead of ``doc.sents``)."""
    for piece, reason in judged_pieces(doc):
        if reason is None:
            yield piece
