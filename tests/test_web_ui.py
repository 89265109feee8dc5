"""The web UI in a real browser: Playwright (Python) driving Debian's Chromium.

One module-scoped server: a few hand-written articles ingested with spaCy into a
temporary SQLite store, served by ``newsgraph.web.app.create_app`` under uvicorn
on a free 127.0.0.1 port. The walk opens the story list, searches, opens a story
and its comparison table, opens an entity, and checks that the timeline, network
and map draw (SVG elements counted), that no console error or dialog appears, and
that article text carrying ``<script>`` and an ``onerror`` handler is shown as text
and never runs. Screenshots go to $NEWSGRAPH_ARTEFACTS (default out/screenshots/).
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(os.environ.get("NEWSGRAPH_ARTEFACTS") or ROOT / "out" / "screenshots")
TOKEN = "ui-test-token"
# Chromium flags for a root user on a machine with no outside network (see the env notes):
# no sandbox as root, and none of the background connections that would only be refused.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 20_000  # one view's data, charts included, on a loaded 2-core machine

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "hp-kenya", "outlet": "Harbour Post", "published": "2024-03-04T08:00:00+00:00",
        "title": "Kenya and Ethiopia sign border security pact in Nairobi",
        "text": (
            "NAIROBI — Kenya and Ethiopia signed a border security agreement in Nairobi on Monday, officials said.\n\n"
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed at State House and praised "
            "Ethiopia for its cooperation against cattle raiders.\n\n"
            "“This agreement opens a new chapter for our two countries,” Ruto said.\n\n"
            "Police said 12 people were arrested near the border town of Moyale last week.\n\n"
            "Abiy Ahmed thanked Kenya for its support and promised to send more officers to the border."
        ),
    },
    {
        "id": "gw-kenya", "outlet": "Global Wire", "published": "2024-03-04T10:30:00+00:00",
        "title": "Kenya, Ethiopia agree border security deal",
        "text": (
            "NAIROBI, March 4 (Global Wire) - Kenya and Ethiopia signed an agreement on border security in Nairobi "
            "on Monday.\n\n"
            "Kenyan President William Ruto said the accord would help both countries fight cattle rustling.\n\n"
            "“We will work together to keep our people safe,” Ruto told reporters.\n\n"
            "Police said 14 people were arrested near Moyale last week.\n\n"
            "Ethiopian Prime Minister Abiy Ahmed accused armed groups of smuggling weapons across the border."
        ),
    },
    {
        "id": "mer-tbilisi", "outlet": "The Meridian", "published": "2024-03-05T09:00:00+00:00",
        "title": f"Georgian police fire tear gas at Tbilisi protest {XSS_SCRIPT}{XSS_IMG}",
        "text": (
            "TBILISI — Georgian police fired tear gas at protesters outside parliament in Tbilisi on Tuesday.\n\n"
            f"The interior ministry said 30 officers were injured {XSS_IMG} during the clashes {XSS_SCRIPT} "
            "in central Tbilisi.\n\n"
            "Opposition leader Nika Melia accused the government of using excessive force.\n\n"
            "“We will not be silenced,” Melia said."
        ),
    },
    {
        "id": "sdh-tokyo", "outlet": "Seoul Daily Herald", "published": "2024-03-06T07:00:00+09:00",
        "title": "Japan and South Korea agree to resume security talks",
        "text": (
            "TOKYO — Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk-yeol in Tokyo on "
            "Wednesday and agreed to resume regular security talks.\n\n"
            "Yoon said the two countries would cooperate closely on North Korea.\n\n"
            "“We share a common future,” Kishida said."
        ),
    },
]
# a phrase only the Kenya story's articles hold (the search step finds that story alone)
SEARCH_WORDS = "Moyale"
KENYA_TITLE = ARTICLES[0]["title"]


# --------------------------------------------------------------------------- without a browser
def test_page_and_assets_carry_the_security_headers() -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from newsgraph.web import ui

    app = FastAPI()
    ui.install(app)
    client = TestClient(app)
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp and "unsafe" not in csp
    assert "require-trusted-types-for 'script'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    script = client.get("/static/js/main.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.headers["content-security-policy"] == csp
    world = client.get("/static/world/world.json").json()
    assert len(world["countries"]) == 177 and all(c["d"].startswith("M") for c in world["countries"])
    assert client.get("/static/nothing-here.js").status_code == 404


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"{tag} {k}" for k, _ in attrs if k.lower().startswith("on")]
        if tag == "script":
            self.scripts.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script" and data.strip():
            self.inline_script = True


def test_ui_code_has_no_inline_script_nor_html_sinks() -> None:
    """The CSP forbids inline scripts and Trusted Types forbid HTML sinks; this finds a slip
    before a browser does: the page's only scripts are files, and no JS parses HTML."""
    from newsgraph.web.ui import STATIC_DIR

    tags = _Tags()
    tags.feed((STATIC_DIR / "index.html").read_text(encoding="utf-8"))
    assert tags.scripts and all(s.get("src") for s in tags.scripts) and not tags.inline_script
    assert tags.handlers == []
    sinks = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "srcdoc")
    for js in sorted((STATIC_DIR / "js").glob("*.js")):
        code = re.sub(r"/\*.*?\*/|^\s*//.*$", "", js.read_text(encoding="utf-8"), flags=re.S | re.M)  # comments
        assert [s for s in sinks if s in code] == [], js.name
        assert "http://" not in code.replace("http://www.w3.org/2000/svg", "") and "https://" not in code, js.name


def test_install_refuses_a_build_without_its_static_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi import FastAPI

    from newsgraph.errors import UIAssetsError
    from newsgraph.web import ui

    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    monkeypatch.setattr(ui, "STATIC_DIR", tmp_path)
    with pytest.raises(UIAssetsError, match=r"E059.*app\.css.*js/main\.js.*world/world\.json"):
        ui.install(FastAPI())


# --------------------------------------------------------------------------- in the browser
def _unavailable(reason: str) -> None:
    """Skip where the browser stack is missing, but fail in CI, which must run this test
    (.ci/run sets $NEWSGRAPH_REQUIRE_BROWSER=1; a CI service's $CI counts too)."""
    if os.environ.get("NEWSGRAPH_REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser test: .ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app (``create_app``) over a store built from ARTICLES, on a free loopback port."""
    import uvicorn

    from newsgraph.api import ingest
    from newsgraph.store import open_store
    from newsgraph.web.app import create_app

    d = tmp_path_factory.mktemp("web_ui")
    source = d / "articles.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    db = str(d / "news.db")
    store = open_store(db)
    try:
        summary = ingest([str(source)], store)
    finally:
        store.close()
    assert summary.stored == len(ARTICLES), summary.as_dict()

    app = create_app(db, token=TOKEN)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watch:
    """What a page did that it must not: console errors, uncaught exceptions, dialogs,
    requests to anywhere but the server under test."""

    def __init__(self, page: Any, base: str) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: None if r.url.startswith(base + "/") else self.outside.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.outside == [], f"the page fetched from outside the server: {self.outside}"


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    watch = Watch(pg, server)
    yield pg, watch
    context.close()


def shot(page: Any, name: str, *, full_page: bool = True) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=full_page)


def open_view(page: Any, base: str, route: str, ready: str) -> None:
    page.goto(f"{base}/{route}")
    page.wait_for_selector(f"#view[data-ready='{ready}']")
    assert page.locator("#error").is_hidden(), page.locator("#error").text_content()


def no_markup_ran(page: Any) -> None:
    """The article text's <script> and onerror handler did not run, nor became elements."""
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#view script, #view img, #view [onerror]").count() == 0


@pytest.mark.slow
def test_walk_story_list_search_story_entity(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    open_view(pg, server, "", "stories")
    items = pg.locator("#story-list .story-item")
    assert items.count() == 3
    shot(pg, "01-story-list")

    pg.fill("#story-search", SEARCH_WORDS)
    pg.press("#story-search", "Enter")
    pg.wait_for_function("(q) => location.hash === '#/?q=' + encodeURIComponent(q)", arg=SEARCH_WORDS)
    pg.wait_for_selector("#view[data-ready='stories']")
    assert items.count() == 1
    assert items.first.locator(".story-link").text_content() == KENYA_TITLE
    shot(pg, "02-search")

    items.first.locator(".story-link").click()
    pg.wait_for_selector("#view[data-ready='story']")
    assert pg.locator("#story-title").text_content() == KENYA_TITLE
    table = pg.locator("#comparison-table")
    heads = table.locator("thead th").all_text_contents()
    assert heads[0] == "Fact" and set(heads[1:3]) == {"Harbour Post", "Global Wire"}, heads
    assert table.locator("tr.fact").count() >= 3
    # Harbour Post published first: it is credited first on the facts both sources report
    shared = table.locator("tr.fact:not(.unique)")
    assert shared.count() >= 1
    assert "Harbour Post" in shared.first.locator("td").last.text_content()
    assert table.locator("tr.unique .badge.only").count() >= 1  # facts only one outlet reported
    # 12 arrested or 14: the disagreement is listed with each source's sentence
    disagreement = pg.locator("#disagreements .disagreement").filter(has_text="14")
    assert disagreement.count() >= 1
    assert "12" in disagreement.first.text_content()
    assert disagreement.first.locator("mark.hit").count() >= 2
    # a fact's row opens to each source's evidence, its words marked
    row = table.locator("tr.fact").first
    evidence = row.locator("xpath=following-sibling::tr[1]")
    assert evidence.is_hidden()
    row.locator("button.fact-toggle").click()
    assert evidence.is_visible() and evidence.locator("blockquote").count() >= 1
    # events with their evidence sentences, trigger marked; quotes grouped by speaker
    assert pg.locator("#story-events .event").count() >= 3
    assert pg.locator("#story-events mark.trigger").count() >= 3
    # each report's own trigger word is marked (the evidence carries its offsets), in every sentence
    quoted = pg.locator("#story-events .evidence blockquote")
    assert quoted.count() == pg.locator("#story-events .evidence blockquote mark.trigger").count()
    speakers = pg.locator("#quotes-by-speaker .speaker")
    police = speakers.filter(has=pg.locator("h3", has_text="Police"))
    assert police.count() == 1 and police.locator("li").count() == 2  # one quote from each outlet, one group
    ruto = speakers.filter(has=pg.locator("h3", has_text="William Ruto"))
    assert ruto.count() == 1 and ruto.locator("li").count() >= 1
    shot(pg, "03-story")
    shot(pg, "03-story-top", full_page=False)

    ruto.locator("h3 a.entity-link").click()
    pg.wait_for_selector("#view[data-ready='entity']")
    assert pg.locator("#entity-name").text_content() == "William Ruto"
    assert pg.locator("#entity-aliases .chip").all_text_contents() == ["William Ruto"]
    assert "President" in pg.locator(".facts").text_content()  # his title
    pg.wait_for_selector(".events .event")
    assert pg.locator(".events .event").count() >= 1
    pg.wait_for_selector("#entity-timeline svg.timeline rect")
    shot(pg, "04-entity")
    no_markup_ran(pg)
    watch.check()


@pytest.mark.slow
def test_timeline_network_and_map_draw(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    open_view(pg, server, "#/timeline", "timeline")
    bars = pg.locator("#timeline-chart svg.timeline .bar")
    assert bars.count() >= 3  # one per day: 4, 5 and 6 March
    assert pg.locator("#timeline-chart svg.timeline rect").count() >= bars.count()
    assert pg.locator("#timeline-chart svg .axis line").count() > 0
    bars.first.click()
    pg.wait_for_selector("#timeline-day .event")
    shot(pg, "05-timeline")

    open_view(pg, server, "#/network", "network")
    svg = pg.locator("#network-chart svg.network")
    assert svg.locator("circle.node").count() >= 4
    assert svg.locator("line.edge").count() >= 2
    tones = set(svg.locator("line.edge").evaluate_all("ls => ls.map(l => l.dataset.tone)"))
    assert tones and tones <= {"cooperation", "conflict", "mixed"}
    assert svg.locator("line.edge[data-tone='cooperation']").first.get_attribute("stroke") == "#2e8b57"
    shot(pg, "06-network")
    # a node that is a known entity opens its page
    node = svg.locator(".node-group:not([data-id^='name:'])").first
    entity_id = node.get_attribute("data-id")
    node.locator("circle").click()
    pg.wait_for_selector("#view[data-ready='entity']")
    assert pg.url.endswith(f"#/entity/{entity_id}")

    open_view(pg, server, "#/map", "map")
    world = pg.locator("#map-chart svg.map")
    assert world.locator("path.country").count() > 150  # Natural Earth 1:110m has 177
    assert world.locator("path.country.has-events").count() >= 1
    points = world.locator("circle.point")
    assert points.count() >= 2  # Nairobi, Tbilisi, Tokyo...
    points.first.click()
    pg.wait_for_selector("#map-place .event")
    shot(pg, "07-map")
    no_markup_ran(pg)
    watch.check()


@pytest.mark.slow
def test_article_markup_is_shown_as_text_and_never_runs(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    response = pg.goto(server + "/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    pg.wait_for_selector("#view[data-ready='stories']")
    link = pg.locator(".story-link").filter(has_text=XSS_SCRIPT)
    assert link.count() == 1
    assert link.text_content().endswith(XSS_SCRIPT + XSS_IMG)  # the markup, as text
    no_markup_ran(pg)

    link.click()
    pg.wait_for_selector("#view[data-ready='story']")
    assert pg.locator("#story-title").text_content().endswith(XSS_SCRIPT + XSS_IMG)
    evidence = pg.locator("blockquote").filter(has_text=XSS_IMG)
    assert evidence.count() >= 1
    assert XSS_SCRIPT in evidence.first.text_content()
    no_markup_ran(pg)
    shot(pg, "08-markup-as-text")

    watch.check()

    # the CSP's Trusted Types make any HTML sink throw, so a slip in the UI's code cannot parse markup
    outcome = pg.evaluate("""() => {
        try { document.getElementById('view').innerHTML = '<img src=x onerror="window.__xss=3">'; return 'parsed'; }
        catch (e) { return e.name; }
    }""")
    assert outcome == "TypeError"
    assert len(watch.errors) == 1 and "TrustedHTML" in watch.errors[0], watch.errors  # Chromium reports the block
    no_markup_ran(pg)


@pytest.mark.slow
def test_ingest_form_shows_the_job_until_done(page: tuple[Any, Watch], server: str) -> None:
    pg, watch = page
    open_view(pg, server, "#/ingest", "ingest")
    pg.fill("#ingest-token", "wrong-" + TOKEN)
    pg.fill("#ingest-title", "Chile and Peru open a new border crossing")
    pg.fill("#ingest-outlet", "Andes Courier")
    pg.fill("#ingest-published", "2024-03-07T12:00:00+00:00")
    pg.fill("#ingest-text", "SANTIAGO — Chile and Peru opened a new border crossing near Arica on Thursday, "
                            "the two governments said.\n\nChilean President Gabriel Boric praised Peru for its "
                            "cooperation.")
    pg.click("#ingest-form button[type=submit]")
    pg.wait_for_selector("#ingest-error")
    assert "token" in pg.locator("#ingest-error").text_content()
    watch.errors = [e for e in watch.errors if "401" not in e]  # the refused POST, as Chromium logs it

    pg.fill("#ingest-token", TOKEN)
    pg.click("#ingest-form button[type=submit]")
    pg.wait_for_selector("#ingest-job")
    pg.wait_for_selector("#ingest-job[data-state='done'], #ingest-job[data-state='failed']", timeout=120_000)
    assert pg.locator("#ingest-job").get_attribute("data-state") == "done", pg.locator("#ingest-job").text_content()
    assert pg.locator("#ingest-progress").get_attribute("value") == "1"
    shot(pg, "09-ingest")
    pg.wait_for_function("document.getElementById('counts').textContent.startsWith('4 stories')")

    open_view(pg, server, "#/?q=Arica", "stories")
    assert pg.locator("#story-list .story-link").all_text_contents() == ["Chile and Peru open a new border crossing"]
    watch.check()
