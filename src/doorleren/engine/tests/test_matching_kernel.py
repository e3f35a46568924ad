"""The compiled top-k kernel (Numba) against the numpy path and a plain brute force.

Both paths must give the same ids and scores (score desc, then id asc, only scores above 0), with
and without filters, in both directions, on instances that exercise segments with one or several
denominators, long segments cut in pieces, groups outside the signature, ties and empty queries.
Speed is measured by ``doorleren bench matching`` only.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorleren.engine.matching import (
    OpportunityFacts,
    OpportunityIndex,
    PersonIndex,
    Preferences,
    match_score,
    topk,
)

pytest.importorskip("numba")

GRONINGEN = (53.2194, 6.5665)
ASSEN = (52.9925, 6.5649)


@pytest.fixture(autouse=True)
def _kernel_on(monkeypatch):
    monkeypatch.delenv("DOORLEREN_MATCHING_KERNEL", raising=False)


def _brute(have_or_req, items, k, *, reverse=False, allowed=None):
    """Best k (id, score) by score desc, id asc, scores above 0, from plain Python scoring."""
    if reverse:
        scores = [match_score(have, have_or_req) for have in items]
    else:
        scores = [match_score(have_or_req, req) for req in items]
    rows = [(-s, i) for i, s in enumerate(scores) if s > 0 and (allowed is None or allowed[i])]
    return [(i, -s) for s, i in sorted(rows)][:k]


def _same(result, expected):
    ids, scores = result
    assert ids.tolist() == [i for i, _s in expected]
    assert scores.tolist() == [s for _i, s in expected]


def _zipf_items(rng, n, n_comp, low, high, *, requirements):
    popularity = 1 / np.arange(1, n_comp + 1) ** 0.8
    popularity /= popularity.sum()
    items = []
    for _ in range(n):
        comps = rng.choice(n_comp, size=int(rng.integers(low, high + 1)), replace=False, p=popularity)
        if requirements:
            items.append({int(c): (int(rng.integers(1, 5)), bool(rng.random() < 0.4)) for c in comps})
        else:
            items.append({int(c): int(rng.integers(1, 5)) for c in comps})
    return items


levels = st.integers(1, 4)
have_st = st.dictionaries(st.integers(0, 9), levels, max_size=7)
req_st = st.dictionaries(st.integers(0, 9), st.tuples(levels, st.booleans()), max_size=7)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(have_st, min_size=1, max_size=10),
    st.lists(req_st, min_size=1, max_size=60),
    st.integers(1, 8),
    st.integers(1, 7),
    st.integers(0, 3),
    st.data(),
)
def test_kernel_equals_numpy_and_brute_force(people, opportunities, k, segment_max, sig_groups, data):
    with pytest.MonkeyPatch.context() as mp:
        # short segments (cut runs of one denominator), few denominators per segment, few signature groups
        mp.setattr(topk, "SEGMENT_MAX", segment_max)
        mp.setattr(topk, "SEGMENT_DENOMINATORS", data.draw(st.integers(1, 4)))
        mp.setattr(topk, "SIGNATURE_GROUPS", sig_groups)
        by_opportunity = OpportunityIndex.from_items(opportunities, 10, kernel=True)
        by_person = PersonIndex.from_items(people, 10, kernel=True)
    mask = np.array(
        data.draw(st.lists(st.booleans(), min_size=len(opportunities), max_size=len(opportunities)))
    )
    for have in people:
        expected = _brute(have, opportunities, k)
        _same(by_opportunity.top(have, k), expected)
        _same(by_opportunity.top(have, k, kernel=False), expected)
        expected = _brute(have, opportunities, k, allowed=mask)
        _same(by_opportunity.top(have, k, mask=mask), expected)
        _same(by_opportunity.top(have, k, mask=mask, kernel=False), expected)
    for req in opportunities[:10]:
        expected = _brute(req, people, k, reverse=True)
        _same(by_person.top(req, k), expected)
        _same(by_person.top(req, k, kernel=False), expected)


def test_kernel_is_exact_with_pruning_on_a_larger_instance():
    """Zipf-popular competencies over a few denominators: max-score skips lists and theta rounds run."""
    rng = np.random.default_rng(11)
    n_comp = 120
    opportunities = _zipf_items(rng, 20_000, n_comp, 6, 16, requirements=True)
    index = OpportunityIndex.from_items(opportunities, n_comp, kernel=True)
    assert index.topk.kernel is not None
    people = _zipf_items(rng, 12, n_comp, 4, 20, requirements=False)
    mask = rng.random(len(opportunities)) < 0.3
    pruned = 0
    for have in people:
        for k in (1, 10, 40):
            expected = _brute(have, opportunities, k)
            _same(index.top(have, k), expected)
            pruned += index.topk.last["accumulated"] < index.topk.last["postings"]
            _same(index.top(have, k, kernel=False), expected)
        expected = _brute(have, opportunities, 10, allowed=mask)
        _same(index.top(have, 10, mask=mask), expected)
    assert pruned > 0  # lists were skipped, and the results stayed exact


def test_kernel_reverse_direction_on_a_larger_instance():
    """One denominator per query (persons): a single long segment cut into pieces."""
    rng = np.random.default_rng(5)
    n_comp = 60
    people = _zipf_items(rng, 30_000, n_comp, 3, 15, requirements=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(topk, "SEGMENT_MAX", 4096)
        index = PersonIndex.from_items(people, n_comp, kernel=True)
    assert len(index.topk.seg_start) > 2
    for req in _zipf_items(rng, 8, n_comp, 5, 20, requirements=True):
        for k in (3, 25):
            expected = _brute(req, people, k, reverse=True)
            _same(index.top(req, k), expected)
            _same(index.top(req, k, kernel=False), expected)


def test_ties_are_broken_by_id_in_both_paths():
    # ids 0..39: identical opportunities in a shuffled denominator order, all with the same score
    rng = np.random.default_rng(2)
    opportunities = []
    for i in range(40):
        extra = {5: (1, False)} if i % 3 == 0 else {}
        opportunities.append({0: (2, True), 1: (1, False), **extra} if rng.random() < 0.5 else {0: (2, True)})
    index = OpportunityIndex.from_items(opportunities, 8, kernel=True)
    have = {0: 2, 1: 1, 5: 1}
    expected = _brute(have, opportunities, 15)
    assert [s for _i, s in expected] == [1.0] * 15
    _same(index.top(have, 15), expected)
    _same(index.top(have, 15, kernel=False), expected)


def test_empty_queries_and_indexes():
    index = OpportunityIndex.from_items([{0: (1, True)}, {}, {1: (2, False)}], 4, kernel=True)
    for have, k in (({}, 5), ({3: 4}, 5), ({0: 1}, 0), ({9: 1}, 3)):
        ids, scores = index.top(have, k)
        assert ids.tolist() == [] and scores.tolist() == []
    _same(index.top({0: 1, 1: 4}, 10), [(0, 1.0), (2, 1.0)])
    empty = OpportunityIndex.from_items([], 4, kernel=True)
    assert empty.top({0: 1}, 5)[0].tolist() == []
    persons = PersonIndex.from_items([{}, {2: 1}], 4, kernel=True)
    _same(persons.top({2: (2, True)}, 5), [(1, 0.5)])
    assert persons.top({}, 5)[0].tolist() == []


def test_preference_filters_in_the_kernel_path():
    requires = [{0: (2, True), 1: (1, False)}, {0: (2, True)}, {0: (2, True)}, {3: (1, False)}]
    facts = [
        OpportunityFacts(GRONINGEN, 32, 1),
        OpportunityFacts(ASSEN, 40, 2),
        OpportunityFacts(None, 20, 1),
        OpportunityFacts(None, None, None),
    ]
    index = OpportunityIndex.from_items(requires, 5, facts, kernel=True)
    prefs = Preferences(location=GRONINGEN, max_km=20, hours=36)
    assert index.top({0: 2}, prefs=prefs)[0].tolist() == [2, 0]
    assert index.top({0: 2}, prefs=prefs, kernel=False)[0].tolist() == [2, 0]
    mask = np.array([True, True, False, True])
    assert index.top({0: 2}, prefs=Preferences(sectors=frozenset({1, 2})), mask=mask)[0].tolist() == [1, 0]


def test_repeated_queries_reuse_clean_scratch_space():
    rng = np.random.default_rng(9)
    opportunities = _zipf_items(rng, 3000, 40, 3, 10, requirements=True)
    index = OpportunityIndex.from_items(opportunities, 40, kernel=True)
    people = _zipf_items(rng, 6, 40, 3, 12, requirements=False)
    first = [index.top(have, 7) for have in people]
    again = [index.top(have, 7) for have in reversed(people)][::-1]
    for (a_ids, a_scores), (b_ids, b_scores) in zip(first, again, strict=True):
        assert a_ids.tolist() == b_ids.tolist() and a_scores.tolist() == b_scores.tolist()
    for ws in index.topk._pool:
        assert not ws[0].any()  # the accumulator is all zero between queries


def test_small_indexes_use_numpy_and_the_switch_turns_the_kernel_off(monkeypatch):
    small = OpportunityIndex.from_items([{0: (1, True)}] * 10, 2)
    assert small.topk.kernel is None  # below KERNEL_MIN_TARGETS: no Numba import, no compile
    monkeypatch.setattr(topk, "KERNEL_MIN_TARGETS", 5)
    assert OpportunityIndex.from_items([{0: (1, True)}] * 10, 2).topk.kernel is not None
    monkeypatch.setenv("DOORLEREN_MATCHING_KERNEL", "0")
    assert OpportunityIndex.from_items([{0: (1, True)}] * 10, 2).topk.kernel is None
    with pytest.raises(RuntimeError):
        OpportunityIndex.from_items([{0: (1, True)}] * 10, 2, kernel=True)


def test_a_kernel_that_fails_its_self_test_means_numpy(monkeypatch):
    def broken(module):
        raise RuntimeError("no LLVM here")

    monkeypatch.setattr(topk, "_kernel_module", None)
    monkeypatch.setattr(topk, "_kernel_error", None)
    monkeypatch.setattr(topk, "_self_test", broken)
    monkeypatch.setattr(topk, "KERNEL_MIN_TARGETS", 5)
    index = OpportunityIndex.from_items([{0: (1, True)}, {0: (2, False)}] * 5, 2)
    assert index.topk.kernel is None
    assert "no LLVM here" in topk.kernel_unavailable_reason()
    _same(index.top({0: 1}, 3), [(0, 1.0), (2, 1.0), (4, 1.0)])
    assert topk.warm_up() is None


def test_numba_cache_goes_to_a_temporary_folder_when_the_package_is_read_only(monkeypatch, tmp_path):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setattr(topk.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(topk.os, "access", lambda path, mode: False)
    topk._numba_cache_dir()
    assert topk.os.environ["NUMBA_CACHE_DIR"].startswith(str(tmp_path))
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/somewhere/else")
    topk._numba_cache_dir()
    assert topk.os.environ["NUMBA_CACHE_DIR"] == "/somewhere/else"
