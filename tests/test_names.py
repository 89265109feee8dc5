"""Name keys: spelling variants of one name share a key; different names do not."""

from __future__ import annotations

import pytest

from newsgraph.entities.names import fold, name_key, stable_id, strip_honorific


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
