"""``CleanedDoc``: what the clean stage hands to the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class CleanedDoc:
    """Body text plus the metadata found around it.

    ``text`` is the body paragraphs joined by ``"\\n\\n"``: every later offset
    indexes it. ``removed`` lists the plain-text lines that were dropped, with
    the reason, for debugging and tests.
    """

    text: str
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    section: str | None = None
    published: datetime | None = None  # timezone-aware when an offset/abbreviation is known
    published_source: str | None = None  # "text" (a timestamp line) or "metadata" (HTML meta / feed field)
    dateline: str | None = None  # dateline place of the body: "Ankara" from "ANKARA, March 14 (Global Wire) -"
    language: str | None = None  # what the page declares (HTML lang, metadata), unchecked; see clean.language
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    outlet: str | None = None  # the site's own name when the page states it (HTML og:site_name)
