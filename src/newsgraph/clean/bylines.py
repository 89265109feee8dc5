"""Bylines: "By Jane Holloway, Diplomatic Editor" → ["Jane Holloway"].

A byline is a short list of person names, optionally behind "By", each name
optionally followed by a role ("Diplomatic Editor"), a place ("in Berlin") or
an organisation ("Global Wire", "Reuters"). The rules are about the *shape* of
a name (capitalised tokens, name particles, no function words), so they work
for outlets never seen before.
"""

from __future__ import annotations

import re

from newsgraph.clean.normalise import wordset
from newsgraph.clean.outlets import NEWS_WORDS

# Words of a job title: a byline segment made of these is a role, not a person.
ROLE_WORDS = wordset("""
    editor editors correspondent correspondents reporter reporters writer writers staff contributor
    contributors columnist columnists chief senior junior bureau political politics diplomatic
    foreign security defence defense economics economy business technology tech science health
    environment climate affairs analyst producer journalist journalists photographer anchor
    host desk team deputy associate executive managing special investigations investigative
    international national global digital data video audio news world europe asia africa
    americas editorial opinion culture sport sports and in at for the of our your
    contributing freelance staffer intern fellow
    """)
# News agencies and wire services printed after a reporter's name.
AGENCIES = wordset("""
    reuters ap afp epa dpa efe ansa anadolu yonhap xinhua kyodo tass ria bloomberg pa upi
    bernama antara interfax ukrinform
    """)
# Lower-case particles inside names: "Ursula von der Leyen", "Nasser al-Khelaifi".
NAME_PARTICLES = wordset("van von der den de del della di da du la le el al bin bint ibn ter ten zu dos das y")
# A name has 1–5 tokens; a byline lists at most this many people (longer lists are prose).
MAX_NAME_TOKENS = 5
MAX_BYLINE_NAMES = 6
# A byline is short; "By" lines over this many words are sentences ("By Tuesday, the talks...").
MAX_BYLINE_WORDS = 16

_BY = re.compile(r"^(?:(?:words|written|story|text|reporting|report|interview)\s+)?by\s*:?\s+", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*|[A-Z]\.)$")
_CUT = re.compile(r"\s+(?:\||·|•|—|–|-)\s+|\s*\|\s*")
_PLACE_SUFFIX = re.compile(r"\s+(?:in|at|from|reporting from)\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*)*\s*$")
_FOR_SUFFIX = re.compile(r"\s+(?:for|of|with)\s+(?:the\s+)?[A-Z].*$")


_CALENDAR_WORDS = wordset("monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow january february "
    "march april may june july august september october november december then now")


def _is_org(segment: str) -> bool:
    words = [w.lower().strip(".,") for w in segment.split()]
    if not words:
        return False
    if " ".join(words) in AGENCIES or (len(words) == 1 and words[0] in AGENCIES):
        return True
    if " ".join(words) in ("associated press", "agence france-presse", "press association", "pa media"):
        return True
    return any(w in ("news", "times", "wire", "press", "agency", "herald", "post", "daily", "tribune",
                     "journal", "gazette", "review", "monitor", "chronicle", "telegraph", "media")
               for w in words)


def _proper_case(name: str) -> str:
    """"MATTHEW LEE" → "Matthew Lee"; mixed-case names are left alone."""
    if not name.isupper():
        return name
    out = []
    for tok in name.split():
        parts = re.split(r"([-'’])", tok.lower())
        out.append("".join(p[:1].upper() + p[1:] if p not in "-'’" else p for p in parts))
    return " ".join(out)


def looks_like_name(segment: str) -> bool:
    """Capitalised tokens (with particles), 1–5 of them, not all news/place words."""
    toks = segment.split()
    if not 1 <= len(toks) <= MAX_NAME_TOKENS:
        return False
    capitalised = 0
    for i, t in enumerate(toks):
        if t.lower() in NAME_PARTICLES and 0 < i < len(toks) - 1:
            continue
        if re.match(r"^(?:al|el)-[A-Z]", t):
            capitalised += 1
            continue
        if not _NAME_TOKEN.match(t) or any(c.isdigit() for c in t):
            return False
        capitalised += 1
    if capitalised == 0:
        return False
    lowered = [t.lower().strip(".") for t in toks]
    if all(w in NEWS_WORDS or w in ROLE_WORDS for w in lowered):
        return False
    return not any(w in ROLE_WORDS and w not in NAME_PARTICLES for w in lowered)


def _strip_role(segment: str) -> str:
    """Drop trailing role words: "Jane Holloway Diplomatic editor" → "Jane Holloway"."""
    toks = segment.split()
    while len(toks) > 1 and toks[-1].lower().strip(".,") in ROLE_WORDS:
        toks.pop()
    return " ".join(toks)


def _split_names(body: str) -> list[str]:
    parts = re.split(r"\s*,\s*|\s*;\s*|\s+and\s+|\s*&\s*|\s+with\s+", body)
    return [p.strip(" .,:;") for p in parts if p and p.strip(" .,:;")]


def parse_byline(line: str, *, require_by: bool = True) -> list[str] | None:
    """The names in a byline ``line``, or None if the line is not a byline.

    With ``require_by=False`` a bare name list ("Jane Holloway in Berlin",
    "Jane Holloway and Mark Ellis") is accepted too: the caller decides when a
    line's position makes that safe (next to the headline or timestamp).
    """
    s = " ".join(line.split())
    if not s or len(s.split()) > MAX_BYLINE_WORDS or s.endswith(("?", "!")):
        return None
    m = _BY.match(s)
    if m:
        s = s[m.end() :]
    elif require_by:
        return None
    s = _EMAIL.sub(" ", s)
    s = _HANDLE.sub(" ", s)
    s = _CUT.split(s)[0]
    s = " ".join(s.split()).strip(" ,.;:")
    if not s:
        return None
    names: list[str] = []
    for i, seg in enumerate(_split_names(s)):
        seg = _PLACE_SUFFIX.sub("", seg)
        seg = _FOR_SUFFIX.sub("", seg).strip()
        if not seg:
            continue
        if any(t[:1].islower() and t not in ROLE_WORDS and t not in NAME_PARTICLES for t in seg.split()):
            return None  # running prose: "By Tuesday, the talks had collapsed."
        if len(seg.split()) == 1 and seg.lower().rstrip(".,") in _CALENDAR_WORDS:
            return None
        low = seg.lower()
        if low in ("staff", "reporters", "staff reporter", "staff writer", "staff writers", "correspondents", "agencies"):
            continue
        if low.endswith(" staff") or _is_org(seg):
            if i == 0 and not m:
                return None
            continue
        seg = _strip_role(seg)
        if not m and len(seg.split()) < 2:
            return None  # without "By", a lone word ("X", "Europe") is not a person
        if looks_like_name(seg):
            names.append(_proper_case(seg))
        elif i == 0:
            # The first segment must be a person (or an org when "By" says so).
            return None
    if not names or len(names) > MAX_BYLINE_NAMES:
        return None
    return names


def tidy_authors(value: str | list[str] | None) -> list[str]:
    """Authors from metadata ("A; B", "By A and B", "a@x.com") as a clean, de-duplicated list."""
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"\s*;\s*|\s*\|\s*", value)
    out: list[str] = []
    for item in items:
        item = _EMAIL.sub(" ", str(item)).strip()
        if not item:
            continue
        names = parse_byline(item, require_by=False)
        if names is None:
            continue
        for n in names:
            if n not in out:
                out.append(n)
    return out
