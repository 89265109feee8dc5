"""Silver labels for ``nlp.domain``: the section an outlet filed a story under, from its URL.

No corpus in ../shared/data labels news by field, but many of its articles keep their
URL, and outlets file stories under sections: ``/sport/``, ``/entertainment/``,
``/business/``, ``/tech/``, against ``/politics/``, ``/world/``, ``/crime/``. Giveme5W1H
groups its articles by story (F1 races, the Cubs' World Series, a tram derailment).
A story in a section of no field (politics, world, local crime) should be in none.
Articles whose URL names no section are left out. ECB+ (where the event precision
audit samples from) is not used, so the thresholds are not tuned on the audit's corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.nlp import domain as dom

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

SECTIONS: dict[str, str | None] = {
    **dict.fromkeys(("sport", "sports", "football", "soccer", "nba", "nfl", "mlb", "nhl", "cricket", "rugby",
                     "tennis", "golf", "f1", "motorsport", "baseball", "basketball", "hockey", "boxing"), dom.SPORTS),
    **dict.fromkeys(("entertainment", "celebrity", "movies", "film", "music", "tv", "showbiz", "arts"),
                    dom.ENTERTAINMENT),
    **dict.fromkeys(("tech", "technology", "gadgets"), dom.TECHNOLOGY),
    **dict.fromkeys(("business", "money", "markets", "finance"), dom.BUSINESS),
    **dict.fromkeys(("politics", "world", "nation", "crime", "election", "elections", "government", "military",
                     "middleeast", "africa", "asia", "europe"), None),
}
GIVEME_TOPICS: dict[str, str | None] = {
    "f1": dom.SPORTS, "cubs win championship": dom.SPORTS, "tram": dom.ACCIDENT, "tram victims": dom.ACCIDENT,
    "china well": dom.ACCIDENT, "toberone-gate": dom.BUSINESS, "clinton blames comey": None, "clinton clear": None,
    "trump and obama": None, "consulate attack": None, "seattle shooting": None, "gaga protests": None,
}


@dataclass
class Labelled:
    source: str
    id: str
    text: str
    label: str | None  # a field, or None for a story of no field


def section_label(url: str) -> tuple[bool, str | None]:
    """(found, field) from the first path segment that names a section."""
    path = re.sub(r"^https?://[^/]+", "", url or "").lower()
    for seg in re.split(r"[/?#]", path):
        if seg in SECTIONS:
            return True, SECTIONS[seg]
    return False, None


def labelled_articles(data: Path = DATA) -> Iterator[Labelled]:
    aeb = data / "article_extraction_benchmark" / "ground-truth.json"
    for key, rec in json.loads(aeb.read_text(encoding="utf-8")).items():
        found, label = section_label(rec.get("url", ""))
        if found and rec.get("articleBody"):
            yield Labelled("article_extraction_benchmark", key, rec["articleBody"], label)
    for name in ("trnews", "geowebnews", "lgl"):
        path = data / "geoparsing_news" / f"{name}.jsonl"
        with path.open(encoding="utf-8") as fh:
            for rec in map(json.loads, fh):
                found, label = section_label(rec.get("url", ""))
                if found and rec.get("text"):
                    yield Labelled(name, str(rec["doc_id"]), rec["text"], label)
    with (data / "giveme5w1h_gold" / "gold_5w1h.jsonl").open(encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            cat = rec.get("category")
            if cat in GIVEME_TOPICS and rec.get("text"):
                text = "\n".join(x for x in (rec.get("title"), rec.get("description"), rec["text"]) if x)
                yield Labelled("giveme5w1h", rec["dId"], text, GIVEME_TOPICS[cat])


@dataclass
class DomainScore:
    n: int = 0
    right: int = 0
    # per field: (predicted as it, of those right, labelled as it)
    fields: dict[str, list[int]] = field(default_factory=dict)
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    def prf(self, name: str) -> tuple[float, float]:
        pred, ok, gold = self.fields.get(name, [0, 0, 0])
        return (ok / pred if pred else 0.0), (ok / gold if gold else 0.0)


def score(articles: list[Labelled]) -> DomainScore:
    s = DomainScore()
    for a in articles:
        got = dom.decide_text(a.text).domain
        s.n += 1
        s.right += got == a.label
        for name in (got, a.label):
            s.fields.setdefault(str(name), [0, 0, 0])
        s.fields[str(got)][0] += 1
        s.fields[str(a.label)][2] += 1
        if got == a.label:
            s.fields[str(got)][1] += 1
        else:
            s.errors.append((a.source, a.id, a.label, got))
    return s
