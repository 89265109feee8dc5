"""Name normalisation shared by in-document and cross-document entity resolution.

Keys fold case, diacritics, hyphens and spacing so that "Erdoğan"/"Erdogan",
"Yoon Suk-yeol"/"Yoon Suk Yeol" and "Çavuşoğlu"/"Cavusoglu" compare equal,
while the surface forms are kept as aliases.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

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
# Generational suffixes: part of the name ("Jr" and "Sr" are different people) but not the surname.
GENERATIONAL = frozenset(["jr", "sr", "ii", "iii", "iv"])
# Legal-form words that do not tell two organisations apart ("Intel Corp." is "Intel",
# "Aer Lingus Group PLC" is "Aer Lingus"): dropped from the end of an organisation's key.
CORPORATE_SUFFIXES = frozenset(
    ["inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc",
     "sa", "ag", "nv", "gmbh", "group", "holdings"]
)
# Words an acronym skips: "Bank of America" → BoA, "European Aeronautic Defence & Space" → EADS.
ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "de", "du", "des", "la", "le", "&"])
_PUNCT = re.compile(r"[^\w\s-]")
# A nickname in quotes inside a name ("Vincent \"The Chin\" Gigante", ECB+ "`` The Chin ''"):
# an alias, not part of the identity. The opening mark must follow a space so that
# apostrophes inside names ("O'Brien") are left alone.
_NICKNAME = re.compile(r"(?:(?<=\s)|^)(?:``|[\"“‘'])[^\"“”‘’'`]+(?:''|[\"”’'])(?=\s|$)")
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
    return list(_name_tokens(name))


# Entity resolution asks for the tokens of the same few names over and over.
NAME_CACHE_SIZE = 65_536


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _name_tokens(name: str) -> tuple[str, ...]:
    s = _NICKNAME.sub(" ", fold(name).replace("’", "'"))
    s = re.sub(r"\s*'s\b", "", s)
    s = _PUNCT.sub(" ", s)
    toks = [t for t in _SPACE.split(s.replace("-", " ")) if t]
    while toks and (toks[0] in HONORIFICS or toks[0] == "the"):
        toks = toks[1:]
    return tuple(toks)


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


def surname(tokens: list[str]) -> str:
    """The family-name token: the last one that is not a generational suffix ("Comeaux Jr" → comeaux)."""
    for t in reversed(tokens):
        if t not in GENERATIONAL:
            return t
    return tokens[-1] if tokens else ""


def given_compatible(a: str, b: str) -> bool:
    """Two given names that can be the same person's: equal, an initial ("W" / "William"),
    or a short form that begins the long one ("Fred" / "Frederick", "Chris" / "Christopher")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) == 1:
        return long_.startswith(short)
    return len(short) >= MIN_SHORT_GIVEN and long_.startswith(short)


# Short forms of given names shorter than this are not trusted ("Al" / "Alexander" / "Alan").
MIN_SHORT_GIVEN = 3


def person_variant(short: list[str], long_: list[str]) -> bool:
    """Whether the name ``short`` can be a shorter form of ``long_`` ("Mark Felt" of "W. Mark Felt",
    "Fred LaRue" of "Frederick Cheney LaRue", "Lo Presti" of "Gaetano Lo Presti").

    The surnames must be equal; every other token of ``short`` must appear in ``long_``, except
    its first, which may instead be compatible with ``long_``'s first (initial or short form).
    A generational suffix on both sides must agree.
    """
    if not short or not long_ or surname(short) != surname(long_):
        return False
    gs, gl = set(short) & GENERATIONAL, set(long_) & GENERATIONAL
    if gs and gs != gl:
        return False  # "Mark Felt Jr." is not a form of "W. Mark Felt" (the son, not the father)
    rest = [t for t in short if t not in GENERATIONAL][:-1]
    pool = [t for t in long_ if t not in GENERATIONAL][:-1]
    # The given names and middle names of ``short``, in order, among those of ``long_``:
    # equal, or an initial ("Warren S. Jeffs" / "Warren Steed Jeffs"); the first may also be
    # a short form ("Fred" / "Frederick").
    j = 0
    for n, t in enumerate(rest):
        while j < len(pool) and not (
            t == pool[j] or (len(t) == 1 and pool[j].startswith(t)) or (n == 0 and j == 0 and given_compatible(t, pool[j]))
        ):
            j += 1
        if j == len(pool):
            return False
        j += 1
    return True


def org_tokens(name: str) -> list[str]:
    """``name_tokens`` of an organisation without its article and legal form ("Ford Motor Co." →
    ford motor), a leading country name written as its code ("U.S. Air Force", "US Air Force"
    and "United States Air Force" → usa air force)."""
    toks = name_tokens(name)
    while len(toks) > 1 and toks[0] in ("a", "an"):
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in CORPORATE_SUFFIXES:
        toks = toks[:-1]
    return _country_code_first(toks)


# Longest country name looked for at the start of an organisation's name ("United Arab Emirates").
MAX_COUNTRY_TOKENS = 3


def _country_code_first(toks: list[str]) -> list[str]:
    from newsgraph.nlp import actors  # actors imports this module: import when first needed

    for n in range(min(MAX_COUNTRY_TOKENS, len(toks) - 1), 0, -1):
        head = toks[:n]
        iso = actors.country_by_name(" ".join(head)) or (actors.country_by_name("".join(head)) if n > 1 else None)
        if iso:
            return [iso.lower(), *toks[n:]]
    return toks


def org_key(name: str) -> str:
    return "".join(org_tokens(name))


_ACRO_WORD = re.compile(r"[\w.&]+")
# An all-capitals word this short is itself an abbreviation whose letters all count ("US Air Force").
MAX_ABBREVIATION_LEN = 3


def acronyms(name: str) -> set[str]:
    """Folded initials a multi-word name can be abbreviated to: "General Motors" → {gm},
    "Hewlett-Packard" → {hp}, "U.S. Geological Survey" → {usgs}, "Bank of America" → {ba, boa}
    (with and without the small words); empty for a one-word name."""
    words = _ACRO_WORD.findall(name.replace("-", " "))
    while len(words) > 1 and fold(words[-1]).rstrip(".") in CORPORATE_SUFFIXES:
        words = words[:-1]
    words = [w for w in words if w.lower() != "the"]
    if len(words) < 2:
        return set()
    out: set[str] = set()
    for keep_small in (False, True):
        letters = []
        for w in words:
            if fold(w) in ACRONYM_SKIP and not keep_small:
                continue
            if "." in w.strip(".") or (w.isupper() and w.isalpha() and len(w) <= MAX_ABBREVIATION_LEN):
                letters += [c for c in w if c.isalnum()]
            elif w[0].isalnum():
                letters.append(w[0])
        if len(letters) >= 2:
            out.add(fold("".join(letters)))
    return out


def looks_like_acronym(surface: str) -> bool:
    """"GM", "EADS", "BoA", "U.S.": two capitals or more and no lower-case run of three."""
    letters = [c for c in surface if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 and not re.search(r"[a-z]{3}", surface)
