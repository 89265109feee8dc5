"""Is a coded event a political event? The gate between pattern matches and the event list.

A trigger word says what kind of act a sentence might report; whether it reports a
political act depends on who takes part and on the field the report is from. GDELT
codes every match and is criticised for event precision far below what analysts
need; PLOVER codes acts of political actors (and crime, with a ``crime`` context),
and its manual leaves out events with no named actor and natural disasters
("mudslides destroyed dozens of houses"). The gate drops, with a reason the events
stage records in ``ann["events_skipped"]``:

- ``not-political``: a cooperative or verbal act (meet, agree, ask, offer, refuse,
  resign, help ...) whose participants are private people, companies or civilian
  groups, none a political actor: a state, a government, military, police, court,
  legislature, party, armed group, IGO or NGO (sectors in ``POLITICAL_SECTORS``), a
  union or church by name, or a national group ("the Palestinians"). "We talked
  about her faith", "asked that someone open the door".
- ``<field>-report``: an event of any type in a sports, entertainment, technology
  or business report (``nlp.domain``) with no political participant: a boxer
  "hit" his opponent, a studio "hosted" a show. Police arresting a player stays.
- ``accident``: harm ("killed", "struck", "burned") told with accident or disaster
  words (quake, crash, blaze, collapsed) and no violence word (gun, shot, bomb,
  stabbed, murder), or in an accident report with no violence word.
- ``inanimate-cause``: harm done by a thing that is neither a weapon nor a group of
  people: "the heist hit France", "the storm killed five".

Crime stays: PLOVER codes a shooting between private people as ASSAULT and a charge
as ACCUSE (the crime context says so).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import actors
from newsgraph.nlp import domain as dom

NOT_POLITICAL = "not-political"
ACCIDENT = "accident"
INANIMATE_CAUSE = "inanimate-cause"

# Sectors of actors whose acts are political events (CAMEO/PLOVER agent codes).
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "IGO", "NGO", "SPY"})
# Sectors of named organisations that take part in politics: unions, churches, schools, media,
# hospitals, refugee bodies (a teacher or a doctor alone is a private person).
CIVIL_ORGANISATION_SECTORS = frozenset({"LAB", "REL", "EDU", "MED", "HLH", "REF"})
# Acts coded only when a political actor takes part. Conflictual and crime acts
# (ASSAULT, COERCE, SANCTION, ACCUSE, PROTEST, THREATEN, MOBILIZE) are coded between
# private people too: PLOVER codes crime.
NEEDS_POLITICAL_PARTICIPANT = frozenset({
    "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "REJECT",
})
NON_POLITICAL_FIELDS = frozenset({dom.SPORTS, dom.ENTERTAINMENT, dom.TECHNOLOGY, dom.BUSINESS})
HARM_TYPES = frozenset({"ASSAULT"})
# Types an accident or disaster sentence reads as without any political act: harm, evacuations
# (RETREAT withdraw, SANCTION expel), alerts (MOBILIZE).
DISASTER_TYPES = HARM_TYPES | {"RETREAT", "SANCTION", "MOBILIZE"}
NATURAL_DISASTERS = dom.cue_set("""
    earthquake earthquakes quake quakes tremor tremors aftershock aftershocks tsunami flood floods flooding hurricane
    typhoon cyclone tornado wildfire wildfires eruption volcano landslide mudslide avalanche blizzard
""")
# Accident words in a report with no violence word that make it an accident report.
ACCIDENT_REPORT_CUES = 3
ACCIDENT_OVER_VIOLENCE = 2

# Words that make harm an act of violence rather than an accident.
VIOLENCE_CUES = dom.cue_set("""
    gun guns gunman gunmen gunfire gunshot gunshots shot shots shoot shooting shootings shooter shooters
    bomb bombs bombing bombings bomber bombers explosive explosives grenade grenades rocket rockets missile
    missiles mortar mortars shell shells shelling airstrike airstrikes air-strike stab stabbed stabbing knife
    murder murdered murders murderer assassinate assassinated assassination attack attacked attacker attackers
    militant militants rebels troops soldiers riot riots rioters beat beaten beating torture tortured executed
    execution massacre sniper snipers rifle ambush ambushed clashes hostage hostages kidnap kidnapped arson
    arsonist torched strangled homicide fired firing raid raids war fighting
""")
# Things that harm without being weapons: events, disasters, diseases, crises.
INANIMATE_CAUSES = dom.cue_set("""
    heist robbery theft scandal crisis recession downturn storm storms hurricane typhoon cyclone tornado
    quake earthquake tsunami flood floods flooding fire blaze wildfire landslide mudslide avalanche drought
    heatwave disease virus flu epidemic outbreak pandemic illness cancer accident crash collapse news report
    decision ruling law policy move change changes economy inflation slump loss losses injury injuries
    cable cables pipeline pipelines plate plates tremor tremors aftershock aftershocks
""")


def political(ref: dict[str, Any]) -> bool:
    """A state, an organ or agent of one, an armed group, party, IGO or NGO; a union, church or
    school by name; or a national group ("the Palestinians", "Turkish Cypriot leaders")."""
    sector = ref.get("sector")
    if sector in POLITICAL_SECTORS:
        return True
    key = str(ref.get("key") or "")
    if key.startswith("country:") or actors.is_igo_code(ref.get("country")):
        return True
    if key.startswith("org:") and sector in CIVIL_ORGANISATION_SECTORS:
        return True  # "the Nigerian Union of Teachers"
    if ref.get("_national"):
        return True
    # "the Palestinians", "Israelis": a national group (unnamed, a country, no sector)
    name = str(ref.get("name") or "")
    return not key and sector is None and ref.get("country") is not None and bool(
        name and actors.country_by_demonym(name.split()[-1])
    )


def _political_in_field(ref: dict[str, Any], recipient: bool) -> bool:
    key = str(ref.get("key") or "")
    if key.startswith("country:"):
        return not recipient  # "Germany protested to FIFA" yes; "arrived in Germany" no
    if ref.get("_national") or (not key and ref.get("sector") is None):
        return False  # national groups and demonyms: teams and athletes here
    return political(ref)


def private(ref: dict[str, Any]) -> bool:
    """Someone known and not political: a named person or company, a civilian group, a business."""
    return not political(ref) and (bool(ref.get("key")) or ref.get("sector") is not None)


def _words(sent: Span) -> set[str]:
    return {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}


def _inanimate_subject(trigger: Token) -> bool:
    """"The heist is the latest to hit France", "the storm killed five": the harm's subject is a
    thing that is no weapon and no people (climbing from an infinitive or a conjunct to it)."""
    cur = trigger
    for _ in range(3):
        subj = [c for c in cur.children if c.dep_ == "nsubj"]
        if subj:
            head = subj[0]
            if head.lower_ in ("that", "which") and cur.dep_ == "relcl":
                head = cur.head  # "the fire that destroyed the warehouse"
            return head.pos_ == "NOUN" and head.lemma_.lower() in INANIMATE_CAUSES and actors.sector_of_role(head.lemma_) is None
        if cur.dep_ not in ("xcomp", "relcl", "acl", "conj", "attr", "acomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def accident_report(doc: Doc, field: str | None) -> bool:
    """A report of an accident or disaster: the field says so, or its words are of accidents (at
    least ``ACCIDENT_REPORT_CUES``, and ``ACCIDENT_OVER_VIOLENCE`` times its words of violence): a
    hit-and-run whose driver is charged with vehicular homicide, a house fire."""
    if field == dom.ACCIDENT:
        return True
    words = [t.lower_ for t in doc]
    accident = sum(w in dom.CUES[dom.ACCIDENT] for w in words)
    violence = sum(w in VIOLENCE_CUES for w in words)
    return accident >= ACCIDENT_REPORT_CUES and accident >= ACCIDENT_OVER_VIOLENCE * violence


def skip_reason(event: Any, field: str | None, sent: Span, trigger: Token, accident: bool = False) -> str | None:
    """Why an event mention is not a political event (None: keep it). ``accident``: the report is
    of an accident or disaster (``accident_report``)."""
    if _inanimate_subject(trigger):
        return INANIMATE_CAUSE  # "the storm killed five", "where the plates meet"
    if event.type in HARM_TYPES or event.pattern.startswith("coerce-demolish"):
        # before the participants: "a soldier was killed in a car crash" is no assault either
        words = _words(sent)
        if not words & VIOLENCE_CUES and (words & dom.CUES[dom.ACCIDENT] or accident):
            return ACCIDENT
    elif event.type in DISASTER_TYPES:
        # "the tremor forced office workers to evacuate" is no expulsion, "evacuation of the
        # towers after the earthquake" no withdrawal: a natural disaster named in the sentence
        nouns = {t.lower_ for t in sent if t.pos_ in ("NOUN", "PROPN")}
        if nouns & NATURAL_DISASTERS and not _words(sent) & VIOLENCE_CUES:
            return ACCIDENT
    parts = list(event.actor) + list(event.recipient)
    if field in NON_POLITICAL_FIELDS:
        # in a sports or business report "the Russian" is a boxer, "the Turkish side" a team and
        # "arrived in Germany" a trip to a match: only an organ of a state, an IGO or a named
        # political actor makes the event political
        if any(_political_in_field(r, recipient=r in event.recipient) for r in parts):
            return None
        return f"{field}-report"
    if any(political(r) for r in parts):
        return None
    if event.type in NEEDS_POLITICAL_PARTICIPANT and any(private(r) for r in parts):
        # (participants the parse left unidentified give no reason: "the Sudanese government and
        # SPLM/A have agreed", parsed without a subject, stays)
        return NOT_POLITICAL
    return None
