"""The article pipeline: named stages, a batch call, per-item error capture.

``Pipeline.pipe`` is the main API (the single-article ``Pipeline.__call__``
delegates to it). Articles are cleaned one by one and their language checked
(stage "language": an article not in English fails there with its reason),
parsed together with ``nlp.pipe`` (the Doc is built once), then every
document stage reads that shared Doc. A stage that fails on one article records a Failure for that
article alone; the rest of the batch goes on.

Stages are registered by name with what they require and what they assign,
in the manner of spaCy's ``@Language.component``; ``check_stage_order``
verifies that every stage's requirements are assigned by an earlier stage.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc

from newsgraph.clean.repetition import OutletLines
from newsgraph.errors import ConfigError, NewsgraphError
from newsgraph.model import Article, Failure, RawDocument
from newsgraph.nlp.outlet_areas import OutletAreas


@dataclass
class Item:
    """One article moving through the stages; ``ann`` collects what stages assign."""

    raw: RawDocument
    article: Article | None = None
    text_hash: str = ""
    doc: Doc | None = None
    ann: dict[str, Any] = field(default_factory=dict)
    scratch: dict[str, Any] = field(default_factory=dict)
    failure: Failure | None = None


@dataclass
class PipelineConfig:
    """Options in one object (not a dozen keyword arguments)."""

    model: str | None = None
    batch_size: int = 64
    n_process: int = 1
    outlet: str | None = None
    published: str | None = None
    patterns: tuple[str, ...] = ()
    outlet_map: dict[str, str] = field(default_factory=dict)


StageFn = Callable[[Item, PipelineConfig], None]


@dataclass(frozen=True)
class StageInfo:
    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: dict[str, StageInfo] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[StageFn], StageFn]:
    """Register a document stage by name, declaring what it needs and sets."""

    def deco(fn: StageFn) -> StageFn:
        STAGES[name] = StageInfo(name, fn, tuple(requires), tuple(assigns))
        return fn

    return deco


# The default order of document stages after parsing.
DOC_STAGES = ("repair_entities", "time", "places", "mentions", "coref", "quotes", "domain", "events", "features")


def check_stage_order(names: Iterable[str]) -> None:
    """Raise ConfigError when a stage needs something no earlier stage assigns."""
    have = {"doc", "article"}
    for n in names:
        if n not in STAGES:
            raise ConfigError(f"unknown stage {n!r}; registered: {', '.join(sorted(STAGES))}")
        missing = [r for r in STAGES[n].requires if r not in have]
        if missing:
            raise ConfigError(f"stage {n!r} requires {missing}, which no earlier stage assigns")
        have.update(STAGES[n].assigns)


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def article_id(text: str, url: str | None) -> str:
    """Content-hash id: the same text from the same URL is the same article, wherever the file lives."""
    h = hashlib.sha256(((url or "") + "\n" + " ".join(text.split())).encode("utf-8")).hexdigest()
    return "a_" + h[:16]


def published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return datetime.fromisoformat(article.published).date()
    except ValueError:
        return None


class Pipeline:
    def __init__(
        self, config: PipelineConfig | None = None, stages: Iterable[str] = DOC_STAGES,
        outlet_lines: OutletLines | None = None, outlet_areas: OutletAreas | None = None,
    ) -> None:
        from newsgraph import stages as _stages  # noqa: F401  (registers the stages)
        from newsgraph.nlp.spacy_model import load

        self.config = config or PipelineConfig()
        self.stage_names = tuple(stages)
        check_stage_order(self.stage_names)
        self.nlp = load(self.config.model)
        # Lines each outlet prints around its articles, learnt from the plain-text
        # inputs this pipeline has seen (clean.repetition); grows across batches,
        # and across runs when the memory reads from a store.
        self.outlet_lines = outlet_lines if outlet_lines is not None else OutletLines()
        # Where each outlet reports from (nlp.outlet_areas), learnt article by article
        # by the places stage; read from and kept in a store like the outlet lines.
        self.outlet_areas = outlet_areas if outlet_areas is not None else OutletAreas()

    def __call__(self, raw: RawDocument) -> Item:
        return next(iter(self.pipe([raw])))

    def pipe(self, raws: Iterable[RawDocument]) -> Iterator[Item]:
        """Process documents in batches; yields every item, failed ones with ``failure`` set."""

        batch: list[Item] = []
        for raw in raws:
            batch.append(Item(raw))
            if len(batch) >= self.config.batch_size:
                yield from self._process(self._clean(batch))
                batch = []
        if batch:
            yield from self._process(self._clean(batch))

    def _clean(self, batch: list[Item]) -> list[Item]:
        """Clean a batch; plain-text pages first add their lines to the outlet memory,
        so that every page of the batch sees what its outlet's other pages repeat."""
        from newsgraph.stages import check_language, clean_item, outlet_of

        counted: dict[int, tuple[str | None, bool]] = {}
        for n, item in enumerate(batch):
            if item.raw.kind == "text":
                key = outlet_of(item.raw, self.config)
                counted[n] = (key, self.outlet_lines.add(key, item.raw.content))
        for n, item in enumerate(batch):
            lines: set[str] = set()
            if n in counted:
                key, was_counted = counted[n]
                lines = self.outlet_lines.repeated(key, item.raw.content, counted=was_counted)
            _guard(item, "clean", functools.partial(clean_item, config=self.config, outlet_lines=lines))
            _guard(item, "language", check_language)
        return batch

    def annotate(self, articles: Iterable[Article], inspect: Callable[[Item], None] | None = None) -> list[Item]:
        """Run parsing and the document stages on articles that are already clean.

        ``inspect`` is called on each item after its stages, while ``item.doc`` is still
        set (benchmarks read the parse there instead of parsing the text again).
        """
        items = [Item(RawDocument(a.source_path, a.text, "text"), article=a) for a in articles]
        return self._process(items, inspect)

    def _process(self, batch: list[Item], inspect: Callable[[Item], None] | None = None) -> list[Item]:
        ok = [it for it in batch if it.failure is None and it.article is not None]
        texts = [it.article.text for it in ok if it.article is not None]
        docs = self.nlp.pipe(texts, batch_size=self.config.batch_size, n_process=self.config.n_process)
        for it, doc in zip(ok, docs, strict=True):
            it.doc = doc
            it.scratch["outlet_areas"] = self.outlet_areas
            for name in self.stage_names:
                _guard(it, name, functools.partial(_run_stage, STAGES[name], config=self.config))
                if it.failure is not None:
                    break
            if inspect is not None:
                inspect(it)
            it.doc = None  # free memory: everything needed later is in ``ann``
        return batch


def _run_stage(info: StageInfo, item: Item, config: PipelineConfig) -> None:
    info.fn(item, config)


def _guard(item: Item, stage_name: str, fn: Callable[[Item], None]) -> None:
    """Run one stage on one item; an error becomes that item's Failure."""
    if item.failure is not None:
        return
    try:
        fn(item)
    except NewsgraphError as e:
        item.failure = Failure(item.raw.source_path, stage_name, type(e).__name__, e.detail)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RuntimeError, ArithmeticError) as e:
        # A bug or an input we did not foresee: record it with its type, keep the batch going.
        item.failure = Failure(
            item.raw.source_path, stage_name, type(e).__name__, f"{item.raw.source_path}: {stage_name} failed: {e}"
        )
