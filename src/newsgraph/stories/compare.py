"""Cross-source comparison of one story: who reported what, who first, who alone, who differently.

Analysts reading five reports of one attack want to see, fact by fact, which
outlets reported it, which reported it first, what only one outlet reported,
and where outlets disagree (12 killed or 14; Monday or Tuesday; Geneva or
Lausanne), each claim traced to its sentence.

Inputs are what the store already holds, so nothing is parsed again: the
story's articles with their stored annotations (time expressions, places,
mentions, event mentions with their sentences), the corpus-level merged
events and quotes, and the resolved entities. Five fact kinds are lined up
across sources:

* events: each merged event, with the date and place each source's sentences give it;
* quotes: by speaker (the resolved entity, else the speaker's words);
* numbers: counts keyed by what they count (``nlp.numbers``);
* dates: normalised time expressions;
* people: PERSON entities.

A *source* is an outlet (or the article's id when it has none); a wire copy
(``Article.duplicate_of``) is its original's source, so republished agency
copy never counts as a second confirmation (``source_of``; the same rule as
``corpus.build_corpus``). A source reported a fact first when no other source
published it strictly earlier (ties are listed together; articles with no
publication date, or one only inferred, are listed as undated and never first).

Disagreements: for one event, sources whose explicit dates or whose places
cannot both be right; for one count, sources whose figures cannot both be
right ("at least 12" and "14" agree, "12" and "14" do not). Events that the
merge kept apart only because their dates differ (same type, same
participants, reported by different sources) are compared as one event.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsgraph.entities.names import fold, name_key
from newsgraph.model import Article, Entity, Event, Evidence, Quote, Story
from newsgraph.model import published_instant as _instant
from newsgraph.nlp.numbers import NumberMention, find_numbers
from newsgraph.nlp.places import places_agree
from newsgraph.nlp.timex import TimeExpr

FACT_KINDS = ("events", "quotes", "numbers", "dates", "people")

# Where an event mention's place comes from (``events.extract._location_for``): only
# places its own sentence names are an outlet's claim; a dateline or lead place is inferred.
CLAIMED_PLACE_SOURCES = frozenset({"text", "sentence"})
# Speaker words that name nobody in particular: quotes keyed by them line up as one speaker.
_DETERMINERS = re.compile(r"^(?:a|an|the|one|another)\s+", re.IGNORECASE)

# Sentence ends for evidence: a stop, then space, then a capital, digit or quote;
# not after a title or an initial ("Mr. Mbala", "J. Smith").
_SENT_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen", "rep", "st",
    "jr", "sr", "no", "mt", "ft", "inc", "co", "corp", "ltd", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e",
})
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
# Characters read back from a full stop to find the word it ends (abbreviations are short;
# searching the whole prefix made sentence splitting quadratic in the text's length).
_LOOKBACK = 40


# --------------------------------------------------------------------------- sources
def source_of(article: Article, by_id: Mapping[str, Article]) -> str:
    """The independent source of an article: its outlet, else its id; a copy (exact or
    near duplicate) is its original's source. ``corpus.build_corpus`` counts sources with it."""
    orig = by_id.get(article.duplicate_of) if article.duplicate_of else None
    base = orig or article
    return base.outlet or base.id


Window = tuple[datetime, datetime]


def publication_window(article: Article) -> Window | None:
    """When an article was published, as an instant or (date only) a UTC day; None when
    unknown or only inferred (an inferred date comes from the story's other articles or the
    text, so it cannot show who was first)."""
    if not article.published or article.published_source == "inferred":
        return None
    dt = _instant(article.published)
    if dt is None:
        return None
    if "T" not in article.published and " " not in article.published.strip():
        return dt, dt + timedelta(days=1) - timedelta(microseconds=1)
    return dt, dt


# --------------------------------------------------------------------------- records
@dataclass
class Report:
    """One source's statement of a fact: the value it gives and the sentence it is in."""

    source: str
    outlet: str | None
    article_id: str
    published: str | None
    value: str | None  # the value as compared: "12", "2024-03-04", "Geneva", the quote text
    text: str | None  # the words as written ("Fourteen", "on Monday", "Mbala")
    start: int | None  # offsets of ``text`` in the article's clean text
    end: int | None
    evidence: Evidence
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fact:
    """One fact lined up across sources."""

    id: str  # kind and key: "event:ev_…", "number:casualties-killed", "person:ent_…"
    kind: str  # event | quote | number | date | person
    key: str
    label: str
    sources: list[str]  # in order of first publication, undated last
    first: list[str]  # sources that published it first (several on a tie)
    first_published: str | None
    undated: list[str]  # sources whose reports carry no usable publication date
    unique: bool  # reported by one source only
    reports: list[Report]
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class CompetingValue:
    value: str
    sources: list[str]
    reports: list[Report]


@dataclass
class Disagreement:
    """Sources that give the same fact values that cannot all be right."""

    kind: str  # date | place | number
    key: str  # the event id(s) or the number key
    label: str
    event_ids: list[str]
    values: list[CompetingValue]


@dataclass
class SourceSummary:
    source: str
    outlets: list[str]  # outlets that printed its reports (its own, then those of copies)
    article_ids: list[str]
    copies: list[str]  # article ids that are copies of its articles
    first_published: str | None
    unique_facts: list[str]  # ids of facts only this source reported


@dataclass
class StoryComparison:
    story_id: str
    title: str
    sources: list[SourceSummary]
    events: list[Fact]
    quotes: list[Fact]
    numbers: list[Fact]
    dates: list[Fact]
    people: list[Fact]
    disagreements: list[Disagreement]

    def facts(self) -> Iterable[Fact]:
        for kind in FACT_KINDS:
            yield from getattr(self, kind)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the export record of kind ``comparisons``."""
        return asdict(self)


# --------------------------------------------------------------------------- context
@dataclass
class _Art:
    article: Article
    ann: dict[str, Any]
    source: str
    window: Window | None
    sentences: list[tuple[int, int]]

    def evidence(self, pos: int) -> Evidence:
        """The sentence holding character ``pos`` (or the next one, for a position between sentences)."""
        for s, e in self.sentences:
            if pos < e:
                return Evidence(self.article.id, self.article.text[s:e], s, e)
        return Evidence(self.article.id, "", pos, pos)

    def report(self, value: str | None, text: str | None, start: int | None, end: int | None,
               evidence: Evidence | None = None, detail: dict[str, Any] | None = None) -> Report:
        a = self.article
        ev = evidence if evidence is not None else self.evidence(start or 0)
        return Report(self.source, a.outlet, a.id, a.published, value, text, start, end, ev, detail or {})


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, by punctuation and line breaks (the stored
    annotations keep sentences only where something was found in them)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group().strip() and not m.group().startswith("\n"):
            # only the word before the stop matters: look back a bounded stretch, not the whole prefix
            w = _WORD_BEFORE_STOP.search(text[max(0, m.start() - _LOOKBACK): m.start() + 1])
            if w and (w.group(1).lower() in _ABBREVIATIONS or (len(w.group(1)) == 1 and w.group(1).isupper())):
                continue
        end = m.start() + len(m.group().rstrip()) if not m.group().startswith("\n") else m.start()
        _add_span(spans, text, start, end)
        start = m.end()
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


# --------------------------------------------------------------------------- main entry
def compare_story(
    story: Story,
    articles: Sequence[tuple[Article, dict[str, Any]]],
    events: Sequence[Event],
    quotes: Sequence[Quote],
    entities: Sequence[Entity] = (),
    originals: Mapping[str, Article] | None = None,
) -> StoryComparison:
    """Line up one story's facts across its sources.

    ``articles`` are (article, stored annotations) pairs; those not in the story are
    ignored. ``events``, ``quotes`` and ``entities`` are the corpus-level records
    (others than the story's are ignored). ``originals`` maps ids to articles that
    copies in the story point at, when those are not in the story themselves.
    """
    members = set(story.article_ids)
    by_id: dict[str, Article] = dict(originals or {})
    by_id.update({a.id: a for a, _ in articles})
    arts = {
        a.id: _Art(a, ann, source_of(a, by_id), publication_window(a), sentence_spans(a.text))
        for a, ann in articles if a.id in members
    }
    story_events = [e for e in events if e.story_id == story.id or e.id in story.event_ids]
    assigned = _assign_mentions(story_events, arts)
    event_facts = [_event_fact(e, arts, assigned.get(e.id, [])) for e in story_events]
    quote_facts = _quote_facts([q for q in quotes if q.article_id in arts], arts)
    number_facts = _number_facts(arts, story_events)
    date_facts = _date_facts(arts)
    people = _people_facts(arts, [e for e in entities if e.type == "PERSON"])
    all_facts = event_facts + quote_facts + number_facts + date_facts + people
    sources = _sources(arts, all_facts)
    rank = {s.source: n for n, s in enumerate(sources)}  # competing values list sources earliest first
    disagreements = _event_disagreements(story_events, event_facts, rank) + _number_disagreements(number_facts, rank)
    return StoryComparison(
        story_id=story.id,
        title=story.title,
        sources=sources,
        events=sorted(event_facts, key=lambda f: (f.first_published or "~", f.key)),
        quotes=sorted(quote_facts, key=lambda f: f.label.lower()),
        numbers=sorted(number_facts, key=lambda f: f.key),
        dates=sorted(date_facts, key=lambda f: f.key),
        people=sorted(people, key=lambda f: f.label.lower()),
        disagreements=disagreements,
    )


def _sources(arts: Mapping[str, _Art], facts: list[Fact]) -> list[SourceSummary]:
    by_source: dict[str, list[_Art]] = defaultdict(list)
    for x in arts.values():
        by_source[x.source].append(x)
    out = []
    for src, xs in by_source.items():
        dated = [(x.window, x) for x in xs if x.window is not None]
        earliest = min(dated, key=lambda d: d[0])[1] if dated else None
        originals_first = sorted(xs, key=lambda x: x.article.duplicate_of is not None)
        outlets = [o for o in dict.fromkeys(x.article.outlet for x in originals_first) if o]
        out.append(SourceSummary(
            source=src,
            outlets=outlets,
            article_ids=[x.article.id for x in xs],
            copies=[x.article.id for x in xs if x.article.duplicate_of],
            first_published=earliest.article.published if earliest else None,
            unique_facts=[f.id for f in facts if f.unique and f.sources == [src]],
        ))
    return sorted(out, key=lambda s: (s.first_published is None, _sort_instant(s.first_published), s.source))


def _sort_instant(published: str | None) -> datetime:
    return _instant(published) or datetime.max.replace(tzinfo=UTC)


def _window_of(r: Report, arts: Mapping[str, _Art]) -> Window | None:
    return arts[r.article_id].window if r.article_id in arts else None


def _fact(kind: str, key: str, label: str, reports: list[Report], arts: Mapping[str, _Art],
          detail: dict[str, Any] | None = None) -> Fact:
    """Sources, first reporters and uniqueness of a fact from its reports (put in publication order)."""
    never = datetime.max.replace(tzinfo=UTC)
    reports = sorted(reports, key=lambda r: w[0] if (w := _window_of(r, arts)) is not None else never)
    earliest: dict[str, tuple[Window, str | None]] = {}
    seen: list[str] = []
    for r in reports:
        if r.source not in seen:
            seen.append(r.source)
        w = _window_of(r, arts)
        if w is not None and (r.source not in earliest or w < earliest[r.source][0]):
            earliest[r.source] = (w, r.published)
    first = [s for s, (w, _) in earliest.items() if not any(o[0][1] < w[0] for o in earliest.values())]
    ordered = sorted(earliest, key=lambda s: earliest[s][0]) + [s for s in seen if s not in earliest]
    first_published = min(earliest.values(), key=lambda v: v[0])[1] if earliest else None
    return Fact(
        id=f"{kind}:{key}", kind=kind, key=key, label=label, sources=ordered,
        first=sorted(first, key=lambda s: earliest[s][0]), first_published=first_published,
        undated=[s for s in seen if s not in earliest], unique=len(seen) == 1, reports=reports,
        detail=detail or {},
    )


# --------------------------------------------------------------------------- events
def _refs_names(refs: Iterable[Any]) -> set[str]:
    return {fold(str(_get(r, "name") or "")) for r in refs} - {""}


def _refs_states(refs: Iterable[Any]) -> set[str]:
    return {f"{_get(r, 'country')}/{_get(r, 'sector')}" for r in refs if _get(r, "country")}


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _affinity(m: dict[str, Any], e: Event) -> int:
    """How well an article's event mention fits a merged event sharing its sentence."""
    refs_m = list(m.get("actor", [])) + list(m.get("recipient", []))
    refs_e = list(e.actor) + list(e.recipient)
    score = 2 * len(_refs_names(refs_m) & _refs_names(refs_e)) + len(_refs_states(refs_m) & _refs_states(refs_e))
    score += int(m.get("trigger") == e.trigger) + int(m.get("date") == e.date)
    return score


def _assign_mentions(events: Sequence[Event], arts: Mapping[str, _Art]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Each stored event mention matched to the merged event it went into.

    Evidence names its mention's trigger offset, which identifies the mention. Records
    stored before that was kept name only the sentence, and a sentence can hold several
    mentions of one type in different events ("attacked a convoy ..., killing 12"): those
    sentences' evidence entries are filled with their mentions by best participant overlap.
    """
    exact: dict[tuple[str, int, str], str] = {}  # (article, trigger offset, type) → event id
    slots: dict[tuple[str, int, int, str], Counter[str]] = defaultdict(Counter)
    by_id = {e.id: e for e in events}
    for e in events:
        for ev in e.evidence:
            if ev.trigger_start is not None:
                exact[(ev.article_id, ev.trigger_start, e.type)] = e.id
            else:
                slots[(ev.article_id, ev.start, ev.end, e.type)][e.id] += 1
    out: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for aid, x in arts.items():
        groups: dict[tuple[str, int, int, str], list[dict[str, Any]]] = defaultdict(list)
        for m in x.ann.get("events", []):
            eid = exact.get((aid, m.get("trigger_start", -1), m.get("type", "")))
            if eid is not None:
                out[eid].append((aid, m))
                continue
            slot = (aid, m.get("start", -1), m.get("end", -1), m.get("type", ""))
            if slot in slots:
                groups[slot].append(m)
        for slot, ms in groups.items():
            cap = Counter(slots[slot])
            pairs = sorted(((_affinity(m, by_id[eid]), k, eid) for k, m in enumerate(ms) for eid in cap),
                           key=lambda p: (-p[0], p[1], p[2]))
            done: set[int] = set()
            for _, k, eid in pairs:
                if k in done or cap[eid] <= 0:
                    continue
                done.add(k)
                cap[eid] -= 1
                out[eid].append((aid, ms[k]))
    return out


def _event_label(e: Event) -> str:
    actors = ", ".join(a.name for a in e.actor) or "?"
    recipients = ", ".join(r.name for r in e.recipient)
    what = e.type + (f"/{e.mode}" if e.mode else "") + (f" ({e.aux_mode})" if e.aux_mode else "")
    return f"{what}: {actors}" + (f" → {recipients}" if recipients else "")


def _event_fact(e: Event, arts: Mapping[str, _Art], mentions: list[tuple[str, dict[str, Any]]]) -> Fact:
    """One report per evidence sentence, with the explicit dates and named places its mentions give."""
    reports: list[Report] = []
    seen: set[tuple[str, int, int]] = set()
    for ev in e.evidence:
        k = (ev.article_id, ev.start, ev.end)
        if k in seen or ev.article_id not in arts:
            continue
        seen.add(k)
        ms = [m for aid, m in mentions if aid == ev.article_id and (m.get("start"), m.get("end")) == (ev.start, ev.end)]
        dates = sorted({m["date"] for m in ms if m.get("date") and m.get("date_source") == "text"})
        places = [m["location"] for m in ms
                  if m.get("location") and m["location"].get("source") in CLAIMED_PLACE_SOURCES]
        places = list({p["name"]: _with_admin1(p, arts[ev.article_id]) for p in places}.values())
        value = " · ".join(dates + [p["name"] for p in places]) or None
        triggers = [m.get("trigger") for m in ms if m.get("trigger")]
        reports.append(arts[ev.article_id].report(
            value, ", ".join(dict.fromkeys(t for t in triggers if t)) or None, None, None, ev,
            {"dates": dates, "places": places}))
    detail = {
        "event_id": e.id, "type": e.type, "mode": e.mode, "aux_mode": e.aux_mode,
        "actor": [a.name for a in e.actor], "recipient": [r.name for r in e.recipient],
        "date": e.date, "location": e.location.name if e.location else None, "num_sources": e.num_sources,
    }
    return _fact("event", e.id, _event_label(e), reports, arts, detail)


def _with_admin1(place: dict[str, Any], art: _Art) -> dict[str, Any]:
    """An event place with the first-level area the article's toponyms give it (for containment)."""
    out = {k: place.get(k) for k in ("name", "lat", "lon", "country", "feature")}
    out["admin1"] = next((p["place"].get("admin1") for p in art.ann.get("places", [])
                          if p.get("place", {}).get("name") == place.get("name")), None)
    return out


def _dates_agree(a: str, b: str) -> bool:
    """Equal, or one a coarser period holding the other ("2024-03" and "2024-03-04")."""
    return a.startswith(b) or b.startswith(a)


def _conflict(values: Mapping[str, list[Any]], agree: Callable[[Any, Any], bool]) -> bool:
    """True when two sources' values cannot both be right: none of one source's values
    agrees with any of the other's (a source may report several, e.g. an updated toll)."""
    srcs = [s for s, vs in values.items() if vs]
    for i, s in enumerate(srcs):
        for t in srcs[i + 1 :]:
            if not any(agree(a, b) for a in values[s] for b in values[t]):
                return True
    return False


def _participants(e: Event) -> tuple[set[str], set[str]]:
    def side(refs: list[Any]) -> set[str]:
        return {("e:" + r.entity_id) if r.entity_id else ("n:" + fold(r.name)) for r in refs} | _refs_states(refs)
    return side(e.actor), side(e.recipient)


def _maybe_same(a: Event, b: Event, fa: Fact, fb: Fact) -> bool:
    """Events the merge kept apart for their dates or places alone: same type and plan
    status, the same participants on each side both name, reported by different sources,
    with explicit dates, or places, that differ."""
    if a.type != b.type or (a.aux_mode in ("future", "hypothetical")) != (b.aux_mode in ("future", "hypothetical")):
        return False
    if set(fa.sources) & set(fb.sources):
        return False  # one source reporting both means two events
    (aa, ar), (ba, br) = _participants(a), _participants(b)
    if (aa and ba and not aa & ba) or (ar and br and not ar & br) or not (aa & ba or ar & br):
        return False
    da = [d for r in fa.reports for d in r.detail.get("dates", [])]
    db = [d for r in fb.reports for d in r.detail.get("dates", [])]
    if da and db and not any(_dates_agree(x, y) for x in da for y in db):
        return True
    pa = [p for r in fa.reports for p in r.detail.get("places", [])]
    pb = [p for r in fb.reports for p in r.detail.get("places", [])]
    return bool(pa and pb) and not any(places_agree(x, y) for x in pa for y in pb)


def _event_disagreements(events: Sequence[Event], facts: Sequence[Fact], rank: Mapping[str, int]) -> list[Disagreement]:
    by_id = {f.key: f for f in facts}
    parent = {e.id: e.id for e in events}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            if _maybe_same(a, b, by_id[a.id], by_id[b.id]):
                parent[root(b.id)] = root(a.id)
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        groups[root(e.id)].append(e)
    out: list[Disagreement] = []
    for members in groups.values():
        reports = [r for e in members for r in by_id[e.id].reports]
        ids = [e.id for e in members]
        label = _event_label(members[0])
        dates = _by_source(reports, lambda r: r.detail.get("dates", []))
        if _conflict(dates, _dates_agree):
            out.append(Disagreement("date", ",".join(ids), f"date of {label}", ids,
                                    _competing(reports, lambda r: r.detail.get("dates", []), rank)))
        places = _by_source(reports, lambda r: r.detail.get("places", []))
        if _conflict(places, places_agree):
            out.append(Disagreement("place", ",".join(ids), f"place of {label}", ids,
                                    _competing(reports, lambda r: [p["name"] for p in r.detail.get("places", [])],
                                               rank)))
    return out


def _by_source(reports: Iterable[Report], values: Callable[[Report], list[Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for r in reports:
        out[r.source] += values(r)
    return out


def _competing(reports: Iterable[Report], values: Callable[[Report], list[str]],
               rank: Mapping[str, int]) -> list[CompetingValue]:
    """Each distinct value with the sources (earliest first) and reports giving it, most sources first."""
    by_value: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        for v in dict.fromkeys(values(r)):
            by_value[v].append(r)
    out = [CompetingValue(v, sorted(dict.fromkeys(r.source for r in rs), key=lambda s: rank.get(s, len(rank))), rs)
           for v, rs in by_value.items()]
    return sorted(out, key=lambda c: (-len(c.sources), min(rank.get(s, len(rank)) for s in c.sources), c.value))


# --------------------------------------------------------------------------- quotes
def _speaker_key(q: Quote) -> tuple[str, str]:
    if q.speaker is None or not (q.speaker.entity_id or q.speaker.name.strip()):
        return "unattributed", "(unattributed)"
    if q.speaker.entity_id:
        return q.speaker.entity_id, q.speaker.name
    words = _DETERMINERS.sub("", q.speaker.name.strip())
    return "speaker:" + fold(words), words


def _quote_facts(quotes: Sequence[Quote], arts: Mapping[str, _Art]) -> list[Fact]:
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    names: dict[str, str] = {}
    for q in quotes:
        key, name = _speaker_key(q)
        by_speaker[key].append(q)
        names.setdefault(key, name)
    out = []
    for key, qs in by_speaker.items():
        reports = [arts[q.article_id].report(q.text, q.text, q.start, q.end, detail={"quote_id": q.id, "kind": q.kind})
                   for q in sorted(qs, key=lambda q: (q.article_id, q.start))]
        out.append(_fact("quote", key, names[key], reports, arts, {"speaker": names[key]}))
    return out


# --------------------------------------------------------------------------- numbers
def article_numbers(art: Article, ann: Mapping[str, Any],
                    sentences: Sequence[tuple[int, int]] | None = None) -> list[NumberMention]:
    """Counts in an article's clean text, time expressions left out."""
    skip = [(t["start"], t["end"]) for t in ann.get("times", [])]
    out: list[NumberMention] = []
    for s, e in sentences if sentences is not None else sentence_spans(art.text):
        out += find_numbers(art.text[s:e], offset=s, skip=[(a, b) for a, b in skip if a < e and s < b])
    return out


def _number_facts(arts: Mapping[str, _Art], events: Sequence[Event]) -> list[Fact]:
    by_key: dict[str, list[Report]] = defaultdict(list)
    for aid, x in arts.items():
        for m in article_numbers(x.article, x.ann, x.sentences):
            ev_ids = [e.id for e in events if any(v.article_id == aid and v.start <= m.start < v.end for v in e.evidence)]
            detail = {"number": m.to_dict(), "event_ids": ev_ids}
            by_key[m.key].append(x.report(m.display(), m.text, m.start, m.end, detail=detail))
    return [_fact("number", k, k, rs, arts, {"values": list(dict.fromkeys(r.value for r in rs if r.value))})
            for k, rs in by_key.items()]


def _number_of(r: Report) -> NumberMention:
    return NumberMention(**r.detail["number"])


def _number_disagreements(facts: Sequence[Fact], rank: Mapping[str, int]) -> list[Disagreement]:
    out = []
    for f in facts:
        values = _by_source(f.reports, lambda r: [_number_of(r)])
        if _conflict(values, lambda a, b: a.compatible(b)):
            ev_ids = list(dict.fromkeys(i for r in f.reports for i in r.detail.get("event_ids", [])))
            out.append(Disagreement("number", f.key, f.label, ev_ids,
                                    _competing(f.reports, lambda r: [r.value] if r.value else [], rank)))
    return out


# --------------------------------------------------------------------------- dates
_TIMEX_FIELDS = ("start", "end", "text", "value", "precision", "kind", "sent_start")


def _date_facts(arts: Mapping[str, _Art]) -> list[Fact]:
    by_value: dict[str, list[Report]] = defaultdict(list)
    for x in arts.values():
        for t in x.ann.get("times", []):
            cal = TimeExpr(**{k: t[k] for k in _TIMEX_FIELDS if k in t}).calendar
            if cal is None:
                continue
            value, precision = cal
            by_value[value].append(x.report(value, t["text"], t["start"], t["end"], detail={"precision": precision}))
    out = []
    for value, rs in by_value.items():
        words = ", ".join(dict.fromkeys(r.text for r in rs if r.text))
        out.append(_fact("date", value, f"{value} ({words})", rs, arts, {"precision": rs[0].detail["precision"]}))
    return out


# --------------------------------------------------------------------------- people
def _person_entity(cluster: Mapping[str, Any], people: Sequence[Entity]) -> Entity | None:
    """The corpus-level entity (among the article's people) an article's person cluster was
    resolved to: the one sharing most of its names."""
    names = {name_key(n) for n in [cluster.get("name") or "", *cluster.get("aliases", [])]} - {""}
    best, best_n = None, 0
    for e in people:
        n = len(names & {name_key(x) for x in [e.name, *e.aliases]})
        if n > best_n:
            best, best_n = e, n
    return best


def _people_facts(arts: Mapping[str, _Art], people: Sequence[Entity]) -> list[Fact]:
    reports: dict[str, list[Report]] = defaultdict(list)
    names: dict[str, str] = {}
    by_article: dict[str, list[Entity]] = defaultdict(list)
    for p in people:
        for aid in p.article_ids:
            if aid in arts:
                by_article[aid].append(p)
    for aid, x in arts.items():
        clusters = x.ann.get("clusters", {})
        done: set[str] = set()
        for m in x.ann.get("mentions", []):
            c = clusters.get(m.get("key"))
            if c is None or c.get("type") != "PERSON" or m["key"] in done:
                continue
            done.add(m["key"])
            ent = _person_entity(c, by_article[aid])
            key = ent.id if ent else "name:" + name_key(c.get("name") or m["text"])
            names.setdefault(key, ent.name if ent else c.get("name") or m["text"])
            reports[key].append(x.report(c.get("name") or m["text"], m["text"], m["start"], m["end"],
                                         detail={"entity_id": ent.id if ent else None}))
    return [_fact("person", k, names[k], rs, arts, {"entity_id": k if not k.startswith("name:") else None})
            for k, rs in reports.items()]
