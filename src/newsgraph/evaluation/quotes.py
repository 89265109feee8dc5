"""Quotes and their speakers against a hand-annotated gold set (tests/data/quotes_gold.jsonl).

The gold marks every direct quote (the words inside quote marks) and every
attributed indirect quote (the reported clause of "X said that …") in 40
Giveme5W1H articles, with the speaker's name, or a label for an unnamed one
("police spokesman"); see tests/data/QUOTES_GOLD.md. It stores offsets and
labels only; the texts are read from ../shared/data at run time and checked
against the stored SHA-1.

Matching: a system quote matches a gold quote when they overlap by at least
MIN_OVERLAP of the shorter span (one-to-one, largest overlap first), whatever
the kinds; precision and recall over all quotes, recall per gold kind.
Speakers are scored on matched pairs: for a named gold speaker ours is right
when its entity's name or an alias shares the name's tokens (all of the
shorter name's tokens, "Mr Khan" / "Sadiq Khan"); for an unnamed or absent
gold speaker ours is right when it names no entity.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.entities.names import name_tokens
from newsgraph.evaluation.metrics import PRF, count_prf

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "tests" / "data" / "quotes_gold.jsonl"
# A second set annotated by another annotator after the extractor was developed on GOLD.
GOLD_HELDOUT = ROOT / "tests" / "data" / "quotes_gold_heldout.jsonl"
SETS = {"dev": GOLD, "heldout": GOLD_HELDOUT}
TEXTS = ROOT.parent / "shared" / "data" / "giveme5w1h_gold" / "gold_5w1h.jsonl"
# Half the shorter span: "said the tram was going too fast" against "the tram was going too fast".
MIN_OVERLAP = 0.5


@dataclass
class GoldArticle:
    doc_id: str
    text: str
    published: str | None
    quotes: list[dict[str, Any]]


def load_gold(gold: Path = GOLD, texts: Path = TEXTS) -> list[GoldArticle]:
    """The annotated articles with their texts; a text that changed since annotation is an error."""
    with texts.open(encoding="utf-8") as fh:
        by_id = {r["dId"]: r for r in map(json.loads, fh)}
    out: list[GoldArticle] = []
    with gold.open(encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            src = by_id[rec["dId"]]
            text = src["text"]
            if hashlib.sha1(text.encode("utf-8")).hexdigest() != rec["text_sha1"]:
                raise ValueError(f"{texts}: the text of {rec['dId']} differs from the annotated one")
            pub = src.get("date_publish")
            out.append(GoldArticle(rec["dId"], text, pub if str(pub or "")[:4].isdigit() else None, rec["quotes"]))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def _same_name(ours: list[str], gold: str) -> bool:
    g = set(name_tokens(gold))
    for alias in ours:
        o = set(name_tokens(alias))
        if o and g and (o <= g or g <= o):
            return True
    return False


@dataclass
class QuoteScore:
    n_gold: int = 0
    n_sys: int = 0
    matched: int = 0
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    matched_by_kind: Counter[str] = field(default_factory=Counter)
    sys_by_kind: Counter[str] = field(default_factory=Counter)
    sys_matched_by_kind: Counter[str] = field(default_factory=Counter)
    speaker_named: int = 0
    speaker_named_ok: int = 0
    speaker_other: int = 0
    speaker_other_ok: int = 0
    errors: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # doc, kind, gold speaker, ours

    @property
    def spans(self) -> PRF:
        return count_prf(self.matched, self.n_sys, self.n_gold)

    def recall(self, kind: str) -> float:
        return self.matched_by_kind[kind] / self.gold_by_kind[kind] if self.gold_by_kind[kind] else 0.0

    def precision(self, kind: str) -> float:
        return self.sys_matched_by_kind[kind] / self.sys_by_kind[kind] if self.sys_by_kind[kind] else 0.0

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers among matched quotes (named and unnamed gold speakers together)."""
        n = self.speaker_named + self.speaker_other
        return (self.speaker_named_ok + self.speaker_other_ok) / n if n else 0.0

    @property
    def named_speaker_accuracy(self) -> float:
        return self.speaker_named_ok / self.speaker_named if self.speaker_named else 0.0

    @property
    def with_speaker(self) -> PRF:
        """Quote found and its speaker right, over all system / gold quotes."""
        return count_prf(self.speaker_named_ok + self.speaker_other_ok, self.n_sys, self.n_gold)


def score(articles: list[GoldArticle], annotations: list[dict[str, Any]]) -> QuoteScore:
    """Score the ``quotes`` of each article's annotation (as the pipeline stores it)."""
    res = QuoteScore()
    for art, ann in zip(articles, annotations, strict=True):
        clusters = ann.get("clusters", {})
        ours = ann.get("quotes", [])
        res.n_gold += len(art.quotes)
        res.n_sys += len(ours)
        for g in art.quotes:
            res.gold_by_kind[g["kind"]] += 1
        for q in ours:
            res.sys_by_kind[q.get("kind", "direct")] += 1
        pairs = sorted(
            ((_overlap((g["start"], g["end"]), (q["start"], q["end"])), gi, qi)
             for gi, g in enumerate(art.quotes) for qi, q in enumerate(ours)),
            reverse=True,
        )
        used_g: set[int] = set()
        used_q: set[int] = set()
        for ov, gi, qi in pairs:
            if ov < MIN_OVERLAP:
                break
            if gi in used_g or qi in used_q:
                continue
            used_g.add(gi)
            used_q.add(qi)
            g, q = art.quotes[gi], ours[qi]
            res.matched += 1
            res.matched_by_kind[g["kind"]] += 1
            res.sys_matched_by_kind[q.get("kind", "direct")] += 1
            key = q.get("speaker_key")
            names = [clusters[key]["name"], *clusters[key].get("aliases", [])] if key in clusters else []
            shown = names[0] if names else q.get("speaker_text")
            if g["speaker_kind"] == "named":
                res.speaker_named += 1
                ok = _same_name(names, g["speaker"])
                res.speaker_named_ok += ok
            else:
                res.speaker_other += 1
                ok = not names
                res.speaker_other_ok += ok
            if not ok:
                res.errors.append((art.doc_id[:12], g["kind"], f"{g['speaker']} ({g['speaker_kind']})", shown))
    return res


def annotate(articles: list[GoldArticle], pipeline: Any) -> list[dict[str, Any]]:
    """Run the pipeline's document stages over the gold articles (their texts as given)."""
    from newsgraph.model import Article

    items = pipeline.annotate(
        [Article(id=a.doc_id, source_path=a.doc_id, text=a.text, published=a.published) for a in articles]
    )
    out = []
    for it in items:
        if it.failure is not None:
            raise ValueError(f"{it.raw.source_path}: {it.failure.detail}")
        out.append(it.ann)
    return out
