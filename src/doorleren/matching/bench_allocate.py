"""``doorleren bench allocate``: placement of learners (deferred acceptance) against the ``matching`` package.

A seeded instance of 20,000 learners and 2,000 assignments (capacity 10): each learner lists 10
different assignments, drawn with a mild popularity skew (weight ``(j + 50) ** -0.5`` for assignment
``j``); each assignment ranks every learner who listed it, in score order (a learner's overall score
plus noise per assignment, both normal). Measured in one run:

- the engine: ``parse_instance`` (checks and indexes the same Python dicts the baseline gets) plus
  ``acceptable_pairs`` (build) and ``deferred_acceptance`` (solve), median of 5 runs;
- the baseline, ``matching`` 1.4.3 (optional extra ``bench``): ``HospitalResident.create_from_dictionaries``
  (build) and ``solve(optimal="resident")``; its constructor deep-copies the players, which needs a
  higher recursion limit and a thread with a large stack at this size (daffidwilde/matching#139).
  Also timed: only its algorithm (``hospital_resident`` on players made by ``_make_players``, without
  the deep copy and the input checks);
- the answers: the same matching (per learner), blocking pairs of both (``stability_report``,
  vectorised), and the engine against the sequential Gale-Shapley reference;
- 100,000 learners x 5,000 assignments (capacity 10, 10 wishes), engine only, median of 3 runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np

from doorleren.core.machine import machine_description
from doorleren.engine.placement import (
    acceptable_pairs,
    deferred_acceptance,
    parse_instance,
    sequential_deferred_acceptance,
    stability_report,
)

SEED = 20261128
LEARNERS = 20_000
ASSIGNMENTS = 2_000
LARGE_LEARNERS = 100_000
LARGE_ASSIGNMENTS = 5_000
CAPACITY = 10
WISHES = 10
REPEATS = 5
LARGE_REPEATS = 3
GOAL_RATIO = 50.0
GOAL_LARGE_SECONDS = 2.0
BASELINE_STACK_BYTES = 512 * 1024 * 1024
BASELINE_RECURSION_LIMIT = 1_000_000


def _say(progress: Callable[[str], None] | None, message: str) -> None:
    if progress is not None:
        progress(message)


def make_instance(
    *,
    learners: int = LEARNERS,
    assignments: int = ASSIGNMENTS,
    capacity: int = CAPACITY,
    wishes: int = WISHES,
    seed: int = SEED,
) -> dict:
    """A seeded instance in the JSON schema, as Python dicts (ids ``l000000`` and ``a00000``)."""
    rng = np.random.default_rng(seed)
    weight = (np.arange(assignments) + 50.0) ** -0.5
    cdf = np.cumsum(weight / weight.sum())
    draws = np.minimum(np.searchsorted(cdf, rng.random((learners, 3 * wishes))), assignments - 1)
    # the first ``wishes`` different assignments of each row, in the order drawn
    order = np.argsort(draws, axis=1, kind="stable")
    ordered = np.take_along_axis(draws, order, axis=1)
    repeat_sorted = np.zeros_like(draws, dtype=bool)
    repeat_sorted[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
    repeat = np.empty_like(repeat_sorted)
    np.put_along_axis(repeat, order, repeat_sorted, axis=1)
    fresh = ~repeat
    take = fresh & (np.cumsum(fresh, axis=1) <= wishes)
    choices = np.empty((learners, wishes), dtype=np.int64)
    full = take.sum(axis=1) == wishes
    choices[full] = draws[full][take[full]].reshape(-1, wishes)
    for row in np.flatnonzero(~full):
        choices[row] = rng.choice(assignments, size=wishes, replace=False)

    score = rng.normal(size=learners)[:, None] + rng.normal(size=(learners, wishes))
    flat_assignment = choices.ravel()
    flat_learner = np.repeat(np.arange(learners), wishes)
    ranked = np.lexsort((-score.ravel(), flat_assignment))  # per assignment, best score first
    bounds = np.searchsorted(flat_assignment[ranked], np.arange(assignments + 1))
    ranked_learners = flat_learner[ranked].tolist()

    learner_ids = [f"l{i:06d}" for i in range(learners)]
    assignment_ids = [f"a{j:05d}" for j in range(assignments)]
    return {
        "learners": {
            learner_ids[i]: [assignment_ids[j] for j in row] for i, row in enumerate(choices.tolist())
        },
        "assignments": {
            assignment_ids[j]: {
                "capacity": capacity,
                "ranking": [learner_ids[i] for i in ranked_learners[bounds[j] : bounds[j + 1]]],
            }
            for j in range(assignments)
        },
    }


def _engine_runs(instance: dict, repeats: int) -> tuple[dict, object, object]:
    builds, solves, totals = [], [], []
    placement = result = None
    for _ in range(repeats):
        started = time.perf_counter()
        placement = parse_instance(instance)
        pairs = acceptable_pairs(placement)
        built = time.perf_counter()
        result = deferred_acceptance(placement, pairs)
        done = time.perf_counter()
        builds.append(built - started)
        solves.append(done - built)
        totals.append(done - started)
    timing = {
        "build_seconds": round(statistics.median(builds), 4),
        "solve_seconds": round(statistics.median(solves), 4),
        "total_seconds": round(statistics.median(totals), 4),
        "total_max_seconds": round(max(totals), 4),
        "runs": repeats,
    }
    return timing, placement, result


def _baseline(instance: dict) -> dict | None:
    """The ``matching`` package: build + solve through its API, then its algorithm alone."""
    try:
        from matching.algorithms import hospital_resident
        from matching.games import HospitalResident
        from matching.games.hospital_resident import _make_players
    except ImportError:
        return None
    residents = instance["learners"]
    hospitals = {a: spec["ranking"] for a, spec in instance["assignments"].items()}
    capacities = {a: spec["capacity"] for a, spec in instance["assignments"].items()}
    out: dict = {}

    def work() -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            started = time.perf_counter()
            game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
            built = time.perf_counter()
            matching = game.solve(optimal="resident")
            done = time.perf_counter()
        placed = {
            resident.name: hospital.name for hospital, members in matching.items() for resident in members
        }
        started_algorithm = time.perf_counter()
        plain_residents, plain_hospitals = _make_players(residents, hospitals, capacities)
        hospital_resident(plain_residents, plain_hospitals, optimal="resident")
        algorithm = time.perf_counter() - started_algorithm
        out.update(
            build_seconds=round(built - started, 3),
            solve_seconds=round(done - built, 3),
            total_seconds=round(done - started, 3),
            algorithm_only_seconds=round(algorithm, 3),
            warnings=len(caught),
            placed=placed,
        )

    limit = sys.getrecursionlimit()
    previous_stack = threading.stack_size(BASELINE_STACK_BYTES)
    try:
        sys.setrecursionlimit(max(limit, BASELINE_RECURSION_LIMIT))
        worker = threading.Thread(target=work, name="bench-allocate-baseline")
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous_stack)
        sys.setrecursionlimit(limit)
    return out or None


def run(
    *,
    progress: Callable[[str], None] | None = None,
    learners: int = LEARNERS,
    assignments: int = ASSIGNMENTS,
    large_learners: int = LARGE_LEARNERS,
    large_assignments: int = LARGE_ASSIGNMENTS,
    repeats: int = REPEATS,
    large_repeats: int = LARGE_REPEATS,
) -> tuple[dict, str]:
    """Figures and a markdown section (with its own heading, date, machine and command)."""
    started_all = time.perf_counter()
    load_before = _load()
    _say(progress, f"instance: {learners:,} learners x {assignments:,} assignments")
    instance = make_instance(learners=learners, assignments=assignments)

    _say(progress, f"engine: build + solve, {repeats} runs")
    engine, placement, result = _engine_runs(instance, repeats)
    engine_check = stability_report(placement, result.assignment)
    ours = result.matching(placement)
    _say(progress, "sequential Gale-Shapley reference")
    reference_equal = result.assignment.tolist() == sequential_deferred_acceptance(placement)

    _say(progress, "baseline: matching (HospitalResident), build + solve")
    baseline = _baseline(instance)
    comparison: dict = {"installed": baseline is not None}
    if baseline is not None:
        placed = baseline.pop("placed")
        theirs = {learner: placed.get(learner) for learner in placement.learner_ids}
        index = {a: position for position, a in enumerate(placement.assignment_ids)}
        baseline_assignment = np.asarray(
            [index[a] if a is not None else -1 for a in theirs.values()], dtype=np.int64
        )
        same = sum(ours[learner] == theirs[learner] for learner in placement.learner_ids)
        comparison.update(
            baseline,
            same_learners=same,
            identical=same == len(ours),
            baseline_check=stability_report(placement, baseline_assignment),
            ratio=round(baseline["total_seconds"] / engine["total_seconds"], 1),
            ratio_algorithm_only=round(baseline["algorithm_only_seconds"] / engine["total_seconds"], 1),
        )

    _say(progress, f"large: {large_learners:,} learners x {large_assignments:,} assignments")
    large_instance = make_instance(learners=large_learners, assignments=large_assignments, seed=SEED + 1)
    large, large_placement, large_result = _engine_runs(large_instance, large_repeats)
    large.update(
        learners=large_learners,
        assignments=large_assignments,
        check=stability_report(large_placement, large_result.assignment),
        placed=int((large_result.assignment >= 0).sum()),
        rounds=large_result.rounds,
        proposals=large_result.proposals,
    )
    del large_instance

    choice = result.choice[result.choice >= 0] + 1
    figures = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "learners": learners,
        "assignments": assignments,
        "capacity": CAPACITY,
        "wishes": WISHES,
        "placed": int(choice.size),
        "first_choice_share": round(float((choice == 1).mean()), 3) if choice.size else 0.0,
        "median_choice": float(np.median(choice)) if choice.size else None,
        "rounds": result.rounds,
        "proposals": result.proposals,
        "engine": engine,
        "engine_check": engine_check,
        "equals_sequential_reference": reference_equal,
        "baseline": comparison,
        "large": large,
        "goal_ratio": GOAL_RATIO,
        "goal_large_seconds": GOAL_LARGE_SECONDS,
        "load_average_before": load_before,
        "load_average_after": _load(),
        "total_seconds": round(time.perf_counter() - started_all, 1),
    }
    figures["goal_met"] = bool(
        comparison.get("ratio", 0) >= GOAL_RATIO
        and comparison.get("identical", False)
        and engine_check["blocking_pairs"] == 0
        and comparison.get("baseline_check", {}).get("blocking_pairs", 1) == 0
        and large["total_seconds"] < GOAL_LARGE_SECONDS
        and large["check"]["blocking_pairs"] == 0
    )
    return figures, format_markdown(figures, machine_description())


def _load() -> list[float] | None:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:  # pragma: no cover - not on every platform
        return None


def format_markdown(f: dict, machine: dict) -> str:
    e, b, large = f["engine"], f["baseline"], f["large"]
    lines = [
        "## Placement (`doorleren bench allocate`)",
        "",
        f"Date: {f['date']}. Machine: {machine.get('cores', '?')} cores, {machine.get('memory_gb', '?')} GB memory "
        f"({machine.get('cpu', 'unknown CPU')}, Python {machine.get('python', '?')}). "
        f"Command: `doorleren bench allocate`. Load average (1, 5, 15 min) before: "
        f"{f['load_average_before']}, after: {f['load_average_after']} (the machine was shared with other work).",
        "",
        f"Data: {f['learners']:,} learners and {f['assignments']:,} assignments (seeded), capacity {f['capacity']}, "
        f"{f['wishes']} different wishes per learner with a mild popularity skew; every assignment ranks all "
        "learners who listed it, by score (learner score plus noise per assignment). Build = check and index "
        "the Python dicts (engine: `parse_instance` + `acceptable_pairs`; baseline: "
        "`HospitalResident.create_from_dictionaries`); solve = learner-optimal deferred acceptance.",
        "",
    ]
    if b["installed"]:
        lines += [
            "| 20,000 x 2,000 | engine (numpy rounds) | baseline (`matching` 1.4.3) | ratio |",
            "|---|---:|---:|---:|",
            f"| build (s) | {e['build_seconds']} | {b['build_seconds']} | {_ratio(b['build_seconds'], e['build_seconds'])} |",
            f"| solve (s) | {e['solve_seconds']} | {b['solve_seconds']} | {_ratio(b['solve_seconds'], e['solve_seconds'])} |",
            f"| build + solve (s) | {e['total_seconds']} | {b['total_seconds']} | {b['ratio']} |",
            f"| baseline without its deep copy and input checks (`_make_players` + `hospital_resident`) (s) | | "
            f"{b['algorithm_only_seconds']} | "
            f"{b['ratio_algorithm_only']} |",
            f"| blocking pairs | {f['engine_check']['blocking_pairs']} | {b['baseline_check']['blocking_pairs']} | |",
            "",
            f"Same matching as the baseline for {b['same_learners']:,} of {f['learners']:,} learners "
            f"({'identical' if b['identical'] else 'NOT identical'}); engine equal to the sequential Gale-Shapley "
            f"reference: {'yes' if f['equals_sequential_reference'] else 'NO'}. Capacity exceeded: "
            f"{f['engine_check']['over_capacity']}; placements not acceptable both ways: "
            f"{f['engine_check']['unacceptable']}. Baseline warnings: {b['warnings']}. Engine times are the median "
            f"of {e['runs']} runs (slowest {e['total_max_seconds']} s); the baseline ran once.",
        ]
    else:
        lines += [
            f"Engine build + solve: {e['total_seconds']} s (build {e['build_seconds']} s, solve {e['solve_seconds']} s), "
            f"blocking pairs: {f['engine_check']['blocking_pairs']}; equal to the sequential Gale-Shapley reference: "
            f"{'yes' if f['equals_sequential_reference'] else 'NO'}. The baseline `matching` is not installed "
            "(`pip install -e .[bench]`), so there is no ratio.",
        ]
    lines += [
        "",
        f"Outcome: {f['placed']:,} learners placed, {f['first_choice_share']:.1%} of them at their first choice "
        f"(median choice {f['median_choice']}); {f['rounds']} rounds, {f['proposals']:,} proposals.",
        "",
        f"Large: {large['learners']:,} learners x {large['assignments']:,} assignments, build + solve "
        f"{large['total_seconds']} s (median of {large['runs']}, slowest {large['total_max_seconds']} s; build "
        f"{large['build_seconds']} s, solve {large['solve_seconds']} s), {large['placed']:,} placed, "
        f"{large['rounds']} rounds, blocking pairs: {large['check']['blocking_pairs']}.",
        "",
        f"Goals (ratio >= {f['goal_ratio']:.0f} on build + solve, identical matching, no blocking pairs, large "
        f"< {f['goal_large_seconds']:.0f} s): {'met' if f['goal_met'] else 'NOT met'}. Total benchmark time: "
        f"{f['total_seconds']} s.",
    ]
    return "\n".join(lines) + "\n"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}" if b else "n/a"
