"""Coreference scores: MUC, B³, CEAF-e and the CoNLL F1 (their mean).

Generic over what is clustered (entity mentions here, event mentions later):
a clustering is a mapping ``mention id → cluster id``. Definitions follow the
reference scorer described by Pradhan et al. (2014), "Scoring Coreference
Partitions of Predicted Mentions: A Reference Implementation" (ACL):

* **MUC** (Vilain et al. 1995), link based: recall is, over key clusters K,
  Σ(|K| − |p(K)|) / Σ(|K| − 1), where p(K) is the partition of K by the response
  (a key mention the response lacks is a part of its own); precision swaps
  key and response. Singletons carry no links and count for nothing.
* **B³** (Bagga & Baldwin 1998), mention based: recall is
  Σ_K Σ_R |K ∩ R|² / |K| over the number of key mentions; precision swaps.
* **CEAF-e** (Luo 2005), entity based: the one-to-one alignment of key and
  response clusters that maximises Σ φ4(K, R) = 2|K ∩ R| / (|K| + |R|)
  (Kuhn–Munkres, via scipy's ``linear_sum_assignment``); recall divides that
  total by the number of key clusters, precision by the number of response clusters.
* **CoNLL F1**: the unweighted mean of the three F1s.

Key and response may cover different mentions (system mentions); a mention in
only one of them simply has no partner in the other. A score whose denominator
is empty is 0, as in the reference scorer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from newsgraph.evaluation.metrics import PRF, count_prf

Clustering = Mapping[Any, Hashable]  # mention id → cluster id
M = TypeVar("M", bound=Hashable)
C = TypeVar("C", bound=Hashable)


@dataclass(frozen=True)
class CorefScores:
    muc: PRF
    b3: PRF
    ceafe: PRF

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3


def clusters_of(clustering: Clustering) -> list[frozenset[Hashable]]:
    """The clusters of a mapping ``mention → cluster id`` as sets of mentions (stable order)."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cid in clustering.items():
        groups[cid].add(mention)
    return [frozenset(g) for g in groups.values()]


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> PRF:
    return count_prf(num_p, den_p, den_r, hit_gold=num_r)


def _muc_side(gold: list[frozenset[Hashable]], other: Clustering) -> tuple[int, int]:
    num = den = 0
    for k in gold:
        parts = {other[m] for m in k if m in other}
        parts_count = len(parts) + sum(1 for m in k if m not in other)
        num += len(k) - parts_count
        den += len(k) - 1
    return num, den


def muc(key: Clustering, response: Clustering) -> PRF:
    nr, dr = _muc_side(clusters_of(key), response)
    np_, dp = _muc_side(clusters_of(response), key)
    return _prf(nr, dr, np_, dp)


def _b3_side(gold: list[frozenset[Hashable]], other: Clustering) -> float:
    total = 0.0
    for k in gold:
        overlap: dict[Hashable, int] = defaultdict(int)
        for m in k:
            if m in other:
                overlap[other[m]] += 1
        total += sum(n * n for n in overlap.values()) / len(k)
    return total


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    return _prf(
        _b3_side(clusters_of(key), response), len(key), _b3_side(clusters_of(response), key), len(response)
    )


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    kcl, rcl = clusters_of(key), clusters_of(response)
    best = _best_alignment(key, response)
    return _prf(best, len(kcl), best, len(rcl))


def _best_alignment(key: Clustering, response: Clustering) -> float:
    """Σ φ4 over the best one-to-one alignment of key and response clusters.

    Only overlapping clusters have φ4 > 0, so the problem splits into the connected
    components of the overlap graph; each is solved with Kuhn–Munkres on its own
    (a corpus of thousands of mostly singleton clusters gives many tiny problems).
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    ksize: dict[Hashable, int] = defaultdict(int)
    rsize: dict[Hashable, int] = defaultdict(int)
    for c in key.values():
        ksize[c] += 1
    for c in response.values():
        rsize[c] += 1
    inter: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for m, kc in key.items():
        if m in response:
            inter[(kc, response[m])] += 1
    # Union-find over ("k", cluster) and ("r", cluster) nodes.
    parent: dict[tuple[str, Hashable], tuple[str, Hashable]] = {}

    def find(x: tuple[str, Hashable]) -> tuple[str, Hashable]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for kc, rc in inter:
        a, b = find(("k", kc)), find(("r", rc))
        if a != b:
            parent[a] = b
    components: dict[tuple[str, Hashable], list[tuple[Hashable, Hashable]]] = defaultdict(list)
    for pair in inter:
        components[find(("k", pair[0]))].append(pair)
    best = 0.0
    for pairs in components.values():
        if len(pairs) == 1:
            (kc, rc), = pairs
            best += 2.0 * inter[(kc, rc)] / (ksize[kc] + rsize[rc])
            continue
        rows = list(dict.fromkeys(k for k, _ in pairs))
        cols = list(dict.fromkeys(r for _, r in pairs))
        rpos = {k: i for i, k in enumerate(rows)}
        cpos = {r: j for j, r in enumerate(cols)}
        sim = np.zeros((len(rows), len(cols)))
        for kc, rc in pairs:
            sim[rpos[kc], cpos[rc]] = 2.0 * inter[(kc, rc)] / (ksize[kc] + rsize[rc])
        r_ind, c_ind = linear_sum_assignment(sim, maximize=True)
        best += float(sim[r_ind, c_ind].sum())
    return best


def score(key: Clustering, response: Clustering) -> CorefScores:
    """MUC, B³ and CEAF-e of ``response`` against ``key``."""
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def without_singletons(clustering: Mapping[M, C]) -> dict[M, C]:
    """The clustering without its singleton clusters.

    Applied to key and response separately, this is the "no singletons" setting
    that Cattan et al. (2021) recommend reporting beside the full one.
    """
    size: dict[C, int] = defaultdict(int)
    for c in clustering.values():
        size[c] += 1
    return {m: c for m, c in clustering.items() if size[c] > 1}
