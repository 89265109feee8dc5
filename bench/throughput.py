"""Throughput: whole newsgraph pipeline vs bare spaCy ``nlp.pipe`` on the same texts, in one run.

    .venv/bin/python bench/throughput.py [--n 300] [--source ecbplus|examples]

Texts: the first N documents of ../shared/data/ecbplus/docs.jsonl (real news,
read at run time, never copied), or the example corpus. The pipeline figure
includes cleaning, parsing, every document stage, storing (one transaction per
batch, in-memory SQLite) and the corpus-level rebuild. The ratio
bare/pipeline articles-per-second is the cost of everything beyond parsing;
1.0 would mean that everything else is free.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.api import IngestSummary, store_items  # noqa: E402
from newsgraph.corpus import rebuild  # noqa: E402
from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.ingest import read_inputs  # noqa: E402
from newsgraph.model import RawDocument  # noqa: E402
from newsgraph.nlp.spacy_model import load  # noqa: E402
from newsgraph.pipeline import Item, Pipeline, PipelineConfig  # noqa: E402
from newsgraph.stages import clean_item  # noqa: E402
from newsgraph.store import open_store  # noqa: E402

ECB = ROOT.parent / "shared" / "data" / "ecbplus" / "docs.jsonl"


def texts_from(source: str, n: int) -> list[RawDocument]:
    if source == "ecbplus" and ECB.exists():
        docs = []
        with ECB.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                lines = rec["text"].split("\n")
                if lines and lines[0].startswith("http"):
                    lines = lines[1:]  # sentence 0 of ECB+ docs is the source URL
                body = "\n\n".join(lines)
                docs.append(RawDocument(f"ecbplus/{rec['doc_id']}", body, "text", {"published": "2012-01-01T12:00:00+00:00"}))
                if len(docs) >= n:
                    break
        return docs
    raws = [r for r in read_inputs([str(ROOT / "examples")]) if isinstance(r, RawDocument)]
    return (raws * (n // max(len(raws), 1) + 1))[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--source", default="ecbplus", choices=["ecbplus", "examples"])
    args = ap.parse_args()
    raws = texts_from(args.source, args.n)
    config = PipelineConfig()
    pipe = Pipeline(config)
    nlp = load()
    # Same texts for both: the cleaned article bodies the pipeline parses.

    bodies, kept, skipped = [], [], 0
    for r in raws:
        it = Item(r)
        try:
            clean_item(it, config)
        except NewsgraphError:
            skipped += 1  # e.g. a three-line ECB+ snippet with no prose: not an article
            continue
        if it.article is None:
            skipped += 1
            continue
        bodies.append(it.article.text)
        kept.append(r)
    raws = kept
    list(nlp.pipe(bodies[:10]))  # warm up both paths
    t0 = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=config.batch_size):
        pass
    bare = time.perf_counter() - t0
    store = open_store(":memory:")
    t0 = time.perf_counter()
    summary = IngestSummary()
    store_items(store, pipe.pipe(raws), config.batch_size, summary)
    rebuild(store)
    full = time.perf_counter() - t0
    n = len(raws)
    words = sum(len(b.split()) for b in bodies)
    print(f"texts: {n} ({args.source}; {skipped} skipped: no article body), {words} words; "
          f"stored {summary.stored}, failed {summary.failed}")
    print(f"bare nlp.pipe:   {n / bare:8.1f} articles/s  ({words / bare:8.0f} words/s)")
    print(f"whole pipeline:  {n / full:8.1f} articles/s  ({words / full:8.0f} words/s)")
    print(f"ratio pipeline time / bare parse time: {full / bare:.2f}")
    print(f"command: .venv/bin/python bench/throughput.py --n {args.n} --source {args.source}")


if __name__ == "__main__":
    main()
