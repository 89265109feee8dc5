"""MUC, B³, CEAF-e and CoNLL F1 on hand-computed examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.evaluation.coref import (
    b_cubed,
    ceaf_e,
    clusters_of,
    muc,
    score,
    without_singletons,
)


def clustering(*clusters: str) -> dict[str, int]:
    """clustering("abc", "defg") → {a: 0, b: 0, c: 0, d: 1, …}."""
    return {m: i for i, c in enumerate(clusters) for m in c}


# Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions", figure 1:
# key {a b c} {d e f g}; response {a b} {c d} {f g h i} (h, i are mentions the key lacks,
# e is one the response lacks).
KEY = clustering("abc", "defg")
RESPONSE = clustering("ab", "cd", "fghi")


def test_muc_worked_example():
    # recall: {a b c} is split into 2 parts, {d e f g} into 3 ({d}, {e} missing, {f g}):
    # ((3-2) + (4-3)) / ((3-1) + (4-1)) = 2/5.  precision: {a b} 1 part, {c d} 2, {f g h i} 3
    # ({f g}, {h}, {i}): ((2-1) + (2-2) + (4-3)) / (1 + 1 + 3) = 2/5.
    s = muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(2 / 5)
    assert s.precision == pytest.approx(2 / 5)
    assert s.f1 == pytest.approx(2 / 5)


def test_b_cubed_worked_example():
    # recall: (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7 key mentions = (35/12) / 7
    # precision: (2²/2 + 1²/2 + 1²/2 + 2²/4) / 8 response mentions = 4/8
    s = b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx(35 / 12 / 7)
    assert s.precision == pytest.approx(0.5)


def test_ceaf_e_worked_example():
    # φ4: K1-R1 = 2·2/5 = 0.8, K1-R2 = 2·1/5, K2-R2 = 2·1/6, K2-R3 = 2·2/8 = 0.5.
    # Best alignment K1-R1 + K2-R3 = 1.3 (better than K1-R2 + K2-R3 = 0.9 or K1-R1 + K2-R2 ≈ 1.13).
    s = ceaf_e(KEY, RESPONSE)
    assert s.recall == pytest.approx(1.3 / 2)
    assert s.precision == pytest.approx(1.3 / 3)


def test_conll_is_the_mean_of_the_three_f1s():
    s = score(KEY, RESPONSE)
    assert s.conll == pytest.approx((s.muc.f1 + s.b3.f1 + s.ceafe.f1) / 3)
    # the figure's numbers: MUC F 0.40, B³ F 2·0.417·0.5/0.917, CEAF-e F 2·0.65·0.433/1.083
    b3 = 2 * (35 / 84) * 0.5 / (35 / 84 + 0.5)
    ce = 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3)
    assert s.conll == pytest.approx((0.4 + b3 + ce) / 3)


def test_identical_clusterings_score_one():
    s = score(KEY, dict(KEY))
    assert (s.muc.f1, s.b3.f1, s.ceafe.f1) == pytest.approx((1.0, 1.0, 1.0))


def test_cluster_ids_do_not_matter():
    renamed = {m: f"x{c}" for m, c in RESPONSE.items()}
    assert score(KEY, renamed) == score(KEY, RESPONSE)


def test_all_singletons_against_one_cluster():
    key = clustering("abc")
    resp = clustering("a", "b", "c")
    # MUC: no response link → recall 0/2; precision has an empty denominator → 0.
    assert muc(key, resp).f1 == 0.0
    # B³: recall 3·(1/3)/3 = 1/3, precision 1.
    b3 = b_cubed(key, resp)
    assert (b3.recall, b3.precision) == pytest.approx((1 / 3, 1.0))
    # CEAF-e: one aligned pair, φ4({a b c}, {a}) = 2/4: recall 0.5/1, precision 0.5/3.
    ce = ceaf_e(key, resp)
    assert (ce.recall, ce.precision) == pytest.approx((0.5, 0.5 / 3))


def test_one_cluster_against_all_singletons():
    # The "merge everything" response: the key has one link (d-e), found; the response
    # claims 4 links of which 1 is right.
    key = clustering("a", "b", "c", "de")
    resp = clustering("abcde")
    m = muc(key, resp)
    assert (m.recall, m.precision) == pytest.approx((1.0, 1 / 4))
    b3 = b_cubed(key, resp)
    # precision: 1²/5·3 + 2²/5 = 7/5 over 5 mentions; recall 1.
    assert (b3.recall, b3.precision) == pytest.approx((1.0, 7 / 25))


def test_response_with_an_extra_mention():
    key = clustering("ab")
    resp = clustering("abc")
    m = muc(key, resp)
    assert (m.recall, m.precision) == pytest.approx((1.0, 0.5))  # {a b c} splits into {a b} {c}
    b3 = b_cubed(key, resp)
    assert (b3.recall, b3.precision) == pytest.approx((1.0, 4 / 9))
    ce = ceaf_e(key, resp)
    assert (ce.recall, ce.precision) == pytest.approx((0.8, 0.8))


def test_empty_inputs_score_zero():
    s = score({}, {})
    assert (s.muc.f1, s.b3.f1, s.ceafe.f1) == (0.0, 0.0, 0.0)


def test_without_singletons():
    assert without_singletons(clustering("ab", "c", "def")) == clustering("ab", "", "def")
    assert sorted(map(sorted, clusters_of(clustering("ab", "c")))) == [["a", "b"], ["c"]]


def _dense_ceaf(key: dict[int, int], resp: dict[int, int]) -> float:
    """CEAF-e's best total without the component split (reference for the property test)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    kcl, rcl = clusters_of(key), clusters_of(resp)
    sim = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in rcl] for k in kcl])
    i, j = linear_sum_assignment(sim, maximize=True)
    return float(sim[i, j].sum())


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.integers(0, 30), st.integers(0, 6), min_size=1),
    st.dictionaries(st.integers(0, 30), st.integers(0, 6), min_size=1),
)
def test_component_alignment_equals_the_dense_one(key, resp):
    s = ceaf_e(key, resp)
    best = _dense_ceaf(key, resp)
    assert s.recall == pytest.approx(best / len(clusters_of(key)))
    assert s.precision == pytest.approx(best / len(clusters_of(resp)))
