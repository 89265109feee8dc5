"""Load and validate the verb/noun pattern dictionary (YAML, user-extensible)."""

from __future__ import annotations

import dataclasses
import functools
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import ConfigError
from newsgraph.events.ontology import DEFAULT_CAMEO, PLOVER_TYPES

DEFAULT_CONFIDENCE = 0.6
_ALLOWED = {
    "id", "type", "mode", "cameo", "verbs", "nouns", "object", "particle", "require", "recipient",
    "reciprocal", "context", "confidence", "phone_cue", "governs", "without", "subject", "joint_type",
    "not_object",
}
# Types whose verbs take another event as their content by default ("agreed to meet",
# "urged Iran to release", "refused to attend", "threatened to strike").
GOVERNING_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})
# Where recipients (and required dependents) can come from.
_SLOTS = frozenset({"dobj", "dative", "iobj", "xcomp", "ccomp", "advcl", "poss", "nsubj", "nsubjpass", "prt"})


@dataclass(frozen=True)
class Pattern:
    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    not_object: tuple[str, ...] = ()  # objects that make the trigger no event ("captured the imagination")
    particle: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    joint_type: str | None = None
    recipient: tuple[str, ...] = ("dobj",)
    reciprocal: bool = False
    context: tuple[str, ...] = ()
    confidence: float = DEFAULT_CONFIDENCE
    phone_cue: bool = False
    governs: bool = False
    user: bool = False  # from a user's pattern file: tried before the built-in patterns

    @property
    def specificity(self) -> int:
        """Narrow patterns first: a subject condition (who acts is the rarest constraint: peacekeepers
        arriving are aid, not a visit), an object or particle condition, then a required dependent."""
        if self.subject:
            return 3
        return 2 if (self.object or self.particle) else (1 if (self.require or self.without) else 0)


@dataclass
class PatternSet:
    patterns: dict[str, Pattern] = field(default_factory=dict)
    by_verb: dict[str, list[Pattern]] = field(default_factory=dict)
    by_noun: dict[str, list[Pattern]] = field(default_factory=dict)

    def add(self, p: Pattern) -> None:
        self.patterns[p.id] = p

    def index(self) -> PatternSet:
        """Patterns by trigger lemma: a user's patterns first, then the narrowest first (file order
        among equals): "receive" with an "observers" object is RETREAT access before "receive"
        is CONSULT host."""
        self.by_verb, self.by_noun = {}, {}
        for p in self.patterns.values():
            for v in p.verbs:
                self.by_verb.setdefault(v, []).append(p)
            for n in p.nouns:
                self.by_noun.setdefault(n, []).append(p)
        for table in (self.by_verb, self.by_noun):
            for k, ps in table.items():
                table[k] = sorted(ps, key=lambda p: (not p.user, -p.specificity))  # sorted() is stable
        return self


def _parse(entry: Any, where: str) -> Pattern:
    if not isinstance(entry, dict) or "id" not in entry or "type" not in entry:
        raise ConfigError(f"{where}: each pattern needs at least 'id' and 'type' (got {entry!r})")
    unknown = set(entry) - _ALLOWED
    if unknown:
        raise ConfigError(f"{where}: pattern {entry['id']!r} has unknown fields {sorted(unknown)}")
    typ = str(entry["type"]).upper()
    if typ not in PLOVER_TYPES:
        raise ConfigError(f"{where}: pattern {entry['id']!r} has type {typ!r}, not a PLOVER type")
    if not entry.get("verbs") and not entry.get("nouns"):
        raise ConfigError(f"{where}: pattern {entry['id']!r} needs 'verbs' or 'nouns'")

    def tup(k: str) -> tuple[str, ...]:
        v = entry.get(k) or ()
        if isinstance(v, str):
            v = [v]
        bad = [x for x in v if not isinstance(x, str | int | float) or isinstance(x, bool)]
        if bad:
            raise ConfigError(f"{where}: pattern {entry['id']!r} field {k!r} has {bad!r}: quote yes/no/on/off, "
                              "which YAML reads as true/false")
        return tuple(str(x).lower() for x in v)

    for k in ("recipient", "require", "without"):
        bad = [x for x in tup(k) if not (x in _SLOTS or (x.startswith("prep:") and len(x) > 5))]
        if bad:
            raise ConfigError(f"{where}: pattern {entry['id']!r} has unknown {k} slots {bad}; "
                              f"use {', '.join(sorted(_SLOTS))} or prep:<word>")

    return Pattern(
        id=str(entry["id"]),
        type=typ,
        mode=entry.get("mode"),
        cameo=str(entry["cameo"]) if entry.get("cameo") else DEFAULT_CAMEO[typ],
        verbs=tup("verbs"),
        nouns=tup("nouns"),
        object=tup("object"),
        not_object=tup("not_object"),
        particle=tup("particle"),
        require=tup("require"),
        without=tup("without"),
        subject=tup("subject"),
        joint_type=_joint(entry, where),
        recipient=tup("recipient") if "recipient" in entry else ("dobj",),
        reciprocal=bool(entry.get("reciprocal", False)),
        context=tup("context"),
        confidence=float(entry.get("confidence", DEFAULT_CONFIDENCE)),
        phone_cue=bool(entry.get("phone_cue", False)),
        governs=bool(entry["governs"]) if "governs" in entry else (typ in GOVERNING_TYPES and bool(entry.get("verbs"))),
    )


def _joint(entry: dict[str, Any], where: str) -> str | None:
    jt = entry.get("joint_type")
    if jt is None:
        return None
    if str(jt).upper() not in PLOVER_TYPES:
        raise ConfigError(f"{where}: pattern {entry['id']!r} has joint_type {jt!r}, not a PLOVER type")
    return str(jt).upper()


def _load_file(text: str, where: str, user: bool = False) -> list[Pattern]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigError(f"{where}: not valid YAML ({e})") from e
    if not isinstance(data, list):
        raise ConfigError(f"{where}: expected a list of patterns")
    return [dataclasses.replace(p, user=True) if user else p for p in (_parse(e, where) for e in data)]


@functools.lru_cache(maxsize=8)
def load_patterns(extra: tuple[str, ...] = ()) -> PatternSet:
    """Built-in patterns plus user files (later files override earlier ids)."""
    ps = PatternSet()
    builtin = resources.files("newsgraph.data").joinpath("patterns.yaml").read_text(encoding="utf-8")
    for p in _load_file(builtin, "patterns.yaml"):
        ps.add(p)
    env = os.environ.get("NEWSGRAPH_PATTERNS")
    files = list(extra) + ([f for f in env.split(os.pathsep) if f] if env else [])
    for f in files:
        path = Path(f)
        if not path.is_file():
            raise ConfigError(f"{f}: pattern file not found")
        for p in _load_file(path.read_text(encoding="utf-8"), f, user=True):
            ps.add(p)
    return ps.index()
