"""What the store indexes for search, and how user input becomes a safe search term.

The text indexed for an event, story or entity is computed here from its
exported record, once, by both ``Store.replace_corpus`` and the migration that
back-fills rows stored before search existed, so the two can never disagree.
User input is only ever a bound parameter; for SQLite's FTS5 every term is
quoted, so no input is read as query syntax.
"""

from __future__ import annotations

from collections.abc import Iterable
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
