"""An independent brute force for the routes engine: try every set of modules (tests only, <= ~12 modules)."""

from __future__ import annotations

from itertools import combinations


def brute_force(instance: dict) -> dict:
    """The spec, literally: best (cost, hours, -certificates, free modules) over all subsets."""
    modules = {m["id"]: m for m in instance["modules"]}
    done = set(instance.get("done", []))
    have = dict(instance.get("have", {}))
    for module_id in done:
        for competency, level in modules[module_id].get("teaches", {}).items():
            have[competency] = max(have.get(competency, 0), level)
    gap = {c: level for c, level in instance["need"].items() if level > have.get(c, 0)}
    open_ids = [m for m in modules if m not in done]
    uncovered = {
        c: level
        for c, level in gap.items()
        if not any(modules[m].get("teaches", {}).get(c, 0) >= level for m in open_ids)
    }
    if uncovered:
        return {"status": "infeasible", "reason": "offer", "uncovered": uncovered}
    certificates = instance.get("certificates", [])

    def covers(chosen):
        return all(
            any(modules[m].get("teaches", {}).get(c, 0) >= level for m in chosen) for c, level in gap.items()
        )

    def closed(chosen):
        return all(p in chosen or p in done for m in chosen for p in modules[m].get("requires", []))

    def key(chosen):
        cost = sum(modules[m]["cost_cents"] for m in chosen)
        hours = sum(modules[m]["hours"] for m in chosen)
        completed = sum(
            1
            for cert in certificates
            if any(m in chosen for m in cert["modules"])
            and all(m in chosen or m in done for m in cert["modules"])
        )
        free = sum(1 for m in chosen if modules[m]["cost_cents"] == 0 and modules[m]["hours"] == 0)
        return cost, hours, -completed, free

    routes = [
        set(subset)
        for size in range(len(open_ids) + 1)
        for subset in combinations(open_ids, size)
        if covers(set(subset)) and closed(set(subset))
    ]
    budget, max_hours = instance.get("budget_cents"), instance.get("max_hours")
    allowed = [
        r
        for r in routes
        if (budget is None or key(r)[0] <= budget) and (max_hours is None or key(r)[1] <= max_hours)
    ]
    if allowed:
        best = min(allowed, key=key)
        return {"status": "optimal", "key": key(best)}
    cheapest = min(key(r)[0] for r in routes)
    fewest = min(key(r)[1] for r in routes)
    over_budget = budget is not None and cheapest > budget
    over_hours = max_hours is not None and fewest > max_hours
    reason = (
        "budget"
        if over_budget and not over_hours
        else "hours"
        if over_hours and not over_budget
        else "budget_and_hours"
    )
    return {"status": "infeasible", "reason": reason, "cheapest_cost_cents": cheapest, "fewest_hours": fewest}


def route_key(instance: dict, result: dict) -> tuple[int, int, int, int]:
    """The same key for the engine's route, recomputed from the instance (and checked to be a real route)."""
    modules = {m["id"]: m for m in instance["modules"]}
    chosen = set(result["modules"])
    done = set(instance.get("done", []))
    assert not chosen & done
    assert all(p in chosen or p in done for m in chosen for p in modules[m].get("requires", []))
    cost = sum(modules[m]["cost_cents"] for m in chosen)
    hours = sum(modules[m]["hours"] for m in chosen)
    assert (cost, hours) == (result["cost_cents"], result["hours"])
    completed = [
        cert["id"]
        for cert in instance.get("certificates", [])
        if any(m in chosen for m in cert["modules"])
        and all(m in chosen or m in done for m in cert["modules"])
    ]
    assert sorted(completed) == sorted(result["certificates"])
    free = sum(1 for m in chosen if modules[m]["cost_cents"] == 0 and modules[m]["hours"] == 0)
    return cost, hours, -len(completed), free
