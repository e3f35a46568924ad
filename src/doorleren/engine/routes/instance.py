"""Read and check a routes instance: the catalogue (modules, certificates) and the question (have, need, ...).

Schema (JSON)::

    {"modules": [{"id": "m1", "cost_cents": 45000, "hours": 40, "teaches": {"c1": 2}, "requires": ["m0"]}],
     "certificates": [{"id": "cert1", "modules": ["m1", "m2"]}],
     "have": {"c1": 1}, "need": {"c1": 2, "c2": 1}, "done": ["m0"],
     "budget_cents": 100000, "max_hours": 200}

Only ``modules`` and ``need`` are required. Checks are strict: every wrong type, unknown field, level
outside 1-4, duplicate id, unknown module or prerequisite cycle raises ``RouteInstanceError``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from doorleren.engine.jsonfile import loads_strict, read_json_file
from doorleren.engine.routes.errors import RouteInstanceError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CENTS = 10**10  # 100 million euro per module or budget: sums stay exact in float64
MAX_HOURS = 10**6
LEVELS = (1, 2, 3, 4)

MODULE_FIELDS = {"id", "cost_cents", "hours", "teaches", "requires"}
CERTIFICATE_FIELDS = {"id", "modules"}
REQUEST_FIELDS = {"have", "need", "done", "budget_cents", "max_hours"}
INSTANCE_FIELDS = {"modules", "certificates"} | REQUEST_FIELDS


@dataclass(frozen=True)
class Catalogue:
    """Modules and certificates, indexed once and shared by many questions."""

    ids: list[str]
    index: dict[str, int]
    cost: np.ndarray  # int64 cents per module
    hours: np.ndarray  # int64 hours per module
    teaches: list[dict[str, int]]
    requires: list[tuple[int, ...]]
    by_competency: dict[str, tuple[np.ndarray, np.ndarray]]  # competency -> (module indices, levels)
    certificates: list[tuple[str, tuple[int, ...]]]
    certificates_of: dict[int, list[int]]  # module -> positions in ``certificates``
    free_certificate_modules: np.ndarray  # certificate modules that cost nothing and take no time
    has_requires: np.ndarray  # bool per module
    in_certificate: np.ndarray  # bool per module
    order: np.ndarray  # position of each module in a prerequisites-first order

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Question:
    """What one person has and needs, what they already did, and their caps."""

    need: dict[str, int]
    have: dict[str, int] = field(default_factory=dict)
    done: frozenset[int] = frozenset()
    budget_cents: int | None = None
    max_hours: int | None = None


def read_instance_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """The parsed JSON of ``path``: UTF-8, at most ``max_bytes``, no key twice in one object."""
    return read_json_file(path, max_bytes=max_bytes, error=RouteInstanceError)


def loads_instance(text: str) -> Any:
    """Parse JSON text strictly (no duplicate keys, no NaN or Infinity)."""
    return loads_strict(text, error=RouteInstanceError)


def parse_instance(data: Any) -> tuple[Catalogue, Question]:
    """Check a whole instance (catalogue and question in one object)."""
    _object(data, "instance")
    _known_fields(data, INSTANCE_FIELDS, "")
    catalogue = parse_catalogue({k: data[k] for k in ("modules", "certificates") if k in data})
    question = parse_question({k: data[k] for k in REQUEST_FIELDS if k in data}, catalogue)
    return catalogue, question


def parse_catalogue(data: Any) -> Catalogue:
    """Check ``{"modules": [...], "certificates": [...]}`` and index it."""
    _object(data, "instance")
    modules = _required(data, "modules", "")
    _list(modules, "modules")
    ids: list[str] = []
    index: dict[str, int] = {}
    cost: list[int] = []
    hours: list[int] = []
    teaches: list[dict[str, int]] = []
    raw_requires: list[list[str]] = []
    for position, module in enumerate(modules):
        where = f"modules[{position}]"
        _object(module, where)
        _known_fields(module, MODULE_FIELDS, where + ".")
        module_id = _text(_required(module, "id", where + "."), where + ".id")
        if module_id in index:
            raise RouteInstanceError("duplicate_module", id=module_id)
        index[module_id] = position
        ids.append(module_id)
        cost.append(_count(_required(module, "cost_cents", where + "."), where + ".cost_cents", MAX_CENTS))
        hours.append(_count(_required(module, "hours", where + "."), where + ".hours", MAX_HOURS))
        teaches.append(_levels(module.get("teaches", {}), where + ".teaches"))
        raw_requires.append(_id_list(module.get("requires", []), where + ".requires"))
    requires = [
        tuple(_known_module(index, module_id, f"modules[{position}].requires") for module_id in names)
        for position, names in enumerate(raw_requires)
    ]
    certificates = _certificates(data.get("certificates", []), index)
    return Catalogue(
        ids=ids,
        index=index,
        cost=np.asarray(cost, dtype=np.int64),
        hours=np.asarray(hours, dtype=np.int64),
        teaches=teaches,
        requires=requires,
        by_competency=_by_competency(teaches),
        certificates=certificates,
        certificates_of=_certificates_of(certificates),
        free_certificate_modules=np.asarray(
            sorted(m for _c, members in certificates for m in members if cost[m] == 0 and hours[m] == 0),
            dtype=np.int64,
        ),
        order=_prerequisites_first(ids, requires),
        has_requires=np.asarray([bool(r) for r in requires], dtype=bool),
        in_certificate=np.isin(np.arange(len(ids)), [m for _c, members in certificates for m in members]),
    )


def parse_question(data: Any, catalogue: Catalogue) -> Question:
    """Check ``{"have", "need", "done", "budget_cents", "max_hours"}`` against ``catalogue``."""
    _object(data, "instance")
    _known_fields(data, REQUEST_FIELDS, "")
    need = _levels(_required(data, "need", ""), "need")
    have = _levels(data.get("have", {}), "have")
    done = frozenset(
        _known_module(catalogue.index, module_id, "done")
        for module_id in _id_list(data.get("done", []), "done")
    )
    budget = data.get("budget_cents")
    max_hours = data.get("max_hours")
    return Question(
        need=need,
        have=have,
        done=done,
        budget_cents=None if budget is None else _count(budget, "budget_cents", MAX_CENTS * 100_000),
        max_hours=None if max_hours is None else _count(max_hours, "max_hours", MAX_HOURS * 100_000),
    )


# --- checks -----------------------------------------------------------------------------------------


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise RouteInstanceError("not_object", field=where)
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise RouteInstanceError("not_list", field=where)
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise RouteInstanceError("not_text", field=where)
    if not value.strip():
        raise RouteInstanceError("empty_text", field=where)
    return value


def _count(value: Any, where: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RouteInstanceError("not_integer", field=where)
    if value < 0:
        raise RouteInstanceError("negative", field=where)
    if value > maximum:
        raise RouteInstanceError("too_big", field=where, max=maximum)
    return value


def _required(data: dict, name: str, prefix: str) -> Any:
    if name not in data:
        raise RouteInstanceError("missing_field", field=prefix + name)
    return data[name]


def _known_fields(data: dict, allowed: set[str], prefix: str) -> None:
    for name in data:
        if name not in allowed:
            raise RouteInstanceError("unknown_field", field=prefix + name)


def _levels(value: Any, where: str) -> dict[str, int]:
    _object(value, where)
    levels: dict[str, int] = {}
    for competency, level in value.items():
        _text(competency, where)
        if isinstance(level, bool) or not isinstance(level, int):
            raise RouteInstanceError("not_integer", field=f"{where}.{competency}")
        if level not in LEVELS:
            raise RouteInstanceError("bad_level", field=f"{where}.{competency}")
        levels[competency] = level
    return levels


def _id_list(value: Any, where: str) -> list[str]:
    _list(value, where)
    seen: set[str] = set()
    for position, item in enumerate(value):
        _text(item, f"{where}[{position}]")
        if item in seen:
            raise RouteInstanceError("duplicate_in_list", id=item, field=where)
        seen.add(item)
    return value


def _known_module(index: dict[str, int], module_id: str, where: str) -> int:
    try:
        return index[module_id]
    except KeyError:
        raise RouteInstanceError("unknown_module", id=module_id, field=where) from None


def _certificates(value: Any, index: dict[str, int]) -> list[tuple[str, tuple[int, ...]]]:
    _list(value, "certificates")
    certificates: list[tuple[str, tuple[int, ...]]] = []
    seen: set[str] = set()
    for position, certificate in enumerate(value):
        where = f"certificates[{position}]"
        _object(certificate, where)
        _known_fields(certificate, CERTIFICATE_FIELDS, where + ".")
        certificate_id = _text(_required(certificate, "id", where + "."), where + ".id")
        if certificate_id in seen:
            raise RouteInstanceError("duplicate_certificate", id=certificate_id)
        seen.add(certificate_id)
        names = _id_list(_required(certificate, "modules", where + "."), where + ".modules")
        if not names:
            raise RouteInstanceError("empty_certificate", id=certificate_id)
        members = tuple(_known_module(index, name, where + ".modules") for name in names)
        certificates.append((certificate_id, members))
    return certificates


def _certificates_of(certificates: list[tuple[str, tuple[int, ...]]]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for position, (_certificate_id, members) in enumerate(certificates):
        for module in members:
            found.setdefault(module, []).append(position)
    return found


def _by_competency(teaches: list[dict[str, int]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    modules: dict[str, list[int]] = {}
    levels: dict[str, list[int]] = {}
    for position, taught in enumerate(teaches):
        for competency, level in taught.items():
            modules.setdefault(competency, []).append(position)
            levels.setdefault(competency, []).append(level)
    return {
        competency: (
            np.asarray(modules[competency], dtype=np.int64),
            np.asarray(levels[competency], dtype=np.int8),
        )
        for competency in modules
    }


def _prerequisites_first(ids: list[str], requires: list[tuple[int, ...]]) -> np.ndarray:
    """Each module's position in an order where prerequisites come first; a cycle is an error."""
    waiting = np.asarray([len(set(r)) for r in requires], dtype=np.int64)
    needed_by: list[list[int]] = [[] for _ in ids]
    for module, prerequisites in enumerate(requires):
        for prerequisite in set(prerequisites):
            needed_by[prerequisite].append(module)
    ready = deque(module for module in range(len(ids)) if waiting[module] == 0)
    order = np.full(len(ids), -1, dtype=np.int64)
    position = 0
    while ready:
        module = ready.popleft()
        order[module] = position
        position += 1
        for follower in needed_by[module]:
            waiting[follower] -= 1
            if waiting[follower] == 0:
                ready.append(follower)
    if position < len(ids):
        raise RouteInstanceError("requires_cycle", ids=", ".join(_a_cycle(ids, requires, order)))
    return order


def _a_cycle(ids: list[str], requires: list[tuple[int, ...]], order: np.ndarray) -> list[str]:
    """Walk from a module left over by the topological sort to one of its left-over prerequisites."""
    module = int(np.flatnonzero(order < 0)[0])
    path: list[int] = []
    seen: dict[int, int] = {}
    while module not in seen:
        seen[module] = len(path)
        path.append(module)
        module = next(p for p in requires[module] if order[p] < 0)
    return [ids[m] for m in path[seen[module] :]]
