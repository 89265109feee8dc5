"""Regenerate docs/story-page.png, the README's screenshot of a story page.

    .venv/bin/python docs/screenshot.py [--db out/demo.db] [-o docs/story-page.png]

Serves the database (default: the example corpus ingested into a temporary
one) with ``newsgraph.web.app.create_app`` on a free loopback port and shows
the story with the most outlets in Debian's Chromium (``/usr/bin/chromium``).
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsgraph.api import ingest
    from newsgraph.store import open_store
    from newsgraph.web.app import create_app

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database to show (default: examples/ ingested into a temporary one)")
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "story-page.png"))
    opts = ap.parse_args()
    db = opts.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "examples.db")
        store = open_store(db)
        try:
            ingest([str(ROOT / "examples")], store)
        finally:
            store.close()
    store = open_store(db)
    try:
        story = max(store.stories(), key=lambda s: (len(s.outlets), len(s.article_ids), s.id))
    finally:
        store.close()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1180})
            page.goto(f"http://127.0.0.1:{port}/#/story/{story.id}")
            page.wait_for_selector("table")
            page.screenshot(path=opts.output)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
    print(f"{opts.output}: story {story.id} ({len(story.outlets)} outlets)")


if __name__ == "__main__":
    main()
