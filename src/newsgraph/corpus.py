"""Corpus-level stages over stored article annotations (no re-parsing).

resolve entities → cluster stories → merge events → attribute quotes, then
stories are summarised. The result replaces the previous corpus-level tables
in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newsgraph.entities.names import stable_id
from newsgraph.entities.resolve import resolve_entities
from newsgraph.model import Article, Quote, SpeakerRef, Story, utc_key
from newsgraph.store.db import CorpusResult, Store
from newsgraph.stories.cluster import ArticleFeatures, cluster_articles
from newsgraph.stories.compare import source_of
from newsgraph.stories.merge import MentionIn, merge_events
from newsgraph.stories.summary import document_frequencies, summarise


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def build_corpus(annotated: list[tuple[Article, dict[str, Any]]]) -> CorpusResult:
    """Entities, stories, merged events and quotes for every stored article."""
    res, article_story = _resolved_and_clustered(annotated)
    mentions = _event_mentions(annotated, res, article_story)
    quotes = _quotes(annotated, res)
    events = merge_events(mentions)
    stories = _stories(annotated, article_story, events)
    return CorpusResult(res.entities, stories, events, quotes, article_story)


def story_assignments(annotated: list[tuple[Article, dict[str, Any]]]) -> dict[str, str]:
    """Article id → story id (``stories.cluster``), in publication order."""
    feats = [ArticleFeatures(a.id, _dt(a.published), ann.get("terms", {}), a.duplicate_of) for a, ann in annotated]
    return cluster_articles(feats)


def build_corpus_mentions(annotated: list[tuple[Article, dict[str, Any]]]) -> list[MentionIn]:
    """The event mentions ``build_corpus`` merges, with resolved actors and stories (for benchmarks)."""
    return _event_mentions(annotated, *_resolved_and_clustered(annotated))


def _resolved_and_clustered(annotated: list[tuple[Article, dict[str, Any]]]) -> tuple[Any, dict[str, str]]:
    """The corpus's entities (``resolve_entities``) and its article → story map."""
    return resolve_entities([(a.id, ann) for a, ann in annotated]), story_assignments(annotated)


def _event_mentions(annotated: list[tuple[Article, dict[str, Any]]], res: Any,
                    article_story: Mapping[str, str]) -> list[MentionIn]:
    by_id = {a.id: a for a, _ in annotated}
    return [
        MentionIn(
            article_id=a.id,
            source=source_of(a, by_id),
            story_id=article_story[a.id],
            data=ev,
            actor=[res.ref(a.id, r) for r in ev.get("actor", [])],
            recipient=[res.ref(a.id, r) for r in ev.get("recipient", [])],
        )
        for a, ann in annotated
        for ev in ann.get("events", [])
    ]


def _quotes(annotated: list[tuple[Article, dict[str, Any]]], res: Any) -> list[Quote]:
    quotes: list[Quote] = []
    for a, ann in annotated:
        for q in ann.get("quotes", []):
            speaker = None
            if q.get("speaker_key"):
                ent = res.by_local.get((a.id, q["speaker_key"]))
                speaker = SpeakerRef(ent.id if ent else None, ent.name if ent else q.get("speaker_text") or "")
            elif q.get("speaker_text"):
                speaker = SpeakerRef(None, q["speaker_text"])  # an unnamed source: "police", "a witness"
            quotes.append(
                Quote(stable_id("q", f"{a.id}:{q['start']}"), a.id, q["text"], q["start"], q["end"], speaker,
                      q.get("kind", "direct"))
            )
    return quotes


def _stories(annotated: list[tuple[Article, dict[str, Any]]], assign: dict[str, str], events: list[Any]) -> list[Story]:
    members: dict[str, list[tuple[Article, dict[str, Any]]]] = {}
    for a, ann in annotated:
        members.setdefault(assign[a.id], []).append((a, ann))
    by_id = {a.id: a for a, _ in annotated}
    df, n_docs = document_frequencies(a.text for a, _ in annotated if not a.duplicate_of)
    out = []
    for sid, arts in members.items():
        # by instant, not as text: "09:41+01:00" is earlier than "09:30+00:00"
        pubs = sorted((p for p in (a.published for a, _ in arts) if p), key=lambda p: (utc_key(p) or p, p))
        # copies are one source with their original: summarise the originals
        reports = [a for a, _ in arts if not a.duplicate_of] or [a for a, _ in arts]
        text = summarise(reports, lambda a: source_of(a, by_id), df, n_docs)
        out.append(
            Story(
                id=sid,
                title=text.title,
                summary=text.summary,
                article_ids=[a.id for a, _ in arts],
                outlets=sorted({a.outlet for a, _ in arts if a.outlet}),
                first_published=pubs[0] if pubs else None,
                last_published=pubs[-1] if pubs else None,
                event_ids=[e.id for e in events if e.story_id == sid],
            )
        )
    return sorted(out, key=lambda s: (s.first_published or "", s.id))


def rebuild(store: Store, annotated: list[tuple[Article, dict[str, Any]]] | None = None) -> CorpusResult:
    """Re-run the corpus-level stages over everything stored and save the result.

    ``annotated`` is everything stored, when the caller has just read it (reading every
    annotation is a quarter of the rebuild's cost, bench/rebuild.py)."""
    result = build_corpus(annotated if annotated is not None else list(store.iter_annotated()))
    store.replace_corpus(result)
    return result
