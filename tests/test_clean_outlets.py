"""Outlet names from URLs and bylines (clean.outlets, clean.bylines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.clean.bylines import parse_byline, tidy_authors
from newsgraph.clean.outlets import load_outlet_map, outlet_from_url
from newsgraph.errors import ConfigError


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.bbc.co.uk/news/world-europe-1", "BBC News"),
        ("https://www.theguardian.com/world/2023/mar/14/x", "The Guardian"),
        ("https://apnews.com/article/x", "Associated Press"),
        ("https://edition.cnn.com/2023/03/14/x", "CNN"),
        ("https://www.themeridian.co.uk/world/x", "The Meridian"),
        ("globalwire.com/world/europe/x", "Global Wire"),
        ("https://harbourpost.com/a", "Harbour Post"),
        ("https://caucasusmonitor.ge/x", "Caucasus Monitor"),
        ("https://www.continentaltimes.de/x", "Continental Times"),
        ("https://www.bosphorusreview.com.tr/diplomacy/x", "Bosphorus Review"),
        ("https://www.seouldailyherald.kr/view.php?ud=1", "Seoul Daily Herald"),
        ("https://www.the-caspian-news.az/x", "The Caspian News"),
        ("https://xyzqwe.com/x", "Xyzqwe"),
    ],
)
def test_outlet_from_url(url: str, name: str) -> None:
    assert outlet_from_url(url) == name


def test_outlet_from_url_without_host() -> None:
    assert outlet_from_url(None) is None
    assert outlet_from_url("not a url") is None


def test_user_mapping_wins(tmp_path: Path) -> None:
    yaml_file = tmp_path / "outlets.yaml"
    yaml_file.write_text("www.themeridian.co.uk: Meridian (UK)\nbbc.co.uk: BBC\n", encoding="utf-8")
    mapping = load_outlet_map(yaml_file)
    assert mapping == {"themeridian.co.uk": "Meridian (UK)", "bbc.co.uk": "BBC"}
    assert outlet_from_url("https://themeridian.co.uk/x", mapping=mapping) == "Meridian (UK)"
    assert outlet_from_url("https://www.bbc.co.uk/news", mapping=mapping) == "BBC"
    json_file = tmp_path / "outlets.json"
    json_file.write_text(json.dumps({"globalwire.com": "GW"}), encoding="utf-8")
    assert outlet_from_url("https://www.globalwire.com/x", mapping=load_outlet_map(json_file)) == "GW"


def test_bad_outlet_map_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "outlets.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="expected a mapping"):
        load_outlet_map(bad)
    with pytest.raises(ConfigError, match="cannot be read"):
        load_outlet_map(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Holloway", ["Jane Holloway"]),
        ("By Jane Holloway, Diplomatic Editor", ["Jane Holloway"]),
        ("By Jane Holloway and Mark Ellis", ["Jane Holloway", "Mark Ellis"]),
        ("By Jane Holloway in Ankara and Mark Ellis in Berlin", ["Jane Holloway", "Mark Ellis"]),
        ("By MARIA DELGADO and OMAR HADID", ["Maria Delgado", "Omar Hadid"]),
        ("By Kim Ji-hoon", ["Kim Ji-hoon"]),
        ("By Jane Holloway | Global Wire", ["Jane Holloway"]),
        ("By Jane Holloway, Mark Ellis and Sarah Kim", ["Jane Holloway", "Mark Ellis", "Sarah Kim"]),
        ("By Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("By June Kim", ["June Kim"]),
    ],
)
def test_bylines(line: str, names: list[str]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    ["By Tuesday, the talks had collapsed.", "By Reuters Staff", "Middle East", "World news", "By AP"],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None
    assert parse_byline(line, require_by=False) is None


def test_bare_name_bylines_need_position_from_the_caller() -> None:
    assert parse_byline("Jane Holloway in Berlin") is None
    assert parse_byline("Jane Holloway in Berlin", require_by=False) == ["Jane Holloway"]
    assert parse_byline("Jane Holloway and Mark Ellis", require_by=False) == ["Jane Holloway", "Mark Ellis"]


def test_tidy_authors_from_metadata() -> None:
    assert tidy_authors("Jane Holloway; Mark Ellis") == ["Jane Holloway", "Mark Ellis"]
    assert tidy_authors("By Jane Holloway and Mark Ellis") == ["Jane Holloway", "Mark Ellis"]
    assert tidy_authors(["jane@example.com", "Jane Holloway", "Staff"]) == ["Jane Holloway"]
    assert tidy_authors("Bosphorus Review with Agencies") == []
    assert tidy_authors(None) == []
