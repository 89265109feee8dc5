"""Cross-article event merging: one real event, many reports.

Within a story, event mentions merge when they have the same PLOVER type,
compatible dates (equal, or one unknown, or one a coarser period containing
the other), compatible places (``nlp.places.places_agree``, for places named
under the trigger: protests in Tbilisi and in Batumi are two events) and share
at least one participant (an entity, or a country when
one side is an unnamed actor such as "Azerbaijani forces"). Two visits by the
same minister on different days stay apart. Wire copies (exact duplicates and
near-duplicates, ``duplicate_of``) count as their original's source.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgraph.entities.names import stable_id
from newsgraph.events.ontology import goldstein, quad_class
from newsgraph.model import ActorRef, Event, Evidence, Location
from newsgraph.nlp.places import places_agree

# Probability-style combination of independent reports: confidence of a merged
# event = 1 - prod(1 - c_i), capped; several outlets agreeing raise it.
MERGED_CONFIDENCE_CAP = 0.99


@dataclass
class MentionIn:
    """One event mention with global actor refs, ready to merge."""

    article_id: str
    source: str  # outlet (or article id), with duplicates mapped to their original's source
    story_id: str
    data: dict[str, Any]
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]


# Types whose participants are interchangeable ("X met Y" == "Y met X").
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def _side(refs: list[dict[str, Any]]) -> set[str]:
    """Identity features of one side: entity ids, countries, and country+sector pairs.

    A side named only by unnamed actors ("Turkish citizens", "Azerbaijani forces") is
    identified by country *and* sector, so Turkish citizens do not join a Turkish
    minister's event.
    """
    out: set[str] = set()
    generic_only = bool(refs) and not any(r.get("entity_id") for r in refs)
    for r in refs:
        if r.get("entity_id"):
            out.add("e:" + r["entity_id"])
        if r.get("country"):
            out.add(f"s:{r['country']}/{r.get('sector') or 'GOV'}")
            if not generic_only:
                out.add("c:" + r["country"])
    return out


@dataclass
class _Cluster:
    mentions: list[MentionIn] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)  # explicit dates its mentions give
    places: list[dict[str, Any]] = field(default_factory=list)  # places named under its triggers

    def add(self, m: MentionIn) -> None:
        self.mentions.append(m)
        self.actors |= _side(m.actor)
        self.recipients |= _side(m.recipient)
        if m.data.get("date") and m.data.get("date_source") == "text":
            self.dates.add(m.data["date"])
        place = _explicit_place(m)
        if place is not None:
            self.places.append(place)


def _explicit_place(m: MentionIn) -> dict[str, Any] | None:
    """The place named under the mention's trigger ("protested in Batumi"), not one taken from
    elsewhere in the sentence, the dateline or the lead: only that one can tell events apart."""
    loc = m.data.get("location")
    return loc if loc and loc.get("source") == "text" else None


def _dates_compatible(a: set[str], b: str | None) -> bool:
    if not a or not b:
        return True
    return any(x.startswith(b) or b.startswith(x) for x in a)


def _roles_agree(c: _Cluster, m: MentionIn) -> bool:
    """Same event only if each side that both reports name overlaps (in either order for symmetric types).

    "Azerbaijani forces shelled Armenian positions" and "Armenian forces fired on
    our positions" are two ASSAULTs, not one: their actor sides differ.
    """
    a, r = _side(m.actor), _side(m.recipient)

    def fits(ca: set[str], cr: set[str]) -> bool:
        if a and ca and not (a & ca):
            return False
        if r and cr and not (r & cr):
            return False
        return bool((a & ca) or (r & cr))

    if fits(c.actors, c.recipients):
        return True
    # Swapped roles only where the event is mutual ("X met Y" / "Y met X") and both sides
    # are named: a visitor and a host are not interchangeable.
    mutual = m.data["type"] in SYMMETRIC_TYPES and m.data.get("mode") not in ("visit", "host")
    return mutual and bool(a and r) and fits(c.recipients, c.actors)


def _planned(m: MentionIn) -> bool:
    return m.data.get("aux_mode") in ("future", "hypothetical")


def merge_events(mentions: list[MentionIn]) -> list[Event]:
    """Group mentions into events; mentions are processed in (story, article, offset) order."""
    return [_to_event(c) for c in _clusters(mentions)]


def group_mentions(mentions: list[MentionIn]) -> list[list[MentionIn]]:
    """The mentions of each merged event (what ``merge_events`` builds its events from)."""
    return [c.mentions for c in _clusters(mentions)]


def _clusters(mentions: list[MentionIn]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    # Only clusters of the mention's story and type can take it: looking them up by that key,
    # not scanning every cluster, keeps merging linear in the corpus (it was quadratic: 14 s of
    # a 33 s rebuild at 10 000 articles, bench/rebuild.py).
    by_key: dict[tuple[str, str], list[_Cluster]] = {}
    for m in sorted(mentions, key=lambda m: (m.story_id, m.article_id, m.data["trigger_start"])):
        date = m.data.get("date") if m.data.get("date_source") == "text" else None
        place = _explicit_place(m)
        target = None
        candidates = by_key.setdefault((m.story_id, m.data["type"]), [])
        for c in candidates:
            first = c.mentions[0]
            if not _dates_compatible(c.dates, date):
                continue
            if place is not None and not all(places_agree(p, place) for p in c.places):
                continue
            if _planned(first) != _planned(m):
                continue  # a planned rally and the rally that happened are different events
            if _roles_agree(c, m):
                target = c
                break
        if target is None:
            target = _Cluster()
            clusters.append(target)
            candidates.append(target)
        target.add(m)
    return clusters


def _most_common(values: list[Any]) -> Any:
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return Counter(vals).most_common(1)[0][0]


def _roles(c: _Cluster) -> tuple[list[ActorRef], list[ActorRef]]:
    """Each participant keeps the role most mentions give it."""
    role_votes: dict[str, Counter[str]] = {}
    refs: dict[str, dict[str, Any]] = {}
    for m in c.mentions:
        for role, group in (("actor", m.actor), ("recipient", m.recipient)):
            for r in group:
                k = r.get("entity_id") or f"{r.get('name')}|{r.get('country')}"
                role_votes.setdefault(k, Counter())[role] += 1
                if k not in refs or (r.get("country") and not refs[k].get("country")):
                    refs[k] = r
    # Unnamed actors whose country a named participant already stands for add nothing.
    named_countries = {(r.get("country"), role_votes[k].most_common(1)[0][0]) for k, r in refs.items() if r.get("entity_id")}
    actor: list[ActorRef] = []
    recipient: list[ActorRef] = []
    for k, r in refs.items():
        role = role_votes[k].most_common(1)[0][0]
        if not r.get("entity_id") and (r.get("country"), role) in named_countries and r.get("sector") in (None, "GOV"):
            continue
        ref = ActorRef(r.get("entity_id"), r["name"], r.get("country"), r.get("sector"))
        (actor if role == "actor" else recipient).append(ref)
    return actor, recipient


def _evidence(m: MentionIn) -> Evidence:
    trigger = m.data.get("trigger")
    start = m.data.get("trigger_start")
    end = start + len(trigger) if trigger and start is not None else None
    return Evidence(m.article_id, m.data["sentence"], m.data["start"], m.data["end"], trigger, start, end)


def _to_event(c: _Cluster) -> Event:
    ms = c.mentions
    first = ms[0]
    explicit = [m for m in ms if m.data.get("date_source") == "text"]
    date_src = explicit or ms
    date = _most_common([m.data.get("date") for m in date_src])
    precision = _most_common([m.data.get("date_precision") for m in date_src if m.data.get("date") == date])
    typ = first.data["type"]
    # One vote per article, from its first report of the event (usually the lead sentence):
    # a follow-up "talks with" in the same article should not outvote the lead's "visit".
    leads = list({m.article_id: m for m in reversed(ms)}.values())
    mode = _most_common([m.data.get("mode") for m in leads]) or _most_common([m.data.get("mode") for m in ms])
    cameo = _most_common([m.data.get("cameo") for m in ms if m.data.get("mode") == mode]) or first.data.get("cameo")
    aux = _most_common([m.data.get("aux_mode") or "none" for m in ms])
    locs: list[dict[str, Any]] = [m.data["location"] for m in ms if m.data.get("location")]
    # The most specific place that several reports give: "Tokyo" over "Japan".
    specific = [loc for loc in locs if loc.get("feature", "city") not in ("country", "continent")]
    loc_name = _most_common([loc["name"] for loc in (specific or locs)])
    loc = next((loc for loc in locs if loc["name"] == loc_name), None)
    actor, recipient = _roles(c)
    sources = {m.source for m in ms}
    articles = list(dict.fromkeys(m.article_id for m in ms))
    p = 1.0
    for m in ms:
        p *= 1.0 - float(m.data.get("confidence", 0.5))
    context = list(dict.fromkeys(x for m in ms for x in m.data.get("context", [])))
    return Event(
        id=stable_id("ev", f"{first.article_id}:{first.data['trigger_start']}:{typ}"),
        type=typ,
        mode=mode,
        context=context,
        cameo=cameo,
        aux_mode=None if aux == "none" else aux,
        actor=actor,
        recipient=recipient,
        date=date,
        date_precision=precision,
        location=Location(loc["name"], loc.get("lat"), loc.get("lon"), loc.get("country")) if loc else None,
        story_id=first.story_id,
        article_ids=articles,
        num_articles=len(articles),
        num_sources=len(sources),
        confidence=round(min(MERGED_CONFIDENCE_CAP, 1.0 - p), 3),
        evidence=[_evidence(m) for m in ms],
        pattern=_most_common([m.data.get("pattern") for m in ms]),
        trigger=first.data.get("trigger"),
        plover_type=_most_common([m.data.get("plover_type") for m in ms]) or typ,
        plover_mode=_most_common([m.data.get("plover_mode") for m in ms]),
        quad_class=quad_class(typ),
        goldstein=goldstein(cameo),
    )
