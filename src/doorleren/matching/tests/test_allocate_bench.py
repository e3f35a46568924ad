"""``doorleren bench allocate`` on a tiny instance: seeded data, the baseline comparison and the markdown."""

from __future__ import annotations

import builtins

from doorleren.engine.placement import parse_instance
from doorleren.matching import bench_allocate


def test_the_instance_is_seeded_and_valid():
    first = bench_allocate.make_instance(learners=300, assignments=40, seed=1)
    again = bench_allocate.make_instance(learners=300, assignments=40, seed=1)

    assert first == again
    placement = parse_instance(first)
    assert placement.n_learners == 300
    assert all(len(set(wishes)) == bench_allocate.WISHES for wishes in first["learners"].values())
    for assignment, spec in first["assignments"].items():
        applied = {learner for learner, wishes in first["learners"].items() if assignment in wishes}
        assert set(spec["ranking"]) == applied


def test_a_small_run_compares_with_the_matching_package_and_writes_markdown():
    messages = []

    figures, markdown = bench_allocate.run(
        progress=messages.append,
        learners=400,
        assignments=50,
        large_learners=600,
        large_assignments=70,
        repeats=1,
        large_repeats=1,
    )

    assert figures["engine_check"] == {"blocking_pairs": 0, "over_capacity": 0, "unacceptable": 0}
    assert figures["equals_sequential_reference"] is True
    assert figures["large"]["check"]["blocking_pairs"] == 0
    if figures["baseline"]["installed"]:
        assert figures["baseline"]["identical"] is True
        assert figures["baseline"]["baseline_check"]["blocking_pairs"] == 0
        assert "| build + solve (s) |" in markdown
    assert markdown.startswith("## Placement (`doorleren bench allocate`)")
    assert messages


def test_without_the_matching_package_the_bench_says_so(monkeypatch):
    real_import = builtins.__import__

    def no_matching(name, *args, **kwargs):
        if name == "matching" or name.startswith("matching."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matching)

    figures, markdown = bench_allocate.run(
        learners=200, assignments=30, large_learners=200, large_assignments=30, repeats=1, large_repeats=1
    )

    assert figures["baseline"] == {"installed": False}
    assert figures["goal_met"] is False
    assert "is not installed" in markdown
