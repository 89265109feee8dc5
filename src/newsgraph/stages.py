"""The registered document stages. Each reads the shared Doc and writes to ``item.ann``.

``ann`` is JSON-serialisable and stored per article, so corpus-level stages
(entity resolution, story clustering, event merging) never re-parse text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import asdict
from datetime import datetime
from typing import Any

from spacy.tokens import Doc

from newsgraph.clean.normalise import strip_controls
from newsgraph.errors import NoContentError, StageError, UnsupportedLanguageError
from newsgraph.model import Article, RawDocument
from newsgraph.pipeline import Item, PipelineConfig, article_id, content_hash, published_date, stage

# Words kept as story-clustering features: content words only.
FEATURE_POS = ("NOUN", "PROPN", "VERB", "ADJ")
# Entity keys count more than words: two reports of one story share their actors.
ENTITY_FEATURE_WEIGHT = 3.0
TITLE_FEATURE_WEIGHT = 2.0
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'-]+")


def _parsed(item: Item) -> tuple[Doc, Article]:
    """The item's Doc and Article; a stage scheduled before parsing is a configuration bug."""
    if item.doc is None or item.article is None:
        raise StageError(f"{item.raw.source_path}: stage ran before the article was cleaned and parsed")
    return item.doc, item.article


def outlet_of(raw: RawDocument, config: PipelineConfig) -> str | None:
    """Which outlet a raw page comes from, before cleaning: the configured or
    recorded outlet, else the host of its URL (metadata or a "Source:" line)."""
    from newsgraph.clean.plaintext import source_url
    from newsgraph.clean.repetition import outlet_key

    outlet = config.outlet or raw.meta.get("outlet")
    url = raw.meta.get("url") or (source_url(raw.content) if raw.kind == "text" else None)
    return outlet_key(url, outlet if isinstance(outlet, str) else None)


def _without_controls(value: Any) -> Any:
    """A metadata value with control characters (NUL …) removed from its strings."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [_without_controls(v) for v in value]
    return value


def clean_item(item: Item, config: PipelineConfig, outlet_lines: Collection[str] = ()) -> None:
    """RawDocument → Article: body text and metadata (stage "clean").

    ``outlet_lines`` are lines the page's outlet prints on its other pages (plain text only).
    All-caps lines of the body are recased (``clean.recase``; ``meta["recased_lines"]``
    counts them). The language is set by the next stage, ``check_language``.
    """
    from newsgraph.clean.html import extract_html
    from newsgraph.clean.outlets import outlet_from_url
    from newsgraph.clean.plaintext import clean_plain_text
    from newsgraph.clean.recase import recase_caps_lines

    raw = item.raw
    meta = {k: _without_controls(v) for k, v in raw.meta.items()}
    content = strip_controls(raw.content)
    if raw.kind == "html":
        cleaned = extract_html(content, url=meta.get("url"))
    else:
        cleaned = clean_plain_text(content, outlet_lines=outlet_lines)
    text = cleaned.text.strip()
    if not text:
        raise NoContentError(f"{raw.source_path}: no article body text after cleaning")
    text, recased = recase_caps_lines(text)
    url = meta.get("url") or cleaned.url
    published, source = _published(config, meta, cleaned)
    outlet = (
        config.outlet
        or meta.get("outlet")
        or outlet_from_url(url, mapping=config.outlet_map or None)
        or meta.get("feed_outlet")
    )
    authors = meta.get("authors") or cleaned.authors or []
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r",| and ", authors) if a.strip()]
    extra = {k: v for k, v in meta.items() if k not in ("url", "outlet", "title", "authors", "published")}
    if "id" in extra:
        extra["source_id"] = extra.pop("id")
    if recased:
        extra["recased_lines"] = recased
    if cleaned.language:
        extra["declared_language"] = cleaned.language
    item.text_hash = content_hash(text)
    item.article = Article(
        id=article_id(text, url),
        source_path=raw.source_path,
        text=text,
        url=url,
        outlet=outlet,
        title=meta.get("title") or cleaned.title,
        standfirst=cleaned.standfirst,
        authors=list(authors),
        published=published,
        published_source=source,  # type: ignore[arg-type]
        section=meta.get("section") or cleaned.section,
        language=None,  # set by check_language
        dateline=cleaned.dateline,
        meta=extra,
    )


def check_language(item: Item) -> None:
    """Stage "language", right after cleaning: ``Article.language`` from the clean text
    (``clean.language.decide``); an article that is not in English is not processed further.

    What the page declares (``meta["declared_language"]``) is not trusted: on
    article_extraction_benchmark the HTML ``lang`` attribute is wrong on 4 of its 151
    declaring pages (German pages declared "en", English pages declared "de").
    """
    from newsgraph.clean.language import decide, language_name

    article = item.article
    if article is None:
        raise StageError(f"{item.raw.source_path}: language stage ran before the article was cleaned")
    guess = decide(article.text)
    article.language = guess.code
    article.meta["language_confidence"] = round(guess.confidence, 3)
    if not guess.english:
        raise UnsupportedLanguageError(
            f"{item.raw.source_path}: article is in {language_name(guess.code)} ({guess.code}, confidence "
            f"{guess.confidence:.2f} over {guess.letters} letters, English probability {guess.english_prob:.1g}); "
            "only English is supported, so it was skipped"
        )


def _published(config: PipelineConfig, meta: dict[str, Any], cleaned: Any) -> tuple[str | None, str | None]:
    """Publication datetime as ISO 8601 with its offset, and where it came from."""
    from newsgraph.clean.datelines import MAX_YEAR, MIN_YEAR, parse_timestamp

    if config.published:
        return config.published, "metadata"
    value = meta.get("published")
    if value:
        dt = _to_datetime(str(value)) or parse_timestamp(str(value))
        if dt is not None and MIN_YEAR <= dt.year <= MAX_YEAR:
            return dt.isoformat(), "metadata"
    if cleaned.published is not None:
        return cleaned.published.isoformat(), cleaned.published_source or "text"
    return None, None


def _to_datetime(value: str) -> datetime | None:
    """ISO 8601 or RFC 2822 (feeds); None for placeholders such as "0001-01-01" and implausible years."""
    from email.utils import parsedate_to_datetime

    from newsgraph.clean.datelines import MAX_YEAR, MIN_YEAR

    dt: datetime | None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return dt if MIN_YEAR <= dt.year <= MAX_YEAR else None


@stage("repair_entities", requires=["doc"], assigns=["doc.ents"])
def repair_entities_stage(item: Item, config: PipelineConfig) -> None:
    from newsgraph.entities.mentions import repair_entities

    doc, article = _parsed(item)
    repair_entities(doc)


@stage("time", requires=["doc", "article"], assigns=["times"])
def time_stage(item: Item, config: PipelineConfig) -> None:
    """Time expressions normalised against the publication date; an article without one
    gets a date inferred from its explicit dates first (``nlp.dct``; the story's other
    articles may replace it after storing, see ``api.infer_story_dates``)."""
    from newsgraph.nlp import dct
    from newsgraph.nlp.timex import find_time_expressions

    doc, article = _parsed(item)
    if published_date(article) is None:
        inferred = dct.from_text(find_time_expressions(doc, None))
        if inferred is not None:
            article.published = inferred.isoformat()
            article.published_source = "inferred"
            article.meta["published_inferred_from"] = dct.FROM_TEXT
    times = find_time_expressions(doc, published_date(article))
    item.scratch["times"] = times
    item.ann["times"] = [asdict(t) for t in times]


@stage("places", requires=["doc.ents"], assigns=["places", "dateline_place"])
def places_stage(item: Item, config: PipelineConfig) -> None:
    """Toponyms resolved with the article and its outlet's usual areas as context.

    The outlet memory (``item.scratch["outlet_areas"]``, set by the pipeline)
    learns from the article's unambiguous toponyms afterwards.
    """
    from newsgraph.clean.repetition import outlet_key
    from newsgraph.nlp.places import resolve_name, resolve_toponyms

    doc, article = _parsed(item)
    areas = item.scratch.get("outlet_areas")
    outlet = outlet_key(article.url, article.outlet)
    home = areas.home(outlet) if areas is not None else {}
    dl = resolve_name(article.dateline, home=home) if article.dateline else None
    toponyms = resolve_toponyms(doc, near=dl, home=home)
    if areas is not None:
        areas.observe(outlet, [t.place for t in toponyms if t.sure])
    item.scratch["toponyms"] = toponyms
    item.ann["places"] = [
        {"start": t.start, "end": t.end, "text": t.text, "role": t.role, "sure": t.sure, "place": asdict(t.place)}
        for t in toponyms
    ]
    item.scratch["dateline_place"] = dl
    item.ann["dateline_place"] = asdict(dl) if dl else None


@stage("mentions", requires=["doc.ents"], assigns=["mentions", "clusters"])
def mentions_stage(item: Item, config: PipelineConfig) -> None:
    from newsgraph.entities.mentions import (
        count_context_countries,
        extract_mentions,
        link_late_full_names,
        link_organisations,
        mentions_to_json,
    )

    doc, article = _parsed(item)
    mentions, clusters = extract_mentions(doc, text=article.text)
    link_late_full_names(mentions, clusters)
    link_organisations(mentions, clusters, article.text)
    count_context_countries(doc, mentions, clusters)
    item.scratch["mentions"], item.scratch["clusters"] = mentions, clusters
    item.ann.update(mentions_to_json(mentions, clusters))


@stage("coref", requires=["mentions"], assigns=["corefs"])
def coref_stage(item: Item, config: PipelineConfig) -> None:
    """Pronouns, "who" and descriptions ("the actress") linked to the article's named entities."""
    from newsgraph.entities.corefer import link_references, links_to_json

    doc, article = _parsed(item)
    links = link_references(doc, item.scratch["mentions"], item.scratch["clusters"], article.text)
    item.scratch["corefs"] = links
    item.ann["corefs"] = links_to_json(links)


@stage("quotes", requires=["mentions", "corefs"], assigns=["quotes"])
def quotes_stage(item: Item, config: PipelineConfig) -> None:
    from newsgraph.nlp.quotes import extract_quotes, quotes_to_json

    doc, article = _parsed(item)
    item.ann["quotes"] = quotes_to_json(extract_quotes(doc, item.scratch["mentions"], item.scratch["corefs"]))


@stage("domain", requires=["doc"], assigns=["domain"])
def domain_stage(item: Item, config: PipelineConfig) -> None:
    """The field a report is from (sports, entertainment, technology, business, accident, or none):
    the events stage codes only political events in the first four (``nlp.domain``)."""
    from newsgraph.nlp.domain import article_domain

    doc, _article = _parsed(item)
    decision = article_domain(doc)
    item.scratch["domain"] = decision.domain
    item.ann["domain"] = decision.to_dict()


@stage("events", requires=["mentions", "corefs", "times", "places", "dateline_place", "domain"], assigns=["events"])
def events_stage(item: Item, config: PipelineConfig) -> None:
    from newsgraph.events.extract import events_to_json, extract_events
    from newsgraph.events.patterns import load_patterns

    doc, article = _parsed(item)
    skipped: list[dict[str, Any]] = []
    events = extract_events(
        doc,
        item.scratch["mentions"],
        item.scratch["clusters"],
        item.scratch["times"],
        item.scratch["toponyms"],
        published_date(article),
        item.scratch.get("dateline_place"),
        load_patterns(tuple(config.patterns)),
        item.scratch.get("corefs", ()),
        field=item.scratch.get("domain"),
        skipped=skipped,
    )
    item.ann["events"] = events_to_json(events)
    item.ann["events_skipped"] = skipped


@stage("features", requires=["mentions"], assigns=["terms"])
def features_stage(item: Item, config: PipelineConfig) -> None:
    """Bag of lemmas and entity keys for story clustering (weights, not yet IDF-scaled)."""
    doc, article = _parsed(item)
    terms: dict[str, float] = {}
    for t in doc:
        if t.pos_ in FEATURE_POS and not t.is_stop and t.is_alpha and len(t.text) > 2:
            k = "w:" + t.lemma_.lower()
            terms[k] = terms.get(k, 0.0) + 1.0
    for m in item.scratch["mentions"]:
        terms["e:" + m.key] = terms.get("e:" + m.key, 0.0) + ENTITY_FEATURE_WEIGHT
    for w in _WORD.findall(article.title or ""):
        if len(w) > 2:
            terms["w:" + w.lower()] = terms.get("w:" + w.lower(), 0.0) + TITLE_FEATURE_WEIGHT
    item.ann["terms"] = dict(terms)
