"""Event extraction on small hand-written sentences: type, actors, date, aux mode, place."""

from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError
from newsgraph.model import Article
from newsgraph.pipeline import Pipeline, PipelineConfig

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(PipelineConfig())


def events_of(pipe, text: str, published: str, patterns: tuple[str, ...] = ()) -> list[dict]:
    if patterns:
        pipe = Pipeline(PipelineConfig(patterns=patterns))
    (item,) = pipe.annotate([Article(id="t", source_path="t", text=text, published=published)])
    assert item.failure is None, item.failure
    return item.ann["events"]


def one(evs: list[dict], etype: str) -> dict:
    found = [e for e in evs if e["type"] == etype]
    assert len(found) == 1, f"expected one {etype}, got {[(e['type'], e['trigger']) for e in evs]}"
    return found[0]


def names(refs):
    return [r["name"] for r in refs]


def countries(refs):
    return [r["country"] for r in refs]


def test_planned_visit(pipe):
    ev = one(events_of(pipe, "German Foreign Minister Annalena Baerbock will visit Ankara on Thursday.",
                       "2023-03-14T17:05:00+00:00"), "CONSULT")
    assert ev["mode"] == "visit" and ev["cameo"] == "042"
    assert names(ev["actor"]) == ["Annalena Baerbock"] and countries(ev["actor"]) == ["DEU"]
    assert ev["actor"][0]["sector"] == "GOV"
    assert countries(ev["recipient"]) == ["TUR"]
    assert ev["date"] == "2023-03-16" and ev["date_precision"] == "day" and ev["aux_mode"] == "future"
    assert ev["location"]["name"] == "Ankara" and ev["location"]["country"] == "TUR"
    assert ev["pattern"] == "consult-visit"
    assert ev["plover_type"] == "AGREE"  # PLOVER's single category for a planned visit
    assert ev["quad_class"] == 1 and ev["goldstein"] == 1.9  # GDELT-compatible, from CAMEO 042


def test_capital_metonyms_accuse(pipe):
    ev = one(events_of(pipe, "Baku accused Yerevan of provocations on Tuesday.", "2022-09-14T10:00:00+04:00"), "ACCUSE")
    assert countries(ev["actor"]) == ["AZE"] and countries(ev["recipient"]) == ["ARM"]
    assert ev["date"] == "2022-09-13" and ev["aux_mode"] is None
    assert ev["quad_class"] == 3 and ev["goldstein"] is not None and ev["goldstein"] < 0


def test_sanctions_on_generic_recipient(pipe):
    ev = one(events_of(pipe, "The European Union imposed sanctions on Thursday on 12 Russian officials.",
                       "2017-06-02T09:41:00+01:00"), "SANCTION")
    assert names(ev["actor"]) == ["European Union"] and ev["actor"][0]["sector"] == "IGO"
    assert countries(ev["recipient"]) == ["RUS"] and ev["recipient"][0]["sector"] == "GOV"
    assert ev["date"] == "2017-06-01"


def test_shelling_with_demonym_actors(pipe):
    ev = one(events_of(pipe, "Azerbaijani forces shelled Armenian positions on Tuesday.", "2022-09-14T08:00:00+04:00"),
             "ASSAULT")
    assert countries(ev["actor"]) == ["AZE"] and ev["actor"][0]["sector"] == "MIL"
    assert countries(ev["recipient"]) == ["ARM"]
    assert ev["date"] == "2022-09-13" and ev["mode"] == "heavy-weapons"


def test_protest_takes_country_of_place(pipe):
    ev = one(events_of(pipe, "Thousands of protesters rallied outside parliament in Tbilisi on Tuesday.",
                       "2023-03-08T09:00:00+04:00"), "PROTEST")
    assert ev["actor"][0]["sector"] == "CVL" and countries(ev["actor"]) == ["GEO"]
    assert ev["location"]["name"] == "Tbilisi" and ev["date"] == "2023-03-07"


def test_institution_metonym_threatens(pipe):
    ev = one(events_of(pipe, "The Kremlin warned the European Union that it would retaliate.", "2017-06-02T09:41:00+01:00"),
             "THREATEN")
    assert names(ev["actor"]) == ["Kremlin"] and countries(ev["actor"]) == ["RUS"]


def test_phone_call(pipe):
    ev = one(events_of(pipe, "Armenian Prime Minister Nikol Pashinyan spoke by phone with Russian President Vladimir Putin.",
                       "2022-09-14T08:00:00+04:00"), "CONSULT")
    assert ev["mode"] == "phone" and names(ev["actor"]) == ["Nikol Pashinyan"]
    assert names(ev["recipient"]) == ["Vladimir Putin"] and countries(ev["recipient"]) == ["RUS"]


def test_refusal_is_reject_and_negation_is_marked(pipe):
    evs = events_of(pipe, "Russian President Vladimir Putin refused to meet Ukrainian President Volodymyr Zelensky.",
                    "2023-03-14T10:00:00+00:00")
    ev = one(evs, "REJECT")
    assert ev["mode"] == "meet" and names(ev["actor"]) == ["Vladimir Putin"]
    ev = one(events_of(pipe, "German Chancellor Olaf Scholz did not visit Beijing.", "2023-03-14T10:00:00+00:00"), "CONSULT")
    assert ev["aux_mode"] == "negation"


def test_reciprocal_meeting_lists_both(pipe):
    ev = one(events_of(pipe, "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk-yeol met in Tokyo on Thursday.",
                       "2023-03-17T10:00:00+09:00"), "CONSULT")
    assert sorted(names(ev["actor"])) == ["Fumio Kishida", "Yoon Suk-yeol"]
    assert sorted(countries(ev["actor"])) == ["JPN", "KOR"] and ev["date"] == "2023-03-16"


def test_hypothetical(pipe):
    ev = one(events_of(pipe, "Turkey might attack the Kurdish militants.", "2023-03-14T10:00:00+00:00"), "ASSAULT")
    assert ev["aux_mode"] == "hypothetical"


def test_user_pattern_file_extends_dictionary(pipe, tmp_path):
    f = tmp_path / "extra.yaml"
    f.write_text("- {id: my-snub, type: REJECT, verbs: [snub], recipient: [dobj]}\n")
    ev = one(events_of(pipe, "Ankara snubbed Athens on Monday.", "2023-03-14T10:00:00+00:00", (str(f),)), "REJECT")
    assert ev["pattern"] == "my-snub" and countries(ev["actor"]) == ["TUR"] and countries(ev["recipient"]) == ["GRC"]
    assert ev["date"] == "2023-03-13"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [("- {id: x, type: NOPE, verbs: [a]}", "not a PLOVER type"), ("- {id: x, type: AGREE}", "needs 'verbs'"),
     ("- {id: x, type: AGREE, verbs: [a], colour: red}", "unknown fields"), ("{not: [a list", "not valid YAML")],
)
def test_bad_pattern_files_are_clear_errors(tmp_path, yaml_text, message):
    from newsgraph.events.patterns import load_patterns

    f = tmp_path / "bad.yaml"
    f.write_text(yaml_text)
    with pytest.raises(ConfigError, match=message):
        load_patterns((str(f),))


def test_no_events_without_participants(pipe):
    assert events_of(pipe, "It was attacked.", "2023-03-14T10:00:00+00:00") == []


def test_unquoted_on_in_a_pattern_file_is_refused(tmp_path):
    """YAML reads a bare ``on`` as true; a pattern with it would silently never match."""
    from newsgraph.events.patterns import load_patterns

    f = tmp_path / "bad.yaml"
    f.write_text("- {id: my-rely, type: REQUEST, verbs: [rely], particle: [on]}\n")
    with pytest.raises(ConfigError, match="quote"):
        load_patterns((str(f),))
