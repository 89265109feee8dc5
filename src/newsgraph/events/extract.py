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
from newsgraph.events import ontology, relevance, rules
from newsgraph.events.patterns import Pattern, PatternSet
from newsgraph.nlp import actors
from newsgraph.nlp.quality import event_sentences

# --- named constants (each justified where it is used) -----------------------
# Governing verbs whose xcomp is a planned action: "is due to travel", "plans to visit".
FUTURE_GOVERNORS = frozenset({"plan", "due", "set", "expect", "schedule", "intend", "prepare", "hope", "aim", "going"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
# Words above a clause that make its event a belief, wish, claim or open question, not a fact:
# "want to see the police disarmed", "certain she was being targeted", "unclear whether a judge
# will accept", "considering whether to file charges", "arguing that South Sudan was trying to
# start a war".
UNREALISED_GOVERNORS = frozenset({
    "want", "wish", "believe", "think", "suspect", "fear", "doubt", "wonder", "imagine", "dream", "speculate",
    "consider", "weigh", "debate", "mull", "contemplate", "certain", "sure", "convinced", "unclear", "uncertain",
    "unsure", "possible", "likely", "unlikely", "argue", "claim", "allege", "rumour", "rumor", "worry", "suggest",
    "contend",
})
# Nouns whose infinitive asks or plans, not reports: "pressure to suppress", "a plan to attack"
# (an "attempt to assassinate" was made: not here).
WISH_NOUNS = frozenset({"pressure", "call", "demand", "plan", "proposal", "push", "threat", "offer", "appeal", "request",
                        "desire", "wish", "hope", "intention", "plot", "scheme", "order", "ultimatum", "plea", "bid"})
# Verbs that, in the passive, ask for what their clause says: "is asked to call", "are urged to leave".
ASKING_VERBS = frozenset({"ask", "urge", "encourage", "advise", "request", "invite", "beg", "implore", "call"})
# Modifiers of a nominal event: "the pending invasion", "a possible strike".
FUTURE_MODIFIERS = frozenset({"pending", "planned", "proposed", "upcoming", "imminent", "expected", "scheduled",
                              "forthcoming", "looming", "impending", "prospective", "intended"})
# Verbs that, in the past tense, report a nominal event as done ("carried out the attack").
REALISING_VERBS = frozenset({"mount", "carry", "conduct", "execute", "complete", "finish", "wage", "unleash"})
HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "alleged", "would-be", "feared", "rumoured", "rumored",
                                    "hypothetical", "threatened", "suspected", "purported"})
# Dependencies climbed from a trigger to the words that govern its clause.
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "acomp", "dobj", "pobj", "prep", "pcomp"})
MAX_GOVERNOR_CLIMB = 5
PHONE_WORDS = frozenset({"phone", "telephone", "call", "video", "videoconference", "phoned"})
LIGHT_VERBS = frozenset({"hold", "have", "attend", "host", "begin", "open", "start", "convene", "pay", "make", "join", "stage", "launch",
                         "carry", "conduct", "resume", "mount", "undertake", "renew", "continue", "wage", "issue", "lodge", "give",
                         "grant", "organise", "organize", "engage", "pursue", "step", "end", "complete", "call", "announce",
                         # aspectual verbs: their object is the event itself ("speeded up the withdrawal")
                         "speed", "accelerate", "finish", "intensify", "escalate", "expand", "extend"})
# How far up the head chain an actor is looked for (noun → prep → verb → xcomp governor).
MAX_CLIMB = 4
# Confidence adjustments: calibrated by reading the example corpus's events;
# to be re-fitted on the PLOVER gold records (issue 5).
CONF_NAMED_ACTOR = 0.15
CONF_RECIPIENT = 0.1
CONF_EXPLICIT_DATE = 0.05
CONF_VERB_TRIGGER = 0.05
# The sentence's main predicate (or what its main reporting verb reports) over a subordinate
# clause's: "Lebanon complained ... over two Israeli air raids" is about the complaint.
CONF_MAIN_CLAUSE = 0.2
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
    # What a verbal act is about ("agreed to meet": {"type": "CONSULT", ...}); see events.rules.
    content: dict[str, Any] | None = None
    # All participants act alike ("X and Y held talks"): PLOVER lists them all as actors.
    reciprocal: bool = False
    # Said to happen only under a condition ("unless Israel withdraws"): a threat in PLOVER.
    conditional: bool = False
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
        self.refs: list[Any] = []  # the coref stage's links (pronouns and descriptions → entities)
        lead_end = next((sent.end_char for n, sent in enumerate(doc.sents) if n == LEAD_PLACE_SENTENCES - 1), len(doc.text))
        self.lead_place = next((t.place for t in sorted(self.toponyms, key=lambda t: t.start)
                                if t.start < lead_end and t.role == "place"), None)

    def ref_at(self, tok: Token) -> Any | None:
        for r in self.refs:
            if r.start <= tok.idx < r.end:
                return r
        return None

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


# Marks an unnamed actor whose own words name its state ("Turkish Cypriot leaders"): such
# groups act politically (events.relevance); dropped when events are written out.
NATIONAL = "_national"


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
    # never across a line break: "uk / 2013 / ... / \nMan" is a URL line above the headline's "Man"
    breaks = [t.i for t in tok.doc[start : tok.i] if "\n" in t.text_with_ws]
    if breaks:
        start = breaks[-1] + 1
    return tok.doc[start : tok.i + 1].text


def _np_tokens(tok: Token) -> list[Token]:
    """The noun phrase's own modifiers: "Armenia's", "of the Georgian government", "in Nepal"."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") or c.dep_ == "prep" and c.lower_ in ("of", "in"):
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
    ethnic = any(c.lower_ == "ethnic" for c in tok.children) or tok.lower_ == "ethnic"
    if ethnic:
        # "ethnic Albanians in Serbia": an ethnicity, coded by where they live (the place's state).
        country = None
    if country is None:
        # Only the noun phrase's own modifiers ("Armenia's", "of the Syrian Golan Heights", "in Nepal"),
        # not clauses hanging on it ("a law, which critics compare to EU rules").
        for t in _np_tokens(tok):
            if t.i == tok.i or (ethnic and t.dep_ == "amod"):
                continue
            m = ctx.mention_at(t)
            found = (m.country or actors.country_by_name(m.text) or actors.country_by_capital(m.text)) if m else None
            found = found or (actors.country_by_demonym(t.text) if t.ent_type_ == "NORP" else None)
            if not found and t.dep_ == "compound" and (info := actors.lookup_actor(t.text)) is not None:
                found = info.country  # "RCMP officers": the institution's country (and sector)
                sector = sector or info.sector
            if found and m is not None and t.dep_ == "compound" and sector is None:
                sector = m.sector  # "the UNITA militarist wing": UNITA's sector
            if found:
                country = found
                break
    if country is None and not ethnic:
        # "the Palestinians": the head is itself a demonym.
        country = actors.country_by_demonym(tok.text)
    if country is None and sector is None and not ethnic:
        return None  # (an ethnic group stays an actor: its country comes from where it is)
    name = phrase.removeprefix("the ").removeprefix("The ")
    ref = _ref(None, name, country, sector)
    if country is not None and not ethnic:
        # "the Turkish and Greek sides", "Ibo elders" no: a group its own words tie to a state
        # (not one given the country of where it is): a national actor (events.relevance)
        ref[NATIONAL] = True
    return ref


# Reporting verbs whose subject is what "it"/"they" in the reported clause stands for:
# "Uganda said it had paid compensation".
REPORTING_LEMMAS = frozenset({"say", "announce", "state", "declare", "claim", "insist", "add", "report", "confirm",
                              "indicate", "reveal", "tell", "warn", "vow", "promise", "pledge", "decide"})


def _actor_for_token(ctx: _Ctx, tok: Token) -> dict[str, Any] | None:
    if tok.pos_ == "PRON":
        ref = ctx.ref_at(tok)
        if ref is not None and ref.key in ctx.clusters:
            linked = MentionRecord(ref.antecedent_start, ref.antecedent_end,
                                   ctx.doc.text[ref.antecedent_start:ref.antecedent_end], ref.label, ref.key)
            return _actor_from_mention(ctx, linked)
        clause = tok.head
        while clause.dep_ in ("xcomp", "conj", "aux") and clause.head.i != clause.i:
            clause = clause.head
        if tok.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_LEMMAS:
            speaker = [c for c in clause.head.children if c.dep_ == "nsubj"]
            if speaker and speaker[0].pos_ != "PRON":
                return _actor_for_token(ctx, speaker[0])
        if tok.lower_ in ("he", "she", "him", "her"):
            last = ctx.last_person_before(tok.idx)
            return _actor_from_mention(ctx, last) if last else None
        return None
    m = ctx.mention_at(tok)
    if m is None:
        # "Foreign Minister Baerbock": head may be the name; or a title noun heading a name compound.
        for child in tok.children:
            if child.dep_ in ("compound", "appos", "poss") and (m := ctx.mention_at(child)) is not None:
                if child.dep_ == "poss":
                    m = None  # "Turkey's ministry": the possessor gives the country, handled below
                elif child.dep_ == "compound" and (
                    tok.lemma_.lower() in AFFILIATE_NOUNS or (m.label == "PERSON" and actors.sector_of_role(tok.lemma_))
                ):
                    # "top Nixon aides", "Trump officials": the person's people, not the person;
                    # "Riot police" (a capital the NER took for a name): police
                    return _affiliates(ctx, tok, m)
                elif child.dep_ == "compound" and m.label != "PERSON" and actors.sector_of_role(tok.lemma_):
                    cl = ctx.clusters.get(m.key)
                    if cl is None or (cl.sector is None and cl.country is None):
                        m = None  # "Riot police": a role noun whose modifier the NER took for a name
                break
    if m is not None:
        ref = _actor_from_mention(ctx, m)
        if ref is not None and ref.get("country") is None:
            # "the Ivory Coast's Supreme Court", "the Latvian Constitutional Court"
            for c in tok.children:
                if c.dep_ in ("poss", "amod", "compound") and not (m.start <= c.idx < m.end):
                    pm = ctx.mention_at(c)
                    iso = (actors.country_by_name(pm.text) or actors.country_by_capital(pm.text)) if pm else actors.country_by_demonym(c.text)
                    if iso:
                        ref = {**ref, "country": iso}
                        break
        return ref
    return _generic_actor(ctx, tok)


def _affiliates(ctx: _Ctx, tok: Token, m: MentionRecord) -> dict[str, Any] | None:
    """"Nixon aides", "the Hiller family": an unnamed group with the person's country (and, for
    staff, the person's sector)."""
    person = _actor_from_mention(ctx, m)
    if person is None:
        return None
    sector = person.get("sector") if tok.lemma_.lower() in AFFILIATE_SAME_SECTOR else actors.sector_of_role(tok.lemma_)
    return _ref(None, _noun_phrase(tok).removeprefix("the ").removeprefix("The "), person.get("country"), sector)


# Unnamed actors of these sectors act for a state or an organisation, not for the place they
# are in: "European Community foreign ministers ... aid to Poland" are not Polish.
STATE_SECTORS = frozenset({"GOV", "IGO", "LEG", "JUD", "SPY"})
# Unnamed actors that often act abroad keep no country from the event's place: "troops
# arrived in Bosnia" (peacekeepers), "soldiers raided a village in the West Bank" (Israeli).
ABROAD_SECTORS = frozenset({"MIL"})

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


def _demonym_split(ctx: _Ctx, tok: Token, ref: dict[str, Any]) -> list[dict[str, Any]]:
    """"Hungarian and Romanian officials": one unnamed actor per conjoined demonym."""
    if ref.get("key") is not None:
        return [ref]
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    out: list[dict[str, Any]] = []
    for m in mods:
        for d in [m, *m.conjuncts]:
            iso = actors.country_by_demonym(d.text) or actors.country_by_name(d.text)
            if iso and all(iso != o["country"] for o in out):
                out.append(_ref(None, f"{d.text} {tok.text}", iso, ref.get("sector")))
    return out if len(out) > 1 else [ref]


REFLEXIVES = frozenset({"themselves", "himself", "herself", "itself", "ourselves", "oneself"})
# Prepositions inside an object that name who is behind it: "calls by Belarus's rulers",
# "an offer from Afghanistan", "the suppression of ...", "a dispute with its partners".
OBJECT_AGENT_PREPS = frozenset({"by", "from", "of", "with"})


def _inner_actors(ctx: _Ctx, tok: Token, depth: int = 2, agents_only: bool = False,
                  target_preps: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Who an object that is no actor stands for: its possessor, demonym, or by/from/of phrase.

    ``agents_only``: for a nominal that its possessor and "of" complement undergo ("the killing
    of Grigoropoulos"), only a "by" phrase, a demonym or a state or organisation acts.
    ``target_preps``: prepositions that mark the nominal's recipient ("a probe of the shelling")."""
    out: list[dict[str, Any]] = []
    for c in tok.children:
        cand: Token | None = None
        if c.dep_ == "prep" and c.lower_ in target_preps:
            continue
        if agents_only and c.dep_ in ("poss", "compound") and not _agentive(c):
            continue
        if agents_only and c.dep_ == "prep" and c.lower_ != "by":
            continue
        if c.dep_ == "poss" and c.lemma_.lower() in PLACE_NOUNS:
            continue  # "the Greek capital's protests": where, not who
        if c.dep_ in ("poss", "compound") or (c.dep_ == "amod" and actors.country_by_demonym(c.text)):
            cand = c
        elif c.dep_ == "prep" and c.lower_ in OBJECT_AGENT_PREPS:
            cand = next((p for p in c.children if p.dep_ == "pobj"), None)
        if cand is None:
            continue
        r = _actor_for_token(ctx, cand) if cand.dep_ != "amod" else _country_actor(actors.country_by_demonym(cand.text))
        if r is not None and (r.get("key") or r.get("country")):
            out.append(r)
        elif depth > 1:
            out += _inner_actors(ctx, cand, depth - 1)
    return out


def _recipients_of(ctx: _Ctx, toks: Sequence[Token]) -> list[dict[str, Any]]:
    """Recipients: actors in the slots, else who the slot's object stands for (never a reflexive:
    "killed 23 people as well as themselves")."""
    refs: list[dict[str, Any]] = []
    for t in toks:
        if t.lower_ in REFLEXIVES:
            continue
        for x in _expand(t):
            found = _actors_of(ctx, [x])
            if not any(r.get("key") or r.get("country") for r in found):
                found = _inner_actors(ctx, x) or found
            for r in found:
                if all(r["name"] != o["name"] for o in refs):
                    refs.append(r)
    return refs


def _actors_of(ctx: _Ctx, toks: Sequence[Token]) -> list[dict[str, Any]]:
    refs: list[dict[str, Any]] = []
    for t in toks:
        for x in _expand(t):
            r = _actor_for_token(ctx, x)
            for rr in _demonym_split(ctx, x, r) if r else []:
                if all(rr["name"] != o["name"] for o in refs):
                    refs.append(rr)
    return refs


RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Nominal events whose possessor and "of" complement undergo them: "Escalante's killing", "his
# arrest", "the release of the hostages" (the agent is a "by" phrase, or a state: "Israel's arrest of").
PATIENT_NOMINALS = frozenset({
    "killing", "murder", "assassination", "arrest", "detention", "execution", "abduction", "kidnapping", "capture",
    "release", "extradition", "conviction", "sentencing", "trial", "shooting", "beating", "torture", "deportation",
    "expulsion", "indictment", "prosecution", "pardon", "rescue", "eviction", "slaying", "stabbing", "lynching",
    "imprisonment", "jailing", "internment", "interrogation", "persecution", "harassment", "rape", "massacre", "death",
    "injury", "hanging", "beheading", "sentence", "acquittal", "exile", "ouster", "removal", "dismissal", "firing",
})
# Verbs whose subject undergoes the nominal event they take: "X faces charges", "was arraigned
# on charges", "escaped arrest", "survived an assassination attempt", "appealed the conviction".
UNDERGO_VERBS = frozenset({
    "face", "arraign", "plead", "deny", "await", "risk", "escape", "survive", "suffer", "undergo", "receive", "serve",
    "appeal", "contest", "dodge", "evade", "avoid", "fear", "endure", "die", "perish", "flee",
})
# Nominal triggers in a fixed phrase with a preposition: no event.
IDIOM_PREPS = frozenset({("charge", "in"), ("control", "in"), ("attack", "under"), ("fire", "under"), ("alert", "in")})
# Common nouns for places: a possessor among them says where, not who ("the capital's protests").
PLACE_NOUNS = frozenset({"capital", "city", "town", "country", "region", "province", "village", "state", "nation",
                         "neighbourhood", "neighborhood", "area", "district", "island", "county", "street", "streets"})
# Verbs whose object is the subject of the clause they take: "told X to leave", "saw X fire".
OBJECT_CONTROL = frozenset({"tell", "order", "ask", "urge", "force", "persuade", "allow", "permit", "instruct",
                            "command", "compel", "invite", "encourage", "help", "expect", "lead", "cause", "see",
                            "watch", "hear", "get", "make", "let", "warn", "advise", "beg", "implore", "press"})
# Verbs whose subject, when the parser reads them as active but they take no object, underwent
# them (``_reduced_passive``); charge verbs even as finite verbs ("the policeman charged with murder").
PATIENT_VERBS = frozenset({
    "kill", "murder", "slay", "wound", "injure", "shoot", "stab", "arrest", "detain", "jail", "imprison",
    "charge", "accuse", "indict", "convict", "sentence", "execute", "abduct", "kidnap", "capture", "torture",
    "deport", "expel", "extradite", "prosecute", "behead", "hang", "lynch", "massacre", "assassinate",
})
CHARGE_VERBS = frozenset({"charge", "accuse", "indict", "convict"})
# Prepositions that only date a nominal event ("after the pardon, Nixon sent ..."): the main
# clause's subject is not its actor.
TEMPORAL_PREPS = frozenset({"after", "before", "since", "following", "until", "till", "during", "despite", "amid", "throughout",
                            "amidst", "ahead", "prior"})
# Group nouns that stand for a person's people, not the person: "top Nixon aides".
AFFILIATE_NOUNS = frozenset({
    "aide", "adviser", "advisor", "supporter", "ally", "loyalist", "lawyer", "attorney", "spokesman", "spokeswoman",
    "spokesperson", "family", "relative", "son", "daughter", "wife", "husband", "brother", "sister", "father",
    "mother", "friend", "associate", "staff", "staffer", "camp", "campaign", "follower", "henchman", "bodyguard",
    "guard", "team", "backer", "partner", "deputy", "assistant",
})
# Those of them that share the person's sector (a minister's aides work for the government).
AFFILIATE_SAME_SECTOR = frozenset({"aide", "adviser", "advisor", "loyalist", "spokesman", "spokeswoman",
                                   "spokesperson", "staff", "staffer", "camp", "deputy", "assistant"})
# Named spans a nominal trigger inside is part of: "Atlantic Coast Conference", "Attack on Titan".
NAME_ENTITY_TYPES = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "PERSON", "FAC", "GPE", "LOC", "LAW"})
# A nominal event counted this many times or more is a statistic, not an event: "300,000 consultations".
AGGREGATE_COUNT = 10
# Verbs that make a nominal event in their "for" phrase a plan: "called for new rallies".
PLANNING_FOR_VERBS = frozenset({"call", "push", "appeal", "press", "campaign", "plan", "prepare", "lobby"})


def lemma_variants(tok: Token) -> list[str]:
    """The token's lemma, and what it is when spaCy cut a verb's "e" ("staged" -> "stag", not
    "stage"; "rallied" is fine), then the word itself: the forms dictionary lookups try in turn."""
    lemma = tok.lemma_.lower()
    out = [lemma]
    low = tok.lower_
    if tok.pos_ in ("VERB", "AUX") and (low.endswith(("ed", "ing"))) and not lemma.endswith("e"):
        out.append(lemma + "e")
    out.append(low)
    return out


def _is_light(tok: Token) -> bool:
    return any(v in LIGHT_VERBS for v in lemma_variants(tok))


def _reduced_passive(tok: Token) -> Token | None:
    """The one who underwent a verb that the parser read as active: "more than 640 Palestinians
    killed since ..." (a participle with a subject), "three bank workers killed when ..." (a
    participle after its noun, read as a conjunct), "the policeman charged with murder", "leaders
    charged" (a charge verb with no object). None when the verb has its own object."""
    if tok.pos_ != "VERB" or not any(v in PATIENT_VERBS for v in lemma_variants(tok)):
        return None
    kids = list(tok.children)
    if any(c.dep_ in ("dobj", "auxpass", "ccomp", "xcomp") for c in kids) or any(c.dep_ == "aux" and c.lemma_ in ("have", "be", "will", "would") for c in kids):
        return None
    subj = [c for c in kids if c.dep_ == "nsubj" and c.pos_ != "PRON" and c.lower_ not in RELATIVE_PRONOUNS]
    charge = any(v in CHARGE_VERBS for v in lemma_variants(tok))
    if subj and (charge or (tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in kids))):
        return subj[0]
    prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    if (not subj and tok.dep_ in ("conj", "relcl", "acl") and prev is not None and prev.pos_ in ("NOUN", "PROPN")
            and prev.dep_ not in ("nsubj", "compound") and tok.tag_ in ("VBD", "VBN")):
        return prev
    return None


def _patient_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in PATIENT_NOMINALS


def _agentive(tok: Token) -> bool:
    """A possessor that acts rather than undergoes: a state, an organisation ("Israel's arrest of")."""
    return tok.ent_type_ in ("GPE", "ORG", "NORP") or actors.country_by_demonym(tok.text) is not None


def _temporal(prep: Token) -> bool:
    low = prep.lower_
    return low in TEMPORAL_PREPS or (low in ("to", "of") and prep.head.lower_ in ("prior", "ahead"))


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
        if cur is trigger and _patient_nominal(trigger):
            poss = [c for c in poss if _agentive(c)]  # "Escalante's killing": Escalante was killed
            if not poss:
                return [], governor, False
        poss = [c for c in poss if c.lemma_.lower() not in PLACE_NOUNS]  # "the Greek capital's protests": where, not who
        if cur.pos_ == "NOUN" and poss and not (poss[0].pos_ == "PRON" and cur.dep_ == "dobj"):
            return poss, governor, False  # "Israel's invasion"; but "mounted its invasion": climb to the verb
        if cur is trigger and cur.dep_ == "pobj" and _temporal(cur.head):
            break  # "after the pardon, Nixon sent ...": the sentence's subject did not pardon
        if cur is trigger and cur.dep_ in ("compound", "amod") and cur.head.pos_ in ("NOUN", "PROPN"):
            cur = cur.head  # "launched a mediation effort": the effort carries the event
            continue
        if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX") and cur.tag_ == "VBN" and cur is trigger:
            # "co-workers gunned down", "a man killed by police": the noun underwent it
            agent = [p for c in cur.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return agent, governor, True
        if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX"):
            return [cur.head], governor, False  # "demonstrators protesting the results": the demonstrators
        if (
            cur is trigger and cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("dobj", "nsubj", "nsubjpass")
            and not _is_light(cur.head)
        ):
            break  # "Turkish politics will shape the meeting": the subject of "shape" did not meet
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in OBJECT_CONTROL:
            obj = [c for c in cur.head.children if c.dep_ == "dobj"]
            if obj:
                return obj, cur.head, False  # "told police LaCalamita loaded ... and shot him": LaCalamita
        if cur.dep_ in ("xcomp", "conj", "pobj", "prep", "dobj", "acomp", "advcl", "acl") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX", "ADJ"):
                governor = cur
            continue
        break
    return [], governor, False


def _slot_tokens(tok: Token, slot: str) -> list[Token]:
    if slot == "dobj":
        return [c for c in tok.children if c.dep_ == "dobj"]
    if slot == "poss":
        # "summoned Niger's ambassador": Niger; "demolished Palestinian homes": the owners.
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] or ([tok] if tok.pos_ == "NOUN" else [])
        return [c for o in objs for c in o.children if c.dep_ == "poss" or (c.dep_ == "amod" and actors.country_by_demonym(c.text))]
    if slot in ("nsubj", "nsubjpass", "ccomp", "prt", "advcl"):
        base = tok.head if tok.dep_ == "aux" else tok
        return [c for c in base.children if c.dep_ == slot]
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
        # "the withdrawal of some invasion forces from Panama": on the noun's "of" complement.
        if not out and tok.pos_ in ("NOUN", "PROPN"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        out += [p for cc in o.children if cc.dep_ == "prep" and cc.lower_ == word
                                for p in cc.children if p.dep_ == "pobj"]
        # "gave a warm welcome to de Klerk": a nominal event's participants hang on its light verb.
        if not out and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and _is_light(tok.head):
            for c in tok.head.children:
                if c.dep_ in ("prep", "dative") and c.lower_ == word:
                    out += [p for p in c.children if p.dep_ == "pobj"]
        return out
    if slot == "xcomp":
        # an infinitive ("told him to leave"), not a finite verb the parser hung there ("told
        # police LaCalamita loaded a shell" reports, it does not order)
        return [c for c in tok.children if c.dep_ == "xcomp"
                and not (c.tag_ in ("VBD", "VBZ", "VBP") and not any(a.lower_ == "to" for a in c.children))]
    return []


def _object_candidates(tok: Token, p: Pattern) -> list[Token]:
    """What a pattern's ``object`` condition looks at: a verb's object (or passive subject, or
    the object of its particle: "remained on alert"); a noun's compounds and modifiers ("hunger
    strike", "air raid") and its "of" complement ("withdrawal of troops")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        out = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        out += [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.children if x.dep_ == "pobj"]
        return out
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "acomp")]
    out += [x for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in p.particle
            for x in c.children if x.dep_ == "pobj"]
    # "lifted a state of emergency", "deployed peacekeeping troops": the object's own head words.
    out += [x for o in list(out) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
            for x in c.children if x.dep_ == "pobj"]
    # "allowed international observers to supervise": the infinitive's subject is the verb's object
    out += [s_ for c in tok.children if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for s_ in c.children if s_.dep_ == "nsubj"]
    out += [c for o in list(out) for c in o.children if c.dep_ in ("compound", "amod")]
    if "xcomp" in p.require:
        # "failed to reach agreement": the clause the verb governs and that clause's object
        xs = [c for c in tok.children if c.dep_ == "xcomp"]
        out += xs + [c for x in xs for c in x.children if c.dep_ == "dobj"]
    return out


def _object_fits(o: Token, wanted: tuple[str, ...]) -> bool:
    """``@place`` in an object list stands for any named place ("returns Crimea to Ukraine")."""
    if o.lemma_.lower() in wanted or o.lower_ in wanted:
        return True
    if "@person" in wanted and o.ent_type_ == "PERSON":
        return True
    if "@org" in wanted and o.ent_type_ in ("ORG", "NORP"):
        return True
    return "@place" in wanted and o.ent_type_ in ("GPE", "LOC", "FAC")


def _dates_only(prep: Token) -> bool:
    """"called ... on Saturday": a preposition that only dates the verb is no particle ("call on")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _conditions_met(tok: Token, p: Pattern) -> bool:
    if p.object or p.not_object:
        objs = _object_candidates(tok, p)
        if p.object and not any(_object_fits(o, p.object) for o in objs):
            return False
        # only the head objects: "attacked the record store" is no "record"
        # (a noun's compound is its head word here: "press conference", "news conference")
        heads = [o for o in objs if o.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "pobj", "acomp")
                 or (o.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN"))]
        if p.not_object and any(o.lemma_.lower() in p.not_object or o.lower_ in p.not_object for o in heads):
            return False
    if p.without and any(_slot_tokens(tok, w) for w in p.without):
        return False
    if p.subject:
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        subj += [x for s_ in subj for x in s_.children if x.dep_ in ("compound", "amod")]
        if not any(_object_fits(x, p.subject) for x in subj):
            return False
    if p.particle and not any(c.dep_ in ("prep", "prt") and c.lower_ in p.particle and not _dates_only(c) for c in tok.children):
        return False
    if p.require and not any(_slot_tokens(tok, r) or (r == "dobj" and _slot_tokens(tok, "dobj")) for r in p.require):
        return False
    if p.phone_cue:
        words = {t.lower_ for t in tok.subtree} | {tok.lower_}
        if tok.lemma_ == "call" and tok.tag_ == "VBN" and any(c.dep_ in ("agent", "auxpass") for c in tok.children):
            return False  # "called by the prosecution" (as a witness) is no phone call
        if tok.pos_ == "VERB" and tok.lemma_ in ("speak", "call") and not (words & PHONE_WORDS - {"call"}):
            # "called him on Tuesday" is a call; "called for talks", "called on X", "called off" are not
            return tok.lemma_ == "call" and not any(
                (c.dep_ == "prep" and c.lower_ in ("for", "on")) or (c.dep_ == "prt" and c.lower_ in ("off", "up", "in", "out"))
                for c in tok.children
            )
    return True


def _aux_mode(trigger: Token, governor: Token | None, event_type: str, tense: str | None) -> str | None:
    chain = [trigger] + ([governor] if governor is not None else [])
    cur = trigger
    while cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i and cur.head not in chain:
        cur = cur.head
        chain.append(cur)
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    if negated and event_type != "REJECT":
        return "negation"
    unrealised = _unrealised(trigger)
    if unrealised is not None:
        return unrealised
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


def _carried_out(nominal: Token) -> bool:
    """"mounted its long-threatened invasion", "held the planned talks": a past verb that
    carries the nominal event out makes it real whatever its modifier said before."""
    head = nominal.head
    return (nominal.dep_ in ("dobj", "nsubjpass") and head.tag_ in ("VBD", "VBN")
            and head.lemma_.lower() in LIGHT_VERBS | REALISING_VERBS)


def _unrealised(trigger: Token) -> str | None:
    """"hypothetical" or "future" when the words governing the trigger's clause say it did not
    (yet) happen: a wish, belief, claim or open question above it, or a nominal's modifier."""
    if trigger.pos_ in ("NOUN", "PROPN") and not _carried_out(trigger):
        mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound")}
        if mods & FUTURE_MODIFIERS:
            return "future"
        if mods & HYPOTHETICAL_MODIFIERS:
            return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in trigger.children):
        return "hypothetical"  # "if convicted, he faces 55 years"
    if trigger.dep_ == "acl" and trigger.head.lemma_.lower() in WISH_NOUNS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
    ):
        return "hypothetical"  # "pressure from the White House to suppress its investigation"
    if trigger.dep_ in ("csubj", "csubjpass") and any(
        c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX | {"would", "'d"} for c in trigger.head.children
    ):
        return "hypothetical"  # "attacking Somali ports would not be effective"
    cur = trigger
    for _ in range(MAX_GOVERNOR_CLIMB):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in cur.children):
            return "hypothetical"
        if cur is not trigger and cur.lemma_.lower() in ASKING_VERBS and any(c.dep_ == "auxpass" for c in cur.children):
            return "hypothetical"  # "anyone with information is asked to call Sgt. X": asked, not done
        if cur.dep_ not in GOVERNING_DEPS or cur.head.i == cur.i:
            break
        if cur.dep_ == "prep" and cur.head.pos_ in ("NOUN", "PROPN"):
            break  # "wants a probe of (into) the Israeli strike": the probe is wished for, the strike happened
        cur = cur.head
        if cur.lemma_.lower() in ("responsibility", "credit"):
            return None  # "claimed responsibility for the attack" confirms it
        if cur.lemma_.lower() in UNREALISED_GOVERNORS or cur.lower_ in UNREALISED_GOVERNORS:
            return "hypothetical"
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
    cands = [tp for tp in ctx.toponyms if lo <= tp.start < hi and tp.role in LOCATING_ROLES]
    if cands:
        # The most specific place wins: "travel to Japan for a summit in Tokyo" happens in Tokyo.
        tp = min(cands, key=lambda t: (SPECIFICITY.get(t.place.feature, 0), abs(t.start - trigger.idx)))
        return _loc(tp.place, "text")
    # The sentence's own place, when none hangs on the trigger ("Rescuers in Baoding said ... died").
    sent = trigger.sent
    in_sent = [tp for tp in ctx.toponyms if sent.start_char <= tp.start < sent.end_char and tp.role in LOCATING_ROLES]
    if in_sent:
        tp = min(in_sent, key=lambda t: (SPECIFICITY.get(t.place.feature, 0), abs(t.start - trigger.idx)))
        return _loc(tp.place, "sentence")
    if ctx.dateline_place is not None:
        return _loc(ctx.dateline_place, "dateline")
    if ctx.lead_place is not None:
        return _loc(ctx.lead_place, "lead")  # no dateline: the place the report opens with
    return None


# Toponym roles that locate an event: a place's name, or an institution standing for its seat
# ("met at the White House"); a demonym does not ("her Turkish counterpart").
LOCATING_ROLES = frozenset({"place", "seat"})
# Sentences at the start of a report whose first place locates events that name none.
LEAD_PLACE_SENTENCES = 2
# Rank of a place's feature when several are under one trigger (lower is more specific).
SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}


# Prepositions of a governed clause that name whom it is aimed at.
CONTENT_RECIPIENT_PREPS = frozenset({"to", "against", "on", "with", "from", "into"})
# Types whose unnamed recipient is the population of the place they happen in.
PLACE_DIRECTED = frozenset({"CONCEDE", "COERCE"})
# ... but not an arrest: "police arrested a man in Bloomington" did not arrest the United States.
PERSON_DIRECTED_MODES = frozenset({"arrest"})


def _sentence_country(ctx: _Ctx, sent: Span) -> str | None:
    """The one country a sentence names (by name, capital or demonym), or None when it names none or several."""
    found = {iso for e in sent.ents if (iso := actors.country_of_entity(e.text, e.label_))}
    return next(iter(found)) if len(found) == 1 else None


def _loc(place: Any, source: str) -> dict[str, Any]:
    """An event location; ``source`` says where it comes from: "text" (a place under the trigger),
    "sentence" (elsewhere in the sentence) or "dateline"."""
    return {"name": place.name, "lat": place.lat, "lon": place.lon, "country": place.country, "feature": place.feature,
            "source": source}


def _contexts(p: Pattern, sent: Span) -> list[str]:
    low = sent.text.lower()
    ctx = list(p.context)
    for name, cues in CONTEXT_CUES.items():
        if name not in ctx and any(c in low.split() or (" " in c and c in low) for c in cues):
            ctx.append(name)
    return ctx


def _make_event(ctx: _Ctx, tok: Token, p: Pattern, sent: Span) -> EventMention | None:
    from newsgraph.nlp.timex import tense_of

    if tok.dep_ == "aux":
        # "Britain said Libya must hand over the suspects": the speaker demands, Libya is asked.
        head = tok.head
        speaker = head.head if head.dep_ in ("ccomp", "xcomp") and head.head.i != head.i else None
        subj = [c for c in speaker.children if c.dep_ == "nsubj"] if speaker is not None else []
        governor, passive = speaker, False
    else:
        subj, governor, passive = _subject_tokens(tok)
    undergoer = _reduced_passive(tok) if tok.dep_ != "aux" else None
    if undergoer is not None:
        subj = [p_ for c in tok.children if c.dep_ == "agent" for p_ in c.children if p_.dep_ == "pobj"]
        governor, passive = None, True
    # Participants come from the trigger's own sentence piece: a parse run across a line
    # break (a URL line, a headline above) lends it no actor.
    subj = [t for t in subj if sent.start <= t.i < sent.end]
    rec_toks: list[Token] = []
    patient = _patient_nominal(tok)
    if patient:
        # "his latest arrest", "the killing of Grigoropoulos": who underwent it
        rec_toks += [c for c in tok.children if c.dep_ == "poss" and not _agentive(c)]
        rec_toks += [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.children if x.dep_ == "pobj"]
    if tok.pos_ in ("NOUN", "PROPN") and governor is not None and governor.lemma_.lower() in UNDERGO_VERBS and subj:
        rec_toks += subj  # "Warren Jeffs arraigned on sex charges": Jeffs is charged
        subj = []
    if tok.pos_ in ("NOUN", "PROPN") and not patient and subj and any(
        c.dep_ == "amod" and actors.country_by_demonym(c.text) for c in tok.children
    ):
        subj = []  # "UNRWA wants a probe of the Israeli strike": the nominal's own state acts, not the clause's subject
    actor = _actors_of(ctx, subj)
    if not actor and tok.pos_ in ("NOUN", "PROPN"):
        # "Palestinian riots", "Israeli air raids", "Serbia's suppression": the noun's own modifiers act
        # (for a nominal that others undergo, only a "by" phrase or a state: "Israeli arrests").
        # (not for reciprocal events: "a meeting with Trump" has Trump on both sides)
        targets = frozenset() if p.reciprocal else frozenset(
            slot.split(":", 1)[1] for slot in p.recipient if slot.startswith("prep:"))
        mods = _inner_actors(ctx, tok, depth=1, agents_only=patient, target_preps=targets)
        actor = [r for r in mods if r.get("country") or r.get("key")][:2]
    for slot in p.recipient:
        rec_toks += _slot_tokens(tok, slot)
    if passive:
        rec_toks = [c for c in tok.children if c.dep_ == "nsubjpass"] + rec_toks
        if undergoer is not None:
            rec_toks = [undergoer] + rec_toks
        elif tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
            rec_toks = [tok.head] + rec_toks
    recipients = _recipients_of(ctx, [t for t in rec_toks if sent.start <= t.i < sent.end])
    if subj and all(t.pos_ == "PRON" for t in subj):
        # "He shot Ortiz" with "He" linked to Ortiz: the object is surer than the pronoun's link
        named = {t.lower_ for t in rec_toks if t.pos_ == "PROPN"}
        same = [a for a in actor if any(r["name"] == a["name"] for r in recipients)
                or named & set(str(a["name"]).lower().split())]
        actor = [a for a in actor if a not in same]
        recipients += [a for a in same if all(a["name"] != r["name"] for r in recipients)]
    recipient = [r for r in recipients if all(r["name"] != a["name"] for a in actor)]
    if not recipient and p.type in ("REQUEST", "REJECT"):
        # "demanded that the US cancel its plans": the one asked is the clause's subject.
        asked = [c for x in tok.children if x.dep_ == "ccomp" for c in x.children if c.dep_ in ("nsubj", "nsubjpass")]
        recipient = [r for r in _recipients_of(ctx, asked) if all(r["name"] != a["name"] for a in actor)
                     and (r.get("key") or r.get("country"))]
    if not recipient and p.governs and not passive:
        # "threatened to cut off electricity to Nakhichevan": who the content is aimed at (not in
        # "anyone with knowledge is asked to call Sergeant X": the asked are the subject).
        inner = [c for x in tok.children if x.dep_ in ("xcomp", "ccomp") for c in x.children
                 if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in CONTENT_RECIPIENT_PREPS)]
        inner = [p_ for c in inner for p_ in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"])]
        recipient = [r for r in _recipients_of(ctx, inner) if all(r["name"] != a["name"] for a in actor)
                     and (r.get("key") or r.get("country"))]
    if not actor and not recipient:
        return None
    etype, mode, cameo = p.type, p.mode, p.cameo
    if p.joint_type and len({r["country"] for r in actor + recipient if r["country"]}) >= 2:
        etype, mode = p.joint_type, None  # "French and Egyptian warships launched war games"
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
        and date_value[:10] > ctx.published.isoformat() and tense != "past"
    ):
        aux = "future"  # an explicit date after publication is a planned event (never a past-tense one)
    loc = _location_for(ctx, tok, rec_toks)
    if (not recipient and etype in PLACE_DIRECTED and mode not in PERSON_DIRECTED_MODES and loc and loc.get("country")
            and loc.get("source") in ("text", "sentence")):
        # "Serbia eased emergency measures in Montenegro": the place's people are the recipient.
        rec = _country_actor(loc["country"], None)
        if rec is not None and all(rec["country"] != a["country"] for a in actor if a["key"] is None):
            recipient = [rec]
    only = _sentence_country(ctx, sent)
    for r in recipient:
        if r["country"] is None and r["key"] is not None and only is not None:
            r["country"] = only  # "demanded that President Mugabe ..." in a sentence about Zimbabwe alone
    for group in (actor, recipient):
        for r in group:
            if (r["country"] is None and r["key"] is None and loc and loc.get("country")
                    and r["sector"] not in STATE_SECTORS | ABROAD_SECTORS):
                r["country"] = loc["country"]  # unnamed local actors (protesters, police) of the place
    conf = p.confidence
    conf += CONF_NAMED_ACTOR if any(a["key"] for a in actor) else (CONF_GENERIC_ACTOR if actor else 0)
    conf += CONF_RECIPIENT if recipient else 0
    conf += CONF_EXPLICIT_DATE if date_source == "text" else 0
    conf += CONF_VERB_TRIGGER if tok.pos_ in ("VERB", "AUX", "ADJ") else 0
    conf += CONF_MAIN_CLAUSE if rules.main_clause(tok) else 0
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
        reciprocal=p.reciprocal,
        conditional=rules.is_conditional(tok),
        _token=tok.i,
        _governor=governor.i if governor is not None else -1,
    )


def _triggers(tok: Token, ps: PatternSet) -> list[Pattern]:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.dep_ == "amod":
        return []  # a participle modifying a noun ("its long-threatened invasion"): the noun is the event
    if tok.tag_ == "VBN" and tok.head.lower_ == "as" and tok.dep_ in ("pcomp", "pobj", "amod", "acomp"):
        return []  # "listed the polar bear as threatened": a status, not an act
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")):
        cands = next((ps.by_verb[v] for v in lemma_variants(tok) if v in ps.by_verb), [])
        return [p for p in cands if _conditions_met(tok, p)]
    if tok.pos_ == "ADJ" and tok.dep_ not in ("amod", "compound", "nmod"):
        # predicative only ("is willing to send", "is opposed to French mediation"), never
        # a modifier ("staged mass demonstrations" is not the verb "to mass")
        return [p for p in ps.by_verb.get(lemma, []) or ps.by_verb.get(tok.lower_, []) if _conditions_met(tok, p)]
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.ent_type_ in NAME_ENTITY_TYPES or _aggregate(tok):
            return []
        if tok.dep_ == "pobj" and (lemma, tok.head.lower_) in IDIOM_PREPS:
            return []  # "in charge of the phone" is no accusation
        cands = ps.by_noun.get(lemma, []) or ps.by_noun.get(tok.lower_, [])
        return [p for p in cands if _conditions_met(tok, p)]
    return []


def _aggregate(tok: Token) -> bool:
    """"conducted 300,000 consultations", "hundreds of attacks": a count, not one event."""
    for c in tok.children:
        if c.dep_ == "nummod":
            digits = c.text.replace(",", "")
            if (digits.isdigit() and int(digits) >= AGGREGATE_COUNT) or c.lower_ in QUANTITY_HEADS:
                return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in QUANTITY_HEADS


def extract_events(
    doc: Doc,
    mentions: Sequence[MentionRecord],
    clusters: dict[str, Cluster],
    times: Sequence[Any],
    toponyms: Sequence[Any],
    published: date | None,
    dateline_place: Any | None,
    patterns: PatternSet,
    refs: Sequence[Any] = (),
    field: str | None = None,
    skipped: list[dict[str, Any]] | None = None,
) -> list[EventMention]:
    """All political event mentions in one parsed article.

    ``refs`` are the coref stage's links: an actor named by a pronoun ("it said it
    would withdraw") is the entity the pronoun was linked to. ``field`` is the report's
    field (``nlp.domain``); matches that are no political event (``events.relevance``)
    are left out and, when ``skipped`` is given, listed there with their reason.
    """
    ctx = _Ctx(doc, mentions, clusters, times, toponyms, published, dateline_place)
    ctx.refs = list(refs)
    accident_report = relevance.accident_report(doc, field)
    governs = {pid: p.governs for pid, p in patterns.patterns.items()}
    out: list[EventMention] = []
    # Sentences fit for coding, cut at line breaks (nlp.quality): no run-ons of flattened
    # pages, tables, lists or all-caps lines the recaser could not fix.
    for sent in event_sentences(doc):
        found: list[EventMention] = []
        for tok in sent:
            for p in _triggers(tok, patterns):
                ev = _make_event(ctx, tok, p, sent)
                if ev is not None:
                    found.append(ev)
                    break  # the narrowest matching pattern per trigger (see PatternSet.index)
        for ev in _fold_nominals(doc, rules.fold_governed(doc, found, governs), patterns):
            reason = relevance.skip_reason(ev, field, sent, doc[ev._token], accident_report)
            if reason is None:
                out.append(ev)
            elif skipped is not None:
                skipped.append({"type": ev.type, "trigger": ev.trigger, "trigger_start": ev.trigger_start,
                                "pattern": ev.pattern, "reason": reason,
                                "actor": [r["name"] for r in ev.actor], "recipient": [r["name"] for r in ev.recipient]})
    return out


def _fold_nominals(doc: Doc, found: list[EventMention], patterns: PatternSet) -> list[EventMention]:
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
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.i in by_tok and by_tok[cur.i] is not e:
                parent = by_tok[cur.i]
                break
        named = parent is not None and tok.dep_ == "dobj" and tok.head.i == parent._token and _names_object(parent, tok, patterns)
        if tok.pos_ in ("NOUN", "PROPN") and parent is not None and (parent.type == e.type or named):
            for r in e.recipient:
                if all(r["name"] != x["name"] for x in parent.recipient + parent.actor):
                    parent.recipient.append(r)
            if parent.date_source != "text" and e.date_source == "text":
                parent.date, parent.date_precision, parent.date_source = e.date, e.date_precision, e.date_source
            continue
        keep.append(e)
    return keep


def _names_object(parent: EventMention, tok: Token, patterns: PatternSet) -> bool:
    """The verb's pattern is about this object ("cancelled a planned visit", "lifted the curfew")."""
    p = patterns.patterns.get(parent.pattern)
    return p is not None and bool(p.object) and tok.lemma_.lower() in p.object


def events_to_json(events: Sequence[EventMention]) -> list[dict[str, Any]]:
    out = []
    for e in events:
        d = asdict(e)
        d.pop("_token", None)
        d.pop("_governor", None)
        for side in ("actor", "recipient"):
            d[side] = [{k: v for k, v in r.items() if k != NATIONAL} for r in d[side]]
        strict = rules.plover_coding(d)
        d["plover_type"], d["plover_mode"] = strict["type"], strict["mode"]
        d["quad_class"], d["goldstein"] = ontology.quad_class(e.type), ontology.goldstein(e.cameo)
        out.append(d)
    return out


def main_event(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The event an article (or a sentence) is mostly about: the most confident, then the earliest."""
    if not events:
        return None
    return max(events, key=lambda e: (e.get("confidence") or 0.0, -(e.get("trigger_start") or 0)))
