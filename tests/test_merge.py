"""Cross-article event merging on hand-built mentions (no parsing needed)."""

from __future__ import annotations

from newsgraph.stories.merge import MentionIn, merge_events


def ref(name: str, country: str | None, sector: str | None = "GOV", entity_id: str | None = None) -> dict:
    return {"entity_id": entity_id, "name": name, "country": country, "sector": sector}


def mention(article: str, source: str, typ: str, actor: list, recipient: list, date: str | None = "2022-09-13",
            aux: str | None = None, mode: str | None = None, start: int = 0) -> MentionIn:
    data = {"type": typ, "mode": mode, "cameo": "190", "context": [], "aux_mode": aux, "date": date,
            "date_precision": "day" if date else None, "date_source": "text" if date else None, "location": None,
            "confidence": 0.7, "sentence": "s", "start": start, "end": start + 1, "trigger": "t",
            "trigger_start": start, "pattern": "p"}
    return MentionIn(article, source, "story1", data, actor, recipient)


AZE_FORCES = ref("Azerbaijani forces", "AZE", "MIL")
ARM_POSITIONS = ref("Armenian positions", "ARM", "MIL")


def test_same_event_from_three_outlets_is_one_event_with_three_sources():
    evs = merge_events([
        mention("a1", "Caucasus Monitor", "ASSAULT", [AZE_FORCES], [ARM_POSITIONS]),
        mention("a2", "Harbour Post", "ASSAULT", [AZE_FORCES], [ARM_POSITIONS]),
        mention("a3", "Continental Times", "ASSAULT", [AZE_FORCES], [ARM_POSITIONS]),
    ])
    assert len(evs) == 1 and evs[0].num_sources == 3 and evs[0].num_articles == 3


def test_opposite_attacks_stay_apart():
    evs = merge_events([
        mention("a1", "X", "ASSAULT", [AZE_FORCES], [ARM_POSITIONS]),
        mention("a2", "Y", "ASSAULT", [ref("Armenian forces", "ARM", "MIL")], [ref("our positions", "AZE", "MIL")]),
    ])
    assert len(evs) == 2


def test_different_dates_stay_apart_and_planned_differs_from_actual():
    lavrov = ref("Sergei Lavrov", "RUS", entity_id="ent_lavrov")
    evs = merge_events([
        mention("a1", "X", "CONSULT", [lavrov], [], date="2023-03-02", mode="visit"),
        mention("a2", "Y", "CONSULT", [lavrov], [], date="2023-03-09", mode="visit"),
        mention("a3", "Z", "CONSULT", [lavrov], [], date=None, aux="future", mode="visit"),
    ])
    assert len(evs) == 3


def test_unnamed_actors_need_the_same_sector():
    baerbock = ref("Annalena Baerbock", "DEU", entity_id="ent_baerbock")
    cavusoglu = ref("Mevlüt Çavuşoğlu", "TUR", entity_id="ent_cavusoglu")
    evs = merge_events([
        mention("a1", "X", "CONSULT", [baerbock], [cavusoglu], aux="future", mode="visit"),
        mention("a2", "X", "CONSULT", [ref("Turkish citizens", "TUR", "CVL")], [], aux="future", mode="visit", start=50),
    ])
    assert len(evs) == 2


def test_wire_copy_counts_once():
    evs = merge_events([
        mention("a1", "Global Wire", "ASSAULT", [AZE_FORCES], [ARM_POSITIONS]),
        mention("a2", "Global Wire", "ASSAULT", [AZE_FORCES], [ARM_POSITIONS]),  # duplicate mapped to its original
    ])
    assert len(evs) == 1 and evs[0].num_sources == 1 and evs[0].num_articles == 2


def test_mutual_meeting_merges_in_either_order_but_a_visit_does_not():
    yoon = ref("Yoon Suk-yeol", "KOR", entity_id="ent_yoon")
    kishida = ref("Fumio Kishida", "JPN", entity_id="ent_kishida")
    met = merge_events([
        mention("a1", "X", "CONSULT", [yoon], [kishida], mode="meet"),
        mention("a2", "Y", "CONSULT", [kishida], [yoon], mode="meet"),
    ])
    assert len(met) == 1
    visits = merge_events([
        mention("a1", "X", "CONSULT", [yoon], [kishida], mode="visit"),
        mention("a2", "Y", "CONSULT", [kishida], [yoon], mode="visit"),
    ])
    assert len(visits) == 2


TBILISI = {"name": "Tbilisi", "lat": 41.69, "lon": 44.83, "country": "GEO", "feature": "city", "source": "text"}
BATUMI = {"name": "Batumi", "lat": 41.64, "lon": 41.64, "country": "GEO", "feature": "city", "source": "text"}
GEORGIA = {"name": "Georgia", "lat": 42.0, "lon": 43.5, "country": "GEO", "feature": "country", "source": "text"}


def _at(m: MentionIn, place: dict | None) -> MentionIn:
    m.data["location"] = place
    return m


def test_same_kind_of_event_in_two_cities_stays_apart_but_a_country_holds_its_city():
    protesters = ref("protesters", "GEO", "CVL")
    evs = merge_events([
        _at(mention("a1", "X", "PROTEST", [protesters], []), TBILISI),
        _at(mention("a2", "Y", "PROTEST", [protesters], []), BATUMI),  # 270 km away: another protest
        _at(mention("a3", "Z", "PROTEST", [protesters], []), GEORGIA),  # "in Georgia" fits either
        _at(mention("a4", "W", "PROTEST", [protesters], []), None),
    ])
    assert sorted(len(e.evidence) for e in evs) == [1, 3]
    assert {e.location.name for e in evs if e.location} == {"Tbilisi", "Batumi"}


def test_a_place_taken_from_the_dateline_does_not_split_events():
    protesters = ref("protesters", "GEO", "CVL")
    evs = merge_events([
        _at(mention("a1", "X", "PROTEST", [protesters], []), TBILISI),
        _at(mention("a2", "Y", "PROTEST", [protesters], []), {**BATUMI, "source": "dateline"}),
    ])
    assert len(evs) == 1
