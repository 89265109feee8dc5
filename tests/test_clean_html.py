"""HTML pages (clean.html): trafilatura body + metadata with offsets. Pages are hand-written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsgraph.clean.html import extract_html
from newsgraph.errors import NoContentError

BODY = """
<p>VILNIUS, March 14 (Northern Wire) - Germany's foreign minister arrived in Vilnius on Tuesday for two days
of talks on energy security, promising that Berlin would stand by its Baltic allies.</p>
<p>The minister said the visit was meant to show that Germany took its commitments to the region seriously,
a week after the Baltic states agreed a joint plan to protect undersea cables.</p>
<figure><img src="a.jpg"><figcaption>The minister at Vilnius airport. Photograph: Petras Malukas/Northern Wire</figcaption></figure>
<p>"We are not here to make speeches," she told reporters at the airport, adding that gas storage and the
synchronisation of the power grids would top the agenda.</p>
<p>Lithuania's prime minister is expected to raise the timetable for air-defence deliveries when the two
meet on Wednesday, officials in Vilnius said.</p>
<p>The talks come as the Baltic states press Berlin to speed up deliveries promised last year, according to
diplomats familiar with the preparations for the visit.</p>
<p>Reporting by Jane Holloway and Mark Ellis; Editing by Alison Marsh</p>
"""

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>German minister in Vilnius for energy talks | Northern Wire</title>
<meta property="og:site_name" content="Northern Wire">
<meta property="og:title" content="German minister in Vilnius for energy talks">
<meta name="author" content="By Jane Holloway and Mark Ellis">
<meta name="description" content="Visit focuses on gas storage and grid links.">
<meta property="og:url" content="https://www.northernwire.com/world/europe/german-minister-vilnius-2023-03-14/">
<link rel="canonical" href="https://www.northernwire.com/world/europe/german-minister-vilnius-2023-03-14/">
<meta property="article:published_time" content="2023-03-14T09:30:00+02:00">
<meta property="article:section" content="Europe">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>German minister in Vilnius for energy talks</h1>
<div class="byline">By Jane Holloway and Mark Ellis</div>
{BODY}
</article>
<aside><h2>Read next</h2><ul><li><a href="/x">Baltic states agree cable plan</a></li></ul></aside>
<footer>&copy; 2023 Northern Wire. All rights reserved.</footer>
</body></html>"""


@pytest.fixture(scope="module")
def page():
    return extract_html(PAGE)


def test_html_metadata(page) -> None:
    assert page.title == "German minister in Vilnius for energy talks"
    assert page.authors == ["Jane Holloway", "Mark Ellis"]
    assert page.url == "https://www.northernwire.com/world/europe/german-minister-vilnius-2023-03-14/"
    assert page.outlet == "Northern Wire"
    assert page.section == "Europe"
    assert page.language == "en"
    assert page.standfirst == "Visit focuses on gas storage and grid links."
    assert page.published == datetime(2023, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert page.published.isoformat() == "2023-03-14T09:30:00+02:00"
    assert page.published_source == "metadata"
    assert page.dateline == "Vilnius"


def test_html_body_paragraphs(page) -> None:
    paras = page.text.split("\n\n")
    assert paras[0].startswith("VILNIUS, March 14 (Northern Wire) - Germany's foreign minister arrived")
    assert paras[-1].endswith("according to diplomats familiar with the preparations for the visit.")
    assert len(paras) == 5
    assert "Photograph:" not in page.text
    assert "Editing by" not in page.text
    assert "Read next" not in page.text
    assert "All rights reserved" not in page.text


def test_time_element_gives_the_offset_when_meta_has_none() -> None:
    html = PAGE.replace(
        '<meta property="article:published_time" content="2023-03-14T09:30:00+02:00">', ""
    ).replace("<article>", '<article><time datetime="2023-03-14T07:30:00Z">14 March 2023</time>')
    doc = extract_html(html)
    assert doc.published == datetime(2023, 3, 14, 7, 30, tzinfo=UTC)


def test_json_ld_date_published() -> None:
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-03-14T18:05:00+09:00"}</script>'
    html = PAGE.replace('<meta property="article:published_time" content="2023-03-14T09:30:00+02:00">', ld)
    doc = extract_html(html)
    assert doc.published is not None
    assert doc.published.isoformat() == "2023-03-14T18:05:00+09:00"


def test_page_without_article_text_says_why() -> None:
    with pytest.raises(NoContentError, match="no article body"):
        extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(NoContentError, match="empty"):
        extract_html("   ")


def test_feed_summary_fragment_is_text_not_a_failure() -> None:
    from newsgraph.clean.html import extract_html, is_fragment

    summary = ("<p>ANKARA (Global Wire) - The foreign minister arrived in <b>Ankara</b> on Tuesday for talks "
               "on Sweden&#39;s Nato bid, officials said.</p><p>Share this:</p><p>Talks&nbsp;continue.<br>More later.</p>")
    assert is_fragment(summary)
    doc = extract_html(summary)
    assert doc.text.split("\n\n") == [
        "ANKARA (Global Wire) - The foreign minister arrived in Ankara on Tuesday for talks on Sweden's Nato bid, officials said.",
        "Talks continue.",
        "More later.",
    ]
    assert doc.dateline == "Ankara"
    assert ("Share this:", "share") in doc.removed
    assert not is_fragment("<!DOCTYPE html><html><body><p>x</p></body></html>")
