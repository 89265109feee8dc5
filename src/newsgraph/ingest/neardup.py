"""Near-duplicate articles (wire copies) by MinHash over word shingles.

Outlets republish agency copy with a new headline, a changed dateline line, a
paragraph cut or added, their own furniture: the text hash differs, the story
does not. Such an article is linked to the first stored copy (``duplicate_of``)
so that merged events count it as the same source, not an independent one.

Each article's body becomes the set of its k-word shingles (lower-cased
``\\w+`` tokens), summarised by a MinHash. An LSH index over the originals
gives candidates in sub-linear time; a candidate is confirmed when the
estimated *containment* of the shorter text in the longer is high, so a copy
that was cut to its first half still matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

# Words per shingle: 5-word shingles are rare across different reports of the
# same event (they share names, not sentences) and survive small edits.
# bench/wirecopies.py --sweep at containment 0.6: k=3 lets 5 independent
# ECB+ pairs match, k=4 and 5 none (k=5 finds slightly more copies), k=6 one.
SHINGLE_WORDS = 5
# Permutations of the MinHash: 128 gives a Jaccard estimate within about ±0.09.
# Same sweep: 64 lose recall (0.960 vs 0.967), 256 gain nothing at twice the bytes.
NUM_PERM = 128
# LSH finds pairs whose Jaccard is about this or more: a copy cut to two
# thirds and given a paragraph of its own has Jaccard about 0.4 with the
# original, so candidates start a little lower.
LSH_JACCARD = 0.3
# Confirmed when this share of the shorter text's shingles is in the longer
# one (estimated from the Jaccard estimate and the two shingle counts).
# bench/wirecopies.py on ECB+: at 0.6, copies with one edit are found 100%
# of the time (94% for a copy cut by a third: short texts fall below
# MIN_SHINGLES), copies with every edit at once 87%, and none of 9,634 pairs
# of independently written reports of the same event matches; at 0.75 the
# all-edits recall drops to 63%, at 0.5 two independent pairs match.
MIN_CONTAINMENT = 0.6
# Texts with fewer shingles than this are too short to call copies
# (a two-line brief repeats a headline's words by construction).
MIN_SHINGLES = 40
_TOKEN = re.compile(r"\w+")


# datasketch's hashing scheme: stored signatures are read back with it.
SCHEME = "affine32"
_DTYPE = np.uint32


@dataclass(frozen=True)
class Signature:
    """A text's MinHash and its number of distinct shingles (for containment)."""

    minhash: MinHash
    n_shingles: int

    def to_bytes(self) -> bytes:
        return np.asarray(self.minhash.hashvalues, dtype=_DTYPE).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, n_shingles: int) -> Signature:
        values = np.frombuffer(data, dtype=_DTYPE).copy()
        return cls(MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME), n_shingles)


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    words = _TOKEN.findall(text.lower())
    return {" ".join(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def signature(text: str) -> Signature:
    sh = shingles(text)
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in sh])
    return Signature(m, len(sh))


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller set's shingles found in the larger one."""
    if not a.n_shingles or not b.n_shingles:
        return 0.0
    j = a.minhash.jaccard(b.minhash)
    inter = j * (a.n_shingles + b.n_shingles) / (1.0 + j)
    return min(1.0, inter / min(a.n_shingles, b.n_shingles))


class NearDuplicateIndex:
    """Originals seen so far; ``match`` finds the original a new text copies, if any."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
        self._sigs: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, article_id: str, sig: Signature) -> None:
        if article_id in self._sigs or sig.n_shingles < MIN_SHINGLES:
            return
        self._sigs[article_id] = sig
        self._lsh.insert(article_id, sig.minhash)

    def add_all(self, rows: Iterable[tuple[str, Signature]]) -> None:
        for article_id, sig in rows:
            self.add(article_id, sig)

    def match(self, sig: Signature) -> tuple[str, float] | None:
        """(original id, containment) of the best-matching original, or None."""
        if sig.n_shingles < MIN_SHINGLES or not self._sigs:
            return None
        best: tuple[str, float] | None = None
        for cand in self._lsh.query(sig.minhash):
            c = containment(sig, self._sigs[cand])
            if c >= MIN_CONTAINMENT and (best is None or c > best[1] or (c == best[1] and cand < best[0])):
                best = (cand, c)
        return best
