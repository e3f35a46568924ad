"""Check a matching: capacities, acceptability both ways and blocking pairs, vectorised with numpy.

A blocking pair is a learner and an assignment that rank each other, where the learner prefers the
assignment to their place (or has none) and the assignment would take the learner: it has a free
seat, or it holds someone it ranks lower. With reserved seats "would take" means the assignment's
choice rule picks the learner from its learners plus this one; that case is checked pair by pair
with ``reference.reference_violations``.
"""

from __future__ import annotations

import numpy as np

from doorleren.engine.placement.instance import Placement
from doorleren.engine.placement.reference import reference_violations
from doorleren.engine.placement.solve import Pairs, acceptable_pairs


def stability_report(
    placement: Placement, assignment_of: np.ndarray, pairs: Pairs | None = None
) -> dict[str, int]:
    """Counts of blocking pairs, assignments over capacity and placed learners not acceptable both ways."""
    assignment_of = np.asarray(assignment_of, dtype=np.int64)
    if placement.reserves:
        found = reference_violations(placement, assignment_of.tolist())
        return {name: len(items) for name, items in found.items()}
    pairs = acceptable_pairs(placement) if pairs is None else pairs
    n, m = placement.n_learners, placement.n_assignments
    placed = np.flatnonzero(assignment_of >= 0)
    held = np.bincount(assignment_of[placed], minlength=m)

    pair_keys = pairs.learner * m + pairs.assignment
    order = np.argsort(pair_keys)
    sorted_keys = pair_keys[order]
    wanted = placed * m + assignment_of[placed]
    if len(sorted_keys):
        found = np.minimum(np.searchsorted(sorted_keys, wanted), len(sorted_keys) - 1)
        ok = sorted_keys[found] == wanted
    else:
        found = np.zeros(placed.size, dtype=np.int64)
        ok = np.zeros(placed.size, dtype=bool)
    pair_of = np.full(n, -1, dtype=np.int64)
    pair_of[placed[ok]] = order[found[ok]]

    worst = np.full(m, -1, dtype=np.int64)
    good = pair_of[pair_of >= 0]
    np.maximum.at(worst, pairs.assignment[good], pairs.rank[good])
    limit = np.where(pair_of >= 0, pair_of, pairs.indptr[1:])
    preferred = np.arange(len(pairs), dtype=np.int64) < limit[pairs.learner]
    a = pairs.assignment
    blocking = preferred & ((held[a] < placement.capacity[a]) | (worst[a] > pairs.rank))
    return {
        "blocking_pairs": int(blocking.sum()),
        "over_capacity": int((held > placement.capacity).sum()),
        "unacceptable": int((~ok).sum()),
    }
