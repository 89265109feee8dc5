"""Publication timestamps and place datelines, as news pages print them.

Two jobs:

* ``parse_timestamp`` reads a line that *is* a timestamp ("Tue 14 Mar 2023
  17.05 GMT", "Updated 8:30 AM EST, March 9, 2023", "2023-03-09 10:12 KST"),
  optionally behind a label ("Published:", "Last modified on") and followed by
  more timestamps or a reading time ("· 5 min read"). A date inside a body
  sentence is *not* a timestamp: the whole line must be consumed by the
  grammar below, so prose never matches.
* ``parse_place_dateline`` reports the wire-style dateline that opens a body
  ("ANKARA, March 14 (Global Wire) -", "SEOUL —") without removing it, so the
  offsets of later stages still index the stored text.

The grammar is written out here rather than delegated to ``dateparser``:
dateparser accepts almost any string that contains a date, which is exactly
what a whole-line test must not do, and it is ~100x slower per line.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from newsgraph.clean.normalise import wordset

# Time-zone abbreviations → minutes east of UTC. Abbreviations are ambiguous
# world-wide; each choice below is the reading an English-language news page
# most often means:
#   IST  India Standard Time (+5:30), not Irish Standard Time (+1:00): Indian
#        outlets print "IST" on every story, Irish ones print "GMT"/"IST" rarely.
#   CST  US Central (-6:00), not China Standard Time (+8:00): Chinese outlets
#        write "Beijing time" or "GMT+8"; US wire copy writes "CST" daily.
#   BST  British Summer Time (+1:00), not Bangladesh (+6:00).
#   GST  Gulf Standard Time (+4:00), not South Georgia (-2:00).
# Left out as too ambiguous to guess: AST (Arabia +3 / Atlantic -4),
# AMT (Armenia / Amazon), BDT, CDT-Cuba, IDT-vs-Irish etc.
TZ_OFFSETS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "WAT": 60,
    "EET": 120,
    "EEST": 180,
    "CAT": 120,
    "SAST": 120,
    "IDT": 180,  # Israel Daylight Time
    "MSK": 180,
    "TRT": 180,
    "EAT": 180,
    "IRST": 210,
    "GST": 240,
    "AFT": 270,
    "PKT": 300,
    "IST": 330,
    "NPT": 345,
    "ICT": 420,
    "WIB": 420,
    "HKT": 480,
    "SGT": 480,
    "PHT": 480,
    "MYT": 480,
    "AWST": 480,
    "KST": 540,
    "JST": 540,
    "ACST": 570,
    "ACDT": 630,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "HST": -600,
    "AKST": -540,
    "AKDT": -480,
    "PST": -480,
    "PDT": -420,
    "MST": -420,
    "MDT": -360,
    "CST": -360,
    "CDT": -300,
    "EST": -300,
    "EDT": -240,
}

# Season-free US zone names ("8:30 a.m. ET") name a region, not an offset:
# resolved through the tz database for the date in question.
TZ_REGIONS: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

# Years outside this range are not a news page's publication date (a "1066"
# or a "2099" in a line is something else).
MIN_YEAR = 1990
MAX_YEAR = 2100

# A numeric date "03/04/2023" is read day-first (most of the world's outlets);
# month-first only when the first number cannot be a month's day-of-month
# reading, i.e. when the second number is over 12.
NUMERIC_DAY_FIRST = True

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?"

# Labels that may precede a timestamp on its line.
_LABEL = re.compile(
    r"^(?:(?P<label>(?:first\s+|originally\s+)?published|(?:last\s+)?updated|(?:last\s+)?modified|posted|"
    r"created|date|dated|issued|released|(?:last\s+)?edited)\b(?:\s+(?:on|at))?\s*[:\-–—]?\s*)",
    re.IGNORECASE,
)
# Separators between the parts of a timestamp and between several timestamps.
_SEP = r"[\s,|·•@\-–—/]*"
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<off>Z|[+-−]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
_DMY = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})", re.IGNORECASE)
_MDY = re.compile(rf"(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.IGNORECASE)
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})")
_YMD_DOTS = re.compile(r"(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})\.?")
_TIME = re.compile(
    r"(?P<H>\d{1,2})(?:[:.h](?P<M>\d{2})(?::(?P<S>\d{2}))?)?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"\(?(?:(?P<gmt>GMT|UTC)\s*(?P<gsign>[+-−])\s*(?P<gh>\d{1,2})(?::?(?P<gm>\d{2}))?"
    r"|(?P<num>[+-−]\d{2}:?\d{2})|(?P<abbr>[A-Za-z]{1,5}))\)?"
)
# What may follow a timestamp on its line without making it prose.
_TRAILER = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|m)\s*read|\d+\s*(?:min(?:ute)?s?)\s*(?:listen|watch)|local\s+time|"
    r"\(?local\)?|hours?|hrs|h)$",
    re.IGNORECASE,
)
# After a separator, a timestamp line may end with a short tag ("| Korea", "· Politics").
MAX_TIMESTAMP_TAG_WORDS = 3
_MODIFIED_LABEL = re.compile(r"updated|modified|edited", re.IGNORECASE)
# A line longer than this is a sentence, not a timestamp (longest real case:
# "Published : Mar. 9, 2023 - 15:12 Updated : Mar. 9, 2023 - 18:04", 65 chars).
MAX_TIMESTAMP_LINE_CHARS = 120


def _zone(token: str) -> tzinfo | None:
    """A tzinfo for ``token`` ("GMT", "KST", "+01:00", "GMT+9", "ET"); ``None`` when it is not a known zone."""
    m = _ZONE.fullmatch(token.strip())
    if not m:
        return None
    if m.group("gmt"):
        sign = -1 if m.group("gsign") in "-−" else 1
        minutes = int(m.group("gh")) * 60 + int(m.group("gm") or 0)
        return timezone(timedelta(minutes=sign * minutes))
    if m.group("num"):
        raw = m.group("num").replace("−", "-").replace(":", "")
        sign = -1 if raw[0] == "-" else 1
        return timezone(timedelta(minutes=sign * (int(raw[1:3]) * 60 + int(raw[3:5]))))
    abbr = m.group("abbr").upper()
    if abbr in TZ_OFFSETS:
        return timezone(timedelta(minutes=TZ_OFFSETS[abbr]), abbr if abbr not in ("Z",) else "UTC")
    if abbr in TZ_REGIONS:
        return ZoneInfo(TZ_REGIONS[abbr])
    return None


def _valid_date(y: int, m: int, d: int) -> date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _match_date(s: str) -> tuple[date, tuple[int, int, int, int] | None, tzinfo | None, int] | None:
    """A date at the start of ``s``: (date, iso time parts or None, iso offset, end index)."""
    m = _ISO.match(s)
    if m:
        d = _valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is None:
            return None
        hms = None
        off: tzinfo | None = None
        if m["H"] is not None:
            hms = (int(m["H"]), int(m["M"]), int(m["S"] or 0), 0)
            if m["off"]:
                off = _zone(m["off"])
        return d, hms, off, m.end()
    m = _YMD_DOTS.match(s)
    if m:
        d = _valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return (d, None, None, m.end()) if d else None
    for rx in (_DMY, _MDY):
        m = rx.match(s)
        if m:
            month = _MONTHS[m["mon"].lower()[:3]]
            d = _valid_date(int(m["y"]), month, int(m["d"]))
            return (d, None, None, m.end()) if d else None
    m = _NUMERIC.match(s)
    if m:
        a, b = int(m["a"]), int(m["b"])
        day, month = (a, b) if NUMERIC_DAY_FIRST else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day
        d = _valid_date(int(m["y"]), month, day)
        return (d, None, None, m.end()) if d else None
    return None


def _match_time(s: str) -> tuple[tuple[int, int, int], int] | None:
    """A clock time at the start of ``s`` (needs minutes or am/pm): ((h, m, s), end)."""
    m = _TIME.match(s)
    if not m or (m["M"] is None and m["ampm"] is None):
        return None
    h, mi, se = int(m["H"]), int(m["M"] or 0), int(m["S"] or 0)
    if m["ampm"]:
        if not 1 <= h <= 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    if h > 23 or mi > 59 or se > 59:
        return None
    return (h, mi, se), m.end()


_SKIP = re.compile(_SEP + r"(?:at\s+|on\s+)?" + _SEP)
_LEAD_ZONE = re.compile(r"\(?[A-Za-z+\-−0-9:]{1,9}\)?")
_WEEKDAY_RE = re.compile(_WEEKDAY + r"\s*", re.IGNORECASE)
_ABBR_ZONE = re.compile(r"\(?[A-Za-z]{1,5}\)?(?![\w])")
_ANY_ZONE = re.compile(r"\(?(?:(?:GMT|UTC)\s*[+-−]\s*\d{1,2}(?::?\d{2})?|[+-−]\d{2}:?\d{2}|[A-Za-z]{1,5})\)?(?![\w])")


def _skip(s: str, i: int) -> int:
    m = _SKIP.match(s, i)
    return m.end() if m else i


def _parse_one(s: str) -> tuple[datetime, int] | None:
    """One timestamp at the start of ``s`` (no label): (datetime, end index)."""
    i = 0
    lead_time = None
    t = _match_time(s)
    # Time-first ("8:30 AM EST, March 9, 2023"): only if a date follows.
    if t is not None and not _ISO.match(s) and not _NUMERIC.match(s) and not _YMD_DOTS.match(s):
        lead_time = t[0]
        i = t[1]
        lead_zone = None
        j = _skip(s, i)
        zm = _LEAD_ZONE.match(s, j)
        if zm:
            z = _zone(zm.group(0))
            if z is not None:
                lead_zone = zm.group(0)
                i = zm.end()
        i = _skip(s, i)
    wd = _WEEKDAY_RE.match(s, i)
    if wd and wd.end() > i and not s[i].isdigit():
        i = wd.end()
    dm = _match_date(s[i:])
    if dm is None:
        return None
    day, hms, off, end = dm
    i += end
    if lead_time is not None:
        return _build(day, lead_time, _zone(lead_zone) if lead_zone else None), i
    if hms is not None:
        # ISO with a time: an offset may be inline or a zone abbreviation may follow.
        iso_tz: tzinfo | None = off
        if off is None:
            j = _skip(s, i)
            zm = _ABBR_ZONE.match(s, j)
            z = _zone(zm.group(0)) if zm else None
            if zm and z is not None:
                iso_tz = z
                i = zm.end()
        return _build(day, hms[:3], iso_tz), i
    j = _skip(s, i)
    t = _match_time(s[j:])
    if t is None:
        return _build(day, None, None), i
    i = j + t[1]
    k = _skip(s, i)
    zm = _ANY_ZONE.match(s, k)
    tz = _zone(zm.group(0)) if zm else None
    if zm and tz is not None:
        i = zm.end()
    return _build(day, t[0], tz), i


def _build(day: date, hms: tuple[int, ...] | None, tz: tzinfo | None) -> datetime:
    h, m, s = (hms[0], hms[1], hms[2]) if hms else (0, 0, 0)
    return datetime(day.year, day.month, day.day, h, m, s, tzinfo=tz)


def parse_timestamp_labelled(line: str) -> tuple[datetime, str | None] | None:
    """Like ``parse_timestamp``, also returning the label ("published", "updated", ...) if any.

    The first timestamp on the line wins; the line may carry several
    ("Published : ... Updated : ...") and a reading time, nothing else.
    """
    s = " ".join(line.replace("\u00a0", " ").split()).strip(" []")
    if not s or len(s) > MAX_TIMESTAMP_LINE_CHARS or not re.search(r"\d", s):
        return None
    first: tuple[datetime, str | None] | None = None
    while s:
        label = None
        lm = _LABEL.match(s)
        if lm:
            label = lm.group("label").lower()
            s = s[lm.end() :]
        parsed = _parse_one(s)
        if parsed is None:
            if first is not None and _TRAILER.match(s.strip(" ()|·•,")):
                return first
            return None
        if first is None:
            first = (parsed[0], label)
        s = s[parsed[1] :].strip()
        tag = re.match(r"^[|·•]\s*(?P<rest>[^\d|·•]*)$", s)
        if tag and len(tag.group("rest").split()) <= MAX_TIMESTAMP_TAG_WORDS:
            break  # "2023-03-09 10:12 | Korea": a section tag after the time
        s = re.sub(r"^[\s,|·•\-–—;)(]+", "", s)
        if s and _TRAILER.match(s.strip(" ()|·•,")):
            break
    return first


# Where a date may start inside a line: a digit after a non-digit, a month or weekday name.
_DATE_START = re.compile(rf"(?<![\d:])\d|\b{_MONTH}(?=\s*\d)|\b{_WEEKDAY}(?=\s)", re.IGNORECASE)
_LABEL_BEFORE = re.compile(r"\b(?P<label>published|updated|modified|posted|edited)\b\W*(?:on|at)?\W*$", re.IGNORECASE)


def find_timestamp(line: str) -> tuple[datetime, str | None] | None:
    """The first date (with its time and zone, if given) anywhere in a short line.

    For header lines that mix a date with other things ("By Jo Lee | November
    18, 2019 -- 19:14 GMT", "Reuters November 18, 2019 11:03 PM"); the
    label before it ("Updated …") is returned with it.
    """
    s = " ".join(line.replace("\u00a0", " ").split())
    if not s or len(s) > MAX_TIMESTAMP_LINE_CHARS or not re.search(r"\d", s):
        return None
    for m in _DATE_START.finditer(s):
        parsed = _parse_one(s[m.start() :])
        if parsed is None:
            continue
        lm = _LABEL_BEFORE.search(s[: m.start()])
        return parsed[0], (lm.group("label").lower() if lm else None)
    return None


def parse_timestamp(line: str) -> datetime | None:
    """The publication timestamp a whole line states, or ``None`` if the line is anything else.

    Aware when the line gives a zone ("GMT", "KST", "+01:00", "ET"), naive
    otherwise; a date alone gives midnight.
    """
    got = parse_timestamp_labelled(line)
    return got[0] if got else None


def is_modified_label(label: str | None) -> bool:
    """True for "updated"/"last modified" labels: a later time than publication."""
    return bool(label and _MODIFIED_LABEL.search(label))


# ---------------------------------------------------------------------------
# Place datelines

_DASH = r"(?:-{1,2}|–|—|:)"
_AGENCY = r"\((?P<agency>[A-Z][\w.&' -]{0,40}?)\)"
_DATE_PART = rf"(?i:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_CAPS_PLACE = r"(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]*){0,3})"
_TITLE_PLACE = r"(?P<place>[A-ZÀ-ÖØ-Þ][\w.'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w.'’-]+){0,2})"
# Optional region after the place: "TBILISI, Georgia", "SPRINGFIELD, Ill.", "KYIV, UKRAINE".
_REGION = r"(?:,\s*(?P<region>[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,2}))?"
_DL_CAPS = re.compile(
    rf"^\s*{_CAPS_PLACE}{_REGION}(?:,?\s+(?P<date>{_DATE_PART}))?\s*(?:{_AGENCY})?\s*{_DASH}\s*",
)
_DL_TITLE = re.compile(
    rf"^\s*{_TITLE_PLACE}{_REGION}(?:,\s*(?P<date>{_DATE_PART}))?\s*(?:{_AGENCY})?\s*{_DASH}\s*",
)
# Words that look like an all-caps dateline place but open a sentence instead
# ("UPDATE -", "BREAKING:", "EXCLUSIVE -").
_NOT_PLACES = wordset("UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS OPINION WATCH LIVE CORRECTED CORRECTION "
    "REFILE FACTBOX EXPLAINER INSIGHT COLUMN EDITORIAL PHOTOS VIDEO NOTE")
# A dateline place is a few words; longer all-caps openings are shouted headlines.
MAX_DATELINE_PLACE_WORDS = 4


def _title_place(raw: str) -> str:
    words = []
    for w in raw.split():
        if w.isupper() and len(w) > 1:
            w = "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
            w = "'".join(p[:1].upper() + p[1:] for p in w.split("'")) if "'" in w else w
        words.append(w)
    return " ".join(words).rstrip(",")


def parse_place_dateline(paragraph: str) -> tuple[str | None, int]:
    """The dateline place opening ``paragraph`` and the offset where its sentence starts.

    "ANKARA, March 14 (Global Wire) - German ..." → ("Ankara", 36);
    "SEOUL — South Korea's ..." → ("Seoul", 8); no dateline → (None, 0).
    An all-caps place needs only a dash after it; a mixed-case place needs a
    date or an agency in parentheses as well, since "Kim — who ..." is prose.
    """
    m = _DL_CAPS.match(paragraph)
    if m and m.group("place").split()[0].rstrip(",.") not in _NOT_PLACES:
        place = m.group("place")
        words = place.split()
        # An all-caps match must be a real word run (≥2 letters) and short.
        if len(words) <= MAX_DATELINE_PLACE_WORDS and sum(c.isalpha() for c in place) >= 2:
            return _title_place(place), m.end()
    m = _DL_TITLE.match(paragraph)
    if m and (m.group("date") or m.group("agency")):
        return _title_place(m.group("place").strip()), m.end()
    return None, 0
