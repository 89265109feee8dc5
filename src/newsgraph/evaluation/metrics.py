"""Small scoring helpers shared by the benchmarks."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def harmonic(precision: float, recall: float) -> PRF:
    """Precision and recall with their F1 (0 when both are 0)."""
    s = precision + recall
    return PRF(precision, recall, 2 * precision * recall / s if s else 0.0)


def count_prf(hit_sys: float, n_sys: float, n_gold: float, hit_gold: float | None = None) -> PRF:
    """P = ``hit_sys`` / ``n_sys``, R = ``hit_gold`` (default ``hit_sys``) / ``n_gold``, and F1; an
    empty side scores 0. ``hit_gold`` differs when matches are counted on each side apart
    (relaxed overlaps, coreference links)."""
    hits_r = hit_sys if hit_gold is None else hit_gold
    return harmonic(hit_sys / n_sys if n_sys else 0.0, hits_r / n_gold if n_gold else 0.0)


def tokens(text: str) -> Counter[str]:
    """Bag of lower-cased ``\\w+`` tokens (the article-extraction benchmark's unit)."""
    return Counter(_TOKEN.findall(text.lower()))


def token_prf(predicted: str, gold: str) -> PRF:
    """Bag-of-words precision, recall and F1 of ``predicted`` against ``gold``.

    Empty prediction against a non-empty gold scores 0/0/0; both empty scores 1.
    """
    p, g = tokens(predicted), tokens(gold)
    np_, ng = sum(p.values()), sum(g.values())
    if np_ == 0 and ng == 0:
        return PRF(1.0, 1.0, 1.0)
    if np_ == 0 or ng == 0:
        return PRF(0.0, 0.0, 0.0)
    common = sum((p & g).values())
    return count_prf(common, np_, ng)


def mean_prf(scores: list[PRF]) -> PRF:
    """Macro average over pages (each page counts once)."""
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    n = len(scores)
    return PRF(
        sum(s.precision for s in scores) / n,
        sum(s.recall for s in scores) / n,
        sum(s.f1 for s in scores) / n,
    )
