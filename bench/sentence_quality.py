"""The sentence-quality guard (newsgraph.nlp.quality) on real English news and on constructed bad input.

    .venv/bin/python bench/sentence_quality.py [--show 20] [--recase] [--cache /tmp/english.spacy]

Parses the English news of ../shared/data (ECB+ documents, Giveme5W1H texts, article_extraction_benchmark
gold bodies of its English pages; raw text, so harsher than the pipeline's clean text) and prints:
  real       per corpus: sentences, sentences crossing a line break, pieces, pieces rejected per reason,
             then up to --show rejected pieces per reason (each should be sensible);
  lengths    the piece-length percentiles that MAX_EVENT_SENTENCE_TOKENS is read from;
  recased    the lines clean.recase would recase in these texts;
  bad        each constructed bad input (newsgraph.evaluation.bad_input): its pieces and the verdicts;
  --recase   spaCy NER on 600 sentences upper-cased, then sentence-cased, then recased (clean.recase)
             without and with the rest of their article, against the entities of the original sentences.
``--cache`` keeps the parsed corpora in a spaCy DocBin (parsing takes ~2 minutes on one core).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.clean import recase  # noqa: E402
from newsgraph.evaluation import bad_input  # noqa: E402
from newsgraph.evaluation.language import english_texts  # noqa: E402
from newsgraph.nlp import quality  # noqa: E402
from newsgraph.nlp.spacy_model import load  # noqa: E402

RECASE_SAMPLE = 600


def parsed_corpora(cache: Path | None) -> list:
    from spacy.tokens import DocBin

    nlp = load()
    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    texts = list(english_texts())
    docs = []
    for t, doc in zip(texts, nlp.pipe((t.text for t in texts), batch_size=32), strict=True):
        doc.user_data["corpus"], doc.user_data["key"] = t.corpus, t.key
        docs.append(doc)
    if cache is not None:
        db = DocBin(store_user_data=True)
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return docs


def report_real(docs: list, show: int) -> None:
    print("real")
    sents: Counter[str] = Counter()
    crossing: Counter[str] = Counter()
    pieces: Counter[str] = Counter()
    rejected: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    lengths: list[int] = []
    for doc in docs:
        corpus = doc.user_data["corpus"]
        for sent in doc.sents:
            sents[corpus] += 1
            crossing[corpus] += "\n" in sent.text.strip()
            for piece in quality.sentence_pieces(sent):
                pieces[corpus] += 1
                lengths.append(quality.sentence_shape(piece).tokens)
                ok, reason = quality.event_sentence_ok(piece)
                if not ok and reason is not None:
                    rejected[corpus][reason] += 1
                    examples[reason].append(f"{corpus} {doc.user_data['key']}: {piece.text[:150]!r}")
    for corpus in sents:
        total = sum(rejected[corpus].values())
        print(f"  {corpus:<11} sentences {sents[corpus]:>6}  crossing a line break {crossing[corpus]:>5}  "
              f"pieces {pieces[corpus]:>6}  rejected {total:>4} ({total / max(1, pieces[corpus]):.2%})  "
              f"{dict(rejected[corpus])}")
    all_pieces = sum(pieces.values())
    all_rejected = sum(sum(c.values()) for c in rejected.values())
    print(f"  all         sentences {sum(sents.values()):>6}  crossing a line break {sum(crossing.values()):>5}  "
          f"pieces {all_pieces:>6}  rejected {all_rejected:>4} ({all_rejected / max(1, all_pieces):.2%})")
    for reason, lines in examples.items():
        print(f"  -- {reason}: {len(lines)}")
        for line in lines[:show]:
            print(f"     {line}")
    lengths.sort()
    print("\nlengths (tokens per piece)")
    for q in (0.5, 0.99, 0.999):
        print(f"  p{q * 100:g} {lengths[int(q * (len(lengths) - 1))]}")
    print(f"  over {quality.MAX_EVENT_SENTENCE_TOKENS}: {sum(n > quality.MAX_EVENT_SENTENCE_TOKENS for n in lengths)}"
          f"   over 100: {sum(n > 100 for n in lengths)}   longest {lengths[-5:]}")


def report_recased(show: int) -> None:
    print("\nrecased lines (clean.recase) in the English corpora")
    found = []
    for t in english_texts():
        for line in t.text.split("\n"):
            if recase.is_all_caps(line):
                found.append(f"{t.corpus} {t.key}: {line[:110]!r}")
    print(f"  {len(found)} lines")
    for line in found[:show]:
        print(f"     {line}")


def report_bad() -> None:
    print("\nbad (constructed input)")
    nlp = load()
    cases = {
        "run-on, 600 tokens": bad_input.run_on(600),
        "results table, one row per line": bad_input.results_table(),
        "price table on one line": bad_input.flattened_table(),
        "markdown table": bad_input.markdown_table(),
        "all-caps headline and paragraph": bad_input.CAPS_HEADLINE + "\n\n" + bad_input.CAPS_PARAGRAPH,
        "bullet list, one item per line": bad_input.bullet_list(),
        "bullet list on one line": bad_input.inline_bullets(),
        "verbless list of titles": bad_input.name_list(),
        "good paragraphs": "\n\n".join(bad_input.GOOD_PARAGRAPHS),
    }
    for name, text in cases.items():
        doc = nlp(text)
        verdicts = Counter(reason or "kept" for _, reason in quality.judged_pieces(doc))
        print(f"  {name:<34} {len(doc):>4} tokens  {dict(verdicts)}")


def report_recase_ner(docs: list) -> None:
    print("\nrecasing (spaCy NER against the original sentences' entities)")
    cases = []
    for doc in docs:
        if doc.user_data["corpus"] not in ("giveme5w1h", "extraction"):
            continue
        picked = [s for s in doc.sents if 12 <= len(s) <= 40 and s.ents and "\n" not in s.text.strip()][:3]
        for s in picked:
            cases.append((s.text.strip(), doc.text[: s.start_char] + doc.text[s.end_char :]))
    random.Random(5).shuffle(cases)
    cases = cases[:RECASE_SAMPLE]
    nlp = load()
    ref = list(nlp.pipe(c[0] for c in cases))

    def sentence_case(t: str) -> str:
        low = t.lower()
        return low[:1].upper() + low[1:]

    variants = {
        "all caps": [c[0].upper() for c in cases],
        "sentence case": [sentence_case(c[0].upper()) for c in cases],
        "clean.recase, sentence alone": [recase.recase_line(c[0].upper(), {}) for c in cases],
        "clean.recase": [recase.recase_line(c[0].upper(), recase.casing_dictionary(c[1])) for c in cases],
    }
    for name, texts in variants.items():
        tp = fp = fn = kept = arcs = 0
        for r, o in zip(ref, nlp.pipe(texts), strict=True):
            a = {(e.start_char, e.end_char, e.label_) for e in r.ents}
            b = {(e.start_char, e.end_char, e.label_) for e in o.ents}
            tp, fp, fn = tp + len(a & b), fp + len(b - a), fn + len(a - b)
            x = {(t.idx, t.dep_) for t in r if t.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT")}
            y = {(t.idx, t.dep_) for t in o if t.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT")}
            kept, arcs = kept + len(x & y), arcs + len(x)
        p, rc = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        print(f"  {name:<28} {len(texts)} sentences  NER P {p:.3f} R {rc:.3f} F1 {f1:.3f}   "
              f"subject/object/root arcs kept {kept / max(1, arcs):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=20, help="rejected pieces listed per reason")
    ap.add_argument("--recase", action="store_true", help="also measure NER on recased all-caps sentences")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin file keeping the parsed corpora")
    args = ap.parse_args()
    docs = parsed_corpora(args.cache)
    report_real(docs, args.show)
    report_recased(args.show)
    report_bad()
    if args.recase:
        report_recase_ner(docs)


if __name__ == "__main__":
    main()
