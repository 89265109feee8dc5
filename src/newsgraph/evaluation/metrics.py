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
    prec, rec = common / np_, common / ng
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return PRF(prec, rec, f1)


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
