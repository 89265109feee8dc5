"""Pinned minimum scores for PLOVER event coding on gold records; figures from bench/events.py."""

from __future__ import annotations

import pytest

from newsgraph.evaluation import events as ev

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

# Reached 2026-12-01 (bench/events.py): PLOVER gold (322 records) type 0.857, mode 0.647,
# actor 0.773, recipient 0.655, full triple 0.516; PETRARCH2 validation (78 sentences)
# (source, target, CAMEO root) F1 0.170 (all events). Issue 5's goals: type >= 0.85 (met),
# full triple >= 0.65 (not met).
PLOVER = {"type": 0.85, "mode": 0.63, "actor": 0.76, "recipient": 0.64, "triple": 0.50}
PETRARCH_F1 = 0.15
# Giveme5W1H main event: on the 44 political stories (evaluation.events.political_story) who
# 0.614, when 0.500, where 0.517; on all 96 who 0.312, when 0.389, where 0.361. The gold gives
# every article a main event, sport and business too; newsgraph codes political events only
# (events.relevance), so the all-stories figures fell from 0.427/0.547/0.403 (the pins of
# 153f118 were 0.40/0.52/0.38, then 0.29/0.41/0.35) as the F1, baseball, chocolate-bar and
# accident stories stopped being coded (34 of 96 articles have no event, 33 of them
# non-political): the intended change. The political-story pins measure the coder.
GIVEME_POLITICAL = {"who": 0.59, "when": 0.48, "where": 0.49}
GIVEME_ALL = {"who": 0.29, "when": 0.37, "where": 0.34}
# Held-out precision audit (tests/data/EVENT_AUDIT4.md): reached 0.56 (audit 1, before the
# precision work, 0.34; audits 2 and 3, held out after rounds 1 and 2, 0.53 and 0.57, then
# development sets). Issue 5 goal: 0.80 (not met).
AUDIT_PRECISION = 0.56
AUDIT_CURRENT = 0.95


@pytest.fixture(scope="module")
def pipe():
    from newsgraph.pipeline import Pipeline

    return Pipeline()


def test_plover_gold_minimums(pipe) -> None:
    if not ev.PLOVER_GSR.exists():
        pytest.skip(f"{ev.PLOVER_GSR} not present")
    recs = ev.load_plover()
    s = ev.score_plover(recs, ev.annotate_sentences([(r.id, r.text, r.date) for r in recs], pipe))
    assert s.n == 322 and s.failed == 0
    assert s.rate(s.type_ok) >= PLOVER["type"], s.rate(s.type_ok)
    assert s.rate(s.mode_ok, s.mode_n) >= PLOVER["mode"]
    assert s.rate(s.actor_ok) >= PLOVER["actor"] and s.rate(s.recipient_ok) >= PLOVER["recipient"]
    assert s.rate(s.triple_ok) >= PLOVER["triple"], s.rate(s.triple_ok)


def test_petrarch_validation_minimum(pipe) -> None:
    if not ev.PETRARCH.exists():
        pytest.skip(f"{ev.PETRARCH} not present")
    recs = ev.load_petrarch()
    s = ev.score_petrarch(recs, ev.annotate_sentences([(r.id, r.text, r.date) for r in recs], pipe))
    assert s.sentences == 78
    assert s.prf[2] >= PETRARCH_F1, s.prf


def test_giveme5w1h_minimums(pipe) -> None:
    from newsgraph.model import Article

    if not ev.GIVEME.exists():
        pytest.skip(f"{ev.GIVEME} not present")
    recs = ev.load_giveme()
    items = pipe.annotate([Article(id=r.id, source_path=r.id, text=r.text, title=r.title, published=r.published)
                           for r in recs])
    anns = [it.ann for it in items]
    for political_only, pins in ((True, GIVEME_POLITICAL), (False, GIVEME_ALL)):
        s = ev.score_giveme(recs, anns, political_only=political_only)
        assert s.who_ok / s.who_n >= pins["who"], (political_only, s.who_ok, s.who_n)
        assert s.when_ok / s.when_n >= pins["when"], (political_only, s.when_ok, s.when_n)
        assert s.where_ok / s.where_n >= pins["where"], (political_only, s.where_ok, s.where_n)


@pytest.mark.parametrize("name", sorted(ev.AUDITS))
def test_precision_audit_is_complete(name: str) -> None:
    """Every sampled event judged once with a known label (score_audit raises otherwise)."""
    a = ev.AUDITS[name]
    s = ev.score_audit(a.sample, a.judged)
    assert s.judged == ev.AUDIT_SIZE == len(ev.audit_keys(a))


def test_held_out_precision_audit_minimum() -> None:
    a = ev.AUDITS[ev.HELD_OUT]
    assert a.role == "held-out"
    for earlier in a.exclude:  # none of the events of the audits the fixes were read from
        assert not ev.audit_keys(a) & ev.audit_keys(ev.AUDITS[earlier])
    assert ev.score_audit(a.sample, a.judged).precision >= AUDIT_PRECISION


def test_held_out_audit_still_describes_the_coder(pipe) -> None:
    """The judged events are still what the coder produces; when this fails, draw and judge a
    new audit (bench/events.py --audit-sample N) rather than keep quoting a stale figure."""
    if not ev.ECBPLUS_DOCS.exists():
        pytest.skip(f"{ev.ECBPLUS_DOCS} not present")
    assert ev.audit_current(pipe, ev.AUDITS[ev.HELD_OUT]) >= AUDIT_CURRENT
