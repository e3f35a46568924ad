"""``doorleren bench routes`` and ``doorleren bench matching`` (see doorleren.taxonomy.benchmarks)."""

from __future__ import annotations


def routes_benchmark(*, progress=None) -> tuple[dict, str]:
    from doorleren.matching.bench_routes import run

    return run(progress=progress)


def matching_benchmark(*, progress=None) -> tuple[dict, str]:
    from doorleren.matching.bench_matching import run

    return run(progress=progress)


def allocate_benchmark(*, progress=None) -> tuple[dict, str]:
    """``doorleren bench allocate``: placement of learners against the ``matching`` package."""
    from doorleren.matching.bench_allocate import run

    return run(progress=progress)
