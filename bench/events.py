"""PLOVER event coding against gold records.

    .venv/bin/python bench/events.py [--errors 30] [--confusion]

1. ../shared/data/plover/PLOVER_GSR_CAMEO.json (322 records): type, mode, actor,
   recipient and full-triple accuracy of newsgraph's main event per sentence.
2. ../shared/data/petrarch_cameo: the 78 real news sentences of PETR2_GSR_validation,
   (source, target, CAMEO root) codings, precision and recall.
3. ../shared/data/giveme5w1h_gold: who/when/where of each article's main event against the
   annotators' phrases (96 articles).
4. Precision audit: 100 events drawn at random from coding all ECB+ documents
   (--audit-sample writes tests/data/event_audit_sample.jsonl), judged by reading their
   sentences (tests/data/event_audit.jsonl, labels only).
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
    s = ev.score_giveme(recs, [it.ann for it in items])
    print(f"Giveme5W1H: {s.n} articles; no event for {s.no_event}")
    print(f"  main event who {s.who_ok}/{s.who_n} = {s.who_ok / max(s.who_n, 1):.3f}   when {s.when_ok}/{s.when_n} = "
          f"{s.when_ok / max(s.when_n, 1):.3f}   where {s.where_ok}/{s.where_n} = {s.where_ok / max(s.where_n, 1):.3f}")
    for e in s.errors[:errors]:
        print(f"    {e[0]} {e[1]:<6} gold {e[2]:<60} ours {e[3]}")


def audit(pipe: Pipeline, write: bool) -> None:
    if write:
        sample = ev.audit_sample(pipe)
        ev.AUDIT_SAMPLE.parent.mkdir(parents=True, exist_ok=True)
        with ev.AUDIT_SAMPLE.open("w", encoding="utf-8") as fh:
            for r in sample:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"wrote {len(sample)} sampled events to {ev.AUDIT_SAMPLE}")
    if ev.AUDIT_JUDGED.exists():
        a = ev.score_audit()
        print(f"Precision audit (ECB+): {a.correct}/{a.judged} correct = {a.precision:.3f}; "
              f"confidence >= 0.5: {a.confident_correct}/{a.confident} = {a.confident_precision:.3f}; {dict(a.labels)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--confusion", action="store_true")
    ap.add_argument("--audit-sample", action="store_true", help="draw a new audit sample (tests/data/event_audit_sample.jsonl)")
    args = ap.parse_args()
    pipe = Pipeline()
    if args.audit_sample:
        audit(pipe, write=True)
        return
    plover(pipe, args.errors, args.confusion)
    petrarch(pipe, args.errors)
    giveme(pipe, args.errors)
    audit(pipe, write=False)
    print("command: .venv/bin/python bench/events.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
