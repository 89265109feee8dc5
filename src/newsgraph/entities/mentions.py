"""Entity mentions inside one article, with titles and in-document name coreference.

Reads the shared spaCy Doc. Produces ``MentionRecord``s grouped into local
clusters (``key``): "German Foreign Minister Annalena Baerbock", "Ms Baerbock"
and "Baerbock" share one key; the title gives country and sector.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.entities.names import (
    HONORIFICS,
    ROLE_PREFIXES,
    acronyms,
    fold,
    looks_like_acronym,
    name_key,
    name_tokens,
    org_key,
    org_tokens,
    person_variant,
    strip_honorific,
    surname,
)
from newsgraph.nlp import actors
from newsgraph.nlp.places import PLACE_NOUNS

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
# Tokens that can belong to a title before a name ("German Foreign Minister").
TITLE_TAGS = ("NNP", "NNPS", "NN", "JJ", "NNS")
# Participles that stand in a title before a name ("the visiting King", "ousted President").
TITLE_PARTICIPLES = frozenset({"visiting", "outgoing", "incoming", "ousted", "exiled", "deposed", "acting", "interim",
                               "embattled", "jailed", "detained", "slain", "assassinated", "elected", "appointed",
                               "designate", "reigning", "ruling", "retiring", "retired", "newly-elected", "president-elect"})
# A title longer than this is a sentence fragment, not a title.
MAX_TITLE_TOKENS = 6
# A line is set in headline case when it has at least this many words of four letters or
# more and this share of them is capitalised ("Lindsay Lohan Checks Into Rehab"): there
# the small NER model runs names into the words after them (ECB+ headlines: "Lindsay Lohan
# Checks" tagged PERSON, "Colts Beat Chiefs" one PERSON). Set by reading the ECB+ headlines
# (sentence-case lines such as "Lindsay Lohan checks into Betty Ford Center" stay below it).
HEADLINE_MIN_WORDS = 3
HEADLINE_CAPS_SHARE = 0.8
# Prepositions after which a name the NER tagged as a place stays a place even when a
# person in the text shares it ("Fritz Henderson ... in Henderson").
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "into", "outside", "across", "around", "of"})
_HEAD_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


@dataclass
class MentionRecord:
    start: int
    end: int
    text: str
    label: str
    key: str
    title: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass
class Cluster:
    key: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    kind: str = "name"  # name | country | institution | igo | place
    # Countries named around a person whose title gives none: votes for cross-document inference.
    context_countries: dict[str, int] = field(default_factory=dict)


def repair_entities(doc: Doc) -> Doc:
    """Fix systematic NER errors before anything reads the entities.

    1. Hyphenated given names are split by the tokenizer and cut by NER
       ("Yoon Suk" + "-yeol"): extend a PERSON over ``-token`` with no spaces.
    2. Known countries, capitals and institutions tagged PERSON/ORG/NORP
       ("Yerevan" as PERSON) get the label that the actor list says.
    3. A name after "the town/city/village of" is a place ("town of Jermuk" tagged ORG).
    4. Context repairs (see ``_relabel_by_context``): title words tagged ORG, surnames
       tagged NORP, towns tagged PERSON.
    """
    new: list[Span] = []
    for ent in doc.ents:
        start, end, label = ent.start, ent.end, ent.label_
        if label == "PERSON":
            while (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].is_alpha
            ):
                end += 2
        info = actors.lookup_actor(doc[start:end].text)
        if (
            label in ("ORG", "PERSON") and info is None and start >= 2
            and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS
        ):
            label = "GPE"  # "the border town of Jermuk" tagged ORG by the small model
        if info is not None and label in ("PERSON", "ORG", "NORP", "FAC", "LOC", "GPE"):
            if info.kind in ("country", "capital") and label != "NORP":
                label = "GPE"
            elif info.kind == "demonym" and label in ("PERSON", "ORG", "GPE"):
                label = "NORP"  # "Azerbaijani President Ilham Aliyev": the demonym is a title word
            elif info.kind in ("institution", "igo", "group") and label in ("PERSON", "GPE", "FAC", "LOC"):
                label = "ORG"
        new.append(Span(doc, start, end, label=label))
    new = _relabel_by_context(doc, new)
    # Drop overlaps created by extension, keeping the earlier (longer) span.
    kept: list[Span] = []
    for sp in sorted(new, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and sp.start < kept[-1].end:
            continue
        kept.append(sp)
    doc.ents = kept
    return doc


# Sectors of the title words ("President", "General", "Judge") that stand before a person's name.
PERSON_TITLE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "REL"})


def _relabel_by_context(doc: Doc, ents: list[Span]) -> list[Span]:
    """Repairs that need the other entities of the document.

    - "Secretary of State Antony Blinken": "State" tagged ORG is part of the title; drop it.
    - "spoke with Pashinyan", "Baerbock’s visit": a one-word NORP/ORG that is no known actor but
      the surname of a PERSON in the text is that person.
    - "Vice-President Moody Awori": a two- or three-word name tagged ORG right after a person's
      title (capitalised, a GOV/MIL/JUD/LEG/REL role) is a person.
    - "hit Jermuk, Goris, Sotk": a lone PERSON token that no person in the text carries,
      known to the gazetteer in a country the article names, is a place.
    """
    from newsgraph.nlp.places import gazetteer

    person_tokens = {fold(t) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e.text.split()}
    countries = {iso for e in ents if (iso := actors.country_of_entity(e.text, e.label_))}
    out: list[Span] = []
    for i, e in enumerate(ents):
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            e.label_ == "ORG" and nxt is not None and nxt.label_ == "PERSON" and nxt.start == e.end
            and e.start >= 2 and doc[e.start - 1].lower_ == "of"
            and actors.lookup_actor(e.text) is None
            and actors.sector_of_role(doc[e.start - 2 : e.end].text) is not None
        ):
            continue  # title words ("Secretary of State"), read by _title_before
        label = e.label_
        if (
            label in ("NORP", "ORG") and len(e) == 1 and actors.lookup_actor(e.text) is None
            and fold(e.text) in person_tokens
        ):
            label = "PERSON"  # "Baerbock’s visit" tagged ORG, "with Pashinyan" tagged NORP
        elif (
            label in ("ORG", "GPE", "NORP") and 2 <= len(e) <= 3 and all(t.tag_ == "NNP" for t in e)
            and e.start > 0 and actors.lookup_actor(e.text) is None
            and actors.sector_of_role(doc[e.start - 1].text) in PERSON_TITLE_SECTORS
            and doc[e.start - 1].tag_ == "NNP" and not actors.country_of_entity(e.text, e.label_)
        ):
            label = "PERSON"  # "Vice-President Moody Awori" tagged ORG: a title makes a name a person's
        elif (
            label == "PERSON" and len(e) == 1 and fold(e.text) not in person_tokens
            and (e.start == 0 or fold(doc[e.start - 1].text).rstrip(".") not in HONORIFICS)
            and any(p.country in countries and p.population >= 1000 for p in gazetteer().candidates(e.text))
        ):
            label = "GPE"
        out.append(Span(doc, e.start, e.end, label=label) if label != e.label_ else e)
    return out


def entity_spans(doc: Doc, text: str | None = None) -> list[Span]:
    """The document's entities as the mention stage reads them (``doc.ents`` is left as it is).

    Repairs that only matter for telling who is who (the geocoder keeps reading ``doc.ents``):

    1. an entity never runs across a line break ("EYP Mission Critical Facilities\nHP" is two);
    2. in a headline-case line, a span is cut down to the names the body of the text uses
       ("Lindsay Lohan Checks Into Rehab" → "Lindsay Lohan", with the body's label);
    3. a coordination tagged as one name is its names ("GM and Chrysler"), see
       ``_split_coordinations``;
    4. one name, one type: a name tagged ORG in one place and PERSON in most others takes the
       majority label, and a place-tagged name that is a person's name in the text (and does
       not follow a locative preposition) is that person ("Lohan" tagged GPE, "Ryanair" PERSON).

    ``text`` is ``doc.text`` when the caller has it (the article text; ``Doc.text`` is rebuilt on
    every read).
    """
    ents = _split_at_line_breaks(doc, list(doc.ents))
    heads = _headline_lines(doc.text if text is None else text)
    if heads:
        ents = _cut_headline_spans(doc, ents, heads)
    ents = _split_coordinations(doc, ents)
    return _one_label_per_name(doc, ents)


_COORDINATORS = frozenset({"and", "&", ","})
_COORDINATION = re.compile(r",|&|\band\b", re.IGNORECASE)


def _split_coordinations(doc: Doc, ents: list[Span]) -> list[Span]:
    """"GM and Chrysler", "Apple and AT&T", "the Bank of Canada, the Bank of England, …" tagged as
    one organisation: when the parts between "and", "&" or commas are names the text also uses
    on their own, the span is those names (the parts that are not are dropped). A name whose
    parts do not stand alone ("Procter & Gamble") is left whole."""
    texts = [e.text for e in ents]
    if not any("," in t or "&" in t or " and " in t for t in texts):
        return ents
    alone = {name_key(t) for t in texts if not _COORDINATION.search(t)}
    alone.discard("")
    out: list[Span] = []
    for e, t in zip(ents, texts, strict=True):
        cuts = [tok.i for tok in e if tok.lower_ in _COORDINATORS] if _COORDINATION.search(t) else []
        if not cuts or e.label_ not in ("ORG", "PERSON", "GPE"):
            out.append(e)
            continue
        parts: list[tuple[int, int]] = []
        a = e.start
        for c in [*cuts, e.end]:
            if c > a:
                parts.append((a, c))
            a = c + 1
        known = [(a, b) for a, b in parts if name_key(doc[a:b].text) in alone]
        if not known:
            out.append(e)
            continue
        for a, b in known:
            while a < b and doc[a].lower_ in ("the", "a", "an"):
                a += 1
            out.append(Span(doc, a, b, label=e.label_))
    return out


def _split_at_line_breaks(doc: Doc, ents: list[Span]) -> list[Span]:
    out: list[Span] = []
    for e in ents:
        if "\n" not in e.text_with_ws:
            out.append(e)
            continue
        start = e.start
        pieces: list[tuple[int, int]] = []
        for t in e:
            if "\n" in t.text or "\n" in t.whitespace_:
                if "\n" in t.whitespace_ and t.i + 1 > start:
                    pieces.append((start, t.i + 1))
                elif t.i > start:
                    pieces.append((start, t.i))
                start = t.i + 1
        if start < e.end:
            pieces.append((start, e.end))
        if pieces == [(e.start, e.end)]:
            out.append(e)
            continue
        for a, b in pieces:
            if any(tok.is_alpha for tok in doc[a:b]):
                out.append(Span(doc, a, b, label=e.label_))
    return out


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines set in headline case."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = _HEAD_WORD.findall(line)
        if len(words) >= HEADLINE_MIN_WORDS and sum(w[0].isupper() for w in words) >= HEADLINE_CAPS_SHARE * len(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _cut_headline_spans(doc: Doc, ents: list[Span], heads: list[tuple[int, int]]) -> list[Span]:
    def in_head(e: Span) -> bool:
        return any(a <= e.start_char and e.end_char <= b for a, b in heads)

    known: dict[str, str] = {}
    for e in ents:
        if in_head(e) or e.label_ not in ENTITY_LABELS:
            continue
        known.setdefault(name_key(e.text), e.label_)
        if e.label_ == "PERSON" and len(name_tokens(e.text)) >= 2:
            known.setdefault(surname(name_tokens(e.text)), "PERSON")
    out: list[Span] = []
    for e in ents:
        if not in_head(e) or e.label_ not in ENTITY_LABELS:
            out.append(e)
            continue
        found: list[Span] = []
        i = e.start
        while i < e.end:
            for j in range(e.end, i, -1):
                label = known.get(name_key(doc[i:j].text))
                if label is not None and any(t.is_alpha for t in doc[i:j]):
                    found.append(Span(doc, i, j, label=label))
                    i = j
                    break
            else:
                i += 1
        out.extend(found or [e])
    return out


def _one_label_per_name(doc: Doc, ents: list[Span]) -> list[Span]:
    keys = [name_key(e.text) for e in ents]
    unknown = [
        e.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC") and actors.lookup_actor(e.text) is None for e in ents
    ]
    votes: dict[str, Counter[str]] = {}
    person_keys: set[str] = set()
    org_starts: set[str] = set()
    for e, key, unk in zip(ents, keys, unknown, strict=True):
        if e.label_ in ("PERSON", "ORG") and unk:
            votes.setdefault(key, Counter())[e.label_] += 1
        if e.label_ == "PERSON":
            person_keys.add(key)
            if len(toks := name_tokens(e.text)) >= 2:
                person_keys.add(surname(toks))
        elif e.label_ == "ORG" and len(otoks := org_tokens(e.text)) >= 2:
            org_starts.add(otoks[0])
    out: list[Span] = []
    for e, key, unk in zip(ents, keys, unknown, strict=True):
        label = e.label_
        if label in ("PERSON", "ORG") and key in votes:
            (top, n), *rest = votes[key].most_common()
            if rest and n > rest[0][1]:
                label = top
        elif (
            label in ("GPE", "LOC", "FAC") and unk
            and (e.start == 0 or doc[e.start - 1].lower_ not in LOCATIVE_PREPOSITIONS)
        ):
            if key in person_keys:
                label = "PERSON"
            elif len(e) == 1 and key in org_starts:
                label = "ORG"  # "AirTran" tagged GPE in a report about "AirTran Airways"
        out.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
    return out


def _title_before(ent: Span) -> tuple[str | None, int]:
    """Title words immediately before a PERSON ("German Foreign Minister"), and where they start."""
    doc = ent.doc
    i = ent.start
    while i > 0 and ent.start - i < MAX_TITLE_TOKENS:
        t = doc[i - 1]
        if t.lower_ in TITLE_PARTICIPLES:  # "Jordan's visiting King Abdullah", "ousted President Akayev"
            i -= 1
            continue
        if t.ent_type_ == "ORG" and _title_org(t):  # "British Defence Secretary Tom King": NER's "British Defence"
            i -= 1
            continue
        if t.tag_ in TITLE_TAGS + ("IN",) and t.ent_type_ in ("", "NORP", "GPE") and t.text not in (",", "and") and (
            t.tag_ != "IN" or (t.lower_ in ("of", "for") and i - 1 > 0 and doc[i - 2].tag_ in TITLE_TAGS)
        ):
            i -= 1
            continue
        if t.tag_ == "HYPH" and i >= 2 and doc[i - 2].tag_ in TITLE_TAGS:  # "Vice-President Moody Awori"
            i -= 1
            continue
        if t.tag_ == "POS" and i >= 2:  # "Turkey's foreign minister"
            i -= 1
            continue
        break
    if i == ent.start:
        return None, i
    words = doc[i : ent.start].text
    # Keep only from the first capitalised/title word: "her Turkish counterpart" → "Turkish counterpart".
    return words.strip(), i


def _title_org(tok: Token) -> bool:
    """An ORG entity that is title words ("British Defence", "Foreign Ministry") rather than an organisation."""
    span = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if span is None or actors.lookup_actor(span.text) is not None:
        return False
    first = span[0].text
    return actors.country_by_demonym(first) is not None and all(
        w.is_title or w.is_upper for w in span
    ) and len(span) <= 3


def _title_appos(ent: Span) -> str | None:
    """Appositive title after the name: "Mevlut Cavusoglu, Turkey's foreign minister,"."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            sub = list(child.subtree)
            if len(sub) <= MAX_TITLE_TOKENS + 2:
                return child.doc[sub[0].i : sub[-1].i + 1].text
    return None


# Entity spans that are no names: URL pieces, several lines run together.
JUNK_NAME = re.compile(r"\n|https?:|www\.|\.(com|org|net)\b| / .* / ")


# Title heads that lead whatever organisation precedes them: "Academy President", "Sixers
# President", "Microsoft chairman" do not govern a state.
ORGANISATION_HEADS = frozenset({"president", "vice president", "vice-president", "chairman", "chairwoman", "chair",
                                "chief", "director", "head", "leader", "spokesman", "spokeswoman", "spokesperson",
                                "secretary", "official", "executive", "governor"})


# Lower-case words before such a head that keep it a state's: "party leader", "supreme leader".
POLITICAL_QUALIFIERS = frozenset({"party", "state", "government", "national", "political", "supreme", "spiritual",
                                  "religious", "military", "world", "federal", "provincial", "regional", "local",
                                  "deputy", "acting", "interim", "former", "new", "top", "senior", "the", "a"})


def _actor_from_title(title: str | None) -> tuple[str | None, str | None, str | None]:
    if not title:
        return None, None, None
    country, sector, role = actors.parse_title(title)
    if sector == "GOV" and country is None and role and fold(role) in ORGANISATION_HEADS:
        before = title[: title.rfind(role)].split()
        qualifier = before[-1] if before else ""
        if qualifier[:1].isupper() and actors.sector_of_role(qualifier) is None and actors.lookup_actor(qualifier) is None:
            sector = None  # "Academy President Boone Isaacs": the Academy's, not a state's
        elif (qualifier[:1].islower() and qualifier not in POLITICAL_QUALIFIERS
              and actors.sector_of_role(qualifier) is None):
            sector = None  # "North Carolina's new career scoring leader": a record, not a state
    return country, sector, (role or None)


def extract_mentions(
    doc: Doc, ents: list[Span] | None = None, text: str | None = None
) -> tuple[list[MentionRecord], dict[str, Cluster]]:
    """Mentions of people, organisations and countries, clustered within the document.

    ``ents`` defaults to ``entity_spans(doc, text)``.
    """
    mentions: list[MentionRecord] = []
    clusters: dict[str, Cluster] = {}
    persons_full: list[tuple[int, list[str], str]] = []  # (position, tokens, key) of multi-token names

    spans = list(entity_spans(doc, text) if ents is None else ents)
    # Full names of the text by their first and last tokens: "Brown" in a report about Larry
    # Brown is not the listed Gordon Brown, so a bare surname is looked up as its full name.
    full_names: dict[str, set[str]] = {}
    for ent in spans:
        if ent.label_ == "PERSON" and len(ftoks := name_tokens(strip_honorific(ent.text.strip()))) >= 2:
            for t in (ftoks[0], surname(ftoks)):
                full_names.setdefault(t, set()).add(" ".join(ftoks))
    for ent in spans:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text.strip()
        if JUNK_NAME.search(text):
            continue  # "com / USA / Justice / 2011 / ... \nProphet": a URL or two lines, not a name
        info = actors.lookup_actor(text)
        if ent.label_ == "NORP":
            continue  # demonyms feed titles and actor codes, not entities of their own
        if info is not None and info.kind in ("country", "capital", "institution", "igo", "group"):
            if info.kind == "capital":
                key = f"place:{fold(text)}"
                cl = clusters.setdefault(key, Cluster(key, text, "GPE", info.country, None, kind="place"))
            elif info.kind == "country":
                key = f"country:{info.country}"
                cl = clusters.setdefault(
                    key, Cluster(key, actors.country_name(info.country or "") or info.name, "GPE", info.country, None, kind="country")
                )
            else:
                key = f"org:{fold(info.name)}"
                cl = clusters.setdefault(
                    key, Cluster(key, info.name, "ORG", info.country, info.sector, kind=info.kind)
                )
            _add_alias(cl, text)
            mentions.append(MentionRecord(ent.start_char, ent.end_char, text, cl.type, key, None, cl.country, cl.sector))
            continue
        if ent.label_ == "PERSON":
            surface = strip_honorific(text)
            toks = name_tokens(surface)
            # A role word swallowed into the name ("President Yoon").
            while len(toks) > 1 and toks[0] in ROLE_PREFIXES:
                toks = toks[1:]
            if not toks:
                continue
            title, tstart = _title_before(ent)
            if not title:
                title = _title_appos(ent)
            country, sector, role = _actor_from_title(title)
            if (
                sector == "GOV" and country is None and role and fold(role) in ORGANISATION_HEADS and tstart > 0
                and ent.doc[tstart - 1].ent_type_ == "ORG" and not _title_org(ent.doc[tstart - 1])
                and actors.lookup_actor(ent.doc[tstart - 1].text) is None
            ):
                sector = None  # "Academy President Boone Isaacs" with "Academy" tagged ORG: the Academy's head
            if country is None:
                query: str | None = " ".join(toks)  # "President Bush", "Putin"
                if len(toks) == 1 and toks[0] in full_names:
                    fulls = full_names[toks[0]]
                    query = next(iter(fulls)) if len(fulls) == 1 else None
                known = actors.lookup_person(query) if query else None
                if known is not None:
                    country, sector = known.country, sector or known.sector
            honor = ent.start > 0 and fold(ent.doc[ent.start - 1].text).rstrip(".") in HONORIFICS
            shown = (ent.doc[ent.start - 1].text + " " + text) if honor else text
            pkey = _resolve_person(toks, ent.start, persons_full)
            if pkey is not None:
                key = pkey
            elif len(toks) >= 2:
                key = f"person:{''.join(toks)}"
                persons_full.append((ent.start, toks, key))
            else:
                key = f"person:{toks[0]}"
            cl = clusters.setdefault(key, Cluster(key, surface, "PERSON"))
            if len(toks) >= 2 and len(name_tokens(cl.name)) < len(toks):
                cl.name = surface
            _add_alias(cl, shown if len(toks) == 1 else surface)
            if shown != surface:
                _add_alias(cl, surface)
            if role and role not in cl.titles:
                cl.titles.append(role)
            cl.country = cl.country or country
            cl.sector = cl.sector or sector
            mentions.append(MentionRecord(ent.start_char, ent.end_char, text, "PERSON", key, role, country, sector))
            continue
        if ent.label_ in ("ORG", "GPE", "FAC", "LOC"):
            if ent.label_ in ("FAC", "LOC"):
                continue  # places, handled by the geocoder
            key = ("org:" + org_key(text)) if ent.label_ == "ORG" else ("place:" + name_key(text))
            if key.endswith(":"):
                continue
            typ = "ORG" if ent.label_ == "ORG" else "GPE"
            country, sector, _ = _actor_from_title(text) if typ == "ORG" else (None, None, None)
            cl = clusters.setdefault(key, Cluster(key, text.removeprefix("the ").removeprefix("The "), typ, country, sector, kind="name" if typ == "ORG" else "place"))
            _add_alias(cl, text)
            mentions.append(MentionRecord(ent.start_char, ent.end_char, text, typ, key, None, cl.country, cl.sector))
    # Propagate a cluster's country/sector to mentions that lacked a title.
    for m in mentions:
        cl = clusters[m.key]
        m.country = m.country or cl.country
        m.sector = m.sector or cl.sector
    return mentions, clusters


def _resolve_person(toks: list[str], pos: int, full: list[tuple[int, list[str], str]]) -> str | None:
    """Link a name to an earlier (or later) full name in the same document.

    Multi-token names match when their joined key is equal (spacing/hyphen
    variants). A single token matches a full name's first or last token; with
    several candidates the nearest preceding one wins.
    """
    joined = "".join(toks)
    for _, ftoks, key in full:
        if "".join(ftoks) == joined:
            return key
    if len(toks) == 1:
        cands = [(p, key) for p, ftoks, key in full if toks[0] in (surname(ftoks), ftoks[0])]
        before = [c for c in cands if c[0] <= pos]
        if before:
            return max(before)[1]
        if cands:
            return min(cands)[1]
        return None
    # "Lo Presti" after "Gaetano Lo Presti", "Fred LaRue" after "Frederick Cheney LaRue"
    keys = {key for _, ftoks, key in full if len(ftoks) > len(toks) and person_variant(toks, ftoks)}
    return keys.pop() if len(keys) == 1 else None


def link_late_full_names(mentions: list[MentionRecord], clusters: dict[str, Cluster]) -> None:
    """A surname used before the full name ("Baerbock ... Annalena Baerbock") joins the full name;
    so does a shorter form of a longer name of the text ("Mark Felt" / "W. Mark Felt")."""
    fulls = {k: name_tokens(c.name) for k, c in clusters.items() if c.type == "PERSON" and len(name_tokens(c.name)) >= 2}
    for key, cl in sorted(clusters.items(), key=lambda kv: len(name_tokens(kv[1].name))):
        toks = name_tokens(cl.name)
        if cl.type != "PERSON" or not toks:
            continue
        if len(toks) == 1:
            cands = [k for k, t in fulls.items() if toks[0] in (t[0], surname(t))]
        else:
            cands = [k for k, t in fulls.items() if k != key and len(t) > len(toks) and person_variant(toks, t)]
        if len(cands) == 1:
            _merge_local(mentions, clusters, key, cands[0])
            fulls.pop(key, None)


def link_organisations(mentions: list[MentionRecord], clusters: dict[str, Cluster], text: str = "") -> None:
    """Short forms of an organisation's name in the same text join the full name:
    an acronym ("GM" / "General Motors", "HP" / "Hewlett-Packard"), the first words
    ("Northrop" / "Northrop Grumman") or the last ("Saints" / "New Orleans Saints",
    "Air Force" / "United States Air Force"). Only a single fitting full name decides, and
    a short form by words must come after the full name: "AMD ... AMD Opteron" is the
    company and then its product, not the product throughout. A longer name whose other
    words are another organisation of the text ("Boeing-Air Force", "AMD SeaMicro") is a
    combination, not a full name. An acronym in brackets after a name ("Singapore Airlines
    (SIA)") is that name's, whatever its letters (``text`` is the article text).
    """
    orgs = {k: org_tokens(c.name) for k, c in clusters.items() if c.type == "ORG" and c.kind == "name"}
    first: dict[str, int] = {}
    for m in mentions:
        first.setdefault(m.key, m.start)
    joined = {"".join(t) for t in orgs.values()}
    if text:
        for prev, m in zip(mentions, mentions[1:], strict=False):
            if (
                m.key != prev.key and m.key in orgs and prev.key in orgs and len(orgs[m.key]) == 1
                and looks_like_acronym(m.text) and text[prev.end : m.start].strip() == "("
                and m.key in clusters and prev.key in clusters
            ):
                _merge_local(mentions, clusters, m.key, prev.key)
    for key in sorted(orgs, key=lambda k: len(orgs[k])):
        toks = orgs[key]
        if key not in clusters or not toks:
            continue
        acro = len(toks) == 1 and looks_like_acronym(clusters[key].name)
        cands = []
        for k2, t2 in orgs.items():
            if k2 == key or k2 not in clusters or len(t2) <= len(toks):
                continue
            rest = t2[len(toks):] if t2[: len(toks)] == toks else t2[: -len(toks)] if t2[-len(toks):] == toks else None
            by_words = rest is not None and first.get(k2, 0) < first.get(key, 0) and "".join(rest) not in joined
            if by_words or (acro and toks[0] in acronyms(clusters[k2].name)):
                cands.append(k2)
        if len(cands) == 1:
            _merge_local(mentions, clusters, key, cands[0])


def _merge_local(mentions: list[MentionRecord], clusters: dict[str, Cluster], key: str, into: str) -> None:
    cl, target = clusters[key], clusters[into]
    for a in cl.aliases:
        _add_alias(target, a)
    target.titles += [t for t in cl.titles if t not in target.titles]
    target.country = target.country or cl.country
    target.sector = target.sector or cl.sector
    for m in mentions:
        if m.key == key:
            m.key = into
    del clusters[key]


def count_context_countries(doc: Doc, mentions: list[MentionRecord], clusters: dict[str, Cluster]) -> None:
    """Vote for the country of people whose titles name none ("President Recep Tayyip Erdoğan").

    Countries, capitals and demonyms in the sentence of each mention and the one
    before it count, except those already standing for another person in that
    sentence ("Ms Baerbock will meet President Erdoğan, German officials said":
    German is Baerbock's side). Resolution assigns a country only on a clear majority
    across all reports (see ``entities.resolve``).
    """
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]

    def sent_index(pos: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    cues: dict[int, list[str]] = {}
    for ent in doc.ents:
        iso = actors.country_of_entity(ent.text, ent.label_)
        if iso:
            cues.setdefault(sent_index(ent.start_char), []).append(iso)
    people_by_sent: dict[int, set[str]] = {}
    for m in mentions:
        if m.label == "PERSON" and clusters[m.key].country:
            people_by_sent.setdefault(sent_index(m.start), set()).add(clusters[m.key].country or "")
    for m in mentions:
        cl = clusters[m.key]
        if m.label != "PERSON" or cl.country:
            continue
        i = sent_index(m.start)
        for j in (i - 1, i):
            taken = people_by_sent.get(j, set())
            for iso in cues.get(j, []):
                if iso not in taken:
                    cl.context_countries[iso] = cl.context_countries.get(iso, 0) + 1


def _add_alias(cl: Cluster, alias: str) -> None:
    alias = alias.strip()
    if alias.lower().startswith("the "):
        alias = alias[4:]
    if alias and alias not in cl.aliases:
        cl.aliases.append(alias)


def mentions_to_json(mentions: list[MentionRecord], clusters: dict[str, Cluster]) -> dict[str, Any]:
    return {"mentions": [asdict(m) for m in mentions], "clusters": {k: asdict(c) for k, c in clusters.items()}}
