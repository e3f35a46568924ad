"""``doorleren bench routes``: the integer program against the greedy baseline on a large random catalogue.

A seeded catalogue of 20,000 modules (600 competencies, 1-5 per module at levels 1-4, 100-3,000 euro,
8-200 hours, about a fifth with prerequisites, 2,000 certificates) and 200 questions with a gap of 30
competencies. Per question we time ``solve_route`` (gap, pruning, model building, both HiGHS stages)
and the greedy baseline, and compare their costs.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import numpy as np

from doorleren.engine.routes import Catalogue, Question, greedy_route, parse_catalogue, solve_route

SEED = 20261128
MODULES = 20_000
COMPETENCIES = 600
CERTIFICATES = 2_000
QUESTIONS = 200
GAP = 30
GOAL_P95_MS = 150.0


def make_catalogue_data(
    *,
    seed: int = SEED,
    modules: int = MODULES,
    competencies: int = COMPETENCIES,
    certificates: int = CERTIFICATES,
) -> dict:
    """A realistic random catalogue in the JSON instance schema (popular competencies are taught more)."""
    rng = np.random.default_rng(seed)
    names = [f"c{i:04d}" for i in range(competencies)]
    popularity = 1.0 / (np.arange(competencies) + 20.0)
    popularity /= popularity.sum()
    items = []
    for i in range(modules):
        taught = rng.choice(competencies, size=int(rng.integers(1, 6)), replace=False, p=popularity)
        levels = rng.choice([1, 2, 3, 4], size=taught.size, p=[0.25, 0.35, 0.28, 0.12])
        euros = float(np.exp(rng.uniform(np.log(100), np.log(3000))))
        hours = int(np.clip(round(euros / 15 * rng.uniform(0.5, 1.5)), 8, 200))
        module = {
            "id": f"m{i:05d}",
            "cost_cents": int(round(euros * 100 / 500) * 500),
            "hours": hours,
            "teaches": {
                names[c]: int(level) for c, level in zip(taught.tolist(), levels.tolist(), strict=True)
            },
        }
        if i > 10 and rng.random() < 0.2:
            module["requires"] = [
                f"m{p:05d}" for p in sorted(set(rng.integers(0, i, size=int(rng.integers(1, 3))).tolist()))
            ]
        items.append(module)
    certificates = [
        {
            "id": f"cert{k:04d}",
            "modules": [
                f"m{m:05d}" for m in rng.choice(modules, size=int(rng.integers(2, 5)), replace=False).tolist()
            ],
        }
        for k in range(certificates)
    ]
    return {"modules": items, "certificates": certificates}


def make_questions(
    catalogue: Catalogue, *, seed: int = SEED + 1, count: int = QUESTIONS, gap: int = GAP
) -> list[Question]:
    """Questions with ``gap`` needed competencies above ``have``, a few related levels and done modules."""
    rng = np.random.default_rng(seed)
    names = sorted(catalogue.by_competency)
    popularity = np.asarray([catalogue.by_competency[name][0].size for name in names], dtype=float)
    popularity /= popularity.sum()
    questions = []
    for _ in range(count):
        chosen = rng.choice(len(names), size=gap + 10, replace=False, p=popularity).tolist()
        need = {names[c]: int(rng.choice([2, 3, 4], p=[0.4, 0.4, 0.2])) for c in chosen[:gap]}
        have = {names[c]: int(rng.integers(1, need[names[c]])) for c in chosen[:gap] if rng.random() < 0.4}
        have |= {names[c]: int(rng.integers(1, 5)) for c in chosen[gap:]}
        done = frozenset(rng.choice(len(catalogue), size=int(rng.integers(0, 6)), replace=False).tolist())
        questions.append(Question(need=need, have=have, done=done))
    return questions


def _ms(values: list[float]) -> dict:
    array = np.asarray(values) * 1000
    return {
        "median_ms": round(float(np.median(array)), 1),
        "p95_ms": round(float(np.percentile(array, 95)), 1),
        "max_ms": round(float(array.max()), 1),
    }


def run(
    *,
    progress=None,
    modules: int = MODULES,
    competencies: int = COMPETENCIES,
    certificates: int = CERTIFICATES,
    questions: int = QUESTIONS,
    gap: int = GAP,
) -> tuple[dict, str]:
    """Figures and a markdown section; ``doorleren bench routes`` adds the heading, date, machine and command."""
    say = progress or (lambda message: None)
    say(f"catalogus van {modules:,} modules maken")
    started = time.perf_counter()
    data = make_catalogue_data(modules=modules, competencies=competencies, certificates=certificates)
    made = time.perf_counter()
    catalogue = parse_catalogue(data)
    checked = time.perf_counter()
    questions = make_questions(catalogue, count=questions, gap=gap)
    milp_times, greedy_times = [], []
    rows = []
    for number, question in enumerate(questions, 1):
        if number % 50 == 0:
            say(f"vraag {number} van {len(questions)}")
        t0 = time.perf_counter()
        best = solve_route(catalogue, question)
        t1 = time.perf_counter()
        baseline = greedy_route(catalogue, question)
        t2 = time.perf_counter()
        milp_times.append(t1 - t0)
        greedy_times.append(t2 - t1)
        rows.append((best, baseline))
    solved = [(b, g) for b, g in rows if b["status"] != "infeasible"]
    proven = sum(1 for b, _g in solved if b["proven_optimal"])
    never_above = all(b["cost_cents"] <= g["cost_cents"] for b, g in solved)
    cheaper = sum(1 for b, g in solved if b["cost_cents"] < g["cost_cents"])
    milp_cost = sum(b["cost_cents"] for b, _g in solved)
    greedy_cost = sum(g["cost_cents"] for _b, g in solved)
    savings = [1 - b["cost_cents"] / g["cost_cents"] for b, g in solved if g["cost_cents"]]
    figures = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "modules": modules,
        "competencies": competencies,
        "certificates": certificates,
        "questions": len(questions),
        "gap": gap,
        "catalogue_check_seconds": round(checked - made, 2),
        "catalogue_make_seconds": round(made - started, 2),
        "solved": len(solved),
        "infeasible_offer": len(rows) - len(solved),
        "proven_optimal": proven,
        "candidates_median": int(np.median([b["candidates"] for b, _g in solved])) if solved else 0,
        "route": _ms(milp_times),
        "greedy": _ms(greedy_times),
        "milp_cost_euro_total": round(milp_cost / 100),
        "greedy_cost_euro_total": round(greedy_cost / 100),
        "milp_never_above_greedy": never_above,
        "strictly_cheaper_share": round(cheaper / len(solved), 3) if solved else 0.0,
        "mean_saving_vs_greedy": round(float(np.mean(savings)), 4) if savings else 0.0,
        "goal_p95_ms": GOAL_P95_MS,
    }
    figures["goal_met"] = figures["route"]["p95_ms"] <= GOAL_P95_MS and proven == len(solved)
    return figures, format_markdown(figures)


def format_markdown(f: dict) -> str:
    """The figures as markdown; ``benchmark_append`` puts the heading, date, machine and command above it."""
    ratio = (
        f["milp_cost_euro_total"] / f["greedy_cost_euro_total"]
        if f["greedy_cost_euro_total"]
        else float("nan")
    )
    return "\n".join(
        [
            f"Learning routes: a seeded catalogue of {f['modules']:,} modules ({f['competencies']} competencies, "
            f"{f['certificates']:,} certificates; checked and indexed once in {f['catalogue_check_seconds']} s), "
            f"{f['questions']} questions with a gap of {f['gap']} competencies. Time per question is one "
            "`solve_route` call: gap, pruning, sparse model, two exact HiGHS stages (cost; then hours and "
            "certificates). Baseline: greedy set cover (lowest cost per newly covered competency, with the "
            "missing prerequisites), in the same run.",
            "",
            "| measure | integer program | greedy baseline | ratio |",
            "|---|---:|---:|---:|",
            f"| time per question, median (ms) | {f['route']['median_ms']} | {f['greedy']['median_ms']} | "
            f"{_ratio(f['route']['median_ms'], f['greedy']['median_ms'])} |",
            f"| time per question, p95 (ms) | {f['route']['p95_ms']} | {f['greedy']['p95_ms']} | "
            f"{_ratio(f['route']['p95_ms'], f['greedy']['p95_ms'])} |",
            f"| total cost of {f['solved']} routes (euro) | {f['milp_cost_euro_total']:,} | "
            f"{f['greedy_cost_euro_total']:,} | {ratio:.3f} |",
            "",
            f"Proven optimal: {f['proven_optimal']} of {f['solved']} solved questions "
            f"({f['infeasible_offer']} had a gap the offer cannot close). Median candidate modules after "
            f"pruning: {f['candidates_median']}. Integer program never above greedy: "
            f"{'yes' if f['milp_never_above_greedy'] else 'NO'}; strictly cheaper than greedy on "
            f"{f['strictly_cheaper_share']:.1%} of questions, {f['mean_saving_vs_greedy']:.1%} cheaper on average. "
            f"Goal p95 <= {f['goal_p95_ms']:.0f} ms and all proven optimal: "
            f"{'met' if f['goal_met'] else 'NOT met'}. Slowest question: {f['route']['max_ms']} ms.",
            "",
        ]
    )


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"
