"""What the route must close (the gap) and which modules are worth a variable (pruning by dominance)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from doorleren.engine.routes.instance import Catalogue, Question


@dataclass
class Gap:
    """What is missing: needed level per competency, the modules that teach it, and what no module teaches."""

    need: dict[str, int]
    teachers: dict[str, np.ndarray]
    uncovered: dict[str, int]


def effective_have(catalogue: Catalogue, question: Question) -> dict[str, int]:
    """``have``, raised to the level each done module teaches."""
    have = dict(question.have)
    for module in question.done:
        for competency, level in catalogue.teaches[module].items():
            if level > have.get(competency, 0):
                have[competency] = level
    return have


def find_gap(catalogue: Catalogue, question: Question) -> Gap:
    have = effective_have(catalogue, question)
    done = np.fromiter(question.done, dtype=np.int64, count=len(question.done))
    need: dict[str, int] = {}
    teachers: dict[str, np.ndarray] = {}
    uncovered: dict[str, int] = {}
    for competency, level in sorted(question.need.items()):
        if level <= have.get(competency, 0):
            continue
        need[competency] = level
        modules, levels = catalogue.by_competency.get(
            competency, (np.empty(0, np.int64), np.empty(0, np.int8))
        )
        found = modules[levels >= level]
        if done.size and found.size:
            found = found[~np.isin(found, done)]
        if found.size:
            teachers[competency] = found
        else:
            uncovered[competency] = level
    return Gap(need=need, teachers=teachers, uncovered=uncovered)


def _closure(catalogue: Catalogue, seeds, done: frozenset[int]) -> set[int]:
    kept = set(seeds)
    has_requires = catalogue.has_requires
    stack = [m for m in kept if has_requires[m]]
    requires = catalogue.requires
    while stack:
        for prerequisite in requires[stack.pop()]:
            if prerequisite not in kept and prerequisite not in done:
                kept.add(prerequisite)
                if has_requires[prerequisite]:
                    stack.append(prerequisite)
    return kept


def completable_certificates(catalogue: Catalogue, kept: set[int], done: frozenset[int]) -> list[int]:
    """Positions of the certificates a route over ``kept`` can complete (all open modules in ``kept``)."""
    certificates_of = catalogue.certificates_of
    members = np.fromiter(kept, dtype=np.int64, count=len(kept))
    members = members[catalogue.in_certificate[members]].tolist()
    positions = sorted({p for m in members for p in certificates_of[m]})
    found = []
    for position in positions:
        certificate = catalogue.certificates[position][1]
        if all(m in kept or m in done for m in certificate) and any(m not in done for m in certificate):
            found.append(position)
    return found


def prune(catalogue: Catalogue, question: Question, gap: Gap) -> np.ndarray:
    """Sorted module indices worth a variable.

    Seeds are the modules teaching a gap competency to the needed level, plus certificate modules that
    cost nothing and take no time (only those can be in an optimal route without teaching the gap).
    A seed that teaches one gap competency is dropped when another seed without open prerequisites
    teaches it too, costs no more and takes no longer (ties: the lower index stays), unless it belongs
    to a certificate the route could complete: swapping it for that seed never makes a route worse.
    The result is the remaining seeds and their prerequisites (not done).
    """
    done = question.done
    teachers = np.unique(np.concatenate([np.empty(0, np.int64), *gap.teachers.values()]))
    seeds = set(teachers.tolist()) | set(catalogue.free_certificate_modules.tolist())
    seeds -= done
    first = _closure(catalogue, seeds, done)
    protected = {
        m for p in completable_certificates(catalogue, first, done) for m in catalogue.certificates[p][1]
    }

    requires = catalogue.requires
    eligible = ~catalogue.has_requires[teachers]
    if done:
        for row in np.flatnonzero(~eligible).tolist():
            eligible[row] = all(p in done for p in requires[int(teachers[row])])
    covered = np.zeros((teachers.size, len(gap.teachers)), dtype=bool)
    for column, found in enumerate(gap.teachers.values()):
        covered[np.searchsorted(teachers, found), column] = True
    single = covered.sum(axis=1) == 1
    cost, hours = catalogue.cost[teachers], catalogue.hours[teachers]
    dominated = np.zeros(teachers.size, dtype=bool)
    for column in range(covered.shape[1]):
        rows = np.flatnonzero(covered[:, column])
        rows = rows[np.lexsort((teachers[rows], hours[rows], cost[rows]))]
        eligible_hours = np.where(eligible[rows], hours[rows], np.iinfo(np.int64).max)
        best_before = np.minimum.accumulate(np.concatenate([[np.iinfo(np.int64).max], eligible_hours[:-1]]))
        dominated[rows] |= single[rows] & (best_before <= hours[rows])
    _dominate_multiple(covered, eligible, teachers, cost, hours, dominated)
    if protected:
        dominated &= ~np.isin(teachers, np.fromiter(protected, dtype=np.int64))
    seeds -= set(teachers[dominated].tolist())
    kept = _closure(catalogue, seeds, done)
    return np.fromiter(sorted(kept), dtype=np.int64, count=len(kept))


def _dominate_multiple(covered, eligible, teachers, cost, hours, dominated) -> None:
    """Mark seeds teaching several gap competencies that an eligible seed covering all of them beats.

    The same rule as for one competency: the other seed has no open prerequisites, teaches a superset,
    costs no more and takes no longer, and comes first in (cost, hours, index).
    """
    if not covered.size:
        return
    count = covered.sum(axis=1)
    words = (covered.shape[1] + 63) // 64
    masks = np.zeros((covered.shape[0], words), dtype=np.uint64)
    for column in range(covered.shape[1]):
        masks[covered[:, column], column // 64] |= np.uint64(1) << np.uint64(column % 64)
    first_column = covered.argmax(axis=1)
    multiple = np.flatnonzero((count > 1) & ~dominated)
    for column in np.unique(first_column[multiple]).tolist():
        targets = multiple[first_column[multiple] == column]
        rivals = np.flatnonzero(covered[:, column] & eligible & (count >= 2))
        if not rivals.size:
            continue
        mt, mr = masks[targets], masks[rivals]
        superset = np.all((mr[:, None, :] & mt[None, :, :]) == mt[None, :, :], axis=2)
        cr, ct = cost[rivals][:, None], cost[targets][None, :]
        hr, ht = hours[rivals][:, None], hours[targets][None, :]
        first = (cr < ct) | (
            (cr == ct) & ((hr < ht) | ((hr == ht) & (teachers[rivals][:, None] < teachers[targets][None, :])))
        )
        dominated[targets] |= (superset & (cr <= ct) & (hr <= ht) & first).any(axis=0)
