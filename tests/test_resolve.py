"""Cross-document resolution on hand-built article annotations (no parsing)."""

from __future__ import annotations

from typing import Any

from newsgraph.entities.resolve import resolve_entities


def cluster(key: str, name: str, typ: str = "PERSON", aliases: list[str] | None = None,
            country: str | None = None) -> tuple[str, dict[str, Any]]:
    return key, {"key": key, "name": name, "type": typ, "kind": "name" if typ != "GPE" else "place",
                 "country": country, "sector": None, "titles": [], "aliases": aliases or [name],
                 "context_countries": {}}


def article(*clusters: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {"clusters": dict(clusters), "mentions": []}


def entity_of(res, aid: str, key: str):
    return res.by_local[(aid, key)]


def test_lone_surname_joins_the_person_its_context_agrees_with():
    story_a = cluster("place:chapelhill", "Chapel Hill", "GPE")
    res = resolve_entities([
        ("a1", article(cluster("person:tylerhansbrough", "Tyler Hansbrough"), story_a, cluster("org:tarheels", "Tar Heels", "ORG"))),
        ("a2", article(cluster("person:tylerhansbrough", "Tyler Hansbrough"), cluster("org:tarheels", "Tar Heels", "ORG"))),
        ("a3", article(cluster("person:genehansbrough", "Gene Hansbrough"), cluster("place:poplarbluff", "Poplar Bluff", "GPE"))),
        ("a4", article(cluster("person:hansbrough", "Hansbrough"), cluster("org:tarheels", "Tar Heels", "ORG"))),
    ])
    assert entity_of(res, "a4", "person:hansbrough") is entity_of(res, "a1", "person:tylerhansbrough")
    assert entity_of(res, "a3", "person:genehansbrough") is not entity_of(res, "a1", "person:tylerhansbrough")


def test_namesakes_with_no_telling_context_stay_apart():
    res = resolve_entities([
        ("a1", article(cluster("person:scottpeterson", "Scott Peterson"), cluster("place:modesto", "Modesto", "GPE"))),
        ("a2", article(cluster("person:lacipeterson", "Laci Peterson"), cluster("place:modesto", "Modesto", "GPE"))),
        ("a3", article(cluster("person:peterson", "Peterson"), cluster("place:modesto", "Modesto", "GPE"))),
    ])
    lone = entity_of(res, "a3", "person:peterson")
    assert lone is not entity_of(res, "a1", "person:scottpeterson")
    assert lone is not entity_of(res, "a2", "person:lacipeterson")


def test_shorter_full_name_prefers_the_father_reported_everywhere_not_the_son():
    res = resolve_entities(
        [(f"a{i}", article(cluster("person:wmarkfelt", "W. Mark Felt"), cluster("org:fbi", "FBI", "ORG"))) for i in range(4)]
        + [("s", article(cluster("person:markfeltjr", "Mark Felt Jr."), cluster("org:fbi", "FBI", "ORG"))),
           ("x", article(cluster("person:markfelt", "Mark Felt"), cluster("org:fbi", "FBI", "ORG")))]
    )
    assert entity_of(res, "x", "person:markfelt") is entity_of(res, "a0", "person:wmarkfelt")
    assert entity_of(res, "s", "person:markfeltjr") is not entity_of(res, "a0", "person:wmarkfelt")


def test_acronym_and_short_form_of_an_organisation_join_the_full_name():
    res = resolve_entities([
        ("a1", article(cluster("org:generalmotors", "General Motors", "ORG", ["General Motors", "GM"]))),
        ("a2", article(cluster("org:gm", "GM", "ORG"))),
        ("a3", article(cluster("org:northropgrumman", "Northrop Grumman", "ORG", ["Northrop Grumman", "Northrop"]))),
        ("a4", article(cluster("org:northrop", "Northrop", "ORG"))),
        ("a5", article(cluster("org:governmentaccountabilityoffice", "Government Accountability Office", "ORG"))),
        ("a6", article(cluster("org:gao", "GAO", "ORG"))),
    ])
    assert entity_of(res, "a2", "org:gm") is entity_of(res, "a1", "org:generalmotors")
    assert entity_of(res, "a4", "org:northrop") is entity_of(res, "a3", "org:northropgrumman")
    assert entity_of(res, "a6", "org:gao") is entity_of(res, "a5", "org:governmentaccountabilityoffice")


def test_a_short_form_two_organisations_use_stays_apart():
    res = resolve_entities([
        ("a1", article(cluster("org:applecorps", "Apple Corps", "ORG", ["Apple Corps", "Apple"]))),
        ("a2", article(cluster("org:applecomputer", "Apple Computer", "ORG", ["Apple Computer", "Apple"]))),
        ("a3", article(cluster("org:apple", "Apple", "ORG"))),
    ])
    ents = {entity_of(res, a, k).id for a, k in (("a1", "org:applecorps"), ("a2", "org:applecomputer"), ("a3", "org:apple"))}
    assert len(ents) == 3


def test_one_name_tagged_with_two_types_takes_the_majority_type():
    res = resolve_entities(
        [(f"a{i}", article(cluster("org:ryanair", "Ryanair", "ORG"))) for i in range(3)]
        + [("p", article(cluster("person:ryanair", "Ryanair")))]
    )
    e = entity_of(res, "p", "person:ryanair")
    assert e is entity_of(res, "a0", "org:ryanair") and e.type == "ORG"
    # close counts stay apart: a town and a person may share a name
    res = resolve_entities([("t", article(cluster("place:henderson", "Henderson", "GPE"))),
                            ("p", article(cluster("person:henderson", "Henderson")))])
    assert entity_of(res, "t", "place:henderson") is not entity_of(res, "p", "person:henderson")
