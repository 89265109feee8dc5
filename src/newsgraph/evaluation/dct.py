"""Inferred publication dates (nlp.dct) against the real ones.

Two tracks:

- ``text``: each document's date inferred from its own explicit dates
  (TempEval-3's document creation times; Giveme5W1H's ``date_publish``);
- ``story``: the Giveme5W1H articles (12 events, about 8 outlets each)
  ingested through ``api.ingest`` with every ``HIDE_EVERY``-th article's date
  removed, so each hidden date is inferred as the pipeline does it: from the
  story the article is clustered into, else from its text. The ingest is
  repeated ``HIDE_EVERY`` times, hiding another quarter each time, so every
  article's date is inferred once.

A date counts as exact when it is the same calendar day, "within a day" when
it is at most one day off.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.evaluation import timex as tx

GIVEME = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "giveme5w1h_gold" / "gold_5w1h.jsonl"
HIDE_EVERY = 4


@dataclass
class DateScore:
    n: int = 0
    found: int = 0
    exact: int = 0
    within_day: int = 0
    by_source: Counter[str] | None = None  # source -> inferred dates
    exact_by_source: Counter[str] | None = None
    within_by_source: Counter[str] | None = None

    def add(self, guess: date | None, gold: date, source: str | None = None) -> None:
        self.n += 1
        if guess is None:
            return
        self.found += 1
        off = abs((guess - gold).days)
        self.exact += off == 0
        self.within_day += off <= 1
        if source is not None:
            for counter, hit in ((self.by_source, True), (self.exact_by_source, off == 0),
                                 (self.within_by_source, off <= 1)):
                if counter is not None and hit:
                    counter[source] += 1


def giveme_docs(path: Path = GIVEME) -> list[dict[str, Any]]:
    """Giveme5W1H articles with a real publication date and an event label."""
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [r for r in rows if str(r.get("date_publish") or "")[:4].isdigit() and r.get("category")]


def score_text(nlp: Any) -> dict[str, DateScore]:
    from newsgraph.nlp import dct
    from newsgraph.nlp.timex import find_time_expressions

    docs: list[tuple[str, str, date]] = []
    for split in tx.SPLITS:
        docs += [("tempeval3", d["text"], date.fromisoformat(d["dct"][:10])) for d in tx.load_docs(split)]
    docs += [("giveme5w1h", r["text"], date.fromisoformat(r["date_publish"][:10])) for r in giveme_docs()]
    out: dict[str, DateScore] = {}
    for (name, _, gold), doc in zip(docs, nlp.pipe([t for _, t, _ in docs], batch_size=32), strict=True):
        out.setdefault(name, DateScore()).add(dct.from_text(find_time_expressions(doc, None)), gold)
    return out


def score_story(rounds: int = HIDE_EVERY) -> DateScore:
    """Ingest Giveme5W1H with a quarter of the dates hidden, each quarter in turn, and score the inferred ones."""
    res = DateScore(by_source=Counter(), exact_by_source=Counter(), within_by_source=Counter())
    for r in range(rounds):
        _score_round(r, res)
    return res


def _score_round(round_no: int, res: DateScore) -> None:
    from newsgraph.api import ingest
    from newsgraph.store import open_store

    rows = giveme_docs()
    gold: dict[str, date] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "giveme.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, r in enumerate(rows):
                rec = {"id": r["dId"], "url": r.get("url"), "outlet": r.get("publisher"), "title": r.get("title"),
                       "text": r["text"]}
                if i % HIDE_EVERY == round_no:
                    gold[r["dId"]] = date.fromisoformat(r["date_publish"][:10])
                else:
                    rec["published"] = r["date_publish"]
                fh.write(json.dumps(rec) + "\n")
        store = open_store(":memory:")
        try:
            ingest([str(path)], store)
            for a, _ in store.iter_annotated():
                sid = a.meta.get("source_id")
                if sid not in gold:
                    continue
                guess = date.fromisoformat(a.published[:10]) if a.published else None
                res.add(guess, gold[sid], a.meta.get("published_inferred_from") or "none")
        finally:
            store.close()
