"""Toponym resolution: which place each place name in an article means.

A place name is ambiguous ("Paris" is in France, Texas and Kentucky; "Georgia"
is a country and a US state) and not every GPE is a place in the sentence
("Ankara said" is the Turkish state). Resolution works on the whole article,
in passes:

1. every distinct name gets its candidates from the gazetteer (towns,
   first- and second-level areas, countries, continents, regions) and a prior:
   log population, a bonus for capitals and countries, a penalty for an
   alternate spelling;
2. the first pass adds the countries the article names elsewhere (by name,
   capital or demonym; a name never counts as context for itself), explicit
   qualifiers ("Paris, Texas", "Lexington, Ky.", "Kingston, Ontario") and the
   dateline city;
3. later passes add what the other names resolved to: their states and
   counties ("Alexandria" next to "Rapides Parish" is Alexandria, Louisiana)
   and their proximity (a town within NEAR_KM of the article's other towns).

A name repeated in an article means the same place throughout (one sense per
discourse), unless a qualifier says otherwise. Weights are named constants
below, tuned on LGL (bench/places.py) and checked on GeoWebNews, TR-News and
GeoVirus, which were not used for tuning.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from newsgraph.entities.names import fold
from newsgraph.entities.names import fold_phrase as _fold
from newsgraph.model import Place
from newsgraph.nlp import actors
from newsgraph.nlp.gazetteer import ADMIN1, ADMIN2, CITY, Gazetteer, Row, gazetteer

__all__ = ["Toponym", "gazetteer", "haversine_km", "most_populous", "resolve_name", "resolve_spans", "resolve_toponyms"]

# --- priors (log10 population is the base score of a town or an area) ---
# A country outweighs any namesake town even in an article whose other places are
# local ("China" the country, not China, Maine, next to three Maine towns);
# "Georgia" stays the US state when the article is about the US. LGL sweep: 3-5 →
# 0.868-0.869, 7 → 0.857.
COUNTRY_PRIOR = 5.0
# Continents and world regions ("Europe", "Middle East") have no population here.
REGION_SCORE = 9.0
CAPITAL_BONUS = 3.0
# A state or province loses to a big city of the same name inside it: "New York",
# "Tokyo", "Istanbul" in a report mean the city unless qualified.
ADMIN1_CITY_DISCOUNT = 1.0
ADMIN1_CITY_MIN_POPULATION = 100_000
# An institution named as a place ("at the White House") is at its country's capital.
INSTITUTION_SCORE = 9.0
# An alternate spelling counts as much as a 100x smaller population: "Jermuk" is
# Jermuk (pop. 4 095), not an alternate spelling of Çermik (pop. 21 000).
ALTERNATE_NAME_PENALTY = 2.0
# --- context ---
# A country named in the article outweighs a 100x population difference:
# "Tbilisi protests ... in Batumi" stays in Georgia. LGL sweep: 3 → 0.856, 5-7 → 0.868.
CONTEXT_COUNTRY_BONUS = 5.0
QUALIFIER_BONUS = 50.0
# The dateline's country counts as two mentions: the reporter is there.
DATELINE_COUNTRY_WEIGHT = 2.0
# Closeness to the dateline city: full bonus inside NEAR_KM, fading to 0 at 10x.
NEAR_KM = 300.0
NEAR_BONUS = 2.0
# A state or county the article names elsewhere, for a town or county inside it.
ADMIN1_CONTEXT_BONUS = 3.0
ADMIN2_CONTEXT_BONUS = 3.0
# Closeness to the other local places of the article (towns, counties): the share
# of them within PROXIMITY_KM, times this. LGL (bench/places.py --sweep): 2 → 0.867,
# 4 → 0.870, 8 → 0.869 (a plateau; 0 loses about 1.5 points); a 100-150 km radius
# beats 300 km (0.851): local papers cover a county or two, not a region.
PROXIMITY_BONUS = 4.0
PROXIMITY_KM = 150.0
# The outlet's usual areas (nlp.outlet_areas): a town, county or state in a
# first-level area named by every one of the outlet's articles gets this much;
# its countries count as context like the dateline's. LGL sweep: 0 (no memory) →
# 0.843, 2 → 0.863, 5 → 0.868, 8 → 0.870; GeoWebNews, one article per outlet, is
# unaffected.
OUTLET_AREA_BONUS = 5.0
OUTLET_COUNTRY_WEIGHT = 2.0
# A name is unambiguous evidence of its area (what the outlet memory learns) when its
# pick is this many times as populous as any namesake elsewhere: "Ohio" (8 M) vs
# Ohio, Illinois; not Dublin, Ireland (1 M) vs Dublin, Ohio (45 000).
SURE_POPULATION_RATIO = 100
# Passes after the first (each reads the previous pass's picks).
CONTEXT_PASSES = 2
TOPONYM_LABELS = ("GPE", "LOC", "FAC")
_LOCAL_FEATURES = (CITY, ADMIN2)


@dataclass(frozen=True)
class Toponym:
    """A place name in the clean text (character offsets) and the place it resolves to.

    ``role`` is "place" for a name of a place, "demonym" for an adjective or
    people-name pointing at a country ("Turkish", "Palestinians": it locates the
    article, not an event), and "seat" for an institution standing for where it
    sits ("at the White House" is in Washington).
    """

    start: int
    end: int
    text: str
    place: Place
    role: str = "place"
    # The name has no candidate outside the first-level area it resolved to ("Ohio",
    # "Zanesville"): evidence of where the article is that does not depend on the
    # resolver's own guesses (what the outlet memory learns from).
    sure: bool = False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# Two named places this close are one place reported two ways (a city and its
# airport or district, a town and the village beside it); Geneva and Lausanne
# (50 km) are not.
SAME_PLACE_KM = 25.0
# Place features too coarse to contradict a city: "in Switzerland" does not
# dispute "in Geneva", only a different country does.
COARSE_FEATURES = frozenset({"country", "continent", "region"})


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


def places_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Could both places be right? The same name, a country or region holding the other,
    an area holding a town, or two names for places ``SAME_PLACE_KM`` apart or less."""
    if fold(a.get("name") or "") == fold(b.get("name") or ""):
        return True
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    if a.get("feature") in COARSE_FEATURES or b.get("feature") in COARSE_FEATURES:
        return True
    if a.get("admin1") and a.get("admin1") == b.get("admin1") and "admin1" in (a.get("feature"), b.get("feature")):
        return True
    km = _km(a, b)
    return km is not None and km <= SAME_PLACE_KM


@dataclass
class _Cand:
    place: Place
    prior: float
    admin1: str = ""
    admin2: str = ""
    row: int | None = None


@dataclass
class _Name:
    """One distinct (name, qualifier) of an article, with its candidates."""

    key: str
    text: str
    qualifier: str | None
    cands: list[_Cand] = field(default_factory=list)
    demonym: bool = False
    pick: _Cand | None = None

    @property
    def sure(self) -> bool:
        """No namesake outside the picked first-level area is within SURE_POPULATION_RATIO of it
        ("Ohio" the state, not the village of Ohio, Illinois; a town name found in one state)."""
        p = self.pick
        if p is None or not p.admin1:
            return False
        others = [c.place.population for c in self.cands if c.admin1 != p.admin1]
        return not others or p.place.population >= SURE_POPULATION_RATIO * max(others)


def _clean_name(text: str) -> str:
    t = _fold(text)
    t = re.sub(r"^the ", "", t)
    return re.sub(r"'s?$", "", t).strip()


def _row_cand(gaz: Gazetteer, code: int) -> _Cand:
    row_id, alternate = divmod(code, 2)
    r: Row = gaz.row(row_id)
    prior = math.log10(max(r.population, 1))
    if alternate:
        prior -= ALTERNATE_NAME_PENALTY
    if r.capital:
        prior += CAPITAL_BONUS
    return _Cand(r.place(), prior, r.admin1, r.admin2, row_id)


def _country_cand(place: Place) -> _Cand:
    return _Cand(place, math.log10(max(place.population, 1)) + COUNTRY_PRIOR)


def _candidates(gaz: Gazetteer, text: str) -> tuple[list[_Cand], bool]:
    """Candidates for a surface name, and whether it is a demonym.

    A demonym ("Canadian", "Kurdish") only ever means its country or region,
    never a town that happens to share the word (Canadian, Texas).
    """
    key = _clean_name(text)
    out: list[_Cand] = []
    iso = actors.country_by_name(text) or actors.country_by_name(re.sub(r"^(?:the )?republic of ", "", key))
    if iso is not None and iso in gaz.countries:
        out.append(_country_cand(gaz.countries[iso]))
    else:
        dem = actors.country_by_demonym(text)
        if dem is not None and dem in gaz.countries:
            return [_country_cand(gaz.countries[dem])], True
        region = gaz.region_demonyms.get(key)
        if region is not None:
            return [_Cand(region, REGION_SCORE)], True
        state = gaz.admin1_demonyms.get(key)
        if state is not None and not gaz.codes(key):
            return [_row_cand(gaz, state * 2)], True
        info = actors.lookup_actor(text)
        cap = actors.capital_of(info.country) if info is not None and info.kind == "institution" and info.country else None
        if cap:
            out += [_Cand(c.place, INSTITUTION_SCORE, c.admin1, c.admin2, c.row)
                    for c in (_row_cand(gaz, code) for code in gaz.codes(_fold(cap)))
                    if c.place.country == info.country and c.place.feature == CITY][:1]  # type: ignore[union-attr]
    if key in gaz.continents:
        out.append(_Cand(gaz.continents[key], REGION_SCORE))
    if key in gaz.regions:
        out.append(_Cand(gaz.regions[key], REGION_SCORE))
    codes = gaz.codes(key) or gaz.codes(re.sub(r"^(city of|greater) ", "", key))
    # A town's alternate spelling never competes with a town of exactly that name in the
    # same country ("Paris" in Texas or Kentucky, not Swainsboro, Georgia, once called
    # Paris); New York City ("New York" an alternate name) still competes with the state.
    primary = {gaz.row(code // 2).country for code in codes if code % 2 == 0 and gaz.row(code // 2).feature == CITY}
    out += [_row_cand(gaz, code) for code in codes
            if code % 2 == 0 or gaz.row(code // 2).feature != CITY or gaz.row(code // 2).country not in primary]
    ab = gaz.abbreviations.get(text.replace(" ", ""))
    if ab is not None:
        out.append(_row_cand(gaz, ab * 2))
    big = {c.admin1: c.prior for c in out
           if c.place.feature == CITY and c.admin1 and c.place.population >= ADMIN1_CITY_MIN_POPULATION}
    for c in out:
        if c.place.feature == ADMIN1 and c.admin1 in big:
            c.prior = min(c.prior, big[c.admin1]) - ADMIN1_CITY_DISCOUNT
    return out, False


def _qualifier_targets(gaz: Gazetteer, qualifier: str | None) -> tuple[str | None, str | None]:
    """(country ISO3, admin1 key) that a qualifier names: "Texas", "Ky.", "Georgia", "Ontario"."""
    if not qualifier:
        return None, None
    country = actors.country_by_name(qualifier) or actors.country_by_demonym(qualifier)
    key = _clean_name(qualifier)
    admin1 = None
    row = gaz.abbreviations.get(qualifier.replace(" ", ""))
    if row is None:
        row = next((c // 2 for c in gaz.codes(key) if c % 2 == 0 and gaz.row(c // 2).feature == ADMIN1), None)
    if row is not None:
        admin1 = gaz.row(row).admin1
    return country, admin1


def _score(
    name: _Name, c: _Cand, ctx: dict[str, float], near: Place | None, q: tuple[str | None, str | None],
    admin1s: set[str], admin2s: set[str], local: list[Place], home: dict[str, float],
) -> float:
    s = c.prior
    if home and c.admin1 and c.place.feature in (CITY, ADMIN2, ADMIN1):
        s += OUTLET_AREA_BONUS * home.get(c.admin1, 0.0)
    country = c.place.country
    if country and country in ctx:
        s += CONTEXT_COUNTRY_BONUS * ctx[country]
    q_country, q_admin1 = q
    in_state = bool(q_admin1) and c.admin1 == q_admin1 and c.place.feature != ADMIN1
    in_country = bool(q_country) and country == q_country and not q_admin1
    if in_state or in_country:
        s += QUALIFIER_BONUS
    if c.place.feature in _LOCAL_FEATURES:
        if c.admin1 and c.admin1 in admin1s:
            s += ADMIN1_CONTEXT_BONUS
        if c.place.feature == CITY and c.admin2 and c.admin2 in admin2s:
            s += ADMIN2_CONTEXT_BONUS
        if local:
            close = sum(1 for p in local if haversine_km(p.lat, p.lon, c.place.lat, c.place.lon) <= PROXIMITY_KM)
            s += PROXIMITY_BONUS * close / len(local)
    if near is not None and c.place.feature not in ("country", "continent", "region"):
        d = haversine_km(near.lat, near.lon, c.place.lat, c.place.lon)
        s += NEAR_BONUS * max(0.0, 1.0 - max(0.0, d - NEAR_KM) / (9 * NEAR_KM))
    return s


def _country_votes(doc: Doc | None) -> dict[str, dict[str, float]]:
    """Countries each entity name points at (by name, capital or demonym), per folded name."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    if doc is None:
        return votes
    for e in doc.ents:
        iso = actors.country_of_entity(e.text, e.label_)
        if iso:
            votes[_clean_name(e.text)][iso] += 1.0
    return votes


def _context_for(key: str, votes: dict[str, dict[str, float]], near: Place | None,
                 extra: dict[str, float] | None = None) -> dict[str, float]:
    """Country weights (0..1) from every name but ``key`` itself."""
    weights: dict[str, float] = defaultdict(float)
    for name, by_country in votes.items():
        if name == key:
            continue
        for iso, v in by_country.items():
            weights[iso] += v
    for iso, v in (extra or {}).items():
        weights[iso] += v
    if near is not None and near.country:
        weights[near.country] += DATELINE_COUNTRY_WEIGHT
    total = max(weights.values(), default=1.0)
    return {k: v / total for k, v in weights.items()}


def _resolve_names(
    gaz: Gazetteer, names: Sequence[_Name], votes: dict[str, dict[str, float]], near: Place | None,
    context_countries: dict[str, float] | None = None, home: dict[str, float] | None = None,
) -> None:
    """Pick a candidate for each name, reading the article's other names (see the module docstring).

    ``home`` is the outlet's usual areas (``OutletAreas.home``).
    """
    home = home or {}
    context_countries = dict(context_countries or {})
    for key, share in home.items():
        if "." not in key:  # a country
            context_countries[key] = context_countries.get(key, 0.0) + OUTLET_COUNTRY_WEIGHT * share
    quals = {id(n): _qualifier_targets(gaz, n.qualifier) for n in names}
    for step in range(1 + CONTEXT_PASSES):
        picks = [(n, n.pick) for n in names if n.pick is not None]
        for n in names:
            if not n.cands:
                continue
            if step == 0:
                admin1s: set[str] = set()
                admin2s: set[str] = set()
                local: list[Place] = []
                ctx = _context_for(n.key, votes, near, context_countries)
            else:
                others = [p for m, p in picks if m.key != n.key]
                admin1s = {p.admin1 for p in others if p.place.feature == ADMIN1 and p.admin1}
                admin2s = {p.admin2 for p in others if p.place.feature == ADMIN2 and p.admin2}
                local = [p.place for p in others if p.place.feature in _LOCAL_FEATURES]
                picked: dict[str, float] = defaultdict(float)
                for p in others:
                    if p.place.country and p.place.feature != "country":
                        picked[p.place.country] += 1.0
                for iso, v in (context_countries or {}).items():
                    picked[iso] += v
                ctx = _context_for(n.key, votes, near, picked)
            q = quals[id(n)]
            n.pick = max(n.cands, key=lambda c: _score(n, c, ctx, near, q, admin1s, admin2s, local, home))


def _names_for(gaz: Gazetteer, texts: Sequence[tuple[str, str | None]]) -> tuple[list[_Name], list[int]]:
    """Distinct (name, qualifier) entries and, for each input, the index of its entry.

    A name that carries its own qualifier ("Washington, D.C.", "Paris, Texas" as one
    entity) is split into the two.
    """
    names: list[_Name] = []
    index: dict[tuple[str, str | None], int] = {}
    at: list[int] = []
    for text, qual in texts:
        if qual is None and ", " in text:
            head, _, tail = text.partition(", ")
            if _qualifier_targets(gaz, tail) != (None, None):
                text, qual = head, tail
        k = (_clean_name(text), qual)
        if k not in index:
            cands, dem = _candidates(gaz, text)
            index[k] = len(names)
            names.append(_Name(k[0], text, qual, cands, dem))
        at.append(index[k])
    return names, at


def most_populous(name: str) -> Place | None:
    """The baseline answer: the candidate called ``name`` with the largest population."""
    cands, _ = _candidates(gazetteer(), name)
    return max(cands, key=lambda c: c.place.population).place if cands else None


def resolve_name(
    name: str,
    context_countries: dict[str, float] | None = None,
    near: Place | None = None,
    qualifier: str | None = None,
    home: dict[str, float] | None = None,
) -> Place | None:
    """The most plausible place called ``name``, outside any article (a dateline, a query)."""
    gaz = gazetteer()
    names, _ = _names_for(gaz, [(name, qualifier)])
    _resolve_names(gaz, names, {}, near, context_countries, home)
    return names[0].pick.place if names[0].pick else None


_CHAR_QUALIFIER = re.compile(r", ([A-Z][\w.]*(?: [A-Z][\w.]*)*)")


def _char_qualifier(text: str, end: int) -> str | None:
    m = _CHAR_QUALIFIER.match(text, end)
    return m.group(1) if m else None


def resolve_spans(
    doc: Doc, spans: Sequence[tuple[int, int]], near: Place | None = None, home: dict[str, float] | None = None,
) -> list[Place | None]:
    """Resolve given character spans of ``doc`` (e.g. gold toponyms), the article as context.

    The article's own toponyms (as ``resolve_toponyms`` finds them) that do not
    overlap a given span take part as context: a lone "Paris" next to "Lamar
    County" is resolved as in the pipeline.
    """
    gaz = gazetteer()
    texts = [(doc.text[s:e], _char_qualifier(doc.text, e)) for s, e in spans]
    for ent, qual in _toponym_entities(doc, gaz, near):
        if not any(ent.start_char < e and ent.end_char > s for s, e in spans):
            texts.append((ent.text, qual))
    names, at = _names_for(gaz, texts)
    _resolve_names(gaz, names, _country_votes(doc), near, home=home)
    picks = [names[i].pick for i in at[: len(spans)]]
    return [p.place if p is not None else None for p in picks]


def _is_actor_not_place(ent: Span) -> bool:
    info = actors.lookup_actor(ent.text)
    return info is not None and info.kind in ("institution", "igo")


def _qualifier(doc: Doc, ent: Span, ents_at: dict[int, Span]) -> Span | None:
    """"Paris, Texas" / "Batumi, Georgia": a GPE right after a comma qualifies the one before."""
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        nxt = ents_at.get(ent.end + 1)
        if nxt is not None and nxt.label_ == "GPE":
            return nxt
    return None


# Words that make the next proper noun a place even when the NER model missed it
# ("the border town of Jermuk"): the small spaCy model tags few villages as GPE.
PLACE_NOUNS = frozenset({"town", "city", "village", "port", "capital", "region", "province", "district", "settlement"})
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "around"})


def _missed_toponyms(doc: Doc, gaz: Gazetteer, countries: set[str]) -> list[Span]:
    """Proper nouns the NER missed that a place cue and the gazetteer agree are places."""
    out: list[Span] = []
    for tok in doc:
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.i == 0:
            continue
        prev = doc[tok.i - 1]
        cue = prev.lower_ == "of" and tok.i >= 2 and doc[tok.i - 2].lower_ in PLACE_NOUNS
        located = prev.lower_ in LOCATIVE_PREPS
        if not (cue or located):
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and doc[end].text[:1].isupper():
            end += 1
        span = doc[tok.i : end]
        cands = gaz.candidates(span.text)
        if not cands:
            continue
        # Without the explicit "town of" cue, only accept places in a country the article is about.
        if cue or any(c.country in countries for c in cands):
            out.append(Span(doc, tok.i, end, label="GPE"))
    return out


def _toponym_entities(doc: Doc, gaz: Gazetteer, near: Place | None) -> list[tuple[Span, str | None]]:
    """Place-name entities of ``doc`` (GPE/LOC/FAC that are not institutions, and names the NER
    missed after a place cue), each with its qualifier's text ("Texas" after "Paris, ")."""
    countries = {iso for by in _country_votes(doc).values() for iso in by}
    if near is not None and near.country:
        countries.add(near.country)
    ents = [e for e in doc.ents if e.label_ in TOPONYM_LABELS and not _is_actor_not_place(e)]
    ents = sorted(ents + _missed_toponyms(doc, gaz, countries), key=lambda e: e.start)
    ents_at = {e.start: e for e in ents}
    # A qualifier ("Texas" in "Paris, Texas") is a toponym of its own as well.
    out: list[tuple[Span, str | None]] = []
    for ent in ents:
        q = _qualifier(doc, ent, ents_at)
        out.append((ent, q.text if q is not None else None))
    return out


def resolve_toponyms(doc: Doc, near: Place | None = None, home: dict[str, float] | None = None) -> list[Toponym]:
    """Find and resolve the toponyms of ``doc``: GPE/LOC/FAC entities, place names the
    NER missed after a place cue, and demonyms (as pointers to their country).

    ``near`` is the article's resolved dateline place, if any; ``home`` the
    outlet's usual areas (``OutletAreas.home``).
    """
    gaz = gazetteer()
    votes = _country_votes(doc)
    spans = _toponym_entities(doc, gaz, near)
    demonyms = [e for e in doc.ents if e.label_ == "NORP" and actors.country_by_demonym(e.text)]
    # Institutions locate what happens at them: "met at the White House" is in Washington.
    seats = [e for e in doc.ents if e.label_ in ("ORG", "FAC", "GPE") and _is_actor_not_place(e)]
    names, at = _names_for(gaz, [(e.text, q) for e, q in spans] + [(e.text, None) for e in demonyms + seats])
    _resolve_names(gaz, names, votes, near, home=home)
    out: list[Toponym] = []
    seat_starts = {e.start for e in seats}
    for (ent, _), i in zip([*spans, *[(e, None) for e in demonyms + seats]], at, strict=True):
        n = names[i]
        if n.pick is None:
            continue
        if ent.start in seat_starts:
            if n.pick.place.feature != CITY:
                continue  # only an institution with a known seat (the Kremlin, not the UN)
            out.append(Toponym(ent.start_char, ent.end_char, ent.text, n.pick.place, "seat"))
            continue
        role = "demonym" if n.demonym or ent.label_ == "NORP" else "place"
        out.append(Toponym(ent.start_char, ent.end_char, ent.text, n.pick.place, role, n.sure))
    return sorted(out, key=lambda t: t.start)
