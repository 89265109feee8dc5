"""Which language an article's clean text is written in, offline.

The model is py3langid's (langid.py's naive Bayes over byte n-grams, 97
languages, BSD-3-Clause), shipped inside its wheel: nothing is fetched at run
time, and the same text always gets the same answer. Probabilities are
py3langid's normalised ones (``norm_probs=True``, scaled by the square root of
the text's length, so a short text gets a less certain answer).

The pipeline annotates English only, so the clean stage asks one question:
is this article English? The rule (``decide``), written down where it is
implemented:

1. Detect on the first ``SAMPLE_CHARS`` characters of the clean text.
2. Fewer than ``MIN_RELIABLE_LETTERS`` letters: too little to tell. The
   article is processed (an English article is never dropped for being
   short); its language is "en" when the detector says so, else unknown.
3. English keeps a probability of at least ``NOT_ENGLISH_MAX_PROB``: English.
4. Otherwise the lead decides: an English article with a foreign-language
   comment block or quotation after it stays English when its first
   paragraphs (``LEAD_LETTERS`` letters or more) are English on their own
   (``LEAD_MIN_ENGLISH_PROB``).
5. Otherwise the article is in the detected language and is not processed.

Foreign-language sentences left inside an English article (the comment block
of rule 4) are kept out of event coding by ``nlp.quality``, which applies
``is_foreign`` sentence by sentence.

Calibration: bench/language.py (ECB+ 982 documents, Giveme5W1H 96,
article_extraction_benchmark's 161 English gold bodies, each cut to prefixes of
15 to 2 000 letters; the benchmark's 20 pages in 7 other languages and the
project-written texts of tests/data/foreign_news.jsonl). No English text is
dropped, every foreign text of 60+ letters is (35/35), and so are the 20
foreign pages of the 181 as the HTML extractor cleans them (``--html``); an
English lead keeps 14 844 of 14 856 mixed pages (the 12 lost share one raw ECB+
lead that is a URL). Figures are quoted at each constant; re-run the script
after changing one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

ENGLISH = "en"
# Characters of clean text the article-level decision reads. bench/language.py:
# from 400 letters on, no English document and no foreign page changes side;
# 2 000 characters (~1 600 letters) cost ~3 ms per article (spaCy costs ~100 ms).
SAMPLE_CHARS = 2000
# Below this many letters the detector is not trusted to say "not English".
# bench/language.py, English prefixes: P(en) never falls below 0.0174 from 60
# letters on (below 0.001 at no length from 15 letters), and every foreign page
# is told apart from 60 letters on (largest P(en) 0.00075); at 40 letters a
# foreign page keeps P(en) 0.0027.
MIN_RELIABLE_LETTERS = 60
# "Not English" when English gets less than this probability. bench/language.py:
# lowest P(en) of an English text of 60+ letters 0.0174 (a URL-heavy ECB+
# document); highest P(en) of a foreign text of 60+ letters 0.00075, of 100+
# letters 0.00012.
NOT_ENGLISH_MAX_PROB = 0.001
# The lead tested by rule 4: whole paragraphs from the top of the text until
# they hold this many letters, the reliable length. bench/language.py "mixed":
# at twice this length a one-paragraph English text (ECB+ has 22 of 94+
# letters) reaches into the foreign block below it and is lost (259 of 14 856
# cases); at this length none is.
LEAD_LETTERS = MIN_RELIABLE_LETTERS
# The lead is English when English gets at least this probability on it: ten
# times NOT_ENGLISH_MAX_PROB, because a foreign page's lead is often its
# metadata line (names, a date: "05/10/2018 - Publicado por: Clarissa Borba -
# Categoria: Saúde", P(en) 0.0011). bench/language.py "mixed": English leads
# reach P(en) 0.017 and more, but for one raw ECB+ lead that is a URL (0.006);
# the best language of a Nigerian English lead is Nigerian Pidgin (P(en) 0.44).
LEAD_MIN_ENGLISH_PROB = 10 * NOT_ENGLISH_MAX_PROB

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class LanguageGuess:
    """The detector's answer for one text.

    ``code`` is an ISO 639-1 code (None: too little text to tell and not
    English); ``confidence`` is the detector's probability of ``code`` on the
    text it read; ``english_prob`` that of English; ``letters`` how many letters
    it read; ``english`` the decision (process the article or not) and
    ``reason`` which rule of the module doc made it.
    """

    code: str | None
    confidence: float
    english_prob: float
    letters: int
    english: bool
    reason: str

    @property
    def reliable(self) -> bool:
        return self.letters >= MIN_RELIABLE_LETTERS


@functools.cache
def _identifier() -> LanguageIdentifier:
    """py3langid's bundled model, loaded once per process (~0.6 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def count_letters(text: str) -> int:
    return len(_LETTER.findall(text))


def classify(text: str) -> tuple[str, float, float]:
    """(best language, its probability, the probability of English) for ``text``."""
    ident = _identifier()
    ranked = ident.rank(text)
    best, prob = ranked[0]
    english = next((p for code, p in ranked if code == ENGLISH), 0.0)
    return best, float(prob), float(english)


def is_foreign(text: str) -> bool:
    """Confidently not English: enough letters to tell, and English below ``NOT_ENGLISH_MAX_PROB``."""
    if count_letters(text) < MIN_RELIABLE_LETTERS:
        return False
    return classify(text)[2] < NOT_ENGLISH_MAX_PROB


def lead(text: str, letters: int = LEAD_LETTERS) -> str:
    """Whole paragraphs from the top of ``text`` until they hold ``letters`` letters."""
    out: list[str] = []
    have = 0
    for para in text.split("\n"):
        if not para.strip():
            continue
        out.append(para)
        have += count_letters(para)
        if have >= letters:
            break
    return "\n".join(out)


def decide(text: str) -> LanguageGuess:
    """Detect the language of an article's clean text and decide whether it is English (module doc)."""
    sample = text[:SAMPLE_CHARS]
    n = count_letters(sample)
    best, prob, english = classify(sample)
    if n < MIN_RELIABLE_LETTERS:
        code = ENGLISH if best == ENGLISH else None
        return LanguageGuess(code, prob if code else 0.0, english, n, True, "too short to tell")
    if english >= NOT_ENGLISH_MAX_PROB:
        return LanguageGuess(ENGLISH, english, english, n, True, "english")
    head = lead(sample)
    head_english = classify(head)[2]
    if count_letters(head) >= MIN_RELIABLE_LETTERS and head_english >= LEAD_MIN_ENGLISH_PROB:
        return LanguageGuess(ENGLISH, head_english, english, n, True, "english lead, other languages below it")
    return LanguageGuess(best, prob, english, n, False, "not english")


def language_name(code: str | None) -> str:
    """"German" for "de"; the code itself when pycountry does not know it."""
    if code is None:
        return "an undetermined language"
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found is not None else code
