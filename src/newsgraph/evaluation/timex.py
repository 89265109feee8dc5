"""TempEval-3 time expressions (../shared/data/tempeval3): extent and normalised value.

Scoring follows TempEval-3 Task A: strict extent match (same offsets) and
relaxed match (overlap); value P/R/F1 counts a system expression as correct
when it overlaps a gold one and has the same normalised ``value``
(P = correct / system, R = correct / gold). Anchor from the literature, not
run here: HeidelTime, the best rule-based system at TempEval-3, reported a
value F1 of about 0.78 on te3-platinum.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.evaluation.metrics import PRF, count_prf

DATASET = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "tempeval3" / "timex_docs.jsonl"
SPLITS = ("te3-platinum", "TBAQ-cleaned/TimeBank", "TBAQ-cleaned/AQUAINT")


def load_docs(split: str = "te3-platinum", path: Path = DATASET) -> list[dict[str, Any]]:
    """Documents of one split (read at run time, never copied)."""
    with path.open(encoding="utf-8") as fh:
        return [d for d in map(json.loads, fh) if d["split"] == split]


@dataclass
class TimexScore:
    n_docs: int = 0
    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    type_correct: int = 0
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)  # doc, text, gold, ours

    @property
    def strict_prf(self) -> PRF:
        return count_prf(self.strict, self.n_sys, self.n_gold)

    @property
    def relaxed_prf(self) -> PRF:
        return count_prf(self.relaxed, self.n_sys, self.n_gold)

    @property
    def value_prf(self) -> PRF:
        return count_prf(self.value_correct, self.n_sys, self.n_gold)

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches with the right value (TempEval-3's attribute accuracy)."""
        return self.value_correct / self.relaxed if self.relaxed else 0.0


_KIND_TO_TYPE = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}


def score(docs: list[dict[str, Any]], nlp: Any) -> TimexScore:
    """Run newsgraph's time expressions over the documents and score them."""
    from newsgraph.nlp.timex import find_time_expressions

    res = TimexScore(n_docs=len(docs))
    texts = [d["text"] for d in docs]
    for d, doc in zip(docs, nlp.pipe(texts), strict=True):
        dct = date.fromisoformat(d["dct"][:10])
        gold = [g for g in d["timexes"] if g.get("start") is not None]
        ours = find_time_expressions(doc, dct)
        res.n_gold += len(gold)
        res.n_sys += len(ours)
        used: set[int] = set()
        for t in ours:
            match = None
            for k, g in enumerate(gold):
                if k not in used and t.start < g["end"] and g["start"] < t.end:
                    match = k
                    break
            if match is None:
                continue
            used.add(match)
            g = gold[match]
            res.relaxed += 1
            res.strict += int(t.start == g["start"] and t.end == g["end"])
            res.type_correct += int(_KIND_TO_TYPE.get(t.kind) == g.get("type"))
            if t.value == g.get("value"):
                res.value_correct += 1
            else:
                res.errors.append((d["doc_id"], t.text, g.get("value"), t.value))
    return res
