"""Constructed bad input for the language check and the sentence-quality guard (project-written text).

Issue 5, "Bad input": sentences of 500+ tokens, lists and tables flattened
into text, all-caps headlines, non-English text. Each builder returns the
body of one article; bench/sentence_quality.py and the tests run them
through the guard and the whole pipeline.
"""

from __future__ import annotations

# Clauses of a run-on: a caption gallery or a page whose full stops were lost.
_RUN_ON_CLAUSES = (
    "the foreign minister arrived in Ankara on Tuesday for talks with his Turkish counterpart",
    "protesters gathered outside the parliament in Athens as police watched from the square",
    "the delegation met officials from the energy ministry to discuss gas storage",
    "Reuters 4/20 a woman walks past a closed shop in the old town of Nicosia",
    "the prime minister said the government would not accept the proposal",
    "Getty 7/20 soldiers load supplies onto a truck near the border crossing",
)

GOOD_PARAGRAPHS = (
    "The foreign minister of Greece met his Turkish counterpart in Ankara on Tuesday for talks on "
    "migration and energy, the Greek foreign ministry said.",
    "The two ministers agreed to meet again in Athens next month, officials said after the meeting.",
)


def run_on(tokens: int = 600) -> str:
    """One "sentence" of at least ``tokens`` words: clauses joined by commas and "and", no full stop."""
    parts: list[str] = []
    n = 0
    while n < tokens:
        clause = _RUN_ON_CLAUSES[len(parts) % len(_RUN_ON_CLAUSES)]
        parts.append(clause)
        n += len(clause.split()) + 1
    return ", and ".join(parts)


def results_table() -> str:
    """A football league table copied from a page: one row per line, cells separated by spaces."""
    rows = [
        ("1", "Ankara United", "30", "21", "6", "3", "58", "69"),
        ("2", "Athens Athletic", "30", "19", "7", "4", "41", "64"),
        ("3", "Nicosia Rovers", "30", "17", "8", "5", "30", "59"),
        ("4", "Izmir City", "30", "15", "6", "9", "12", "51"),
        ("5", "Thessaloniki Attack", "30", "12", "9", "9", "5", "45"),
        ("6", "Bursa Strikers", "30", "10", "7", "13", "-8", "37"),
    ]
    return "\n".join(["Pos Team P W D L GD Pts"] + [" ".join(r) for r in rows])


def flattened_table() -> str:
    """The same kind of table with its rows run together on one line (a price table)."""
    rows = [("Brent crude", "82.10", "+0.45", "+0.5%"), ("WTI", "78.20", "+0.31", "+0.4%"),
            ("Natural gas", "2.91", "-0.04", "-1.4%"), ("Gold", "1,962.40", "+8.10", "+0.4%"),
            ("Silver", "23.05", "+0.12", "+0.5%"), ("Copper", "3.81", "-0.02", "-0.5%")]
    return "Commodity Price Change % " + " ".join(" ".join(r) for r in rows)


def markdown_table() -> str:
    """A table as trafilatura renders an HTML <table>: "| cell | cell |" rows."""
    return "\n\n".join(["| Team | P | W | Pts |", "|---|---|---|---|", "| Ankara United | 30 | 21 | 69 |",
                        "| Athens Athletic | 30 | 19 | 64 |", "| Nicosia Rovers | 30 | 17 | 59 |"])


CAPS_HEADLINE = "GREECE AND TURKEY AGREE TO RESUME TALKS AS MINISTERS MEET IN ANKARA"
CAPS_PARAGRAPH = ("THE GREEK FOREIGN MINISTER MET HIS TURKISH COUNTERPART IN ANKARA ON TUESDAY AND THE TWO "
                  "SIDES AGREED TO RESUME TALKS ON MIGRATION, OFFICIALS SAID.")


def bullet_list() -> str:
    """Key points as a bulleted list, one item per line."""
    return "\n".join([
        "Key points:",
        "• Greece and Turkey agreed to resume talks on migration",
        "• The ministers will meet again in Athens next month",
        "• Protesters gathered outside the parliament in Ankara",
        "• Energy prices | storage | pipelines",
    ])


def inline_bullets() -> str:
    """The same list flattened onto one line, its bullets inline."""
    return ("Key points: • Greece and Turkey agreed to resume talks on migration • The ministers will meet "
            "again in Athens next month • Protesters gathered outside the parliament in Ankara • Attack "
            "on Titan, Strike Force Heroes, Peace Talks Live and Summit Quest top the sales chart")


def name_list() -> str:
    """A verbless list of titles run together with commas (a games page, a cast list)."""
    return ("Attack on Titan, Strike Force Heroes, Peace Talks Live, Summit Quest, Border Patrol 3, "
            "Siege of Athens, Ankara Nights, Protest Simulator 2020")
