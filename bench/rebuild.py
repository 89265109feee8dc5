"""Cost of the corpus-level rebuild that ends every ``newsgraph ingest``, as the store grows.

    .venv/bin/python bench/rebuild.py [--sizes 1000,2000,5000,10000] [--source ecb|examples]

After storing new articles, ``ingest`` re-runs the corpus-level stages over
every stored annotation (``corpus.rebuild``: read annotations, resolve
entities, cluster stories, merge events, attribute quotes, summarise stories,
replace the tables). That step is linear in the store; this prints how long it
takes, per stored article, at each size, split into its parts, so the figure
in docs/benchmarks.md can be reproduced.

The store is synthetic: copies of real parsed articles (ECB+'s 982 documents,
or the example corpus) under new ids, each copy's dates shifted by
``COPY_SHIFT_DAYS`` so that copies are separate stories, written with
``Store.write_batch`` into a SQLite file.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.corpus import build_corpus  # noqa: E402
from newsgraph.store import open_store  # noqa: E402

# Days between copies of the source corpus: beyond the story window (7 days), so each copy
# forms stories of its own instead of joining the first copy's.
COPY_SHIFT_DAYS = 30


def _source(name: str) -> list[tuple]:
    """(article, annotations) pairs parsed once by the real pipeline."""
    if name == "ecb":
        from newsgraph.evaluation.stories import run_ecb

        run = run_ecb()
        return [(run.articles[k], run.annotations[k]) for k in run.annotations if k in run.articles]
    from newsgraph.ingest import read_inputs
    from newsgraph.model import RawDocument
    from newsgraph.pipeline import Pipeline

    raws = [r for r in read_inputs([str(ROOT / "examples")]) if isinstance(r, RawDocument)]
    return [(it.article, it.ann) for it in Pipeline().pipe(raws) if it.failure is None and it.article is not None]


def _copies(base: list[tuple], n: int) -> list[tuple]:
    out = []
    for k in range(n):
        art, ann = base[k % len(base)]
        round_ = k // len(base)
        a = copy.copy(art)
        a.id = f"{art.id}~{round_}"
        a.source_path = f"{art.source_path}~{round_}"
        a.duplicate_of = None
        a.meta = dict(art.meta)
        when = datetime.fromisoformat(art.published) if art.published else datetime(2020, 1, 1)
        a.published = (when + timedelta(days=COPY_SHIFT_DAYS * round_)).isoformat()
        out.append((a, f"h{k}", ann))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    ap.add_argument("--source", choices=["ecb", "examples"], default="ecb")
    args = ap.parse_args()
    print(f"command: .venv/bin/python bench/rebuild.py --sizes {args.sizes} --source {args.source}")
    base = _source(args.source)
    print(f"source: {len(base)} parsed articles ({args.source})")
    print(f"{'stored':>8} {'read s':>8} {'build s':>8} {'write s':>8} {'total s':>8} {'ms/article':>11}")
    first = None
    for size in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as d:
            store = open_store(str(Path(d) / "news.db"))
            rows = _copies(base, size)
            for i in range(0, len(rows), 500):
                store.write_batch(rows[i:i + 500], [])
            t0 = time.perf_counter()
            annotated = list(store.iter_annotated())
            t1 = time.perf_counter()
            result = build_corpus(annotated)
            t2 = time.perf_counter()
            store.replace_corpus(result)
            t3 = time.perf_counter()
            store.close()
        per = (t3 - t0) / size * 1000
        first = first or per
        print(f"{size:>8} {t1 - t0:>8.2f} {t2 - t1:>8.2f} {t3 - t2:>8.2f} {t3 - t0:>8.2f} {per:>11.2f}"
              f"   ratio to first {per / first:.2f}")


if __name__ == "__main__":
    main()
