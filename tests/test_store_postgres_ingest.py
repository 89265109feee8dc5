"""A real ingest into PostgreSQL stores what the same ingest stores in SQLite (loads spaCy: slow);
one report carries a NUL character, which cleaning removes."""

from __future__ import annotations

import json

import pytest

from newsgraph.api import ingest
from newsgraph.model import to_record
from newsgraph.store import open_store
from newsgraph.store.db import EventFilter

pytestmark = pytest.mark.slow

# Hand-written for this test: two outlets on one visit (a story with a shared event) and a protest.
TEXTS = {
    "north-herald-visit.txt": """Minister to visit Ankara for talks

By Clara Jansen
Tuesday 14 March 2023

German foreign minister Annalena Baerbock will visit Ankara on Thursday for talks with Turkish foreign
minister Mevlut Cavusoglu, the foreign office in Berlin said on Tuesday.

"We stand with the people of Turkey," Baerbock told reporters in Berlin.
""",
    "east-courier-visit.txt": """Baerbock heads to Turkey

By Omar Reyes
Tuesday 14 March 2023

Annalena Baerbock, Germany's foreign minister, will visit Ankara on Thursday to meet Mevlut Cavusoglu,
officials in Berlin said.

Cavusoglu said he welcomed the visit.
""",
    "south-times-protest.txt": """Thousands protest in Tbilisi

By Nino Beridze
Wednesday 8 March 2023

Thousands of demonstrators protested outside the parliament in Tbilisi on Wednesday against a draft law
on foreign agents. Police used water cannon against the protesters.
""",
}


def _snapshot(store):
    return {
        "counts": store.counts(),
        "articles": [to_record(a) for a in store.articles()],
        "stories": [to_record(s) for s in store.stories()],
        "events": [to_record(e) for e in store.events()],
        "entities": [to_record(e) for e in store.entities()],
        "quotes": [to_record(q) for q in store.quotes()],
        "failures": [to_record(f) for f in store.failures()],
    }


def test_postgres_ingest_matches_sqlite(tmp_path, new_db):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    # A feed record whose JSON carries a NUL (a file with NUL bytes is refused as binary instead).
    (folder / "wire.jsonl").write_text(json.dumps({
        "title": "Flooding\u0000 closes roads", "outlet": "Wire", "published": "2023-03-09T10:00:00+00:00",
        "text": "Heavy rain flooded roads in Batumi on Thursday.\u0000 Officials in Georgia said schools were closed.",
    }) + "\n", encoding="utf-8")
    runs = {}
    for backend, url in (("sqlite", str(tmp_path / "news.db")), ("postgresql", new_db())):
        store = open_store(url)
        try:
            ingest([str(folder)], store)
            runs[backend] = _snapshot(store)
            if backend == "postgresql":
                # PostgreSQL's own full text: English stemming finds "protesters" from "protester"
                assert [e.type for e in store.event_page(EventFilter(query="water cannon protester")).items] == [
                    "ASSAULT"]
                assert store.story_page(query="Cavusoglu").items
        finally:
            store.close()
    sqlite, postgres = runs["sqlite"], runs["postgresql"]
    assert sqlite["counts"]["articles"] == 4 and sqlite["counts"]["events"] > 0
    # the NUL in one report is removed while cleaning: no backend refuses the batch for it
    assert sqlite["failures"] == []
    assert not any("\x00" in (a["text"] + (a["title"] or "")) for a in sqlite["articles"])
    for what in sqlite:
        assert postgres[what] == sqlite[what], what


@pytest.fixture
def store_backend() -> str:
    """new_db gives PostgreSQL databases here: the test compares a PostgreSQL run with a SQLite one."""
    return "postgresql"
