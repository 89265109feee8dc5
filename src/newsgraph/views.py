"""Views over stored records: the event timeline, the actor network and the event map.

Library functions, not web-specific: the REST API (``newsgraph.web.routes``)
serves them and the CLI could print them. Each takes the events a filter
selected (``Store.events``) and folds them into what a chart draws, so the
same filter gives the same events in a list, on the timeline, in the network
and on the map.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from newsgraph.entities.names import fold
from newsgraph.errors import ConfigError
from newsgraph.events.ontology import LEGACY_TYPES, PLOVER_TYPES, QUAD_CLASS
from newsgraph.model import ActorRef, Article, Entity, Event, to_record
from newsgraph.store.db import EventFilter

# An event date of day precision, the only kind the timeline puts on a day.
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What --since/--until (and the API's since/until) accept: a year, a month or a day.
_FILTER_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Actor-network nodes kept by default: a force-directed graph stops being legible (and
# the browser slows down) well before this; the busiest actors are kept.
DEFAULT_MAX_NODES = 200
Tone = Literal["cooperation", "conflict", "mixed"]


# --------------------------------------------------------------------------- filters
def event_filter(
    *, actor: str | None = None, country: str | None = None, type: str | None = None, since: str | None = None,
    until: str | None = None, story_id: str | None = None, min_confidence: float | None = None,
    query: str | None = None,
) -> EventFilter:
    """An ``EventFilter`` from user input, checked: a ConfigError (E030) names the bad value.

    Empty strings mean "no filter" (a form left blank). ``type`` must be a PLOVER type
    (or a legacy PLOVER name, mapped to today's); ``since``/``until`` are ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``; ``min_confidence`` lies in [0, 1].
    """
    etype = (type or "").strip().upper() or None
    if etype is not None:
        etype = LEGACY_TYPES.get(etype, etype)
        if etype not in PLOVER_TYPES:
            raise ConfigError(f"unknown event type {type!r}; PLOVER types are {', '.join(PLOVER_TYPES)}")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise ConfigError(f"min_confidence {min_confidence!r} is not between 0 and 1")
    lo, hi = _filter_date("since", since), _filter_date("until", until)
    if lo and hi and lo > hi + "~":  # until=2023 runs through 2023-12-31 (the store adds "~" too)
        raise ConfigError(f"since {lo} is after until {hi}: no event can match")
    return EventFilter(
        actor=blank(actor), country=(blank(country) or "").upper() or None, type=etype, since=lo, until=hi,
        story_id=blank(story_id), min_confidence=min_confidence, query=blank(query),
    )


def blank(value: str | None) -> str | None:
    """None for a missing or blank form value, else the value stripped."""
    return value.strip() or None if value is not None else None


def _filter_date(name: str, value: str | None) -> str | None:
    value = blank(value)
    if value is None:
        return None
    m = _FILTER_DATE.match(value)
    if m:
        y, mo, d = (int(g) if g else 1 for g in m.groups())
        try:
            date(y, mo, d)
        except ValueError:
            m = None
    if m is None:
        raise ConfigError(f"{name} {value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, or YYYY)")
    return value


# --------------------------------------------------------------------------- records
def article_record(a: Article) -> dict[str, Any]:
    """An article as its export record (DESIGN.md): the metadata's fields beside the
    contract's, never over them."""
    r = to_record(a)
    meta = r.pop("meta", None) or {}
    r.update({k: v for k, v in meta.items() if k not in r})
    return r


# --------------------------------------------------------------------------- timeline
@dataclass
class TimelineBucket:
    """Events of one day (``date``) or, in ``Timeline.coarse``, of one coarser period."""

    date: str
    count: int
    by_type: dict[str, int]
    precision: str = "day"


@dataclass
class Timeline:
    buckets: list[TimelineBucket]  # days that have events, earliest first
    coarse: list[TimelineBucket] = field(default_factory=list)  # events dated only to a week, month or year
    undated: int = 0  # events with no date at all


def timeline(events: Iterable[Event]) -> Timeline:
    """Events per day and per type. An event dated only to a month or a year is not put on
    one of its days (that would invent a date): it is counted in ``coarse`` by its period."""
    days: dict[str, Counter[str]] = defaultdict(Counter)
    periods: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    undated = 0
    for e in events:
        if not e.date:
            undated += 1
        elif _DAY.match(e.date) and e.date_precision in (None, "day"):
            days[e.date][e.type] += 1
        else:
            periods[(e.date, e.date_precision or _precision_of(e.date))][e.type] += 1
    return Timeline(
        buckets=[TimelineBucket(d, sum(c.values()), dict(sorted(c.items()))) for d, c in sorted(days.items())],
        coarse=[TimelineBucket(d, sum(c.values()), dict(sorted(c.items())), p) for (d, p), c in sorted(periods.items())],
        undated=undated,
    )


def _precision_of(value: str) -> str:
    if "W" in value:
        return "week"
    return {4: "year", 7: "month"}.get(len(value), "day")


# --------------------------------------------------------------------------- network
@dataclass
class NetworkNode:
    id: str  # the entity id, else "name:" and the folded name
    name: str
    country: str | None
    type: str | None  # the entity's type (PERSON, ORG, GPE, ...) when the actor is a known entity
    events: int  # events it takes part in (as actor or recipient)
    sector: str | None = None


@dataclass
class NetworkEdge:
    source: str  # node id of the actor
    target: str  # node id of the recipient
    count: int
    cooperation: int
    conflict: int
    tone: Tone


@dataclass
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool = False  # True when only the busiest ``max_nodes`` actors were kept


def _tone_of(event_type: str) -> Literal["cooperation", "conflict"] | None:
    """Quad classes 1-2 are cooperation, 3-4 conflict (``events.ontology``); None for a type
    PLOVER does not define (hand-edited data)."""
    quad = QUAD_CLASS.get(LEGACY_TYPES.get(event_type, event_type))
    if quad is None:
        return None
    return "cooperation" if quad in (1, 2) else "conflict"


def node_id(ref: ActorRef) -> str | None:
    """The network node an actor reference is: its entity, else its folded name (None when nameless)."""
    if ref.entity_id:
        return ref.entity_id
    key = " ".join(fold(ref.name or "").split())
    return f"name:{key}" if key else None


def actor_network(
    events: Iterable[Event], entity: Callable[[str], Entity | None] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Network:
    """Who interacts with whom: one node per actor or recipient, one edge per (actor,
    recipient) pair with the number of events between them, split by cooperation and
    conflict; ``tone`` is "mixed" when both occur (or a type is neither).

    ``entity`` looks up an entity by id for the node's type and canonical name. Only the
    ``max_nodes`` actors in most events are kept (and the edges between them).
    """
    nodes: dict[str, NetworkNode] = {}
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in events:
        ids: dict[str, None] = {}
        sides: list[list[str]] = []
        for refs in (e.actor, e.recipient):
            side = []
            for ref in refs:
                nid = node_id(ref)
                if nid is None:
                    continue
                if nid not in nodes:
                    nodes[nid] = NetworkNode(nid, ref.name, ref.country, None, 0, ref.sector)
                ids[nid] = None
                side.append(nid)
            sides.append(side)
        for nid in ids:
            nodes[nid].events += 1
        tone = _tone_of(e.type) or "other"
        for pair in {(a, r) for a in sides[0] for r in sides[1] if a != r}:
            pairs[pair][tone] += 1
    if entity is not None:
        for n in nodes.values():
            if not n.id.startswith("name:") and (ent := entity(n.id)) is not None:
                n.name, n.type = ent.name, ent.type
                n.country, n.sector = n.country or ent.country, n.sector or ent.sector
    ranked = sorted(nodes.values(), key=lambda n: (-n.events, n.name.lower(), n.id))
    kept = ranked[:max(1, max_nodes)]
    keep = {n.id for n in kept}
    edges = [_edge(s, t, c) for (s, t), c in pairs.items() if s in keep and t in keep]
    edges.sort(key=lambda x: (-x.count, x.source, x.target))
    return Network(nodes=kept, edges=edges, truncated=len(kept) < len(ranked))


def _edge(source: str, target: str, tones: Counter[str]) -> NetworkEdge:
    coop, conflict = tones["cooperation"], tones["conflict"]
    total = sum(tones.values())
    tone: Tone = "cooperation" if coop == total else "conflict" if conflict == total else "mixed"
    return NetworkEdge(source, target, total, coop, conflict, tone)


# --------------------------------------------------------------------------- map
@dataclass
class MapPoint:
    name: str
    lat: float
    lon: float
    country: str | None
    count: int
    event_ids: list[str]  # in the events' order (by date)


@dataclass
class EventMap:
    points: list[MapPoint]  # busiest first
    unplaced: int = 0  # events with no location, or one without coordinates


def map_points(events: Iterable[Event]) -> EventMap:
    """Event locations: one point per place (name and coordinates), with its events."""
    points: dict[tuple[str, float, float], MapPoint] = {}
    unplaced = 0
    for e in events:
        loc = e.location
        if loc is None or loc.lat is None or loc.lon is None:
            unplaced += 1
            continue
        key = (loc.name, round(loc.lat, 4), round(loc.lon, 4))
        p = points.get(key)
        if p is None:
            p = points[key] = MapPoint(loc.name, loc.lat, loc.lon, loc.country, 0, [])
        p.count += 1
        p.event_ids.append(e.id)
    ordered = sorted(points.values(), key=lambda p: (-p.count, p.name, p.lat, p.lon))
    return EventMap(points=ordered, unplaced=unplaced)


def entity_lookup(entities: Sequence[Entity]) -> Callable[[str], Entity | None]:
    """``actor_network``'s ``entity`` argument from a list of entities."""
    by_id = {e.id: e for e in entities}
    return by_id.get
