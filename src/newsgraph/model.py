"""The records that pass between pipeline stages: the stage contracts.

Field names follow the export contract in DESIGN.md, so that ``to_record``
gives exactly the exported JSON object and ``from_record`` reads it back
(round-trip tested with Hypothesis).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

AuxMode = Literal["future", "hypothetical", "negation", "historical"]
Precision = Literal["day", "week", "month", "year"]
PublishedSource = Literal["text", "metadata", "inferred"]

T = TypeVar("T")


def to_record(obj: Any) -> dict[str, Any]:
    """A dataclass as a plain JSON-ready dict (nested dataclasses included)."""
    return dataclasses.asdict(obj)


def published_instant(published: str | None) -> datetime | None:
    """An ISO 8601 publication time as an aware datetime (no offset given: read as UTC); None
    when absent or unreadable. Times with different offsets are compared through this, never
    as text ("09:41+01:00" is before "09:30+00:00")."""
    if not published:
        return None
    try:
        dt = datetime.fromisoformat(published)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def utc_key(published: str | None) -> str | None:
    """``published`` as a UTC ISO string that sorts in time order (what the store orders by)."""
    dt = published_instant(published)
    if dt is None:
        return None
    try:
        return dt.astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:  # "0001-01-01T00:00:00+01:00" has no UTC time in datetime's range
        return None


def from_record(cls: type[T], rec: dict[str, Any]) -> T:
    """Build ``cls`` from a dict, ignoring unknown keys (extra fields are welcome)."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in rec.items() if k in names})


@dataclass
class RawDocument:
    """One input record before cleaning: a file, a JSONL line, a feed entry."""

    source_path: str
    content: str
    kind: Literal["text", "html"]
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Article:
    id: str
    source_path: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_source: PublishedSource | None = None
    section: str | None = None
    language: str | None = "en"
    story_id: str | None = None
    duplicate_of: str | None = None
    dateline: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Place:
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str = "city"
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None  # key of the first-level area ("USA.ohio"), where known


@dataclass
class Mention:
    """A name in one article, linked to an entity (``entity_id``) once resolved."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    entity_key: str = ""
    entity_id: str | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


@dataclass
class SpeakerRef:
    entity_id: str | None
    name: str


@dataclass
class Quote:
    id: str
    article_id: str
    text: str
    start: int
    end: int
    speaker: SpeakerRef | None = None
    kind: str = "direct"  # direct (inside quote marks) | indirect ("X said that ...")


@dataclass
class ActorRef:
    entity_id: str | None
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass
class Evidence:
    article_id: str
    sentence: str
    start: int
    end: int
    # The mention's trigger word and its offsets in the article's text (None in records stored
    # before they were kept): which words of the sentence report the event.
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass
class Location:
    name: str
    lat: float | None
    lon: float | None
    country: str | None


@dataclass
class Event:
    id: str
    type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    aux_mode: AuxMode | None = None
    actor: list[ActorRef] = field(default_factory=list)
    recipient: list[ActorRef] = field(default_factory=list)
    date: str | None = None
    date_precision: Precision | None = None
    location: Location | None = None
    story_id: str | None = None
    article_ids: list[str] = field(default_factory=list)
    num_articles: int = 1
    num_sources: int = 1
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    pattern: str | None = None
    trigger: str | None = None
    # The type and mode under PLOVER's single-category rule (events.rules.plover_coding):
    # a planned CONSULT visit is AGREE, a threatened assault THREATEN.
    plover_type: str | None = None
    plover_mode: str | None = None
    # GDELT-compatible: CAMEO quad class (1 verbal / 2 material cooperation, 3 verbal /
    # 4 material conflict) and Goldstein-style intensity in [-10, 10] (events.ontology).
    quad_class: int | None = None
    goldstein: float | None = None


@dataclass
class Story:
    id: str
    title: str
    summary: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    event_ids: list[str] = field(default_factory=list)


@dataclass
class Failure:
    input: str
    stage: str
    error: str
    detail: str
