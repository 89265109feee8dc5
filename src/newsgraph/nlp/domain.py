"""What field a report is from: sports, entertainment, technology, business, accident — or none.

Event coders code political events. The same words name other things in other
fields: a boxer "hit" his opponent, a team "went" to its passing game, a studio
"hosted" a show, a chip maker "will allow" third-party designs, an earthquake
"killed" six children. POLECAT filters such stories with a relevance classifier
before coding; newsgraph reads the article's own vocabulary instead (no model to
download): cue words of each field are counted over the whole text, and an article
belongs to a field when its cues are frequent and outnumber the political cues
(government, minister, troops, protest, ...). Crime reports stay in no field: PLOVER
codes crime (arrests, shootings, charges) as events with a ``crime`` context.

The events stage asks ``events.relevance`` what to keep in each field.

Calibration: bench/domains.py scores the decision against section labels in the
URLs of the article-extraction benchmark, TR-News, GeoWebNews and LGL
(``/sport/``, ``/entertainment/``, ``/business/``, ``/tech/``, against ``/politics/``,
``/world/``, ``/crime/`` ...) and the Giveme5W1H topics (F1 races and the Cubs' World
Series are sports, a tram derailment and a well collapse accidents). Figures at the
constants below.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc


def cue_set(words: str) -> frozenset[str]:
    """A cue lexicon written as whitespace-separated words."""
    return frozenset(words.split())


SPORTS = "sports"
ENTERTAINMENT = "entertainment"
TECHNOLOGY = "technology"
BUSINESS = "business"
ACCIDENT = "accident"  # accidents and natural disasters
DOMAINS = (SPORTS, ENTERTAINMENT, TECHNOLOGY, BUSINESS, ACCIDENT)

# Cue lemmas (lower case). Words shared with politics ("win", "race", "deal", "fight",
# "attack", "title", "campaign") are left out: they would pull political reports away.
CUES: dict[str, frozenset[str]] = {
    SPORTS: cue_set("""
        game games season seasons team teammate teammates coach coaches player players league playoff playoffs
        championship championships tournament quarterback touchdown touchdowns inning innings pitcher pitchers
        basketball football baseball soccer hockey tennis golf boxing boxer bout racing lap laps nfl nba mlb nhl
        ncaa fifa uefa olympic olympics rookie roster stadium halftime yard yards rebound rebounds assist assists
        champion champions medal athlete athletes sprint striker midfielder defender goalkeeper referee umpire
        jersey franchise
        scoring scored scorer quarterfinal semifinal semifinals final finals fans podium pole grid circuit prix
        formula f1 heavyweight knockout ko ring round rounds wicket cricket rugby cyclist cycling marathon
        gymnast skater skier nascar pitch batting
        homer homers dugout bullpen coaching ballclub ballpark
    """),
    ENTERTAINMENT: cue_set("""
        film films movie movies actor actress actors actresses starring director sequel premiere oscar oscars
        grammy grammys emmy emmys album albums song songs singer singers band concert concerts episode episodes
        tv television hollywood celebrity celebrities studio cast role roles character characters rapper
        musician comedian screenplay script trailer franchise box-office blockbuster broadway theatre theater
        sitcom drama comedy festival fans showbiz tabloid paparazzi
        audition audience viewers broadcast
    """),
    TECHNOLOGY: cue_set("""
        software hardware chip chips processor processors computer computers browser browsers app apps
        smartphone smartphones iphone ipad ios android windows server servers patch patches vulnerability
        vulnerabilities flaw flaws bug bugs hacker hackers malware exploit exploits device devices internet
        online web website websites cloud download downloads user users version feature features silicon
        startup gadget tablet laptop laptops siri intel microsoft google
        interconnect fabric datacenter data-center cores core gpu cpu firmware code programmers developers
        keyboard screen display
    """),
    BUSINESS: cue_set("""
        share shares stock stocks investor investors profit profits revenue revenues earnings quarter
        acquisition acquisitions acquire acquired merger mergers ceo market markets analyst analysts sales
        dividend nasdaq dow shareholder shareholders valuation billion ipo retailer retail customer customers
        product products brand brands consumer consumers supplier suppliers
    """),
    ACCIDENT: cue_set("""
        earthquake earthquakes quake quakes tremor tremors magnitude aftershock aftershocks tsunami flood floods
        flooding storm storms hurricane typhoon cyclone tornado landslide landslides mudslide avalanche wildfire
        wildfires blaze firefighter firefighters crash crashes collision derailment derailed derail accident
        accidents train vehicle vehicles driver drivers truck car cars crashed overturned rubble debris
        rescuer rescuers drown drowned drowning collapse collapsed richter epicentre epicenter evacuated
        hit-and-run dui intoxicated skid wreck wreckage survivors trapped
    """),
}
MULTIWORD_CUES: dict[str, tuple[str, ...]] = {
    SPORTS: ("world series", "super bowl", "grand prix", "free agent", "world cup", "head coach", "general manager"),
    ENTERTAINMENT: ("box office", "red carpet", "academy awards", "tv show", "reality show"),
    TECHNOLOGY: ("internet explorer", "operating system", "security update"),
    BUSINESS: ("wall street", "stock market", "chief executive"),
    ACCIDENT: ("hit and run", "drunk driving", "drunken driving", "natural disaster", "car crash"),
}
POLITICAL_CUES = cue_set("""
    government governments minister ministers president presidents parliament election elections vote
    troops army military soldiers war rebels militants protest protests protesters demonstrators police
    sanctions ambassador diplomat diplomats treaty ceasefire talks summit embassy opposition party parties
    senator senators congress lawmakers ministry official officials authorities regime coup insurgents
    militia nato un refugees border invasion airstrike airstrikes shelling attack attacks arrested
    court judge prosecutors charged murder shooting gunman suspect
""")

# An article is of a field when at least this many of its words are the field's cues,
# they are at least this share of its words, and outnumber political cues by this ratio.
# bench/domains.py --sweep (182 labelled articles, 85 of no field): these keep 97.6% of
# the stories of no field in none (what matters: a political report filed under a field
# loses events) and decide 83.0% right; share 0.005 decides 84.6% right but files 3.5%
# of political stories under a field, share 0.02 keeps 98.8% but decides only 74%.
DOMAIN_MIN_CUES = 4
DOMAIN_MIN_SHARE = 0.01
DOMAIN_OVER_POLITICS = 2.0

_WORD = re.compile(r"[a-z][a-z0-9'-]*")


@dataclass(frozen=True)
class DomainDecision:
    domain: str | None
    scores: dict[str, int]  # cue counts per field, and "politics"
    words: int

    def to_dict(self) -> dict[str, object]:
        return {"domain": self.domain, "scores": self.scores, "words": self.words}


def decide_text(text: str) -> DomainDecision:
    """The field of a text, from its words alone (no parse needed)."""
    low = text.lower()
    words = _WORD.findall(low)
    counts: Counter[str] = Counter(words)
    scores: dict[str, int] = {}
    for name in DOMAINS:
        n = sum(c for w, c in counts.items() if w in CUES[name])
        n += sum(low.count(p) for p in MULTIWORD_CUES.get(name, ()))
        scores[name] = n
    politics = sum(c for w, c in counts.items() if w in POLITICAL_CUES)
    scores["politics"] = politics
    best = max(DOMAINS, key=lambda d: scores[d])
    n = scores[best]
    fits = (
        n >= DOMAIN_MIN_CUES
        and n >= DOMAIN_MIN_SHARE * max(1, len(words))
        and n >= DOMAIN_OVER_POLITICS * politics
    )
    return DomainDecision(best if fits else None, scores, len(words))


def article_domain(doc: Doc) -> DomainDecision:
    """The field of a parsed article (its text; the parse is not needed)."""
    return decide_text(doc.text)
