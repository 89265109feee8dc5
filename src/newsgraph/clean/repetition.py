"""Lines an outlet prints around every article: found by repetition across its articles.

A site's menus, newsletter boxes, "About us" blurbs and author boilerplate
recur in every page of that site; body paragraphs do not. ``OutletLines``
counts, per outlet, in how many articles each line occurs, and gives the
plain-text cleaner the lines that it has seen in other articles of the same
outlet (``clean_plain_text(outlet_lines=...)``).

Counting is per article (a line printed twice on one page counts once), and
a page that shares most of its lines with another page of the outlet is a
copy of it (an updated version, a re-save): repetition says nothing then.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from newsgraph.clean.normalise import normalise_line, normalise_text
from newsgraph.outlet_memory import OutletCounts

# A line is outlet furniture once it has been seen in this many *other*
# articles of the outlet (one other article is enough: body paragraphs of two
# different reports do not repeat verbatim, and copies are excluded below).
MIN_OTHER_ARTICLES = 1
# Furniture recurs in every page, so the outlet's first articles show it all;
# counting stops after this many articles per outlet to bound memory.
MAX_ARTICLES_PER_OUTLET = 500
# When more than this share of a page's long lines (paragraphs, not menu
# items) were seen elsewhere, the other page is a copy of this one, not a
# different article: repetition is ignored.
MAX_REPEATED_SHARE = 0.5
# A line of this many words is a paragraph for the copy test.
PARAGRAPH_WORDS = 10
# Lines shorter than this many characters carry no evidence ("Share", "1").
MIN_LINE_CHARS = 2


def line_keys(text: str) -> set[str]:
    """Normalised, case-folded distinct lines of a page."""
    keys = set()
    for raw in normalise_text(text).split("\n"):
        key = " ".join(normalise_line(raw).casefold().split())
        if len(key) >= MIN_LINE_CHARS:
            keys.add(key)
    return keys


def outlet_key(url: str | None, outlet: str | None = None) -> str | None:
    """The outlet a page belongs to: the given name, else the URL's host without "www."."""
    if outlet:
        return outlet.casefold().strip()
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


LineCounts = tuple[int, dict[int, int]]  # (articles counted, {line hash: articles it occurs in})


def line_hash(key: str) -> int:
    """A 64-bit signed hash of a line key (what is stored; SQLite integers are signed 64-bit)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


class OutletLines(OutletCounts[int]):
    """Per-outlet counts of the articles each line occurs in (hashed lines; see
    ``outlet_memory.OutletCounts`` for loading from and keeping in a store)."""

    def add(self, outlet: str | None, text: str) -> bool:
        """Count one article's lines; False when it was not counted (no outlet, or enough seen)."""
        if outlet is None or self.articles(outlet) >= MAX_ARTICLES_PER_OUTLET:
            return False
        self._count(outlet, {line_hash(k) for k in line_keys(text)})
        return True

    def repeated(self, outlet: str | None, text: str, *, counted: bool = True) -> set[str]:
        """Lines of ``text`` seen in other articles of ``outlet``.

        ``counted`` says whether ``text`` itself was passed to ``add`` (its own
        occurrence is then not evidence).
        """
        if outlet is None:
            return set()
        counts = self.counts(outlet)
        if not counts:
            return set()
        own = 1 if counted else 0
        keys = line_keys(text)
        found = {k for k in keys if counts[line_hash(k)] - own >= MIN_OTHER_ARTICLES}
        paragraphs = [k for k in keys if len(k.split()) >= PARAGRAPH_WORDS]
        if paragraphs and sum(1 for k in paragraphs if k in found) > MAX_REPEATED_SHARE * len(paragraphs):
            return set()
        return found
