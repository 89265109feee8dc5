"""Counts reported in a sentence: "12 people were killed", "at least 30 injured", "$5 million in aid".

Cross-source comparison lines up what each outlet counted, so a count is
keyed by *what* it counts, a normalised head verb or noun (killed / dead /
death toll → ``casualties-killed``; injured / wounded → ``casualties-injured``;
troops / soldiers → ``troops``; money by its purpose and currency: ``aid:USD``),
and carries the interval the wording allows ("at least 30" is 30 or more,
"about 2,000" is 2,000 give or take ``APPROX_TOLERANCE``), so that two
reports disagree only when their intervals do not meet.

Plain regular expressions over the stored clean text, no parse: the story's
articles were parsed once at ingest and comparison must not parse them again.
Numbers may be written in digits ("2,000", "1.5"), with a scale ("5 million",
"$3bn") or in words ("twelve", "twenty-one", "two dozen", "a hundred and
fifty"). Years, calendar days, times, ages, percentages and measures are not
counts and are skipped, as is any span the caller marks as a time expression.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

# "about 2,000" covers 1,800 to 2,200: news rounds estimates to one or two
# significant figures, and a tenth keeps "about 2,000" apart from "2,500".
APPROX_TOLERANCE = 0.1
# Words looked at after a number for what it counts ("12 people have since been
# confirmed dead" is six words); longer reaches join unrelated clauses.
WINDOW_AFTER = 6
# Words looked at before it ("the death toll rose to 14", "killing at least 12").
WINDOW_BEFORE = 4
# Words right after a number in which a counted noun must appear ("2,000 troops",
# "5 UN peacekeepers"); further on a noun is no longer the number's head.
NOUN_REACH = 2
# Bare four-digit numbers in this range are years unless a counted noun follows ("2000 troops").
YEAR_RANGE = (1800, 2100)

_TOKEN = re.compile(
    r"US\$|[$€£¥₹]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+(?:['’-][A-Za-z]+)*|[^\sA-Za-z\d]"
)

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Written straight after the digits: "$5m", "€3bn", "10k".
_ATTACHED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
# "dozens of people", "hundreds of troops": vague, taken as a lower bound of two of the unit.
_VAGUE_PLURALS = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0, "millions": 2e6}

# Words before a number that bound it: (words, kind). Longest phrases are tried first.
_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "at least", ("more", "than"): "more than", ("no", "fewer", "than"): "at least",
    ("not", "less", "than"): "at least", ("upwards", "of"): "more than", ("in", "excess", "of"): "more than",
    ("over",): "more than", ("just", "over"): "more than", ("at", "most"): "at most", ("up", "to"): "up to",
    ("as", "many", "as"): "up to", ("no", "more", "than"): "at most", ("fewer", "than"): "fewer than",
    ("less", "than"): "fewer than", ("under",): "fewer than", ("just", "under"): "fewer than",
    ("about",): "about", ("around",): "about", ("some",): "about", ("roughly",): "about",
    ("approximately",): "about", ("an", "estimated"): "about", ("estimated",): "about", ("close", "to"): "nearly",
    ("nearly",): "nearly", ("almost",): "nearly", ("between",): "between",
}
_MAX_QUALIFIER_WORDS = max(len(k) for k in _QUALIFIERS)

# What is counted, by the verb or adjective that says what happened to it.
_EVENT_WORDS = {
    "casualties-killed": (
        "killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "dying", "death", "deaths",
        "fatalities", "fatality", "toll", "lives", "bodies", "perished", "slain", "massacred", "murdered",
    ),
    "casualties-injured": ("injured", "injuring", "injuries", "wounded", "wounding", "hurt", "maimed"),
    "casualties": ("casualties",),
    "missing": ("missing", "unaccounted"),
    "arrested": ("arrested", "arresting", "arrests", "detained", "detaining", "detentions", "detainees"),
    "abducted": ("abducted", "kidnapped", "hostages", "hostage", "captured"),
    "displaced": ("displaced", "fled", "refugees", "homeless", "evacuated", "evacuees"),
    "released": ("released", "freed"),
    "rescued": ("rescued",),
}
EVENT_KEYS: dict[str, str] = {w: key for key, words in _EVENT_WORDS.items() for w in words}

# Who is counted, when it is more specific than "people": "3 soldiers were killed" is
# ``casualties-killed:soldiers``, apart from the overall toll.
_GROUP_WORDS = {
    "soldiers": ("soldiers", "troops", "servicemen", "peacekeepers", "marines", "paratroopers"),
    "police": ("police", "policemen", "officers", "gendarmes"),
    "children": ("children", "minors", "boys", "girls"),
    "militants": ("militants", "rebels", "fighters", "insurgents", "gunmen", "attackers", "jihadists"),
    "journalists": ("journalists", "reporters"),
    "workers": ("workers",),
    "protesters": ("protesters", "demonstrators"),
}
GROUPS: dict[str, str] = {w: g for g, words in _GROUP_WORDS.items() for w in words}
# Heads that count people in general: no group suffix ("12 people", "12 civilians" line up).
GENERIC_HEADS = frozenset({"people", "persons", "person", "individuals", "others", "civilians", "residents",
                           "villagers", "passengers", "men", "women"})

# Counted nouns that are a fact on their own, without an event word ("2,000 troops").
_NOUN_WORDS = {
    "troops": ("troops", "soldiers", "servicemen", "peacekeepers", "marines", "paratroopers"),
    "police": ("policemen", "police"),
    "refugees": ("refugees", "migrants", "asylum-seekers"),
    "prisoners": ("prisoners", "detainees"),
    "buildings": ("buildings", "homes", "houses"),
    "villages": ("villages",),
    "vehicles": ("vehicles", "tanks", "trucks"),
    "missiles": ("missiles", "rockets", "drones", "shells"),
    "aircraft": ("aircraft", "jets", "planes", "helicopters"),
}
NOUN_KEYS: dict[str, str] = {w: key for key, words in _NOUN_WORDS.items() for w in words}
# Counted things that are not people: their noun is the key whatever verb is near
# ("300 homes were destroyed", "3 tanks were captured" are not casualties or captives).
THING_KEYS = frozenset({"buildings", "villages", "vehicles", "missiles", "aircraft"})

CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_CODES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "CHF", "RUB", "INR"})
CURRENCY_WORDS = {
    "dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "francs": "CHF", "roubles": "RUB", "rubles": "RUB", "rupees": "INR",
}
# What an amount of money is for; anything else is an ``amount``.
MONEY_PURPOSES = {
    "aid": "aid", "assistance": "aid", "relief": "aid", "humanitarian": "aid", "funding": "funding",
    "funds": "funding", "fund": "funding", "grant": "funding", "grants": "funding", "loan": "loan",
    "loans": "loan", "credit": "loan", "ransom": "ransom", "damage": "damage", "damages": "damage",
    "compensation": "compensation", "reparations": "compensation", "fine": "fine", "fines": "fine",
    "budget": "budget", "investment": "investment", "investments": "investment", "debt": "debt",
    "reward": "reward", "bail": "bail", "deal": "deal", "contract": "deal", "sanctions": "sanctions",
}

_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
# Words after a number that make it a measure, a time or a share, not a count.
_NOT_COUNTS = frozenset({
    "percent", "per", "pc", "year", "years", "month", "months", "week", "weeks", "day", "days", "hour",
    "hours", "minute", "minutes", "second", "seconds", "decade", "decades", "century", "am", "pm", "km",
    "kilometres", "kilometers", "miles", "mile", "metres", "meters", "m", "kg", "tonnes", "tons", "degrees",
    "times", "gmt", "utc", "st", "nd", "rd", "th", "o'clock",
})
# Words before a number that make it a label, not a count ("No 10", "Resolution 2334").
_LABELS = frozenset({"no", "number", "resolution", "article", "chapter", "route", "flight", "page", "section",
                     "room", "platform", "gate", "grade", "level", "phase", "sector", "zone", "highway"})
# Punctuation a window does not cross: the count and its head share a clause.
_STOPS = frozenset(".;:!?()[],—–\"“”")
# Words a backward window does not cross: "were displaced and nearly 300 homes" is not displaced.
_BACK_STOPS = frozenset({"and", "or", "but", "while", "whereas", "as"})


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class NumberMention:
    """One count in a text: what it counts (``key``), its value and the interval its wording allows."""

    key: str
    value: float
    low: float | None  # None: no lower bound stated ("up to 30")
    high: float | None  # None: no upper bound ("at least 30")
    qualifier: str | None  # "at least", "about", "between", ... or None for an exact figure
    unit: str | None  # ISO 4217 currency code of an amount of money
    text: str  # the number as written, qualifier and currency included
    start: int
    end: int

    def display(self) -> str:
        """The value as a reader would write it: "12", "at least 30", "USD 5,000,000", "12-14"."""
        lo, hi = self.low, self.high
        if self.qualifier in _VAGUE_PLURALS:
            num = self.qualifier  # "dozens"
        elif self.qualifier == "between" and lo is not None and hi is not None:
            num = f"{_fmt(lo)}-{_fmt(hi)}"
        else:
            num = _fmt(self.value)
            if self.qualifier:
                num = f"{self.qualifier} {num}"
        return f"{self.unit} {num}" if self.unit else num

    def compatible(self, other: NumberMention) -> bool:
        """Two reports agree when the intervals their wordings allow meet."""
        return intervals_meet((self.low, self.high), (other.low, other.high))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def intervals_meet(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    """Closed intervals with None for an open end; True when they share a point."""
    (alo, ahi), (blo, bhi) = a, b
    if ahi is not None and blo is not None and ahi < blo:
        return False
    return not (bhi is not None and alo is not None and bhi < alo)


def _fmt(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_digits(t: _Tok) -> bool:
    return t.text[0].isdigit()


def _word_value(words: list[str]) -> float | None:
    """The value of number words ("two dozen", "a hundred and fifty", "twenty-one"), else None."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        parts = w.split("-")
        if all(p in _ONES or p in _TENS for p in parts):
            current += sum(_ONES.get(p, 0) + _TENS.get(p, 0) for p in parts)
            seen = True
        elif w in ("a", "an"):
            current = max(current, 1.0)
        elif w == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif w == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif w in _SCALES:
            total += (current or 1.0) * _SCALES[w]
            current = 0.0
            seen = True
        elif w != "and":
            return None
    return total + current if seen else None


def _parse_number(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """A number starting at token ``i``: (value, index after it), else None."""
    t = toks[i]
    n = len(toks)
    if _is_digits(t):
        value = float(t.text.replace(",", ""))
        j = i + 1
        if j < n and toks[j].start == t.end and toks[j].low in _ATTACHED_SCALES:
            return value * _ATTACHED_SCALES[toks[j].low], j + 1
        if j < n and toks[j].start == t.end and toks[j].text[0].isalpha():
            return None  # "12th", "10am", "5km": not a count
        if j < n and toks[j].low in _SCALES:
            return value * _SCALES[toks[j].low], j + 1
        if j < n and toks[j].low in ("hundred", "dozen"):
            return value * (100 if toks[j].low == "hundred" else 12), j + 1
        return value, j
    low = t.low
    if low in ("a", "an"):
        if i + 1 >= n or toks[i + 1].low not in {"dozen", "hundred", *_SCALES}:
            return None
    elif not (all(p in _ONES or p in _TENS for p in low.split("-")) or low in ("dozen", "hundred")):
        return None
    j, words = i, list[str]()
    while j < n:
        w = toks[j].low
        is_num = all(p in _ONES or p in _TENS for p in w.split("-")) or w in {"hundred", "dozen", *_SCALES}
        # "and" only inside a number: "a hundred and fifty", not "two and their families"
        joins = w == "and" and bool(words) and words[-1] in {"hundred", *_SCALES} and j + 1 < n and (
            toks[j + 1].low in _ONES or toks[j + 1].low.split("-")[0] in _TENS)
        if not (is_num or joins or (w in ("a", "an") and j == i)):
            break
        words.append(w)
        j += 1
    worded = _word_value(words)
    return (worded, j) if worded is not None else None


def _qualifier(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """The bounding phrase ending just before token ``i`` ("at least") and where it starts."""
    for size in range(_MAX_QUALIFIER_WORDS, 0, -1):
        if i - size < 0:
            continue
        words = tuple(t.low for t in toks[i - size : i])
        if words in _QUALIFIERS:
            return _QUALIFIERS[words], i - size
    return None, i


def _interval(value: float, qualifier: str | None) -> tuple[float | None, float | None]:
    if qualifier in ("at least", "more than"):
        return value, None
    if qualifier in ("at most", "up to", "fewer than"):
        return None, value
    if qualifier == "about":
        return value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
    if qualifier == "nearly":
        return value * (1 - APPROX_TOLERANCE), value
    return value, value


def _window(toks: list[_Tok], start: int, step: int, size: int, numbers: set[int]) -> list[tuple[int, str]]:
    """(distance, lower-cased word) of up to ``size`` words from ``start`` in direction ``step``,
    stopping at clause punctuation and at another number."""
    out: list[tuple[int, str]] = []
    k, dist = start, 0
    while 0 <= k < len(toks) and dist < size:
        t = toks[k]
        if t.text in _STOPS or k in numbers or (step < 0 and t.low in _BACK_STOPS):
            break
        if t.text[0].isalpha():
            dist += 1
            out.append((dist, t.low))
        k += step
    return out


def _nearest(words: list[tuple[int, str]], table: dict[str, str]) -> tuple[int, str] | None:
    for dist, w in words:
        if w in table:
            return dist, table[w]
    return None


def _skip(toks: list[_Tok], i: int, j: int, q_start: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the number at tokens [i, j) is a date, time, age, share, measure or label."""
    t = toks[i]
    if any(s < toks[j - 1].end and t.start < e for s, e in spans):
        return True  # inside a time expression the caller found ("on 3 March", "in 2023")
    prev = toks[q_start - 1] if q_start > 0 else None
    nxt = toks[j] if j < len(toks) else None
    if prev is not None and (prev.low in _MONTHS or prev.low in _LABELS or prev.text == "#"):
        return True  # "March 3", "Resolution 2334", "no one was hurt"
    if nxt is not None:
        if nxt.low in _MONTHS or nxt.low in _NOT_COUNTS or nxt.text in ("%", ":", "/"):
            return True
        if nxt.text in ("-", "‑") and j + 1 < len(toks) and toks[j + 1].text[0].isalpha():
            return True  # "a 12-hour curfew", "a 30-year-old"
        if nxt.text == "-" and j + 1 < len(toks) and toks[j + 1].low in _NOT_COUNTS:
            return True
    if _is_digits(t) and j == i + 1 and "," not in t.text and "." not in t.text and len(t.text) == 4:
        year = int(t.text)
        following = nxt.low if nxt is not None else ""
        if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] and following not in NOUN_KEYS and following not in GENERIC_HEADS:
            return True
    return False


# Auxiliaries that start the clause a partitive count is the subject of ("... were killed").
_CLAUSE_VERBS = frozenset({"were", "was", "are", "is", "have", "has", "had", "died", "remain", "remained"})
# Words between the two figures of a partitive count ("12 of the 40", "three of its 20").
_PARTITIVE_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "those", "these"})


def _group_described(toks: list[_Tok], end: int) -> bool:
    """Whether the group counted up to ``end`` carries its own event word before the clause's
    verb ("12 of the 40 protesters arrested were released": 40 were arrested)."""
    for t in toks[end:end + WINDOW_AFTER]:
        if t.low in _CLAUSE_VERBS:
            return False
        if t.low in EVENT_KEYS:
            return True
    return False


def find_numbers(text: str, offset: int = 0, skip: Sequence[tuple[int, int]] = ()) -> list[NumberMention]:
    """Counts in ``text`` (a sentence), with offsets shifted by ``offset``.

    ``skip`` holds (start, end) spans, in the same shifted offsets, that are time
    expressions: numbers inside them are dates, not counts.
    """
    toks = _tokens(text)
    spans = [(s - offset, e - offset) for s, e in skip]
    # First pass: every number phrase, so windows can stop at the next one.
    found: list[tuple[int, int, float]] = []
    k = 0
    while k < len(toks):
        parsed = _parse_number(toks, k)
        if parsed is None:
            k += 1
            continue
        value, j = parsed
        found.append((k, j, value))
        k = j
    numbers = {x for i, j, _ in found for x in range(i, j)}
    out: list[NumberMention] = []
    used: set[int] = set()
    for n, (i, j, value) in enumerate(found):
        if i in used:
            continue
        qualifier, q_start = _qualifier(toks, i)
        low_high: tuple[float | None, float | None] | None = None
        end = j
        # A range: "between 12 and 14", "12 to 14", "12-14", "two or three"; a change
        # ("the toll rose from 12 to 14") reports its second figure.
        if n + 1 < len(found) and found[n + 1][0] == j + 1 and toks[j].low in ("to", "and", "or", "-", "–"):
            i2, j2, v2 = found[n + 1]
            if q_start > 0 and toks[q_start - 1].low == "from" and toks[j].low == "to":
                value, low_high, end, qualifier = v2, (v2, v2), j2, None
                used.add(i2)
            elif (toks[j].low == "and") == (qualifier == "between") and v2 > value:
                low_high, end, qualifier = (value, v2), j2, "between"
                used.add(i2)
        if qualifier == "between" and low_high is None:
            qualifier = None
        # Currency before the number (after any qualifier: "more than $5 million").
        unit = None
        cur_start = q_start
        if i > 0 and toks[i - 1].text in CURRENCY_SYMBOLS:
            unit = CURRENCY_SYMBOLS[toks[i - 1].text]
            qualifier, q_start = _qualifier(toks, i - 1)
            cur_start = q_start
        elif i > 0 and toks[i - 1].text in CURRENCY_CODES:
            unit = toks[i - 1].text
            qualifier, q_start = _qualifier(toks, i - 1)
            cur_start = q_start
        if unit is None and _skip(toks, i, end, q_start, spans):
            continue
        after = end
        if unit is None and after < len(toks) and toks[after].low in ("us", "u.s") and after + 1 < len(toks) \
                and toks[after + 1].low in CURRENCY_WORDS:
            after += 1
        if unit is None and after < len(toks) and toks[after].low in CURRENCY_WORDS:
            unit = CURRENCY_WORDS[toks[after].low]
            end = after + 1
        key_end = end
        later = next((f for f in found[n + 1:] if f[0] >= end), None)  # after a range, the figure after it
        if unit is None and later is not None:
            # "12 of the 40 passengers were killed": 12 were killed; 40 is the whole group, no count
            # of the event. The first figure takes what the second counts; the second is dropped.
            i2, j2, _ = later
            gap = [t.low for t in toks[end:i2]]
            if gap and gap[0] == "of" and (len(gap) == 1 or (len(gap) == 2 and gap[1] in _PARTITIVE_DETERMINERS)) \
                    and not _group_described(toks, j2):
                key_end = j2
                used.add(i2)
        key = _key(toks, q_start if unit is None else cur_start, key_end, unit, numbers)
        if key is None:
            continue
        lo, hi = low_high if low_high is not None else _interval(value, qualifier)
        span_start, span_end = toks[min(q_start, cur_start)].start, toks[end - 1].end
        out.append(NumberMention(key, value, lo, hi, qualifier, unit, text[span_start:span_end],
                                 span_start + offset, span_end + offset))
    out += _vague(toks, text, offset, numbers)
    return sorted(out, key=lambda m: m.start)


def _key(toks: list[_Tok], first: int, end: int, unit: str | None, numbers: set[int]) -> str | None:
    """What the number at tokens [first, end) counts, else None (not a count we key)."""
    after = _window(toks, end, 1, WINDOW_AFTER, numbers)
    before = _window(toks, first - 1, -1, WINDOW_BEFORE, numbers)
    if unit is not None:
        hit = _nearest(after, MONEY_PURPOSES) or _nearest(before, MONEY_PURPOSES)
        return f"{hit[1] if hit else 'amount'}:{unit}"
    ev_after, ev_before = _nearest(after, EVENT_KEYS), _nearest(before, EVENT_KEYS)
    head = next((w for d, w in after[:NOUN_REACH] if w in GROUPS or w in NOUN_KEYS or w in GENERIC_HEADS), None)
    if head is not None and NOUN_KEYS.get(head) in THING_KEYS:
        return NOUN_KEYS[head]
    if ev_after or ev_before:
        cands = [c for c in (ev_after, ev_before) if c is not None]
        event_key = min(cands, key=lambda c: c[0])[1]  # the nearer; after wins a tie
        group = GROUPS.get(head) if head else None
        return f"{event_key}:{group}" if group else event_key
    if head is not None and head in NOUN_KEYS:
        return NOUN_KEYS[head]
    return None


def _vague(toks: list[_Tok], text: str, offset: int, numbers: set[int]) -> list[NumberMention]:
    """ "dozens of people were killed": a lower bound of two units, keyed like a number."""
    out = []
    for k, t in enumerate(toks):
        if t.low not in _VAGUE_PLURALS or k + 1 >= len(toks) or toks[k + 1].low != "of":
            continue
        key = _key(toks, k, k + 2, None, numbers)
        if key is None:
            continue
        v = _VAGUE_PLURALS[t.low]
        out.append(NumberMention(key, v, v, None, t.low, None, text[t.start : toks[k + 1].end],
                                 t.start + offset, toks[k + 1].end + offset))
    return out
