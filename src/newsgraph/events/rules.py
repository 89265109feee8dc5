"""PLOVER coding rules applied to the events one sentence produced.

1. Governed events (``fold_governed``): a verbal act whose complement is another
   act is one event with that act as its content (PLOVER manual 3.1, 3.8, 3.10,
   3.11): "agreed to meet" is AGREE, "urged Iran to release the sailors" is
   REQUEST (mode yield), "refused to attend" is REJECT (mode meet), "threatened
   to shell Iraqi towns" is THREATEN (mode violence). The content event is not
   coded again; its recipients, date and place complete the governing event.
   An *order* to coerce is the coercion itself ("ordered the newspaper to
   suspend publication" is COERCE), and an offer or readiness to do something
   hostile is a threat ("is prepared to impose martial law" is THREATEN).
2. The single-category rule (``plover_coding``, manual 2.3, 3.1, 3.4, 3.11):
   future CONSULT, SUPPORT, COOPERATE and AID are AGREE; a future RETREAT is
   CONCEDE; a future or conditional hostile act ("will impose sanctions",
   "would boycott ... unless") is THREATEN with the act as its mode; and in
   reciprocal events ("X and Y held talks", "X phoned Y", "clashes between X and
   Y") all participants are actors, with no recipient (2.4.2). newsgraph keeps
   the action itself as the event's ``type`` with ``aux_mode`` "future" (a
   planned visit stays a CONSULT visit, so it can be matched with the visit when
   it happens); ``plover_coding`` gives the strict PLOVER reading, exported as
   ``plover_type``.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.events.ontology import QUAD_CLASS

# Dependencies that carry a governing verb's content: "agreed [to meet]", "urged X [to
# release]", "said it [would withdraw]", "called [for] [sanctions]".
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "advcl"})
CONTENT_PREPS = frozenset({"for", "to", "on"})
# Verbs of command: their coercive content is the coercion itself.
ORDER_VERBS = frozenset({"order", "force", "compel", "instruct", "direct", "command"})
HOSTILE_TYPES = frozenset(t for t, q in QUAD_CLASS.items() if q == 4) | {"PROTEST"}
COOPERATIVE_FUTURE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# Types whose unnamed recipient is coded as the state where they happen ("protesters in Algiers",
# "lifted the curfew in Khartoum"); agreements, resignations and withdrawals need none.
PLACE_RECIPIENT_TYPES = frozenset({"PROTEST", "CONCEDE", "COERCE", "ASSAULT", "THREATEN", "REQUEST", "ACCUSE"})
# Types whose unnamed perpetrator is coded as the state where they happen.
PLACE_ACTOR_TYPES = frozenset({"ASSAULT", "PROTEST"})
# Cooperation a negation turns into a refusal (PLOVER REJECT): "will not allow", "refused to meet".
NEGATABLE_COOPERATION = frozenset({"AGREE", "CONCEDE", "RETREAT", "SUPPORT", "AID", "COOPERATE", "CONSULT"})
# Conditions that make a future act a threat: "unless Israel rescinds", "if attacked".
CONDITION_MARKS = frozenset({"unless", "if"})


def _content_tokens(tok: Token) -> list[Token]:
    if tok.dep_ == "aux":  # "Libya must [hand over] the suspects"
        return [tok.head]
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "advcl" and not _infinitive(c):
            continue  # "retaliate after the EU imposed sanctions": a cause, not the content
        if c.dep_ in CONTENT_DEPS:
            out.append(c)
            out += [x for x in c.conjuncts if x not in out]
        elif c.dep_ in ("prep", "prt") and c.lower_ in CONTENT_PREPS:
            out += [p for p in c.children if p.dep_ == "pobj"]
    # "is willing to send": the adjective's xcomp; "has offered to hand over": aux chains are children.
    return out


def _same_clause(tok: Token, top: Token) -> bool:
    """``tok`` belongs to the clause headed by ``top``: no relative clause and no temporal or
    causal clause ("after the EU imposed sanctions") lies between them."""
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ == "relcl" or (cur.dep_ == "advcl" and not _infinitive(cur)):
            return False
        cur = cur.head
    return True


def _infinitive(tok: Token) -> bool:
    """A to-infinitive clause with no subordinating conjunction ("sworn to fight")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
        c.dep_ == "mark" for c in tok.children
    )


def content_mode(gov_type: str, content_type: str, content_mode_: str | None) -> str | None:
    """The governing event's mode from what it is about (PLOVER tables 3.3, 3.5, 3.6)."""
    if gov_type in ("REQUEST", "REJECT"):
        if content_type == "CONSULT":
            return "meet"
        if content_type in ("AID", "COOPERATE", "SUPPORT", "AGREE"):
            return "assist"
        if content_type in ("RETREAT", "CONCEDE"):
            return "yield"
        return "change"
    if gov_type == "THREATEN":
        if content_type == "SANCTION":
            return "expel" if content_mode_ == "expel" else "relations"
        if content_type == "COERCE":
            if content_mode_ == "arrest":
                return "arrest"
            if content_mode_ in ("seize",):
                return "territory"
            return "restrict"
        if content_type == "PROTEST":
            return "restrict"
        if content_type in ("REJECT", "CONSULT"):
            return "relations"
        if content_type in ("ASSAULT", "MOBILIZE"):
            return "violence"
    return None


def fold_governed(doc: Doc, events: list[Any], governs: dict[str, bool]) -> list[Any]:
    """Merge each governed event into its governing event (see the module docstring).

    ``events`` are one sentence's ``EventMention``s; ``governs`` maps pattern ids to
    whether the pattern takes its complement as content.
    """
    by_tok = {e._token: e for e in events}
    dropped: set[int] = set()

    def depth(e: Any) -> int:
        t, n = doc[e._token], 0
        while t.head.i != t.i:
            t, n = t.head, n + 1
        return n

    # Innermost first: in "demanded that the partners refuse to recognise X" the refusal takes
    # the recognition as its content before the demand takes the refusal.
    for e in sorted(events, key=depth, reverse=True):
        if id(e) in dropped:
            continue
        if e.type == "PROTEST":
            # The demands of a protest are its topic, not a request of their own (manual 3.12):
            # "staged rallies to demand ...", "continued their hunger strike to demand ...".
            ptok = doc[e._token]
            heads = [ptok] + ([ptok.head] if ptok.dep_ in ("dobj", "pobj", "nsubj") and ptok.head.pos_ == "VERB" else [])
            for c in [x for h in heads for x in _content_tokens(h)] + [x for h in heads for x in h.children if x.dep_ == "advcl"]:
                ce = by_tok.get(c.i)
                if ce is not None and ce is not e and ce.type == "REQUEST":
                    e.content = {"type": ce.type, "mode": ce.mode, "trigger": ce.trigger}
                    dropped.add(id(ce))
            continue
        if not governs.get(e.pattern):
            continue
        tok = doc[e._token]
        for c in _content_tokens(tok):
            ce = by_tok.get(c.i)
            if ce is None:
                # "promised to continue military aid": the content is under a verb that is no event.
                deeper = [x for x in c.children if x.dep_ in ("dobj", "xcomp", "ccomp")]
                # "pledged to press on with its attack": the content's prepositional object
                deeper += [p for x in c.children if x.dep_ == "prep" for p in x.children if p.dep_ == "pobj"]
                ce = next((by_tok[x.i] for x in deeper if x.i in by_tok), None)
            if ce is None or ce is e or id(ce) in dropped:
                continue
            if tok.lemma_.lower() == "prepare" and tok.pos_ == "VERB" and ce.type == "ASSAULT":
                # "the army prepared to resume shelling": readiness for force is MOBILIZE.
                e.type, e.mode, e.cameo = "MOBILIZE", "troops", "154"
            if tok.lemma_.lower() in ORDER_VERBS and ce.type in HOSTILE_TYPES:
                ce.actor = ce.actor if not e.actor else e.actor  # the one who ordered it acts
                ce.confidence = max(ce.confidence, e.confidence)
                dropped.add(id(e))
                break
            if e.type == "AGREE" and ce.type in HOSTILE_TYPES and tok.lemma_.lower() != "prepare":
                e.type, e.cameo = "THREATEN", "130"
            e.content = {"type": ce.type, "mode": ce.mode, "trigger": ce.trigger}
            if e.mode is None:
                e.mode = content_mode(e.type, ce.type, ce.mode)
            if not e.recipient:
                # "demanded that Israel ease restrictions": Israel is asked; "threatened to shell
                # Iraqi towns": Iraq is threatened.
                pool = ce.actor if e.type in ("REQUEST", "REJECT") and ce.actor and c.dep_ == "ccomp" else ce.recipient
                e.recipient = [r for r in pool if all(r["name"] != a["name"] for a in e.actor)]
            if e.date_source != "text" and ce.date_source == "text":
                e.date, e.date_precision, e.date_source = ce.date, ce.date_precision, ce.date_source
            if e.location is None:
                e.location = ce.location
            e.context = list(dict.fromkeys(e.context + ce.context))
            dropped.add(id(ce))
            # Everything else inside the content clause belongs to it: "refused to allow UN
            # planes to land and evacuate its observers" is one refusal.
            inner = {t.i for t in c.subtree}
            for other in events:
                if (other is not e and other._token in inner and not governs.get(other.pattern)
                        and _same_clause(doc[other._token], c)):
                    dropped.add(id(other))
    return [e for e in events if id(e) not in dropped]


def _conditional(event: dict[str, Any]) -> bool:
    return bool(event.get("conditional"))


def plover_coding(event: dict[str, Any]) -> dict[str, Any]:
    """The event under PLOVER's own conventions: type, mode, actor and recipient lists."""
    etype, mode = event["type"], event.get("mode")
    actor, recipient = list(event.get("actor") or []), list(event.get("recipient") or [])
    future = event.get("aux_mode") == "future"
    hypothetical = event.get("aux_mode") == "hypothetical"
    negated = event.get("aux_mode") == "negation"
    if negated and etype in NEGATABLE_COOPERATION:
        # "will not accept any more refugees", "would not meet the hostage-takers' demands"
        etype, mode = "REJECT", content_mode("REJECT", etype, mode)
    elif future and etype in COOPERATIVE_FUTURE:
        etype, mode = "AGREE", None
    elif etype in ("RETREAT", "SANCTION") and _conditional(event):
        # "will withdraw its peacekeepers unless ...": a threat to withdraw
        etype, mode = "THREATEN", "relations"
    elif future and etype == "RETREAT":
        etype, mode = "CONCEDE", None
    elif etype in HOSTILE_TYPES and (_conditional(event) or hypothetical or (future and etype != "SANCTION")):
        # "would blockade Paris", "will withdraw unless ..." threaten; an announced sanction
        # ("announced it would prohibit all aid") is the sanction itself.
        etype, mode = "THREATEN", content_mode("THREATEN", etype, mode)
    reciprocal = bool(event.get("reciprocal")) and etype in ("CONSULT", "ASSAULT", "COOPERATE", "AGREE") and mode not in ("visit", "host")
    if reciprocal:
        actor = actor + [r for r in recipient if all(r.get("name") != a.get("name") for a in actor)]
        recipient = []
    # Event data codes the place's state where the text names no one (CAMEO/PLOVER practice):
    # "a roadside bombing near Samarra" (actor Iraq), "protesters in Algiers" (recipient Algeria).
    place = (event.get("location") or {}).get("country")
    if place and (event.get("location") or {}).get("source") == "text":
        if not actor and etype in PLACE_ACTOR_TYPES:
            actor = [{"key": None, "name": place, "country": place, "sector": None}]
        if not recipient and not reciprocal and etype in PLACE_RECIPIENT_TYPES and len(actor) < 2:
            recipient = [{"key": None, "name": place, "country": place, "sector": None}]
    return {"type": etype, "mode": mode, "actor": actor, "recipient": recipient}


def is_conditional(trigger: Token) -> bool:
    """The clause of ``trigger`` (or of the verb it hangs on) has an "unless"/"if" condition."""
    cur = trigger
    for _ in range(3):
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
               for c in cur.children):
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def main_clause(trigger: Token) -> bool:
    """The trigger is the sentence's main predicate, or what a main reporting verb reports, or
    a nominal event of a main light verb ("held talks")."""
    cur = trigger
    for _ in range(3):
        if cur.dep_ == "ROOT":
            return True
        if cur.dep_ in ("xcomp", "conj", "ccomp", "dobj", "aux") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return False
    return False

