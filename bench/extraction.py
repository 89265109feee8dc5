"""Article extraction on ../shared/data/article_extraction_benchmark (181 real pages).

    .venv/bin/python bench/extraction.py [--limit N] [--track html|text|date|all] [--worst 10]

Prints bag-of-words token P/R/F1 (per page, averaged) for:
  html  newsgraph HTML extraction vs trafilatura.extract (default and favor_precision), same run;
  text  pages rendered to text like a browser copy (inscriptis), raw vs newsgraph's plain-text cleaner,
        each page alone and as the pipeline runs it over a corpus (lines repeated across pages of the
        same site are furniture; 181 pages from 126 sites, so most pages have no sibling);
  date  share of pages with a metadata publication date whose extracted date has the same day.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluation import extraction as ex  # noqa: E402


def _report(res: ex.TrackResult, seconds: float, worst: int) -> None:
    m = res.mean
    print(f"  {res.name:<28} P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}"
          f"   failed {len(res.failures):>3}   {seconds:6.1f}s")
    for key, s in ex.iter_worst(res, worst):
        print(f"      worst {key[:12]} P {s.precision:.2f} R {s.recall:.2f} F1 {s.f1:.2f}  {res.failures.get(key, '')[:80]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--track", default="all", choices=["html", "text", "date", "all"])
    ap.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages per track")
    ap.add_argument("--chromium", action="store_true",
                    help="also render the text track with Chromium's innerText (needs playwright and /usr/bin/chromium)")
    args = ap.parse_args()
    pages = ex.load_pages(limit=args.limit)
    print(f"article_extraction_benchmark: {len(pages)} pages")
    tracks: list[tuple[str, ex.Extractor]] = []
    if args.track in ("html", "all"):
        tracks += [("trafilatura default", ex.trafilatura_default),
                   ("trafilatura favor_precision", ex.trafilatura_precision),
                   ("newsgraph html", ex.newsgraph_html)]
    if args.track in ("text", "all"):
        tracks += [("rendered text (raw)", ex.rendered_raw), ("newsgraph text, page alone", ex.newsgraph_text),
                   ("newsgraph text, corpus", ex.newsgraph_text_corpus(pages))]
    if args.chromium and args.track in ("text", "all"):
        t0 = time.perf_counter()
        rendered = ex.render_with_chromium(pages)
        print(f"  (rendered {len(rendered)} pages in Chromium in {time.perf_counter() - t0:.0f}s)")
        for label, fn in ex.text_tracks(pages, rendered).items():
            tracks.append((f"chromium text, {label}", fn))
    for name, fn in tracks:
        t0 = time.perf_counter()
        res = ex.run_track(name, pages, fn)
        _report(res, time.perf_counter() - t0, args.worst)
    if args.track in ("date", "all"):
        for name, dfn in (("htmldate", ex.htmldate_date), ("newsgraph html", ex.newsgraph_html_date),
                          ("newsgraph plain text", ex.newsgraph_text_date)):
            d = ex.run_dates(name, pages, dfn)
            print(f"  date {name:<23} {d.matched}/{d.with_reference} = {d.accuracy:.3f}  (found a date on {d.found})")
    print("command: .venv/bin/python bench/extraction.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
