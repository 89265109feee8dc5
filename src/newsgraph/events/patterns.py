"""Load and validate the verb/noun pattern dictionary (YAML, user-extensible)."""

from __future__ import annotations

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
    "reciprocal", "context", "confidence", "phone_cue",
}


@dataclass(frozen=True)
class Pattern:
    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    particle: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ("dobj",)
    reciprocal: bool = False
    context: tuple[str, ...] = ()
    confidence: float = DEFAULT_CONFIDENCE
    phone_cue: bool = False


@dataclass
class PatternSet:
    patterns: dict[str, Pattern] = field(default_factory=dict)
    by_verb: dict[str, list[Pattern]] = field(default_factory=dict)
    by_noun: dict[str, list[Pattern]] = field(default_factory=dict)

    def add(self, p: Pattern) -> None:
        self.patterns[p.id] = p

    def index(self) -> PatternSet:
        self.by_verb, self.by_noun = {}, {}
        for p in self.patterns.values():
            for v in p.verbs:
                self.by_verb.setdefault(v, []).append(p)
            for n in p.nouns:
                self.by_noun.setdefault(n, []).append(p)
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
        return tuple(str(x).lower() for x in v)

    return Pattern(
        id=str(entry["id"]),
        type=typ,
        mode=entry.get("mode"),
        cameo=str(entry["cameo"]) if entry.get("cameo") else DEFAULT_CAMEO[typ],
        verbs=tup("verbs"),
        nouns=tup("nouns"),
        object=tup("object"),
        particle=tup("particle"),
        require=tup("require"),
        recipient=tup("recipient") if "recipient" in entry else ("dobj",),
        reciprocal=bool(entry.get("reciprocal", False)),
        context=tup("context"),
        confidence=float(entry.get("confidence", DEFAULT_CONFIDENCE)),
        phone_cue=bool(entry.get("phone_cue", False)),
    )


def _load_file(text: str, where: str) -> list[Pattern]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigError(f"{where}: not valid YAML ({e})") from e
    if not isinstance(data, list):
        raise ConfigError(f"{where}: expected a list of patterns")
    return [_parse(e, where) for e in data]


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
        for p in _load_file(path.read_text(encoding="utf-8"), f):
            ps.add(p)
    return ps.index()
