"""The cheapest route that closes a competency gap: a 0-1 integer program solved by HiGHS.

Variables: ``x_j`` (module j is in the route) for the pruned modules, and ``y_k`` (the route completes
certificate k). Constraints: every competency in the gap is taught to at least the needed level by a
chosen module; a chosen module's prerequisites are chosen (or done); optional caps on money and hours;
``y_k <= x_j`` for every not-yet-done module j of certificate k. The objective is lexicographic and
solved in two exact stages, each with integer coefficients and a zero MIP gap:

1. minimise the total cost (cents);
2. with the cost fixed at that minimum, minimise ``hours * W_h - completed certificates * W_c +
   free modules``: fewest hours first, then most completed certificates, then no modules that cost
   nothing and take no time but add nothing.

See docs/routes.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array, vstack

from doorleren.engine.routes.instance import Catalogue, Question
from doorleren.engine.routes.prune import Gap, completable_certificates, find_gap, prune

TIME_LIMIT_SECONDS = 10.0
_OPTIMAL, _LIMIT, _INFEASIBLE = 0, 1, 2


@dataclass
class Model:
    """``A x <= b`` over ``kept`` modules (columns 0..n-1) and modelled certificates (n..n+m-1)."""

    kept: np.ndarray
    certificates: list[str]
    matrix: csr_array
    bound: np.ndarray
    cost: np.ndarray
    hours: np.ndarray
    free: np.ndarray  # 1 for a module that costs nothing and takes no time
    cap_rows: int = 0  # the last rows: budget and hours caps

    @property
    def size(self) -> int:
        return self.matrix.shape[1]


def build_model(catalogue: Catalogue, question: Question, gap: Gap, kept: np.ndarray) -> Model:
    """The constraints as sparse ``A x <= b``, built from numpy arrays."""
    n = kept.size
    local = np.full(len(catalogue), -1, dtype=np.int64)
    local[kept] = np.arange(n)
    done = question.done
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    bound: list[np.ndarray] = []
    row = 0

    def add_pairs(first: np.ndarray, second: np.ndarray) -> None:
        """Rows ``x_first - x_second <= 0``."""
        nonlocal row
        count = first.size
        pair_rows = np.arange(row, row + count)
        rows.extend([pair_rows, pair_rows])
        cols.extend([first, second])
        vals.extend([np.ones(count), -np.ones(count)])
        bound.append(np.zeros(count))
        row += count

    # cover: -(sum of x_j over the modules teaching competency c to the needed level) <= -1
    for found in gap.teachers.values():
        columns = local[found]
        columns = columns[columns >= 0]
        rows.append(np.full(columns.size, row))
        cols.append(columns)
        vals.append(-np.ones(columns.size))
        bound.append(np.array([-1.0]))
        row += 1
    # prerequisites: x_j - x_p <= 0
    requires = catalogue.requires
    pairs = [(j, p) for j, module in enumerate(kept.tolist()) for p in requires[module] if p not in done]
    if pairs:
        array = np.asarray(pairs, dtype=np.int64)
        add_pairs(array[:, 0], local[array[:, 1]])
    # certificates: y_k - x_j <= 0 for each not-done module j of a certificate the route can complete
    certificate_ids: list[str] = []
    for position in completable_certificates(catalogue, set(kept.tolist()), done):
        certificate_id, members = catalogue.certificates[position]
        open_members = np.asarray([m for m in members if m not in done], dtype=np.int64)
        add_pairs(np.full(open_members.size, n + len(certificate_ids)), local[open_members])
        certificate_ids.append(certificate_id)
    cost = catalogue.cost[kept]
    hours = catalogue.hours[kept]
    cap_rows = 0
    for cap, weights in ((question.budget_cents, cost), (question.max_hours, hours)):
        if cap is not None:
            cap_rows += 1
            rows.append(np.full(n, row))
            cols.append(np.arange(n))
            vals.append(weights.astype(float))
            bound.append(
                np.array([cap + 0.5])
            )  # integer weights: "<= cap + 0.5" is "<= cap" without rounding trouble
            row += 1
    empty = np.empty(0, dtype=np.int64)
    matrix = csr_array(
        (
            np.concatenate(vals) if vals else np.empty(0),
            (np.concatenate(rows) if rows else empty, np.concatenate(cols) if cols else empty),
        ),
        shape=(row, n + len(certificate_ids)),
    )
    return Model(
        kept=kept,
        certificates=certificate_ids,
        matrix=matrix,
        bound=np.concatenate(bound) if bound else np.empty(0),
        cost=cost,
        hours=hours,
        free=((cost == 0) & (hours == 0)).astype(np.int64),
        cap_rows=cap_rows,
    )


def _milp(model: Model, objective, upper, extra, time_limit: float):
    constraints = []
    if model.matrix.shape[0]:
        constraints.append(LinearConstraint(model.matrix, -np.inf, model.bound))
    if extra is not None:
        weights, limit = extra
        constraints.append(LinearConstraint(weights.reshape(1, -1), -np.inf, limit))
    return milp(
        np.asarray(objective, dtype=float),
        integrality=np.ones(model.size, dtype=np.uint8),
        bounds=Bounds(0, upper),
        constraints=constraints,
        options={"mip_rel_gap": 0.0, "time_limit": time_limit, "presolve": True},
    )


def _chosen(model: Model, solution: np.ndarray) -> np.ndarray:
    return solution[: model.kept.size] > 0.5


def _exact(model: Model, objective: np.ndarray, upper, extra, time_limit: float):
    """Minimise an integer ``objective``: ``(x as 0/1 or None, proven, the LP relaxation's result)``.

    First the LP relaxation (HiGHS dual simplex, which answers with a vertex). If that vertex is a 0/1
    point, it is an optimal route: no route is better than the LP bound. Otherwise the MILP (HiGHS
    branch and cut, zero gap). ``proven`` is True when HiGHS reported optimal (or infeasible, with x None).
    """
    matrix, bound = model.matrix, model.bound
    if extra is not None:
        weights, limit = extra
        matrix = vstack([matrix, csr_array(weights.reshape(1, -1))], format="csr")
        bound = np.append(bound, limit)
    lp = linprog(
        objective,
        A_ub=matrix,
        b_ub=bound,
        bounds=np.column_stack([np.zeros(model.size), np.broadcast_to(upper, model.size)]),
        method="highs",
    )
    if lp.status == _INFEASIBLE:
        return None, True, lp
    if lp.status == _OPTIMAL and np.all(np.minimum(lp.x, 1 - lp.x) < 1e-6):
        x = np.round(lp.x)
        if np.all(matrix @ x <= bound + 1e-9) and abs(objective @ x - lp.fun) < 0.25:
            return x, True, lp
    result = _milp(model, objective, upper, extra, time_limit)
    if result.x is None:
        return None, result.status == _INFEASIBLE, lp
    return np.round(result.x), result.status == _OPTIMAL, lp


def minimise(model: Model, *, time_limit: float = TIME_LIMIT_SECONDS):
    """Two lexicographic stages. Returns (chosen mask or None, proven optimal or proven infeasible).

    Stage 2 looks only at routes that cost ``C*``, the stage-1 minimum. The stage-1 LP (bound ``L``,
    reduced costs ``d`` at lower and ``e <= 0`` at upper bounds, row duals ``u``) says which:
    ``cost(x) >= L + d_j x_j + |e_j| (1 - x_j) + |u_i| slack_i(x)``, with integer costs and slacks. So a
    module with ``L + d_j > C* + 0.25`` is in no such route (fixed to 0), one with
    ``L + |e_j| > C* + 0.25`` is in every such route (fixed to 1), and a row with
    ``L + |u_i| > C* + 0.25`` is tight in every such route (an equality). That LP is solved first
    without the dense cost row; a 0/1 answer that costs ``C*`` is optimal, since the LP looked at a
    superset of the routes that cost ``C*``. Otherwise the cost row is added (LP, then MILP). The
    margin of 0.25 absorbs solver tolerances.
    """
    m = len(model.certificates)
    cost = np.concatenate([model.cost, np.zeros(m)]).astype(float)
    x, proven, lp = _exact(model, cost, 1.0, None, time_limit)
    if x is None:
        return None, proven
    best_cost = float(cost @ x)
    w_certificate = int(model.free.sum()) + 1
    w_hours = (m + 1) * w_certificate
    objective = np.concatenate([model.hours * w_hours + model.free, -np.full(m, w_certificate)]).astype(float)
    upper = np.ones(model.size)
    if lp.status == _OPTIMAL:
        slack = best_cost - lp.fun + 0.25
        upper[(lp.lower.marginals > slack) & (x < 0.5)] = 0.0
        lower = np.where((-lp.upper.marginals > slack) & (x > 0.5), 1.0, 0.0)
        tight = np.abs(lp.ineqlin.marginals) > slack
        if model.cap_rows:
            tight[-model.cap_rows :] = False
        second = _on_the_cheapest_face(model, objective, lower, upper, tight, cost, best_cost)
        if second is not None:
            return _chosen(model, second), proven
    second, second_proven, _lp = _exact(model, objective, upper, (cost, best_cost + 0.5), time_limit)
    if second is None:  # only when the time limit hits: keep the first stage's route
        return _chosen(model, x), False
    return _chosen(model, second), proven and second_proven


def _on_the_cheapest_face(model: Model, objective, lower, upper, tight, cost, best_cost) -> np.ndarray | None:
    """Stage 2 as one LP over the routes the stage-1 duals allow; a 0/1 answer that costs ``C*`` or None."""
    matrix, bound = model.matrix, model.bound
    lp = linprog(
        objective,
        A_ub=matrix[~tight] if (~tight).any() else None,
        b_ub=bound[~tight] if (~tight).any() else None,
        A_eq=matrix[tight] if tight.any() else None,
        b_eq=bound[tight] if tight.any() else None,
        bounds=np.column_stack([lower, upper]),
        method="highs",
    )
    if lp.status != _OPTIMAL or not np.all(np.minimum(lp.x, 1 - lp.x) < 1e-6):
        return None
    x = np.round(lp.x)
    if np.all(matrix @ x <= bound + 1e-9) and cost @ x == best_cost and abs(objective @ x - lp.fun) < 0.25:
        return x
    return None


def solve_route(catalogue: Catalogue, question: Question, *, time_limit: float = TIME_LIMIT_SECONDS) -> dict:
    """The cheapest, then shortest route (then the one completing most certificates) for ``question``.

    Result: ``{"status": "optimal"|"feasible"|"infeasible"|"unknown", "reason", "modules", "cost_cents",
    "hours", "certificates", "gap", "uncovered", "proven_optimal", "candidates"}``.
    """
    gap = find_gap(catalogue, question)
    result = {
        "status": "optimal",
        "reason": None,
        "modules": [],
        "cost_cents": 0,
        "hours": 0,
        "certificates": [],
        "gap": gap.need,
        "uncovered": gap.uncovered,
        "proven_optimal": True,
        "candidates": 0,
    }
    if gap.uncovered:
        return result | {"status": "infeasible", "reason": "offer"}
    if not gap.need and not catalogue.free_certificate_modules.size:
        return result
    kept = prune(catalogue, question, gap)
    if not kept.size:
        return result
    model = build_model(catalogue, question, gap, kept)
    result["candidates"] = int(kept.size)
    chosen, proven = minimise(model, time_limit=time_limit)
    if chosen is None:
        if not proven:
            return result | {"status": "unknown", "reason": "time_limit", "proven_optimal": False}
        return result | {"status": "infeasible"} | _why_infeasible(catalogue, question, gap, kept, time_limit)
    modules = kept[chosen]
    modules = modules[np.argsort(catalogue.order[modules], kind="stable")]
    return result | {
        "status": "optimal" if proven else "feasible",
        "modules": [catalogue.ids[m] for m in modules.tolist()],
        "cost_cents": int(catalogue.cost[modules].sum()),
        "hours": int(catalogue.hours[modules].sum()),
        "certificates": completed_certificates(catalogue, question, set(modules.tolist())),
        "proven_optimal": proven,
    }


def completed_certificates(catalogue: Catalogue, question: Question, chosen: set[int]) -> list[str]:
    """Certificates whose modules are all chosen or done, with at least one chosen."""
    positions = sorted({p for m in chosen for p in catalogue.certificates_of.get(m, ())})
    return [
        catalogue.certificates[p][0]
        for p in positions
        if all(m in chosen or m in question.done for m in catalogue.certificates[p][1])
    ]


def _why_infeasible(
    catalogue: Catalogue, question: Question, gap: Gap, kept: np.ndarray, time_limit: float
) -> dict:
    """Which cap blocks every route: ``budget``, ``hours`` or only both together (``budget_and_hours``)."""
    uncapped = Question(need=question.need, have=question.have, done=question.done)
    model = build_model(catalogue, uncapped, gap, kept)
    m = len(model.certificates)
    cheapest = _milp(model, np.concatenate([model.cost, np.zeros(m)]), 1.0, None, time_limit)
    shortest = _milp(model, np.concatenate([model.hours, np.zeros(m)]), 1.0, None, time_limit)
    if cheapest.x is None or shortest.x is None:  # only when the time limit hits
        return {"status": "unknown", "reason": "time_limit", "proven_optimal": False}
    cheapest_cost = int(model.cost[_chosen(model, cheapest.x)].sum())
    fewest_hours = int(model.hours[_chosen(model, shortest.x)].sum())
    over_budget = question.budget_cents is not None and cheapest_cost > question.budget_cents
    over_hours = question.max_hours is not None and fewest_hours > question.max_hours
    if over_budget and not over_hours:
        reason = "budget"
    elif over_hours and not over_budget:
        reason = "hours"
    else:
        reason = "budget_and_hours"
    return {"reason": reason, "cheapest_cost_cents": cheapest_cost, "fewest_hours": fewest_hours}
