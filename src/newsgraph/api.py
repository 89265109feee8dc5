"""The library API. The CLI and the REST API (and later the Ray runner) call these functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgraph.clean.repetition import OutletLines
from newsgraph.corpus import rebuild
from newsgraph.errors import NotFoundError
from newsgraph.ingest import read_inputs
from newsgraph.ingest.neardup import NearDuplicateIndex, Signature, signature
from newsgraph.ingest.readers import read_records
from newsgraph.model import Article, Entity, Event, Failure, Quote, RawDocument
from newsgraph.nlp.outlet_areas import OutletAreas
from newsgraph.pipeline import Item, Pipeline, PipelineConfig
from newsgraph.store.db import EventFilter, Store
from newsgraph.stories.compare import StoryComparison, compare_story

ProgressFn = Callable[[int, str], None]


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0  # exact copies and near-duplicates (wire copies) together
    near_duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "stored": self.stored, "unchanged": self.unchanged,
            "duplicates": self.duplicates, "near_duplicates": self.near_duplicates, "failed": self.failed,
            "totals": self.counts,
        }


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    config: PipelineConfig | None = None,
    fmt: str = "auto",
    progress: ProgressFn | None = None,
    pipeline: Pipeline | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    fields: Mapping[str, str] | None = None,
    root: str | None = None,
) -> IngestSummary:
    """Read, process and store every input; failures are recorded, never fatal for the batch.

    ``root`` confines reading to files inside that folder (``ingest.readers.read_inputs``).

    Inputs are streamed: a WARC archive or a JSONL dump is read record by
    record while earlier records are already being processed and stored.
    ``include``/``exclude`` filter folder walks by glob; ``fields`` renames
    JSONL fields (see ``ingest.readers.read_inputs``).
    """
    results = read_inputs(paths, fmt, include=include, exclude=exclude, fields=fields, root=root)
    return _ingest_results(results, store, config or PipelineConfig(), progress, pipeline)


def ingest_records(
    records: Iterable[Mapping[str, Any]],
    store: Store,
    *,
    name: str = "records",
    config: PipelineConfig | None = None,
    progress: ProgressFn | None = None,
    pipeline: Pipeline | None = None,
) -> IngestSummary:
    """``ingest`` for articles given as records in memory (the fields of a JSONL line: ``text``
    or ``html``, and ``title``, ``url``, ``outlet``, ``published``, ``authors``...), each
    stored with the source path ``name#N``; the REST API's posted articles come this way."""
    return _ingest_results(read_records(name, records), store, config or PipelineConfig(), progress, pipeline)


def _ingest_results(results: Iterable[RawDocument | Failure], store: Store, config: PipelineConfig,
                    progress: ProgressFn | None, pipeline: Pipeline | None) -> IngestSummary:
    """Process and store what a reader yields, then rebuild the corpus-level records."""
    summary = IngestSummary()
    raws = _record_read_failures(results, store, summary)
    pipe = pipeline or Pipeline(
        config, outlet_lines=OutletLines(loader=store.outlet_lines), outlet_areas=OutletAreas(loader=store.outlet_areas)
    )
    try:
        store_items(store, _tick(pipe.pipe(raws), progress), config.batch_size, summary)
    finally:
        # what this run learnt about outlets' furniture and areas, kept for the next run
        store.add_outlet_lines(pipe.outlet_lines.take_pending())
        store.add_outlet_areas(pipe.outlet_areas.take_pending())
    annotated = list(store.iter_annotated())
    if infer_story_dates(store, pipe, rebuild(store, annotated).article_story, annotated):
        rebuild(store)
    summary.counts = store.counts()
    return summary


def infer_story_dates(store: Store, pipeline: Pipeline, article_story: Mapping[str, str],
                      annotated: list[tuple[Article, dict[str, Any]]] | None = None) -> int:
    """Date undated articles (and text-dated ones) by their story-mates, then re-annotate them.

    An article with no publication date, or one inferred from its own text,
    takes the median publication day of the story's dated articles most like
    it (``nlp.dct.from_story``) and is annotated again against it, so "on
    Thursday" gets its calendar date. Returns how many articles changed.
    """
    from datetime import datetime

    from newsgraph.nlp import dct

    if annotated is None:
        annotated = list(store.iter_annotated())
    dated: dict[str, list[tuple[Any, dict[str, float]]]] = {}
    for a, ann in annotated:
        if a.published and a.published_source in ("metadata", "text") and a.id in article_story:
            try:
                day = datetime.fromisoformat(a.published).date()
            except ValueError:
                continue
            dated.setdefault(article_story[a.id], []).append((day, ann.get("terms", {})))
    todo: list[Article] = []
    for a, ann in annotated:
        undated = not a.published or (a.published_source == "inferred" and a.meta.get("published_inferred_from") == dct.FROM_TEXT)
        if not undated:
            continue
        story_day = dct.from_story(dct.nearest_days(ann.get("terms", {}), dated.get(article_story.get(a.id, ""), [])))
        if story_day is None or a.published == story_day.isoformat():
            continue
        a.published, a.published_source = story_day.isoformat(), "inferred"
        a.meta["published_inferred_from"] = dct.FROM_STORY
        todo.append(a)
    if not todo:
        return 0
    items = pipeline.annotate(todo)
    store.update_annotated([(it.article, it.ann) for it in items if it.failure is None and it.article is not None])
    return len(todo)


def store_items(
    store: Store, items: Iterable[Item], batch_size: int, summary: IngestSummary,
    index: NearDuplicateIndex | None = None,
) -> None:
    """Write annotated items in batches: one transaction per batch, never one per row.

    ``index`` holds the stored originals' MinHashes; it is loaded from the
    store once per call when not given.
    """
    index = index if index is not None else load_near_duplicate_index(store)
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            store_batch(store, batch, summary, index)
            batch = []
    if batch:
        store_batch(store, batch, summary, index)


def load_near_duplicate_index(store: Store) -> NearDuplicateIndex:
    """The MinHash index of every stored original (articles that are not copies).

    Originals stored before signatures were kept (databases older than
    migration 3) get theirs computed and stored here, once.
    """
    missing = [(aid, signature(text)) for aid, text in store.originals_without_signature()]
    if missing:
        store.write_batch([], [], [(aid, sig.n_shingles, sig.to_bytes()) for aid, sig in missing])
    index = NearDuplicateIndex()
    index.add_all((aid, Signature.from_bytes(sig, n)) for aid, n, sig in store.original_signatures())
    return index


def _record_read_failures(results: Iterable[RawDocument | Failure], store: Store,
                          summary: IngestSummary) -> Iterator[RawDocument]:
    """Pass documents on; store each read failure as it comes (an input fails alone)."""
    for r in results:
        summary.read += 1
        if isinstance(r, Failure):
            summary.failures.append(r)
            store.record_failures([r])
        else:
            yield r


def _tick(items: Iterator[Item], progress: ProgressFn | None) -> Iterator[Item]:
    for n, it in enumerate(items, start=1):
        if progress:
            progress(n, it.raw.source_path)
        yield it


def store_batch(store: Store, batch: list[Item], summary: IngestSummary, index: NearDuplicateIndex) -> None:
    """Store one processed batch in one transaction: new articles, duplicate links, failures.

    An article is a duplicate of the earliest stored article with the same
    text hash, else of the stored (or earlier in this batch) original whose
    text it copies with small edits (``ingest.neardup``: wire copies).
    """
    failures = [it.failure for it in batch if it.failure is not None]
    ok = [(it, it.article) for it in batch if it.failure is None and it.article is not None]
    existing = store.existing_article_ids([a.id for _, a in ok])
    fresh: list[tuple[Item, Article]] = []
    seen_ids: set[str] = set()
    for it, a in ok:
        if a.id in existing or a.id in seen_ids:
            summary.unchanged += 1
            continue
        seen_ids.add(a.id)
        fresh.append((it, a))
    originals = store.ids_by_text_hash([it.text_hash for it, _ in fresh])
    signatures: list[tuple[str, int, bytes]] = []
    for it, a in fresh:
        sig = signature(a.text)
        signatures.append((a.id, sig.n_shingles, sig.to_bytes()))
        orig = originals.get(it.text_hash)
        if orig and orig != a.id:
            a.duplicate_of = orig
            summary.duplicates += 1
            continue
        near = index.match(sig)
        if near is not None and near[0] != a.id:
            a.duplicate_of = near[0]
            summary.duplicates += 1
            summary.near_duplicates += 1
            continue
        originals[it.text_hash] = a.id
        index.add(a.id, sig)
    store.write_batch([(a, it.text_hash, it.ann) for it, a in fresh], failures, signatures)
    summary.stored += len(fresh)
    summary.failures += failures


def story_comparison(store: Store, story_id: str) -> StoryComparison:
    """Cross-source comparison of one stored story (``stories.compare``); NotFoundError
    (E040) when no story has that id."""
    story = store.story(story_id)
    if story is None:
        raise NotFoundError(f"no story with id {story_id!r}; list them with `newsgraph stories`")
    annotated = store.annotated(story.article_ids)
    members = {a.id for a, _ in annotated}
    originals = {}
    for a, _ in annotated:
        if a.duplicate_of and a.duplicate_of not in members:
            orig = store.article(a.duplicate_of)
            if orig is not None:
                originals[orig.id] = orig
    return compare_story(story, annotated, store.events(EventFilter(story_id=story_id)),
                         store.quotes_of(story.article_ids), store.entities(), originals=originals)


def story_comparisons(store: Store) -> list[StoryComparison]:
    """Comparisons of every stored story, reading the store once (the ``comparisons`` export)."""
    annotated = list(store.iter_annotated())
    by_id = {a.id: a for a, _ in annotated}
    ann_of = {a.id: (a, ann) for a, ann in annotated}
    events: dict[str, list[Event]] = {}
    for e in store.events():
        events.setdefault(e.story_id or "", []).append(e)
    quotes: dict[str, list[Quote]] = {}
    for q in store.quotes():
        quotes.setdefault(q.article_id, []).append(q)
    people: dict[str, list[Entity]] = {}
    for ent in store.entities():
        if ent.type == "PERSON":
            for aid in ent.article_ids:
                people.setdefault(aid, []).append(ent)
    out = []
    for s in store.stories():
        ids = [i for i in s.article_ids if i in ann_of]
        ents = list({id(e): e for i in ids for e in people.get(i, [])}.values())
        out.append(compare_story(s, [ann_of[i] for i in ids], events.get(s.id, []),
                                 [q for i in ids for q in quotes.get(i, [])], ents, originals=by_id))
    return out
