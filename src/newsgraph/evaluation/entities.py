"""Cross-document entity coreference on ECB+ and MEANTIME (../shared/data).

Gold mentions and their clusters are read at run time (never copied). The
system side is the real pipeline: every document is parsed once by
``Pipeline.annotate`` with all document stages, then ``resolve_entities`` runs
over the annotations of one *scope* (a gold topic, or the whole corpus).

Mapping a gold mention to the system: the gold mention's head token (the root
of its span in our parse of the same text) is looked up among the article's
mentions (``ann["mentions"]``: names, and the pronouns and nominals linked
within the document, see ``entities.corefer``); the mention overlapping the
head gives the local key, and the scope's resolution gives the entity. A gold
mention whose head no mention of ours covers is a singleton of its own (the
system said nothing about it). Matching by head rather than by any overlap
keeps "the Airbus chief executive" (a person) from taking the entity of the
name "Airbus" inside it.

Baseline, same run and scope: mentions whose head lemma (spaCy's, from the
same parse) is equal form one cluster — the usual lemma baseline of the
cross-document coreference literature.

A third line of figures, "ours + lemma back-off", gives the mentions ours leaves
alone (mostly unnamed participants: "police", "the jury", "people") to the
lemma baseline instead of singletons: it compares the two on what ours does
resolve, and is not the system's own output.

Scores are MUC, B³, CEAF-e and CoNLL F1 (``evaluation.coref``) over the gold
mentions, singletons included (and, on request, the "no singletons" setting
of Cattan et al. 2021).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluation.coref import CorefScores, score, without_singletons

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
ECBPLUS = DATA / "ecbplus"
MEANTIME = DATA / "meantime_en"
# The usual ECB+ test split of the CDCR literature (Cybulska & Vossen 2015; Barhom et al. 2019).
ECB_TEST_TOPICS = frozenset(str(t) for t in range(36, 46))


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    topic: str
    text: str
    subtopic: str = ""  # ECB+: "<topic>_ecb" or "<topic>_ecbplus", two different real events


@dataclass(frozen=True)
class GoldMention:
    id: str
    doc_id: str
    topic: str
    start: int
    end: int
    tag: str
    cluster: str
    text: str


@dataclass
class Dataset:
    name: str
    docs: list[GoldDoc]
    mentions: list[GoldMention]


# --------------------------------------------------------------------------- loaders


def load_ecbplus(root: Path = ECBPLUS, topics: Iterable[str] | None = None, kind: str = "entity") -> Dataset:
    """ECB+ documents and the gold mentions of one kind in the selected (fully annotated) sentences.

    ``docs.jsonl`` text is tokens joined by spaces, one sentence per line; sentence 0
    of the ECB+ half is the source URL, which is dropped (offsets shifted) so the
    parser sees prose only. ``topics`` keeps only those topics (e.g. ``ECB_TEST_TOPICS``);
    ``kind`` is "entity" (participants, times, places) or "event" (actions).
    """
    keep = set(topics) if topics is not None else None
    docs: list[GoldDoc] = []
    shift: dict[str, int] = {}
    with (root / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if keep is not None and str(rec["topic"]) not in keep:
                continue
            text = rec["text"]
            cut = 0
            first, _, rest = text.partition("\n")
            if first.startswith("http") and rest:
                cut = len(first) + 1
            shift[rec["doc_id"]] = cut
            docs.append(GoldDoc(rec["doc_id"], str(rec["topic"]), text[cut:], str(rec.get("subtopic") or "")))
    mentions: list[GoldMention] = []
    with (root / "mentions.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            if m["mention_type"] != kind or not m["in_selected_sentence"] or m["doc_id"] not in shift:
                continue
            cut = shift[m["doc_id"]]
            if m["char_start"] < cut:
                continue  # a mention inside the URL line
            mentions.append(
                GoldMention(
                    f"{m['doc_id']}:{m['m_id']}", m["doc_id"], str(m["topic"]),
                    m["char_start"] - cut, m["char_end"] - cut, m["tag"], m["cluster_id"], m["text"],
                )
            )
    return Dataset("ECB+", docs, mentions)


def load_meantime(root: Path = MEANTIME) -> Dataset:
    """MEANTIME (English) documents rebuilt from ``meantime.conll`` and its entity mentions.

    Text is the CoNLL tokens joined by spaces, one sentence per line. A mention's
    cluster is its CROMER instance id: the conversion prefixes chains with
    ``cross_``, ``cross_intra_`` or ``intra_`` by annotation layer, and the same
    instance appears under several prefixes (``cross_ORG3715…`` and
    ``cross_intra_ORG3715…`` are both Northrop Grumman).
    """
    sents: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    order: list[str] = []
    with (root / "meantime.conll").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or line.startswith("#"):
                continue
            key, sent = parts[0], int(parts[1])
            if key not in sents:
                order.append(key)
            sents[key][sent].append(parts[3])
    docs: list[GoldDoc] = []
    tok_span: dict[tuple[str, int, int], tuple[int, int]] = {}
    for key in order:
        pieces: list[str] = []
        pos = 0
        for sent in sorted(sents[key]):
            for i, tok in enumerate(sents[key][sent]):
                if i:
                    pieces.append(" ")
                    pos += 1
                tok_span[(key, sent, i)] = (pos, pos + len(tok))
                pieces.append(tok)
                pos += len(tok)
            pieces.append("\n")
            pos += 1
        docs.append(GoldDoc(key, key.split("/")[0], "".join(pieces).rstrip("\n")))
    raw = json.loads((root / "entities_mentions.json").read_text(encoding="utf-8"))
    mentions: list[GoldMention] = []
    for n, m in enumerate(raw):
        key = m["conll_doc_key"]
        toks = m["tokens_number"]
        start = tok_span[(key, m["sent_id"], min(toks))][0]
        end = tok_span[(key, m["sent_id"], max(toks))][1]
        instance = m["coref_chain"].rsplit("_", 1)[-1]
        mentions.append(GoldMention(f"{key}:{n}", key, key.split("/")[0], start, end, m["mention_type"], instance, m["tokens_str"]))
    return Dataset("MEANTIME", docs, mentions)


# --------------------------------------------------------------------------- subsets

Subset = Callable[[GoldMention], bool]


def ecb_participants(m: GoldMention) -> bool:
    return m.tag.startswith("HUMAN_PART")


def ecb_no_time(m: GoldMention) -> bool:
    return not m.tag.startswith("TIME_")


def meantime_people_orgs(m: GoldMention) -> bool:
    return m.tag in ("PER", "ORG")


def any_mention(m: GoldMention) -> bool:
    return True


# --------------------------------------------------------------------------- system run


@dataclass(frozen=True)
class Head:
    start: int
    end: int
    lemma: str
    context: frozenset[str] = frozenset()  # content lemmas of the head's sentence (event coreference)


@dataclass
class SystemRun:
    """One parse of a dataset: each document's annotation and each gold mention's head."""

    dataset: Dataset
    annotations: dict[str, dict[str, Any]]
    heads: dict[str, Head]
    failures: list[str] = field(default_factory=list)
    articles: dict[str, Any] = field(default_factory=dict)  # doc id → Article (publication date inferred)


def run_system(dataset: Dataset, pipeline: Any | None = None) -> SystemRun:
    """Annotate every document once with the full pipeline; read gold heads from the same parse."""
    from newsgraph.model import Article
    from newsgraph.pipeline import Item, Pipeline

    pipe = pipeline or Pipeline()
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for m in dataset.mentions:
        by_doc[m.doc_id].append(m)
    heads: dict[str, Head] = {}

    def inspect(item: Item) -> None:
        if item.doc is None or item.article is None:
            return
        doc = item.doc
        for m in by_doc.get(item.article.id, []):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            context = frozenset(t.lemma_.lower() for t in root.sent if t.is_alpha and not t.is_stop)
            heads[m.id] = Head(root.idx, root.idx + len(root.text), root.lemma_.lower(), context)

    articles = [Article(id=d.doc_id, source_path=f"{dataset.name}/{d.doc_id}", text=d.text) for d in dataset.docs]
    items = pipe.annotate(articles, inspect=inspect)
    run = SystemRun(dataset, {}, heads)
    for it in items:
        if it.article is None:
            continue
        if it.failure is not None:
            run.failures.append(f"{it.article.id}: {it.failure.stage}: {it.failure.detail}")
        run.annotations[it.article.id] = it.ann
        run.articles[it.article.id] = it.article
    return run


def _mention_at(mentions: list[dict[str, Any]], head: Head) -> dict[str, Any] | None:
    for om in mentions:
        if om["start"] < head.end and head.start < om["end"]:
            return om
    return None


def ours(
    run: SystemRun, mentions: list[GoldMention], scope: Callable[[str], str], docs: Iterable[str] | None = None
) -> dict[str, str]:
    """Our clustering of the gold mentions: entities resolved over the documents of each scope
    (``docs``: the documents taking part, by default all)."""
    from newsgraph.entities.resolve import resolve_entities

    taking_part = set(docs) if docs is not None else {d.doc_id for d in run.dataset.docs}
    docs_by_scope: dict[str, list[str]] = defaultdict(list)
    for d in run.dataset.docs:
        if d.doc_id in run.annotations and d.doc_id in taking_part:
            docs_by_scope[scope(d.doc_id)].append(d.doc_id)
    wanted = {scope(m.doc_id) for m in mentions}
    by_local: dict[tuple[str, str], str] = {}
    for sc in wanted:
        res = resolve_entities([(doc_id, run.annotations[doc_id]) for doc_id in docs_by_scope.get(sc, [])])
        for local, ent in res.by_local.items():
            by_local[local] = f"{sc}|{ent.id}"
    out: dict[str, str] = {}
    for m in mentions:
        om = _ours_at(run, m)
        cid = by_local.get((m.doc_id, om["key"])) if om else None
        out[m.id] = cid or f"single|{m.id}"
    return out


def _ours_at(run: SystemRun, m: GoldMention) -> dict[str, Any] | None:
    """Our name mention on the gold mention's head, else our linked reference there."""
    head = run.heads.get(m.id)
    if head is None:
        return None
    ann = run.annotations.get(m.doc_id, {})
    return _mention_at(ann.get("mentions", []), head) or _mention_at(ann.get("corefs", []), head)


def covered(run: SystemRun, mentions: list[GoldMention]) -> tuple[int, int]:
    """How many gold mentions have a name mention of ours on their head, and how many more
    a linked reference (pronoun, description)."""
    names = refs = 0
    for m in mentions:
        head = run.heads.get(m.id)
        ann = run.annotations.get(m.doc_id, {})
        if head and _mention_at(ann.get("mentions", []), head):
            names += 1
        elif head and _mention_at(ann.get("corefs", []), head):
            refs += 1
    return names, refs


def same_head_lemma(run: SystemRun, mentions: list[GoldMention], scope: Callable[[str], str]) -> dict[str, str]:
    """The baseline: one cluster per head lemma within each scope."""
    out: dict[str, str] = {}
    for m in mentions:
        head = run.heads.get(m.id)
        out[m.id] = f"{scope(m.doc_id)}|{head.lemma}" if head else f"single|{m.id}"
    return out


def gold(mentions: Iterable[GoldMention]) -> dict[str, str]:
    return {m.id: m.cluster for m in mentions}


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Row:
    dataset: str
    subset: str
    topics: str
    setting: str  # "within topic" | "corpus-wide"
    n_mentions: int
    n_clusters: int
    covered_names: int
    covered_refs: int
    ours: CorefScores
    baseline: CorefScores
    backoff: CorefScores  # ours, with the lemma baseline for the mentions ours leaves alone


def evaluate(
    run: SystemRun,
    subset_name: str,
    subset: Subset,
    topics_name: str,
    topics: Callable[[str], bool],
    setting: str,
    singletons: bool = True,
) -> Row:
    """Score ours and the baseline on one subset of gold mentions, topics and setting.

    "within topic" resolves each gold topic's documents on their own (the usual CDCR setting);
    "corpus-wide" resolves all documents of the row's topics together.
    """
    topic_of = {d.doc_id: d.topic for d in run.dataset.docs}
    ms = [m for m in run.dataset.mentions if subset(m) and topics(m.topic)]
    docs = [d.doc_id for d in run.dataset.docs if topics(d.topic)]

    def scope(doc_id: str) -> str:
        return topic_of[doc_id] if setting == "within topic" else topics_name

    key = gold(ms)
    o, b = ours(run, ms, scope, docs), same_head_lemma(run, ms, scope)
    ob = {m: (c if not c.startswith("single|") else "lemma|" + b[m]) for m, c in o.items()}
    if not singletons:
        key, o, b, ob = (without_singletons(x) for x in (key, o, b, ob))
    return Row(
        run.dataset.name, subset_name, topics_name, setting, len(ms), len(set(gold(ms).values())),
        *covered(run, ms), score(key, o), score(key, b), score(key, ob),
    )


SETTINGS = ("within topic", "corpus-wide")


ECB_SUBSETS: tuple[tuple[str, Subset], ...] = (
    ("participants (HUMAN_PART_*)", ecb_participants), ("entities except TIME_*", ecb_no_time),
)


def ecbplus_rows(run: SystemRun, singletons: bool = True, all_topics: bool = True) -> list[Row]:
    """Rows for the test topics 36-45 and (``all_topics``) for every topic."""
    splits: list[tuple[str, Callable[[str], bool]]] = [("test 36-45", lambda t: t in ECB_TEST_TOPICS)]
    if all_topics:
        splits.append(("all topics", lambda t: True))
    rows = []
    for subset_name, subset in ECB_SUBSETS:
        for topics_name, topics in splits:
            for setting in SETTINGS:
                rows.append(evaluate(run, subset_name, subset, topics_name, topics, setting, singletons))
    return rows


def meantime_rows(run: SystemRun, singletons: bool = True) -> list[Row]:
    rows = []
    for subset_name, subset in (("people and organisations (PER, ORG)", meantime_people_orgs), ("all entities", any_mention)):
        for setting in SETTINGS:
            rows.append(evaluate(run, subset_name, subset, "4 topics", lambda t: True, setting, singletons))
    return rows
