"""Geoparsing gold sets over news (../shared/data/geoparsing_news): LGL and GeoWebNews.

Two measures, as in Gritta et al. ("What's missing in geoparsing?", 2018; "A
pragmatic guide to geoparsing evaluation", 2019):

- **resolution** of the gold toponyms (gold spans given, the system only picks
  coordinates, reading the rest of the article as context): accuracy@161 km
  (share of toponyms placed within 100 miles of the gold point), mean and
  median error in km, and AUC of the scaled log error curve (0 is perfect, 1
  is every toponym on the far side of the Earth). A toponym the system cannot
  place counts as the largest possible error (20 039 km), so every system is
  scored on the same toponyms. The "most populous candidate" baseline picks,
  for each name, the candidate with the largest population in the same
  gazetteer and ignores the article.
- **recognition** of toponyms: spans found by newsgraph's ``places`` stage
  against the gold spans, strict (same offsets) and relaxed (overlap).

Nothing here runs in the pipeline; bench/places.py prints the figures and
tests/test_places_benchmark.py pins minimums.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluation.metrics import PRF, count_prf
from newsgraph.nlp.places import haversine_km

DATA_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "geoparsing_news"
# LGL is the tuning set; GeoWebNews, TR-News and GeoVirus were not used to tune.
DATASETS = {"lgl": "lgl.jsonl", "gwn": "geowebnews.jsonl", "trnews": "trnews.jsonl", "geovirus": "geovirus.jsonl"}
# Half the Earth's circumference: the error given to a toponym that is not placed at all.
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0
# GeoWebNews annotates location expressions that are not toponyms ("the city",
# "residents"), names that look like toponyms but are not places here ("Paris
# Hilton": Homonym) and language names; none of them counts as a gold toponym.
GWN_NOT_TOPONYM = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Homonym", "Language"})


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    kind: str  # LGL: GeoNames feature code; GWN: the pragmatic type (Literal, Metonymic, ...)
    geonameid: str | None = None


@dataclass
class GeoDoc:
    doc_id: str
    text: str
    published: str | None
    toponyms: list[GoldToponym]
    outlet: str | None = None


def load_docs(name: str, data_dir: Path = DATA_DIR) -> list[GeoDoc]:
    """One dataset's documents with their gold toponyms (read at run time, never copied)."""
    path = data_dir / DATASETS[name]
    docs: list[GeoDoc] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            tops: list[GoldToponym] = []
            text_all = rec["text"]
            for t in rec["toponyms"]:
                if name == "gwn":
                    if t["type"] in GWN_NOT_TOPONYM or not t.get("span_ok", True):
                        continue
                    text, kind, start, end = t["name"], t["type"], t["start"], t["end"]
                else:
                    # SOURCE.md: GeoVirus offsets are all one off, some TR-News ones too;
                    # ``offset_shift`` repairs them; spans still wrong after it are left out.
                    shift = int(t.get("offset_shift") or 0)
                    text, kind = t["phrase"], t.get("fcode") or ""
                    start, end = t["start"] + shift, t["end"] + shift
                    if text_all[start:end] != text:
                        continue
                tops.append(GoldToponym(start, end, text, t.get("lat"), t.get("lon"), kind, t.get("geonames_id")))
            # GWN lists a span once per reading (a "Coercion" and a "Non_Toponym" on one span): keep one.
            seen: set[tuple[int, int]] = set()
            unique = []
            for t in sorted(tops, key=lambda t: (t.start, t.end, t.lat is None)):
                if (t.start, t.end) not in seen:
                    seen.add((t.start, t.end))
                    unique.append(t)
            docs.append(GeoDoc(str(rec["doc_id"]), rec["text"], rec.get("date"), unique, _outlet(rec)))
    return docs


def _outlet(rec: dict[str, Any]) -> str | None:
    from newsgraph.clean.repetition import outlet_key

    return outlet_key(rec.get("url"), rec.get("domain"))


@dataclass
class ResolutionScore:
    errors: list[float] = field(default_factory=list)
    unplaced: int = 0
    misses: list[tuple[str, str, float, str | None]] = field(default_factory=list)  # doc, name, km, what we chose

    @property
    def n(self) -> int:
        return len(self.errors)

    @property
    def accuracy(self) -> float:
        return sum(1 for e in self.errors if e <= ACCURACY_KM) / self.n if self.n else 0.0

    @property
    def mean_km(self) -> float:
        return sum(self.errors) / self.n if self.n else 0.0

    @property
    def median_km(self) -> float:
        if not self.errors:
            return 0.0
        s = sorted(self.errors)
        mid = len(s) // 2
        return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2

    @property
    def auc(self) -> float:
        """Area under the sorted curve of ln(1 + error) / ln(1 + MAX_ERROR_KM) (Gritta et al. 2018)."""
        if self.n < 2:
            return 0.0
        scaled = sorted(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in self.errors)
        area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:], strict=False))
        return area / (len(scaled) - 1)

    def add(self, doc_id: str, gold: GoldToponym, guess: tuple[float, float] | None, label: str | None) -> None:
        if gold.lat is None or gold.lon is None:
            return  # not placeable: resolution is scored on gold toponyms with coordinates only
        if guess is None:
            err = MAX_ERROR_KM
            self.unplaced += 1
        else:
            err = haversine_km(gold.lat, gold.lon, guess[0], guess[1])
        self.errors.append(err)
        if err > ACCURACY_KM:
            self.misses.append((doc_id, gold.text, err, label))


def placeable(doc: GeoDoc) -> list[GoldToponym]:
    """Gold toponyms that have coordinates (the ones resolution is scored on)."""
    return [t for t in doc.toponyms if t.lat is not None and t.lon is not None]


@dataclass
class ResolutionRun:
    ours: ResolutionScore  # as the pipeline runs: the article plus its outlet's usual areas
    alone: ResolutionScore  # each article on its own (no outlet memory)
    baseline: ResolutionScore  # most populous candidate


def _label(place: Any) -> str | None:
    return f"{place.name} ({place.country}, {place.feature})" if place else None


def score_resolution(docs: Sequence[GeoDoc], parsed: Iterable[Any]) -> ResolutionRun:
    """newsgraph (with and without outlet memory) and the most-populous baseline on the gold toponyms.

    ``parsed`` yields the spaCy Doc of each document's text, in order (the
    pipeline's model with its entity repairs, as the ``places`` stage sees it).
    Documents are read in dataset order, as a stream: the outlet memory
    (``nlp.outlet_areas``) learns from newsgraph's own toponyms of the earlier
    articles of each outlet (never from gold), exactly as the places stage does.
    """
    from newsgraph.nlp.outlet_areas import OutletAreas
    from newsgraph.nlp.places import most_populous, resolve_spans, resolve_toponyms

    run = ResolutionRun(ResolutionScore(), ResolutionScore(), ResolutionScore())
    areas = OutletAreas()
    for d, doc in zip(docs, parsed, strict=True):
        home = areas.home(d.outlet)
        gold = placeable(d)
        if gold:
            spans = [(g.start, g.end) for g in gold]
            for g, place, alone in zip(gold, resolve_spans(doc, spans, home=home), resolve_spans(doc, spans), strict=True):
                run.ours.add(d.doc_id, g, (place.lat, place.lon) if place else None, _label(place))
                run.alone.add(d.doc_id, g, (alone.lat, alone.lon) if alone else None, _label(alone))
                top = most_populous(g.text)
                run.baseline.add(d.doc_id, g, (top.lat, top.lon) if top else None, _label(top))
        areas.observe(d.outlet, [t.place for t in resolve_toponyms(doc, home=home) if t.sure])
    return run


@dataclass
class RecognitionScore:
    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0
    relaxed_sys: int = 0  # system spans overlapping some gold span
    relaxed_gold: int = 0  # gold spans overlapped by some system span

    @property
    def strict_prf(self) -> PRF:
        return count_prf(self.strict, self.n_sys, self.n_gold)

    @property
    def relaxed_prf(self) -> PRF:
        return count_prf(self.relaxed_sys, self.n_sys, self.n_gold, hit_gold=self.relaxed_gold)


def score_recognition(docs: Sequence[GeoDoc], parsed: Iterable[Any]) -> RecognitionScore:
    """newsgraph's toponyms (the ``places`` stage, no gold spans) against the gold spans."""
    from newsgraph.nlp.places import resolve_toponyms

    res = RecognitionScore()
    for d, doc in zip(docs, parsed, strict=True):
        gold = [(t.start, t.end) for t in d.toponyms]
        # An institution standing for its seat ("at the White House") is not a toponym here.
        sys_spans = [(t.start, t.end) for t in resolve_toponyms(doc) if t.role != "seat"]
        res.n_gold += len(gold)
        res.n_sys += len(sys_spans)
        gset = set(gold)
        res.strict += sum(1 for s in sys_spans if s in gset)
        res.relaxed_sys += sum(1 for s, e in sys_spans if any(s < ge and e > gs for gs, ge in gold))
        res.relaxed_gold += sum(1 for gs, ge in gold if any(s < ge and e > gs for s, e in sys_spans))
    return res


def parse(docs: Sequence[GeoDoc], nlp: Any, cache: Path | None = None) -> list[Any]:
    """spaCy Docs of the texts with the pipeline's entity repairs, optionally cached as a DocBin.

    The cache is a development aid (parsing LGL takes about a minute); it is
    keyed by the model and the texts, so a stale file is never read.
    """
    import hashlib

    from spacy.tokens import DocBin

    from newsgraph.entities.mentions import repair_entities

    path: Path | None = None
    if cache is not None:
        h = hashlib.sha1(nlp.meta["name"].encode() + nlp.meta["version"].encode())
        for d in docs:
            h.update(d.text.encode("utf-8"))
        path = cache / f"geo-{h.hexdigest()[:16]}.spacy"
        if path.exists():
            raw = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            return [repair_entities(doc) for doc in raw]
    raw = list(nlp.pipe([d.text for d in docs], batch_size=32))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=raw, store_user_data=False).to_disk(path)
    return [repair_entities(doc) for doc in raw]
