"""Plain Python references: sequential Gale-Shapley, the choice rule and a pair-by-pair stability check.

Slow and simple on purpose: the tests hold the vectorised engine (``solve.py``, ``check.py``) against
these. They read the instance's own lists, not the engine's ``Pairs``.
"""

from __future__ import annotations

from collections.abc import Iterable

from doorleren.engine.placement.instance import Placement


class Reference:
    """The instance as Python lists and dicts, and the assignments' choice rule."""

    def __init__(self, placement: Placement):
        self.placement = placement
        self.rank = [
            {learner: position for position, learner in enumerate(placement.ranking_of(a).tolist())}
            for a in range(placement.n_assignments)
        ]
        self.wishes = [
            [a for a in placement.choices_of(learner).tolist() if learner in self.rank[a]]
            for learner in range(placement.n_learners)
        ]
        self.capacity = placement.capacity.tolist()
        self.kind = placement.kind.tolist()
        self.reserves: list[list[tuple[frozenset[int], int]]] = [[] for _ in range(placement.n_assignments)]
        for reserve in placement.reserves:
            self.reserves[reserve.assignment].append((frozenset(reserve.kinds), reserve.seats))

    def choose(self, assignment: int, learners: Iterable[int]) -> set[int]:
        """Reserves first (best of each group's kinds, up to its seats), then the best of the rest."""
        ordered = sorted(learners, key=self.rank[assignment].__getitem__)
        chosen: set[int] = set()
        for kinds, seats in self.reserves[assignment]:
            chosen.update([learner for learner in ordered if self.kind[learner] in kinds][:seats])
        open_seats = self.capacity[assignment] - len(chosen)
        chosen.update([learner for learner in ordered if learner not in chosen][:open_seats])
        return chosen

    def acceptable(self, learner: int, assignment: int) -> bool:
        return assignment in self.wishes[learner]


def sequential_deferred_acceptance(placement: Placement) -> list[int]:
    """One proposal at a time (last rejected proposes first); the assignment per learner or -1."""
    ref = Reference(placement)
    following = [0] * placement.n_learners
    held: list[set[int]] = [set() for _ in range(placement.n_assignments)]
    waiting = list(range(placement.n_learners))
    while waiting:
        learner = waiting.pop()
        if following[learner] >= len(ref.wishes[learner]):
            continue
        assignment = ref.wishes[learner][following[learner]]
        offered = held[assignment] | {learner}
        held[assignment] = ref.choose(assignment, offered)
        for rejected in offered - held[assignment]:
            following[rejected] += 1
            waiting.append(rejected)
    result = [-1] * placement.n_learners
    for assignment, learners in enumerate(held):
        for learner in learners:
            result[learner] = assignment
    return result


def reference_violations(placement: Placement, assignment_of: list[int]) -> dict[str, list]:
    """Everything wrong with a matching, pair by pair: blocking pairs, over capacity, unacceptable."""
    ref = Reference(placement)
    held: list[set[int]] = [set() for _ in range(placement.n_assignments)]
    unacceptable = []
    for learner, assignment in enumerate(assignment_of):
        if assignment >= 0:
            held[assignment].add(learner)
            if not ref.acceptable(learner, assignment):
                unacceptable.append((learner, assignment))
    over = [a for a, learners in enumerate(held) if len(learners) > ref.capacity[a]]
    held = [{learner for learner in learners if learner in ref.rank[a]} for a, learners in enumerate(held)]
    not_chosen = [a for a, learners in enumerate(held) if ref.choose(a, learners) != learners]
    blocking = []
    for learner, wishes in enumerate(ref.wishes):
        current = assignment_of[learner]
        for assignment in wishes:
            if assignment == current:
                break
            if learner in ref.choose(assignment, held[assignment] | {learner}):
                blocking.append((learner, assignment))
    return {
        "blocking_pairs": blocking,
        "over_capacity": over,
        "unacceptable": unacceptable,
        "not_chosen": not_chosen,
    }
