"""Pinned minimums for the report-field classifier (nlp.domain) on silver labels from real
articles' URL sections and categories (evaluation.domains); figures from bench/domains.py."""

from __future__ import annotations

import pytest

from newsgraph.evaluation import domains

pytestmark = pytest.mark.realdata

# Reached 2026-12-01 (bench/domains.py, 182 labelled articles): decided right 0.830; political
# and general news kept (recall of "none") 0.976; sports precision 0.972 recall 0.897; accident
# precision 0.882 recall 0.833. Keeping political reports matters most: a report put in a
# non-political field loses its events, so "none" recall is pinned highest.
RIGHT = 0.81
NONE_RECALL = 0.96
SPORTS = (0.95, 0.87)
ACCIDENT = (0.85, 0.80)


def test_domain_classifier_minimums() -> None:
    arts = list(domains.labelled_articles())
    if not arts:
        pytest.skip("no labelled articles under ../shared/data")
    s = domains.score(arts)
    assert s.n >= 180
    assert s.right / s.n >= RIGHT, s.right / s.n
    assert s.prf("None")[1] >= NONE_RECALL, s.prf("None")
    p, r = s.prf("sports")
    assert p >= SPORTS[0] and r >= SPORTS[1], (p, r)
    p, r = s.prf("accident")
    assert p >= ACCIDENT[0] and r >= ACCIDENT[1], (p, r)
