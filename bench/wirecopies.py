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

    .venv/bin/python bench/wirecopies.py --sweep   # about 1 min

compares shingle sizes, permutation counts and containment thresholds on the
same copies and pairs (the evidence for the constants in ``ingest.neardup``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from datasketch import MinHash, MinHashLSH

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.ingest import neardup as nd  # noqa: E402

ECB = ROOT.parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
# Pairs sharing a verbatim run this long are copies of one text, not independent reports.
VERBATIM_RUN = 25
# Pairs below this containment cannot match; the costly run search is skipped for them.
LOW_CONTAINMENT = 0.3
# Settings compared by --sweep: shingle words x permutations, then containment thresholds.
SWEEP_SETTINGS = [(3, 128), (4, 128), (5, 128), (6, 128), (8, 128), (5, 64), (5, 256)]
SWEEP_CONTAINMENT = (0.5, 0.6, 0.7, 0.8)
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


def same_topic_pairs(docs: list[dict[str, str]], eligible: list[str], texts: dict[str, list[str]],
                     sigs: dict[str, nd.Signature]) -> list[tuple[str, str, bool]]:
    """(a, b, shares a verbatim run) for every pair of eligible reports of one ECB+ topic.

    ECB+ itself holds real wire copies (one agency story printed by several
    outlets), so a pair is "independent" only when its longest shared verbatim
    run is under VERBATIM_RUN words.
    """
    keep = set(eligible)
    by_topic: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        if d["doc_id"] in keep:
            by_topic[d["topic"]].append(d["doc_id"])
    out = []
    for ids in by_topic.values():
        for a, b in itertools.combinations(ids, 2):
            c = nd.containment(sigs[a], sigs[b])
            out.append((a, b, c >= LOW_CONTAINMENT and longest_run(texts[a], texts[b]) >= VERBATIM_RUN))
    return out


def sweep_signature(text: str, k: int, num_perm: int) -> nd.Signature:
    """``nd.signature`` with other shingle and permutation counts (for --sweep only)."""
    sh = nd.shingles(text, k)
    m = MinHash(num_perm=num_perm, scheme=nd.SCHEME)
    m.update_batch([x.encode("utf-8") for x in sh])
    return nd.Signature(m, len(sh))


def sweep(texts: dict[str, list[str]], eligible: list[str], copies: dict[str, dict[str, str]],
          pairs: list[tuple[str, str, bool]]) -> None:
    """Recall and false matches for each setting: one LSH over all originals, each copy queried."""
    print(f"{'k':>2} {'perm':>4} {'cont':>4}  recall all  all-edits  cut-third  independent matched  "
          f"ECB+ copies matched")
    for k, perm in SWEEP_SETTINGS:
        sigs = {d: sweep_signature("\n".join(v), k, perm) for d, v in texts.items()}
        lsh = MinHashLSH(threshold=nd.LSH_JACCARD, num_perm=perm)
        for d in eligible:
            if sigs[d].n_shingles >= nd.MIN_SHINGLES:
                lsh.insert(d, sigs[d].minhash)
        # containment of each copy with its original, or -1 when LSH does not propose the original
        found: dict[str, list[float]] = defaultdict(list)
        for d in eligible:
            for kind, text in copies[d].items():
                s = sweep_signature(text, k, perm)
                ok = s.n_shingles >= nd.MIN_SHINGLES and sigs[d].n_shingles >= nd.MIN_SHINGLES
                found[kind].append(nd.containment(s, sigs[d]) if ok and d in lsh.query(s.minhash) else -1.0)
        every = [c for cs in found.values() for c in cs]
        indep = [nd.containment(sigs[a], sigs[b]) for a, b, v in pairs if not v]
        verb = [nd.containment(sigs[a], sigs[b]) for a, b, v in pairs if v]

        def share(cs: list[float], t: float) -> float:
            return sum(c >= t for c in cs) / len(cs)

        for t in SWEEP_CONTAINMENT:
            print(f"{k:>2} {perm:>4} {t:>4}  {share(every, t):>10.3f}  {share(found['all edits'], t):>9.3f}  "
                  f"{share(found['cut last third'], t):>9.3f}  {sum(c >= t for c in indep):>5} of {len(indep):<5}  "
                  f"      {sum(c >= t for c in verb):>4} of {len(verb)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sweep", action="store_true", help="compare shingle sizes, permutations and thresholds")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    texts = {d["doc_id"]: paragraphs(d["text"]) for d in docs}
    sigs = {k: nd.signature("\n".join(v)) for k, v in texts.items()}
    eligible = [k for k, s in sigs.items() if s.n_shingles >= nd.MIN_SHINGLES]
    all_paras = [p for v in texts.values() for p in v if len(p.split()) > 15]
    copies = {k: edits(texts[k], rng, all_paras) for k in eligible}
    # Containment is compared directly on the pairs: the LSH index can only
    # drop candidates, so this bounds false matches from above.
    pairs = same_topic_pairs(docs, eligible, texts, sigs)
    if args.sweep:
        sweep(texts, eligible, copies, pairs)
        print("command: .venv/bin/python bench/wirecopies.py " + " ".join(sys.argv[1:]))
        return

    tp: dict[str, int] = defaultdict(int)
    pos: dict[str, int] = defaultdict(int)
    for k in eligible:
        index = nd.NearDuplicateIndex()
        index.add(k, sigs[k])
        for kind, copy in copies[k].items():
            pos[kind] += 1
            got = index.match(nd.signature(copy))
            tp[kind] += int(got is not None and got[0] == k)

    independent = shared = fp = copies_found = 0
    for a, b, verbatim in pairs:
        matched = int(nd.containment(sigs[a], sigs[b]) >= nd.MIN_CONTAINMENT)
        if verbatim:
            shared += 1
            copies_found += matched
        else:
            independent += 1
            fp += matched
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
