"""Time normalisation against the publication date: weekdays by tense, relative periods, years."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.nlp.timex import TimeExpr, find_time_expressions, resolve

TUE = date(2023, 3, 14)  # a Tuesday
WED = date(2023, 3, 15)


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value", "precision"),
    [
        ("Thursday", TUE, "future", "2023-03-16", "day"),
        ("Thursday", WED, "future", "2023-03-16", "day"),
        ("Friday", date(2017, 6, 2), "past", "2017-06-02", "day"),  # same weekday, past: the DCT itself
        ("Monday", TUE, "past", "2023-03-13", "day"),
        ("Thursday", TUE, "past", "2023-03-09", "day"),
        ("Tuesday evening", WED, "past", "2023-03-14TEV", "day"),
        ("last Thursday", date(2023, 3, 16), "present", "2023-03-09", "day"),
        ("next Monday", TUE, "present", "2023-03-20", "day"),
        ("the early hours of Tuesday", date(2022, 9, 14), "past", "2022-09-13TNI", "day"),
        ("last week", TUE, "past", "2023-W10", "week"),
        ("next week", date(2023, 3, 9), "future", "2023-W11", "week"),
        ("last month", TUE, "past", "2023-02", "month"),
        ("next month", date(2017, 6, 2), "future", "2017-07", "month"),
        ("last July", TUE, "past", "2022-07", "month"),
        ("July", TUE, "future", "2023-07", "month"),
        ("May last year", date(2023, 3, 6), "past", "2022-05", "month"),
        ("16 March", date(2023, 3, 9), "future", "2023-03-16", "day"),
        ("March 16", date(2023, 3, 9), "future", "2023-03-16", "day"),
        ("December 28", date(2024, 1, 3), "past", "2023-12-28", "day"),  # crosses the year boundary
        ("January 5", date(2023, 12, 20), "future", "2024-01-05", "day"),
        ("14 May 2023", TUE, "future", "2023-05-14", "day"),
        ("last year", TUE, "past", "2022", "year"),
        ("2020", TUE, "past", "2020", "year"),
        ("this summer", date(2017, 6, 2), "future", "2017-SU", "season"),
        ("two days ago", TUE, "past", "2023-03-12", "day"),
        ("yesterday", TUE, "past", "2023-03-13", "day"),
        ("the end of August", date(2022, 9, 14), "past", "2022-08", "month"),
    ],
)
def test_resolve(text, dct, tense, value, precision):
    assert resolve(text, dct, tense)[:2] == (value, precision)


def test_durations_are_not_dates():
    assert resolve("two days", TUE, "past") == ("P2D", None, "duration")
    assert resolve("12 years", TUE, "past")[2] == "duration"


def test_unanchored_relative_expressions_stay_unresolved():
    assert resolve("Thursday", None)[0] is None
    assert resolve("16 March 2023", None)[:2] == ("2023-03-16", "day")


def test_calendar_maps_to_contract_precisions():
    t = TimeExpr(0, 7, "Tuesday evening", "2023-03-14TEV", "day", "date")
    assert t.calendar == ("2023-03-14", "day")
    assert TimeExpr(0, 4, "this summer", "2017-SU", "season", "date").calendar == ("2017", "year")
    assert TimeExpr(0, 4, "two days", "P2D", None, "duration").calendar is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "dct", "expr", "value"),
    [
        ("German Foreign Minister Annalena Baerbock will visit Ankara on Thursday.", TUE, "Thursday", "2023-03-16"),
        ("Baerbock to visit Ankara on Thursday for talks", TUE, "Thursday", "2023-03-16"),
        ("Ms Baerbock is due to meet Mr Cavusoglu on Thursday.", WED, "Thursday", "2023-03-16"),
        ("The Kremlin said on Friday that it would respond.", date(2017, 6, 2), "Friday", "2017-06-02"),
        ("Mr Cavusoglu said on Monday that talks had stalled.", TUE, "Monday", "2023-03-13"),
        ("Protesters rallied on Saturday outside parliament.", TUE, "Saturday", "2023-03-11"),
    ],
)
def test_weekday_direction_follows_tense(nlp, sentence, dct, expr, value):
    times = find_time_expressions(nlp(sentence), dct)
    got = {t.text: t.value for t in times}
    assert got.get(expr) == value, got


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("now", "PRESENT_REF", "date"),
        ("at the time", "PAST_REF", "date"),
        ("a month earlier", "P1M", "duration"),
        ("two days later", "P2D", "duration"),
        ("just over a week", "P1W", "duration"),
        ("a mere 24 hours", "PT24H", "duration"),
        ("between 12 and 18 months", "P12M", "duration"),
        ("recent weeks", "PXW", "duration"),
        ("next decade", "P10Y", "duration"),
        ("every morning", "XXXX-XX-XXTMO", "set"),
        ("each week", "XXXX-WXX", "set"),
        ("2009-2010", "2009", "date"),
        ("1957-58", "1957", "date"),
        ("the 20th century", "19", "date"),
        ("early this year", "2023", "date"),
        ("this fiscal year", "2023", "date"),
        ("the year-ago quarter", "2022", "date"),
        ("year ended March 31", "P1Y", "duration"),
    ],
)
def test_timeml_conventions(text, value, kind) -> None:
    from newsgraph.nlp.timex import resolve

    got, _, got_kind = resolve(text, TUE, "past")
    assert (got, got_kind) == (value, kind)
