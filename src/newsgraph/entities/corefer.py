"""References to named entities inside one article: pronouns, "who", descriptions, appositions.

Reads the shared Doc and the article's name mentions (after in-document name
coreference) and links, each to the local cluster key of a named mention:

* **appositive / predicate / title**: syntax says it ("Tara Reid, the actress";
  "Reid is an actress"; "actress Tara Reid", "Apple CEO Steve Jobs");
* **relative**: "who"/"whom"/"whose" take the noun their relative clause hangs on
  ("Lohan, who was arrested" → Lohan);
* **pronoun**: "he/him/his/himself", "she/her/herself" → the nearest fitting
  person in this sentence or the two before (a subject before an object, nearer
  before farther; gender from honorifics, gendered role words and earlier links);
  "it/its/itself" → the nearest organisation in this sentence or the two before,
  "they/them/their" too when no plural noun comes in between ("the Saints ... they");
* **nominal**: a definite description whose head is a person or organisation
  noun ("the actress", "the 33-year-old actress", "the company", "the automaker")
  → the nearest fitting named entity within three sentences, one whose title holds
  the noun first ("the minister" → the Foreign Minister), and not the person who
  reports it ("Inspector Gaskin said the man fell");
* **cataphora**: a report that opens on an unnamed person ("A 61-year-old man has
  been charged ...") names them soon after: the first person named next.

First-person and second-person pronouns, "they" for people, and descriptions with a
possessor ("her mother" is somebody else) are left alone. Links are what later
stages read to name an unnamed subject (quote speakers, event actors); they do not
change the name clusters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.entities.mentions import Cluster, MentionRecord
from newsgraph.entities.names import fold
from newsgraph.nlp.quotes import SPEECH_VERBS

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
RELATIVES = frozenset({"who", "whom", "whose"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "monsieur", "herr"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "madam", "frau"})
# Verbs whose subject "it" is seldom an organisation ("it is", "it seems", "it takes").
EXPLETIVE_IT_HEADS = frozenset({"be", "seem", "appear", "take", "remain", "look", "become", "mean", "matter"})

# Head nouns of descriptions that name a person (gender where the word carries one).
PERSON_NOUNS: dict[str, str | None] = {
    **dict.fromkeys(
        ["man", "actor", "boy", "father", "son", "husband", "brother", "king", "prince", "spokesman",
         "chairman", "businessman", "gentleman", "congressman", "policeman", "sportsman", "nephew", "uncle",
         "grandfather", "boyfriend", "gunman"],
        "m",
    ),
    **dict.fromkeys(
        ["woman", "actress", "girl", "mother", "daughter", "wife", "sister", "queen", "princess",
         "spokeswoman", "chairwoman", "businesswoman", "congresswoman", "policewoman", "lady", "niece",
         "aunt", "grandmother", "girlfriend", "heiress", "waitress", "hostess"],
        "f",
    ),
    **dict.fromkeys(
        ["star", "singer", "rapper", "musician", "comedian", "host", "celebrity", "model", "player", "coach",
         "quarterback", "pitcher", "receiver", "striker", "goalkeeper", "boxer", "champion", "fighter",
         "athlete", "rookie", "veteran", "officer", "official", "spokesperson", "suspect", "victim",
         "defendant", "driver", "president", "minister", "premier", "chancellor", "senator", "governor",
         "mayor", "ambassador", "diplomat", "secretary", "general", "commander", "captain", "chief",
         "executive", "ceo", "director", "founder", "owner", "chairperson", "leader", "judge",
         "prosecutor", "lawyer", "attorney", "doctor", "surgeon", "climber", "teenager", "teen",
         "student", "teacher", "professor", "author", "writer", "novelist", "filmmaker", "producer",
         "designer", "engineer", "scientist", "researcher", "analyst", "economist", "banker",
         "investor", "entrepreneur", "billionaire", "millionaire", "worker", "employee", "inmate",
         "prisoner", "killer", "murderer", "shooter", "robber", "thief", "pirate", "mobster", "boss",
         "don", "pope", "bishop", "priest", "cleric", "monk", "nun", "candidate", "nominee",
         "lawmaker", "legislator", "politician", "activist", "journalist", "reporter", "editor",
         "photographer", "witness", "resident", "survivor", "patient", "person", "individual",
         "veteran", "legend", "icon", "pioneer", "manager", "supervisor", "agent", "detective",
         "sheriff", "deputy", "trooper", "soldier", "sergeant", "lieutenant", "colonel", "major",
         "admiral", "pilot", "astronaut", "explorer", "mountaineer", "skier", "swimmer", "runner",
         "cyclist", "golfer", "batter", "outfielder", "infielder", "catcher", "guard", "forward",
         "center", "linebacker", "tackle", "midfielder", "defender", "cornerback", "lineman"],
        None,
    ),
}
# Head nouns of descriptions that name an organisation.
ORG_NOUNS = frozenset(
    ["company", "firm", "corporation", "manufacturer", "maker", "automaker", "carmaker", "chipmaker",
     "airline", "carrier", "bank", "lender", "insurer", "retailer", "giant", "conglomerate", "group",
     "startup", "start-up", "supplier", "provider", "operator", "publisher", "studio", "network",
     "broadcaster", "team", "club", "franchise", "business", "organisation", "organization", "agency",
     "brand", "label", "developer", "contractor", "producer", "outfit", "newspaper", "magazine",
     "union", "party", "league"]
)
DEFINITE = frozenset({"the", "this", "that"})
# How many sentences back (lines count as sentences) a reference looks for its entity.
# Swept on bench/entities.py (ECB+ test topics and MEANTIME, CoNLL F1 within topic):
# he/she 1 → 2 gained 0.003 / 0.014, 3 nothing more; it/its/they 0 → 1 → 2 gained 0.002 and
# 0.004, 3 nothing more; descriptions 2, 3 and 5 within 0.001 of each other.
PRONOUN_WINDOW = 2
NEUTER_WINDOW = 2
NOMINAL_WINDOW = 3
# An opening description ("A man has been charged ...") is looked for in the headline and the
# first sentences, and its name in the sentences after it. Swept the same way: 2 → 4 lead
# sentences gained 0.005 on ECB+ (6 nothing more); a window of 1 → 3 gained 0.007, 5 only
# 0.002 more, for links that reach further from what they name.
LEAD_SENTENCES = 4
CATAPHORA_WINDOW = 3


@dataclass
class CorefLink:
    """A reference in the text (``start``/``end`` index the article text) to a named entity."""

    start: int
    end: int
    text: str
    kind: str  # appositive | predicate | title | relative | pronoun | nominal | cataphora
    key: str  # the local cluster key of the entity (as in ``MentionRecord.key``)
    label: str  # PERSON | ORG | GPE
    antecedent_start: int
    antecedent_end: int


@dataclass
class _Occ:
    """An occurrence of an entity: a name mention's head token or a linked reference."""

    i: int
    key: str
    label: str
    sent: int
    subject: bool
    start: int
    end: int


def link_references(
    doc: Doc, mentions: list[MentionRecord], clusters: dict[str, Cluster], text: str | None = None
) -> list[CorefLink]:
    """Pronouns, relative pronouns and descriptions linked to the article's named entities
    (``text``: ``doc.text`` when the caller has it)."""
    linker = _Linker(doc, mentions, clusters, text)
    linker.syntactic()
    linker.sequential()
    linker.lead_descriptions()
    return sorted(linker.links, key=lambda lk: lk.start)


class _Linker:
    def __init__(
        self, doc: Doc, mentions: list[MentionRecord], clusters: dict[str, Cluster], text: str | None
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token: read it once
        self.clusters = clusters
        # Sentences, also cut at line breaks: a headline or a dateline is a sentence of its own.
        self.sent_of = [0] * len(doc)
        n = -1
        for sent in doc.sents:
            n += 1
            for t in sent:
                if t.is_space and "\n" in t.text:
                    n += 1
                self.sent_of[t.i] = n
        self.covered: dict[int, MentionRecord] = {}
        self.occs: list[_Occ] = []
        self.gender: dict[str, str] = {}
        self.links: list[CorefLink] = []
        self.linked: dict[int, _Occ] = {}
        for m in mentions:
            cl = clusters.get(m.key)
            if cl is None or cl.type not in ("PERSON", "ORG", "GPE"):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for t in span:
                self.covered[t.i] = m
            root = span.root
            self.occs.append(_Occ(root.i, m.key, cl.type, self.sent_of[root.i], _is_subject(root), m.start, m.end))
            # "Mr Lavrov" with the honorific outside the name or inside it ("Ms Angela Merkel")
            for t in ([doc[span.start - 1]] if span.start > 0 else []) + [span[0]]:
                h = fold(t.text).rstrip(".")
                if h in MALE_HONORIFICS:
                    self.gender.setdefault(m.key, "m")
                elif h in FEMALE_HONORIFICS:
                    self.gender.setdefault(m.key, "f")
        for key, cl in clusters.items():
            for title in cl.titles:
                g = PERSON_NOUNS.get(fold(title.split()[-1])) if title else None
                if g:
                    self.gender.setdefault(key, g)

    # ------------------------------------------------------------------ helpers

    def add(self, tok: Token, kind: str, ant: _Occ, start: int | None = None) -> None:
        s = tok.idx if start is None else start
        e = tok.idx + len(tok.text)
        self.links.append(CorefLink(s, e, self.text[s:e], kind, ant.key, ant.label, ant.start, ant.end))
        occ = _Occ(tok.i, ant.key, ant.label, self.sent_of[tok.i], _is_subject(tok), s, e)
        self.linked[tok.i] = occ
        self.occs.append(occ)
        self.occs.sort(key=lambda o: o.i)
        g = PERSON_NOUNS.get(fold(tok.lemma_)) or (
            "m" if tok.lower_ in MALE else "f" if tok.lower_ in FEMALE else None
        )
        if g and ant.label == "PERSON":
            self.gender.setdefault(ant.key, g)

    def occ_at(self, tok: Token) -> _Occ | None:
        if tok.i in self.linked:
            return self.linked[tok.i]
        m = self.covered.get(tok.i)
        if m is None:
            return None
        return next((o for o in self.occs if o.start == m.start and o.key == m.key), None)

    def fits_gender(self, occ: _Occ, g: str | None) -> bool:
        return g is None or self.gender.get(occ.key, g) == g

    # ------------------------------------------------------------------ passes

    def syntactic(self) -> None:
        """Appositions, predicates and title words: certain, and they seed genders."""
        for tok in self.doc:
            if tok.i in self.covered or tok.pos_ != "NOUN":
                continue
            lemma = fold(tok.lemma_)
            if lemma not in PERSON_NOUNS and lemma not in ORG_NOUNS:
                continue  # "offered Teixeira an eight-year contract" parsed as an apposition
            kind, ant = self._syntactic_antecedent(tok)
            if ant is not None and _fits(ant.label, lemma):
                self.add(tok, kind, ant, _np_start(tok) if kind != "title" else None)

    def _syntactic_antecedent(self, tok: Token) -> tuple[str, _Occ | None]:
        if tok.dep_ == "appos":
            return "appositive", self.occ_at(tok.head)
        if tok.dep_ in ("compound", "amod", "nmod") and tok.i < tok.head.i and tok.head.i in self.covered:
            return "title", self.occ_at(tok.head)  # "actress Tara Reid", "chipmaker AMD"
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":  # "Reid is an actress"
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            return "predicate", self.occ_at(subj) if subj is not None else None
        if tok.dep_ == "oprd":  # "named Maurice Cheeks coach"
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            return "predicate", self.occ_at(obj) if obj is not None else None
        if tok.dep_ == "pobj" and tok.head.lower_ == "as":  # "hire Cheeks as coach", "Cheeks as coach"
            gov = tok.head.head
            if gov.i in self.covered:
                return "predicate", self.occ_at(gov)
            for dep in ("dobj", "nsubjpass", "nsubj"):
                arg = next((c for c in gov.children if c.dep_ == dep), None)
                if arg is not None and (ant := self.occ_at(arg)) is not None:
                    return "predicate", ant
            return "", None
        app = next((c for c in tok.children if c.dep_ == "appos" and c.i in self.covered), None)
        return "appositive", self.occ_at(app) if app is not None else None  # "the actress, Tara Reid"

    def sequential(self) -> None:
        """Relative pronouns, personal pronouns and definite descriptions, in reading order."""
        for tok in self.doc:
            if tok.i in self.covered or tok.i in self.linked:
                continue
            low = tok.lower_
            if low in RELATIVES and tok.tag_ in ("WP", "WP$"):
                self._relative(tok)
            elif tok.pos_ == "PRON" and (low in MALE or low in FEMALE):
                g = "m" if low in MALE else "f"
                cands = [
                    o for o in self.before(tok, PRONOUN_WINDOW, "PERSON")
                    if self.fits_gender(o, g) and not _bound_apart(tok, o, self.doc)
                ]
                self._link(tok, "pronoun", cands, reflexive=low.endswith("self"))
            elif tok.pos_ == "PRON" and low in NEUTER:
                if tok.dep_ == "expl" or (tok.dep_ == "nsubj" and tok.head.lemma_ in EXPLETIVE_IT_HEADS):
                    continue
                self._link(tok, "pronoun", self.before(tok, NEUTER_WINDOW, "ORG"), reflexive=low == "itself")
            elif tok.pos_ == "PRON" and low in PLURAL:
                # "the Saints ... if they were still fighting", "the Navy claims they have captured":
                # an organisation, unless people in the plural came in between ("two guards ... them").
                cands = [o for o in self.before(tok, NEUTER_WINDOW, "ORG") if not self._plural_between(o.i, tok.i)]
                self._link(tok, "pronoun", cands, reflexive=low == "themselves")
            elif tok.pos_ == "NOUN" and tok.tag_ == "NN" and _definite(tok):
                self._description(tok)

    def before(self, tok: Token, window: int, label: str) -> list[_Occ]:
        sent = self.sent_of[tok.i]
        return [o for o in self.occs if o.i < tok.i and sent - o.sent <= window and o.label == label]

    def _link(self, tok: Token, kind: str, cands: list[_Occ], reflexive: bool = False, start: int | None = None) -> None:
        ant = _rank(cands, self.sent_of[tok.i], reflexive)
        if ant is not None:
            self.add(tok, kind, ant, start)

    def _relative(self, tok: Token) -> None:
        rel = tok
        while rel.dep_ != "relcl" and rel.head.i != rel.i and rel.i - tok.i < 3 and rel.head.i >= tok.i:
            rel = rel.head
        ant = self.occ_at(rel.head) if rel.dep_ == "relcl" else None
        if ant is not None and ant.label in ("PERSON", "ORG"):
            self.add(tok, "relative", ant)

    def _plural_between(self, a: int, b: int) -> bool:
        return any(t.tag_ == "NNS" and t.i not in self.covered for t in self.doc[a + 1 : b])

    def _description(self, tok: Token) -> None:
        lemma = fold(tok.lemma_)
        if lemma not in PERSON_NOUNS and lemma not in ORG_NOUNS:
            return
        label = "PERSON" if lemma in PERSON_NOUNS else "ORG"
        g = PERSON_NOUNS.get(lemma)
        inside = {t.i for t in tok.subtree}
        cands = [
            o for o in self.before(tok, NOMINAL_WINDOW, label)
            if self.fits_gender(o, g) and o.i not in inside and not _reports(o, tok, self.doc)
        ]
        # A word that says what the entity is ("the minister") or its gender ("the actress")
        # prefers the entities known to fit it over those merely not known to clash.
        titled = [o for o in cands if any(lemma in fold(t) for t in self.clusters[o.key].titles)]
        gendered = [o for o in cands if g is not None and self.gender.get(o.key) == g]
        self._link(tok, "nominal", titled or gendered or cands, start=_np_start(tok))

    def lead_descriptions(self) -> None:
        """A report that opens on an unnamed person names them soon after: "A 59-year-old woman
        was killed ... Investigators say Raj Chohan, 59, ...". An indefinite person description
        in the first LEAD_SENTENCES, before anybody is named, is the first person named in the
        next CATAPHORA_WINDOW sentences who is not only reporting it ("police spokesman X said")."""
        people = [o for o in self.occs if o.label == "PERSON" and o.i not in self.linked]
        for tok in self.doc:
            sent = self.sent_of[tok.i]
            if sent >= LEAD_SENTENCES:
                break
            if tok.i in self.covered or tok.i in self.linked or tok.pos_ != "NOUN" or tok.tag_ != "NN":
                continue
            lemma = fold(tok.lemma_)
            if lemma not in PERSON_NOUNS or not _indefinite(tok):
                continue
            if any(o.i < tok.i for o in people):
                return
            g = PERSON_NOUNS[lemma]
            later = [
                o for o in people
                if o.i > tok.i and o.sent - sent <= CATAPHORA_WINDOW and self.fits_gender(o, g)
                and not _speaker(self.doc[o.i]) and not _co_argument(tok, self.doc[o.i])
            ]
            if later:
                self.add(tok, "cataphora", min(later, key=lambda o: o.i), _np_start(tok))


def _rank(cands: list[_Occ], sent: int, reflexive: bool = False) -> _Occ | None:
    """Nearest sentence first; in it a subject before other roles, then the latest."""
    if not cands:
        return None
    if reflexive:
        same = [o for o in cands if o.sent == sent and o.subject]
        if same:
            return max(same, key=lambda o: o.i)
    return min(cands, key=lambda o: (sent - o.sent, not o.subject, -o.i))


def _bound_apart(pron: Token, occ: _Occ, doc: Doc) -> bool:
    """An object pronoun is not its own verb's subject ("Smith praised him": him is not Smith)."""
    if pron.dep_ not in ("dobj", "dative", "iobj") or pron.lower_.endswith("self"):
        return False
    other = doc[occ.i]
    return other.head.i == pron.head.i and other.dep_ in ("nsubj", "nsubjpass")


def _fits(label: str, lemma: str) -> bool:
    return (label == "PERSON" and lemma in PERSON_NOUNS) or (label == "ORG" and lemma in ORG_NOUNS)


def _reports(occ: _Occ, tok: Token, doc: Doc) -> bool:
    """Whether the entity is the subject of a speech verb the description sits under: in
    "Inspector Gaskin said the man fell", the man is not the inspector."""
    other = doc[occ.i]
    verb = other.head
    return _speaker(other) and verb.i != tok.i and any(a.i == verb.i for a in tok.ancestors)


def _speaker(tok: Token) -> bool:
    """The subject of a speech verb ("X said", "according to X")."""
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass")


def _indefinite(tok: Token) -> bool:
    """"a man", "a 59-year-old woman", or a bare headline noun ("Woman Killed In Crash")."""
    dets = [c for c in tok.children if c.dep_ == "det"]
    if any(c.dep_ == "poss" for c in tok.children):
        return False
    if dets:
        return dets[0].lower_ in ("a", "an")
    # A headline's bare noun, but not a headline's source ("Lawyer: Lindsay Lohan checks in").
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.text[:1].isupper() and (nxt is None or nxt.text != ":")


def _co_argument(desc: Token, name: Token) -> bool:
    """"A judge sentenced Brian Nichols": the name is another argument of the description's verb."""
    return name.head.i == desc.head.i and name.i != desc.i and desc.dep_ in ("nsubj", "nsubjpass")


def _definite(tok: Token) -> bool:
    """"the actress", "this company"; not "her mother", "a man", "Apple's rival"."""
    dets = [c for c in tok.children if c.dep_ == "det"]
    if any(c.dep_ == "poss" for c in tok.children):
        return False
    return bool(dets) and dets[0].lower_ in DEFINITE


def _np_start(tok: Token) -> int:
    """Where the noun phrase headed by ``tok`` starts (its determiner and modifiers)."""
    left = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "nummod", "advmod", "npadvmod")]
    first = min([tok.i] + [min(x.i for x in c.subtree) for c in left])
    while first < tok.i and any(t.is_space for t in tok.doc[first : tok.i]):
        first += 1  # never back across a line break
    return int(tok.doc[first].idx)


def links_to_json(links: list[CorefLink]) -> list[dict[str, Any]]:
    return [asdict(lk) for lk in links]

