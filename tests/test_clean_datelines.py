"""Timestamps and place datelines (clean.datelines)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsgraph.clean.datelines import (
    TZ_OFFSETS,
    find_timestamp,
    parse_place_dateline,
    parse_timestamp,
    parse_timestamp_labelled,
)


def tz(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tuesday 14 March 2023 17:05 GMT", datetime(2023, 3, 14, 17, 5, tzinfo=tz(0))),
        ("Fri 2 Jun 2017 09.41 BST", datetime(2017, 6, 2, 9, 41, tzinfo=tz(60))),
        ("Last modified on Tue 14 Mar 2023 17.05 GMT", datetime(2023, 3, 14, 17, 5, tzinfo=tz(0))),
        ("March 9, 2023 8:30 a.m. EST", datetime(2023, 3, 9, 8, 30, tzinfo=tz(-300))),
        ("Updated March 9, 2023, 8:30 a.m. EST", datetime(2023, 3, 9, 8, 30, tzinfo=tz(-300))),
        ("Updated 8:30 AM EDT, June 9, 2023", datetime(2023, 6, 9, 8, 30, tzinfo=tz(-240))),
        ("Published: 14/03/2023 10:12", datetime(2023, 3, 14, 10, 12)),
        ("2023-03-09 10:12 KST", datetime(2023, 3, 9, 10, 12, tzinfo=tz(540))),
        ("2023-03-14T17:05:00+01:00", datetime(2023, 3, 14, 17, 5, tzinfo=tz(60))),
        ("2023-03-14T17:05:00Z", datetime(2023, 3, 14, 17, 5, tzinfo=tz(0))),
        ("14 March 2023", datetime(2023, 3, 14)),
        ("Sept. 5, 2023", datetime(2023, 9, 5)),
        ("Thursday, March 9, 2023 at 10:12 pm", datetime(2023, 3, 9, 22, 12)),
        ("17:05 GMT, 14 March 2023", datetime(2023, 3, 14, 17, 5, tzinfo=tz(0))),
        ("Mar 9, 2023 10:12 (GMT+9)", datetime(2023, 3, 9, 10, 12, tzinfo=tz(540))),
        ("Published 14 March 2023, 10:00 UTC+3", datetime(2023, 3, 14, 10, 0, tzinfo=tz(180))),
        ("March 9, 2023 · 5 min read", datetime(2023, 3, 9)),
        ("2023.03.09 10:12", datetime(2023, 3, 9, 10, 12)),
        ("9 March 2023 14:00 IST", datetime(2023, 3, 9, 14, 0, tzinfo=tz(330))),
    ],
)
def test_timestamp_lines(line: str, expected: datetime) -> None:
    got = parse_timestamp(line)
    assert got == expected
    assert (got.utcoffset() if got else None) == expected.utcoffset()


def test_us_region_zone_follows_daylight_saving() -> None:
    winter = parse_timestamp("March 9, 2023, 8:30 a.m. ET")
    summer = parse_timestamp("July 9, 2023, 8:30 a.m. ET")
    assert winter is not None and summer is not None
    assert winter.utcoffset() == timedelta(hours=-5)
    assert summer.utcoffset() == timedelta(hours=-4)


def test_first_of_several_timestamps_and_its_label() -> None:
    got = parse_timestamp_labelled("Published : Mar. 9, 2023 - 15:12 Updated : Mar. 9, 2023 - 18:04")
    assert got == (datetime(2023, 3, 9, 15, 12), "published")
    assert parse_timestamp_labelled("Last modified on Fri 2 Jun 2017 14.20 BST")[1] == "last modified"  # type: ignore[index]


@pytest.mark.parametrize(
    "line",
    [
        "The talks were held on 14 March 2023 in Ankara.",
        "on 14 March 2023",
        "14 March 2023 Ankara",
        "Officials met at 10:30 GMT on Tuesday, 14 March 2023, to sign the accord.",
        "The 1066 battle",
        "Germany",
        "",
    ],
)
def test_dates_inside_sentences_are_not_timestamps(line: str) -> None:
    assert parse_timestamp(line) is None


def test_timezone_table_documents_its_choices() -> None:
    assert TZ_OFFSETS["KST"] == 540
    assert TZ_OFFSETS["CEST"] == 120
    assert TZ_OFFSETS["IST"] == 330  # India, not Ireland (see the table's comment)
    assert TZ_OFFSETS["CST"] == -360  # US Central, not China
    assert "AST" not in TZ_OFFSETS  # Arabia vs Atlantic: too ambiguous to guess


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("ANKARA, March 14 (Global Wire) - German Foreign Minister arrives.", "Ankara", "German Foreign"),
        ("SEOUL — South Korea's president will travel.", "Seoul", "South Korea"),
        ("TBILISI, Georgia (AP) — Police fired water cannon.", "Tbilisi", "Police fired"),
        ("Seoul, March 9 (Yonhap) -- South Korea said.", "Seoul", "South Korea"),
        ("NEW YORK (Reuters) - Stocks fell.", "New York", "Stocks fell"),
        ("ST. PETERSBURG, Russia — The forum opened.", "St. Petersburg", "The forum"),
    ],
)
def test_place_datelines(paragraph: str, place: str, rest: str) -> None:
    got, offset = parse_place_dateline(paragraph)
    assert got == place
    assert paragraph[offset:].startswith(rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "German foreign minister Annalena Baerbock will visit Ankara.",
        "Kim — who leads the party — said no.",
        "UPDATE - Adds quotes from the ministry.",
        "The ANKARA talks ended.",
    ],
)
def test_no_dateline(paragraph: str) -> None:
    assert parse_place_dateline(paragraph) == (None, 0)


def test_timestamp_followed_by_a_short_tag() -> None:
    assert parse_timestamp("2023-03-09 10:12 | Korea") == datetime(2023, 3, 9, 10, 12)
    assert parse_timestamp("14 March 2023 · World news") == datetime(2023, 3, 14)
    assert parse_timestamp("14 March 2023 | Ankara talks end in deadlock after hours") is None


@pytest.mark.parametrize(
    ("line", "expected", "label"),
    [
        ("By Jo Lee | November 18, 2019 -- 19:14 GMT | Topic: Tech", datetime(2019, 11, 18, 19, 14, tzinfo=UTC), None),
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", datetime(2019, 11, 20, 4, 31, tzinfo=UTC), None),
        ("By Umair Irfan Updated Nov 13, 2019, 10:28am EST", datetime(2019, 11, 13, 15, 28, tzinfo=UTC), "updated"),
        ("By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy", datetime(2019, 11, 18, 20, 51, 19, tzinfo=UTC), None),
    ],
)
def test_find_timestamp_inside_mixed_header_lines(line, expected, label) -> None:
    got = find_timestamp(line)
    assert got is not None
    assert got[0] == expected and got[1] == label


@pytest.mark.parametrize("line", ["Archives Select Month October 2019 September 2019", "The 3 best phones of 2019", ""])
def test_find_timestamp_needs_a_whole_date(line) -> None:
    assert find_timestamp(line) is None
