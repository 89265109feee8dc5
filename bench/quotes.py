"""Quotes and speakers against the hand-annotated gold (tests/data/quotes_gold.jsonl, 40 Giveme5W1H articles).

    .venv/bin/python bench/quotes.py [--set dev|heldout|all] [--errors 20]

``dev`` (tests/data/quotes_gold.jsonl, 40 articles) is the set the extractor was
developed on; ``heldout`` (quotes_gold_heldout.jsonl, 24 other articles, another
annotator) was annotated after it and is the fair figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import quotes as qe  # noqa: E402
from newsgraph.pipeline import Pipeline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="list N speaker errors")
    ap.add_argument("--set", default="all", choices=[*qe.SETS, "all"])
    args = ap.parse_args()
    pipe = Pipeline()
    for name in qe.SETS if args.set == "all" else (args.set,):
        report(name, pipe, args.errors)
    print("command: .venv/bin/python bench/quotes.py " + " ".join(sys.argv[1:]))


def report(name: str, pipe: Pipeline, errors: int) -> None:
    arts = qe.load_gold(qe.SETS[name])
    s = qe.score(arts, qe.annotate(arts, pipe))
    print(f"{name}:")
    sp, ws = s.spans, s.with_speaker
    print(f"{len(arts)} articles, {s.n_gold} gold quotes ({dict(s.gold_by_kind)}), {s.n_sys} found ({dict(s.sys_by_kind)})")
    print(f"  spans          P {sp.precision:.3f} R {sp.recall:.3f} F1 {sp.f1:.3f}"
          f"   recall direct {s.recall('direct'):.3f} indirect {s.recall('indirect'):.3f}"
          f"   precision of ours: direct {s.precision('direct'):.3f} indirect {s.precision('indirect'):.3f}")
    print(f"  speakers       {s.speaker_accuracy:.3f} of matched quotes right"
          f" (named gold speakers {s.speaker_named_ok}/{s.speaker_named} = {s.named_speaker_accuracy:.3f};"
          f" unnamed {s.speaker_other_ok}/{s.speaker_other})")
    print(f"  quote+speaker  P {ws.precision:.3f} R {ws.recall:.3f} F1 {ws.f1:.3f}")
    for e in s.errors[:errors]:
        print(f"    {e[0]} {e[1]:<8} gold {e[2]:<40} ours {e[3]}")


if __name__ == "__main__":
    main()
