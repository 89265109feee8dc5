"""Browser-saved plain text (Ctrl+A, Ctrl+C) → body paragraphs and metadata.

A copied page is the article wrapped in site furniture: navigation menus, the
headline block (section label, headline, standfirst, byline, timestamp),
captions and share rows, appeals and newsletter prompts inside the body, and
teaser lists, tags, comments and footers after it. The cascade:

1. Normalise the text; pull out a ``Source: <url>`` line; unwrap hard-wrapped text.
2. Give every line an intrinsic *kind* from its own features (``furniture``):
   timestamp, byline, caption, call to action, share row, end-of-article
   heading, prose, headline-shaped, short fragment …; flag lines that repeat
   across the outlet's other articles and donation/newsletter blocks.
3. Find the main text: runs of prose lines joined across small gaps, cut at
   end-of-article headings; the run with the most prose wins.
4. Read the header above it: the byline/timestamp cluster, then the headline
   and standfirst above that cluster, then the section label or breadcrumb.
5. Keep the body's prose, quotes and crossheads; drop every other line with a
   reason (``CleanedDoc.removed``).

Calibration: hand-written pages in tests/test_clean_plaintext.py, the
repository's examples/text, and the 181 pages of article_extraction_benchmark
(../shared/data) rendered to text block by block like a browser copy (hidden
menus included, so harsher than a real copy): bag-of-words token F1 against
the gold bodies 0.85 (P 0.89, R 0.86), against 0.66 for the uncleaned text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from newsgraph.clean import furniture as f
from newsgraph.clean.bylines import parse_byline, tidy_authors
from newsgraph.clean.datelines import (
    find_timestamp,
    is_modified_label,
    parse_place_dateline,
    parse_timestamp_labelled,
)
from newsgraph.clean.normalise import (
    join_broken_lines,
    looks_hard_wrapped,
    normalise_line,
    normalise_text,
    unwrap,
)
from newsgraph.clean.recase import is_all_caps, recase_line
from newsgraph.clean.result import CleanedDoc
from newsgraph.errors import NoContentError

# Prose runs separated by at most this many unexplained lines (headline-shaped
# or short lines that are not known furniture) belong to one article body. An
# in-body "Related" box holds up to ~5 teasers; a site menu holds 10+.
# Simulated browser copies of article_extraction_benchmark (see module doc):
# token F1 0.842 at 4, 0.849 at 6, 0.852 at 8, 0.853 at 10.
BODY_MAX_GAP = 8
# A prose run right below a byline/timestamp is the article this many times
# more likely than a run of the same length elsewhere (a footer blurb, a
# teaser list). Same benchmark: F1 0.849 at 2, 0.847 at 3, 0.844 at 4.
HEADED_RUN_BONUS = 2.0
# A reader comment's text starts at most this many lines below its header.
COMMENT_HEAD_LOOKBACK = 2
# A run of this many prose paragraphs is an article: prose runs after a comment
# heading that follows such a run are the comment thread.
MIN_ARTICLE_PARAS = 3
# After a weak end heading ("Related stories"), the article goes on only if this
# many prose lines follow one another (teaser lists alternate headline/summary).
MIN_PROSE_RUN_AFTER_WEAK_END = 2
# The byline/timestamp block sits at most this many lines above the body...
HEADER_LOOKBACK = 10
# ...and bylines/timestamps in one block are at most this many lines apart.
HEADER_CLUSTER_SPAN = 4
# Sites that print the standfirst above the byline: the main text may start
# with up to this many prose paragraphs that are in fact header.
MAX_STANDFIRST_PARAS = 2
# An appeal paragraph has at least this many words ("Support us" in a menu is a button, not an appeal).
APPEAL_SEED_MIN_WORDS = 8
# An appeal block grows over at most this many button-like lines in a row
# ("Continue", "Remind me in May"); a site menu is longer.
APPEAL_MAX_BUTTON_RUN = 3
# Blank-line structure is evidence only when the text has at least this many blocks.
MIN_BLOCKS_FOR_STRUCTURE = 4
# A teaser item (headline, or headline and one-sentence summary) has fewer
# words than this when it holds two sentences; such a paragraph is body text.
TEASER_MAX_WORDS = 30
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\s|$)")
# A teaser list under one heading holds at most this many items.
MAX_TEASER_BLOCK_LINES = 8
# A byline without "By" ("Jane Holloway" over "Diplomatic editor") counts when
# it is at most this many lines from a timestamp or "By" line.
BARE_BYLINE_MAX_DISTANCE = 2
# Walking up from the byline, skip at most this many share/label/caption lines
# (a share row alone can be 8 lines: Share, Copy link, Email, Facebook, X, ...).
HEADER_MAX_SKIPS = 10
# Headline + standfirst(s): the header block above the byline holds at most this many lines.
HEADER_MAX_LINES = 3
# A section label is a few words ("World news", "Middle East", "Politics").
MAX_SECTION_WORDS = 4
# A timestamp above the headline counts when it is at most this many lines above it
# (further up, a date is the site's "today" bar, not the article's).
TIMESTAMP_ABOVE_TITLE_LINES = 3
# Between a section label and the headline there are at most this many labels ("Analysis", "Live").
SECTION_MAX_SKIPS = 3
# Section labels are looked for this many lines above the headline.
SECTION_LOOKBACK = 12
# A headline-shaped first paragraph becomes the title only if this many paragraphs remain.
MIN_PARAGRAPHS_AFTER_PROMOTED_TITLE = 2
# A page's date may sit in a mixed header line ("By Jo Lee | Nov 18, 2019"):
# such lines are looked for this far above the body and are this short.
DATED_LINE_LOOKBACK = 60
MAX_DATED_LINE_WORDS = 20
# A crosshead kept inside the body is short and sentence-case.
MAX_CROSSHEAD_WORDS = 8

_SOURCE = re.compile(
    r"^(?:source|url|link|saved from|original(?: url| link)?|from|address|permalink)\s*:\s*(?P<url>(?:https?://|www\.)\S+)$",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# A copyright notice: the year right after the sign, or "all rights reserved".
_COPYRIGHT_NOTICE = re.compile(r"^(?:©|ⓒ|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d\b|rights reserved", re.IGNORECASE)
# "© Reuters", "© The Meridian 2023": a notice this short closes the article whatever it says.
MAX_SHORT_NOTICE_WORDS = 5
_BULLET = re.compile(r"^[•·▪◦*–—-]\s+")

# Kinds of line that may sit inside a body without breaking it.
_IN_BODY_FURNITURE = frozenset(
    {"caption", "media", "share", "cta", "label", "contact", "contrib", "teaser", "footer", "appeal", "timestamp", "byline"}
)


# Lines ignored when measuring distances in the header (share rows, captions...).
_SKIPPABLE = frozenset({"share", "caption", "media", "label", "cta", "contact"})


@dataclass
class _Page:
    lines: list[str]
    kinds: list[str]
    repeat: list[bool]
    blocks: list[int]  # blank-line-separated block number of each line
    removed: dict[int, str] = field(default_factory=dict)


def _norm_key(line: str) -> str:
    return " ".join(normalise_line(line).casefold().split())


def _intrinsic_kind(line: str) -> str:
    """What a line is on its own, before position and repetition are considered."""
    bare = _BULLET.sub("", line)
    if parse_timestamp_labelled(line) is not None:
        return "timestamp"
    if parse_byline(line) is not None:
        return "byline"
    marker = f.end_marker(line)
    if marker:
        return f"end-{marker}"
    if f.is_comment_header(line):
        return "comment"
    if f.is_footer(line):
        return "footer"
    if f.is_contributor_note(line):
        return "contrib"
    if f.is_caption(line):
        return "caption"
    if f.is_media(line):
        return "media"
    if f.is_share_row(line):
        return "share"
    if f.is_label(line):
        return "label"
    if f.is_contact(line):
        return "contact"
    if f.is_teaser_prefixed(line) or f.is_glued_teaser(line):
        return "teaser"
    if f.starts_quote(bare) and len(f.words(bare)) >= 2 and not f.is_cta(bare):
        return "prose"
    if f.is_cta(bare):
        return "cta"
    if f.is_nav(bare):
        return "nav"
    if f.breadcrumb(line):
        return "breadcrumb"
    if (f.is_prose(bare) or _is_caps_prose(bare)) and not f.is_kicker_headline(bare):
        return "prose"
    if f.is_title_like(bare):
        return "title"
    return "short"


def _is_caps_prose(line: str) -> bool:
    """A paragraph written in capitals that reads as prose once recased (the clean stage
    recases it afterwards, ``clean.recase``); read as a fragment, it would be dropped.
    bench/extraction.py --track text: F1 unchanged (page alone 0.906, recall 0.906 → 0.907;
    corpus 0.910)."""
    return is_all_caps(line) and f.is_prose(recase_line(line, {}))


def _mark_appeals(page: _Page) -> None:
    """Donation and newsletter appeals come as blocks: seed on their strongest lines, grow over neighbours.

    Seeds are appeal paragraphs ("… consider supporting our journalism") and
    prompts with furniture-only words ("Sign up to our newsletter"). A
    neighbour joins the block when it addresses the reader without
    attributing speech ("Our morning email breaks down the key stories …"),
    or is a call to action; an appeal paragraph's block also takes up to
    APPEAL_MAX_BUTTON_RUN button-like lines ("Continue", "Remind me in May").
    Third-person reporting and quotations stop the growth.
    """
    lines, kinds = page.lines, page.kinds
    n = len(lines)
    appeals = [
        i for i in range(n)
        if kinds[i] in ("prose", "cta", "title", "short") and f.is_appeal_anchor(lines[i])
        and len(f.words(lines[i])) >= APPEAL_SEED_MIN_WORDS
    ]
    appeal_set = set(appeals)
    prompts = [i for i in range(n) if kinds[i] == "cta" and f.furniture_vocabulary(lines[i]) and i not in appeal_set]

    def joins(i: int, buttons_ok: bool) -> bool:
        line = lines[i]
        if kinds[i] in ("cta", "share", "label", "media"):
            return True
        if f.starts_quote(line) or f.has_attribution(line) or kinds[i].startswith("end-"):
            return False
        if kinds[i] in ("timestamp", "byline", "caption", "contrib", "footer"):
            return False
        if f.addresses_reader(line) or f.appeal_hits(line) >= 1:
            return True
        return (buttons_ok and kinds[i] in ("short", "title")
                and len(f.words(line)) <= f.CTA_START_MAX_WORDS and not f.is_prose(line))

    def grow(start: int, step: int, buttons_ok: bool) -> None:
        i, buttons = start + step, 0
        while 0 <= i < n and kinds[i] != "appeal" and joins(i, buttons_ok):
            weak = not (f.addresses_reader(lines[i]) or f.appeal_hits(lines[i]) or kinds[i] == "cta")
            buttons = buttons + 1 if weak else 0
            if buttons > APPEAL_MAX_BUTTON_RUN:
                break
            kinds[i] = "appeal"
            i += step

    for seed in appeals:
        kinds[seed] = "appeal"
        grow(seed, -1, True)
        grow(seed, 1, True)
    for seed in prompts:
        if kinds[seed] == "appeal":
            continue
        kinds[seed] = "appeal"
        grow(seed, -1, False)
        grow(seed, 1, False)


def _mark_teaser_blocks(page: _Page) -> None:
    """Lines sharing a blank-line block with a teaser heading ("Read more:") are its teasers.

    Browser copies separate paragraphs by blank lines but list items by single
    line breaks, so a heading's list is the rest of its block. Used only when
    the text has blank-line structure at all.
    """
    if len(set(page.blocks)) < MIN_BLOCKS_FOR_STRUCTURE:
        return
    kinds = page.kinds
    for i, kind in enumerate(kinds):
        if kind not in ("end-weak", "teaser"):
            continue
        j = i + 1
        while j < len(kinds) and page.blocks[j] == page.blocks[i] and kinds[j] not in ("end-strong", "end-weak"):
            if j - i > MAX_TEASER_BLOCK_LINES or _is_article_paragraph(page, j):
                break
            kinds[j] = "teaser"
            j += 1


def _is_article_paragraph(page: _Page, i: int) -> bool:
    """Prose of several sentences: body text, never a teaser item (a headline or a one-line summary)."""
    line = page.lines[i]
    return page.kinds[i] == "prose" and len(f.words(line)) >= TEASER_MAX_WORDS and len(_SENTENCE_END.findall(line)) >= 2


def _is_bodyish(page: _Page, i: int) -> bool:
    return page.kinds[i] == "prose" and not page.repeat[i]


def _weak_end_closes(page: _Page, w: int, stop: int) -> bool:
    """Does the weak end heading at ``w`` ("Related stories") close the article?

    No if a run of prose follows before ``stop``, or if, after the heading's
    teaser items, the body resumes: a prose line that is not followed by
    another teaser headline (teaser lists alternate headline and summary).
    """
    run = 0
    for i in range(w + 1, stop):
        if _is_bodyish(page, i):
            run += 1
            if run >= MIN_PROSE_RUN_AFTER_WEAK_END:
                return False
        elif page.kinds[i] not in ("caption", "media", "share", "label"):
            run = 0
    i = w + 1
    while i < stop and page.kinds[i] in ("title", "short", "teaser", "caption", "media", "label", "timestamp"):
        i += 1
    if i >= stop or not _is_bodyish(page, i):
        return True
    j = i + 1
    while j < stop and page.kinds[j] in ("caption", "media", "share", "label", "cta", "appeal"):
        j += 1
    return j < stop and page.kinds[j] in ("title", "short", "teaser", "timestamp")


def _closes_article(page: _Page, i: int) -> bool:
    """A strong end heading or a copyright line."""
    if page.kinds[i] in ("end-strong", "comment"):
        return True
    line = page.lines[i]
    # "© 2019 Associated Press. All Rights Reserved." closes; "© John Brecher
    # Needle poking skin ..." is a photo credit inside the body.
    return (page.kinds[i] == "footer" and bool(re.match(r"^(?:©|ⓒ|\(c\)|copyright)", line, re.IGNORECASE))
            and (bool(_COPYRIGHT_NOTICE.search(line)) or len(f.words(line)) <= MAX_SHORT_NOTICE_WORDS))


def _main_span(page: _Page) -> tuple[int, int]:
    """(first prose line, end) of the article body: the prose run with the most text.

    Strong end headings ("Most viewed", "Topics", "©") break runs; so do weak
    ones ("Related") that are followed by teasers only. Runs after a comment
    thread's heading are comments once an article-sized run precedes them.
    """
    n = len(page.lines)
    closers = [i for i in range(n) if _closes_article(page, i)]
    closer_set = set(closers)
    segments: list[list[int]] = []
    gap = BODY_MAX_GAP + 1
    for i in range(n):
        kind = page.kinds[i]
        if _is_bodyish(page, i):
            if gap > BODY_MAX_GAP or not segments:
                segments.append([])
            segments[-1].append(i)
            gap = 0
        elif i in closer_set or (
            kind == "end-weak" and segments and _weak_end_closes(page, i, _next_closer(closers, i, n))
        ):
            gap = BODY_MAX_GAP + 1  # an end heading starts a new run
        elif kind in ("timestamp", "byline") and segments and gap <= BODY_MAX_GAP:
            # A dated or signed line right after prose opens the next item of a
            # teaser list (headline, author, date, summary); an article prints
            # its byline and date once, above the body.
            gap = BODY_MAX_GAP + 1
        elif kind not in _IN_BODY_FURNITURE:
            gap += 1
    if not segments:
        return n, n
    comment_heads = [i for i in closers if f.is_comments_marker(page.lines[i])]
    eligible: list[list[int]] = []
    article_end = None  # last line of the first article-sized run
    for seg in segments:
        if article_end is not None and any(article_end < c < seg[0] for c in comment_heads):
            continue
        if any(page.kinds[j] == "comment" for j in range(max(0, seg[0] - COMMENT_HEAD_LOOKBACK), seg[0])):
            continue  # a reader comment under its "Name on <date> said:" line
        eligible.append(seg)
        if article_end is None and len(seg) >= MIN_ARTICLE_PARAS:
            article_end = seg[-1]
    def mass(seg: list[int]) -> float:
        chars = sum(len(page.lines[i]) for i in seg)
        lo = _lookback_start(page, seg[0], HEADER_LOOKBACK)
        headed = any(page.kinds[i] in ("timestamp", "byline") for i in range(lo, seg[0]))
        return chars * (HEADED_RUN_BONUS if headed else 1.0)

    best = max(eligible, key=mass)
    end = _next_closer(closers, best[-1], n)
    # The body runs to the next weak end heading that closes it, else to ``end``.
    stop = end
    for i in range(best[-1] + 1, end):
        if page.kinds[i] == "end-weak" and _weak_end_closes(page, i, end):
            stop = i
            break
    # Lines after the best segment's last prose line are tail furniture unless
    # a later segment resumes the body (it did not win, so it is not the body).
    later = [seg for seg in segments if seg[0] > best[-1]]
    if later:
        stop = min(stop, later[0][0], best[-1] + 1 + BODY_MAX_GAP)
    return best[0], stop


def _next_closer(closers: list[int], after: int, default: int) -> int:
    return next((c for c in closers if c > after), default)


@dataclass
class _Header:
    title: str | None = None
    standfirst: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    used: dict[int, str] = field(default_factory=dict)


def _distance(page: _Page, a: int, b: int) -> int:
    """Lines from ``a`` to ``b`` (a < b), not counting share rows, captions and labels between them."""
    return 1 + sum(1 for i in range(a + 1, b) if page.kinds[i] not in _SKIPPABLE)


def _bare_byline(page: _Page, i: int) -> list[str] | None:
    if page.kinds[i] not in ("short", "title", "nav"):
        return None
    return parse_byline(page.lines[i], require_by=False)


def _lookback_start(page: _Page, start: int, significant_lines: int) -> int:
    """The index ``significant_lines`` lines above ``start``, not counting share rows, captions, labels."""
    lo, seen = start, 0
    while lo > 0 and seen < significant_lines:
        lo -= 1
        if page.kinds[lo] not in _SKIPPABLE:
            seen += 1
    return lo


def _read_header(page: _Page, body_start: int, body_end: int, url: str | None = None) -> tuple[_Header, int]:
    """Metadata above the body and the (possibly moved) body start."""
    lines, kinds = page.lines, page.kinds
    n = len(lines)
    head = _Header()
    meta_kinds = ("timestamp", "byline")

    # Standfirst-above-byline pages: no byline/timestamp above the main text,
    # but one within its first few prose paragraphs: those paragraphs are header.
    pre_body_prose: list[int] = []
    lo = _lookback_start(page, body_start, HEADER_LOOKBACK)
    if not any(kinds[i] in meta_kinds for i in range(lo, body_start)):
        prose = 0
        last_meta = None
        for i in range(body_start, body_end):
            if kinds[i] in meta_kinds:
                last_meta = i
            elif _is_bodyish(page, i):
                prose += 1
                if prose > MAX_STANDFIRST_PARAS:
                    break
        nxt = None
        if last_meta is not None:
            nxt = next((i for i in range(last_meta + 1, body_end) if _is_bodyish(page, i)), None)
        if last_meta is not None and nxt is not None:
            pre_body_prose = [i for i in range(body_start, last_meta) if kinds[i] == "prose"]
            body_start = nxt
            lo = _lookback_start(page, body_start, HEADER_LOOKBACK + len(pre_body_prose))

    # The byline/timestamp cluster nearest the body.
    metas = [i for i in range(lo, body_start) if kinds[i] in meta_kinds or _bare_byline(page, i)]
    cluster: list[int] = []
    for i in reversed(metas):
        if cluster and _distance(page, i, cluster[0]) > HEADER_CLUSTER_SPAN:
            break
        if cluster and any(kinds[k] in ("title", "prose") and k not in metas for k in range(i + 1, cluster[0])):
            break  # a headline between two timestamps/bylines: the upper one is above the title
        cluster.insert(0, i)
    # A bare name counts only next to a timestamp or "By" line, or right below the headline block.
    real = [i for i in cluster if kinds[i] in meta_kinds]
    cluster = [
        i for i in cluster
        if kinds[i] in meta_kinds
        or any(_distance(page, min(i, j), max(i, j)) <= BARE_BYLINE_MAX_DISTANCE for j in real)
        or (i > 0 and kinds[i - 1] in ("title", "prose") and not real)
    ]
    anchor = cluster[0] if cluster else (pre_body_prose[0] if pre_body_prose else body_start)
    if pre_body_prose and cluster and pre_body_prose[0] < anchor:
        anchor = pre_body_prose[0]

    # Published time and authors from the cluster.
    stamps: list[tuple[datetime, str | None, int]] = []
    for i in cluster:
        if kinds[i] == "timestamp":
            got = parse_timestamp_labelled(lines[i])
            if got:
                stamps.append((got[0], got[1], i))
            head.used[i] = "timestamp"
        else:
            names = parse_byline(lines[i], require_by=kinds[i] == "byline") or []
            for name in names:
                if name not in head.authors:
                    head.authors.append(name)
            head.used[i] = "byline"
    if stamps:
        unlabelled = [s for s in stamps if not is_modified_label(s[1])]
        head.published = (unlabelled or stamps)[0][0]

    # Headline and standfirst: walk up from the anchor.
    collected: list[int] = []
    skips = 0
    i = anchor - 1
    while i >= 0 and len(collected) < HEADER_MAX_LINES:
        kind = kinds[i]
        if kind in _SKIPPABLE and skips < HEADER_MAX_SKIPS:
            skips += 1
            i -= 1
            continue
        if kind in ("title", "prose", "appeal") and len(f.words(lines[i])) >= f.MIN_TITLE_WORDS:
            if not collected or _norm_key(lines[i]) != _norm_key(lines[collected[0]]):
                collected.insert(0, i)
            else:
                head.used[i] = "title-repeat"
            i -= 1
            continue
        break
    standfirst_lines: list[int] = []
    if collected:
        title_pos = 0 if len(collected) <= 2 else len(collected) - 2
        if not f.is_title_like(lines[collected[title_pos]]):
            shaped = [k for k, idx in enumerate(collected) if f.is_title_like(lines[idx])]
            title_pos = shaped[0] if shaped else title_pos
        t = collected[title_pos]
        head.title = lines[t]
        head.used[t] = "title"
        standfirst_lines = collected[title_pos + 1 :]
        top = collected[0]
    else:
        top = anchor
    standfirst_lines += [i for i in pre_body_prose if i not in standfirst_lines]
    if head.title is None and standfirst_lines and f.is_title_like(lines[standfirst_lines[0]]):
        # The headline was sentence-shaped ("Is Turkey ready …?"), so it read as prose.
        t = standfirst_lines.pop(0)
        head.title = lines[t]
        head.used[t] = "title"
        top = t
    # Standfirst below the byline: one prose line right after the byline/timestamp
    # block, then the share row that sites print between header and body.
    if not standfirst_lines and cluster and head.title:
        first = body_start
        after = first + 1
        if (_distance(page, cluster[-1], first) <= 1 and after < n and kinds[after] == "share"
                and parse_place_dateline(lines[first])[0] is None):
            nxt = next((i for i in range(after + 1, n) if _is_bodyish(page, i)), None)
            if nxt is not None:
                standfirst_lines = [first]
                body_start = nxt
    if standfirst_lines:
        head.standfirst = " ".join(lines[i] for i in standfirst_lines)
        for i in standfirst_lines:
            head.used[i] = "standfirst"

    # Section: the breadcrumb trail above the headline, else a short label right above it.
    for i in range(top - 1, max(-1, top - HEADER_LOOKBACK), -1):
        crumbs = f.breadcrumb(lines[i])
        if crumbs and kinds[i] in ("breadcrumb", "short", "title", "nav"):
            head.section = " > ".join(crumbs)
            head.used[i] = "section"
            break
    if head.section is None:
        i, skips = top - 1, 0
        while i >= 0 and kinds[i] in ("label", "timestamp") and skips < SECTION_MAX_SKIPS:
            i, skips = i - 1, skips + 1
        label_above = i if i >= 0 and kinds[i] == "short" and _section_like(lines[i]) else None
        # A label that opens its blank-line block is the page's section kicker;
        # one at the end of a menu block is only a menu item.
        if label_above is not None and (label_above == 0 or page.blocks[label_above - 1] != page.blocks[label_above]):
            head.section = _tidy_section(lines[label_above])
            head.used[label_above] = "section"
        elif url and (from_url := _section_from_url_path(page, top, url, head)):
            head.section = from_url
        elif label_above is not None:
            head.section = _tidy_section(lines[label_above])
            head.used[label_above] = "section"

    # A timestamp printed just above the headline ("Tuesday 14 March 2023" over the title).
    if head.published is None:
        for i in range(top - 1, _lookback_start(page, top, TIMESTAMP_ABOVE_TITLE_LINES) - 1, -1):
            if kinds[i] == "timestamp" and i not in head.used:
                got = parse_timestamp_labelled(lines[i])
                if got:
                    head.published = got[0]
                    head.used[i] = "timestamp"
                    break
    return head, body_start


def _tidy_section(label: str) -> str:
    """"WORLD NEWS" → "World News"; other labels as printed."""
    return label.title() if label.isupper() else label


def _section_from_url_path(page: _Page, top: int, url: str, head: _Header) -> str | None:
    """The header label naming the URL's section ("/world/europe/2017/..." → the "Europe" line).

    Section paths are a near-universal URL convention; the deepest path
    segment printed as a label close above the headline wins.
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url.lower()).split("?")[0]
    segments = [seg for seg in path.split("/")[:-1] if re.fullmatch(r"[a-z][a-z-]{1,24}", seg)]
    if not segments:
        return None
    for seg in reversed(segments):
        seg_words = set(seg.split("-"))
        for i in range(top - 1, max(-1, top - 1 - SECTION_LOOKBACK), -1):
            label = page.lines[i]
            if page.kinds[i] not in ("short", "nav", "label") or not _section_like(label):
                continue
            label_words = {w.lower() for w in f.words(label)}
            if seg_words <= label_words:
                head.used[i] = "section"
                return _tidy_section(label)
    return None


def _section_like(line: str) -> bool:
    ws = f.words(line)
    return (
        1 <= len(ws) <= MAX_SECTION_WORDS
        and line[:1].isupper()
        and not f.ends_terminal(line)
        and f.cta_score(line) < f.CTA_MIN_SCORE + 1
        and not re.search(r"\d", line)
    )


def _removal_reason(page: _Page, i: int) -> str:
    kind = page.kinds[i]
    return {
        "cta": "call-to-action",
        "appeal": "appeal-block",
        "contrib": "contributor-note",
        "end-strong": "end-of-article",
        "end-weak": "teaser-heading",
        "comment": "comment",
        "title": "teaser-headline",
        "short": "fragment",
    }.get(kind, kind)


def _extract_source(
    lines: list[tuple[str, int]],
) -> tuple[str | None, list[tuple[str, str]], list[tuple[str, int]]]:
    url = None
    removed: list[tuple[str, str]] = []
    kept: list[tuple[str, int]] = []
    for k, (line, block) in enumerate(lines):
        m = _SOURCE.match(line)
        bare = _BARE_URL.match(line) and (k < 3 or k >= len(lines) - 3)
        if m or bare:
            if url is None:
                found = m.group("url") if m else line
                url = found if found.lower().startswith("http") else "https://" + found
            removed.append((line, "source"))
            continue
        kept.append((line, block))
    return url, removed, kept


# A "Source: <url>" line is looked for among this many first and last lines.
SOURCE_LINE_SCAN = 5


def source_url(raw: str) -> str | None:
    """The page's URL from a "Source:" (or bare URL) line at its top or bottom, if any."""
    lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
    for line in lines[:SOURCE_LINE_SCAN] + lines[-SOURCE_LINE_SCAN:]:
        m = _SOURCE.match(line)
        found = m.group("url") if m else (line if _BARE_URL.match(line) else None)
        if found:
            return found if found.lower().startswith("http") else "https://" + found
    return None


def clean_plain_text(raw: str, *, outlet_lines: Collection[str] = ()) -> CleanedDoc:
    """Body text and metadata from a browser-saved page.

    ``outlet_lines`` are lines seen in other articles of the same outlet: such
    a line is furniture unless it is a quoted sentence.
    """
    text = normalise_text(raw)
    if looks_hard_wrapped([ln for ln in text.split("\n") if ln]):
        text = unwrap(text)
    text = join_broken_lines(text)
    numbered: list[tuple[str, int]] = []
    block = 0
    for ln in text.split("\n"):
        if ln:
            numbered.append((ln, block))
        elif numbered and numbered[-1][1] == block:
            block += 1
    url, removed, kept = _extract_source(numbered)
    lines = [ln for ln, _ in kept]
    if not lines:
        raise NoContentError("plain text holds no lines besides a source URL")

    repeated = {_norm_key(x) for x in outlet_lines}
    kinds = [_intrinsic_kind(line) for line in lines]
    repeat = [
        _norm_key(line) in repeated and not (f.starts_quote(line) and f.is_prose(line))
        for line in lines
    ]
    page = _Page(lines, kinds, repeat, [b for _, b in kept])
    _mark_appeals(page)
    _mark_teaser_blocks(page)

    start, end = _main_span(page)
    if start >= end:
        raise NoContentError(
            f"plain text has no article body: none of its {len(lines)} lines reads as prose "
            "(all are headings, menus, captions or prompts)"
        )
    head, start = _read_header(page, start, end, url)

    body: list[str] = []
    seen: set[str] = set()
    title_key = _norm_key(head.title) if head.title else None
    fallback_stamps: list[tuple[datetime, str | None]] = []
    late_authors: list[str] = []
    reporting: list[str] = []
    n = len(lines)
    for i, line in enumerate(lines):
        if i in head.used:
            page.removed[i] = head.used[i]
            continue
        if i < start:
            kind = kinds[i]
            page.removed[i] = _removal_reason(page, i) if kind in _IN_BODY_FURNITURE else "header"
            continue
        if i >= end:
            known = kinds[i] in _IN_BODY_FURNITURE
            page.removed[i] = _removal_reason(page, i) if known else "after-article"
            continue
        kind = kinds[i]
        key = _norm_key(line)
        if repeat[i]:
            page.removed[i] = "outlet-repeat"
        elif key == title_key:
            page.removed[i] = "title-repeat"
        elif kind == "prose":
            if key in seen:
                page.removed[i] = "duplicate"
            else:
                seen.add(key)
                body.append(line)
        elif kind in ("title", "short") and _keeps_as_crosshead(page, i):
            body.append(line)
        else:
            if kind == "timestamp":
                got = parse_timestamp_labelled(line)
                if got:
                    fallback_stamps.append(got)
            elif kind == "byline":
                late_authors += parse_byline(line) or []
            elif kind == "contrib":
                names = f.reporting_names(line)
                if names:
                    reporting += tidy_authors(names.replace(" and ", "; "))
            page.removed[i] = _removal_reason(page, i)
    if (head.title is None and len(body) > MIN_PARAGRAPHS_AFTER_PROMOTED_TITLE and f.is_title_like(body[0])
            and not f.starts_quote(body[0]) and not f.has_attribution(body[0])
            and parse_place_dateline(body[0])[0] is None):
        # No header block at all and the first "paragraph" is headline-shaped.
        head.title = body.pop(0)
        removed_title = [i for i, line in enumerate(lines) if line == head.title and i not in page.removed]
        if removed_title:
            page.removed[removed_title[0]] = "title"
    # The note about the writer under the article ("X is a staff writer at …").
    while len(body) > 1 and f.is_author_bio(body[-1]):
        removed.append((body.pop(), "author-bio"))
    if not body:
        raise NoContentError(f"plain text has no article body: all {n} lines were furniture")

    published = head.published
    if published is None and not fallback_stamps:
        fallback_stamps = _dated_lines_above(page, start)
    if published is None and fallback_stamps:
        unlabelled = [s for s in fallback_stamps if not is_modified_label(s[1])]
        published = (unlabelled or fallback_stamps)[0][0]
    authors = head.authors or late_authors or reporting
    dateline, _ = parse_place_dateline(body[0])
    body_text = "\n\n".join(body)
    removed += [(lines[i], page.removed[i]) for i in sorted(page.removed)]
    return CleanedDoc(
        text=body_text,
        title=head.title,
        standfirst=head.standfirst,
        authors=authors,
        url=url,
        section=head.section,
        published=published,
        published_source="text" if published is not None else None,
        dateline=dateline,
        removed=removed,
    )


def _dated_lines_above(page: _Page, start: int) -> list[tuple[datetime, str | None]]:
    """Dates inside the short lines above the body, nearest first ("By Jo Lee | Nov 18, 2019 19:14 GMT")."""
    found = []
    for i in range(start - 1, max(-1, start - DATED_LINE_LOOKBACK - 1), -1):
        if page.kinds[i] in ("prose", "appeal") or len(f.words(page.lines[i])) > MAX_DATED_LINE_WORDS:
            continue
        got = find_timestamp(page.lines[i])
        if got is not None:
            found.append(got)
    return found


def _keeps_as_crosshead(page: _Page, i: int) -> bool:
    """A short sentence-case heading between two prose paragraphs, or a lead-in ending in ":"."""
    line = page.lines[i]
    n = len(page.lines)
    prev_prose = i > 0 and page.kinds[i - 1] == "prose"
    next_prose = i + 1 < n and page.kinds[i + 1] == "prose"
    if line.rstrip().endswith(":") and next_prose and len(f.words(line)) >= 2:
        return True
    if not (prev_prose and next_prose):
        return False
    if f.is_title_case(line) or f.is_cta(line) or f.is_kicker_headline(line):
        return False
    return len(f.words(line)) <= MAX_CROSSHEAD_WORDS
