"""The field decision (newsgraph.nlp.domain) against outlets' URL sections and Giveme5W1H topics.

    .venv/bin/python bench/domains.py [--errors 20] [--sweep]

Prints per field precision and recall (and for "none": stories of no field kept in none),
then the thresholds swept (--sweep) so the constants in nlp/domain.py can be read off.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import domains as ev  # noqa: E402
from newsgraph.nlp import domain as dom  # noqa: E402


def report(arts: list[ev.Labelled], errors: int) -> ev.DomainScore:
    s = ev.score(arts)
    print(f"{s.n} labelled articles; decided right {s.right / s.n:.3f}")
    print(f"  labels: {dict(Counter(str(a.label) for a in arts))}")
    for name in (*dom.DOMAINS, "None"):
        p, r = s.prf(name)
        pred, ok, gold = s.fields.get(name, [0, 0, 0])
        print(f"  {name:14s} precision {p:.3f} ({ok}/{pred})  recall {r:.3f} ({ok}/{gold})")
    for src, id_, gold, got in s.errors[:errors]:
        text = next(a.text for a in arts if a.id == id_ and a.source == src)
        d = dom.decide_text(text)
        print(f"    {src} {id_}: gold {gold} got {got} scores {d.scores} words {d.words} | {text[:90]!r}")
    return s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args()
    arts = list(ev.labelled_articles())
    report(arts, args.errors)
    if args.sweep:
        base = (dom.DOMAIN_MIN_CUES, dom.DOMAIN_MIN_SHARE, dom.DOMAIN_OVER_POLITICS)
        for cues in (3, 4, 6, 8, 10):
            for share in (0.005, 0.01, 0.02, 0.03):
                for over in (1.0, 1.5, 2.0, 3.0):
                    dom.DOMAIN_MIN_CUES, dom.DOMAIN_MIN_SHARE, dom.DOMAIN_OVER_POLITICS = cues, share, over
                    s = ev.score(arts)
                    p_none, r_none = s.prf("None")
                    print(f"  cues {cues:2d} share {share:.3f} over {over:.1f}: right {s.right / s.n:.3f}"
                          f"  none kept {r_none:.3f}  none precision {p_none:.3f}")
        dom.DOMAIN_MIN_CUES, dom.DOMAIN_MIN_SHARE, dom.DOMAIN_OVER_POLITICS = base
    print("command: .venv/bin/python bench/domains.py")


if __name__ == "__main__":
    main()
