"""HTML pages → body paragraphs and metadata, with trafilatura doing the extraction.

Cascade:

1. ``trafilatura.bare_extraction`` in precision mode and in default mode
   (tables kept, comments dropped); precision mode's body wins unless it lost
   most of the text default mode found. Metadata from the same run: title,
   author, sitename, canonical URL, description, categories, language.
2. The publication datetime with its UTC offset, read here because
   trafilatura's date is day-only: ``article:published_time`` and the other
   meta names below, JSON-LD ``datePublished``, then the first ``<time
   datetime>``; then trafilatura's day; then ``htmldate``.
3. The same line features as the plain-text path remove what trafilatura
   leaves in (captions, "Reporting by …; Editing by …", newsletter prompts).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from newsgraph.clean import furniture as f
from newsgraph.clean.bylines import tidy_authors
from newsgraph.clean.datelines import MAX_YEAR, MIN_YEAR, parse_place_dateline, parse_timestamp
from newsgraph.clean.normalise import normalise_line, normalise_text, wordset
from newsgraph.clean.result import CleanedDoc
from newsgraph.errors import FormatError, NoContentError

# trafilatura runs twice: precision mode (with tables) is the body unless it
# keeps under this share of the default mode's tokens, a sign that precision
# mode cut the article itself (a page whose text sits in many small blocks).
# On article_extraction_benchmark (../shared/data, 181 pages, bag-of-words
# token F1, line filter below applied): default mode only 0.964, precision
# mode only 0.968, precision with this fallback 0.970 at any share from 0.3 to
# 0.6, 0.968 at 0.7, 0.966 at 0.8. Re-run bench/extraction.py after changing it.
PRECISION_MIN_SHARE = 0.5
# Tables are body text on news pages (results, figures, schedules): without
# them the same benchmark scores F1 0.965 instead of 0.970 (a results table
# page loses most of its body).
INCLUDE_TABLES = True

# Without furniture-only words, a line of extracted main text is a call to
# action only at this score (article_extraction_benchmark: lower scores cost
# recall on service journalism written to "you").
HTML_CTA_MIN_SCORE = 4
# Longer lines are prose that may mention subscriptions; they need two
# furniture words and a "you"/"our" to be an appeal.
HTML_CTA_MAX_WORDS = 20
# Inside trafilatura's main text a paragraph of f.CTA_MAX_WORDS is prose,
# whatever its vocabulary (evidence there). Without this guard the benchmark
# scores F1 0.964 instead of 0.970.
HTML_PROSE_MIN_WORDS = f.CTA_MAX_WORDS

# Meta tags carrying the publication time, best first.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "originalpublicationdate",
)


def _meta(tree: Any, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in wanted and el.get("content"):
            return str(el.get("content")).strip()
    return None


def _parse_dt(value: str) -> datetime | None:
    """A datetime from a metadata value; None for placeholders ("0001-01-01") and other implausible years."""
    value = value.strip()
    if not value:
        return None
    try:
        dt: datetime | None = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        dt = parse_timestamp(value)
    if dt is None or not MIN_YEAR <= dt.year <= MAX_YEAR:
        return None
    return dt


def _jsonld_dates(tree: Any) -> list[str]:
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            v = node.get("datePublished")
            if isinstance(v, str):
                out.append(v)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            walk(json.loads(script.text))
        except json.JSONDecodeError:
            continue
    return out


def published_from_html(tree: Any) -> datetime | None:
    """The publication datetime from meta tags, JSON-LD or ``<time datetime>``; aware when an offset is given."""
    candidates: list[str] = []
    for name in _DATE_META:
        value = _meta(tree, name)
        if value:
            candidates.append(value)
    candidates += _jsonld_dates(tree)
    for el in tree.iter("time"):
        if el.get("datetime"):
            candidates.append(str(el.get("datetime")))
            break
    parsed = [dt for dt in (_parse_dt(c) for c in candidates) if dt is not None]
    # A value with a clock time and offset beats a bare date from a later source.
    for dt in parsed:
        if dt.tzinfo is not None:
            return dt
    return parsed[0] if parsed else None


# A printed dateline element ("<span class='location'>ANKARA</span>") is a few words.
MAX_DATELINE_ELEMENT_WORDS = 4


def _dateline_element(tree: Any) -> str | None:
    """The place in a page's dateline/location element, when the body itself has no dateline."""
    for el in tree.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' dateline ') "
        "or contains(concat(' ', normalize-space(@class), ' '), ' location ') "
        "or @itemprop='contentLocation' or @itemprop='dateline']"
    ):
        text = normalise_line(el.text_content())
        if text and len(text.split()) <= MAX_DATELINE_ELEMENT_WORDS and not re.search(r"\d", text):
            place, _ = parse_place_dateline(text + " — x")
            return place or text
    return None


def _section(tree: Any, meta: dict[str, Any]) -> str | None:
    value = _meta(tree, "article:section", "section", "parsely-section", "category")
    if value:
        return value
    cats = meta.get("categories") or []
    return str(cats[0]) if cats else None


def _paragraphs(text: str, title: str | None) -> tuple[list[str], list[tuple[str, str]]]:
    """Trafilatura's lines minus furniture it kept; removed lines with reasons."""
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    title_key = " ".join(title.casefold().split()) if title else None
    lines = [normalise_line(raw) for raw in text.split("\n")]
    lines = [line for line in lines if line]
    for k, line in enumerate(lines):
        reason = _furniture_reason(line)
        if reason is None and not kept and k + 1 < len(lines) and _is_kicker_label(line):
            reason = "label"
        if reason is None and title_key and " ".join(line.casefold().split()) == title_key:
            reason = "title-repeat"
        if reason:
            removed.append((line, reason))
        else:
            kept.append(line)
    return kept, removed


# A kicker label over the first paragraph ("World briefing", "Analysis") is a few words.
MAX_KICKER_LABEL_WORDS = 4


def _is_kicker_label(line: str) -> bool:
    """A short unpunctuated label before the first paragraph: a kicker, not body text."""
    return len(f.words(line)) <= MAX_KICKER_LABEL_WORDS and not f.ends_terminal(line) and not line.endswith(":")


def _furniture_reason(line: str) -> str | None:
    if f.starts_quote(line) and f.is_prose(line):
        return None
    if f.is_caption(line):
        return "caption"
    if f.is_contributor_note(line):
        return "contributor-note"
    if f.is_share_row(line):
        return "share"
    if f.is_footer(line):
        return "footer"
    if f.is_label(line) or f.is_media(line):
        return "label"
    if f.is_teaser_prefixed(line) or f.end_marker(line):
        return "teaser"
    if len(f.words(line)) >= HTML_PROSE_MIN_WORDS:
        return None
    # trafilatura has already cut the page to its main text, where reader-
    # addressed service prose ("Live below your means") is content: a call to
    # action here needs furniture-only vocabulary (newsletter, subscribe...).
    strong = f.furniture_vocabulary(line)
    if len(f.words(line)) <= HTML_CTA_MAX_WORDS:
        if strong and (f.is_cta(line) or f.is_appeal_anchor(line)):
            return "call-to-action"
    elif strong >= 2 and f.addresses_reader(line) and not f.has_attribution(line):
        return "call-to-action"
    if f.cta_score(line) >= HTML_CTA_MIN_SCORE:
        return "call-to-action"
    return None


def _bare(html: str, url: str | None, *, precision: bool) -> dict[str, Any]:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=INCLUDE_TABLES,
        favor_precision=precision,
        deduplicate=False,
    )
    return doc.as_dict() if isinstance(doc, Document) else dict(doc or {})


def _choose_extraction(precise: dict[str, Any], default: dict[str, Any]) -> dict[str, Any]:
    """Precision mode's extraction unless it lost most of what default mode found."""
    n_precise = len(f.words(precise.get("text") or ""))
    n_default = len(f.words(default.get("text") or ""))
    if n_precise >= PRECISION_MIN_SHARE * n_default and n_precise > 0:
        return precise
    return default if n_default else precise


# Elements that start a new line when a fragment is turned into text.
_BLOCK_TAGS = wordset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote br tr table section article header footer "
    "figure figcaption pre dd dt dl hr aside"
)
# A fragment is recognised by the absence of page-level tags in its first characters.
FRAGMENT_SNIFF_CHARS = 4096


def is_fragment(html: str) -> bool:
    """HTML without a page around it: a feed entry's content or summary, a JSONL record's body."""
    head = html[:FRAGMENT_SNIFF_CHARS].lower()
    return not any(tag in head for tag in ("<html", "<body", "<head", "<!doctype"))


def extract_fragment(html: str, *, url: str | None = None) -> CleanedDoc:
    """Text of an HTML fragment, paragraph by paragraph, minus the furniture lines a feed adds.

    A fragment is the article body already (feeds carry no menus), so there is
    no main-text block to find: trafilatura, which scores whole pages, finds
    none in a two-sentence summary.
    """
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError) as e:
        raise FormatError(f"HTML fragment could not be parsed ({e})") from e
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    paragraphs, removed = _paragraphs(normalise_text(root.text_content()), None)
    if not paragraphs:
        raise NoContentError("HTML fragment has no text besides site furniture")
    text = "\n\n".join(paragraphs)
    dateline, _ = parse_place_dateline(paragraphs[0])
    return CleanedDoc(text=text, url=url, dateline=dateline, removed=removed)


def extract_html(html: str, *, url: str | None = None) -> CleanedDoc:
    """Body text and metadata of one HTML page (or fragment); NoContentError when it holds no body text."""
    if not html or not html.strip():
        raise NoContentError("HTML input is empty")
    if is_fragment(html):
        return extract_fragment(html, url=url)
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise FormatError(f"HTML could not be parsed ({e})") from e
    meta = _choose_extraction(_bare(html, url, precision=True), _bare(html, url, precision=False))
    body_text = normalise_text(meta.get("text") or "")
    if not body_text.strip():
        raise NoContentError(
            "HTML page has no article body: trafilatura found no main text block "
            "(it may be an index page, rendered by JavaScript, or paywalled)"
        )
    title = normalise_line(meta["title"]) if meta.get("title") else None
    paragraphs, removed = _paragraphs(body_text, title)
    if not paragraphs:
        raise NoContentError("HTML page has no article body: every extracted line was captions or site furniture")

    published = published_from_html(tree)
    if published is None and meta.get("date"):
        published = _parse_dt(str(meta["date"]))
    if published is None:
        from htmldate import find_date

        found = find_date(tree, original_date=True, extensive_search=False)
        published = _parse_dt(found) if found else None

    page_url = meta.get("url") or url
    description = meta.get("description")
    standfirst = normalise_line(description) if description else None
    if standfirst and paragraphs and paragraphs[0].startswith(standfirst.rstrip(".…")):
        standfirst = None  # a description that only repeats the first paragraph
    text = "\n\n".join(paragraphs)
    dateline, _ = parse_place_dateline(paragraphs[0])
    if dateline is None:
        dateline = _dateline_element(tree)
    lang = tree.get("lang") or meta.get("language")
    language = re.split(r"[-_]", lang)[0].lower() if lang else None
    sitename = meta.get("sitename")
    return CleanedDoc(
        text=text,
        title=title,
        standfirst=standfirst,
        authors=tidy_authors(meta.get("author")),
        url=page_url,
        section=_section(tree, meta),
        published=published,
        published_source="metadata" if published is not None else None,
        dateline=dateline,
        language=language,
        removed=removed,
        outlet=normalise_line(sitename) if sitename else None,
    )
