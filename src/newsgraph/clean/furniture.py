"""Line features that tell site furniture from article prose.

Each function looks at one line of browser-saved text and answers one
question (is it a photo caption? a call to action? a share-button row?). The
answers are *features*: they use shape (length, final punctuation,
capitalisation), position-free vocabulary of page furniture (subscribe,
newsletter, Photograph:, Getty) and the way pages address their reader
("you", "we", "our"), never the sentences of one site. ``plaintext`` combines
them with position (header, body, tail) and repetition.

Thresholds were set on hand-built pages in the styles of UK, US and Korean
outlets (tests/test_clean_*.py) and checked on the repository's examples/;
re-run both after changing one.
"""

from __future__ import annotations

import re

from newsgraph.clean.normalise import wordset

# --- shape -----------------------------------------------------------------

QUOTE_OPENERS = "\"“‘'«„‹‚`"
# Final punctuation, possibly inside closing quotes or brackets (also the
# tokenised ". ''" of some corpora).
_TERMINAL = re.compile(r"[.!?…。！？](?:\s?[\"”’'»)\]」』）])*$|[\"”’»」』][.!?。]?$")
# Chinese and Japanese are written without spaces: every two characters count
# as a word (the average length of a word in both), so that length thresholds
# mean roughly the same there as in spaced scripts.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]{{1,2}}|[^\W\d_{_CJK}][^\W{_CJK}]*(?:['’-][^\W{_CJK}]+)*|\d[\d,.:%]*")

# A line of prose has at least this many words ("The talks lasted an hour." is 5;
# "Sign in." and "Read more." are 2).
MIN_PROSE_WORDS = 4
# Share of words starting lower-case above which a line reads as a sentence
# rather than a Title Case headline (sentences: ~0.6–0.8, headlines: ~0–0.2).
MIN_PROSE_LOWER_RATIO = 0.3
# A line this long is a paragraph even if its final stop was lost in copying.
LONG_PARAGRAPH_WORDS = 35
# Headlines: 4–25 words (the brief of every style guide; real ones: 5–16).
MIN_TITLE_WORDS = 4
MAX_TITLE_WORDS = 25
# Share of capitalised content words that makes a line Title Case.
TITLE_CASE_RATIO = 0.75
# Small words left lower-case in Title Case headlines.
TITLE_SMALL_WORDS = wordset("a an and as at but by for from in into of on or over per than the to up via vs with")


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_terminal(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip()))


def starts_quote(line: str) -> bool:
    return bool(line) and line[0] in QUOTE_OPENERS


def lower_ratio(line: str) -> float:
    """Share of words not starting with a capital (caseless scripts such as Hangul or Han count as lower)."""
    ws = [w for w in words(line) if w[0].isalpha()]
    if not ws:
        return 0.0
    return sum(1 for w in ws if not w[0].isupper()) / len(ws)


def is_title_case(line: str, ratio: float = TITLE_CASE_RATIO) -> bool:
    """"Baerbock Arrives In Ankara For Talks" (content words capitalised)."""
    ws = [w for w in words(line) if w[0].isalpha() and w.lower() not in TITLE_SMALL_WORDS]
    if len(ws) < 3:
        return False
    return sum(1 for w in ws if w[0].isupper()) / len(ws) >= ratio


def is_prose(line: str) -> bool:
    """A sentence-like paragraph: final punctuation, enough words, sentence case."""
    n = len(words(line))
    if n >= LONG_PARAGRAPH_WORDS:
        return True
    if starts_quote(line) and n >= 2 and ends_terminal(line):
        return True
    if n < MIN_PROSE_WORDS:
        return False
    terminal = ends_terminal(line) or (line.rstrip().endswith(":") and n >= 2 * MIN_PROSE_WORDS)
    return terminal and lower_ratio(line) >= MIN_PROSE_LOWER_RATIO


_KICKER = re.compile(r"^(?P<kicker>[^:\"“”«»]{3,40}):\s+\S[^\"“”«»]*$")
# A "Kicker: headline" line is short; longer lines with a colon are sentences.
MAX_KICKER_HEADLINE_WORDS = 16
MAX_KICKER_WORDS = 5


def is_kicker_headline(line: str) -> bool:
    """"Sweden's Nato bid: what is holding it up?", "Turkey election: Erdoğan rival vows …".

    A short topic, a colon, a headline; no quotation, no final full stop, no
    attribution verb. Teaser links and explainers are written this way.
    """
    s = line.strip()
    m = _KICKER.match(s)
    if not m or s.endswith(".") or has_attribution(s):
        return False
    kicker = m.group("kicker").split()
    return (len(kicker) <= MAX_KICKER_WORDS and kicker[0][:1].isupper()
            and len(words(s)) <= MAX_KICKER_HEADLINE_WORDS)


def is_title_like(line: str) -> bool:
    """Headline shape: 4–25 words, no final full stop, not a label."""
    n = len(words(line))
    s = line.rstrip()
    if not MIN_TITLE_WORDS <= n <= MAX_TITLE_WORDS:
        return False
    return not (s.endswith(".") and not s.endswith("..."))


# --- calls to action, appeals, prompts ----------------------------------------

# Verbs that open a call to action when a line is short.
_CTA_START = re.compile(
    r"^(?:sign\s?(?:up|in|out)|log\s?(?:in|out)|subscribe|support|donate|contribute|click|tap|follow|"
    r"read|watch|listen|download|get|join|share|register|create|continue|explore|discover|view|"
    r"learn|find out|try|start|upgrade|become|give|enjoy|don['’]t miss|never miss|skip|jump|go to|"
    r"back to|save|print|email|copy|close|show|load|more|see|browse|visit|play|open|accept|manage|"
    r"remind me|next|previous|toggle|reuse|report|send|gift)\b",
    re.IGNORECASE,
)
# Vocabulary that only page furniture uses.
_CTA_STRONG = re.compile(
    r"\b(?:newsletters?|subscri(?:be|bed|bers?|ption|ptions|bing)|donat(?:e|es|ion|ions|ing)|"
    r"sign(?:ed)?[- ]?(?:up|in)|log[- ]?in|inbox|cookies?|advertisement|advertising|adverti[sz]e|"
    r"sponsored|paywall|memberships?|free trial|read more|follow us|click(?:ing)? here|tap here|"
    r"opens in (?:a )?new (?:window|tab)|click to (?:share|print|email)|"
    r"the app|our app|comments?|discussion|notifications?|newsletter|bookmark|reader[- ]funded|"
    r"privacy (?:policy|notice|settings)|terms of (?:use|service)|recaptcha|gift articles?|"
    r"unlimited access|digital access|all rights reserved)\b",
    re.IGNORECASE,
)
# Vocabulary that furniture shares with news prose: counts only in numbers.
_CTA_WEAK = re.compile(
    r"\b(?:support(?:ing|ed|ers?)?|contribut(?:e|ion|ions|ing)|journalism|journalists?|share|account|"
    r"register|e-?mail|access|offer|premium|independent|fund(?:ing|ed)?|readers?|free|"
    r"monthly|annual|payment|paypal|visa|mastercard|remind|editor|trust|mission)\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"\b(?:you|your|yours|you['’](?:re|ve|ll|d)|we|we['’](?:re|ve|ll|d)|our|ours|us)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according to|added|stated|announced|insisted|warned|argued|claimed|asked|"
    r"wrote|tweeted|declared|noted|explained|stressed|urged)\b",
    re.IGNORECASE,
)
# A call to action is short: the opening verb counts only in lines up to this length.
CTA_START_MAX_WORDS = 12
# A line without final punctuation this short is a button or label.
BUTTON_MAX_WORDS = 6
# A paragraph this long is prose, never a call to action, whatever its
# vocabulary (donation appeals are caught as appeal blocks instead). On
# article_extraction_benchmark every true call to action had at most 32
# words; body paragraphs of deal round-ups and subscription-business news
# that scored as calls to action had 44 or more.
CTA_MAX_WORDS = 40
# Score at which a line is a call to action (see cta_score).
CTA_MIN_SCORE = 2


_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)


def addresses_reader(line: str) -> bool:
    """"you"/"we"/"our" outside a quotation: how appeals talk, not how reports do."""
    return not starts_quote(line) and bool(_ADDRESS.search(line))


def has_attribution(line: str) -> bool:
    return bool(_ATTRIBUTION.search(line))


def cta_score(line: str) -> int:
    """Evidence that ``line`` asks the reader to do something (subscribe, sign in, share...).

    +1 an imperative call-to-action verb opens a short line; +1 the reader is
    addressed; +1 per furniture-only word (up to 2); +1 for two or more
    shared words (support, journalism...); +1 a short line with no final
    punctuation (a button). Quotes and attributed speech score nothing for
    addressing the reader.
    """
    n = len(words(line))
    score = 0
    start = _CTA_START.match(line.lstrip("•·-–—>▶►» "))
    if start and n <= CTA_START_MAX_WORDS:
        score += 1
    if addresses_reader(line) and not has_attribution(line):
        score += 1
    rest = line[start.end() :] if start else line
    strong = len(_CTA_STRONG.findall(rest))
    score += min(strong, 2)
    if len(_CTA_WEAK.findall(rest)) >= 2:
        score += 1
    if n <= BUTTON_MAX_WORDS and not ends_terminal(line):
        score += 1
    if _URL.search(line):
        score += 1
    return score


def furniture_vocabulary(line: str) -> int:
    """How many words only page furniture uses (newsletter, subscribe, sign in, cookies...)."""
    return len(_CTA_STRONG.findall(line))


def is_cta(line: str) -> bool:
    if starts_quote(line) and is_prose(line):
        return False
    if len(words(line)) >= CTA_MAX_WORDS:
        return False
    return cta_score(line) >= CTA_MIN_SCORE


# Words of reader-funding appeals ("support our journalism", "every contribution").
_APPEAL = re.compile(
    r"\b(?:support(?:ing)?\s+(?:us|our|the|independent|quality|this|journalism)|"
    r"(?:our|independent|quality|fearless|trusted)\s+journalism|contribut(?:e|ion|ions|ing)|donat\w+|"
    r"reader[- ]funded|funded by (?:our )?readers|paywall|billionaire owners?|no shareholders|subscri\w+|"
    r"small favou?r|however big or small|as little as [£$€]|[£$€]\s?\d+(?:\.\d\d)?\s*(?:a|per|/)\s*(?:month|year|week)|"
    r"remind me|payment methods?|free (?:for|to) (?:all|everyone)|keep (?:our|it) (?:journalism|open|free))",
    re.IGNORECASE,
)
# An appeal paragraph addresses the reader and has this many appeal phrases.
APPEAL_ANCHOR_MIN_HITS = 2


def appeal_hits(line: str) -> int:
    return len(_APPEAL.findall(line))


def is_appeal_anchor(line: str) -> bool:
    """A paragraph of a donation/subscription appeal (the seed of a block)."""
    if starts_quote(line) or has_attribution(line):
        return False
    hits = appeal_hits(line)
    return hits >= APPEAL_ANCHOR_MIN_HITS or (hits >= 1 and addresses_reader(line))


# --- captions, credits, media --------------------------------------------------

_AGENCY_WORDS = (
    r"getty|reuters|ap|afp|epa|efe|dpa|shutterstock|alamy|anadolu|yonhap|xinhua|kyodo|pool|handout|"
    r"tass|sipa|pa|nurphoto|bloomberg|rex|zuma|corbis|eyevine|sopa|imago|associated press|newscom|"
    r"courtesy|file|supplied|screengrab|screenshot"
)
_CAPTION_LABEL = re.compile(
    r"(?:^|[\s.,;)\]])(?:photograph|photographs|photo|photos|image|images|picture|pictures|illustration|"
    r"composite|credit|pictured|video|source|graphic|footage)s?\s*(?::|\.\.\.|…)\s*\S",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(
    r"^(?:image|media|video|photo|picture)\s+(?:source|caption|credit)s?\b|^(?:caption|pictured|above|top|"
    r"main image|file photo|photo|image)\s*[:,]",
    re.IGNORECASE,
)
_BRACKET_CREDIT = re.compile(r"[(\[]\s*([^()\[\]]{1,60})\s*[)\]]\s*$")
_SLASH_CREDIT = re.compile(r"(?:^|\s)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s*/\s*[A-Z][\w.&'’ -]*$")
_AGENCY_RE = re.compile(rf"\b(?:{_AGENCY_WORDS})\b", re.IGNORECASE)
# Words after "Photograph:" in a credit ("Adem Altan/AFP/Getty Images" is 4).
MAX_CREDIT_WORDS = 9
# A standalone credit line ("Getty Images", "REUTERS/Umit Bektas") is this short.
MAX_CREDIT_LINE_WORDS = 6


def is_caption(line: str) -> bool:
    """Photo/video captions and credit lines.

    "… in Ankara. Photograph: Adem Altan/AFP/Getty Images", "(AP Photo/Burhan
    Ozbilici)", "[YONHAP]", "Image source, Getty Images", "REUTERS/Umit Bektas".
    """
    s = line.strip()
    if _CAPTION_START.search(s):
        return True
    m = _CAPTION_LABEL.search(s)
    if m and len(words(s[m.end() - 1 :])) <= MAX_CREDIT_WORDS and not re.search(r"[.!?][\"”’']$", s):
        return True
    if re.search(r"credit\s*(?:\.\.\.|…)", s, re.IGNORECASE):
        return True
    m2 = _BRACKET_CREDIT.search(s)
    if m2:
        inner = m2.group(1)
        if (re.search(r"[A-Z][\w.'’-]*\s*/\s*[A-Z]", inner)
                or re.search(r"\bphoto|\bcredit|\bcourtesy|\bfile\b", inner, re.IGNORECASE)
                or _AGENCY_RE.fullmatch(inner.strip())):
            return True
        # "[JOINT PRESS CORPS]", "[YONHAP]" closing a caption: a short all-caps
        # name in brackets, with nothing after it.
        inner_words = inner.split()
        if len(inner_words) <= 4 and inner.isupper() and s.endswith("]") and len(s) > len(m2.group(0)):
            return True
    n = len(words(s))
    if n <= MAX_CREDIT_LINE_WORDS and not ends_terminal(s):
        if _SLASH_CREDIT.search(s) and ("/" in s):
            return True
        if re.fullmatch(rf"(?:(?:{_AGENCY_WORDS})\b[\s/,&]*|via\s+|images?\s*)+", s, re.IGNORECASE):
            return True
    return False


_MEDIA = re.compile(
    r"^(?:\d{1,2}:\d{2}(?::\d{2})?|duration\s*\d|play(?:ing)?\b|video\b|watch\b|listen\b|audio\b|gallery\b|"
    r"[▶►⏵]|\d+\s+photos?\b|view (?:the )?(?:gallery|slideshow|image)|enlarge|expand|close (?:dialogue|gallery))",
    re.IGNORECASE,
)
_MEDIA_SUFFIX = re.compile(r"\s[–—-]\s*(?:video|audio|live|podcast|in pictures|as it happened|photo essay|explainer|opinion|analysis|visual guide|graphic)s?$", re.IGNORECASE)


def is_media(line: str) -> bool:
    """Video/audio furniture: durations, "Play video", teasers ending "– video"."""
    s = line.strip()
    if _MEDIA_SUFFIX.search(s):
        return True
    return bool(_MEDIA.match(s)) and len(words(s)) <= BUTTON_MAX_WORDS + 2 and not ends_terminal(s)


# --- rows, footers, notes, labels ------------------------------------------------

SHARE_WORDS = wordset("""
    share shares sharing facebook twitter x email e-mail mail whatsapp linkedin pinterest reddit messenger
    telegram print copy link links copied save saved bluesky flipboard threads mastodon sms tweet gift
    this article on via the to comment comments bookmark listen more options story page url
    """)
_SHARE_NETWORKS = wordset("share facebook twitter whatsapp linkedin pinterest reddit messenger telegram bluesky flipboard tweet")


def is_share_row(line: str) -> bool:
    """"Share on Facebook Twitter Email", "Copy link", "Facebook Twitter WhatsApp"."""
    toks = [t.lower().strip(".,:;|·•()") for t in line.split()]
    toks = [t for t in toks if t]
    if not toks or len(toks) > 14:
        return False
    if not all(t in SHARE_WORDS or re.fullmatch(r"\d+", t) for t in toks):
        return False
    return any(t in _SHARE_NETWORKS for t in toks) or " ".join(toks) in ("copy link", "link copied", "print", "save", "email", "x", "mail")


_FOOTER = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b|^(?:privacy (?:policy|notice|settings)|"
    r"terms (?:of|and) (?:use|service|conditions)|cookie (?:policy|settings|preferences)|contact us|about us|"
    r"advertise with us|work (?:for|with) us|accessibility(?: settings)?|sitemap|site map|back to top|help|"
    r"corrections|complaints|all topics|all writers|newsletters|jobs|modern slavery act|tax strategy|"
    r"securedrop|licensing|syndication|rss|text-only|do not sell .*|your privacy choices)$|"
    r"\bappears in print\b|\btrust principles\b|\bour standards\b|"
    r"^the post .{3,300} appeared first on .{2,80}$",  # WordPress feed footer
    re.IGNORECASE,
)


def is_footer(line: str) -> bool:
    return bool(_FOOTER.search(line.strip()))


_CONTRIB = re.compile(
    r"^\(?(?:additional|further)\s+reporting\b|^\(?reporting\s+by\b|^\(?(?:writing|editing|edited|"
    r"compiled|produced|translated|graphics|research|fact-checked)\s+by\b|"
    r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)\b|"
    r"^this (?:article|story|report|piece) (?:was|has been) (?:amended|updated|corrected|changed|edited)|"
    r"^(?:correction|clarification)\s*[:(]|^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}\s+(?:reported|contributed)"
    r"(?:\s+reporting)?\s+from\b|^\(?(?:end|ends)\)?\.?$|^\(end\)|^[-–—_*=~#·•.]{3,}$",
    re.IGNORECASE,
)


def is_contributor_note(line: str) -> bool:
    """"Additional reporting by …", "Reporting by …; Editing by …", "(END)", separators."""
    return bool(_CONTRIB.search(line.strip()))


# "Louise Matsakis is a staff writer at WIRED covering …", "Molly Wood
# (@mollywood) is an Ideas contributor …", "Emiliano joined pv magazine in
# March 2017": a name, then the writer's role or joining the outlet.
_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w.'’-]+(?:\s+\(@\w+\))?\s+"
    r"(?:is|was|has been|joined|covers|writes)\b"
    r"(?=[^.]{0,120}\b(?:writer|reporter|editor|correspondent|contributor|journalist|columnist|producer|"
    r"author|freelancer|freelance|intern|fellow|joined|covers|covering|reporting|writes about)\b)"
)
# An author bio is one or two sentences.
MAX_AUTHOR_BIO_WORDS = 70


def is_author_bio(line: str) -> bool:
    """The note about the writer printed under an article (never a quotation)."""
    s = line.strip()
    return (not starts_quote(s) and not has_attribution(s) and len(words(s)) <= MAX_AUTHOR_BIO_WORDS
            and bool(_AUTHOR_BIO.match(s)))


_REPORTING_BY = re.compile(r"^\(?(?:additional\s+)?reporting\s+by\s+(?P<names>[^;)]+)", re.IGNORECASE)


def reporting_names(line: str) -> str | None:
    """The names after "Reporting by" (not "Editing by"), for a byline-less page."""
    m = _REPORTING_BY.match(line.strip())
    return m.group("names") if m else None


_LABEL = re.compile(
    r"^this (?:article|story|page|content) is (?:more than|over) \d+ \w+ old$|"
    r"^\d+\s*(?:min(?:ute)?s?|m)\s*(?:read|listen|watch)$|^(?:estimated )?reading time\b|"
    r"^listen to (?:this )?(?:article|story)\b|^(?:updated|published|posted)?\s*\d+\s+"
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$|^(?:just now|yesterday|today)$|"
    r"^(?:exclusive|analysis|explainer|breaking(?: news)?|live|opinion|comment|editorial|feature|"
    r"interview|review|sponsored|advertisement|advert|ad|promoted|partner content|paid content|"
    r"skip advertisement|continue reading the main story|story continues below(?: advertisement)?|"
    r"article continues (?:below|after (?:this )?advertisement)|supported by|share full article|"
    r"read in app|leer en español|more|less|menu|search|home|close|open|next|previous|back|loading\.*)$",
    re.IGNORECASE,
)


# Timestamps that cannot be dated (no year): "Updated Nov. 19, 6:55 AM", "Posted 3:15 p.m. ET".
_PARTIAL_TIMESTAMP = re.compile(
    r"^(?:(?:last\s+)?(?:updated|published|posted|modified)\b\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)?"
    r"[,\s]*(?:at\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?$",
    re.IGNORECASE,
)


def is_label(line: str) -> bool:
    """Page labels: "This article is more than 1 year old", "5 min read", "Advertisement", "Updated 6:55 AM"."""
    s = line.strip().rstrip(":").strip()
    if re.search(r"\d", s) and len(s) <= 40 and _PARTIAL_TIMESTAMP.match(s):
        return True
    return bool(_LABEL.search(s))


_NAV = re.compile(
    r"\b(?:skip to|jump to|back to (?:home|top)|go to|toggle|navigation|main menu|close dialogue|"
    r"next image|previous image|show more|show less|view all|see all|more from|edition\b|sections?\b)",
    re.IGNORECASE,
)


def is_nav(line: str) -> bool:
    return bool(_NAV.search(line)) and not is_prose(line)


_CONTACT = re.compile(r"^(?:\S+@\S+\.\w+|https?://\S+|www\.\S+|@\w+)$", re.IGNORECASE)


def is_contact(line: str) -> bool:
    """An email address, URL or social handle on a line of its own."""
    return bool(_CONTACT.match(line.strip()))


_TEASER_PREFIX = re.compile(
    r"^(?:related|read more|read also|also read|see also|more on this(?: story| topic)?|recommended|"
    r"you (?:may|might) also like|further reading|trending|most (?:read|viewed|popular)|popular|"
    r"in pictures|in photos|related coverage|related content|more coverage|editor['’]s picks?|"
    r"top stories|latest|must read|don['’]t miss)\s*[:|–—-]\s*\S",
    re.IGNORECASE,
)


# A teaser whose headline and summary are inline elements copies as one line
# with no space at the seam: "… Emerging As Strong WR OptionsThe 49ers and …".
# The seam follows a word of 4+ letters or a closing mark, so that McDonald,
# LeBron, WeWork and AirPods are not seams.
_GLUE = re.compile(r"(?:(?<![A-Za-z])[A-Za-z]?[a-z]{3,}|[?!”’\"')])(?=[A-Z][a-z])")
# The headline part of a glued teaser has at least this many words, the summary at least this many.
MIN_GLUED_HEADLINE_WORDS = 3
MIN_GLUED_SUMMARY_WORDS = 4
# Headline capitalisation of the glued part (stricter than TITLE_CASE_RATIO:
# a sentence naming several organisations is not a headline).
GLUED_TITLE_CASE_RATIO = 0.9


def is_glued_teaser(line: str) -> bool:
    """A Title Case headline glued to the sentence that summarises it (a teaser link)."""
    for m in _GLUE.finditer(line):
        head, tail = line[: m.end()], line[m.end() :]
        if (len(words(head)) >= MIN_GLUED_HEADLINE_WORDS and is_title_case(head, GLUED_TITLE_CASE_RATIO)
                and head.count("(") == head.count(")")
                and len(words(tail)) >= MIN_GLUED_SUMMARY_WORDS and lower_ratio(tail) >= MIN_PROSE_LOWER_RATIO):
            return True
    return False


def is_teaser_prefixed(line: str) -> bool:
    """"Related: Turkey and Sweden agree …", "READ MORE: …"."""
    return bool(_TEASER_PREFIX.match(line.strip()))


# Headings after which the rest of a page is never the article: tag lists,
# comment threads, most-read lists, reuse notices.
_END_STRONG = re.compile(
    r"^(?:explore more on (?:these|this) topics?|topics|tags|keywords|more on this story|more on this topic|"
    r"most (?:viewed|read|popular|shared)(?: stories| articles)?|reuse this content|comments?|"
    r"comments?\s*\(\d[\d,]*\)|\d[\d,]*\s+comments?|view comments|show comments|"
    r"join the (?:discussion|conversation)|"
    r"(?:sign|log) in (?:or (?:create|register)[\w ]*)?to (?:comment|join the discussion|post)\b.*|"
    r"(?:sign in or create your account|create your account) to join the discussion\.?|"
    r"this discussion is (?:now )?closed.*|comments are (?:now )?closed.*)\s*:?$",
    re.IGNORECASE,
)
# Headings of teaser lists: usually after the article, sometimes inside it,
# so they end the article only when no run of prose follows (see plaintext).
_END_WEAK = re.compile(
    r"^(?:more stories|more from (?:the )?[\w ]{1,30}|read next|up next|what to read next|read more|"
    r"related (?:stories|articles|content|coverage|topics|news|posts|reading)|related|"
    r"recommended(?: stories| for you| articles| reading)?|"
    r"you (?:may|might) also (?:like|be interested in)|trending(?: now| stories)?|popular(?: now| stories)?|"
    r"latest (?:news|stories|headlines)|top stories|editor['’]s picks?|don['’]t miss|more in [\w ]{1,30}|"
    r"more (?:news|coverage|on this)|also (?:on|in) [\w ]{1,30}|"
    r"(?:most|more) (?:viewed|read|popular) (?:in|on) [\w ]{1,30})\s*:?$",
    re.IGNORECASE,
)
# An end-of-article heading is short.
MAX_END_MARKER_WORDS = 10


_COMMENTS = re.compile(r"\bcomments?\b|\bdiscussion\b|\bconversation\b", re.IGNORECASE)


# The header of one reader comment: "Milan Griffes on September 12, 2018 at
# 4:47 pm said:". A bare "Alex says:" is not matched: "Mr Kalin said:" opens
# quotes in articles.
_COMMENT_HEAD = re.compile(
    r"^(?:[*•·-]\s*)?[^.!?:]{1,60}?\s(?:on|at)\s[^.!?]{0,40}\d[^.!?]{0,30}?\s(?:said|says|wrote|writes)\s*:$",
    re.IGNORECASE,
)


def is_comment_header(line: str) -> bool:
    """The name-and-date line that opens a reader comment (never an article sentence)."""
    return bool(_COMMENT_HEAD.match(line.strip()))


def is_comments_marker(line: str) -> bool:
    """An end heading that opens a comment thread ("Comments (312)", "Join the discussion")."""
    return end_marker(line) == "strong" and bool(_COMMENTS.search(line))


# Words of comment-section headings and buttons: "[ 167 comments ]", "Top Rated Comments",
# "Show 312 comments", "Join the conversation", "Leave a comment".
_COMMENT_HEADING_WORDS = wordset(
    """
    comment comments discussion conversation top rated view show all read reader readers join add a post
    your leave latest newest oldest sort by best most popular see load more the to sign in our
    permalink feed for back top rss
    """
)


# Blog-style thread headings: "34 responses to “Headline”", "12 thoughts on “Headline”".
_RESPONSES_TO = re.compile(r"^\d[\d,]*\s+(?:responses?|replies|comments?|thoughts)\s+(?:to|on)\s+\S", re.IGNORECASE)


def _is_comment_heading(s: str) -> bool:
    toks = [t.lower() for t in re.findall(r"[^\W\d_]+", s)]
    return (
        bool(toks) and not ends_terminal(s)
        and all(t in _COMMENT_HEADING_WORDS for t in toks)
        and any(t in ("comment", "comments", "discussion", "conversation") for t in toks)
    )


def end_marker(line: str) -> str | None:
    """"strong" or "weak" for a heading that closes the article, else None."""
    s = line.strip()
    if _RESPONSES_TO.match(s):
        return "strong"
    if len(words(s)) > MAX_END_MARKER_WORDS:
        return None
    if _END_STRONG.match(s) or _is_comment_heading(s):
        return "strong"
    if _END_WEAK.match(s):
        return "weak"
    return None


_BREADCRUMB = re.compile(r"^[^\s>›»/|][^>›»|]{0,40}(?:\s*[>›»|/]\s*[^\s>›»|/][^>›»|/]{0,40}){1,5}$")
# A breadcrumb part is a few words long.
MAX_BREADCRUMB_PART_WORDS = 4


def breadcrumb(line: str) -> list[str] | None:
    """"World > Asia" → ["World", "Asia"]; None if ``line`` is not a breadcrumb trail."""
    s = line.strip()
    if not _BREADCRUMB.match(s) or re.search(r"https?:|\d{1,4}/\d{1,2}", s):
        return None
    parts = [p.strip() for p in re.split(r"\s*[>›»|/]\s*", s) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > MAX_BREADCRUMB_PART_WORDS for p in parts):
        return None
    if not all(p[:1].isupper() or p[:1].isdigit() for p in parts):
        return None
    if parts[0].lower() in ("home", "homepage", "front page", "news"):
        parts = parts[1:] or parts
    return parts
