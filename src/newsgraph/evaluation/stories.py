"""Story clustering and cross-document event coreference, scored on real data.

* ECB+ (982 documents): each gold story is a sub-topic, ``<topic>_ecb`` or
  ``<topic>_ecbplus`` (two different real events of one kind, e.g. two
  celebrities' rehab check-ins). Scored with B³ and pairwise F1 beside a
  TF-IDF + average-link agglomerative baseline whose threshold is tuned on the
  training topics (1-35) and applied unchanged to all.
* ECB+ event coreference on the standard test topics (36-45), selected
  sentences: gold event mentions clustered within our own stories (and, as a
  reference, within the gold sub-topics), and our own PLOVER events; with the
  same-lemma baseline in the same run.
* Giveme5W1H: 96 articles, 12 gold events reported by about 8 outlets each.

The ECB+ documents are parsed once by the real pipeline (``run_ecb``); every
score then re-runs only the corpus-level stages.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from newsgraph.evaluation.coref import CorefScores, b_cubed, score
from newsgraph.evaluation.entities import ECB_TEST_TOPICS, SystemRun, load_ecbplus, run_system
from newsgraph.evaluation.metrics import PRF, count_prf
from newsgraph.stories.eventcoref import EventMention, corefer, same_lemma

ECB_TRAIN_TOPICS = frozenset(str(t) for t in range(1, 36))
_TOKEN = re.compile(r"[a-z][a-z0-9'-]+|\d+")
# Function words left out of the baseline's TF-IDF (the baseline has no parser).
_STOP_WORDS = (
    "the a an of to in and or for on at by with from is are was were be been has have had it its this that "
    "he she they his her their as not but said says will would who which after"
)
_STOP = frozenset(_STOP_WORDS.split())
# Distance cut-offs the baseline's threshold is chosen from (1 - cosine).
BASELINE_CUTS = tuple(round(0.50 + 0.02 * i, 2) for i in range(25))


def run_ecb(pipeline: Any | None = None) -> SystemRun:
    """Annotate every ECB+ document once; read each gold event mention's head from the same parse."""
    return run_system(load_ecbplus(kind="event"), pipeline)


# ------------------------------------------------------------------ clustering scores


@dataclass(frozen=True)
class ClusterScore:
    name: str
    n_docs: int
    n_gold: int
    n_clusters: int
    b3: PRF
    pairwise: PRF
    note: str = ""


def pairwise(key: Mapping[str, Hashable], response: Mapping[str, Hashable]) -> PRF:
    """Precision and recall of the document pairs put in one cluster."""

    def pairs(cl: Mapping[str, Hashable]) -> set[tuple[str, str]]:
        groups: dict[Hashable, list[str]] = defaultdict(list)
        for m, c in cl.items():
            groups[c].append(str(m))
        out: set[tuple[str, str]] = set()
        for ms in groups.values():
            ms.sort()
            out.update((a, b) for i, a in enumerate(ms) for b in ms[i + 1:])
        return out

    k, r = pairs(key), pairs(response)
    return count_prf(len(k & r), len(r), len(k))


def cluster_score(name: str, key: Mapping[str, str], response: Mapping[str, Hashable], note: str = "") -> ClusterScore:
    return ClusterScore(name, len(key), len(set(key.values())), len({response[k] for k in key}),
                        b_cubed(key, {k: response[k] for k in key}), pairwise(key, response), note)


def our_stories(articles: Mapping[str, Any], annotations: Mapping[str, dict[str, Any]]) -> dict[str, str]:
    """Article id → story id from newsgraph's own story clustering (as ``newsgraph ingest`` runs it)."""
    from newsgraph.corpus import story_assignments

    return story_assignments([(articles[aid], ann) for aid, ann in annotations.items()])


def baseline_vectors(texts: Mapping[str, str]) -> tuple[list[str], Any]:
    """Unit TF-IDF rows (sublinear tf, smoothed idf) over lower-cased word tokens."""
    import numpy as np

    ids = sorted(texts)
    bags = [Counter(t for t in _TOKEN.findall(texts[i].lower()) if t not in _STOP) for i in ids]
    df: Counter[str] = Counter()
    for b in bags:
        df.update(b.keys())
    vocab = {t: j for j, t in enumerate(df)}
    n = len(ids)
    mat = np.zeros((n, len(vocab)))
    for i, b in enumerate(bags):
        for t, w in b.items():
            mat[i, vocab[t]] = (1.0 + math.log(w)) * (math.log((1 + n) / (1 + df[t])) + 1.0)
    mat /= np.linalg.norm(mat, axis=1, keepdims=True) + 1e-12
    return ids, mat


def agglomerative(ids: list[str], mat: Any, cut: float) -> dict[str, int]:
    """Average-link clustering on cosine distance, cut at ``cut``."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - mat @ mat.T, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=cut, criterion="distance")
    return {i: int(lab) for i, lab in zip(ids, labels, strict=True)}


def tuned_baseline(texts: Mapping[str, str], gold: Mapping[str, str],
                   tune_on: Callable[[str], bool]) -> tuple[dict[str, int], float]:
    """The baseline clustering with its cut chosen for the best B³ F1 on the tuning documents."""
    ids, mat = baseline_vectors(texts)
    tune = {k: v for k, v in gold.items() if tune_on(k)}
    best: tuple[float, float, dict[str, int]] | None = None
    for cut in BASELINE_CUTS:
        pred = agglomerative(ids, mat, cut)
        f1 = b_cubed(tune, {k: pred[k] for k in tune}).f1
        if best is None or f1 > best[0]:
            best = (f1, cut, pred)
    assert best is not None
    return best[2], best[1]


def ecb_story_scores(run: SystemRun) -> list[ClusterScore]:
    """Ours and the tuned baseline on all 982 documents and on the test topics."""
    docs = run.dataset.docs
    gold = {d.doc_id: d.subtopic for d in docs}
    topic = {d.doc_id: d.topic for d in docs}
    ours = our_stories(run.articles, run.annotations)
    base, cut = tuned_baseline({d.doc_id: d.text for d in docs}, gold, lambda k: topic[k] in ECB_TRAIN_TOPICS)
    test = {k: v for k, v in gold.items() if topic[k] in ECB_TEST_TOPICS}
    note = f"cut {cut:.2f} tuned on topics 1-35"
    return [
        cluster_score("ours (online)", gold, ours),
        cluster_score("TF-IDF + average link", gold, base, note),
        cluster_score("ours (online), test topics", test, ours),
        cluster_score("TF-IDF + average link, test topics", test, base, note),
    ]


# ------------------------------------------------------------- event coreference


@dataclass(frozen=True)
class CorefRow:
    setting: str
    n_mentions: int
    ours: CorefScores
    baseline: CorefScores | None


def gold_event_mentions(run: SystemRun, topics: frozenset[str] = ECB_TEST_TOPICS) -> list[Any]:
    return [m for m in run.dataset.mentions if m.topic in topics and m.id in run.heads]


def event_coref_gold_mentions(run: SystemRun, scope: Mapping[str, Hashable],
                              topics: frozenset[str] = ECB_TEST_TOPICS, overlap: float | None = None) -> CorefRow:
    """Gold event mentions clustered by ``stories.eventcoref`` within ``scope`` (doc id → story)."""
    gold = gold_event_mentions(run, topics)
    key = {m.id: m.cluster for m in gold}
    ms = [EventMention(m.id, scope[m.doc_id], run.heads[m.id].lemma, run.heads[m.id].context) for m in gold]
    ours = corefer(ms) if overlap is None else corefer(ms, min_overlap=overlap)
    return CorefRow("", len(key), score(key, ours), score(key, same_lemma(ms)))


def event_coref_ours(run: SystemRun, topics: frozenset[str] = ECB_TEST_TOPICS) -> tuple[CorefRow, int, int]:
    """Our own PLOVER events, merged across articles as ``newsgraph ingest`` does, against gold event
    mentions. An event of ours matches the gold mention its trigger overlaps; the rest are system
    mentions of their own. Returns the row and (our mentions matched, gold mentions)."""
    from newsgraph.corpus import build_corpus_mentions
    from newsgraph.stories.merge import group_mentions

    ids = [d.doc_id for d in run.dataset.docs if d.topic in topics]
    annotated = [(run.articles[i], run.annotations[i]) for i in ids if i in run.articles]
    groups = group_mentions(build_corpus_mentions(annotated))
    gold = [m for m in run.dataset.mentions if m.topic in topics]
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for m in gold:
        by_doc[m.doc_id].append(m)
    response: dict[Hashable, int] = {}
    matched = 0
    for n, group in enumerate(groups):
        for mi in group:
            s = mi.data["trigger_start"]
            e = s + len(mi.data.get("trigger") or " ")
            hit = next((g for g in by_doc.get(mi.article_id, []) if g.start < e and s < g.end), None)
            if hit is not None:
                matched += 1
            response[hit.id if hit is not None else f"{mi.article_id}:{s}"] = n
    key = {m.id: m.cluster for m in gold}
    return CorefRow("our PLOVER events", len(response), score(key, response), None), matched, len(key)


# ------------------------------------------------------------------------ Giveme5W1H


def giveme_story_score(pipeline: Any | None = None) -> ClusterScore:
    """Story B³ on Giveme5W1H's 96 articles (gold: the event each was sampled for)."""
    from newsgraph.evaluation.events import load_giveme
    from newsgraph.model import Article
    from newsgraph.pipeline import Pipeline

    recs = load_giveme()
    pipe = pipeline or Pipeline()
    arts = [Article(id=r.id, source_path=f"giveme/{r.id}", text=r.text, title=r.title, published=r.published)
            for r in recs]
    items = pipe.annotate(arts)
    articles = {it.article.id: it.article for it in items if it.article is not None}
    anns = {it.article.id: it.ann for it in items if it.article is not None}
    gold = {r.id: str(r.category) for r in recs}
    return cluster_score("Giveme5W1H (ours, online)", gold, our_stories(articles, anns))
