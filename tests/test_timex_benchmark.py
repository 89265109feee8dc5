"""Pinned minimum scores on TempEval-3 (../shared/data/tempeval3); figures from bench/timex.py."""

from __future__ import annotations

import pytest

from newsgraph.evaluation import timex as tx

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

# Reached 2026-11-23 (bench/timex.py): te3-platinum value F1 0.843, relaxed extent F1 0.940,
# strict 0.791; TBAQ-cleaned TimeBank value F1 0.640, AQUAINT 0.708.
MINIMUMS = {
    "te3-platinum": {"value": 0.83, "relaxed": 0.93, "strict": 0.78},
    "TBAQ-cleaned/AQUAINT": {"value": 0.70, "relaxed": 0.90, "strict": 0.80},
}


@pytest.mark.parametrize("split", sorted(MINIMUMS))
def test_tempeval3_minimums(split: str, nlp) -> None:
    if not tx.DATASET.exists():
        pytest.skip(f"{tx.DATASET} not present")
    s = tx.score(tx.load_docs(split), nlp)
    pins = MINIMUMS[split]
    assert s.n_gold > 100
    assert s.value_prf.f1 >= pins["value"], s.value_prf
    assert s.relaxed_prf.f1 >= pins["relaxed"], s.relaxed_prf
    assert s.strict_prf.f1 >= pins["strict"], s.strict_prf
