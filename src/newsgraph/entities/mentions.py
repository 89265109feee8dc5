"""Entity mentions inside one article, with titles and in-document name coreference.

Reads the shared spaCy Doc. Produces ``MentionRecord``s grouped into local
clusters (``key``): "German Foreign Minister Annalena Baerbock", "Ms Baerbock"
and "Baerbock" share one key; the title gives country and sector.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from newsgraph.entities.names import (
    HONORIFICS,
    ROLE_PREFIXES,
    fold,
    name_key,
    name_tokens,
    strip_honorific,
)
from newsgraph.nlp import actors
from newsgraph.nlp.places import PLACE_NOUNS

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
# Tokens that can belong to a title before a name ("German Foreign Minister").
TITLE_TAGS = ("NNP", "NNPS", "NN", "JJ", "NNS")
# A title longer than this is a sentence fragment, not a title.
MAX_TITLE_TOKENS = 6


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
            elif info.kind in ("institution", "igo") and label in ("PERSON", "GPE", "FAC", "LOC"):
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


def _relabel_by_context(doc: Doc, ents: list[Span]) -> list[Span]:
    """Repairs that need the other entities of the document.

    - "Secretary of State Antony Blinken": "State" tagged ORG is part of the title; drop it.
    - "spoke with Pashinyan", "Baerbock’s visit": a one-word NORP/ORG that is no known actor but
      the surname of a PERSON in the text is that person.
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
            label == "PERSON" and len(e) == 1 and fold(e.text) not in person_tokens
            and (e.start == 0 or fold(doc[e.start - 1].text).rstrip(".") not in HONORIFICS)
            and any(p.country in countries and p.population >= 1000 for p in gazetteer().candidates(e.text))
        ):
            label = "GPE"
        out.append(Span(doc, e.start, e.end, label=label) if label != e.label_ else e)
    return out


def _title_before(ent: Span) -> tuple[str | None, int]:
    """Title words immediately before a PERSON ("German Foreign Minister"), and where they start."""
    doc = ent.doc
    i = ent.start
    while i > 0 and ent.start - i < MAX_TITLE_TOKENS:
        t = doc[i - 1]
        if t.tag_ in TITLE_TAGS + ("IN",) and t.ent_type_ in ("", "NORP", "GPE") and t.text not in (",", "and") and (
            t.tag_ != "IN" or (t.lower_ == "of" and i - 1 > 0 and doc[i - 2].tag_ in TITLE_TAGS)
        ):
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


def _title_appos(ent: Span) -> str | None:
    """Appositive title after the name: "Mevlut Cavusoglu, Turkey's foreign minister,"."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            sub = list(child.subtree)
            if len(sub) <= MAX_TITLE_TOKENS + 2:
                return child.doc[sub[0].i : sub[-1].i + 1].text
    return None


def _actor_from_title(title: str | None) -> tuple[str | None, str | None, str | None]:
    if not title:
        return None, None, None
    country, sector, role = actors.parse_title(title)
    return country, sector, (role or None)


def extract_mentions(doc: Doc) -> tuple[list[MentionRecord], dict[str, Cluster]]:
    """Mentions of people, organisations and countries, clustered within the document."""
    mentions: list[MentionRecord] = []
    clusters: dict[str, Cluster] = {}
    persons_full: list[tuple[int, list[str], str]] = []  # (position, tokens, key) of multi-token names

    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text.strip()
        info = actors.lookup_actor(text)
        if ent.label_ == "NORP":
            continue  # demonyms feed titles and actor codes, not entities of their own
        if info is not None and info.kind in ("country", "capital", "institution", "igo"):
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
            key = ("org:" if ent.label_ == "ORG" else "place:") + name_key(text)
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
        cands = [(p, key) for p, ftoks, key in full if toks[0] in (ftoks[-1], ftoks[0])]
        before = [c for c in cands if c[0] <= pos]
        if before:
            return max(before)[1]
        if cands:
            return min(cands)[1]
    return None


def link_late_full_names(mentions: list[MentionRecord], clusters: dict[str, Cluster]) -> None:
    """A surname used before the full name ("Baerbock ... Annalena Baerbock") joins the full name."""
    fulls = {k: name_tokens(c.name) for k, c in clusters.items() if c.type == "PERSON" and len(name_tokens(c.name)) >= 2}
    for key, cl in list(clusters.items()):
        if cl.type != "PERSON" or len(name_tokens(cl.name)) != 1:
            continue
        tok = name_tokens(cl.name)[0]
        cands = [k for k, t in fulls.items() if tok in (t[0], t[-1])]
        if len(cands) == 1:
            target = clusters[cands[0]]
            for a in cl.aliases:
                _add_alias(target, a)
            target.titles += [t for t in cl.titles if t not in target.titles]
            target.country = target.country or cl.country
            target.sector = target.sector or cl.sector
            for m in mentions:
                if m.key == key:
                    m.key = cands[0]
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
