"""Article-extraction benchmark (Scrapinghub/Zyte, ../shared/data/article_extraction_benchmark).

181 real pages with hand-checked body text. Three tracks, each scored with
bag-of-words token P/R/F1 per page, averaged over pages:

* **html**: newsgraph's HTML extraction against plain ``trafilatura.extract``
  (default and ``favor_precision``) in the same run;
* **text**: each page rendered to plain text as a browser would (inscriptis:
  scripts and styles dropped, block layout kept), then newsgraph's plain-text
  cleaner, against the raw rendered text;
* **date**: where a page states its publication date in its own metadata
  (OpenGraph ``article:published_time`` or schema.org ``datePublished``),
  the share of pages whose extracted date has the same calendar day.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.evaluation.metrics import PRF, mean_prf, token_prf

Extractor = Callable[["Page"], str]

DATASET = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "article_extraction_benchmark"


@dataclass(frozen=True)
class Page:
    key: str
    url: str
    html: str
    gold: str


def load_pages(root: Path = DATASET, limit: int | None = None) -> list[Page]:
    """The benchmark's pages in file-name order (read at run time, never copied)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for key in sorted(truth):
        raw = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        pages.append(Page(key, truth[key].get("url", ""), html, truth[key]["articleBody"]))
        if limit and len(pages) >= limit:
            break
    return pages


@dataclass
class TrackResult:
    name: str
    scores: dict[str, PRF] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def mean(self) -> PRF:
        return mean_prf(list(self.scores.values()))


def run_track(name: str, pages: list[Page], extract: Callable[[Page], str]) -> TrackResult:
    """Score ``extract`` on every page; a page it fails on scores 0 and is listed."""
    res = TrackResult(name)
    for p in pages:
        try:
            out = extract(p)
        except NewsgraphError as e:
            res.failures[p.key] = str(e)
            out = ""
        res.scores[p.key] = token_prf(out, p.gold)
    return res


# --- extractors ------------------------------------------------------------


def newsgraph_html(page: Page) -> str:
    from newsgraph.clean.html import extract_html

    return extract_html(page.html, url=page.url).text


def trafilatura_default(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url) or ""


def trafilatura_precision(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, favor_precision=True) or ""


def render_text(html: str) -> str:
    """The page as a browser's select-all copy: visible text, block layout kept."""
    from inscriptis import get_text

    return get_text(html)


def rendered_raw(page: Page) -> str:
    return render_text(page.html)


def newsgraph_text(page: Page) -> str:
    from newsgraph.clean.plaintext import clean_plain_text

    return clean_plain_text(render_text(page.html)).text


# --- dates -----------------------------------------------------------------

_META_DATE = re.compile(
    r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished)[\"'][^>]*>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content=[\"']([^\"']+)[\"']", re.IGNORECASE)
_LD_DATE = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\"")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Placeholder dates ("0001-01-01") are not a page's date.
MIN_YEAR = 1990


def metadata_date(html: str) -> datetime | date | None:
    """The page's own publication date from its metadata, read independently of
    newsgraph: a datetime when the value has a time and offset, else the day."""
    values = [m2.group(1) for m in _META_DATE.finditer(html) if (m2 := _CONTENT.search(m.group(0)))]
    values += _LD_DATE.findall(html)
    for v in values:
        v = v.strip()
        try:
            dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
        except ValueError:
            dt = None
        if dt is not None and dt.tzinfo is not None and dt.year >= MIN_YEAR:
            return dt
        m = _ISO_DAY.search(v)
        if m:
            try:
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if day.year >= MIN_YEAR:
                return day
    return None


def metadata_day(html: str) -> date | None:
    got = metadata_date(html)
    return got.date() if isinstance(got, datetime) else got


def same_day(got: datetime | date, ref: datetime | date) -> bool:
    """Same calendar day; two instants with offsets are compared in the reference's zone
    ("10:01 pm PST, November 19" is November 20 in a UTC metadata stamp)."""
    if isinstance(got, datetime) and isinstance(ref, datetime) and got.tzinfo and ref.tzinfo:
        return got.astimezone(ref.tzinfo).date() == ref.date()
    g = got.date() if isinstance(got, datetime) else got
    r = ref.date() if isinstance(ref, datetime) else ref
    return g == r


@dataclass
class DateResult:
    name: str
    with_reference: int = 0
    matched: int = 0
    found: int = 0

    @property
    def accuracy(self) -> float:
        return self.matched / self.with_reference if self.with_reference else 0.0


def run_dates(name: str, pages: list[Page], extract: Callable[[Page], datetime | date | None]) -> DateResult:
    res = DateResult(name)
    for p in pages:
        ref = metadata_date(p.html)
        if ref is None:
            continue
        res.with_reference += 1
        try:
            got = extract(p)
        except NewsgraphError:
            got = None
        if got is None:
            continue
        res.found += 1
        if same_day(got, ref):
            res.matched += 1
    return res


def newsgraph_html_date(page: Page) -> datetime | None:
    from newsgraph.clean.html import extract_html

    return extract_html(page.html, url=page.url).published


def newsgraph_text_date(page: Page) -> datetime | None:
    from newsgraph.clean.plaintext import clean_plain_text

    return clean_plain_text(render_text(page.html)).published


def htmldate_date(page: Page) -> date | None:
    from htmldate import find_date

    found = find_date(page.html, original_date=True)
    return date.fromisoformat(found) if found else None


def iter_worst(res: TrackResult, n: int = 10) -> Iterator[tuple[str, PRF]]:
    """The n pages with the lowest F1 (for looking at what goes wrong)."""
    yield from sorted(res.scores.items(), key=lambda kv: kv[1].f1)[:n]


def newsgraph_text_corpus(pages: list[Page]) -> Extractor:
    """The plain-text cleaner as the pipeline runs it over a corpus: with the
    lines each page shares with other pages of the same site (see clean.repetition)."""
    return text_tracks(pages, {p.key: render_text(p.html) for p in pages})["corpus"]


CHROMIUM = "/usr/bin/chromium"
# A page that does not render within this many milliseconds is skipped (scored as empty).
CHROMIUM_TIMEOUT_MS = 20_000


def render_with_chromium(pages: list[Page], executable: str = CHROMIUM) -> dict[str, str]:
    """Each page's ``document.body.innerText`` in a real browser: what select-all + copy gives.

    Scripts are off and every network request is refused (the pages are
    read from disk), so the layout comes from the HTML and its inline styles.
    Needs Python Playwright and a Chromium binary; bench-only.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out: dict[str, str] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True)
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", lambda route: route.abort())
        for p in pages:
            page = context.new_page()
            try:
                page.set_content(p.html, wait_until="domcontentloaded", timeout=CHROMIUM_TIMEOUT_MS)
                out[p.key] = page.evaluate("() => document.body ? document.body.innerText : ''")
            except PlaywrightError:
                out[p.key] = ""
            finally:
                page.close()
        browser.close()
    return out


def text_tracks(pages: list[Page], rendered: dict[str, str]) -> dict[str, Extractor]:
    """Raw text, the cleaner on each page alone and over the corpus, for pre-rendered texts."""
    from newsgraph.clean.plaintext import clean_plain_text
    from newsgraph.clean.repetition import OutletLines, outlet_key

    memory = OutletLines()
    counted = {p.key: memory.add(outlet_key(p.url), rendered[p.key]) for p in pages}

    def corpus(page: Page) -> str:
        text = rendered[page.key]
        lines = memory.repeated(outlet_key(page.url), text, counted=counted[page.key])
        return clean_plain_text(text, outlet_lines=lines).text

    return {
        "raw": lambda page: rendered[page.key],
        "alone": lambda page: clean_plain_text(rendered[page.key]).text,
        "corpus": corpus,
    }
