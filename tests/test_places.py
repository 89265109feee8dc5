"""Toponym resolution on small hand-written reports: context, qualifiers, areas, demonyms, outlet memory."""

from __future__ import annotations

import pytest

from newsgraph.model import Place
from newsgraph.nlp.gazetteer import gazetteer
from newsgraph.nlp.outlet_areas import MIN_ARTICLES, OutletAreas, area_keys
from newsgraph.nlp.places import most_populous, resolve_name, resolve_spans, resolve_toponyms
from newsgraph.store import open_store


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for n in names:
        i = text.index(n)
        out.append((i, i + len(n)))
    return out


# ---- without a parse: names and qualifiers -------------------------------------------


def test_states_counties_and_abbreviations_are_in_the_gazetteer():
    gaz = gazetteer()
    assert any(p.feature == "admin1" and p.country == "USA" for p in gaz.candidates("Ohio"))
    assert any(p.feature == "admin2" for p in gaz.candidates("Rapides Parish"))
    assert any(p.feature == "admin1" and p.country == "IND" for p in gaz.candidates("Tamil Nadu"))


@pytest.mark.parametrize(
    ("name", "qualifier", "admin1"),
    [
        ("Paris", "Texas", "USA.texas"),
        ("Paris", "Ky.", "USA.kentucky"),
        ("Lexington", "KY", "USA.kentucky"),
        ("Kingston", "Ontario", "CAN.ontario"),
        ("Athens", "Ga.", "USA.georgia"),
    ],
)
def test_qualifiers_pick_the_namesake_in_that_state(name, qualifier, admin1):
    p = resolve_name(name, qualifier=qualifier)
    assert p is not None and p.admin1 == admin1 and p.feature == "city"


def test_without_context_the_bigger_place_wins_and_the_baseline_agrees():
    assert resolve_name("Paris").country == "FRA"
    assert most_populous("Paris").country == "FRA"


def test_la_is_not_louisiana():
    # Abbreviations match as printed: "La." is Louisiana, "L.A." is not.
    assert resolve_name("La.").admin1 == "USA.louisiana"
    la = resolve_name("L.A.")
    assert la is None or la.admin1 != "USA.louisiana"


def test_a_demonym_is_its_country_not_a_town_of_that_name():
    # Canadian, Texas exists; "Canadian" in a report means Canada.
    p = resolve_name("Canadian")
    assert p is not None and (p.country, p.feature) == ("CAN", "country")
    assert resolve_name("Kurdish").feature == "region"
    assert resolve_name("Ohioans").admin1 == "USA.ohio"


def test_institution_as_place_is_its_capital():
    p = resolve_name("White House")
    assert p is not None and p.country == "USA" and abs(p.lat - 38.9) < 0.3


def test_a_big_city_beats_its_own_state():
    p = resolve_name("New York")
    assert p is not None and p.feature == "city"


def test_country_outweighs_a_namesake_town():
    assert resolve_name("China", context_countries={"USA": 1.0}).feature == "country"


def test_regions_resolve():
    p = resolve_name("South Ossetia")
    assert p is not None and p.country == "GEO"


# ---- with a parse: the article as context ------------------------------------------------



@pytest.mark.slow
def test_county_in_the_article_decides_the_town(nlp):
    text = "An Alexandria woman was arrested on Friday. The Rapides Parish sheriff's office investigated the fire."
    doc = nlp(text)
    alex, parish = resolve_spans(doc, _spans(text, "Alexandria", "Rapides Parish"))
    assert parish.admin1 == "USA.louisiana"
    assert alex.admin1 == "USA.louisiana" and alex.feature == "city"


@pytest.mark.slow
def test_nearby_towns_decide_between_namesakes(nlp):
    text = "Crews from Lamar County, Clarksville and Honey Grove were sent to Paris after the storm."
    doc = nlp(text)
    (paris,) = resolve_spans(doc, _spans(text, "Paris"))
    assert paris.admin1 == "USA.texas"


@pytest.mark.slow
def test_georgia_the_state_in_a_us_report_the_country_in_a_caucasus_report(nlp):
    us = "Atlanta and Savannah lead the recovery, Georgia officials said, as Florida and Alabama wait for aid."
    (g1,) = resolve_spans(nlp(us), _spans(us, "Georgia"))
    assert g1.feature == "admin1" and g1.country == "USA"
    caucasus = "Protesters gathered in Tbilisi and Batumi as Georgia's parliament debated the law with Russia watching."
    (g2,) = resolve_spans(nlp(caucasus), _spans(caucasus, "Georgia"))
    assert g2.feature == "country" and g2.country == "GEO"


@pytest.mark.slow
def test_demonyms_are_toponyms_with_their_role(nlp):
    doc = nlp("The Turkish foreign minister arrived in Ankara on Monday.")
    tops = resolve_toponyms(doc)
    roles = {t.text: t.role for t in tops}
    assert roles.get("Turkish") == "demonym" and roles.get("Ankara") == "place"
    assert all(t.place.country == "TUR" for t in tops)


@pytest.mark.slow
def test_the_qualifier_is_a_toponym_too(nlp):
    doc = nlp("The fair opened in Paris, Texas, on Saturday.")
    tops = {t.text: t for t in resolve_toponyms(doc)}
    assert tops["Paris"].place.admin1 == "USA.texas"
    assert "Texas" in tops and tops["Texas"].place.feature == "admin1"


# ---- the outlet memory --------------------------------------------------------------------


def _place(admin1: str, country: str = "USA", feature: str = "city") -> Place:
    return Place("x", 0.0, 0.0, country, feature, admin1=admin1)


def test_outlet_areas_need_a_few_articles_then_give_shares():
    areas = OutletAreas()
    for _ in range(MIN_ARTICLES - 1):
        areas.observe("local.example", [_place("USA.ohio")])
    assert areas.home("local.example") == {}
    areas.observe("local.example", [_place("USA.kentucky")])
    home = areas.home("local.example")
    assert home["USA"] == 1.0 and home["USA.ohio"] == pytest.approx((MIN_ARTICLES - 1) / MIN_ARTICLES)
    assert areas.home(None) == {} and areas.home("other.example") == {}


def test_countries_named_in_passing_do_not_count():
    assert area_keys([Place("Ireland", 53.0, -8.0, "IRL", "country")]) == set()


def test_outlet_areas_round_trip_through_the_store():
    store = open_store(":memory:")
    areas = OutletAreas(loader=store.outlet_areas)
    for _ in range(4):
        areas.observe("dispatch.example", [_place("USA.ohio")])
    store.add_outlet_areas(areas.take_pending())
    assert areas.take_pending() == []
    again = OutletAreas(loader=store.outlet_areas)
    assert again.home("dispatch.example") == {"USA": 1.0, "USA.ohio": 1.0}
    store.add_outlet_areas([("dispatch.example", 4, {"USA.kentucky": 4})])
    assert OutletAreas(loader=store.outlet_areas).home("dispatch.example")["USA.ohio"] == 0.5
    store.close()


@pytest.mark.slow
def test_outlet_memory_learns_only_from_unambiguous_names(nlp):
    # A Dublin, Ohio paper: "Dublin" alone is ambiguous and never taught to the memory;
    # the state and towns found only in Ohio are, and then decide a bare "Dublin".
    areas = OutletAreas()
    for text in ("Zanesville and Chillicothe schools reopen in Ohio.", "Ohio lawmakers met in Chillicothe.",
                 "Dublin council meets on Tuesday.", "Zanesville road works begin, Ohio officials said."):
        doc = nlp(text)
        areas.observe("dublinnews.example", [t.place for t in resolve_toponyms(doc) if t.sure])
    home = areas.home("dublinnews.example")
    assert "IRL.leinster" not in home and home.get("USA.ohio", 0) >= 0.75
    text = "Dublin council approved the budget for the new library."
    (dublin,) = resolve_spans(nlp(text), _spans(text, "Dublin"), home=home)
    assert dublin.admin1 == "USA.ohio"
    (alone,) = resolve_spans(nlp(text), _spans(text, "Dublin"))
    assert alone.country == "IRL"
