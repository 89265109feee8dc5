"""Story clustering: articles about the same real-world story, across outlets.

Single-pass online clustering in publication order: each article joins the
most similar story active within a time window, or starts a new one.
Similarity is the cosine between the article's TF-IDF vector (lemmas plus
entity keys, built by the ``features`` stage) and the story's centroid.
Duplicates (exact copies and wire copies, ``duplicate_of``) join their
original's story when the original comes first in publication order. Story
ids derive from the first article, so they stay stable while that article
stays first.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from newsgraph.entities.names import stable_id

# Cosine similarity an article needs with a story centroid to join it.
# Chosen on the example corpus (same-story pairs 0.25-0.6, different-story
# pairs below 0.12); to be measured on ECB+ subtopics in bench/stories.py (issue 6).
JOIN_THRESHOLD = 0.18
# Stories stop accepting articles this long after their last article.
TIME_WINDOW_DAYS = 7.0


@dataclass
class ArticleFeatures:
    id: str
    published: datetime | None
    terms: dict[str, float]
    duplicate_of: str | None = None


@dataclass
class _Story:
    id: str
    members: list[str] = field(default_factory=list)
    centroid: Counter[str] = field(default_factory=Counter)
    last: datetime | None = None


def _tfidf(terms: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    vec = {t: (1.0 + math.log(w)) * idf.get(t, 0.0) for t, w in terms.items() if w > 0}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cos(a: dict[str, float], b: Counter[str]) -> float:
    nb = math.sqrt(sum(v * v for v in b.values())) or 1.0
    if len(a) > len(b):
        return sum(b[t] * a.get(t, 0.0) for t in b) / nb
    return sum(v * b.get(t, 0.0) for t, v in a.items()) / nb


def _days(a: datetime | None, b: datetime | None) -> float:
    if a is None or b is None:
        return 0.0
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return abs((a - b).total_seconds()) / 86400.0


def cluster_articles(articles: list[ArticleFeatures]) -> dict[str, str]:
    """Map article id → story id."""
    n = len(articles)
    df: Counter[str] = Counter()
    for a in articles:
        df.update(a.terms.keys())
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    order = sorted(articles, key=lambda a: (a.published is None, a.published.timestamp() if a.published else 0, a.id))
    stories: list[_Story] = []
    assign: dict[str, str] = {}
    by_id: dict[str, _Story] = {}
    for a in order:
        if a.duplicate_of and a.duplicate_of in assign:
            st = by_id[assign[a.duplicate_of]]
            st.members.append(a.id)
            assign[a.id] = st.id
            continue
        vec = _tfidf(a.terms, idf)
        best, best_sim = None, 0.0
        for st in stories:
            if _days(a.published, st.last) > TIME_WINDOW_DAYS:
                continue
            sim = _cos(vec, st.centroid)
            if sim > best_sim:
                best, best_sim = st, sim
        if best is None or best_sim < JOIN_THRESHOLD:
            best = _Story(stable_id("story", a.id))
            stories.append(best)
            by_id[best.id] = best
        best.members.append(a.id)
        best.centroid.update(vec)
        if a.published and (best.last is None or _days(a.published, best.last) >= 0):
            best.last = max(filter(None, [best.last, a.published]), key=lambda d: d.timestamp())
        assign[a.id] = best.id
    return assign
