"""Quotes and their speakers, read from the shared Doc and the article's mentions.

Direct quotes: straight and curly quotes, quotes split by an attribution
(`"We will not," Lavrov said, "and we will respond."`), multi-paragraph
quotes (a paragraph that opens a quote and does not close it continues into
the next paragraph that opens with a quote mark), and speakers named by
pronoun or title ("he said", "the minister said") resolved to the nearest
fitting earlier person.

Indirect quotes: the clause a reporting verb takes as its complement ("Police
said [the tram was travelling too fast]", "[The driver fell asleep], she
told reporters") and the clause "according to X" attaches to. When one
report holds another ("a source told the BBC [officials said …]") the inner
one is kept, with its own speaker. A clause that holds a direct quote of
MIN_QUOTE_WORDS or more is the direct quote, not an indirect one; an
unnamed speaker ("police", "a witness") is kept as a phrase without an entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.entities.mentions import MentionRecord

# Fewer words than this inside quote marks is a scare quote or a term
# ("foreign agents" law, "hostile" behaviour), not something somebody said.
MIN_QUOTE_WORDS = 4
SPEECH_VERBS = frozenset(
    ["say", "tell", "add", "warn", "insist", "note", "state", "declare", "announce", "explain", "write", "claim", "argue", "stress", "urge", "ask", "reply", "respond", "comment", "predict", "acknowledge", "admit", "vow", "pledge", "promise", "believe", "describe", "call", "caution", "confirm", "deny", "emphasise", "emphasize", "conclude", "continue", "suggest",
     "tweet", "post", "exclaim", "shout", "scream", "yell", "rant", "joke", "quip", "recall", "remark", "mutter", "whisper", "plead", "concede", "boast", "complain", "sing", "chant", "read", "recount", "demand"]
)
# Verbs that report speech or writing with a clause: SPEECH_VERBS plus those that
# only report ("revealed that", "alleged that"), not the ones ("call", "ask") whose
# complement is not what was said.
REPORTING_VERBS = (SPEECH_VERBS - {"call", "ask", "continue", "describe", "urge"}) | frozenset(
    ["report", "allege", "reveal", "indicate", "assert", "maintain", "recall", "disclose", "tweet", "testify",
     "complain", "contend", "observe", "remark", "reiterate", "concede", "estimate", "agree", "conclude",
     "boast", "signal", "hint", "assure", "inform", "notify", "suggest", "post"]
)
# Coref links a speaker may come from. Descriptions ("the spokesman") are left out:
# the reporter often means an unnamed source. Dev set (bench/quotes.py): all link
# kinds 0.708 (named 182/259, unnamed 48/66), pronouns and relatives 0.708 (177, 53):
# the same, and this one names fewer unnamed sources wrongly.
SPEAKER_LINK_KINDS = frozenset({"pronoun", "relative"})
# A reported clause shorter than this says nothing checkable ("he said so").
MIN_INDIRECT_WORDS = 3
PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""
# Spans of quoted text: curly pairs, or straight pairs within one paragraph.
_CURLY = re.compile(r"“([^”“]*?)(”|\n\n(?=“)|$)", re.S)


@dataclass
class QuoteRecord:
    start: int
    end: int
    text: str
    speaker_key: str | None
    speaker_text: str | None
    cue: str | None = None
    kind: str = "direct"  # direct | indirect


_OPENS_AFTER = " \t\n([{—–-:/"
_CLOSES_BEFORE = " \t\n)]}.,;:!?—–-/'’"


def _straight_pairs(text: str) -> list[tuple[int, int]]:
    """Spans between straight quote marks, paired by direction, not by order.

    An opening mark follows a space (or a bracket, a dash, a colon) and precedes
    a word; a closing mark follows a word and precedes a space or punctuation.
    Pairing by order alone goes out of step after one stray mark, and then the
    narrative between two quotes is taken for a quote.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch != '"':
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = before in _OPENS_AFTER and not after.isspace()
        closes = not before.isspace() and (after in _CLOSES_BEFORE or after == '"')
        if open_at is not None and closes and "\n" not in text[open_at:i]:
            spans.append((open_at + 1, i))
            open_at = None
        elif opens:
            open_at = i
        elif open_at is not None and not closes:
            open_at = None  # neither: a stray mark ends nothing
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted text (without the marks), multi-paragraph quotes joined."""
    spans: list[tuple[int, int]] = []
    found = [(m.start(1), m.end(1)) for m in _CURLY.finditer(text)] + _straight_pairs(text)
    for s, e in found:
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


def _person_named(mentions: list[MentionRecord], word: str, pos: int) -> MentionRecord | None:
    """The latest person mentioned before ``pos`` with ``word`` as one of their names."""
    low = word.lower()
    for m in reversed([m for m in mentions if m.label == "PERSON" and m.end <= pos]):
        if low in (w.lower() for w in m.text.split()):
            return m
    return None


def _speaker_for(
    tok: Token, mentions: list[MentionRecord], quote_start: int, refs: Sequence[MentionRecord] = ()
) -> MentionRecord | None:
    """The speaker that a speech verb's subject refers to.

    Only the subject's head, or a name in apposition to it, names the speaker:
    "a spokesman for Toblerone" and "Clinton's campaign" are unnamed speakers,
    not Toblerone or Clinton.
    """
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        # "according to X"
        return None
    m = _mention_at(mentions, subj.idx, subj.idx + len(subj.text))
    if m is not None:
        return m
    # A pronoun or description the coref stage linked to a named entity ("she" -> Ms Nayak).
    ref = _mention_at(list(refs), subj.idx, subj.idx + len(subj.text))
    if ref is not None:
        return ref
    for child in subj.children:
        if child.dep_ in ("appos", "compound") or (child.dep_ == "flat" and child.i > subj.i):
            for t in child.subtree:
                m = _mention_at(mentions, t.idx, t.idx + len(t.text))
                if m is not None and m.label == "PERSON":
                    return m
    low = subj.lower_
    if low in PRONOUNS:
        return _last_person_before(mentions, quote_start)
    if subj.pos_ == "PROPN":
        # a surname the NER left untagged ("…," Ruto said) names the person mentioned before
        named = _person_named(mentions, subj.text, quote_start)
        if named is not None:
            return named
    if subj.pos_ in ("NOUN", "PROPN"):  # "the minister said", "the spokesman added", "The President said"
        return (_last_person_before(mentions, quote_start, role_word=subj.lemma_.lower())
                or _organisation_described(mentions, subj, quote_start))
    return None


def _organisation_described(mentions: list[MentionRecord], subj: Token, pos: int) -> MentionRecord | None:
    """An earlier organisation whose name holds the subject's head and a modifier of it
    ("the transport police" → British Transport Police; a bare "police" stays unnamed)."""
    words = {t.lower_ for t in subj.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i != subj.i}
    if not words:
        return None
    for m in reversed([m for m in mentions if m.label == "ORG" and m.end <= pos]):
        toks = set(m.text.lower().split())
        if subj.lower_ in toks and words <= toks:
            return m
    return None


# Characters between a quote and an attribution in a sentence of its own: "X told the
# Guardian: "…"" before, '"…" Ms Wood told the Daily Mail.' after.
ATTRIBUTION_REACH = 4


def _cue_verbs(doc: Doc, start: int, end: int) -> list[Token]:
    """Speech verbs outside the quote in the sentences that hold it, nearest first.

    The sentence just before the quote counts when it ends with a colon, and
    the sentence right after the closing mark counts too (an attribution the
    parser split off the quote).
    """
    sents = {t.sent for t in doc if start <= t.idx < end}
    for sent in doc.sents:
        before = 0 <= start - sent.end_char <= ATTRIBUTION_REACH and sent.text.rstrip().endswith(":")
        after = 0 <= sent.start_char - end <= ATTRIBUTION_REACH
        if before or after:
            sents.add(sent)
    out = []
    for sent in sents:
        for t in sent:
            if start <= t.idx < end:
                continue
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX"):
                out.append(t)
    # "according to X" as a cue
    return sorted(out, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))


def extract_quotes(doc: Doc, mentions: list[MentionRecord], links: Sequence[Any] = ()) -> list[QuoteRecord]:
    """Direct and indirect quotes with the speaker's local entity key (None where nobody is named).

    ``links`` are the coref stage's ``CorefLink``s: a speaker named by a pronoun
    or a description takes the entity it was linked to.
    """
    refs = [MentionRecord(lk.start, lk.end, doc.text[lk.antecedent_start:lk.antecedent_end], lk.label, lk.key)
            for lk in links if lk.kind in SPEAKER_LINK_KINDS]
    direct = _direct_quotes(doc, mentions, refs)
    return sorted(direct + _indirect_quotes(doc, mentions, direct, refs), key=lambda q: q.start)


def _direct_quotes(doc: Doc, mentions: list[MentionRecord], refs: Sequence[MentionRecord] = ()) -> list[QuoteRecord]:
    """Direct quotes with the speaker's local entity key (None where nobody is named)."""
    text = doc.text
    out: list[QuoteRecord] = []
    for s, e in quote_spans(text):
        speaker: MentionRecord | None = None
        cue: str | None = None
        for verb in _cue_verbs(doc, s, e):
            speaker = _speaker_for(verb, mentions, s, refs)
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


_TRIM = frozenset({"that", ",", ";", ":", "-", "--", "—", "–", ".", "\"", "“", "”", "'", "‘", "’"})


def _clause_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of a clause's tokens without a leading "that" and edge punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].lower_ in _TRIM or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].lower_ in _TRIM or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _unnamed_speaker(verb: Token) -> str | None:
    """The subject phrase of a reporting verb when it names nobody ("police", "a witness")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.lower_ in PRONOUNS:
        return None
    sub = list(subj.subtree)
    if len(sub) > 8:
        return None
    return doc_text(sub)


def doc_text(tokens: list[Token]) -> str:
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _indirect_quotes(
    doc: Doc, mentions: list[MentionRecord], direct: list[QuoteRecord], refs: Sequence[MentionRecord] = ()
) -> list[QuoteRecord]:
    """Reported clauses of reporting verbs and of "according to X" (see the module docstring)."""
    inside_direct = [(q.start, q.end) for q in direct]

    def in_direct(pos: int) -> bool:
        return any(s <= pos < e for s, e in inside_direct)

    found: list[tuple[int, int, Token, str, MentionRecord | None]] = []  # start, end, verb, cue, speaker
    for tok in doc:
        if in_direct(tok.idx):
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS:
            for comp in (c for c in tok.children if c.dep_ == "ccomp"):
                span = _clause_span(list(comp.subtree))
                if span is not None:
                    found.append((span[0], span[1], tok, tok.lemma_.lower(), None))
        elif tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            to = next(c for c in tok.children if c.lower_ == "to")
            source = [t for c in to.children if c.dep_ == "pobj" for t in c.subtree]
            head = tok.head
            skip = {t.i for t in tok.subtree}
            span = _clause_span([t for t in head.subtree if t.i not in skip and t.sent == tok.sent])
            speaker = next((m for t in source for m in mentions if m.start <= t.idx < m.end), None)
            if span is not None and source:
                found.append((span[0], span[1], tok, "according to", speaker))
    out: list[QuoteRecord] = []
    for s, e, verb, cue, speaker in found:
        if len(doc.text[s:e].split()) < MIN_INDIRECT_WORDS:
            continue
        if any(s < qe and e > qs for qs, qe in inside_direct):
            continue  # the reported words are a direct quote
        if any(o[2] is not verb and s <= o[2].idx < e for o in found):
            continue  # a report holding another report: the inner one is kept
        if cue != "according to":
            speaker = _speaker_for(verb, mentions, s, refs)
        shown = speaker.text if speaker else (_unnamed_speaker(verb) if cue != "according to" else None)
        out.append(QuoteRecord(s, e, doc.text[s:e], speaker.key if speaker else None, shown, cue, "indirect"))
    return out


def quotes_to_json(quotes: list[QuoteRecord]) -> list[dict[str, Any]]:
    return [asdict(q) for q in quotes]
