"""Placement on random instances (hypothesis): stable, learner-optimal, equal to sequential Gale-Shapley.

Brute force enumerates every matching of a tiny instance, keeps the stable ones (no blocking pair and
every assignment would choose exactly its learners) and checks that each learner weakly prefers the
engine's place to their place in every one of them.
"""

from __future__ import annotations

from itertools import product

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorleren.engine.placement import (
    deferred_acceptance,
    parse_instance,
    reference_violations,
    sequential_deferred_acceptance,
    stability_report,
)
from doorleren.engine.placement.reference import Reference

KINDS = ["student", "werkende", "werkzoekende"]


@st.composite
def instances(
    draw, *, max_learners: int = 12, max_assignments: int = 5, reserves: bool = False, dense: bool = False
) -> dict:
    """Random instances; ``dense``: everyone lists (nearly) everyone, so several stable matchings are common."""
    n = draw(st.integers(min_value=1, max_value=max_learners))
    m = draw(st.integers(min_value=1, max_value=max_assignments))
    learner_ids = [f"l{i}" for i in range(n)]
    assignment_ids = [f"a{j}" for j in range(m)]
    learners = {
        learner: draw(st.lists(st.sampled_from(assignment_ids), unique=True, max_size=m))
        for learner in learner_ids
    }
    assignments = {}
    for a in assignment_ids:
        capacity = draw(st.integers(min_value=1, max_value=2 if dense else 3))
        ranking = draw(st.permutations(learner_ids))
        kept = draw(st.integers(min_value=max(0, n - 1) if dense else 0, max_value=n))
        spec: dict = {"capacity": capacity, "ranking": ranking[:kept]}
        if reserves and draw(st.booleans()):
            groups = [{"kinds": ["student"], "seats": 1}]
            if capacity >= 2 and draw(st.booleans()):
                groups.append(
                    {"kinds": ["werkende", "werkzoekende"], "seats": draw(st.integers(1, capacity - 1))}
                )
            spec["reserved"] = groups
        assignments[a] = spec
    data: dict = {"learners": learners, "assignments": assignments}
    if reserves:
        data["kinds"] = {
            learner: kind
            for learner in learner_ids
            if (kind := draw(st.sampled_from([*KINDS, None]))) is not None
        }
    return data


def stable_matchings(placement) -> list[list[int]]:
    """Every stable matching of a tiny instance, by enumeration."""
    ref = Reference(placement)
    options = [[-1, *wishes] for wishes in ref.wishes]
    found = []
    for assignment_of in product(*options):
        counts = np.bincount([a for a in assignment_of if a >= 0], minlength=placement.n_assignments)
        if (counts > placement.capacity).any():
            continue
        violations = reference_violations(placement, list(assignment_of))
        if not any(violations.values()):
            found.append(list(assignment_of))
    return found


def position(ref: Reference, learner: int, assignment: int) -> int:
    return ref.wishes[learner].index(assignment) if assignment >= 0 else len(ref.wishes[learner])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_no_blocking_pair_capacities_and_acceptability_hold_and_it_equals_sequential_gale_shapley(data):
    placement = parse_instance(data)
    result = deferred_acceptance(placement)
    assignment_of = result.assignment.tolist()

    assert assignment_of == sequential_deferred_acceptance(placement)
    assert reference_violations(placement, assignment_of) == {
        "blocking_pairs": [],
        "over_capacity": [],
        "unacceptable": [],
        "not_chosen": [],
    }
    assert stability_report(placement, result.assignment) == {
        "blocking_pairs": 0,
        "over_capacity": 0,
        "unacceptable": 0,
    }
    for learner, a in enumerate(assignment_of):
        if a >= 0:
            assert (
                placement.learner_ids[learner] in data["assignments"][placement.assignment_ids[a]]["ranking"]
            )
            assert placement.assignment_ids[a] in data["learners"][placement.learner_ids[learner]]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(reserves=True))
def test_with_reserved_seats_it_is_stable_and_equals_sequential_gale_shapley(data):
    placement = parse_instance(data)
    result = deferred_acceptance(placement)
    assignment_of = result.assignment.tolist()

    assert assignment_of == sequential_deferred_acceptance(placement)
    assert not any(reference_violations(placement, assignment_of).values())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_learners=5, max_assignments=3, reserves=True, dense=True))
def test_it_is_the_learner_optimal_stable_matching_by_brute_force(data):
    placement = parse_instance(data)
    ref = Reference(placement)
    ours = deferred_acceptance(placement).assignment.tolist()

    everything = stable_matchings(placement)

    assert ours in everything
    for other in everything:
        for learner in range(placement.n_learners):
            assert position(ref, learner, ours[learner]) <= position(ref, learner, other[learner])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_the_vectorised_check_counts_the_same_blocking_pairs_as_the_pair_by_pair_check(data, draw):
    placement = parse_instance(data)
    ref = Reference(placement)
    # any matching within capacity and acceptable both ways, stable or not
    assignment_of = [-1] * placement.n_learners
    room = placement.capacity.tolist()
    for learner in range(placement.n_learners):
        choice = draw.draw(st.sampled_from([-1, *ref.wishes[learner]]))
        if choice >= 0 and room[choice] > 0:
            room[choice] -= 1
            assignment_of[learner] = choice

    report = stability_report(placement, np.asarray(assignment_of))

    assert report["blocking_pairs"] == len(reference_violations(placement, assignment_of)["blocking_pairs"])
    assert report["over_capacity"] == report["unacceptable"] == 0


def test_learner_optimal_by_brute_force_on_seeded_dense_instances_with_several_stable_matchings():
    rng = np.random.default_rng(5)
    several = 0
    for number in range(300):
        n, m = int(rng.integers(3, 6)), int(rng.integers(2, 4))
        learner_ids, assignment_ids = [f"l{i}" for i in range(n)], [f"a{j}" for j in range(m)]
        data: dict = {
            "learners": {learner: [assignment_ids[j] for j in rng.permutation(m)] for learner in learner_ids},
            "assignments": {
                a: {
                    "capacity": int(rng.integers(1, 3)),
                    "ranking": [learner_ids[i] for i in rng.permutation(n)],
                }
                for a in assignment_ids
            },
        }
        if number % 2:
            data["kinds"] = {learner: str(rng.choice(KINDS)) for learner in learner_ids}
            for a in assignment_ids:
                if rng.random() < 0.6:
                    data["assignments"][a]["reserved"] = [{"kinds": ["student"], "seats": 1}]
        placement = parse_instance(data)
        ref = Reference(placement)
        ours = deferred_acceptance(placement).assignment.tolist()
        everything = stable_matchings(placement)
        several += len(everything) > 1

        assert ours in everything
        for other in everything:
            assert all(
                position(ref, learner, ours[learner]) <= position(ref, learner, other[learner])
                for learner in range(n)
            )
    assert several >= 10  # the check above had real choices to make
