"""Texts for calibrating language identification and the sentence-quality guard.

English news of ../shared/data (read at run time, never copied): ECB+
documents, Giveme5W1H article texts and article_extraction_benchmark's gold
bodies of its English pages. Foreign-language news: that benchmark's 20 pages
in other languages (ids and languages below, checked by hand: URL words and
page text; the HTML ``lang`` attribute is wrong on 2 of them and on 2 English
pages) and the project-written texts of tests/data/foreign_news.jsonl.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data"
ECBPLUS_DOCS = DATA / "ecbplus" / "docs.jsonl"
GIVEME = DATA / "giveme5w1h_gold" / "gold_5w1h.jsonl"
EXTRACTION = DATA / "article_extraction_benchmark" / "ground-truth.json"
FOREIGN_NEWS = ROOT / "tests" / "data" / "foreign_news.jsonl"

# article_extraction_benchmark pages not in English: page id prefix → ISO 639-1.
# Every other page of the benchmark is English.
EXTRACTION_FOREIGN = {
    "0ec95c7261": "ko", "9da36ae471": "ko",
    "11ea381ad9": "pt", "23aaecd141": "pt", "3252222e61": "pt", "b3c19dd5f0": "pt", "cc03ddb5ef": "pt",
    "f6ac15a4d9": "pt",
    "20b2b64916": "it", "b6fb53e9fb": "it",
    "21486419bb": "id", "7837c9d66c": "id",
    "3c6d3381ef": "ru", "c4a3637c66": "ru", "c82b3d1d54": "ru", "ff0f958ade": "ru",
    "57b4dafd18": "de", "ba07d1e647": "de",
    "85439e26c4": "ja", "f105de6e63": "ja",
}


@dataclass(frozen=True)
class Text:
    corpus: str  # "ecbplus" | "giveme5w1h" | "extraction" | "project"
    key: str
    language: str
    text: str


def english_texts() -> Iterator[Text]:
    """The English news texts of ../shared/data (the corpora that are present)."""
    if ECBPLUS_DOCS.exists():
        with ECBPLUS_DOCS.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                yield Text("ecbplus", r["doc_id"], "en", r["text"])
    if GIVEME.exists():
        with GIVEME.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                yield Text("giveme5w1h", r["dId"][:12], "en", r["text"])
    for key, lang, body in _extraction_bodies():
        if lang == "en":
            yield Text("extraction", key, lang, body)


def foreign_texts() -> Iterator[Text]:
    """News in other languages: the benchmark's foreign pages and the project's own texts."""
    for key, lang, body in _extraction_bodies():
        if lang != "en":
            yield Text("extraction", key, lang, body)
    with FOREIGN_NEWS.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            r = json.loads(line)
            yield Text("project", f"{r['kind']}-{n}", r["lang"], r["text"])


def _extraction_bodies() -> Iterator[tuple[str, str, str]]:
    if not EXTRACTION.exists():
        return
    truth = json.loads(EXTRACTION.read_text(encoding="utf-8"))
    for key in sorted(truth):
        yield key[:10], EXTRACTION_FOREIGN.get(key[:10], "en"), truth[key]["articleBody"]
