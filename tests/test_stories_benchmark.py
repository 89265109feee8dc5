"""Pinned minimum scores for story clustering and event coreference (bench/stories.py)."""

from __future__ import annotations

import pytest

from newsgraph.evaluation import stories as sv
from newsgraph.evaluation.entities import ECBPLUS
from newsgraph.evaluation.events import GIVEME

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

# Reached 2026-12-01 (bench/stories.py). Raise them when the figures rise; never lower
# them silently (say why here and in docs/benchmarks.md).
# Raised 2026-12-01 when stories learnt to split: 0.84 → 0.90, 0.75 → 0.77, 0.87 → 0.88.
ECB_STORY_B3 = 0.90  # all 982 documents, gold = sub-topic: 0.905 (TF-IDF + average link 0.875)
ECB_EVENT_CONLL = 0.77  # gold event mentions, test topics 36-45, within our stories: 0.782 (lemma 0.749)
GIVEME_STORY_B3 = 0.88  # 96 articles, 13 event labels: 0.896


@pytest.fixture(scope="module")
def run() -> sv.SystemRun:
    if not ECBPLUS.exists():
        pytest.skip(f"{ECBPLUS} not present")
    return sv.run_ecb()


def test_ecb_story_clustering(run):
    rows = {r.name: r for r in sv.ecb_story_scores(run)}
    ours = rows["ours (online)"]
    assert ours.n_docs == 982
    assert ours.b3.f1 >= ECB_STORY_B3, ours
    assert ours.b3.f1 > rows["TF-IDF + average link"].b3.f1  # the batch baseline of the same run


def test_ecb_event_coreference_gold_mentions_beats_same_lemma(run):
    row = sv.event_coref_gold_mentions(run, sv.our_stories(run.articles, run.annotations))
    assert row.n_mentions == 1780  # the standard test-topic count of the CDCR literature
    assert row.baseline is not None
    assert row.ours.conll >= ECB_EVENT_CONLL, row
    assert row.ours.conll > row.baseline.conll + 0.02


def test_giveme_stories():
    if not GIVEME.exists():
        pytest.skip(f"{GIVEME} not present")
    assert sv.giveme_story_score().b3.f1 >= GIVEME_STORY_B3
