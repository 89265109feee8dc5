"""All-caps lines recased before parsing ("PUTIN MEETS XI IN BEIJING" → "Putin meets Xi in Beijing").

spaCy's English models read capitals as evidence of names: on an all-caps
sentence the named entities are mostly wrong and the parse is shaken. An
all-caps line (a shouted headline or crosshead kept in the body, a lead in
capitals, old wire copy) is therefore recased in the clean stage, and the
article's text keeps the recased line.

Recasing uses the article's own mixed-case text as its dictionary: a word
takes the form it has most often elsewhere in the article when it is not the
first word of a sentence ("Xi", "Beijing", "NATO"). Words the article does not
show take a capital when they are days, months or "I", keep their capitals
when they are a few acronyms news prints that way, and take title case when
the bundled actor tables (``nlp.actors``) know them as a country, capital or
demonym, alone or as two or three words ("GREEK", "SAUDI ARABIA", "SOUTH
KOREAN"). Every other word is lower case, and each sentence starts with a
capital. Recasing never changes the length of the text, so every offset
still indexes it.

Calibration (bench/sentence_quality.py --recase): 600 sentences with named
entities from Giveme5W1H and article_extraction_benchmark, upper-cased, then
recased with the rest of their article as dictionary. spaCy NER against the
original sentence's entities: F1 0.48 on the all-caps text, 0.74 after
sentence case, 0.75 after this recasing of the sentence alone (the actor
tables only), 0.85 with the rest of the article as dictionary (subject,
object and root arcs kept: 0.75, 0.96, 0.96, 0.98). Skipping all-caps
sentences instead would lose their events; recased, they are coded like any
other.
"""

from __future__ import annotations

import re
from collections import Counter

from newsgraph.clean.normalise import wordset

# A line is all-caps when it has this many words of two or more letters...
MIN_CAPS_LINE_WORDS = 4
# ...and at least this share of its cased letters are capitals ("McDONALD'S" and a
# stray lower-case unit still count). bench/sentence_quality.py lists the lines
# recased in the English corpora: 48, all headlines, crossheads, timestamp
# lines, and the six paragraphs of one ECB+ article written in capitals.
MIN_CAPS_SHARE = 0.9
# Written with a capital whatever the article says.
_CAPITALISED = {w.lower(): w for w in wordset(
    "I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December"
)}
# Printed in capitals when the article itself never shows them (a short list of
# the commonest in news; the article's own text covers the rest).
_ACRONYMS = wordset("US UK UN EU NATO USA UAE FBI CIA NHS IMF WHO OPEC ASEAN BBC CNN AP AFP")
# Ordinary words in lower case too ("may", "us", "polish", "male" the capital of the
# Maldives): only the article's own text capitalises these.
_AMBIGUOUS = wordset("may march us who polish pole swede male jersey")
# Country, capital and demonym phrases are looked up up to this many words long.
MAX_NAME_WORDS = 3
_DETERMINERS = wordset("the a an")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A word starts a sentence after these (or at the start of a line).
_SENTENCE_START = re.compile(r"(?:^|\n\s*|[.!?:;]['\"”’)]?\s+|[\"“‘(]\s*)$")


def is_all_caps(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) >= 2]
    if len(words) < MIN_CAPS_LINE_WORDS:
        return False
    cased = [c for c in line if c.isalpha() and c.lower() != c.upper()]
    return bool(cased) and sum(c.isupper() for c in cased) / len(cased) >= MIN_CAPS_SHARE


def casing_dictionary(text: str) -> dict[str, str]:
    """Lower-case word → its commonest form inside sentences of ``text`` (sentence starts ignored)."""
    seen: Counter[tuple[str, str]] = Counter()
    for m in _WORD.finditer(text):
        if _SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()]) or m.start() == 0:
            continue
        w = m.group()
        seen[(w.lower(), w)] += 1
    best: dict[str, tuple[int, str]] = {}
    for (low, form), n in seen.items():
        if low not in best or n > best[low][0]:
            best[low] = (n, form)
    return {low: form for low, (_, form) in best.items()}


def _known_name(phrase: str) -> bool:
    """A country, capital or demonym of the bundled actor tables ("greek", "saudi arabia")."""
    from newsgraph.nlp import actors

    return bool(actors.country_by_demonym(phrase) or actors.country_by_name(phrase)
                or actors.country_by_capital(phrase))


def _names_in(line: str, words: list[re.Match[str]], dictionary: dict[str, str]) -> set[int]:
    """Indexes of the words that belong to a known name phrase the article does not spell out."""
    found: set[int] = set()
    for i in range(len(words)):
        if i in found:
            continue
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            span = words[i : i + n]
            if any(line[a.end() : b.start()] != " " for a, b in zip(span, span[1:], strict=False)):
                continue
            phrase = " ".join(m.group().lower() for m in span)
            if n == 1 and (phrase in dictionary or phrase in _AMBIGUOUS):
                continue
            if n > 1 and span[0].group().lower() in _DETERMINERS:  # the tables drop a leading "the"
                continue
            if _known_name(phrase):
                found.update(range(i, i + n))
                break
    return found


def recase_line(line: str, dictionary: dict[str, str]) -> str:
    """One all-caps line in the casing the dictionary and the lists give; same length as ``line``."""
    words = list(_WORD.finditer(line))
    names = _names_in(line, words, dictionary)
    out = []
    last = 0
    for i, m in enumerate(words):
        w = m.group()
        low = w.lower()
        form = dictionary.get(low)
        if form is None and low not in _AMBIGUOUS:
            form = _CAPITALISED.get(low) or (w if w in _ACRONYMS else None)
        if form is None and i in names:
            form = low.title()
        new = form if form is not None else low
        if m.start() == 0 or _SENTENCE_START.search(line[max(0, m.start() - 4) : m.start()]):
            new = new[:1].upper() + new[1:]
        out.append(line[last : m.start()])
        out.append(new if len(new) == len(w) else w)
        last = m.end()
    out.append(line[last:])
    return "".join(out)


def recase_caps_lines(text: str) -> tuple[str, int]:
    """``text`` with every all-caps line recased, and how many lines were."""
    lines = text.split("\n")
    caps = [i for i, line in enumerate(lines) if is_all_caps(line)]
    if not caps:
        return text, 0
    skip = set(caps)
    dictionary = casing_dictionary("\n".join(line for i, line in enumerate(lines) if i not in skip))
    for i in caps:
        lines[i] = recase_line(lines[i], dictionary)
    return "\n".join(lines), len(caps)
