"""Time expressions on TempEval-3 (../shared/data/tempeval3): extent and value F1.

    .venv/bin/python bench/timex.py [--split te3-platinum|TBAQ-cleaned/TimeBank|TBAQ-cleaned/AQUAINT|all] [--errors 20]
    .venv/bin/python bench/timex.py --dct   # publication dates inferred for undated articles (nlp.dct)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import dct as dct_eval  # noqa: E402
from newsgraph.evaluation import timex as tx  # noqa: E402
from newsgraph.nlp.spacy_model import load  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="all", choices=[*tx.SPLITS, "all"])
    ap.add_argument("--errors", type=int, default=0, help="list N value errors")
    ap.add_argument("--dct", action="store_true", help="score inferred publication dates instead")
    args = ap.parse_args()
    nlp = load()
    if args.dct:
        for name, s in dct_eval.score_text(nlp).items():
            print(f"text, {name}: {s.n} docs, a date inferred for {s.found}; exact {s.exact}/{s.found}"
                  f" = {s.exact / max(s.found, 1):.3f}, within a day {s.within_day / max(s.found, 1):.3f}")
        st = dct_eval.score_story()
        print(f"ingest, giveme5w1h, each quarter's dates hidden in turn: {st.n} hidden, {st.found} inferred"
              f" ({dict(st.by_source or {})}); exact {st.exact / max(st.n, 1):.3f}, within a day"
              f" {st.within_day / max(st.n, 1):.3f} (of all hidden)")
        for src, k in sorted((st.by_source or {}).items()):
            ex, wd = (st.exact_by_source or {})[src], (st.within_by_source or {})[src]
            print(f"  from {src}: {k} dates, exact {ex}/{k}, within a day {wd}/{k}")
        print("command: .venv/bin/python bench/timex.py " + " ".join(sys.argv[1:]))
        return
    for split in tx.SPLITS if args.split == "all" else (args.split,):
        docs = tx.load_docs(split)
        s = tx.score(docs, nlp)
        st, rl, va = s.strict_prf, s.relaxed_prf, s.value_prf
        print(f"{split}: {s.n_docs} docs, {s.n_gold} gold TIMEX3, {s.n_sys} found")
        print(f"  extent strict   P {st.precision:.3f} R {st.recall:.3f} F1 {st.f1:.3f}")
        print(f"  extent relaxed  P {rl.precision:.3f} R {rl.recall:.3f} F1 {rl.f1:.3f}")
        print(f"  value           P {va.precision:.3f} R {va.recall:.3f} F1 {va.f1:.3f}"
              f"   (value accuracy on matches {s.value_accuracy:.3f}; type accuracy {s.type_correct / max(s.relaxed, 1):.3f})")
        for e in s.errors[: args.errors]:
            print(f"    {e[0]:<24} {e[1]!r:<32} gold {e[2]!s:<14} ours {e[3]}")
    print("command: .venv/bin/python bench/timex.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
