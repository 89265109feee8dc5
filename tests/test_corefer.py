"""In-document coreference on small hand-written texts: name variants, organisations' short
forms, and pronouns, "who" and descriptions linked to named entities."""

from __future__ import annotations

import pytest

from newsgraph.entities.corefer import link_references
from newsgraph.entities.mentions import (
    extract_mentions,
    link_late_full_names,
    link_organisations,
    repair_entities,
)

pytestmark = pytest.mark.slow


def annotate(nlp, text: str):
    doc = repair_entities(nlp(text))
    mentions, clusters = extract_mentions(doc)
    link_late_full_names(mentions, clusters)
    link_organisations(mentions, clusters, doc.text)
    return doc, mentions, clusters, link_references(doc, mentions, clusters)


def key_of(mentions, text: str) -> str:
    found = [m.key for m in mentions if m.text == text]
    assert found, [m.text for m in mentions]
    return found[0]


def link_at(links, text: str, nth: int = 0):
    found = [lk for lk in links if lk.text == text]
    assert len(found) > nth, [(lk.text, lk.kind) for lk in links]
    return found[nth]


def test_pronouns_relative_and_description_point_at_the_named_person(nlp):
    doc, mentions, clusters, links = annotate(
        nlp,
        "Tara Reid checked herself into a rehab centre in Malibu on Tuesday. "
        "Her representative, Jack Ketsoyan, said the family asked for privacy. "
        "Reid, who starred in American Pie, has not commented. The actress was seen leaving a party on Monday.",
    )
    reid = key_of(mentions, "Tara Reid")
    assert key_of(mentions, "Reid") == reid
    assert link_at(links, "herself").key == reid
    assert link_at(links, "Her").key == reid
    assert link_at(links, "who").kind == "relative" and link_at(links, "who").key == reid
    actress = link_at(links, "The actress")
    assert actress.kind == "nominal" and actress.key == reid  # not Ketsoyan, the nearer man


def test_a_pronoun_does_not_take_a_person_of_the_other_gender(nlp):
    doc, mentions, clusters, links = annotate(
        nlp, "Ms Angela Merkel met Mr Emmanuel Macron in Berlin. She said the talks had gone well."
    )
    assert link_at(links, "She").key == key_of(mentions, "Ms Angela Merkel")  # not Mr Macron, the nearer name


def test_organisation_short_forms_and_its(nlp):
    doc, mentions, clusters, links = annotate(
        nlp,
        "Northrop Grumman and EADS won a $40 billion contract from the United States Air Force. "
        "Northrop said it would build the tankers in Alabama. The Air Force said the company had offered a better plane.",
    )
    ng = key_of(mentions, "Northrop Grumman")
    assert key_of(mentions, "Northrop") == ng
    assert key_of(mentions, "The Air Force") == key_of(mentions, "the United States Air Force")
    assert link_at(links, "it").key == ng


def test_an_acronym_in_brackets_is_the_name_before_it(nlp):
    doc, mentions, clusters, links = annotate(
        nlp, "Singapore Airlines (SIA) ordered ten jets. SIA said it would fly them to Sydney."
    )
    assert {m.key for m in mentions if m.text in ("SIA", "Singapore Airlines")} == {key_of(mentions, "Singapore Airlines")}


def test_acronym_of_an_earlier_full_name(nlp):
    doc, mentions, clusters, links = annotate(
        nlp, "General Motors filed for bankruptcy on Monday. GM will close eleven plants, the company said."
    )
    assert key_of(mentions, "GM") == key_of(mentions, "General Motors")


def test_headline_case_and_line_breaks_do_not_make_names(nlp):
    doc, mentions, clusters, links = annotate(
        nlp,
        "Lindsay Lohan Checks Into Betty Ford Clinic\n"
        "Lindsay Lohan has checked into the Betty Ford Center, her lawyer said on Friday. "
        "Lohan was ordered by a judge to spend 90 days in rehab.",
    )
    people = {m.text for m in mentions if m.label == "PERSON"}
    assert not any("Checks" in p for p in people), people
    keys = {m.key for m in mentions if m.label == "PERSON" and "Lohan" in m.text}
    assert len(keys) == 1


def test_a_report_that_opens_on_an_unnamed_person_names_them_next(nlp):
    doc, mentions, clusters, links = annotate(
        nlp,
        "A 61-year-old man has been charged with first-degree murder after a shooting at an office. "
        "Police said Eric Kirkpatrick was arrested at the scene.",
    )
    man = link_at(links, "A 61-year-old man")
    assert man.kind == "cataphora" and man.key == key_of(mentions, "Eric Kirkpatrick")
