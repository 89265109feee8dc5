"""Online story clustering (stories.cluster.StoryIndex) and event-mention coreference, on hand-made features."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from newsgraph.entities.names import stable_id
from newsgraph.stories.cluster import ArticleFeatures, StoryIndex, cluster_articles
from newsgraph.stories.eventcoref import EventMention, corefer, family, fold, load_families, same_lemma

T0 = datetime(2025, 3, 3, 9, 0)
VISIT = {"w:visit": 2.0, "w:minister": 1.0, "e:person:lavrov": 3.0, "e:place:ankara": 3.0, "w:talks": 1.0}
QUAKE = {"w:earthquake": 2.0, "w:magnitude": 1.0, "e:place:aceh": 3.0, "w:tsunami": 1.0, "w:killed": 1.0}
BACKGROUND = [{"w:budget": 1.0, "w:vote": 1.0, "e:org:parliament": 3.0}, {"w:match": 1.0, "w:goal": 2.0}]


def _feat(aid: str, terms: dict[str, float], days: float = 0.0, dup: str | None = None) -> ArticleFeatures:
    return ArticleFeatures(aid, T0 + timedelta(days=days), dict(terms), dup)


def test_reports_of_one_story_join_and_others_stay_apart():
    arts = [_feat("v1", VISIT), _feat("q1", QUAKE, 0.1), _feat("v2", {**VISIT, "w:sunday": 1.0}, 0.2),
            _feat("q2", {**QUAKE, "w:rescue": 1.0}, 0.3), _feat("b1", BACKGROUND[0], 0.4), _feat("b2", BACKGROUND[1], 0.5)]
    got = cluster_articles(arts)
    assert got["v1"] == got["v2"] and got["q1"] == got["q2"]
    assert len({got["v1"], got["q1"], got["b1"], got["b2"]}) == 4


def test_story_id_comes_from_first_article_and_stays_when_more_arrive():
    idx = StoryIndex()
    first = idx.add(_feat("v1", VISIT))
    for n in range(5):
        assert idx.add(_feat(f"v{n + 2}", VISIT, 0.1 * (n + 1))) == first
    assert idx.assignments()["v1"] == first


def test_time_window_closes_a_story():
    idx = StoryIndex(window_days=7.0)
    a = idx.add(_feat("v1", VISIT))
    b = idx.add(_feat("v2", VISIT, 30.0))  # the same kind of visit a month later is a new story
    assert a != b


def test_wire_copy_joins_its_original_story_even_if_unlike():
    idx = StoryIndex()
    a = idx.add(_feat("v1", VISIT))
    assert idx.add(_feat("copy", {"w:unrelated": 1.0}, 0.1, dup="v1")) == a


def test_article_linking_two_stories_merges_them_and_older_id_survives():
    idx = StoryIndex(df={}, n_docs=10, join_threshold=0.3, merge_threshold=0.3)
    left = {"w:alpha": 1.0, "w:beta": 1.0, "w:gamma": 1.0}
    right = {"w:delta": 1.0, "w:epsilon": 1.0, "w:zeta": 1.0}
    a = idx.add(_feat("l1", left))
    b = idx.add(_feat("r1", right, 0.1))
    assert a != b
    # Several articles carrying both halves pull the two centroids together until they merge.
    for n in range(4):
        idx.add(_feat(f"both{n}", {**left, **right}, 0.2 + 0.1 * n))
    got = idx.assignments()
    assert got["l1"] == got["r1"] == a


def test_candidates_are_bounded_by_blocking_not_by_store_size():
    idx = StoryIndex()
    for n in range(600):  # 600 unrelated one-article stories in the window
        idx.add(_feat(f"x{n}", {f"w:topic{n}": 2.0, f"e:place:p{n}": 3.0}, n * 0.001))
    before = idx.compared
    idx.add(_feat("v1", VISIT, 1.0))
    assert idx.compared - before == 0  # nothing shares its sketch terms: no story was compared


def test_a_term_every_story_shares_reads_only_the_newest_postings():
    from newsgraph.stories.cluster import MAX_POSTINGS_READ, SKETCH_TERMS

    idx = StoryIndex(df={"w:common": 1}, n_docs=1000)
    for n in range(600):
        idx.add(_feat(f"x{n}", {"w:common": 3.0, f"w:topic{n}": 1.0}, n * 0.001))
    before = idx.compared
    idx.add(_feat("y", {"w:common": 3.0, "w:other": 1.0}, 1.0))
    assert 0 < idx.compared - before <= MAX_POSTINGS_READ * SKETCH_TERMS


def test_order_of_input_does_not_matter_for_the_batch_api():
    arts = [_feat("v1", VISIT), _feat("q1", QUAKE, 0.1), _feat("v2", VISIT, 0.2)]
    assert cluster_articles(arts) == cluster_articles(list(reversed(arts)))


# ------------------------------------------------------------------ event mentions


def test_fold_and_families():
    assert fold("shooting") == "shoot" and fold("king") == "king"
    assert family("quake") == family("earthquake") == family("tremor")
    assert family("nab") == family("arrested".removesuffix("ed"))
    assert family("murder") == family("killed".removesuffix("ed"))
    assert family("election") != family("earthquake")


def _m(i: str, scope: str, lemma: str, ctx: str) -> EventMention:
    return EventMention(i, scope, lemma, frozenset(ctx.split()))


def test_corefer_links_family_members_with_shared_context_only_within_scope():
    ms = [
        _m("a", "s1", "quake", "strong quake strike aceh province"),
        _m("b", "s1", "earthquake", "earthquake strike aceh kill child"),
        _m("c", "s1", "earthquake", "earthquake japan 2011 memory anniversary nuclear plant disaster recall"),
        _m("d", "s2", "quake", "strong quake strike aceh province"),
    ]
    got = corefer(ms)
    assert got["a"] == got["b"]
    assert got["c"] != got["a"]  # same family, no shared context
    assert got["d"] != got["a"]  # another story
    base = same_lemma(ms)
    assert base["b"] == base["c"] and base["a"] != base["b"]


def test_user_family_file(tmp_path):
    p = tmp_path / "fam.yaml"
    p.write_text("families:\n  vote: [ballot, poll, vote]\n", encoding="utf-8")
    fams = load_families(str(p))
    assert family("ballot", fams) == family("poll", fams) == "vote"
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(Exception, match="families"):
        load_families(str(bad))


# Two rehab check-ins of one week: most words shared, the people and places not.
REHAB = {"w:rehab": 2.0, "w:check": 1.0, "w:actress": 1.0, "w:treatment": 1.0, "w:spokesman": 1.0}
TARA = {**REHAB, "e:person:tara_reid": 3.0, "e:place:malibu": 2.0, "w:promises": 1.0}
LINDSAY = {**REHAB, "e:person:lindsay_lohan": 3.0, "e:place:betty_ford": 2.0, "w:court": 1.0}


def _two_events(n: int) -> list[ArticleFeatures]:
    """n reports of each check-in, interleaved in time, all within the story window."""
    arts = []
    for i in range(n):
        arts.append(_feat(f"t{i}", {**TARA, f"w:extra{i}": 1.0}, 0.2 * i))
        arts.append(_feat(f"l{i}", {**LINDSAY, f"w:more{i}": 1.0}, 0.2 * i + 0.1))
    return arts


def test_story_joined_from_two_events_splits_and_first_half_keeps_its_id():
    idx = StoryIndex(df={"w:rehab": 1, "w:check": 1, "w:actress": 1, "w:treatment": 1, "w:spokesman": 1},
                     n_docs=100)
    got = idx.add_all(_two_events(6))
    # The shared words make early reports join one story; later evidence splits it.
    assert idx.splits >= 1
    tara = {got[f"t{i}"] for i in range(6)}
    lindsay = {got[f"l{i}"] for i in range(6)}
    assert len(tara) == 1 and len(lindsay) == 1 and tara != lindsay
    assert got["t0"] == stable_id("story", "t0")  # the half with the story's first article keeps its id
    assert got["l0"] == stable_id("story", "l0")


def test_coherent_story_does_not_split():
    idx = StoryIndex()
    got = idx.add_all([_feat(f"v{i}", {**VISIT, f"w:detail{i}": 1.0}, 0.1 * i) for i in range(20)])
    assert len(set(got.values())) == 1 and idx.splits == 0


def test_copies_follow_their_original_when_a_story_splits():
    arts = _two_events(6)
    arts.append(_feat("l0-copy", {"w:unrelated": 1.0}, 0.15, dup="l0"))
    got = StoryIndex(df={"w:rehab": 1, "w:check": 1, "w:actress": 1, "w:treatment": 1, "w:spokesman": 1},
                     n_docs=100).add_all(arts)
    assert got["l0-copy"] == got["l0"] != got["t0"]


def test_a_split_does_not_hide_older_stories_from_later_articles():
    """After a split the kept half's latest article is older than its place in the postings
    says; the candidate search must read past it to stories still inside the window."""
    idx = StoryIndex()
    n = 0

    def add(day: float, terms: dict[str, float]) -> str:
        nonlocal n
        n += 1
        return idx.add(_feat(f"a{n:02d}", terms, day))

    for k in range(4):  # event A, days 0-0.75
        add(0.25 * k, {"w:quake": 3, "w:tsunami": 3, "w:chile": 3, "w:valparaiso": 3, f"w:a{k}": 1})
    x = add(3, {"w:quake": 1, "w:tsunami": 1, "w:peru": 5, "w:lima": 5, "w:fishermen": 5})  # another story
    for k in range(4):  # event B joins A's story through quake/tsunami, then it splits
        add(4 + 0.25 * k, {"w:quake": 3, "w:tsunami": 3, "w:japan": 3, "w:sendai": 3, f"w:b{k}": 1})
    assert idx.splits >= 1
    follow_up = {"w:quake": 9, "w:tsunami": 9, **{f"w:u{k}": 3 for k in range(10)},
                 "w:peru": 1.2, "w:lima": 1.2, "w:fishermen": 1.2}
    assert add(9, follow_up) == x  # day 9: still within X's window (its last article is day 3)
