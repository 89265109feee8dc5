"""Bundled actor knowledge and the gazetteer: metonyms, demonyms, titles, ambiguous places."""

from __future__ import annotations

import pytest

from newsgraph.nlp import actors
from newsgraph.nlp.places import gazetteer, resolve_name


@pytest.mark.parametrize(
    ("name", "iso3", "kind"),
    [
        ("Ankara", "TUR", "capital"), ("Washington", "USA", "capital"), ("Kyiv", "UKR", "capital"),
        ("Kiev", "UKR", "capital"), ("the Kremlin", "RUS", "institution"), ("White House", "USA", "institution"),
        ("Élysée", "FRA", "institution"), ("Elysee", "FRA", "institution"), ("Türkiye", "TUR", "country"),
        ("the US", "USA", "country"), ("South Korea", "KOR", "country"), ("EU", "EU", "igo"),
        ("CSTO", "CSTO", "igo"), ("South Korean", "KOR", "demonym"), ("Azerbaijani", "AZE", "demonym"),
    ],
)
def test_lookup_actor(name, iso3, kind):
    info = actors.lookup_actor(name)
    assert info is not None and (info.country, info.kind) == (iso3, kind)


def test_pentagon_is_military():
    info = actors.lookup_actor("the Pentagon")
    assert info is not None and info.sector == "MIL"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("German Foreign Minister", ("DEU", "GOV", "Foreign Minister")),
        ("Armenia's defence ministry", ("ARM", "MIL", "defence ministry")),
        ("Azerbaijani forces", ("AZE", "MIL", "forces")),
        ("Georgian police", ("GEO", "COP", "police")),
        ("protesters", (None, "CVL", "protesters")),
        ("US Secretary of State", ("USA", "GOV", "Secretary of State")),
    ],
)
def test_parse_title(title, expected):
    assert actors.parse_title(title) == expected


def test_unknown_names_are_not_actors():
    assert actors.lookup_actor("Erdoğan") is None
    assert actors.lookup_actor("") is None


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_population_prior_and_qualifier(gaz):
    assert resolve_name("Paris").country == "FRA"
    texas = resolve_name("Paris", qualifier="Texas")
    assert texas.country == "USA" and abs(texas.lat - 33.66) < 0.1


def test_small_town_by_its_own_name_not_an_alternate_spelling(gaz):
    # Jermuk (pop. ~4 000, Armenia); Çermik in Turkey lists "Jermuk" as an alternate name.
    p = resolve_name("Jermuk")
    assert p.country == "ARM" and p.name == "Jermuk"


def test_context_country_decides_between_namesakes(gaz):
    # Without context the bigger place wins; with Georgia in the article, the Georgian one does.
    assert resolve_name("Batumi").country == "GEO"
    tiflis = resolve_name("Tbilisi", context_countries={"GEO": 1.0})
    assert tiflis.country == "GEO"


def test_countries_and_unknowns(gaz):
    assert resolve_name("Georgia").feature == "country"
    assert resolve_name("Qwxzzy") is None


@pytest.mark.parametrize("name", ["actors.yaml", "places.yaml", "patterns.yaml"])
def test_data_files_have_no_duplicate_keys(name):
    """YAML lets a repeated key silently replace the first (a second ``RUS:`` made Russia the Soviet Union)."""
    from importlib import resources

    import yaml

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
        dup = {k for k in keys if keys.count(k) > 1}
        assert not dup, f"{name}: duplicate keys {sorted(map(str, dup))} at line {node.start_mark.line + 1}"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load(resources.files("newsgraph").joinpath(f"data/{name}").read_text(encoding="utf-8"), Loader=Strict)


def test_common_and_former_country_names():
    assert actors.country_name("RUS") == "Russia" and actors.country_by_name("Soviet Union") == "RUS"
    assert actors.country_by_name("Bosnia") == "BIH" and actors.country_name("LKA") == "Sri Lanka"
