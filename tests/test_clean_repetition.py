"""Outlet furniture learnt from repetition across an outlet's pages, and the
plain-text features added for the extraction benchmark. Hand-written pages."""

from __future__ import annotations

from newsgraph.clean import furniture as f
from newsgraph.clean.plaintext import clean_plain_text, source_url
from newsgraph.clean.repetition import OutletLines, outlet_key

BLURB = "Harbour Courier is the independent voice of the coast since 1921, read by thousands every morning."


def _page(headline: str, paras: list[str]) -> str:
    return "\n".join(
        ["Source: https://www.harbourcourier.example/news/1", "Harbour Courier", "News", "Sport", headline,
         "By Ann Lee", "Tue 14 Mar 2023 17.05 GMT", *paras, BLURB, "Privacy policy"]
    )


PAGE_A = _page("Ferry strike ends after two days", [
    "The ferry strike that stranded hundreds of passengers ended on Tuesday after the union accepted a new offer.",
    "Services will resume on Wednesday morning, the operator said in a statement to passengers.",
    "The union said its members had voted by a large majority to accept the improved pay offer.",
])
PAGE_B = _page("Harbour wall repairs to start in May", [
    "Repairs to the old harbour wall will start in May and last until the autumn, the council said.",
    "The work was delayed by a dispute over who should pay for the damage caused by winter storms.",
    "Fishermen have asked for the inner harbour to stay open while the work goes on.",
])


def test_outlet_key_and_source_url() -> None:
    assert source_url(PAGE_A) == "https://www.harbourcourier.example/news/1"
    assert outlet_key("https://www.harbourcourier.example/x") == "harbourcourier.example"
    assert outlet_key(None, "Harbour Courier") == "harbour courier"
    assert outlet_key(None) is None


def test_lines_repeated_across_an_outlets_pages_are_removed() -> None:
    memory = OutletLines()
    key = outlet_key(source_url(PAGE_A))
    assert memory.add(key, PAGE_A) and memory.add(key, PAGE_B)
    lines = memory.repeated(key, PAGE_A)
    assert BLURB.casefold() in lines
    assert not any("ferry" in k for k in lines)
    alone = clean_plain_text(PAGE_A).text
    assert "independent voice" in alone  # one page alone cannot tell the blurb from the body
    cleaned = clean_plain_text(PAGE_A, outlet_lines=lines)
    assert "independent voice" not in cleaned.text
    assert cleaned.text.startswith("The ferry strike")
    assert "accept the improved pay offer" in cleaned.text


def test_a_copy_of_the_same_page_is_not_evidence() -> None:
    memory = OutletLines()
    key = "harbourcourier.example"
    memory.add(key, PAGE_A)
    memory.add(key, PAGE_A.replace("Tue 14 Mar", "Wed 15 Mar"))
    assert memory.repeated(key, PAGE_A) == set()


def test_glued_teaser_headline_and_summary() -> None:
    assert f.is_glued_teaser("Harbour Wall Repairs Delayed Until SpringThe council said the work would cost more.")
    assert not f.is_glued_teaser("Singer-keyboardist McDonald and Patrick Simmons will join the tour next year.")
    assert not f.is_glued_teaser("HONOLULU, Hawaii (HawaiiNewsNow) - Scientists using a telescope confirmed water.")


def test_long_paragraph_about_subscriptions_is_prose_not_a_call_to_action() -> None:
    para = ("Disney said it had signed up ten million subscribers in its first day, and analysts said the free "
            "trial would make it hard to know how many will stay once the subscription price starts to apply "
            "next month, because many people sign up for several services at once and cancel them later.")
    assert not f.is_cta(para)
    assert f.is_cta("Sign up to our free newsletter")


def test_trailing_author_bio_and_comment_headers() -> None:
    page = "\n\n".join([
        "Harbour wall repairs to start in May",
        "By Ann Lee",
        "Tue 14 Mar 2023 17.05 GMT",
        "Repairs to the old harbour wall will start in May and last until the autumn, the council said.",
        "The work was delayed by a dispute over who should pay for the damage caused by winter storms.",
        "Fishermen have asked for the inner harbour to stay open while the work goes on.",
        "Ann Lee is a staff writer at the Harbour Courier covering the coast and its towns.",
        "12 Comments",
        "* Tom Reed on March 14, 2023 at 6:02 pm said:",
        "About time too, the wall has been falling apart for years and nobody has done a thing about it.",
        "I hope they keep the inner harbour open for the boats while they work on it this summer.",
        "* Jo on March 15, 2023 at 9:10 am said:",
        "They said the same thing last year and nothing happened at all, so I will believe it when I see it.",
        "And who is going to pay for it in the end? The same people as always, the ones who live here.",
        "Lots of people here have been asking the council about this for a long time without any answer.",
    ])
    doc = clean_plain_text(page)
    assert doc.text.endswith("while the work goes on.")
    assert ("Ann Lee is a staff writer at the Harbour Courier covering the coast and its towns.", "author-bio") in doc.removed
    assert f.is_comment_header("* Tom Reed on March 14, 2023 at 6:02 pm said:")
    assert not f.is_comment_header("Mr Kalin said:")


def test_outlet_memory_is_kept_across_runs_in_the_store() -> None:
    from newsgraph.store import open_store

    store = open_store(":memory:")
    key = outlet_key(source_url(PAGE_A))
    first = OutletLines(loader=store.outlet_lines)
    assert first.add(key, PAGE_A)
    store.add_outlet_lines(first.take_pending())
    assert first.take_pending() == []
    # a later run sees page B alone: the blurb is known from page A's run
    second = OutletLines(loader=store.outlet_lines)
    counted = second.add(key, PAGE_B)
    lines = second.repeated(key, PAGE_B, counted=counted)
    assert BLURB.casefold() in lines
    assert "independent voice" not in clean_plain_text(PAGE_B, outlet_lines=lines).text
    store.add_outlet_lines(second.take_pending())
    n, counts = store.outlet_lines(key)
    assert n == 2 and max(counts.values()) == 2
