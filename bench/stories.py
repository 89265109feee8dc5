"""Stories across outlets: story clustering, event coreference, Giveme5W1H stories, scaling.

    .venv/bin/python bench/stories.py [--only ecb,coref,giveme,scale] [--scale-sizes 1000,5000,10000,50000]

* ecb: cluster all 982 ECB+ documents; gold story = sub-topic. B³ and pairwise
  F1 for newsgraph's online clustering and for a TF-IDF + average-link baseline
  (threshold tuned on topics 1-35) in the same run.
* coref: ECB+ cross-document event coreference on the test topics (36-45),
  MUC / B³ / CEAF-e / CoNLL F1: gold event mentions within our stories and
  within gold sub-topics, each beside the same-lemma baseline; then our own
  PLOVER events.
* giveme: story B³ on Giveme5W1H (96 articles, 12 events).
* scale: time per new article as the story index grows, on synthetic
  variants of the ECB+ articles' features (the example corpus's when ECB+ is
  not parsed in the same run) spread over two years of dates.

ECB+ is parsed once (about 2.5 min) for ecb and coref. See
``newsgraph.evaluation.stories``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import stories as sv  # noqa: E402
from newsgraph.evaluation.coref import CorefScores  # noqa: E402
from newsgraph.evaluation.entities import ECB_TEST_TOPICS  # noqa: E402
from newsgraph.stories.cluster import ArticleFeatures, StoryIndex  # noqa: E402

# Share of an article's terms each synthetic variant keeps (the rest are dropped at random).
VARIANT_KEEP = 0.7


def show_cluster(rows: list[sv.ClusterScore]) -> None:
    print(f"{'clustering':<38} {'docs':>5} {'gold':>5} {'ours':>5}   {'B3 P':>6} {'R':>6} {'F1':>6}"
          f"   {'pair P':>6} {'R':>6} {'F1':>6}")
    for r in rows:
        print(f"{r.name:<38} {r.n_docs:>5} {r.n_gold:>5} {r.n_clusters:>5}   {r.b3.precision:6.3f} {r.b3.recall:6.3f}"
              f" {r.b3.f1:6.3f}   {r.pairwise.precision:6.3f} {r.pairwise.recall:6.3f} {r.pairwise.f1:6.3f}"
              f"   {r.note}")


def fmt(s: CorefScores) -> str:
    return f"{s.muc.f1:6.3f} {s.b3.f1:6.3f} {s.ceafe.f1:6.3f} {s.conll:6.3f}"


def coref(run: sv.SystemRun) -> None:
    ours = sv.our_stories(run.articles, run.annotations)
    gold_sub = {d.doc_id: d.subtopic for d in run.dataset.docs}
    print(f"{'event coreference, ECB+ test topics':<44} {'mentions':>8}   {'ours: MUC   B3  CEAFe  CoNLL':<28}"
          f"   {'same lemma: MUC B3 CEAFe CoNLL'}")
    for name, scope in (("gold mentions, within our stories", ours), ("gold mentions, within gold sub-topics", gold_sub)):
        row = sv.event_coref_gold_mentions(run, scope)
        assert row.baseline is not None
        print(f"{name:<44} {row.n_mentions:>8}   {fmt(row.ours)}   {fmt(row.baseline)}")
    row, matched, n_gold = sv.event_coref_ours(run)
    print(f"{'our PLOVER events (system mentions)':<44} {row.n_mentions:>8}   {fmt(row.ours)}"
          f"   ({matched} of ours on a gold mention; {n_gold} gold mentions)")
    print("context overlap sweep on train topics 1-35 (gold mentions, our stories), CoNLL F1:")
    for ov in (0.0, 0.05, 0.1, 0.15, 0.2):
        r = sv.event_coref_gold_mentions(run, ours, topics=sv.ECB_TRAIN_TOPICS, overlap=ov)
        print(f"  overlap {ov:.2f}: {r.ours.conll:.3f}")


def scale(sizes: list[int], run_feats: list[dict[str, float]], seed: int = 7) -> None:
    """Per-article cost of ``StoryIndex.add`` at several store sizes (synthetic stream).

    Variant n of base text i keeps a random VARIANT_KEEP of its terms and gets
    one term of its own cycle, so a text's variants two weeks apart are
    different stories; dates run evenly over two years (about 70 a day at 50 000).
    """
    rng = random.Random(seed)
    start = datetime(2024, 1, 1)
    span = timedelta(days=730)
    biggest = max(sizes)
    stream: list[ArticleFeatures] = []
    for n in range(biggest + 500):
        base = run_feats[n % len(run_feats)]
        terms = {t: w for t, w in base.items() if rng.random() < VARIANT_KEEP}
        terms[f"w:variant{n // len(run_feats)}"] = 1.0  # variants of one text belong to different stories
        stream.append(ArticleFeatures(f"a{n}", start + span * (n / biggest), terms))
    index = StoryIndex()
    print(f"{'stored articles':>15} {'ms per new article':>19} {'stories compared':>17} {'stories':>8}")
    first = None
    pos = 0
    for size in sorted(sizes):
        while pos < size:
            index.add(stream[pos])
            pos += 1
        before = index.compared
        t0 = time.perf_counter()
        for a in stream[pos:pos + 500]:
            index.add(a)
        per = (time.perf_counter() - t0) / 500 * 1000
        pos += 500
        first = first or per
        print(f"{size:>15} {per:>19.3f} {(index.compared - before) / 500:>17.1f} {len(index.stories):>8}"
              f"   ratio to first {per / first:.2f}")


def _example_features() -> list[dict[str, float]]:
    """Feature bags of real articles when ECB+ is not parsed: the bundled example corpus."""
    from newsgraph.ingest import read_inputs
    from newsgraph.model import RawDocument
    from newsgraph.pipeline import Pipeline

    raws = [r for r in read_inputs([str(ROOT / "examples")]) if isinstance(r, RawDocument)]
    return [it.ann["terms"] for it in Pipeline().pipe(raws) if it.failure is None]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="ecb,coref,giveme,scale")
    ap.add_argument("--scale-sizes", default="1000,5000,10000,25000,50000")
    args = ap.parse_args()
    parts = set(args.only.split(","))
    print(f"command: .venv/bin/python bench/stories.py --only {args.only}")
    feats: list[dict[str, float]] = []
    if parts & {"ecb", "coref"}:
        t0 = time.time()
        run = sv.run_ecb()
        print(f"ECB+ parsed: {len(run.articles)} documents in {time.time() - t0:.0f} s, {len(run.failures)} failures,"
              f" test topics {sorted(ECB_TEST_TOPICS, key=int)[0]}-{sorted(ECB_TEST_TOPICS, key=int)[-1]}")
        if "ecb" in parts:
            show_cluster(sv.ecb_story_scores(run))
        if "coref" in parts:
            coref(run)
        feats = [ann.get("terms", {}) for ann in run.annotations.values()]
    if "giveme" in parts:
        show_cluster([sv.giveme_story_score()])
    if "scale" in parts:
        scale([int(x) for x in args.scale_sizes.split(",")], feats or _example_features())


if __name__ == "__main__":
    main()
