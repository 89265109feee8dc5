"""PLOVER event coding against gold records.

    .venv/bin/python bench/events.py [--errors 30] [--confusion]

1. ../shared/data/plover/PLOVER_GSR_CAMEO.json (322 records): type, mode, actor,
   recipient and full-triple accuracy of newsgraph's main event per sentence.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import events as ev  # noqa: E402
from newsgraph.pipeline import Pipeline  # noqa: E402


def plover(pipe: Pipeline, errors: int, confusion: bool) -> None:
    recs = ev.load_plover()
    anns = ev.annotate_sentences([(r.id, r.text, r.date) for r in recs], pipe)
    s = ev.score_plover(recs, anns)
    print(f"PLOVER GSR: {s.n} records; no event for {s.no_event}; pipeline failures {s.failed}")
    print(f"  type accuracy {s.rate(s.type_ok):.3f} (any event of the gold type {s.rate(s.type_any):.3f})")
    print(f"  mode accuracy {s.rate(s.mode_ok, s.mode_n):.3f} ({s.mode_ok}/{s.mode_n} typed right with a gold mode)")
    print(f"  actor {s.rate(s.actor_ok):.3f}  recipient {s.rate(s.recipient_ok):.3f}  full triple {s.rate(s.triple_ok):.3f}")
    if confusion:
        by_gold: Counter[str] = Counter()
        for (g, _o), k in s.confusion.items():
            by_gold[g] += k
        for g in sorted(by_gold):
            row = {o: k for (gg, o), k in s.confusion.items() if gg == g}
            print(f"    {g:<10} {by_gold[g]:3d}  right {row.get(g, 0):3d}  " +
                  ", ".join(f"{o} {k}" for o, k in sorted(row.items(), key=lambda kv: -kv[1]) if o != g))
    for e in s.errors[:errors]:
        print(f"    {e[0]:<28} gold {e[1]:<9} ours {e[2]:<9} {e[3][:110]}")
    for e in s.side_errors[:errors]:
        print(f"    SIDES {e[0]:<28} gold {e[1]:<24} ours {e[2]:<24} {e[3][:100]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--confusion", action="store_true")
    args = ap.parse_args()
    pipe = Pipeline()
    plover(pipe, args.errors, args.confusion)
    print("command: .venv/bin/python bench/events.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
