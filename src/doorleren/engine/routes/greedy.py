"""A greedy set-cover baseline, used by the benchmark to show what the integer program gains.

Repeatedly take the module (with its missing prerequisites) that costs least per newly covered
competency of the gap; ties go to fewer hours. Caps are ignored.
"""

from __future__ import annotations

import numpy as np

from doorleren.engine.routes.instance import Catalogue, Question
from doorleren.engine.routes.prune import find_gap


def _closure(catalogue: Catalogue, module: int, done: frozenset[int]) -> set[int]:
    found = {module}
    stack = [module]
    while stack:
        for prerequisite in catalogue.requires[stack.pop()]:
            if prerequisite not in found and prerequisite not in done:
                found.add(prerequisite)
                stack.append(prerequisite)
    return found


def greedy_route(catalogue: Catalogue, question: Question) -> dict:
    """``{"status", "modules", "cost_cents", "hours", "uncovered"}`` of the greedy route."""
    gap = find_gap(catalogue, question)
    if gap.uncovered:
        return {
            "status": "infeasible",
            "modules": [],
            "cost_cents": 0,
            "hours": 0,
            "uncovered": gap.uncovered,
        }
    covers: dict[int, set[str]] = {}
    for competency, found in gap.teachers.items():
        for module in found.tolist():
            covers.setdefault(module, set()).add(competency)
    bundles = {module: _closure(catalogue, module, question.done) for module in covers}
    open_needs = set(gap.need)
    chosen: set[int] = set()
    cost, hours = catalogue.cost, catalogue.hours
    while open_needs:
        best_key, best_bundle = None, None
        for module, bundle in bundles.items():
            extra = bundle - chosen
            newly = set()
            for member in extra:
                newly |= covers.get(member, set()) & open_needs
            if not newly:
                continue
            extra_list = list(extra)
            key = (
                int(cost[extra_list].sum()) / len(newly),
                int(hours[extra_list].sum()) / len(newly),
                module,
            )
            if best_key is None or key < best_key:
                best_key, best_bundle = key, extra
        chosen |= best_bundle
        for member in best_bundle:
            open_needs -= covers.get(member, set())
    modules = np.asarray(sorted(chosen, key=lambda m: catalogue.order[m]), dtype=np.int64)
    return {
        "status": "feasible",
        "modules": [catalogue.ids[m] for m in modules.tolist()],
        "cost_cents": int(cost[modules].sum()) if modules.size else 0,
        "hours": int(hours[modules].sum()) if modules.size else 0,
        "uncovered": {},
    }
