"""Name normalisation shared by in-document and cross-document entity resolution.

Keys fold case, diacritics, hyphens and spacing so that "Erdoğan"/"Erdogan",
"Yoon Suk-yeol"/"Yoon Suk Yeol" and "Çavuşoğlu"/"Cavusoglu" compare equal,
while the surface forms are kept as aliases.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Words that precede a name but are not part of it. Titles proper
# ("Foreign Minister") are parsed by nlp.actors.parse_title; these are the
# honorifics that only mark a person.
HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "mx", "madam", "monsieur", "herr", "frau"]
)
# Role words that can stand directly before a surname ("President Yoon").
ROLE_PREFIXES = frozenset(
    ["president", "prime", "premier", "minister", "chancellor", "king", "queen", "prince", "princess", "general", "gen", "col", "colonel", "secretary", "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "ambassador", "spokesman", "spokeswoman", "chairman", "chairwoman", "chief", "commander", "pope", "sheikh", "emir", "crown", "foreign", "defence", "defense", "interior", "deputy", "vice"]
)
_PUNCT = re.compile(r"[^\w\s-]")
_SPACE = re.compile(r"\s+")
# Turkish dotless i and similar letters that NFKD does not decompose.
_EXTRA_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Çavuşoğlu" → "cavusoglu"."""
    text = text.lower().translate(_EXTRA_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_phrase(text: str) -> str:
    """``fold`` for lookup keys of place and actor names: also drops dots and repeated spaces.

    "U.S." → "us", "Türkiye" → "turkiye", "Kyiv’s" → "kyiv's". ASCII input (most of the
    gazetteer's 400 000 names) skips the Unicode decomposition.
    """
    if text.isascii():
        return " ".join(text.lower().replace(".", "").split())
    return " ".join(fold(text.replace("’", "'")).replace(".", "").split())


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's or organisation's name, without honorifics or possessive."""
    s = fold(name).replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = _PUNCT.sub(" ", s)
    toks = [t for t in _SPACE.split(s.replace("-", " ")) if t]
    while toks and (toks[0] in HONORIFICS or toks[0] == "the"):
        toks = toks[1:]
    return toks


def strip_honorific(surface: str) -> str:
    """Drop a leading honorific from a surface form ("Ms Baerbock" → "Baerbock")."""
    parts = surface.split()
    while parts and fold(parts[0]).rstrip(".") in HONORIFICS:
        parts = parts[1:]
    return " ".join(parts)


def name_key(name: str) -> str:
    """Identity key: folded tokens joined without separators ("Yoon Suk-yeol" → "yoonsukyeol")."""
    return "".join(name_tokens(name))


def stable_id(prefix: str, key: str) -> str:
    """A short id that stays the same across runs for the same key."""
    return f"{prefix}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
