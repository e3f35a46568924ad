"""The matching engine: score, partial credit, weights, filters, explanations, exact top-k."""

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
    credit,
    explain,
    explanation_text,
    haversine_km,
    match_score,
)

GRONINGEN = (53.2194, 6.5665)
ASSEN = (52.9925, 6.5649)  # about 25 km south of Groningen
EMMEN = (52.7858, 6.8976)  # about 54 km


def test_full_match_scores_one_and_nothing_scores_zero():
    requires = {0: (2, True), 1: (1, False)}
    assert match_score({0: 2, 1: 3}, requires) == 1.0
    assert match_score({5: 4}, requires) == 0.0


def test_partial_credit_for_a_level_gap():
    assert credit(1, 2) == 0.5
    assert credit(2, 3) == pytest.approx(2 / 3)
    assert credit(4, 2) == 1.0
    assert credit(0, 1) == 0.0
    # one optional requirement, level 1 of 4 needed: a quarter
    assert match_score({0: 1}, {0: (4, False)}) == 0.25


def test_essential_weighs_twice_an_optional_one():
    requires = {0: (1, True), 1: (1, False)}
    assert match_score({0: 1}, requires) == pytest.approx(2 / 3)
    assert match_score({1: 1}, requires) == pytest.approx(1 / 3)
    # hand example: essential c0 level 3 (have 2), optional c1 level 2 (have 2), optional c2 missing
    assert match_score({0: 2, 1: 2}, {0: (3, True), 1: (2, False), 2: (1, False)}) == pytest.approx(
        (2 * 2 / 3 + 1 * 1 + 0) / 4
    )


def test_explanation_lists_matched_too_low_and_missing():
    result = explain({0: 2, 1: 1}, {0: (2, True), 1: (3, False), 2: (1, True)})
    assert result.matched == [(0, 2, 2, True)]
    assert result.too_low == [(1, 1, 3, False)]
    assert result.missing == [(2, 1, True)]
    assert result.required == 3
    text = explanation_text(result, label={0: "lassen", 1: "plannen", 2: "Excel"}.get)
    assert text[0] == "U kunt 1 van de 3 dingen die nodig zijn."
    assert "plannen (u heeft niveau 1, nodig is niveau 3)" in text[1]
    assert text[2] == "Dit mist nog: Excel."
    assert text[3] == "Dit is echt nodig voor dit werk: Excel."
    about = explanation_text(result, about="candidate")
    assert about[0].startswith("Deze persoon kan 1 van de 3")


def test_explanation_text_joins_with_en():
    result = explain({}, {0: (1, False), 1: (1, False), 2: (1, False)})
    assert explanation_text(result, label=lambda c: f"c{c}")[1] == "Dit mist nog: c0, c1 en c2."


def test_haversine_groningen_assen_is_about_25_km():
    assert haversine_km(*GRONINGEN, np.array([ASSEN]))[0] == pytest.approx(25.3, abs=0.5)


def _index():
    requires = [
        {0: (2, True), 1: (1, False)},  # 0: Groningen, 32 h, sector 1
        {0: (2, True)},  # 1: Assen, 40 h, sector 2
        {0: (2, True)},  # 2: Emmen, 20 h, sector 1
        {3: (1, False)},  # 3: nothing shared
    ]
    facts = [
        OpportunityFacts(GRONINGEN, 32, 1),
        OpportunityFacts(ASSEN, 40, 2),
        OpportunityFacts(EMMEN, 20, 1),
        OpportunityFacts(None, None, None),
    ]
    return OpportunityIndex.from_items(requires, 5, facts)


def test_top_orders_by_score_then_id_and_leaves_out_zero_scores():
    ids, scores = _index().top({0: 2}, k=10)
    assert ids.tolist() == [1, 2, 0]
    assert scores.tolist() == [1.0, 1.0, pytest.approx(2 / 3)]


def test_distance_filter():
    ids, _ = _index().top({0: 2}, prefs=Preferences(location=GRONINGEN, max_km=20))
    assert ids.tolist() == [0]
    ids, _ = _index().top({0: 2}, prefs=Preferences(location=GRONINGEN, max_km=30))
    assert ids.tolist() == [1, 0]


def test_hours_and_sector_filters():
    index = _index()
    assert index.top({0: 2}, prefs=Preferences(hours=32))[0].tolist() == [2, 0]
    assert index.top({0: 2}, prefs=Preferences(sectors=frozenset({2})))[0].tolist() == [1]
    mask = np.array([True, False, True, True])
    assert index.top({0: 2}, mask=mask)[0].tolist() == [2, 0]


def test_reverse_direction_and_its_filters():
    people = [{0: 1}, {0: 2, 1: 1}, {1: 4}, {0: 4}]
    prefs = [
        Preferences(location=GRONINGEN, max_km=10),
        Preferences(hours=20),
        None,
        Preferences(sectors=frozenset({3})),
    ]
    index = PersonIndex.from_items(people, 5, prefs)
    requires = {0: (2, True), 1: (1, False)}
    ids, scores = index.top(requires, k=10)
    assert ids.tolist() == [1, 3, 0, 2]
    assert scores.tolist() == [1.0, pytest.approx(2 / 3), pytest.approx(1 / 3), pytest.approx(1 / 3)]
    ids, _ = index.top(requires, facts=OpportunityFacts(ASSEN, 32, 1))
    assert ids.tolist() == [2]  # 0 too far, 1 wants fewer hours, 3 another sector
    assert index.explain(1, requires).matched == [(0, 2, 2, True), (1, 1, 1, False)]


def test_near_candidates_sum_the_minimal_hours_of_their_gaps():
    people = [{0: 2, 1: 1}, {0: 2}, {1: 1}, {}]
    index = PersonIndex.from_items(people, 5)
    requires = {0: (2, True), 1: (1, False)}
    hours = {(0, 2): 40, (1, 1): 8}
    assert index.near(requires, hours, 10) == [(1, 8.0, pytest.approx(2 / 3))]
    near = index.near(requires, hours, 48)
    assert [(p, h) for p, h, _s in near] == [(1, 8.0), (2, 40.0), (3, 48.0)]
    assert [p for p, _h, _s in index.near(requires, hours, 48, include_complete=True)][0] == 0
    assert index.near(requires, {(1, 1): 8}, 100) == [(1, 8.0, pytest.approx(2 / 3))]


def _brute(people, opportunities, k, reverse=False):
    """Best k by score desc, id asc, scores above 0, by plain Python scoring of every pair."""
    if reverse:
        pairs = [[(-match_score(have, req), i) for i, have in enumerate(people)] for req in opportunities]
    else:
        pairs = [[(-match_score(have, req), j) for j, req in enumerate(opportunities)] for have in people]
    return [[(i, -s) for s, i in sorted(row) if s < 0][:k] for row in pairs]


levels = st.integers(1, 4)
have_st = st.dictionaries(st.integers(0, 7), levels, max_size=6)
req_st = st.dictionaries(st.integers(0, 7), st.tuples(levels, st.booleans()), max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(have_st, min_size=1, max_size=12), st.lists(req_st, min_size=1, max_size=40), st.integers(1, 6)
)
def test_top_k_equals_brute_force_both_directions(people, opportunities, k):
    by_opportunity = OpportunityIndex.from_items(opportunities, 8)
    for have, expected in zip(people, _brute(people, opportunities, k), strict=True):
        ids, scores = by_opportunity.top(have, k)
        assert ids.tolist() == [j for j, _s in expected]
        assert scores.tolist() == [s for _j, s in expected]
    by_person = PersonIndex.from_items(people, 8)
    for req, expected in zip(opportunities, _brute(people, opportunities, k, reverse=True), strict=True):
        ids, scores = by_person.top(req, k)
        assert ids.tolist() == [i for i, _s in expected]
        assert scores.tolist() == [s for _i, s in expected]


def test_top_k_is_exact_with_pruning_on_a_larger_instance():
    rng = np.random.default_rng(7)
    n_comp = 80
    popularity = 1 / np.arange(1, n_comp + 1)
    popularity /= popularity.sum()
    opportunities = []
    for _ in range(3000):
        comps = rng.choice(n_comp, size=rng.integers(12, 20), replace=False, p=popularity)
        opportunities.append({int(c): (int(rng.integers(1, 5)), bool(rng.random() < 0.4)) for c in comps})
    index = OpportunityIndex.from_items(opportunities, n_comp)
    mask = rng.random(len(opportunities)) < 0.5
    skipped = 0
    people = []
    for _ in range(15):
        comps = rng.choice(n_comp, size=rng.integers(4, 25), replace=False, p=popularity)
        have = {int(c): int(rng.integers(1, 5)) for c in comps}
        people.append(have)
        ids, scores = index.top(have, 10)
        skipped += index.topk.last["accumulated"] < index.topk.last["postings"]
        expected = _brute([have], opportunities, 10)[0]
        assert ids.tolist() == [j for j, _s in expected]
        assert scores.tolist() == [s for _j, s in expected]
        ids, scores = index.top(have, 10, mask=mask)
        expected = [(j, s) for j, s in _brute([have], opportunities, len(opportunities))[0] if mask[j]][:10]
        assert ids.tolist() == [j for j, _s in expected]
        assert scores.tolist() == [s for _j, s in expected]
    assert skipped > 0  # the max-score cut was used, and still exact
    by_person = PersonIndex.from_items(people * 20, n_comp)
    for req in opportunities[:30]:
        ids, scores = by_person.top(req, 7)
        expected = _brute(people * 20, [req], 7, reverse=True)[0]
        assert ids.tolist() == [i for i, _s in expected]
        assert scores.tolist() == [s for _i, s in expected]


def test_batch_equals_one_by_one():
    rng = np.random.default_rng(3)
    opportunities = [
        {
            int(c): (int(rng.integers(1, 5)), bool(rng.random() < 0.5))
            for c in rng.choice(20, 5, replace=False)
        }
        for _ in range(500)
    ]
    people = [{int(c): int(rng.integers(1, 5)) for c in rng.choice(20, 6, replace=False)} for _ in range(20)]
    index = OpportunityIndex.from_items(opportunities, 20)
    batch = index.top_many(people, 5)
    for have, (ids, scores) in zip(people, batch, strict=True):
        single = index.top(have, 5)
        assert ids.tolist() == single[0].tolist()
        assert scores.tolist() == single[1].tolist()
