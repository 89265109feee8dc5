"""Toponym resolution and recognition on LGL and GeoWebNews (../shared/data/geoparsing_news).

    .venv/bin/python bench/places.py [--dataset lgl|gwn|trnews|geovirus|all] [--misses 20] [--cache DIR]
    .venv/bin/python bench/places.py --sweep [--cache DIR]   # the evidence behind nlp/places.py's weights

Prints, per dataset, accuracy@161 km, mean/median error and AUC for newsgraph
(as the pipeline runs, with each outlet's usual areas learnt from its earlier
articles; and each article alone) and for the most-populous-candidate baseline
on the same gold toponyms, and
toponym recognition P/R/F1 (strict and relaxed) for the ``places`` stage.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import geo  # noqa: E402
from newsgraph.nlp.spacy_model import load  # noqa: E402


def _row(name: str, s: geo.ResolutionScore) -> str:
    return (f"  {name:<26} acc@161 {s.accuracy:.3f}  mean {s.mean_km:7.0f} km  median {s.median_km:6.0f} km"
            f"  AUC {s.auc:.3f}  unplaced {s.unplaced}")


# Weights of nlp/places.py varied one at a time around their values (about 8 minutes):
# accuracy@161 km on LGL (tuning set) and GeoWebNews (held out, to see overfitting).
SWEEP = {
    "COUNTRY_PRIOR": [3.0, 4.0, 5.0, 6.0, 7.0],
    "CONTEXT_COUNTRY_BONUS": [3.0, 4.0, 5.0, 6.0, 7.0],
    "ADMIN1_CONTEXT_BONUS": [1.0, 2.0, 3.0, 4.0, 5.0],
    "PROXIMITY_BONUS": [2.0, 4.0, 6.0, 8.0],
    "PROXIMITY_KM": [100.0, 150.0, 200.0, 300.0],
    "OUTLET_AREA_BONUS": [0.0, 2.0, 5.0, 8.0],
    "ALTERNATE_NAME_PENALTY": [1.0, 2.0, 3.0],
    "SURE_POPULATION_RATIO": [10, 100, 1000],
}


def sweep(cache: Path | None) -> None:
    from newsgraph.nlp import places

    nlp = load()
    sets = {n: geo.load_docs(n) for n in ("lgl", "gwn")}
    parsed = {n: geo.parse(d, nlp, cache) for n, d in sets.items()}
    for name, values in SWEEP.items():
        keep = getattr(places, name)
        cells = []
        for v in values:
            setattr(places, name, v)
            accs = [geo.score_resolution(sets[n], parsed[n]).ours.accuracy for n in sets]
            cells.append(f"{v:g}{'*' if v == keep else ''}: {accs[0]:.3f} / {accs[1]:.3f}")
        setattr(places, name, keep)
        print(f"{name:<24} " + "   ".join(cells))
    print("(value: LGL / GWN accuracy@161 km; * = the value in nlp/places.py)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="all", choices=[*geo.DATASETS, "all"])
    ap.add_argument("--misses", type=int, default=0, help="list N of newsgraph's misses (> 161 km)")
    ap.add_argument("--cache", type=Path, default=None, help="cache parses here (development aid)")
    ap.add_argument("--sweep", action="store_true", help="vary the resolver's weights one at a time")
    args = ap.parse_args()
    if args.sweep:
        sweep(args.cache)
        print("command: .venv/bin/python bench/places.py " + " ".join(sys.argv[1:]))
        return
    nlp = load()
    for name in geo.DATASETS if args.dataset == "all" else (args.dataset,):
        docs = geo.load_docs(name)
        parsed = geo.parse(docs, nlp, args.cache)
        run = geo.score_resolution(docs, parsed)
        ours = run.ours
        rec = geo.score_recognition(docs, parsed)
        tuned = " (tuning set)" if name == "lgl" else " (held out)"
        print(f"{name}{tuned}: {len(docs)} docs, {ours.n} gold toponyms with coordinates, {rec.n_gold} gold toponyms in all")
        print(_row("newsgraph", ours))
        print(_row("newsgraph, article alone", run.alone))
        print(_row("most populous candidate", run.baseline))
        st, rl = rec.strict_prf, rec.relaxed_prf
        print(f"  recognition strict  P {st.precision:.3f} R {st.recall:.3f} F1 {st.f1:.3f}"
              f"   relaxed P {rl.precision:.3f} R {rl.recall:.3f} F1 {rl.f1:.3f}")
        if args.misses:
            worst = Counter((m[1], m[3]) for m in ours.misses)
            for (text, label), k in worst.most_common(args.misses):
                print(f"    {k:3d} x {text!r:<28} -> {label}")
    print("command: .venv/bin/python bench/places.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
