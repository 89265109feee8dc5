"""Direct quotes and their speakers, read from the shared Doc and the article's mentions.

Handles straight and curly quotes, quotes split by an attribution
(`"We will not," Lavrov said, "and we will respond."`), multi-paragraph
quotes (a paragraph that opens a quote and does not close it continues into
the next paragraph that opens with a quote mark), and speakers named by
pronoun or title ("he said", "the minister said") resolved to the nearest
fitting earlier person.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.entities.mentions import MentionRecord

# Fewer words than this inside quote marks is a scare quote or a term
# ("foreign agents" law, "hostile" behaviour), not something somebody said.
MIN_QUOTE_WORDS = 4
SPEECH_VERBS = frozenset(
    ["say", "tell", "add", "warn", "insist", "note", "state", "declare", "announce", "explain", "write", "claim", "argue", "stress", "urge", "ask", "reply", "respond", "comment", "predict", "acknowledge", "admit", "vow", "pledge", "promise", "believe", "describe", "call", "caution", "confirm", "deny", "emphasise", "emphasize", "conclude", "continue", "suggest"]
)
PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""
# Spans of quoted text: curly pairs, or straight pairs within one paragraph.
_CURLY = re.compile(r"“([^”“]*?)(”|\n\n(?=“)|$)", re.S)
_STRAIGHT = re.compile(r"\"([^\"\n]*)\"")


@dataclass
class QuoteRecord:
    start: int
    end: int
    text: str
    speaker_key: str | None
    speaker_text: str | None
    cue: str | None = None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted text (without the marks), multi-paragraph quotes joined."""
    spans: list[tuple[int, int]] = []
    for rx in (_CURLY, _STRAIGHT):
        for m in rx.finditer(text):
            s, e = m.start(1), m.end(1)
            if any(s < b and e > a for a, b in spans):
                continue
            spans.append((s, e))
    spans.sort()
    # Join a paragraph-final open quote with the next paragraph's quote.
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and text[merged[-1][1] : s].strip() in ("", "“", "”\n\n“", "\n\n“") and text[merged[-1][1] : s].count("\n\n") == 1:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(s, e) for s, e in merged if len(text[s:e].split()) >= MIN_QUOTE_WORDS]


def _mention_at(mentions: list[MentionRecord], start: int, end: int) -> MentionRecord | None:
    for m in mentions:
        if m.start < end and m.end > start:
            return m
    return None


def _last_person_before(mentions: list[MentionRecord], pos: int, role_word: str | None = None) -> MentionRecord | None:
    people = [m for m in mentions if m.label == "PERSON" and m.end <= pos]
    if role_word:
        fitting = [m for m in people if m.title and role_word in m.title.lower()]
        # "the official said" with no named official: an unnamed source, not the last named person.
        return fitting[-1] if fitting else None
    return people[-1] if people else None


def _speaker_for(tok: Token, mentions: list[MentionRecord], quote_start: int) -> MentionRecord | None:
    """The speaker that a speech verb's subject refers to."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        # "according to X"
        return None
    m = _mention_at(mentions, subj.idx, subj.idx + len(subj.text))
    if m is None:
        for t in subj.subtree:
            m = _mention_at(mentions, t.idx, t.idx + len(t.text))
            if m:
                break
    if m is not None:
        return m
    low = subj.lower_
    if low in PRONOUNS:
        return _last_person_before(mentions, quote_start)
    if subj.pos_ == "NOUN":  # "the minister said", "the spokesman added"
        return _last_person_before(mentions, quote_start, role_word=subj.lemma_.lower())
    return None


def _cue_verbs(doc: Doc, start: int, end: int) -> list[Token]:
    """Speech verbs outside the quote in the sentences that hold it, nearest first."""
    sents = {t.sent for t in doc if start <= t.idx < end}
    out = []
    for sent in sents:
        for t in sent:
            if start <= t.idx < end:
                continue
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX"):
                out.append(t)
    # "according to X" as a cue
    return sorted(out, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))


def extract_quotes(doc: Doc, mentions: list[MentionRecord]) -> list[QuoteRecord]:
    """Direct quotes with the speaker's local entity key (None where nobody is named)."""
    text = doc.text
    out: list[QuoteRecord] = []
    for s, e in quote_spans(text):
        speaker: MentionRecord | None = None
        cue: str | None = None
        for verb in _cue_verbs(doc, s, e):
            speaker = _speaker_for(verb, mentions, s)
            if speaker is not None:
                cue = verb.lemma_
                break
        if speaker is None:
            m = re.search(r"according to\s+(?:the\s+)?", text[e : e + 60])
            if m:
                speaker = _mention_at(mentions, e + m.end(), e + m.end() + 40)
                cue = "according to" if speaker else None
        if speaker is None and out and out[-1].speaker_key and _same_or_next_paragraph(text, out[-1].end, s):
            # A quote continuing the previous speaker's words in the next paragraph.
            prev = out[-1]
            out.append(QuoteRecord(s, e, text[s:e], prev.speaker_key, prev.speaker_text, "continuation"))
            continue
        out.append(
            QuoteRecord(s, e, text[s:e], speaker.key if speaker else None, speaker.text if speaker else None, cue)
        )
    return out


# Attribution between two quotes of one speaker in one paragraph ("…," Mr Peskov told
# reporters. "They only…"): longer gaps are narrative, not an attribution.
MAX_ATTRIBUTION_GAP = 200


def _same_or_next_paragraph(text: str, prev_end: int, start: int) -> bool:
    gap = text[prev_end:start]
    if "\n\n" not in gap and len(gap) < MAX_ATTRIBUTION_GAP:
        return True
    return gap.count("\n\n") <= 1 and len(gap) < 400 and not any(c.isalpha() for c in gap.split("\n\n")[-1])


def quotes_to_json(quotes: list[QuoteRecord]) -> list[dict[str, Any]]:
    return [asdict(q) for q in quotes]
