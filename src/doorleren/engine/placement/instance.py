"""Read and check a placement instance: learners with their wishes, assignments with capacity and ranking.

Schema (JSON)::

    {"learners": {"l1": ["a1", "a2"], "l2": ["a1"], "l3": ["a2"]},
     "assignments": {"a1": {"capacity": 1, "ranking": ["l2", "l1"]},
                     "a2": {"capacity": 2, "ranking": ["l1", "l3"],
                            "reserved": [{"kinds": ["student"], "seats": 1}]}},
     "kinds": {"l1": "student", "l2": "werkende", "l3": "werkzoekende"}}

``learners`` and ``assignments`` are required; ``kinds`` and ``reserved`` only matter for team-mix
seats (docs/placement.md). Checks are strict: a wrong type, an unknown field, an unknown id in a list,
an id twice in one list, a capacity that is not a whole number of 1 or more, or a key twice in one
JSON object raises ``PlacementInstanceError``. The lists are turned into integer arrays in bulk
(``np.fromiter`` over one ``dict`` lookup per id); only when that fails is the slow item-by-item walk
used, to name the first wrong item.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from doorleren.engine.jsonfile import loads_strict, read_json_file
from doorleren.engine.placement.errors import PlacementInstanceError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_CAPACITY = 10**9

INSTANCE_FIELDS = {"learners", "assignments", "kinds"}
ASSIGNMENT_FIELDS = {"capacity", "ranking", "reserved"}
RESERVE_FIELDS = {"kinds", "seats"}


@dataclass(frozen=True)
class Reserve:
    """``seats`` seats of one assignment held first for learners of one of ``kinds`` (kind indices)."""

    assignment: int
    kinds: tuple[int, ...]
    seats: int


@dataclass(frozen=True)
class Placement:
    """A checked instance as integer arrays (CSR lists), the ids kept for the answer.

    ``choices[choices_indptr[l]:choices_indptr[l + 1]]`` are learner ``l``'s assignments, best first;
    ``ranking[ranking_indptr[a]:ranking_indptr[a + 1]]`` are the learners assignment ``a`` ranks, best
    first. ``kind[l]`` is an index in ``kind_names`` or -1.
    """

    learner_ids: list[str]
    assignment_ids: list[str]
    choices_indptr: np.ndarray
    choices: np.ndarray
    ranking_indptr: np.ndarray
    ranking: np.ndarray
    capacity: np.ndarray
    kind: np.ndarray
    kind_names: list[str]
    reserves: tuple[Reserve, ...] = ()
    # argsort of the entries by ``assignment * n_learners + learner``, made while checking for repeats
    # and reused by ``acceptable_pairs`` (None: computed there)
    choices_order: np.ndarray | None = None
    ranking_order: np.ndarray | None = None

    @property
    def n_learners(self) -> int:
        return len(self.learner_ids)

    @property
    def n_assignments(self) -> int:
        return len(self.assignment_ids)

    def choices_of(self, learner: int) -> np.ndarray:
        return self.choices[self.choices_indptr[learner] : self.choices_indptr[learner + 1]]

    def ranking_of(self, assignment: int) -> np.ndarray:
        return self.ranking[self.ranking_indptr[assignment] : self.ranking_indptr[assignment + 1]]


# --- reading ----------------------------------------------------------------------------------------


def read_instance_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """The parsed JSON of ``path``: UTF-8, at most ``max_bytes``, no key twice in one object."""
    return read_json_file(path, max_bytes=max_bytes, error=PlacementInstanceError)


def loads_instance(text: str) -> Any:
    """Parse JSON text strictly (no duplicate keys, no NaN or Infinity)."""
    return loads_strict(text, error=PlacementInstanceError)


# --- checking ---------------------------------------------------------------------------------------


def parse_instance(data: Any) -> Placement:
    """Check an instance (parsed JSON, or the same shape built in Python) and index it."""
    _object(data, "instance")
    _known_fields(data, INSTANCE_FIELDS, "")
    learners = _object(_required(data, "learners", ""), "learners")
    assignments = _object(_required(data, "assignments", ""), "assignments")
    learner_ids = _ids(learners, "learners")
    assignment_ids = _ids(assignments, "assignments")
    learner_index = {learner: position for position, learner in enumerate(learner_ids)}
    assignment_index = {assignment: position for position, assignment in enumerate(assignment_ids)}

    n = len(learner_ids)
    choices_indptr, choices = _index_lists(
        list(learners.values()),
        assignment_index,
        lambda row: f"learners.{learner_ids[row]}",
        "unknown_assignment",
    )

    capacity = np.empty(len(assignment_ids), dtype=np.int64)
    rankings: list[Any] = []
    raw_reserves: list[tuple[int, Any]] = []
    for position, (assignment, spec) in enumerate(assignments.items()):
        where = f"assignments.{assignment}"
        _object(spec, where)
        _known_fields(spec, ASSIGNMENT_FIELDS, where + ".")
        capacity[position] = _positive(_required(spec, "capacity", where + "."), where + ".capacity")
        rankings.append(_required(spec, "ranking", where + "."))
        if "reserved" in spec:
            raw_reserves.append((position, spec["reserved"]))
    ranking_indptr, ranking = _index_lists(
        rankings, learner_index, lambda row: f"assignments.{assignment_ids[row]}.ranking", "unknown_learner"
    )

    def repeated_wish(key: int) -> None:
        field = f"learners.{learner_ids[key % n]}"
        raise PlacementInstanceError("duplicate_in_list", id=assignment_ids[key // n], field=field)

    def repeated_rank(key: int) -> None:
        field = f"assignments.{assignment_ids[key // n]}.ranking"
        raise PlacementInstanceError("duplicate_in_list", id=learner_ids[key % n], field=field)

    choices_order = _sorted_pairs(choices_indptr, choices, by_row=False, learners=n, on_repeat=repeated_wish)
    ranking_order = _sorted_pairs(ranking_indptr, ranking, by_row=True, learners=n, on_repeat=repeated_rank)

    kind, kind_names = _kinds(data.get("kinds", {}), learner_index, len(learner_ids))
    reserves = _reserves(raw_reserves, assignment_ids, capacity, kind_names)
    return Placement(
        learner_ids=learner_ids,
        assignment_ids=assignment_ids,
        choices_indptr=choices_indptr,
        choices=choices,
        ranking_indptr=ranking_indptr,
        ranking=ranking,
        capacity=capacity,
        kind=kind,
        kind_names=kind_names,
        reserves=reserves,
        choices_order=choices_order,
        ranking_order=ranking_order,
    )


def _object(value: Any, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise PlacementInstanceError("not_object", field=where)
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise PlacementInstanceError("not_list", field=where)
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise PlacementInstanceError("not_text", field=where)
    if not value.strip():
        raise PlacementInstanceError("empty_text", field=where)
    return value


def _positive(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlacementInstanceError("not_integer", field=where)
    if value < 1:
        raise PlacementInstanceError("not_positive", field=where)
    if value > MAX_CAPACITY:
        raise PlacementInstanceError("too_big", field=where, max=MAX_CAPACITY)
    return value


def _required(data: Mapping, name: str, prefix: str) -> Any:
    if name not in data:
        raise PlacementInstanceError("missing_field", field=prefix + name)
    return data[name]


def _known_fields(data: Mapping, allowed: set[str], prefix: str) -> None:
    for name in data:
        if name not in allowed:
            raise PlacementInstanceError("unknown_field", field=f"{prefix}{name}")


def _ids(mapping: Mapping, where: str) -> list[str]:
    ids = list(mapping)
    if not all(type(key) is str and key.strip() for key in ids):
        for key in ids:
            _text(key, f"Een id in {where}")
    return ids


def _index_lists(
    lists: list[Any], index: dict[str, int], where: Callable[[int], str], unknown_code: str
) -> tuple[np.ndarray, np.ndarray]:
    """CSR (indptr, indices) of lists of ids; a list that is no list, a non-text or unknown id is refused."""
    if not all(type(items) is list for items in lists):
        for row, items in enumerate(lists):
            _list(items, where(row))
    rows = len(lists)
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=rows)
    indptr = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    flat = list(chain.from_iterable(lists))
    try:
        if len(flat) > 1:
            found = np.array(itemgetter(*flat)(index), dtype=np.int64)  # one C loop of dict lookups
        else:
            found = np.array([index[item] for item in flat], dtype=np.int64)
    except (KeyError, TypeError):
        _first_bad_item(lists, index, where, unknown_code)
        raise  # not reached: _first_bad_item always raises
    return indptr, found


def _sorted_pairs(
    indptr: np.ndarray, items: np.ndarray, *, by_row: bool, learners: int, on_repeat: Callable[[int], None]
) -> np.ndarray:
    """The order that sorts the list entries by ``assignment * learners + learner``; a repeat is refused.

    Rows are learners (``by_row=False``: items are assignments) or assignments (``by_row=True``).
    """
    rows = np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
    keys = rows * learners + items if by_row else items * learners + rows
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    repeated = np.flatnonzero(ordered[1:] == ordered[:-1])
    if repeated.size:
        on_repeat(int(ordered[repeated[0]]))
    return order


def _first_bad_item(lists: list[list], index: dict[str, int], where: Callable[[int], str], code: str) -> None:
    for row, items in enumerate(lists):
        for position, item in enumerate(items):
            if not isinstance(item, str):
                raise PlacementInstanceError("not_text", field=f"{where(row)}[{position}]")
            if item not in index:
                raise PlacementInstanceError(code, id=item, field=where(row))
    raise AssertionError("no bad item found")  # pragma: no cover


def _kinds(value: Any, learner_index: dict[str, int], learners: int) -> tuple[np.ndarray, list[str]]:
    _object(value, "kinds")
    kind = np.full(learners, -1, dtype=np.int64)
    names: dict[str, int] = {}
    for learner, name in value.items():
        if learner not in learner_index:
            raise PlacementInstanceError("unknown_learner", id=learner, field="kinds")
        _text(name, f"kinds.{learner}")
        kind[learner_index[learner]] = names.setdefault(name, len(names))
    return kind, list(names)


def _reserves(
    raw: list[tuple[int, Any]], assignment_ids: list[str], capacity: np.ndarray, kind_names: list[str]
) -> tuple[Reserve, ...]:
    kind_index = {name: position for position, name in enumerate(kind_names)}
    reserves: list[Reserve] = []
    for assignment, groups in raw:
        where = f"assignments.{assignment_ids[assignment]}.reserved"
        _list(groups, where)
        seen: dict[str, int] = {}
        seats = 0
        for number, group in enumerate(groups):
            here = f"{where}[{number}]"
            _object(group, here)
            _known_fields(group, RESERVE_FIELDS, here + ".")
            kinds = _list(_required(group, "kinds", here + "."), here + ".kinds")
            if not kinds:
                raise PlacementInstanceError("empty_list", field=here + ".kinds")
            for position, name in enumerate(kinds):
                _text(name, f"{here}.kinds[{position}]")
                if seen.get(name) == number:
                    raise PlacementInstanceError("duplicate_in_list", id=name, field=here + ".kinds")
                if name in seen:
                    raise PlacementInstanceError("reserved_overlap", id=assignment_ids[assignment], kind=name)
                seen[name] = number
            group_seats = _positive(_required(group, "seats", here + "."), here + ".seats")
            seats += group_seats
            if seats > capacity[assignment]:
                raise PlacementInstanceError(
                    "reserved_too_many",
                    id=assignment_ids[assignment],
                    seats=seats,
                    capacity=int(capacity[assignment]),
                )
            for name in kinds:  # a kind no learner has still gets an index (nobody can take those seats)
                if name not in kind_index:
                    kind_index[name] = len(kind_names)
                    kind_names.append(name)
            reserves.append(
                Reserve(
                    assignment=assignment, kinds=tuple(kind_index[name] for name in kinds), seats=group_seats
                )
            )
    return tuple(reserves)
