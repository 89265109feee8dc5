"""Plain text saved from a browser (clean.plaintext): furniture out, body and metadata in.

Every page here is hand-written for the tests, in the manner of a UK
broadsheet (donation appeal, newsletter prompt, captions, comments), a US wire
page, a Korean English-language daily and a public broadcaster. None of it is
copied from examples/ or from a real site.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsgraph.clean.plaintext import clean_plain_text
from newsgraph.errors import NoContentError

LEDGER_PAGE = """\
Skip to main contentSkip to navigation
Print subscriptions
Sign in
Search jobs
Search
Europe edition
The Northern Ledger - Back to home
News
Opinion
Sport
Culture
World
Europe
US
Asia
Germany
This article is more than 1 year old
German foreign minister arrives in Vilnius for talks on energy security
Visit comes as Lithuania presses Berlin to speed up delivery of air-defence systems
Jane Holloway in Berlin and Tomas Varga in Vilnius
Tue 14 Mar 2023 17.05 GMT
Last modified on Tue 14 Mar 2023 17.40 GMT
Share on Facebook
Share on Twitter
Share via Email
The minister was greeted by officials at Vilnius airport on Tuesday morning. Photograph: Petras Malukas/AFP/Getty Images
Germany's foreign minister has arrived in Vilnius for two days of talks, promising that Berlin would stand by its Baltic allies as winter approaches.

Speaking at the airport, the minister said the visit was intended to "show in person" that Germany took its commitments seriously.
Related: Baltic states agree joint plan to protect undersea cables
The talks will focus on gas storage and the synchronisation of the Baltic power grids with the continental European network.
“We are not here to make speeches,” she told reporters.
Sign up to Morning Briefing
Free daily newsletter
Our morning email breaks down the key stories of the day, telling you what’s happening and why it matters.
Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties. For more information see our Privacy Policy.
after newsletter promotion
Lithuania's prime minister is expected to raise the timetable for air-defence deliveries.
The visit ended without a joint statement.
Additional reporting by Mark Ellis
I hope you appreciated this article. Before you move on, I was hoping you would consider taking the step of supporting our journalism.
We have no billionaire owner or shareholders to consider. Our journalism is produced to serve the public interest – not profit motives.
If there were ever a time to join us, it is now. Every contribution, however big or small, powers our journalism and sustains our future.
Support the Ledger
Continue
Remind me in May
Accepted payment methods: Visa, Mastercard, American Express and PayPal
Explore more on these topics
Germany
Lithuania
Europe
news
Share
Reuse this content
Most viewed
Baltic states agree joint plan to protect undersea cables
Comments (312)
Sign in or create your account to join the discussion
This is a great article and I agree with every word of it.
© 2023 Northern Ledger Media Limited or its affiliated companies. All rights reserved.
Privacy policy
"""

WIRE_PAGE = """\
Skip to main content
Menu
Search
Subscribe
Log in
WORLD NEWS
Top diplomat heads to Ankara as alliance talks stall
By MARIA DELGADO and OMAR HADID
Updated 8:30 AM EST, March 9, 2023
Share
Copy Link copied
Email
Facebook
X
Reddit
LinkedIn
Pinterest
The secretary of state waves as he boards a plane at Andrews Air Force Base, Md., on Wednesday, March 8, 2023. (AP Photo/Jacquelyn Martin, Pool)
ANKARA, Turkey (AP) — The top U.S. diplomat arrived in Ankara on Thursday for talks aimed at breaking a deadlock over the alliance's expansion.
Advertisement
The visit is the first by a secretary of state since the earthquake last month.
“We expect progress,” a senior official said.
RELATED COVERAGE
Turkey's parliament delays vote on alliance bid
Earthquake survivors face long wait for housing
Officials said the two sides would also discuss the reconstruction effort in the south of the country.
___
Associated Press writer Lena Fischer in Washington contributed to this report.
Follow AP's coverage of the war at https://apnews.com/hub/war
ADVERTISEMENT
Most read
1
Some other story headline about something
Copyright 2023 The Associated Press. All Rights Reserved.
"""

KOREAN_PAGE = """\
Source: https://www.hangangtimes.co.kr/view/20230309000123
Hangang Times
Subscribe
Login
National
Politics
Diplomacy
Korea, Turkey agree to expand defense industry cooperation
FM Park says Seoul will send additional aid for quake recovery
By Kim Ji-hoon
Published : 2023-03-09 10:12 KST  Updated : 2023-03-09 18:04 KST
Foreign Minister Park Jin (right) shakes hands with his Turkish counterpart in Ankara on Thursday. (Yonhap)
SEOUL — South Korea and Turkey agreed Thursday to expand cooperation in the defense industry and reconstruction, the foreign ministry said.
Park made the remarks during talks with his Turkish counterpart in Ankara, the ministry said.
The two ministers also discussed the North Korean nuclear issue.
kjh@hangangtimes.co.kr
Most Popular
1 Korea to send rescue team to Turkey
2 Prices of eggs rise again
"""

BROADCASTER_PAGE = """\
Skip to content
Accessibility Help
Your account
Home
News
Sport
Weather
Menu
Europe
Lithuania and Poland agree to link rail networks by 2030
14 March 2023
Share
close panel
By Petra Lind
Europe reporter
Image source, Getty Images
Image caption, Rail Baltica is meant to connect the Baltic capitals with Warsaw
Lithuania and Poland have agreed to connect their rail networks by the end of the decade, officials said on Tuesday.

The agreement was signed in Vilnius by the two countries' transport ministers.

It sets out a timetable for the construction of a new track on standard European gauge.

Ministers Say Line Will Transform Regional Trade

The two governments will share the cost of the cross-border section.

Related Topics
Lithuania
Poland
More on this story
Baltic rail project faces new delays
Published
2 days ago
Top Stories
Live: Something happening elsewhere
"""


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- UK broadsheet style -------------------------------------------------------


@pytest.fixture(scope="module")
def ledger():
    return clean_plain_text(LEDGER_PAGE)


def test_ledger_metadata(ledger) -> None:
    assert ledger.title == "German foreign minister arrives in Vilnius for talks on energy security"
    assert ledger.standfirst == "Visit comes as Lithuania presses Berlin to speed up delivery of air-defence systems"
    assert ledger.authors == ["Jane Holloway", "Tomas Varga"]
    assert ledger.section == "Germany"
    assert ledger.published == datetime(2023, 3, 14, 17, 5, tzinfo=UTC)
    assert ledger.published.utcoffset() == timedelta(0)
    assert ledger.published_source == "text"
    assert ledger.language is None  # plain text declares none; the language stage detects it
    assert ledger.url is None


def test_ledger_body_is_complete_and_in_order(ledger) -> None:
    assert paragraphs(ledger.text) == [
        "Germany's foreign minister has arrived in Vilnius for two days of talks, promising that Berlin would "
        "stand by its Baltic allies as winter approaches.",
        'Speaking at the airport, the minister said the visit was intended to "show in person" that Germany '
        "took its commitments seriously.",
        "The talks will focus on gas storage and the synchronisation of the Baltic power grids with the "
        "continental European network.",
        "“We are not here to make speeches,” she told reporters.",
        "Lithuania's prime minister is expected to raise the timetable for air-defence deliveries.",
        "The visit ended without a joint statement.",
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "Photograph: Petras Malukas/AFP/Getty Images",
        "Related: Baltic states agree joint plan to protect undersea cables",
        "Sign up to Morning Briefing",
        "Our morning email breaks down",
        "Privacy Notice",
        "after newsletter promotion",
        "Additional reporting by Mark Ellis",
        "I hope you appreciated this article",
        "We have no billionaire owner",
        "Every contribution, however big or small",
        "Remind me in May",
        "Accepted payment methods",
        "Explore more on these topics",
        "Comments (312)",
        "Sign in or create your account",
        "This is a great article",
        "© 2023 Northern Ledger",
        "Share on Facebook",
        "Last modified",
        "This article is more than 1 year old",
    ],
)
def test_ledger_furniture_is_gone(ledger, furniture: str) -> None:
    assert furniture not in ledger.text


def test_ledger_reasons_are_recorded(ledger) -> None:
    reasons = dict(ledger.removed)
    assert reasons["Additional reporting by Mark Ellis"] == "contributor-note"
    assert reasons["Remind me in May"] == "appeal-block"
    assert reasons["Sign up to Morning Briefing"] == "appeal-block"
    assert reasons["Related: Baltic states agree joint plan to protect undersea cables"] == "teaser"
    assert reasons["Comments (312)"] == "after-article"
    assert reasons["This is a great article and I agree with every word of it."] == "after-article"


def test_the_same_page_without_blank_lines() -> None:
    squeezed = "\n".join(line for line in LEDGER_PAGE.split("\n") if line.strip())
    doc = clean_plain_text(squeezed)
    assert doc.text == clean_plain_text(LEDGER_PAGE).text
    assert doc.title == "German foreign minister arrives in Vilnius for talks on energy security"


def test_windows_line_ends_nbsp_and_entities() -> None:
    raw = LEDGER_PAGE.replace("\n", "\r\n").replace("Baltic allies", "Baltic\u00a0allies").replace(
        "“We are not here to make speeches,”", "&ldquo;We are not here to make speeches,&rdquo;"
    )
    doc = clean_plain_text(raw)
    assert "\r" not in doc.text
    assert "stand by its Baltic allies as winter approaches." in doc.text
    assert "“We are not here to make speeches,” she told reporters." in paragraphs(doc.text)


# --- US wire style ---------------------------------------------------------------


@pytest.fixture(scope="module")
def wire():
    return clean_plain_text(WIRE_PAGE)


def test_wire_metadata(wire) -> None:
    assert wire.title == "Top diplomat heads to Ankara as alliance talks stall"
    assert wire.authors == ["Maria Delgado", "Omar Hadid"]
    assert wire.section == "World News"
    assert wire.published == datetime(2023, 3, 9, 8, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert wire.published.isoformat() == "2023-03-09T08:30:00-05:00"
    assert wire.dateline == "Ankara"
    assert wire.standfirst is None


def test_wire_body_keeps_the_paragraph_after_an_inline_related_box(wire) -> None:
    assert paragraphs(wire.text) == [
        "ANKARA, Turkey (AP) — The top U.S. diplomat arrived in Ankara on Thursday for talks aimed at breaking "
        "a deadlock over the alliance's expansion.",
        "The visit is the first by a secretary of state since the earthquake last month.",
        "“We expect progress,” a senior official said.",
        "Officials said the two sides would also discuss the reconstruction effort in the south of the country.",
    ]
    assert wire.text.startswith("ANKARA, Turkey (AP) — ")  # the dateline stays: offsets index this text


@pytest.mark.parametrize(
    "furniture",
    [
        "AP Photo/Jacquelyn Martin",
        "Advertisement",
        "ADVERTISEMENT",
        "RELATED COVERAGE",
        "Turkey's parliament delays vote on alliance bid",
        "Lena Fischer in Washington contributed to this report",
        "Follow AP's coverage",
        "Copy Link copied",
        "Most read",
        "Copyright 2023",
    ],
)
def test_wire_furniture_is_gone(wire, furniture: str) -> None:
    assert furniture not in wire.text


# --- Korean English-language daily --------------------------------------------------


@pytest.fixture(scope="module")
def korean():
    return clean_plain_text(KOREAN_PAGE)


def test_korean_metadata(korean) -> None:
    assert korean.url == "https://www.hangangtimes.co.kr/view/20230309000123"
    assert korean.title == "Korea, Turkey agree to expand defense industry cooperation"
    assert korean.standfirst == "FM Park says Seoul will send additional aid for quake recovery"
    assert korean.authors == ["Kim Ji-hoon"]
    assert korean.section == "Diplomacy"
    assert korean.published is not None
    assert korean.published.isoformat() == "2023-03-09T10:12:00+09:00"
    assert korean.dateline == "Seoul"


def test_korean_body_and_furniture(korean) -> None:
    assert paragraphs(korean.text) == [
        "SEOUL — South Korea and Turkey agreed Thursday to expand cooperation in the defense industry and "
        "reconstruction, the foreign ministry said.",
        "Park made the remarks during talks with his Turkish counterpart in Ankara, the ministry said.",
        "The two ministers also discussed the North Korean nuclear issue.",
    ]
    reasons = dict(korean.removed)
    assert reasons["Source: https://www.hangangtimes.co.kr/view/20230309000123"] == "source"
    assert reasons["kjh@hangangtimes.co.kr"] == "contact"
    assert "(Yonhap)" not in korean.text
    assert "Most Popular" not in korean.text


# --- public broadcaster style -----------------------------------------------------------


@pytest.fixture(scope="module")
def broadcaster():
    return clean_plain_text(BROADCASTER_PAGE)


def test_broadcaster_metadata(broadcaster) -> None:
    assert broadcaster.title == "Lithuania and Poland agree to link rail networks by 2030"
    assert broadcaster.authors == ["Petra Lind"]
    assert broadcaster.section == "Europe"
    assert broadcaster.published == datetime(2023, 3, 14)  # a date alone: naive midnight
    assert broadcaster.published.tzinfo is None


def test_broadcaster_drops_title_case_teaser_and_image_lines(broadcaster) -> None:
    assert "Ministers Say Line Will Transform Regional Trade" not in broadcaster.text
    assert "Image caption" not in broadcaster.text
    assert "Getty Images" not in broadcaster.text
    assert "Baltic rail project faces new delays" not in broadcaster.text
    assert paragraphs(broadcaster.text)[-1] == "The two governments will share the cost of the cross-border section."
    assert len(paragraphs(broadcaster.text)) == 4


# --- smaller cases -------------------------------------------------------------------------


def test_text_without_any_header() -> None:
    raw = (
        "Ministers from the two countries met in Riga on Monday to discuss energy links.\n\n"
        "They agreed to speed up work on a new interconnector, officials said.\n\n"
        "The talks lasted two hours.\n"
    )
    doc = clean_plain_text(raw)
    assert doc.title is None and doc.authors == [] and doc.published is None
    assert paragraphs(doc.text)[-1] == "The talks lasted two hours."  # a short real paragraph stays


def test_standfirst_printed_below_the_byline() -> None:
    raw = (
        "Politics\n"
        "Parliament backs new sanctions bill after late-night debate\n"
        "By Anna Novak\n"
        "Published: 14/03/2023 22:40\n"
        "The vote passed by a wide margin after opposition parties dropped their amendments.\n"
        "Share this article\n"
        "Lawmakers voted 312 to 41 in favour of the bill shortly before midnight on Tuesday.\n"
        "“This sends a clear message,” the speaker said.\n"
        "Advertisement\n"
        "Critics said the bill would hurt exporters.\n"
    )
    doc = clean_plain_text(raw)
    assert doc.standfirst == "The vote passed by a wide margin after opposition parties dropped their amendments."
    assert doc.section == "Politics"
    assert doc.published == datetime(2023, 3, 14, 22, 40)
    assert paragraphs(doc.text) == [
        "Lawmakers voted 312 to 41 in favour of the bill shortly before midnight on Tuesday.",
        "“This sends a clear message,” the speaker said.",
        "Critics said the bill would hurt exporters.",
    ]


def test_hard_wrapped_text_is_unwrapped() -> None:
    para = (
        "Ministers from Estonia and Finland met in Tallinn on Monday to discuss a planned undersea\n"
        "power cable that would double the capacity between the two grids, officials said after the\n"
        "meeting ended late in the evening on the first day of the talks.\n"
    )
    raw = "Energy ministers agree timetable for Baltic power cable\n\nBy Liis Tamm\n\n" + "\n".join([para] * 4)
    doc = clean_plain_text(raw)
    assert doc.title == "Energy ministers agree timetable for Baltic power cable"
    assert doc.authors == ["Liis Tamm"]
    first = paragraphs(doc.text)[0]
    assert first.startswith("Ministers from Estonia") and first.endswith("on the first day of the talks.")
    assert "\n" not in first


def test_outlet_lines_remove_repeated_furniture_but_keep_quotes() -> None:
    raw = (
        "Harbour talks resume after two-year pause in northern port city\n"
        "By Ola Berg\n"
        "Published: 02/06/2023 09:00\n"
        "Negotiators returned to the table in the port city on Friday for the first time in two years.\n"
        "Our reporters cover the northern ports every day of the year.\n"
        "“We will not sign anything that hurts our fishermen,” the minister said.\n"
        "The talks are expected to last until the end of the month.\n"
    )
    seen_elsewhere = [
        "Our reporters cover the northern ports every day of the year.",
        "“We will not sign anything that hurts our fishermen,” the minister said.",
    ]
    doc = clean_plain_text(raw, outlet_lines=seen_elsewhere)
    assert "Our reporters cover the northern ports" not in doc.text
    assert "“We will not sign anything that hurts our fishermen,” the minister said." in paragraphs(doc.text)
    assert ("Our reporters cover the northern ports every day of the year.", "outlet-repeat") in doc.removed


def test_reporting_by_gives_authors_when_there_is_no_byline() -> None:
    raw = (
        "Ministers agree new border crossing for freight traffic\n\n"
        "The two governments agreed on Tuesday to open a new border crossing for lorries next year.\n\n"
        "The crossing will cut waiting times for freight, officials said.\n\n"
        "Reporting by Anna Novak and Piotr Zielinski; Editing by John Smith\n"
    )
    doc = clean_plain_text(raw)
    assert doc.authors == ["Anna Novak", "Piotr Zielinski"]
    assert "Editing by" not in doc.text
    assert doc.title == "Ministers agree new border crossing for freight traffic"


def test_page_with_no_body_says_why() -> None:
    with pytest.raises(NoContentError, match="no article body"):
        clean_plain_text("Home\nNews\nSport\nSign in\nSubscribe\n")
    with pytest.raises(NoContentError):
        clean_plain_text("Source: https://example.com/a\n")


def test_korean_wire_style_with_time_first_stamp_and_end_mark() -> None:
    raw = (
        "National\n"
        "(LEAD) S. Korea, Turkey agree to boost arms industry ties\n"
        "15:12 March 09, 2023\n"
        "Foreign Minister Park Jin (R) shakes hands with his Turkish counterpart in Ankara. [JOINT PRESS CORPS]\n"
        "SEOUL, March 9 (Yonhap) -- South Korea and Turkey agreed Thursday to expand cooperation in the "
        "arms industry, the foreign ministry said.\n"
        "The two ministers also discussed reconstruction after last month's earthquakes.\n"
        "Park is the first South Korean foreign minister to visit Turkey since 2019.\n"
        "jhk@example.co.kr\n"
        "(END)\n"
    )
    doc = clean_plain_text(raw)
    assert doc.title == "(LEAD) S. Korea, Turkey agree to boost arms industry ties"
    assert doc.section == "National"
    assert doc.published == datetime(2023, 3, 9, 15, 12)
    assert doc.dateline == "Seoul"
    assert paragraphs(doc.text)[0].startswith("SEOUL, March 9 (Yonhap) -- South Korea and Turkey")
    assert paragraphs(doc.text)[-1] == "Park is the first South Korean foreign minister to visit Turkey since 2019."
    assert "JOINT PRESS CORPS" not in doc.text and "(END)" not in doc.text and "@" not in doc.text


def test_comment_thread_after_the_article_is_not_body() -> None:
    body = [
        "The port authority said on Monday that container traffic rose by a fifth last year.",
        "Officials credited a new rail link to the hinterland for most of the growth.",
        "The authority expects further growth once a second terminal opens in 2025.",
    ]
    comments = [
        "I live near the port and the lorries never stop, day or night, and nobody asks us what we think.",
        "This is what happens when planning is left to the ministry and not to the people who live here.",
        "Growth for whom? The jobs all went to contractors from elsewhere and the town got the traffic.",
        "Exactly right. We were promised a bypass ten years ago and we are still waiting for it to open.",
    ]
    raw = "\n\n".join(["Port traffic rises by a fifth as new rail link pays off", "By Ola Berg", *body,
                       "[ 48 comments ]", "Top Rated Comments", *comments])
    doc = clean_plain_text(raw)
    assert paragraphs(doc.text) == body
    assert doc.authors == ["Ola Berg"]


def test_date_printed_above_the_headline() -> None:
    raw = (
        "Politics\n"
        "Tuesday 14 March 2023\n"
        "Parliament backs new sanctions bill after late-night debate\n"
        "By Anna Novak\n"
        "Lawmakers voted 312 to 41 in favour of the bill shortly before midnight on Tuesday.\n"
        "The measure now goes to the upper house, which is expected to approve it next week.\n"
    )
    doc = clean_plain_text(raw)
    assert doc.title == "Parliament backs new sanctions bill after late-night debate"
    assert doc.section == "Politics"
    assert doc.authors == ["Anna Novak"]
    assert doc.published == datetime(2023, 3, 14)
    assert len(paragraphs(doc.text)) == 2


def test_short_paragraph_broken_mid_sentence_keeps_its_first_line() -> None:
    """Two physical lines are too few to look hard-wrapped, but a line that goes on in
    lower case continues the one before (its first line was once dropped as a heading)."""
    raw = ("Minister to visit Ankara for talks\n\nBy Clara Jansen\nTuesday 14 March 2023\n\n"
           "German foreign minister Annalena Baerbock will visit Ankara on Thursday for talks with Turkish foreign\n"
           "minister Mevlut Cavusoglu, the foreign office in Berlin said on Tuesday.\n\n"
           "\"We stand with the people of Turkey,\" Baerbock told reporters in Berlin.\n")
    doc = clean_plain_text(raw)
    assert doc.text.startswith("German foreign minister Annalena Baerbock will visit Ankara on Thursday for talks "
                               "with Turkish foreign minister Mevlut Cavusoglu")


def test_nul_and_control_characters_are_removed_from_text_and_metadata() -> None:
    from newsgraph.clean.normalise import strip_controls

    assert strip_controls("Before\x00 after\x07.\tTab\nline\x0cfeed") == "Before after.\tTab\nline\x0cfeed"
