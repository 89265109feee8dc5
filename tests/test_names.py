"""Name keys: spelling variants of one name share a key; different names do not."""

from __future__ import annotations

import pytest

from newsgraph.entities.names import (
    acronyms,
    fold,
    looks_like_acronym,
    name_key,
    name_tokens,
    org_key,
    person_variant,
    stable_id,
    strip_honorific,
    surname,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("Yoon Suk-yeol", "Yoon Sukyeol"),
        ("Ms Baerbock", "Baerbock"),
        ("the Kremlin", "Kremlin"),
        ("Lavrov's", "Lavrov"),
    ],
)
def test_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Kim Jong-un", "Kim Yo-jong"), ("Sergei Lavrov", "Sergei Shoigu")])
def test_different_names_differ(a, b):
    assert name_key(a) != name_key(b)


def test_fold_handles_turkish_dotless_i():
    assert fold("Kılıçdaroğlu") == "kilicdaroglu"


def test_strip_honorific_and_stable_id():
    assert strip_honorific("Mr. Lavrov") == "Lavrov"
    assert strip_honorific("Ms Annalena Baerbock") == "Annalena Baerbock"
    assert stable_id("ent", "person:x") == stable_id("ent", "person:x") != stable_id("ent", "person:y")


@pytest.mark.parametrize(
    ("short", "long_"),
    [
        ("Mark Felt", "W. Mark Felt"),  # a middle-name form
        ("Fred LaRue", "Frederick Cheney LaRue"),  # a short given name
        ("Lo Presti", "Gaetano Lo Presti"),  # a two-word surname
        ("Warren S. Jeffs", "Warren Steed Jeffs"),  # an initial
        ("J. Smith", "John Smith"),
        ("Tayyip Erdogan", "Recep Tayyip Erdogan"),
        ("Martin Luther King", "Martin Luther King Jr."),
    ],
)
def test_person_variants(short, long_):
    assert person_variant(name_tokens(short), name_tokens(long_))


@pytest.mark.parametrize(
    ("short", "long_"),
    [
        ("Laci Peterson", "Scott Peterson"),  # same surname, another person
        ("Mark Felt Jr.", "W. Mark Felt"),  # the son is not the father
        ("Kim Jong-un", "Kim Jong-il"),
        ("Al Smith", "Alan Smith"),  # a two-letter short form is not trusted
    ],
)
def test_not_person_variants(short, long_):
    assert not person_variant(name_tokens(short), name_tokens(long_))


def test_quoted_nicknames_and_generational_suffixes():
    assert name_key('Vincent "The Chin" Gigante') == name_key("Vincent Gigante")
    assert name_key("Vincent `` The Chin '' Gigante") == name_key("Vincent Gigante")
    assert name_tokens("O'Brien") == ["o", "brien"]  # an apostrophe inside a name is not a quote
    assert surname(name_tokens("Arcade Joseph Comeaux Jr.")) == "comeaux"


@pytest.mark.parametrize(
    ("name", "acro"),
    [
        ("General Motors", "gm"),
        ("Hewlett-Packard", "hp"),
        ("U.S. Geological Survey", "usgs"),
        ("Bank of America Corp.", "boa"),
        ("the Government Accountability Office", "gao"),
        ("European Aeronautic Defence & Space", "eads"),
    ],
)
def test_acronyms(name, acro):
    assert acro in acronyms(name)


def test_organisation_keys_drop_legal_form_and_spell_the_country_as_a_code():
    assert org_key("Intel Corp.") == org_key("Intel") == "intel"
    assert org_key("Aer Lingus Group PLC") == org_key("Aer Lingus")
    assert org_key("U.S. Air Force") == org_key("United States Air Force") == org_key("US Air Force")
    assert org_key("Apple Corps") != org_key("Apple")
    assert acronyms("Intel Corp.") == set()
    assert looks_like_acronym("GM") and looks_like_acronym("BoA") and not looks_like_acronym("Apple")
