"""Language identification (newsgraph.clean.language) on real English news and foreign-language news.

    .venv/bin/python bench/language.py [--worst 5] [--html]

Prints, for the thresholds in clean/language.py:
  decisions  per corpus: texts, decided not English (must be 0 for the English corpora), lowest P(en);
             per foreign text: detected code, decided English or not;
  lengths    every text cut to its first N letters: lowest P(en) of English prefixes and how many fall
             under NOT_ENGLISH_MAX_PROB; highest P(en) of foreign prefixes and how many stay at or above it
             (this is what MIN_RELIABLE_LETTERS and NOT_ENGLISH_MAX_PROB are read from);
  sentences  the foreign texts cut at full stops: how many sentences of MIN_RELIABLE_LETTERS letters or more
             is_foreign flags (the sentence-quality guard's check; its false alarms on English sentences are
             counted by bench/sentence_quality.py);
  mixed      each English text's lead (LEAD_LETTERS letters) followed by a foreign-language block of
             2 000+ characters (a comment thread): how many stay English;
  --html     article_extraction_benchmark's 181 HTML pages through the clean stage's extractor, as the
             pipeline sees them (headers and metadata lines included): English pages dropped, foreign kept.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.clean import language as lang  # noqa: E402
from newsgraph.evaluation.language import english_texts, foreign_texts  # noqa: E402

LENGTHS = (15, 25, 40, 60, 100, 200, 400, 1000, 2000)


def prefix(text: str, letters: int) -> str | None:
    """The shortest prefix of ``text`` holding ``letters`` letters (None if the text has fewer)."""
    have = 0
    for i, ch in enumerate(text):
        if ch.isalpha():
            have += 1
            if have >= letters:
                return text[: i + 1]
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--worst", type=int, default=3, help="show the N English prefixes with the lowest P(en)")
    ap.add_argument("--html", action="store_true", help="also decide on the benchmark's HTML pages as cleaned")
    args = ap.parse_args()
    english = list(english_texts())
    foreign = list(foreign_texts())
    print(f"thresholds: SAMPLE_CHARS {lang.SAMPLE_CHARS}, MIN_RELIABLE_LETTERS {lang.MIN_RELIABLE_LETTERS}, "
          f"NOT_ENGLISH_MAX_PROB {lang.NOT_ENGLISH_MAX_PROB}, LEAD_LETTERS {lang.LEAD_LETTERS}, "
          f"LEAD_MIN_ENGLISH_PROB {lang.LEAD_MIN_ENGLISH_PROB}")

    print("\ndecisions")
    by_corpus: dict[str, list[lang.LanguageGuess]] = defaultdict(list)
    for t in english:
        by_corpus[t.corpus].append(lang.decide(t.text))
    for corpus, guesses in by_corpus.items():
        dropped = [g for g in guesses if not g.english]
        low = min(g.english_prob for g in guesses)
        print(f"  English {corpus:<11} {len(guesses):>5} texts   not English {len(dropped)}   lowest P(en) {low:.3g}")
    right = 0
    for t in foreign:
        g = lang.decide(t.text)
        ok = not g.english if g.reliable else True
        right += ok
        print(f"  {t.corpus:<10} {t.key:<12} {t.language}: detected {g.code} {g.confidence:.3f}, "
              f"P(en) {g.english_prob:.2g}, {g.letters} letters -> {'English' if g.english else 'skipped'}"
              f"{'' if ok else '   WRONG'}")
    print(f"  foreign texts: {right}/{len(foreign)} decided right (skipped, or too short to tell)")

    print("\nlengths (prefixes of N letters)")
    th = lang.NOT_ENGLISH_MAX_PROB
    for n in LENGTHS:
        eng = [(lang.classify(p)[2], t) for t in english if (p := prefix(t.text, n))]
        fgn = [lang.classify(p)[2] for t in foreign if (p := prefix(t.text, n))]
        eng.sort(key=lambda x: x[0])
        low = eng[0][0] if eng else float("nan")
        line = (f"  {n:>5}: English {len(eng):>5}  lowest P(en) {low:.3g}  under threshold {sum(p < th for p, _ in eng):>3}"
                f"   | foreign {len(fgn):>3}  highest P(en) {max(fgn, default=float('nan')):.2g}  "
                f"at/above threshold {sum(p >= th for p in fgn):>2}")
        print(line)
        for p, t in eng[: args.worst]:
            print(f"         {p:.3g} {t.corpus} {t.key}")

    print("\nsentences (is_foreign on foreign-language sentences)")
    flagged = total = 0
    for t in foreign:
        for sent in re.split(r"(?<=[.!?。])\s+", t.text):
            if lang.count_letters(sent) >= lang.MIN_RELIABLE_LETTERS:
                total += 1
                flagged += lang.is_foreign(sent)
    print(f"  {flagged}/{total} flagged")

    print("\nmixed pages (English lead + foreign-language block below it)")
    block = {t.key: (t.text + "\n\n") * (1 + 2000 // max(1, len(t.text))) for t in foreign if t.corpus == "project"
             and t.key.startswith("article")}
    kept = total = 0
    for t in english:
        head = lang.lead(t.text)
        if lang.count_letters(head) < lang.MIN_RELIABLE_LETTERS:
            continue
        for extra in block.values():
            total += 1
            kept += lang.decide(head + "\n\n" + extra).english
    print(f"  {kept}/{total} stay English ({len(block)} foreign blocks x English leads)")
    if args.html:
        html_pages()


def html_pages() -> None:
    from newsgraph.clean.html import extract_html
    from newsgraph.evaluation.extraction import load_pages
    from newsgraph.evaluation.language import EXTRACTION_FOREIGN

    print("\nHTML pages as cleaned (clean.html.extract_html)")
    wrong = []
    pages = load_pages()
    for page in pages:
        g = lang.decide(extract_html(page.html, url=page.url).text)
        foreign = page.key[:10] in EXTRACTION_FOREIGN
        if g.english == foreign:
            wrong.append(f"{page.key[:10]} {'foreign' if foreign else 'English'}: {g}")
    print(f"  {len(pages) - len(wrong)}/{len(pages)} decided right")
    for line in wrong:
        print(f"     {line}")


if __name__ == "__main__":
    main()
