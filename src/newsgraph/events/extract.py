"""PLOVER event extraction from the shared dependency parse.

For every sentence: find triggers (verbs and nominal events from the pattern
dictionary), check the pattern's conditions, then read actors from the
subject (climbing through control/raising verbs, conjunctions and relative
clauses; the agent of a passive), recipients from the pattern's slots, the
date from the time expression attached to the trigger, the auxiliary mode
from modality and negation, and the location from a toponym under the
trigger or the article's dateline.

Reported speech: the speech verb ("Ankara said ...") is not an event; the
clause it reports is coded with its own subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.entities.mentions import Cluster, MentionRecord
from newsgraph.events.patterns import Pattern, PatternSet
from newsgraph.nlp import actors

# --- named constants (each justified where it is used) -----------------------
# Governing verbs whose xcomp is a planned action: "is due to travel", "plans to visit".
FUTURE_GOVERNORS = frozenset({"plan", "due", "set", "expect", "schedule", "intend", "prepare", "hope", "aim", "going"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
REFUSAL_GOVERNORS = frozenset({"refuse", "decline", "reject"})
PHONE_WORDS = frozenset({"phone", "telephone", "call", "video", "videoconference", "phoned"})
LIGHT_VERBS = frozenset({"hold", "have", "attend", "host", "begin", "open", "start", "convene", "pay", "make", "join", "stage", "launch", "carry", "conduct", "resume"})
# How far up the head chain an actor is looked for (noun → prep → verb → xcomp governor).
MAX_CLIMB = 4
# Confidence adjustments: calibrated by reading the example corpus's events;
# to be re-fitted on the PLOVER gold records (issue 5).
CONF_NAMED_ACTOR = 0.15
CONF_RECIPIENT = 0.1
CONF_EXPLICIT_DATE = 0.05
CONF_VERB_TRIGGER = 0.05
CONF_GENERIC_ACTOR = -0.1
CONF_MIN, CONF_MAX = 0.05, 0.95
CONTEXT_CUES = {
    "military": {"military", "troops", "army", "soldiers", "forces", "drills", "missile", "weapons"},
    "economic": {"economic", "economy", "trade", "tariff", "tariffs", "asset", "assets", "investment", "energy"},
    "diplomatic": {"diplomatic", "diplomats", "embassy", "ambassador", "foreign minister", "summit"},
    "political_institutions": {"law", "parliament", "bill", "legislation", "constitution"},
    "human_rights": {"rights", "freedom", "journalists", "civil society"},
    "territory": {"border", "territory", "territorial"},
}


@dataclass
class EventMention:
    type: str
    mode: str | None
    cameo: str | None
    context: list[str]
    aux_mode: str | None
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]
    date: str | None
    date_precision: str | None
    date_source: str | None
    location: dict[str, Any] | None
    confidence: float
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    pattern: str
    _token: int = field(default=-1, repr=False)
    _governor: int = field(default=-1, repr=False)


class _Ctx:
    """Per-document lookups shared by every trigger in the document."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[MentionRecord],
        clusters: dict[str, Cluster],
        times: Sequence[Any],
        toponyms: Sequence[Any],
        published: date | None,
        dateline_place: Any | None,
    ) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.clusters = clusters
        self.times = [t for t in times if t.calendar is not None]
        self.toponyms = list(toponyms)
        self.published = published
        self.dateline_place = dateline_place

    def mention_at(self, tok: Token) -> MentionRecord | None:
        s, e = tok.idx, tok.idx + len(tok.text)
        for m in self.mentions:
            if m.start < e and m.end > s:
                return m
        return None

    def last_person_before(self, pos: int) -> MentionRecord | None:
        best = None
        for m in self.mentions:
            if m.end > pos:
                break
            if m.label == "PERSON":
                best = m
        return best


def _ref(key: str | None, name: str, country: str | None, sector: str | None) -> dict[str, Any]:
    return {"key": key, "name": name, "country": country, "sector": sector}


def _country_actor(iso3: str | None, sector: str | None = "GOV") -> dict[str, Any] | None:
    if not iso3:
        return None
    return _ref(f"country:{iso3}", actors.country_name(iso3) or iso3, iso3, sector)


def _actor_from_mention(ctx: _Ctx, m: MentionRecord) -> dict[str, Any] | None:
    cl = ctx.clusters.get(m.key)
    if cl is None:
        return None
    if cl.kind in ("place", "country"):
        # Capital-city and country metonyms act for the state: "Ankara said", "Baku accused Yerevan".
        iso = cl.country or actors.country_by_capital(m.text) or actors.country_by_name(m.text)
        if cl.kind == "place" and actors.country_by_capital(m.text) is None:
            return None  # an ordinary city is a place, not an actor
        return _country_actor(iso)
    return _ref(cl.key, cl.name, cl.country or m.country, cl.sector or m.sector)


def _noun_phrase(tok: Token) -> str:
    left = [t for t in tok.lefts if t.dep_ in ("amod", "compound", "nmod", "poss", "nummod") and t.dep_ != "det"]
    start = min([tok.i] + [min(x.i for x in t.subtree) for t in left])
    return tok.doc[start : tok.i + 1].text


def _np_tokens(tok: Token) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") or c.dep_ == "prep" and c.lower_ == "of":
            out += list(c.subtree)
    return out


def _generic_actor(ctx: _Ctx, tok: Token) -> dict[str, Any] | None:
    """Unnamed actors: "Azerbaijani forces", "Armenia's defence ministry", "protesters", "police"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    phrase = _noun_phrase(tok)
    country, sector, _role = actors.parse_title(phrase)
    if sector is None:
        sector = actors.sector_of_role(tok.lemma_) or actors.sector_of_role(tok.text)
    if country is None:
        # Only the noun phrase's own modifiers ("Armenia's", "of the Georgian government"), not
        # clauses hanging on it ("a law, which critics compare to EU rules").
        for t in _np_tokens(tok):
            m = ctx.mention_at(t)
            if m is not None and t.i != tok.i:
                country = m.country or actors.country_by_name(m.text) or actors.country_by_capital(m.text)
                if country:
                    break
    if country is None and sector is None:
        return None
    name = phrase.removeprefix("the ").removeprefix("The ")
    return _ref(None, name, country, sector)


def _actor_for_token(ctx: _Ctx, tok: Token) -> dict[str, Any] | None:
    if tok.pos_ == "PRON":
        if tok.lower_ in ("he", "she", "him", "her"):
            m = ctx.last_person_before(tok.idx)
            return _actor_from_mention(ctx, m) if m else None
        return None
    m = ctx.mention_at(tok)
    if m is None:
        # "Foreign Minister Baerbock": head may be the name; or a title noun heading a name compound.
        for child in tok.children:
            if child.dep_ in ("compound", "appos", "poss") and (m := ctx.mention_at(child)) is not None:
                if child.dep_ == "poss":
                    m = None  # "Turkey's ministry": the possessor gives the country, handled below
                break
    if m is not None:
        return _actor_from_mention(ctx, m)
    return _generic_actor(ctx, tok)


# Head nouns that only count the real actor: "thousands of protesters", "dozens of soldiers".
QUANTITY_HEADS = frozenset({
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
    "score", "scores", "number", "group", "crowd", "tens", "some", "many", "most", "several", "all",
})


def _expand(tok: Token) -> list[Token]:
    """A token and its coordinated siblings: "Baku and Yerevan" → [Baku, Yerevan]."""
    if tok.lemma_.lower() in QUANTITY_HEADS or tok.lower_ in QUANTITY_HEADS or tok.pos_ == "NUM":
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if of:
            tok = of[0]
    out = [tok]
    for c in tok.conjuncts:
        if c not in out:
            out.append(c)
    return out


def _actors_of(ctx: _Ctx, toks: Sequence[Token]) -> list[dict[str, Any]]:
    refs: list[dict[str, Any]] = []
    for t in toks:
        for x in _expand(t):
            r = _actor_for_token(ctx, x)
            if r and all(r["name"] != o["name"] for o in refs):
                refs.append(r)
    return refs


RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Verbs that make a nominal event in their "for" phrase a plan: "called for new rallies".
PLANNING_FOR_VERBS = frozenset({"call", "push", "appeal", "press", "campaign", "plan", "prepare", "lobby"})


def _subject_tokens(trigger: Token) -> tuple[list[Token], Token | None, bool]:
    """Subject of the trigger: (tokens, governing verb if climbed, passive?).

    Climbs through xcomp ("agreed to meet", "is due to travel"), conj ("arrived
    and met"), prep/pobj for nominal triggers ("travel ... for talks") and
    relative clauses ("the minister, who visited ...").
    """
    cur: Token = trigger
    governor: Token | None = None
    for _ in range(MAX_CLIMB):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
        if subj and cur.dep_ == "relcl" and all(s.lower_ in RELATIVE_PRONOUNS for s in subj):
            return [cur.head], governor, False  # "protesters who rallied": the antecedent acts
        if subj:
            return subj, governor, False
        passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
        if passive and cur is trigger:
            agent = [p for c in cur.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return agent, governor, True
        poss = [c for c in cur.children if c.dep_ == "poss"]
        if cur.pos_ == "NOUN" and poss:
            return poss, governor, False
        if cur.dep_ == "relcl":
            return [cur.head], governor, False
        if (
            cur is trigger and cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("dobj", "nsubj", "nsubjpass")
            and cur.head.lemma_.lower() not in LIGHT_VERBS
        ):
            break  # "Turkish politics will shape the meeting": the subject of "shape" did not meet
        if cur.dep_ in ("xcomp", "conj", "pobj", "prep", "dobj", "acomp", "advcl", "acl") and cur.head is not cur:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX", "ADJ"):
                governor = cur
            continue
        break
    return [], governor, False


def _slot_tokens(tok: Token, slot: str) -> list[Token]:
    if slot == "dobj":
        return [c for c in tok.children if c.dep_ == "dobj"]
    if slot in ("dative", "iobj"):
        return [c for c in tok.children if c.dep_ == "dative"]
    if slot.startswith("prep:"):
        word = slot[5:]
        out = []
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == word:
                out += [p for p in c.children if p.dep_ == "pobj"]
        # "sanctions on Russian officials": the prep may hang on the object noun.
        for d in tok.children:
            if d.dep_ == "dobj":
                for c in d.children:
                    if c.dep_ == "prep" and c.lower_ == word:
                        out += [p for p in c.children if p.dep_ == "pobj"]
        return out
    if slot == "xcomp":
        return [c for c in tok.children if c.dep_ == "xcomp"]
    return []


def _conditions_met(tok: Token, p: Pattern) -> bool:
    if p.object:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(o.lemma_.lower() in p.object or o.lower_ in p.object for o in objs):
            return False
    if p.particle and not any(c.dep_ in ("prep", "prt") and c.lower_ in p.particle for c in tok.children):
        return False
    if p.require and not any(_slot_tokens(tok, r) or (r == "dobj" and _slot_tokens(tok, "dobj")) for r in p.require):
        return False
    if p.phone_cue:
        words = {t.lower_ for t in tok.subtree} | {tok.lower_}
        if tok.pos_ == "VERB" and tok.lemma_ in ("speak", "call") and not (words & PHONE_WORDS - {"call"}):
            return tok.lemma_ == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children)
    return True


def _aux_mode(trigger: Token, governor: Token | None, event_type: str, tense: str | None) -> str | None:
    chain = [trigger] + ([governor] if governor is not None else [])
    cur = trigger
    while cur.dep_ in ("xcomp", "conj") and cur.head is not cur and cur.head not in chain:
        cur = cur.head
        chain.append(cur)
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    if negated and event_type != "REJECT":
        return "negation"
    if (
        trigger.pos_ in ("NOUN", "PROPN") and trigger.head.dep_ == "prep" and trigger.head.lower_ == "for"
        and trigger.head.head.lemma_.lower() in PLANNING_FOR_VERBS
    ):
        return "future"
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical"
    if "would" in auxes and any(t.dep_ == "mark" and t.lower_ == "if" for t in trigger.sent):
        return "hypothetical"
    if auxes & FUTURE_AUX or any(t.lemma_.lower() in FUTURE_GOVERNORS and t is not trigger for t in chain):
        return "future"
    if tense == "future":
        return "future"
    return None


# Expressions anchored on the publication instant rather than a calendar name. With
# "overnight and on Tuesday" the weekday dates the event; "overnight" alone falls back to DCT.
DEICTIC_TIMES = frozenset({"overnight", "today", "tonight", "shortly after midnight", "now", "this morning",
                           "this afternoon", "this evening"})


def _deictic(t: Any) -> bool:
    return str(t.text).lower() in DEICTIC_TIMES


def _time_for(ctx: _Ctx, trigger: Token, sent: Span) -> Any | None:
    sub = list(trigger.subtree)
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    in_sent = [t for t in ctx.times if sent.start_char <= t.start < sent.end_char]
    under = [t for t in in_sent if lo <= t.start < hi]
    if under:
        return min(under, key=lambda t: (_deictic(t), abs(t.start - trigger.idx)))
    # A time expression under the same governing verb ("will travel ... and meet ... on Thursday").
    head = trigger.head if trigger.dep_ in ("xcomp", "conj", "pobj", "dobj") else trigger
    hsub = list(head.subtree)
    hlo, hhi = hsub[0].idx, hsub[-1].idx + len(hsub[-1].text)
    near = [t for t in in_sent if hlo <= t.start < hhi]
    if near:
        return min(near, key=lambda t: (_deictic(t), abs(t.start - trigger.idx)))
    return None


def _location_for(ctx: _Ctx, trigger: Token, recipients_toks: Sequence[Token]) -> dict[str, Any] | None:
    sub = list(trigger.subtree)
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    # Demonyms ("her Turkish counterpart") point at a country, not at where the event happens.
    cands = [tp for tp in ctx.toponyms if lo <= tp.start < hi and tp.role == "place"]
    if cands:
        # The most specific place wins: "travel to Japan for a summit in Tokyo" happens in Tokyo.
        tp = min(cands, key=lambda t: (SPECIFICITY.get(t.place.feature, 0), abs(t.start - trigger.idx)))
        return _loc(tp.place)
    if ctx.dateline_place is not None:
        return _loc(ctx.dateline_place)
    return None


# Rank of a place's feature when several are under one trigger (lower is more specific).
SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}


def _loc(place: Any) -> dict[str, Any]:
    return {"name": place.name, "lat": place.lat, "lon": place.lon, "country": place.country, "feature": place.feature}


def _contexts(p: Pattern, sent: Span) -> list[str]:
    low = sent.text.lower()
    ctx = list(p.context)
    for name, cues in CONTEXT_CUES.items():
        if name not in ctx and any(c in low.split() or (" " in c and c in low) for c in cues):
            ctx.append(name)
    return ctx


def _make_event(ctx: _Ctx, tok: Token, p: Pattern, sent: Span) -> EventMention | None:
    from newsgraph.nlp.timex import tense_of

    subj, governor, passive = _subject_tokens(tok)
    actor = _actors_of(ctx, subj)
    rec_toks: list[Token] = []
    for slot in p.recipient:
        rec_toks += _slot_tokens(tok, slot)
    if passive:
        rec_toks = [c for c in tok.children if c.dep_ == "nsubjpass"] + rec_toks
    recipient = [r for r in _actors_of(ctx, rec_toks) if all(r["name"] != a["name"] for a in actor)]
    if not actor and not recipient:
        return None
    etype, mode, cameo = p.type, p.mode, p.cameo
    if governor is not None and governor.lemma_.lower() in REFUSAL_GOVERNORS and etype != "REJECT":
        # "refused to meet": the refusal is the event (PLOVER REJECT), not a negated meeting.
        etype, mode, cameo = "REJECT", ("meet" if p.type == "CONSULT" else None), "120"
    if mode == "multilateral" and len(actor) + len(recipient) >= 2:
        states = {r["country"] for r in actor + recipient if r["country"]}
        if len(states) <= 2:
            mode = "meet"  # "a summit with Kishida": two states meeting is bilateral, not multilateral
    tense = tense_of(tok)
    aux = _aux_mode(tok, governor, etype, tense)
    t = _time_for(ctx, tok, sent)
    date_value, precision, date_source = None, None, None
    cal = t.calendar if t is not None else None
    if cal is not None:
        (date_value, precision), date_source = cal, "text"
    elif aux != "future" and ctx.published is not None:
        date_value, precision, date_source = ctx.published.isoformat(), "day", "published"
    if (
        aux is None and date_value and ctx.published and date_source == "text" and precision == "day"
        and date_value[:10] > ctx.published.isoformat()
    ):
        aux = "future"  # an explicit date after publication is a planned event
    loc = _location_for(ctx, tok, rec_toks)
    for group in (actor, recipient):
        for r in group:
            if r["country"] is None and r["key"] is None and loc and loc.get("country"):
                r["country"] = loc["country"]  # unnamed local actors (protesters, police) of the place
    conf = p.confidence
    conf += CONF_NAMED_ACTOR if any(a["key"] for a in actor) else (CONF_GENERIC_ACTOR if actor else 0)
    conf += CONF_RECIPIENT if recipient else 0
    conf += CONF_EXPLICIT_DATE if date_source == "text" else 0
    conf += CONF_VERB_TRIGGER if tok.pos_ in ("VERB", "AUX") else 0
    return EventMention(
        type=etype,
        mode=mode,
        cameo=cameo,
        context=_contexts(p, sent),
        aux_mode=aux,
        actor=actor,
        recipient=recipient,
        date=date_value,
        date_precision=precision,
        date_source=date_source,
        location=loc,
        confidence=round(min(CONF_MAX, max(CONF_MIN, conf)), 3),
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        trigger=tok.text,
        trigger_start=tok.idx,
        pattern=p.id,
        _token=tok.i,
        _governor=governor.i if governor is not None else -1,
    )


def _triggers(tok: Token, ps: PatternSet) -> list[Pattern]:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")):
        return [p for p in ps.by_verb.get(lemma, []) if _conditions_met(tok, p)]
    if tok.pos_ in ("NOUN", "PROPN"):
        cands = ps.by_noun.get(lemma, []) or ps.by_noun.get(tok.lower_, [])
        return [p for p in cands if _conditions_met(tok, p)]
    return []


def extract_events(
    doc: Doc,
    mentions: Sequence[MentionRecord],
    clusters: dict[str, Cluster],
    times: Sequence[Any],
    toponyms: Sequence[Any],
    published: date | None,
    dateline_place: Any | None,
    patterns: PatternSet,
) -> list[EventMention]:
    """All event mentions in one parsed article."""
    ctx = _Ctx(doc, mentions, clusters, times, toponyms, published, dateline_place)
    out: list[EventMention] = []
    for sent in doc.sents:
        found: list[EventMention] = []
        for tok in sent:
            for p in _triggers(tok, patterns):
                ev = _make_event(ctx, tok, p, sent)
                if ev is not None:
                    found.append(ev)
                    break  # first matching pattern per trigger (YAML order = priority)
        out += _fold_nominals(doc, _drop_refusal_verbs(doc, found))
    return out


def _drop_refusal_verbs(doc: Doc, found: list[EventMention]) -> list[EventMention]:
    """"refused to meet X": keep the REJECT built from "meet" (it has the recipient), not "refused"."""
    refusals = {
        e._governor for e in found
        if e.type == "REJECT" and e._governor >= 0 and doc[e._governor].lemma_.lower() in REFUSAL_GOVERNORS
        and e._token != e._governor
    }
    return [e for e in found if not (e._token in refusals and e.type == "REJECT")]


def _fold_nominals(doc: Doc, found: list[EventMention]) -> list[EventMention]:
    """A nominal event governed by a verb event of the same type is part of it.

    "will travel to Ankara for talks with Cavusoglu": the talks are the visit's
    content; their "with" participants join the visit's recipients.
    """
    by_tok = {e._token: e for e in found}
    keep = []
    for e in found:
        tok = doc[e._token]
        parent = None
        cur = tok
        for _ in range(MAX_CLIMB):
            if cur.head is cur:
                break
            cur = cur.head
            if cur.i in by_tok and by_tok[cur.i] is not e:
                parent = by_tok[cur.i]
                break
        if tok.pos_ in ("NOUN", "PROPN") and parent is not None and parent.type == e.type:
            for r in e.recipient:
                if all(r["name"] != x["name"] for x in parent.recipient + parent.actor):
                    parent.recipient.append(r)
            if parent.date_source != "text" and e.date_source == "text":
                parent.date, parent.date_precision, parent.date_source = e.date, e.date_precision, e.date_source
            continue
        keep.append(e)
    return keep


def events_to_json(events: Sequence[EventMention]) -> list[dict[str, Any]]:
    out = []
    for e in events:
        d = asdict(e)
        d.pop("_token", None)
        d.pop("_governor", None)
        out.append(d)
    return out
