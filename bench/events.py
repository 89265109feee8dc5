"""PLOVER event coding against gold records.

    .venv/bin/python bench/events.py [--errors 30] [--confusion]

1. ../shared/data/plover/PLOVER_GSR_CAMEO.json (322 records): type, mode, actor,
   recipient and full-triple accuracy of newsgraph's main event per sentence.
2. ../shared/data/petrarch_cameo: the 78 real news sentences of PETR2_GSR_validation,
   (source, target, CAMEO root) codings, precision and recall.
3. ../shared/data/giveme5w1h_gold: who/when/where of each article's main event against the
   annotators' phrases (96 articles).
4. Precision audits: 100 events drawn at random from coding all ECB+ documents
   (--audit-sample N writes audit N's sample to tests/data), each judged by reading its
   sentence (labels only). Audit 1 was the development sample of the precision work,
   audit 2 a fresh draw after it (evaluation.events.AUDITS).
"""

from __future__ import annotations

import argparse
import json
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


def petrarch(pipe: Pipeline, errors: int) -> None:
    recs = ev.load_petrarch()
    anns = ev.annotate_sentences([(r.id, r.text, r.date) for r in recs], pipe)
    s = ev.score_petrarch(recs, anns)
    m = ev.score_petrarch(recs, anns, main_only=True)
    print(f"PETRARCH2 GSR validation: {s.sentences} sentences, {s.gold} gold codings, {s.ours} ours")
    for name, sc in (("all events", s), ("main event", m)):
        p, r, f = sc.prf
        print(f"  {name:<10} (source, target, CAMEO root) P {p:.3f} R {r:.3f} F1 {f:.3f}; "
              f"no-event sentences left uncoded {sc.no_event_clean}/{sc.no_event_sentences}")
    for m in s.misses[:errors]:
        print(f"    {m[0]:<22} gold {m[1]:<40} ours {m[2]:<40} {m[3][:90]}")


def giveme(pipe: Pipeline, errors: int) -> None:
    from newsgraph.model import Article

    recs = ev.load_giveme()
    items = pipe.annotate([Article(id=r.id, source_path=r.id, text=r.text, title=r.title, published=r.published) for r in recs])
    anns = [it.ann for it in items]
    s = ev.score_giveme(recs, anns)
    print(f"Giveme5W1H: {s.n} articles; no event for {s.no_event}")
    for name, sc in (("all stories", s), ("political stories", ev.score_giveme(recs, anns, political_only=True))):
        print(f"  {name:<17} ({sc.n:2d} articles, no event {sc.no_event:2d}) main event who {sc.who_ok}/{sc.who_n} = "
              f"{sc.who_ok / max(sc.who_n, 1):.3f}   when {sc.when_ok}/{sc.when_n} = {sc.when_ok / max(sc.when_n, 1):.3f}"
              f"   where {sc.where_ok}/{sc.where_n} = {sc.where_ok / max(sc.where_n, 1):.3f}")
    for e in s.errors[:errors]:
        print(f"    {e[0]} {e[1]:<6} gold {e[2]:<60} ours {e[3]}")


def write_audit_sample(pipe: Pipeline, name: str) -> None:
    a = ev.AUDITS[name]
    exclude = frozenset().union(*(ev.audit_keys(ev.AUDITS[e]) for e in a.exclude)) if a.exclude else frozenset()
    sample = ev.audit_sample(pipe, seed=a.seed, exclude=exclude)
    a.sample.parent.mkdir(parents=True, exist_ok=True)
    with a.sample.open("w", encoding="utf-8") as fh:
        for r in sample:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(sample)} sampled events to {a.sample} (seed {a.seed}, {len(exclude)} earlier events left out)")


def audit() -> None:
    for a in ev.AUDITS.values():
        if not (a.sample.exists() and a.judged.exists()):
            print(f"Precision audit {a.name} ({a.role}): not judged yet")
            continue
        s = ev.score_audit(a.sample, a.judged)
        print(f"Precision audit {a.name} ({a.role}, ECB+): {s.correct}/{s.judged} correct = {s.precision:.3f}; "
              f"confidence >= 0.5: {s.confident_correct}/{s.confident} = {s.confident_precision:.3f}; {dict(s.labels)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--confusion", action="store_true")
    ap.add_argument("--audit-sample", choices=sorted(ev.AUDITS), help="draw audit N's sample (its seed; tests/data)")
    ap.add_argument("--only", default="plover,petrarch,giveme,audit", help="comma-separated parts to run")
    args = ap.parse_args()
    parts = set(args.only.split(","))
    pipe = Pipeline()
    if args.audit_sample:
        write_audit_sample(pipe, args.audit_sample)
        return
    if "plover" in parts:
        plover(pipe, args.errors, args.confusion)
    if "petrarch" in parts:
        petrarch(pipe, args.errors)
    if "giveme" in parts:
        giveme(pipe, args.errors)
    if "audit" in parts:
        audit()
    print("command: .venv/bin/python bench/events.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
