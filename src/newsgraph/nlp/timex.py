"""Time expressions normalised against the article's publication date (TIMEX3 values).

A news report says "on Thursday", not "16 March 2023": the calendar date only
exists relative to the document creation time (DCT) and the tense of the clause
("will visit on Thursday" looks forward, "said on Friday" looks back). This
module finds the expressions in a parsed Doc (spaCy DATE/TIME entities plus bare
weekday and deictic words the small model misses) and resolves each one to a
TIMEX3-style value: ``2023-03-16``, ``2023-W10``, ``2023-02``, ``2022``,
``2017-SU``, ``P2D`` (durations), with a precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from spacy.tokens import Doc, Token

Tense = Literal["past", "present", "future"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# Calendar month a season is taken to start in (northern hemisphere), to order seasons.
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI", "noon": "MI",
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
    "a few": None, "some": None, "couple": 2, "a couple of": 2, "dozen": 12, "fifteen": 15, "twenty": 20,
}
_UNITS = {
    "day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
    "year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE",
    "hour": "H", "hours": "H", "minute": "MIN", "minutes": "MIN",
}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
# Governing words whose complement clause is planned: "is due to visit", "plans to meet".
FUTURE_GOVERNORS = {
    "due", "set", "expect", "schedule", "plan", "intend", "aim", "prepare", "go", "hope", "want",
    "seek", "agree", "promise", "pledge", "vow", "threaten", "likely", "poised", "slate",
}

Precision = Literal["time", "day", "week", "month", "season", "year", "decade", "century"]
# Precisions the event contract knows (DESIGN.md: day|week|month|year); finer collapses to
# day, a season to its year.
# TIMEX3 values of sets ("every morning" → XXXX-XX-XXTMO).
_SET_VALUES = {
    "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV", "night": "XXXX-XX-XXTNI",
    "day": "XXXX-XX-XX", "daily": "XXXX-XX-XX", "week": "XXXX-WXX", "weekly": "XXXX-WXX", "month": "XXXX-XX",
    "monthly": "XXXX-XX", "year": "XXXX", "yearly": "XXXX", "annually": "XXXX", "annual": "XXXX",
    "spring": "XXXX-SP", "summer": "XXXX-SU", "autumn": "XXXX-FA", "fall": "XXXX-FA", "winter": "XXXX-WI",
    "season": "XXXX-XX",
}
_EVENT_PRECISION = {"time": "day", "day": "day", "week": "week", "month": "month", "season": "year", "year": "year"}


@dataclass(frozen=True)
class TimeExpr:
    """One time expression: character offsets in the clean text, surface text and value."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    kind: str  # date | time | duration | set
    sent_start: int = 0

    @property
    def calendar(self) -> tuple[str, str] | None:
        """The value as an event date (``YYYY-MM-DD``/``YYYY-Www``/``YYYY-MM``/``YYYY``) and precision."""
        if self.kind not in ("date", "time") or not self.value or self.precision not in _EVENT_PRECISION:
            return None
        prec = _EVENT_PRECISION[self.precision]
        v = self.value
        if prec == "day":
            return (v[:10], prec) if re.match(r"\d{4}-\d\d-\d\d", v) else None
        if prec == "year":
            return (v[:4], prec) if re.match(r"\d{4}", v) else None
        return v, prec


# --------------------------------------------------------------------------- tense


def _verb_of(tok: Token) -> Token:
    """The verb that governs ``tok`` (itself if it is one), stopping at the sentence root."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT" or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def tense_of(token: Token) -> Tense:
    """Tense of the clause around ``token``: future for "will"/"is due to"/headline "to visit"."""
    verb = _verb_of(token)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX:
        return "future"
    # "going to", "is to visit", "due to visit", "plans to meet": an infinitive under a planning word.
    has_to = "to" in lowers
    if has_to and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl"):
        gov = verb.head
        planning = gov.lemma_.lower() in FUTURE_GOVERNORS or gov.lower_ in FUTURE_GOVERNORS
        if planning and (tense_of(gov) != "past" or gov.lemma_.lower() in ("due", "set", "schedule", "expect")):
            return "future"
        if gov.lemma_.lower() == "be":
            return "future"
    if has_to and verb.dep_ == "ROOT":
        return "future"  # headline infinitive: "Baerbock to visit Ankara"
    if verb.tag_ == "VBN" and verb.dep_ in ("ROOT", "acl") and not auxes:
        # headline/ellipsis participle: "Eight officials sanctioned", "talks scheduled for Thursday"
        sched = {"schedule", "plan", "set", "slate"}
        return "future" if verb.lemma_.lower() in sched else "past"
    if any(a.tag_ == "VBD" or a.lower_ in ("did", "was", "were", "had") for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes) and verb.tag_ == "VBN":
        return "past"
    if verb.tag_ == "VBD" or "Past" in verb.morph.get("Tense", []) and verb.tag_ != "VBN":
        return "past"
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i and verb.tag_ in ("VB", "VBG", "VBN"):
        return tense_of(verb.head)
    return "present"


# --------------------------------------------------------------------------- resolution


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _weekday(dct: date, wd: int, direction: str) -> date:
    fwd = (wd - dct.weekday()) % 7
    back = (dct.weekday() - wd) % 7
    if direction == "next":
        return dct + timedelta(days=fwd or 7)
    if direction == "last":
        return dct - timedelta(days=back or 7)
    if direction == "future":
        return dct + timedelta(days=fwd)
    if direction == "past":
        return dct - timedelta(days=back)
    return dct + timedelta(days=fwd) if fwd <= back else dct - timedelta(days=back)


def _month_year(dct: date, month: int, tense: Tense, modifier: str | None) -> int:
    if modifier == "last":
        return dct.year if month < dct.month else dct.year - 1
    if modifier == "next":
        return dct.year if month > dct.month else dct.year + 1
    if modifier == "this":
        return dct.year
    if tense == "past":
        return dct.year if month <= dct.month else dct.year - 1
    if tense == "future":
        return dct.year if month >= dct.month else dct.year + 1
    # present: the nearest month of that name
    diff = month - dct.month
    if diff > 6:
        return dct.year - 1
    if diff < -6:
        return dct.year + 1
    return dct.year


def _day_year(dct: date, month: int, day: int, tense: Tense) -> int:
    """Year of "16 March" with no year: the occurrence nearest the DCT in the tense's direction."""
    best: tuple[int, int] | None = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cand = date(y, month, day)
        except ValueError:
            continue
        delta = (cand - dct).days
        # A past clause rarely reports a date more than a few days ahead, a future one a date behind.
        penalty = abs(delta)
        if tense == "past" and delta > 3:
            penalty += 200
        if tense == "future" and delta < -3:
            penalty += 200
        if best is None or penalty < best[0]:
            best = (penalty, y)
    return best[1] if best else dct.year


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


_CLEAN_LEAD = re.compile(
    r"^(?:on|in|at|by|since|from|until|till|to|through|during|for|of|the|as of|as early as|"
    r"late|early|earlier|later|around|about|approximately|some|before|after)\s+",
    re.I,
)
_YEAR = r"(1[6-9]\d\d|20\d\d|2100)"
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(morning|afternoon|evening|night|midday|noon)"


def _month_num(s: str) -> int:
    s = s.lower().rstrip(".")
    return _MONTH_ABBR.get(s[:4] if s.startswith("sept") else s[:3], 0) or _MONTH_ABBR[s[:3]]


def resolve(text: str, dct: date | None, tense: Tense = "present") -> tuple[str | None, str | None, str]:
    """TIMEX3 ``(value, precision, kind)`` of one expression; value None when it cannot be anchored."""
    t = " ".join(text.lower().replace("’", "'").split())
    t = t.strip(" ,.;:")
    t = re.sub(r"'s$", "", t)
    # durations first: "two days", "the past three years", "for 30 years"
    dur = re.fullmatch(
        r"(?:for |over |during |within |in |the )?(?:the )?(?:past |last |next |coming |first |previous |more than |nearly |almost |about |over |"
        r"just over |just under |less than |at least |a mere |only |just )?"
        r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|a few|few|a couple of|\d+)"
        r"[- ](day|days|week|weeks|month|months|year|years|decade|decades|hour|hours|minute|minutes)(?:-long| long| old)?",
        t,
    )
    if dur and not re.search(r"\b(ago|after|before|later|earlier)\b", t):
        n = _number(dur.group(1))
        unit = _UNITS[dur.group(2)]
        if unit in ("H", "MIN"):
            return (f"PT{n if n is not None else 'X'}{'M' if unit == 'MIN' else 'H'}", None, "duration")
        if unit == "DE":
            return (f"P{(n * 10) if n is not None else 'X'}Y" if n is not None else "P10Y", None, "duration")
        return (f"P{n if n is not None else 'X'}{unit}", None, "duration")
    rel = re.fullmatch(
        r"(?:about |some |nearly |more than |almost |just |only |exactly )?"
        r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|a few|\d+)"
        r" (day|days|week|weeks|month|months|year|years|decade|decades|hour|hours|minute|minutes)"
        r" (?:earlier|later|before|after)",
        t,
    )
    if rel:
        # "a month earlier", "two days later": a distance from another event,
        # which TimeML records as the duration itself.
        n = _number(rel.group(1))
        unit = _UNITS[rel.group(2)]
        if unit in ("H", "MIN"):
            return (f"PT{n if n is not None else 'X'}{'M' if unit == 'MIN' else 'H'}", None, "duration")
        return (f"P{n if n is not None else 'X'}{'Y' if unit == 'DE' else unit}", None, "duration")
    if re.fullmatch(r"(?:for )?(?:decades|years|months|weeks|days|hours|centuries)", t):
        unit = _UNITS[t.split()[-1]]
        return (f"PX{'Y' if unit in ('DE', 'CE') else unit}", None, "duration")
    if re.fullmatch(r"(?:the )?(?:fiscal )?year end(?:ed|ing) .+", t):
        return "P1Y", None, "duration"  # "year ended March 31": a fiscal year, TimeML's P1Y
    m = re.fullmatch(r"(?:in |over |during )?(?:the )?recent (days|weeks|months|years)", t)
    if m:
        return f"PX{_UNITS[m.group(1)]}", None, "duration"
    m = re.fullmatch(r"between (\w+) and \w+ (days|weeks|months|years)", t)
    if m and _number(m.group(1)) is not None:
        return f"P{_number(m.group(1))}{_UNITS[m.group(2)]}", None, "duration"
    if re.fullmatch(r"(?:the )?(?:next|coming|following) decade", t):
        return "P10Y", None, "duration"
    m = re.fullmatch(r"(?:every|each) (morning|afternoon|evening|night|day|week|month|year|season|"
                     r"spring|summer|autumn|fall|winter)|daily|weekly|monthly|annually|yearly|annual", t)
    if m:
        return _SET_VALUES.get(m.group(1) if m.group(1) else t, "XXXX"), None, "set"

    # explicit ISO / numeric dates
    m = re.search(r"\b(\d{4})-(\d\d)-(\d\d)\b", t)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day", "date"
    # "2009-2010", "1957-58": TimeML gives the first year
    m = re.fullmatch(r"(?:the |in )?(1[6-9]\d\d|20\d\d)\s*[-–/]\s*(?:\d\d|\d{4})", t)
    if m:
        return m.group(1), "year", "date"
    m = re.fullmatch(r"(?:the |in the )?(?:early |late |mid-)?(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        return f"{int(m.group(1)) - 1:02d}", "century", "date"

    if dct is None:
        # Only absolute expressions can be resolved without an anchor.
        m = re.search(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? {_YEAR}\b|\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? {_YEAR}\b", t)
        if m:
            if m.group(1):
                return f"{m.group(3)}-{_month_num(m.group(1)):02d}-{int(m.group(2)):02d}", "day", "date"
            return f"{m.group(6)}-{_month_num(m.group(5)):02d}-{int(m.group(4)):02d}", "day", "date"
        m = re.fullmatch(rf"(?:.* )?{_MONTH},? {_YEAR}", t)
        if m:
            return f"{m.group(2)}-{_month_num(m.group(1)):02d}", "month", "date"
        m = re.search(rf"\b{_YEAR}\b", t)
        if m and re.fullmatch(rf"(?:in |the year )?{_YEAR}", t):
            return m.group(1), "year", "date"
        return None, None, "date"

    return _resolve_relative(t, dct, tense)


def _part_suffix(t: str) -> str:
    m = re.search(_PART, t)
    if m:
        return "T" + PARTS_OF_DAY[m.group(1)]
    if "early hours" in t or "overnight" in t or "midnight" in t:
        return "TNI"
    return ""


def _resolve_relative(t: str, dct: date, tense: Tense) -> tuple[str | None, str | None, str]:
    ymd = dct.isoformat()
    # deictic days
    if re.fullmatch(r"(?:earlier |later )?today|this (morning|afternoon|evening)|tonight|now|currently|"
                    r"(?:late |early )?(?:this )?(?:morning|afternoon|evening)|overnight|"
                    r"shortly after midnight|last night|at the moment|at present|right now", t):
        if t in ("now", "currently", "at the moment", "at present", "right now"):
            return "PRESENT_REF", None, "date"
        if t == "last night":
            return (dct - timedelta(days=1)).isoformat() + "TNI", "day", "date"
        if t in ("overnight", "shortly after midnight"):
            return ymd, "day", "date"
        suffix = _part_suffix(t) if t != "today" else ""
        return ymd + ("TNI" if t == "tonight" else suffix), "day", "date"
    if re.fullmatch(r"(?:late |early )?yesterday(?: (morning|afternoon|evening))?", t):
        return (dct - timedelta(days=1)).isoformat() + _part_suffix(t), "day", "date"
    if re.fullmatch(r"(?:late |early )?tomorrow(?: (morning|afternoon|evening))?", t):
        return (dct + timedelta(days=1)).isoformat() + _part_suffix(t), "day", "date"

    # "two days ago", "three weeks ago", "a year earlier" (anchored at DCT only for "ago")
    m = re.fullmatch(r"(?:about |some |nearly |more than |almost |just |only )?(\w+(?: few| couple of)?) (day|days|week|weeks|month|months|year|years|decades?) ago", t)
    if m:
        n = _number(m.group(1))
        unit = m.group(2).rstrip("s")
        if n is None:
            return ("PAST_REF", None, "date")
        if unit == "day":
            return (dct - timedelta(days=n)).isoformat(), "day", "date"
        if unit == "week":
            return _iso_week(dct - timedelta(weeks=n)), "week", "date"
        if unit == "month":
            y, mo = _add_months(dct, -n)
            return f"{y}-{mo:02d}", "month", "date"
        if unit == "year":
            return str(dct.year - n), "year", "date"
        return str((dct.year - 10 * n) // 10), "decade", "date"

    # weekdays, possibly with last/next/this and a part of day; "the early hours of Tuesday"
    m = re.search(_WD, t)
    if m and not re.search(_MONTH + r"\s+\d|\d\s*" + _MONTH, t):
        wd = WEEKDAYS.index(m.group(1))
        mod = re.search(r"\b(last|next|this|coming|past|previous)\b", t)
        modifier = mod.group(1) if mod else None
        if modifier in ("last", "past", "previous"):
            d = _weekday(dct, wd, "last")
        elif modifier in ("next", "coming"):
            d = _weekday(dct, wd, "future" if modifier == "coming" else "next")
        else:
            d = _weekday(dct, wd, {"past": "past", "future": "future"}.get(tense, "nearest"))
        return d.isoformat() + _part_suffix(t), "day", "date"

    # "16 March", "March 16", with or without a year; "Thursday, March 16" handled above by month check
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH}(?:,? {_YEAR})?\b", t) or None
    day_month: tuple[int, int, str | None] | None = None
    if m:
        day_month = (int(m.group(1)), _month_num(m.group(2)), m.group(3))
    else:
        m = re.search(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {_YEAR})?", t)
        if m:
            day_month = (int(m.group(2)), _month_num(m.group(1)), m.group(3))
    if day_month is not None:
        day, month, year_s = day_month
        if 1 <= day <= 31:
            year = int(year_s) if year_s else _day_year(dct, month, day, tense)
            try:
                return date(year, month, day).isoformat() + _part_suffix(t), "day", "date"
            except ValueError:
                return None, None, "date"

    # weeks
    if re.fullmatch(r"(?:the )?(?:earlier |later )?(?:in )?(?:the )?(?:this|current) week|this week|earlier in the week|later in the week|(?:earlier|later) this week|the week", t):
        return _iso_week(dct), "week", "date"
    if re.fullmatch(r"(?:the )?(?:last|past|previous) week|(?:earlier|late|early) last week", t):
        return _iso_week(dct - timedelta(weeks=1)), "week", "date"
    if re.fullmatch(r"(?:the )?(?:next|coming|following) week|(?:early |late |later )?next week", t):
        return _iso_week(dct + timedelta(weeks=1)), "week", "date"
    if re.fullmatch(r"(?:this|last|next) weekend|the weekend", t):
        shift = {"last": -7, "next": 7}.get(t.split()[0], 0)
        sat = dct + timedelta(days=(5 - dct.weekday()) % 7 + shift)
        if t.startswith("last") or (t == "the weekend" and tense == "past"):
            sat = dct - timedelta(days=(dct.weekday() - 5) % 7 or 7)
        return _iso_week(sat) + "-WE", "week", "date"

    # months
    if re.fullmatch(r"(?:earlier |later )?this month|(?:earlier|later|early|late) in the month|the month", t):
        return f"{dct.year}-{dct.month:02d}", "month", "date"
    if re.fullmatch(r"(?:the )?(?:last|past|previous) month|(?:earlier|late|early) last month", t):
        y, mo = _add_months(dct, -1)
        return f"{y}-{mo:02d}", "month", "date"
    if re.fullmatch(r"(?:the )?(?:next|coming|following) month|(?:early |late |later )?next month", t):
        y, mo = _add_months(dct, 1)
        return f"{y}-{mo:02d}", "month", "date"

    # "May last year", "in May last year", "last July", "July", "end of July", "March 2023"
    m = re.search(rf"\b{_MONTH}\b(?:,? {_YEAR})?", t)
    if m:
        month = _month_num(m.group(1))
        if m.group(2):
            return f"{m.group(2)}-{month:02d}", "month", "date"
        if re.search(r"\blast year\b", t):
            return f"{dct.year - 1}-{month:02d}", "month", "date"
        if re.search(r"\bnext year\b", t):
            return f"{dct.year + 1}-{month:02d}", "month", "date"
        if re.search(r"\bthis year\b", t):
            return f"{dct.year}-{month:02d}", "month", "date"
        mod = re.search(r"\b(last|next|this|past|coming)\b", t)
        modifier = {"past": "last", "coming": "next"}.get(mod.group(1), mod.group(1)) if mod else None
        return f"{_month_year(dct, month, tense, modifier)}-{month:02d}", "month", "date"

    # seasons
    m = re.search(r"\b(spring|summer|autumn|fall|winter)\b", t)
    if m:
        code = SEASONS[m.group(1)]
        ym = re.search(rf"\b{_YEAR}\b", t)
        if ym:
            return f"{ym.group(1)}-{code}", "season", "date"
        mod = re.search(r"\b(last|next|this|past|coming)\b", t)
        smonth = _SEASON_MONTH[code]
        if mod and mod.group(1) in ("last", "past"):
            y = dct.year if smonth < dct.month - 2 else dct.year - 1
        elif mod and mod.group(1) in ("next", "coming"):
            y = dct.year if smonth > dct.month else dct.year + 1
        else:
            y = _month_year(dct, smonth, tense, "this" if mod else None)
        return f"{y}-{code}", "season", "date"

    # years
    if re.fullmatch(r"(?:the )?year-(?:ago|earlier)(?: \w+){0,2}", t):
        return str(dct.year - 1), "year", "date"  # "the year-ago quarter", "year-earlier period"
    if re.fullmatch(r"(?:earlier |later |early |late )?this (?:fiscal |calendar )?year|(?:earlier|later|early|late) in the year|"
                    r"the current (?:fiscal )?year|the year|(?:so far )?this year", t):
        return str(dct.year), "year", "date"
    if re.fullmatch(r"(?:the )?(?:last|past|previous) year|(?:earlier|late|early) last year", t):
        return str(dct.year - 1), "year", "date"
    if re.fullmatch(r"(?:the )?(?:next|coming|following) year|(?:early |late |later )?next year", t):
        return str(dct.year + 1), "year", "date"
    m = re.fullmatch(rf"(?:.* )?(?:in |of |the year )?{_YEAR}(?:'s)?", t)
    if m:
        return m.group(1), "year", "date"
    m = re.fullmatch(r"(?:the |the early |the late |the mid-)?(1[6-9]\d|20\d)0s", t)
    if m:
        return m.group(1), "decade", "date"
    m = re.fullmatch(r"(?:the )?(?:last|past) decade", t)
    if m:
        return str(dct.year // 10 - 1), "decade", "date"
    if re.fullmatch(r"(?:the )?past|(?:in )?the past|previously|recently|earlier|before|formerly|once|at the time|at that time", t):
        return "PAST_REF", None, "date"
    if re.fullmatch(r"(?:in )?the future|soon|later|(?:in )?the coming (?:days|weeks|months|years)", t):
        return "FUTURE_REF", None, "date"
    return None, None, "date"


# --------------------------------------------------------------------------- finding


_EXTRA = re.compile(
    r"\b(?:(?:last|next|this|on|late|early)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b|\b(?:today|tonight|yesterday|tomorrow|overnight)\b"
    # expressions spaCy's NER leaves out: deictic "now", sets, short durations
    r"|\b(?:now|currently|at the time|in the past)\b"
    r"|\b(?:every|each)\s+(?:morning|afternoon|evening|night|day|week|month|year|season)\b"
    r"|\b(?:an?|one|two|three|four|five|six|\d+|a mere \d+)\s+(?:hours?|minutes?)\b",
    re.I,
)
# spaCy DATE spans that TimeML does not mark: ages.
_AGE = re.compile(r"\d+[- ](?:years?|months?|weeks?|days?)[- ]old|ages? \d+", re.I)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}(?::\d\d|\.\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}:\d\d\b", re.I)


def _strip(span_text: str, start: int) -> tuple[str, int]:
    """Drop leading prepositions/articles the extent should not include."""
    while True:
        m = _CLEAN_LEAD.match(span_text)
        if not m or m.end() >= len(span_text):
            return span_text, start
        # "late"/"early" are part of the value; "earlier"/"later" too unless a weekday follows
        word = m.group(0).strip().lower()
        rest = span_text[m.end():].lower()
        if word in ("late", "early") or (word in ("earlier", "later") and not re.match(_WD, rest)):
            return span_text, start
        span_text, start = span_text[m.end():], start + m.end()


def _anchor_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def find_time_expressions(doc: Doc, dct: date | None) -> list[TimeExpr]:
    """Every time expression in ``doc``, resolved against ``dct`` (the publication date)."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans.append((ent.start_char, ent.end_char))
    for m in _EXTRA.finditer(doc.text):
        spans.append((m.start(), m.end()))
    # merge overlaps, keep the longest
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
            continue
        merged.append((s, e))
    out: list[TimeExpr] = []
    for s, e in merged:
        text, s2 = _strip(doc.text[s:e], s)
        text = text.rstrip(" ,.;:'’")
        if not text or text.lower() in ("on", "the") or _AGE.search(text):
            continue
        e2 = s2 + len(text)
        root = _anchor_token(doc, s2, e2)
        tense: Tense = tense_of(root) if root is not None else "present"
        sent_start = root.sent.start_char if root is not None else 0
        if _TIME_OF_DAY.fullmatch(text.strip()) or re.fullmatch(r"\d{1,2}(?::|\.)\d\d\s*(?:[A-Z]{2,4})?", text):
            value = dct.isoformat() + "T" + _clock(text) if dct else None
            out.append(TimeExpr(s2, e2, text, value, "time" if value else None, "time", sent_start))
            continue
        value, precision, kind = resolve(text, dct, tense)
        if value is None and kind == "date" and not _looks_temporal(text):
            continue  # spaCy DATE over words such as "annual" or "the age of 40"
        out.append(TimeExpr(s2, e2, text, value, precision, kind, sent_start))
    return out


def _clock(text: str) -> str:
    m = re.search(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?)?", text, re.I)
    if not m:
        return "XX:XX"
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    ampm = (m.group(3) or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    if ampm == "am" and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}"


def _looks_temporal(text: str) -> bool:
    t = text.lower()
    return bool(
        re.search(_WD + "|" + _MONTH + r"|\b(day|week|month|year|decade|century|season|spring|summer|autumn|winter)s?\b|\b\d{4}\b", t)
    )
