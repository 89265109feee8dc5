"""Cross-document entity coreference on ECB+ and MEANTIME: ours vs the same-head-lemma baseline.

    .venv/bin/python bench/entities.py [--dataset ecbplus|meantime|all] [--no-singletons] [--n-process 1]

Each dataset is parsed once by the real pipeline (all document stages); every
row then re-runs only entity resolution over the stored annotations, within
each gold topic (the usual CDCR setting) and over the whole corpus of the row.
Gold mentions only (ECB+: the selected, fully annotated sentences). See
``newsgraph.evaluation.entities`` for the mapping of gold mentions to ours.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import entities as ev  # noqa: E402
from newsgraph.evaluation.coref import CorefScores  # noqa: E402
from newsgraph.pipeline import Pipeline, PipelineConfig  # noqa: E402


def fmt(s: CorefScores) -> str:
    return f"{s.muc.f1:6.3f} {s.b3.f1:6.3f} {s.ceafe.f1:6.3f} {s.conll:6.3f}"


def show(rows: list[ev.Row]) -> None:
    head = f"{'subset':<36} {'topics':<11} {'setting':<13} {'mentions':>8} {'chains':>6} {'names':>6} {'refs':>6}"
    print(f"{head}   {'ours: MUC    B3  CEAFe  CoNLL':<29}   {'lemma: MUC   B3  CEAFe  CoNLL':<29}"
          f"   {'ours+lemma: MUC B3 CEAFe CoNLL'}")
    for r in rows:
        n = r.n_mentions or 1
        print(
            f"{r.subset:<36} {r.topics:<11} {r.setting:<13} {r.n_mentions:>8} {r.n_clusters:>6}"
            f" {r.covered_names / n:>6.3f} {r.covered_refs / n:>6.3f}   {fmt(r.ours)}   {fmt(r.baseline)}"
            f"   {fmt(r.backoff)}"
        )
    print("names / refs: share of gold mentions whose head a name mention of ours covers / that a linked"
          " pronoun or description covers (the rest are singletons in 'ours')")
    print("ours+lemma: ours, with the head-lemma baseline for the mentions ours leaves alone (a diagnostic)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="all", choices=["ecbplus", "meantime", "all"])
    ap.add_argument("--no-singletons", action="store_true", help="score without singleton clusters (Cattan et al. 2021)")
    ap.add_argument("--n-process", type=int, default=1, help="spaCy processes (the machine is shared: 1)")
    args = ap.parse_args()
    pipe = Pipeline(PipelineConfig(n_process=args.n_process))
    singletons = not args.no_singletons
    todo = []
    if args.dataset in ("ecbplus", "all"):
        todo.append(("ecbplus", ev.load_ecbplus, ev.ecbplus_rows))
    if args.dataset in ("meantime", "all"):
        todo.append(("meantime", ev.load_meantime, ev.meantime_rows))
    for _name, load, rows_of in todo:
        t0 = time.perf_counter()
        data = load()
        run = ev.run_system(data, pipe)
        t1 = time.perf_counter()
        rows = rows_of(run, singletons)
        t2 = time.perf_counter()
        print(f"\n{data.name}: {len(data.docs)} docs, {len(data.mentions)} gold entity mentions;"
              f" parse + stages {t1 - t0:.0f} s, resolution + scoring {t2 - t1:.0f} s"
              f"{'; failures: ' + str(len(run.failures)) if run.failures else ''}")
        print("scores are F1; singletons " + ("included" if singletons else "removed from key and response"))
        show(rows)
        for f in run.failures[:5]:
            print("  failure:", f)
    print("\ncommand: .venv/bin/python bench/entities.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
