"""Text normalisation shared by the plain-text and HTML paths."""

from __future__ import annotations

import html
import re
import unicodedata


def wordset(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words (keeps long word lists readable)."""
    return frozenset(text.split())


_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
# Spaces that browsers copy from &nbsp; and typographic spacing.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# Invisible characters (zero-width space, word joiner, BOM, soft hyphen).
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_MULTISPACE = re.compile(r" {2,}")
# Control characters no text means to show (C0 but tab, line ends, vertical tab and form
# feed, which become spaces or breaks; and DEL). NUL in particular: PostgreSQL text columns
# cannot hold it, so one stray byte would fail a whole batch there.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# Hard-wrapped text (e-mail, lynx dumps) has every line within a fixed width
# (72–100 columns); browser copies put each paragraph on one line, and news
# paragraphs run 150–400 characters. A text is unwrapped when no line is
# longer than WRAP_MAX_WIDTH and it has at least WRAP_MIN_LINES lines over
# 40 characters.
WRAP_MAX_WIDTH = 100
WRAP_MIN_LINES = 8
# A line continues onto the next when it fills at least this share of the
# text's width (a headline or a paragraph's last line is shorter).
WRAP_JOIN_RATIO = 0.75


def strip_controls(value: str) -> str:
    """``value`` without control characters (see ``_CONTROL``)."""
    return _CONTROL.sub("", value)


def normalise_line(line: str) -> str:
    line = _SPACES.sub(" ", line)
    line = _INVISIBLE.sub("", line)
    return _MULTISPACE.sub(" ", line).strip()


def normalise_text(raw: str) -> str:
    """NFC, "\\n" line ends, entities decoded, odd spaces made plain, lines stripped."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(normalise_line(line) for line in text.split("\n"))


def looks_hard_wrapped(lines: list[str]) -> bool:
    long = [ln for ln in lines if len(ln) > 40]
    return len(long) >= WRAP_MIN_LINES and max(len(ln) for ln in long) <= WRAP_MAX_WIDTH


# A physical line broken inside a sentence: it ends in a word or a comma and the next line
# of its paragraph goes on in lower case ("... talks with Turkish foreign" / "minister ...").
_BROKEN = re.compile(r"(?<=[A-Za-z0-9,])\n(?=[a-z])")


def join_broken_lines(text: str) -> str:
    """Join lines a short hard-wrapped paragraph broke mid-sentence (too few lines for
    ``looks_hard_wrapped``); a line that goes on in lower case cannot start a paragraph."""
    return _BROKEN.sub(" ", text)


def unwrap(text: str) -> str:
    """Join hard-wrapped lines inside blank-line-separated paragraphs."""
    width = max((len(ln) for ln in text.split("\n")), default=0)
    out = []
    for block in re.split(r"\n\s*\n", text):
        joined: list[str] = []
        previous = 0  # length of the previous physical line
        for ln in (ln for ln in block.split("\n") if ln.strip()):
            # A line that fills the width continues onto this one; a bullet starts anew.
            if joined and previous >= WRAP_JOIN_RATIO * width and not re.match(r"^[•*·–—-]\s", ln):
                joined[-1] = joined[-1] + " " + ln
            else:
                joined.append(ln)
            previous = len(ln)
        out.append("\n".join(joined))
    return "\n\n".join(out)
