"""Learner-proposing deferred acceptance with capacities (hospitals/residents), in rounds, with numpy.

1. ``acceptable_pairs``: a pair (learner, assignment) is acceptable only when the learner lists the
   assignment and the assignment ranks the learner. Each ranking entry gets the key
   ``assignment * learners + learner``, and so does every wish; both are sorted (the instance check
   already did that to find repeats) and the wishes are looked up with ``np.searchsorted``, which gives
   the learner's rank at the assignment or drops the wish.
2. ``deferred_acceptance``: every free learner proposes to their next acceptable assignment at once;
   each assignment that got proposals keeps the best ``capacity`` of the learners it held and the new
   ones (by its ranking, or by its choice rule with reserved seats, see below); everyone it lets go
   moves on to their next wish. This ends when no learner is free with a wish left. Proposals in any
   order give the same result (McVitie and Wilson 1971; Hatfield and Milgrom 2005 for choice rules
   like ours), so this is the learner-optimal stable matching that sequential Gale-Shapley finds.

The held learners live in one array of "seats": assignment ``a`` owns ``min(capacity, applicants)``
consecutive seats, an empty seat holds -1 and rank ``BIG``. A round only touches the seats of the
assignments that got proposals, so late rounds with few proposals are cheap.

Reserved seats (team mix): with reserves, an assignment chooses from a set of learners by first
taking, for each reserve group, its best ``seats`` learners of the group's kinds, and then filling the
remaining seats with the best of all the others (reserves first, then open seats; the groups of one
assignment have no kind in common). This choice rule is substitutable and fills ``min(capacity, n)``
seats, so deferred acceptance with it is stable and learner-optimal (docs/placement.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from doorleren.engine.placement.instance import Placement


@dataclass(frozen=True)
class Pairs:
    """The acceptable pairs, grouped per learner in the learner's order (CSR by ``indptr``)."""

    indptr: np.ndarray
    learner: np.ndarray  # learner of each pair
    assignment: np.ndarray
    rank: np.ndarray  # 0-based position of the learner in the assignment's ranking
    choice: np.ndarray  # 0-based position of the assignment in the learner's own list
    group: np.ndarray | None  # index in ``Placement.reserves`` of the pair's reserve group, or -1
    applicants: np.ndarray  # acceptable pairs per assignment

    def __len__(self) -> int:
        return len(self.assignment)


@dataclass(frozen=True)
class PlacementResult:
    """Per learner: the assignment (-1 = none), the 0-based position in their own list and the pair."""

    assignment: np.ndarray
    choice: np.ndarray
    pair: np.ndarray
    pairs: Pairs
    rounds: int
    proposals: int

    def matching(self, placement: Placement) -> dict[str, str | None]:
        """Learner id -> assignment id or ``None``, every learner in the instance's order."""
        names = placement.assignment_ids
        return {
            learner: (names[a] if a >= 0 else None)
            for learner, a in zip(placement.learner_ids, self.assignment.tolist(), strict=True)
        }


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + c) for s, c in zip(starts, counts)])`` without a Python loop."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    offsets = np.repeat(starts - (ends - counts), counts)
    return offsets + np.arange(total, dtype=np.int64)


def acceptable_pairs(placement: Placement) -> Pairs:
    """Every wish the assignment returns (it ranks the learner), with the learner's rank there."""
    n, m = placement.n_learners, placement.n_assignments
    ranking_rows = np.repeat(np.arange(m, dtype=np.int64), np.diff(placement.ranking_indptr))
    ranking_keys = ranking_rows * n + placement.ranking
    ranking_order = placement.ranking_order
    if ranking_order is None:
        ranking_order = np.argsort(ranking_keys, kind="stable")
    sorted_ranking = ranking_keys[ranking_order]
    ranks = np.arange(len(ranking_keys), dtype=np.int64) - placement.ranking_indptr[ranking_rows]

    wish_rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(placement.choices_indptr))
    wish_keys = placement.choices * n + wish_rows
    wish_order = placement.choices_order
    if wish_order is None:
        wish_order = np.argsort(wish_keys, kind="stable")
    sorted_wishes = wish_keys[wish_order]
    # both sides sorted: searchsorted walks the ranking keys once instead of jumping around
    rank_of_wish = np.full(len(wish_keys), -1, dtype=np.int64)
    if len(sorted_ranking) and len(sorted_wishes):
        found = np.minimum(np.searchsorted(sorted_ranking, sorted_wishes), len(sorted_ranking) - 1)
        hit = sorted_ranking[found] == sorted_wishes
        rank_of_wish[wish_order[hit]] = ranks[ranking_order[found[hit]]]
    ok = rank_of_wish >= 0
    learner = wish_rows[ok]
    assignment = placement.choices[ok]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(learner, minlength=n), out=indptr[1:])
    choice = (np.arange(len(wish_keys), dtype=np.int64) - placement.choices_indptr[wish_rows])[ok]
    return Pairs(
        indptr=indptr,
        learner=learner,
        assignment=assignment,
        rank=rank_of_wish[ok],
        choice=choice,
        group=_pair_groups(placement, learner, assignment) if placement.reserves else None,
        applicants=np.bincount(assignment, minlength=m),
    )


def _pair_groups(placement: Placement, learner: np.ndarray, assignment: np.ndarray) -> np.ndarray:
    kinds = max(1, len(placement.kind_names))
    table_keys = np.asarray(
        [r.assignment * kinds + k for r in placement.reserves for k in r.kinds], dtype=np.int64
    )
    table_groups = np.asarray([g for g, r in enumerate(placement.reserves) for _k in r.kinds], dtype=np.int64)
    order = np.argsort(table_keys)
    table_keys, table_groups = table_keys[order], table_groups[order]
    kind = placement.kind[learner]
    keys = assignment * kinds + kind
    found = np.minimum(np.searchsorted(table_keys, keys), len(table_keys) - 1)
    hit = (kind >= 0) & (table_keys[found] == keys)
    return np.where(hit, table_groups[found], -1)


def deferred_acceptance(placement: Placement, pairs: Pairs | None = None) -> PlacementResult:
    """The learner-optimal stable matching (rounds of simultaneous proposals)."""
    pairs = acceptable_pairs(placement) if pairs is None else pairs
    n, m = placement.n_learners, placement.n_assignments
    seats = np.minimum(placement.capacity, pairs.applicants).astype(np.int64)
    seat_start = np.zeros(m, dtype=np.int64)
    np.cumsum(seats[:-1], out=seat_start[1:])
    big = int(pairs.rank.max()) + 1 if len(pairs) else 1
    seat_pair = np.full(int(seats.sum()), -1, dtype=np.int64)
    seat_rank = np.full(int(seats.sum()), big, dtype=np.int64)
    reserve_seats = (
        np.asarray([r.seats for r in placement.reserves], dtype=np.int64) if pairs.group is not None else None
    )

    pointer = pairs.indptr[:-1].copy()
    end = pairs.indptr[1:]
    free = np.flatnonzero(pointer < end)
    rounds = proposals = 0
    while free.size:
        rounds += 1
        proposals += free.size
        proposed = pointer[free]
        proposed_to = pairs.assignment[proposed]
        counts = np.bincount(proposed_to, minlength=m)
        touched = np.flatnonzero(counts)
        new = counts[touched]
        which = (np.cumsum(counts > 0) - 1)[proposed_to]  # position of each proposal's assignment in touched
        held = seats[touched]
        seat_index = _ranges(seat_start[touched], held)
        candidate_pair = np.concatenate([seat_pair[seat_index], proposed])
        candidate_rank = np.concatenate([seat_rank[seat_index], pairs.rank[proposed]])
        candidate_touched = np.concatenate([np.repeat(np.arange(touched.size), held), which])
        order = np.argsort(candidate_touched * (big + 1) + candidate_rank)
        size = held + new
        start = np.cumsum(size) - size
        if reserve_seats is None:
            keep = _ranges(start, held)
        else:
            keep = _keep_with_reserves(
                pairs, reserve_seats, candidate_pair[order], candidate_touched[order], start, size, held
            )
        kept = order[keep]
        seat_pair[seat_index] = candidate_pair[kept]
        seat_rank[seat_index] = candidate_rank[kept]
        let_go = np.ones(order.size, dtype=bool)
        let_go[keep] = False
        rejected = candidate_pair[order[let_go]]
        rejected = rejected[rejected >= 0]
        learners = pairs.learner[rejected]
        pointer[learners] = rejected + 1
        free = learners[pointer[learners] < end[learners]]

    pair = np.full(n, -1, dtype=np.int64)
    placed = seat_pair[seat_pair >= 0]
    pair[pairs.learner[placed]] = placed
    matched = pair >= 0
    return PlacementResult(
        assignment=np.where(matched, pairs.assignment[np.maximum(pair, 0)], -1)
        if len(pairs)
        else pair.copy(),
        choice=np.where(matched, pairs.choice[np.maximum(pair, 0)], -1) if len(pairs) else pair.copy(),
        pair=pair,
        pairs=pairs,
        rounds=rounds,
        proposals=proposals,
    )


def _keep_with_reserves(
    pairs: Pairs,
    reserve_seats: np.ndarray,
    sorted_pair: np.ndarray,
    sorted_touched: np.ndarray,
    start: np.ndarray,
    size: np.ndarray,
    held: np.ndarray,
) -> np.ndarray:
    """Positions (in the sorted candidates) each touched assignment keeps: reserves first, then open."""
    group = np.where(sorted_pair >= 0, pairs.group[np.maximum(sorted_pair, 0)], -1)
    picked = np.zeros(sorted_pair.size, dtype=bool)
    in_group = np.flatnonzero(group >= 0)
    if in_group.size:
        by_group = in_group[np.argsort(group[in_group], kind="stable")]  # within a group: by rank
        groups = group[by_group]
        first = np.ones(groups.size, dtype=bool)
        first[1:] = groups[1:] != groups[:-1]
        run_start = np.flatnonzero(first)
        position = np.arange(groups.size) - np.repeat(run_start, np.diff(np.append(run_start, groups.size)))
        picked[by_group[position < reserve_seats[groups]]] = True
    picks = np.bincount(sorted_touched[picked], minlength=held.size)
    rest = ~picked
    rest_seen = np.cumsum(rest)
    rest_before = np.concatenate([[0], rest_seen])[start]
    rest_position = rest_seen - 1 - np.repeat(rest_before, size)
    keep = picked | (rest & (rest_position < np.repeat(held - picks, size)))
    return np.flatnonzero(keep)
