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

from newsgraph.entities.names import (
    acronyms,
    fold,
    looks_like_acronym,
    name_tokens,
    org_key,
    org_tokens,
    person_variant,
    stable_id,
    surname,
)
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

    _tokens: list[str] | None = None  # cache of ``tokens``; names change only through ``absorb``

    def absorb(self, other: _Group) -> None:
        for attr in ("names", "aliases", "countries", "sectors", "titles", "context_countries"):
            getattr(self, attr).update(getattr(other, attr))
        self.articles += [a for a in other.articles if a not in self.articles]
        self.members += other.members
        self._tokens = None

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = name_tokens(self.best_name())
        return self._tokens

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
    _merge_types(groups)
    ctx = {aid: set(ann.get("clusters", {})) for aid, ann in annotated}
    _merge_persons(groups, ctx)
    _merge_organisations(groups)
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


# Choosing between several people a shorter name fits ("Felt": W. Mark Felt or his son Mark
# Felt Jr.; "Obama": Barack or Michelle): the candidate whose reports share the most other
# entities with the reports of the short name wins, if it shares at least this many and this
# many times as many as the runner-up; otherwise the short name stays apart. On the ECB+ and
# MEANTIME benchmarks (bench/entities.py) ratios from 1.0 to 3.0 and PROMINENCE_RATIO from
# 2.0 to 3.0 moved CoNLL F1 by at most 0.003 (without the prominence rule: -0.003 on ECB+);
# 2.0 keeps a clear lead, as two namesakes inside one story share that story's entities.
CONTEXT_MIN_SHARED = 1
CONTEXT_RATIO = 2.0
# When context does not tell them apart (a family in an obituary: "Felt" next to W. Mark Felt,
# his son Mark Felt Jr. and his daughter Joan Felt), the candidate reported in at least this
# many times as many articles as any other wins, provided its context agrees at least as well
# (ECB+: the lone "Hansbrough", "Jackson", "LaRue", "Felt" of a story are its protagonist).
PROMINENCE_RATIO = 3.0


def _context(g: _Group, ctx: dict[str, set[str]]) -> set[str]:
    """Other entities (local keys) of the group's reports, countries left out (too common)."""
    own = {k for _, k in g.members}
    out: set[str] = set()
    for a in g.articles:
        out |= ctx.get(a, set())
    return {k for k in out - own if not k.startswith("country:")}


def _pick(g: _Group, cands: list[str], groups: dict[str, _Group], ctx: dict[str, set[str]]) -> str | None:
    """The one candidate a name can join: alone, or the most specific of mutually compatible
    names, or the one whose context agrees (see CONTEXT_RATIO)."""
    cands = [
        c for c in cands
        if not any(c != d and person_variant(groups[c].tokens, groups[d].tokens) for d in cands)
    ]
    if len(cands) <= 1:
        return cands[0] if cands else None
    mine = _context(g, ctx)
    shared = {c: len(mine & _context(groups[c], ctx)) for c in cands}
    ranked = sorted(cands, key=lambda c: (shared[c], c), reverse=True)
    best, second = shared[ranked[0]], shared[ranked[1]]
    if best >= CONTEXT_MIN_SHARED and best >= CONTEXT_RATIO * second:
        return ranked[0]
    by_reports = sorted(cands, key=lambda c: (len(groups[c].articles), c), reverse=True)
    top, runner = by_reports[0], by_reports[1]
    if (
        len(groups[top].articles) >= PROMINENCE_RATIO * len(groups[runner].articles)
        and shared[top] >= CONTEXT_MIN_SHARED and shared[top] >= max(shared[c] for c in cands if c != top)
    ):
        return top
    return None


def _merge_persons(groups: dict[str, _Group], ctx: dict[str, set[str]]) -> None:
    persons = {k: g for k, g in groups.items() if g.type == "PERSON"}
    full = {k: g for k, g in persons.items() if len(g.tokens) >= 2}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k, g in full.items():
        by_surname[surname(g.tokens)].append(k)
    # 2. a shorter full name that is a form of a longer one ("Tayyip Erdogan", "Mark Felt" /
    #    "W. Mark Felt", "Warren S. Jeffs" / "Warren Steed Jeffs")
    for k, g in sorted(full.items(), key=lambda kv: (len(kv[1].tokens), len("".join(kv[1].tokens)))):
        if k not in full:
            continue
        toks = g.tokens
        longer = [
            k2 for k2 in by_surname[surname(toks)]
            if k2 != k and k2 in full and len(full[k2].tokens) >= len(toks) and person_variant(toks, full[k2].tokens)
            and _countries_agree(g, full[k2])
        ]
        target = _pick(g, longer, groups, ctx)
        if target is not None:
            full[target].absorb(g)
            del groups[k]
            del full[k]
    # 3. lone surnames / given names
    by_part: dict[str, list[str]] = defaultdict(list)
    for k2, g2 in full.items():
        for part in dict.fromkeys((surname(g2.tokens), g2.tokens[0])):
            by_part[part].append(k2)
    for k, g in list(persons.items()):
        if k not in groups or len(g.tokens) != 1:
            continue
        tok = g.tokens[0]
        cands = [c for c in by_part.get(tok, []) if c in groups and _countries_agree(g, full[c])]
        if len(cands) > 1 and g.countries:
            c = g.countries.most_common(1)[0][0]
            cands = [k2 for k2 in cands if full[k2].countries and full[k2].countries.most_common(1)[0][0] == c] or cands
        target = _pick(g, cands, groups, ctx)
        if target is not None:
            full[target].absorb(g)
            del groups[k]


# A name the NER tagged with two types across reports ("Ryanair" PERSON and ORG, "Henderson"
# PERSON and GPE) takes the type of the side with at least this many times as many article
# clusters; closer counts stay apart (two real namesakes: a town and a person).
TYPE_MAJORITY = 2.0
_MERGEABLE_KINDS = ("name", "place")


def _core(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def _merge_types(groups: dict[str, _Group]) -> None:
    """One name, one type: merge the minority type's group into the majority's."""
    by_core: dict[str, list[str]] = defaultdict(list)
    for k, g in groups.items():
        if g.kind in _MERGEABLE_KINDS and g.type in ("PERSON", "ORG", "GPE"):
            by_core[_core(k)].append(k)
    for keys in by_core.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: -len(groups[k].members))
        top = groups[keys[0]]
        for k in keys[1:]:
            if len(top.members) >= TYPE_MAJORITY * len(groups[k].members):
                top.absorb(groups.pop(k))


def _merge_organisations(groups: dict[str, _Group]) -> None:
    """Organisation name variants across reports.

    1. A name that some report used as a short form of a longer one (its alias, linked in
       that document: "Northrop" in a report that says "Northrop Grumman") joins that longer
       name, when exactly one organisation has it as an alias.
    2. An acronym ("GAO") joins the one organisation whose initials it is
       ("Government Accountability Office").
    The legal form is already out of the key ("Intel Corp." is "Intel").
    """
    orgs = {k: g for k, g in groups.items() if g.type == "ORG" and g.kind == "name"}
    alias_of: dict[str, set[str]] = defaultdict(set)
    acro_of: dict[str, set[str]] = defaultdict(set)
    for k, g in orgs.items():
        for a in g.aliases:
            ak = org_key(a)
            if ak and ak != _core(k):
                alias_of[ak].add(k)
        if len(org_tokens(g.best_name())) >= 2:
            for ac in acronyms(g.best_name()):
                acro_of[ac].add(k)
    for k in sorted(orgs, key=lambda k: len(org_tokens(orgs[k].best_name()))):
        if k not in groups:
            continue
        core = _core(k)
        cands = [c for c in alias_of.get(core, ()) if c in groups and c != k]
        if not cands and any(looks_like_acronym(n) for n in orgs[k].names):
            cands = [c for c in acro_of.get(core, ()) if c in groups and c != k]
        if len(cands) == 1:
            target = groups[cands[0]]
            target.absorb(groups.pop(k))
            for a in target.aliases:
                ak = org_key(a)
                if ak and ak != _core(cands[0]):
                    alias_of[ak].add(cands[0])


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
