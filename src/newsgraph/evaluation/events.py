"""PLOVER and CAMEO event coding against gold records (../shared/data/plover, petrarch_cameo).

PLOVER_GSR_CAMEO.json: 322 sentences from the CAMEO manual's examples, each with
its gold PLOVER event (written against PLOVER 0.5b1: DEMAND, DISAPPROVE, FIGHT and
INVESTIGATE are mapped to today's types), mode, source and target actors (country
or class codes) and context. Each sentence is run through the pipeline as a
one-sentence article; newsgraph's *main event* (``events.extract.main_event``:
the most confident, then the earliest) is compared with the gold event:

- type accuracy: the main event's PLOVER type is the gold type (no event = wrong),
  read under PLOVER's own conventions (``events.rules.plover_coding``: a future
  visit is AGREE, a threatened sanction THREATEN, reciprocal participants all actors);
- mode accuracy: on records whose gold mode is set, among those typed right;
- actor / recipient accuracy: the set of the main event's actor (recipient)
  codes equals the gold source (target) codes, after normalising both sides
  (country codes as ISO 3166 alpha-3; international organisations, governmental or
  not, as IGO: the gold codes Amnesty International and the Red Cross as IGO and four
  others as NGO, so the two classes are one here); a record with no gold target
  needs no recipient;
- full triple: type, actor and recipient all right.

"any event" is a diagnostic: some event of ours has the gold type.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.events.ontology import LEGACY_TYPES

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
PLOVER_GSR = DATA / "plover" / "PLOVER_GSR_CAMEO.json"
PETRARCH = DATA / "petrarch_cameo" / "records.jsonl"
# CAMEO-era country codes in the gold that ISO 3166 spells otherwise.
# PLOVER 0.5b1 mode names (the gold's) as PLOVER 0.8 names them.
LEGACY_MODES = {"strike-hun": "hunger", "riot-spon": "riot", "demo-org": "demo", "demo-spon": "demo", "strike-gen": "strike",
                "assassinate": "targeted", "confiscate": "seize", "detain": "arrest", "ban": "restrict"}
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ISM": "IGO", "IMG": "IGO", "NGO": "IGO"}


@dataclass
class GoldEvent:
    id: str
    text: str
    date: str | None
    type: str
    mode: str | None
    source: frozenset[str]
    target: frozenset[str]
    comment: str = ""


def _codes(side: Any) -> frozenset[str]:
    if isinstance(side, dict):
        side = [side]
    if not isinstance(side, list):
        return frozenset()
    out = set()
    for a in side:
        code = str(a.get("code") or "").strip().upper()
        if code and code != "---":
            out.add(LEGACY_CODES.get(code, code))
    return frozenset(out)


def load_plover(path: Path = PLOVER_GSR) -> list[GoldEvent]:
    """The gold records with today's type names (read at run time, never copied)."""
    recs = json.loads(path.read_text(encoding="utf-8"))
    out: list[GoldEvent] = []
    for r in recs:
        etype = str(r.get("event") or "")
        if etype == "DOCUMENT" or not r.get("text"):
            continue
        etype = LEGACY_TYPES.get(etype, etype)
        mode = (r.get("mode") or "").strip() or None
        mode = LEGACY_MODES.get(mode, mode) if mode else None
        if r.get("event") == "INVESTIGATE":
            mode = "investigate"
        out.append(GoldEvent(r["id"], r["text"], r.get("date"), etype, mode, _codes(r.get("source")),
                             _codes(r.get("target")), r.get("comment") or ""))
    return out


def actor_code(ref: dict[str, Any]) -> str | None:
    """An actor record's code on the gold's scale: ISO3 for states, IGO/NGO for organisations."""
    from newsgraph.nlp import actors

    country, sector = ref.get("country"), ref.get("sector")
    if country and country in set(actors.country_codes()) and sector != "NGO":
        return str(country)
    if sector in ("IGO", "NGO") or country:
        return "IGO"
    return None


def _side(refs: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(c for c in (actor_code(r) for r in refs) if c)


@dataclass
class PloverScore:
    n: int = 0
    failed: int = 0  # sentences the pipeline recorded a failure for
    no_event: int = 0
    type_ok: int = 0
    type_any: int = 0
    mode_n: int = 0
    mode_ok: int = 0
    actor_ok: int = 0
    recipient_ok: int = 0
    triple_ok: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, gold, ours, text
    side_errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, gold codes, ours, text

    def rate(self, k: int, n: int | None = None) -> float:
        d = self.n if n is None else n
        return k / d if d else 0.0


def score_plover(records: list[GoldEvent], annotations: list[dict[str, Any]]) -> PloverScore:
    from newsgraph.events.extract import main_event
    from newsgraph.events.rules import plover_coding

    s = PloverScore()
    for g, ann in zip(records, annotations, strict=True):
        s.n += 1
        s.failed += "failure" in ann
        evs = [{**e, **plover_coding(e)} for e in ann.get("events", [])]
        main = main_event(evs)
        s.type_any += any(e["type"] == g.type for e in evs)
        if main is None:
            s.no_event += 1
            s.confusion[(g.type, "-")] += 1
            s.errors.append((g.id, g.type, "-", g.text))
            continue
        s.confusion[(g.type, main["type"])] += 1
        type_ok = main["type"] == g.type
        s.type_ok += type_ok
        if not type_ok:
            s.errors.append((g.id, g.type, main["type"], g.text))
        if g.mode and type_ok:
            s.mode_n += 1
            s.mode_ok += (main.get("mode") or "") == g.mode
        actor_ok = _side(main["actor"]) == g.source
        recipient_ok = _side(main["recipient"]) == g.target
        s.actor_ok += actor_ok
        s.recipient_ok += recipient_ok
        if type_ok and not (actor_ok and recipient_ok):
            s.side_errors.append((g.id, f"{sorted(g.source)}->{sorted(g.target)}",
                                  f"{sorted(_side(main['actor']))}->{sorted(_side(main['recipient']))}", g.text))
        s.triple_ok += type_ok and actor_ok and recipient_ok
    return s


def annotate_sentences(texts: list[tuple[str, str, str | None]], pipeline: Any) -> list[dict[str, Any]]:
    """(id, text, date) → each one's annotation, as one-sentence articles."""
    from newsgraph.model import Article

    items = pipeline.annotate(
        [Article(id=i, source_path=i, text=t, published=(d or None)) for i, t, d in texts]
    )
    out = []
    for it in items:
        out.append(it.ann if it.failure is None else {"events": [], "failure": it.failure.detail})
    return out
