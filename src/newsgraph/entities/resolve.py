"""Cross-document entity resolution: one entity per real-world actor.

Works on the per-article clusters stored by the ``mentions`` stage:

1. clusters with the same identity key merge (diacritic, hyphen and spacing
   variants already share a key);
2. a full name merges into a longer full name with the same surname whose
   tokens include it ("Tayyip Erdogan" → "Recep Tayyip Erdogan");
3. a lone surname ("Erdogan" in an article that never gives the full name)
   joins the one full name with that surname; with several candidates only
   a unique country match decides, otherwise it stays apart — two people who
   share a surname are never merged on the surname alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsgraph.entities.names import fold, name_tokens, stable_id
from newsgraph.model import Entity
from newsgraph.nlp import actors


@dataclass
class _Group:
    key: str
    type: str
    kind: str
    names: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)
    context_countries: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)  # (article_id, local key)

    def absorb(self, other: _Group) -> None:
        for attr in ("names", "aliases", "countries", "sectors", "titles", "context_countries"):
            getattr(self, attr).update(getattr(other, attr))
        self.articles += [a for a in other.articles if a not in self.articles]
        self.members += other.members

    @property
    def tokens(self) -> list[str]:
        return name_tokens(self.best_name())

    def best_name(self) -> str:
        # The longest frequent form; on ties prefer the form with diacritics ("Erdoğan").
        return max(self.names, key=lambda n: (len(name_tokens(n)), self.names[n], n != fold(n), n))


@dataclass
class Resolution:
    entities: list[Entity]
    by_local: dict[tuple[str, str], Entity]
    by_key: dict[str, Entity]

    def ref(self, article_id: str, local: dict[str, Any]) -> dict[str, Any]:
        """An event's actor record with its global entity id (country actors included)."""
        key = local.get("key")
        ent = self.by_local.get((article_id, key)) if key else None
        if ent is None and key and key.startswith("country:"):
            ent = self.by_key.get(key)
        return {
            "entity_id": ent.id if ent else None,
            "name": ent.name if ent else local["name"],
            "country": local.get("country") or (ent.country if ent else None),
            "sector": local.get("sector") or (ent.sector if ent else None),
        }


def resolve_entities(annotated: list[tuple[str, dict[str, Any]]]) -> Resolution:
    """``annotated``: (article_id, annotation dict) pairs → global entities."""
    groups: dict[str, _Group] = {}
    for aid, ann in annotated:
        for local_key, cl in ann.get("clusters", {}).items():
            g = groups.get(local_key)
            if g is None:
                g = groups[local_key] = _Group(local_key, cl["type"], cl.get("kind", "name"))
            g.names[cl["name"]] += 1
            g.aliases.update(cl.get("aliases", []))
            if cl.get("country"):
                g.countries[cl["country"]] += 1
            if cl.get("sector"):
                g.sectors[cl["sector"]] += 1
            g.titles.update(cl.get("titles", []))
            g.context_countries.update(cl.get("context_countries") or {})
            if aid not in g.articles:
                g.articles.append(aid)
            g.members.append((aid, local_key))
        # Country actors named only through a capital ("Ankara said") still need an entity.
        for ev in ann.get("events", []):
            for r in ev.get("actor", []) + ev.get("recipient", []):
                k = r.get("key")
                if k and k.startswith("country:") and k not in groups:
                    g = groups[k] = _Group(k, "GPE", "country")
                    g.names[r["name"]] += 1
                    g.countries[r["country"]] += 1
                if k and k.startswith("country:") and aid not in groups[k].articles:
                    groups[k].articles.append(aid)
    _merge_persons(groups)
    entities: list[Entity] = []
    by_local: dict[tuple[str, str], Entity] = {}
    by_key: dict[str, Entity] = {}
    for key, g in sorted(groups.items()):
        country = g.countries.most_common(1)[0][0] if g.countries else _inferred_country(g)
        sector = g.sectors.most_common(1)[0][0] if g.sectors else None
        name = g.best_name()
        if g.kind == "country" and country:
            name = actors.country_name(country) or name
        ent = Entity(
            id=stable_id("ent", key),
            name=name,
            type=g.type,
            country=country,
            sector=sector,
            aliases=[a for a, _ in g.aliases.most_common()],
            article_ids=list(g.articles),
            titles=[t for t, _ in g.titles.most_common()],
        )
        if name not in ent.aliases:
            ent.aliases.insert(0, name)
        entities.append(ent)
        by_key[key] = ent
        for m in g.members:
            by_local[m] = ent
    return Resolution(entities, by_local, by_key)


# A person's country from the countries named around them: at least this many votes
# across reports (2 made Antony Blinken Azerbaijani in the border-clash story: he is
# quoted next to "Azerbaijan" twice), and this many times the runner-up (so "Ms Baerbock met President X"
# in an article about Germany does not make X German).
CONTEXT_MIN_VOTES = 3
CONTEXT_MIN_RATIO = 2.0


def _inferred_country(g: _Group) -> str | None:
    if g.type != "PERSON" or not g.context_countries:
        return None
    ranked = g.context_countries.most_common(2)
    top, votes = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if votes >= CONTEXT_MIN_VOTES and votes >= CONTEXT_MIN_RATIO * second:
        return top
    return None


def _merge_persons(groups: dict[str, _Group]) -> None:
    persons = {k: g for k, g in groups.items() if g.type == "PERSON"}
    full = {k: g for k, g in persons.items() if len(g.tokens) >= 2}
    # 2. a shorter full name inside a longer one with the same surname
    for k, g in sorted(full.items(), key=lambda kv: len(kv[1].tokens)):
        toks = g.tokens
        longer = [
            k2 for k2, g2 in full.items()
            if k2 != k and len(g2.tokens) > len(toks) and g2.tokens[-1] == toks[-1] and set(toks) <= set(g2.tokens)
        ]
        if len(longer) == 1 and _countries_agree(g, full[longer[0]]):
            full[longer[0]].absorb(g)
            del groups[k]
    full = {k: g for k, g in groups.items() if g.type == "PERSON" and len(g.tokens) >= 2}
    # 3. lone surnames / given names
    for k, g in list(persons.items()):
        if k not in groups or len(g.tokens) != 1:
            continue
        tok = g.tokens[0]
        cands = [k2 for k2, g2 in full.items() if tok in (g2.tokens[-1], g2.tokens[0])]
        if len(cands) > 1 and g.countries:
            c = g.countries.most_common(1)[0][0]
            cands = [k2 for k2 in cands if full[k2].countries and full[k2].countries.most_common(1)[0][0] == c]
        if len(cands) == 1 and _countries_agree(g, full[cands[0]]):
            full[cands[0]].absorb(g)
            del groups[k]


def _countries_agree(a: _Group, b: _Group) -> bool:
    if not a.countries or not b.countries:
        return True
    return a.countries.most_common(1)[0][0] == b.countries.most_common(1)[0][0]


def group_by_article(res: Resolution) -> dict[str, list[Entity]]:
    out: dict[str, list[Entity]] = defaultdict(list)
    for e in res.entities:
        for a in e.article_ids:
            out[a].append(e)
    return out
