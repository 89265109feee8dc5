"""Pinned minimum scores on the article-extraction benchmark (../shared/data).

The figures come from bench/extraction.py (docs/benchmarks.md). CI fails when
a change drops a score below its pin; raise a pin when a change improves it,
never lower one silently.
"""

from __future__ import annotations

import pytest

from newsgraph.evaluation import extraction as ex

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

# Reached 2026-11-23: newsgraph HTML P 0.971 R 0.979 F1 0.970.
MIN_HTML_F1 = 0.968
MIN_HTML_PRECISION = 0.968


@pytest.fixture(scope="module")
def pages() -> list[ex.Page]:
    if not ex.DATASET.exists():
        pytest.skip(f"{ex.DATASET} not present")
    return ex.load_pages()


def test_html_track_beats_trafilatura_and_pin(pages: list[ex.Page]) -> None:
    ours = ex.run_track("newsgraph", pages, ex.newsgraph_html).mean
    plain = ex.run_track("trafilatura", pages, ex.trafilatura_default).mean
    precise = ex.run_track("trafilatura precision", pages, ex.trafilatura_precision).mean
    assert ours.f1 >= MIN_HTML_F1, ours
    assert ours.precision >= MIN_HTML_PRECISION, ours
    assert ours.f1 >= max(plain.f1, precise.f1), (ours, plain, precise)
