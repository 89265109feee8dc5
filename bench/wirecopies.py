"""Near-duplicate (wire copy) detection: precision and recall on real news texts.

    .venv/bin/python bench/wirecopies.py [--seed 0]

Texts: ../shared/data/ecbplus/docs.jsonl (982 real reports, read at run time).
Positives: each text against a "wire copy" of itself made with the edits
outlets make to agency copy, one edit kind per copy: a new headline line, a
changed dateline, the last third cut, a paragraph of its own added, furniture
lines inserted, and all of these at once. Negatives, the hard case: every
pair of different reports of the same ECB+ topic (the same kind of event,
often the same event, written by different outlets) that do not share a
verbatim run of 25+ words; pairs that do are ECB+'s own wire copies and are
counted separately.
Prints precision and recall of ``NearDuplicateIndex.match`` and the command.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.ingest import neardup as nd  # noqa: E402

ECB = ROOT.parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
# Pairs sharing a verbatim run this long are copies of one text, not independent reports.
VERBATIM_RUN = 25
# Pairs below this containment cannot match; the costly run search is skipped for them.
LOW_CONTAINMENT = 0.3
FURNITURE = ["Share this article", "Sign up for our daily newsletter", "Advertisement", "Related: more on this story"]


def paragraphs(text: str) -> list[str]:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if lines and lines[0].startswith("http"):
        lines = lines[1:]
    return lines


def edits(paras: list[str], rng: random.Random, other: list[str]) -> dict[str, str]:
    n = len(paras)
    cut = paras[: max(1, (2 * n) // 3)]
    extra = rng.choice(other) if other else "Our correspondent adds that the situation remains unclear."
    furnished = list(paras)
    for f in FURNITURE:
        furnished.insert(rng.randrange(len(furnished) + 1), f)
    dateline = ["LONDON (Wire) - " + paras[0]] + paras[1:] if paras else paras
    everything = ["Breaking: " + rng.choice(FURNITURE)] + dateline[: max(1, (2 * n) // 3)] + [extra] + FURNITURE[:2]
    return {
        "headline": "\n".join(["A different headline for the same story", *paras]),
        "dateline": "\n".join(dateline),
        "cut last third": "\n".join(cut),
        "added paragraph": "\n".join([*paras, extra]),
        "furniture": "\n".join(furnished),
        "all edits": "\n".join(everything),
    }


def longest_run(a: list[str], b: list[str]) -> int:
    import difflib

    wa, wb = " ".join(a).split(), " ".join(b).split()
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return max((m.size for m in sm.get_matching_blocks()), default=0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    texts = {d["doc_id"]: paragraphs(d["text"]) for d in docs}
    sigs = {k: nd.signature("\n".join(v)) for k, v in texts.items()}
    eligible = [k for k, s in sigs.items() if s.n_shingles >= nd.MIN_SHINGLES]
    all_paras = [p for v in texts.values() for p in v if len(p.split()) > 15]

    tp: dict[str, int] = defaultdict(int)
    pos: dict[str, int] = defaultdict(int)
    for k in eligible:
        index = nd.NearDuplicateIndex()
        index.add(k, sigs[k])
        for kind, copy in edits(texts[k], rng, all_paras).items():
            pos[kind] += 1
            got = index.match(nd.signature(copy))
            tp[kind] += int(got is not None and got[0] == k)

    by_topic: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        if d["doc_id"] in eligible:
            by_topic[d["topic"]].append(d["doc_id"])
    # Same-topic pairs. ECB+ itself holds real wire copies (one agency story
    # printed by several outlets), so a pair is "independent" only when its
    # longest shared verbatim run is under VERBATIM_RUN words. Containment is
    # compared directly: the LSH index can only drop candidates, so this
    # bounds false matches from above.
    independent = shared = fp = copies_found = 0
    for ids in by_topic.values():
        for a, b in itertools.combinations(ids, 2):
            c = nd.containment(sigs[a], sigs[b])
            verbatim = c >= LOW_CONTAINMENT and longest_run(texts[a], texts[b]) >= VERBATIM_RUN
            if verbatim:
                shared += 1
                copies_found += int(c >= nd.MIN_CONTAINMENT)
            else:
                independent += 1
                fp += int(c >= nd.MIN_CONTAINMENT)
    print(f"ECB+ texts with at least {nd.MIN_SHINGLES} shingles: {len(eligible)} of {len(docs)}")
    print(f"k={nd.SHINGLE_WORDS} num_perm={nd.NUM_PERM} LSH Jaccard {nd.LSH_JACCARD} containment >= {nd.MIN_CONTAINMENT}")
    total_tp = sum(tp.values())
    for kind in pos:
        print(f"  recall, {kind:<16} {tp[kind]}/{pos[kind]} = {tp[kind] / pos[kind]:.3f}")
    print(f"  recall, all copies       {total_tp}/{sum(pos.values())} = {total_tp / sum(pos.values()):.3f}")
    print(f"  same-topic pairs written independently: {independent}, matched as copies: {fp}")
    print(f"  same-topic pairs sharing a verbatim run of {VERBATIM_RUN}+ words (real wire copies in ECB+): "
          f"{shared}, matched: {copies_found}")
    print(f"  precision on synthetic copies + independent pairs: {total_tp / max(total_tp + fp, 1):.4f}")
    print("command: .venv/bin/python bench/wirecopies.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
