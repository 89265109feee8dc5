"""What the store indexes for search, and how user input becomes a safe search term.

The text indexed for an event, story or entity is computed here from its
exported record, once, by both ``Store.replace_corpus`` and the migration that
back-fills rows stored before search existed, so the two can never disagree.
User input is only ever a bound parameter; for SQLite's FTS5 every term is
quoted, so no input is read as query syntax.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

# Separates the indexed parts (names, sentences, aliases): no name or sentence
# holds it, so a substring search cannot match across two of them.
PART_SEPARATOR = "\n"


def event_search_text(rec: dict[str, Any]) -> str:
    """An event's actor and recipient names and its evidence sentences."""
    names = [a.get("name") or "" for role in ("actor", "recipient") for a in rec.get(role) or []]
    sentences = [x.get("sentence") or "" for x in rec.get("evidence") or []]
    return _join(names + sentences)


def story_search_text(rec: dict[str, Any]) -> str:
    """A story's own title and summary (its articles are searched through theirs)."""
    return _join([rec.get("title") or "", rec.get("summary") or ""])


def entity_search_text(rec: dict[str, Any]) -> str:
    """An entity's name and aliases, case-folded for case-insensitive substring search."""
    return _join([rec.get("name") or "", *(rec.get("aliases") or [])]).casefold()


def fts5_query(query: str) -> str | None:
    """``query`` as an FTS5 expression of quoted terms (all must occur); None when it has no terms."""
    terms = " ".join('"' + t.replace('"', '""') + '"' for t in query.split())
    return terms or None


def contains_pattern(query: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching ``query`` case-folded anywhere in a case-folded text."""
    return "%" + like_escape(query.strip().casefold()) + "%"


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards escaped, so it only ever matches itself."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _join(parts: Iterable[str]) -> str:
    return PART_SEPARATOR.join(p.replace(PART_SEPARATOR, " ") for p in parts if p)


# Event date forms (nlp.timex values at their precision). ASCII digits only: a year written
# in other digits would compare after every ASCII date.
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_WEEKEND = re.compile(r"^(\d{4})-W(\d{2})-WE", re.ASCII)  # "this weekend": 2023-W10-WE
_WEEK = re.compile(r"^(\d{4})-W(\d{2})", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{2})", re.ASCII)
_YEAR = re.compile(r"^(\d{4})", re.ASCII)


def period_bounds(value: str | None) -> tuple[str | None, str | None]:
    """First and last day (YYYY-MM-DD) of an event date at any precision: "2023-03-14",
    "2023-03", "2023-W11" (ISO week), "2023-W10-WE" (its weekend), "2023". Date filters
    compare these, so an event dated only to a week or a month is found by any since/until
    range it overlaps. A longer value is read by its longest known opening (a time after a
    day, a part of a week), so no date form is dropped by the filters; (None, None) for no
    date or one that opens with none of these."""
    if not value:
        return None, None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat(), d.isoformat()
        if m := _WEEKEND.match(value):
            saturday = date.fromisocalendar(int(m[1]), int(m[2]), 6)
            return saturday.isoformat(), (saturday + timedelta(days=1)).isoformat()
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1).isoformat(), date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat()
    except ValueError:
        return None, None
    return None, None
