"""``doorleren bench routes`` on a tiny catalogue: figures, the baseline comparison and the markdown."""

from __future__ import annotations

from doorleren.engine.routes import parse_catalogue
from doorleren.matching import bench_routes


def test_the_catalogue_is_seeded_and_valid():
    first = bench_routes.make_catalogue_data(modules=300, competencies=40, certificates=20)
    again = bench_routes.make_catalogue_data(modules=300, competencies=40, certificates=20)

    assert first == again
    catalogue = parse_catalogue(first)
    assert len(catalogue) == 300
    assert any(catalogue.requires)
    assert all(1 <= len(taught) <= 5 for taught in catalogue.teaches)
    assert catalogue.cost.min() >= 10_000 and catalogue.cost.max() <= 300_000
    assert catalogue.hours.min() >= 8 and catalogue.hours.max() <= 200


def test_a_small_run_compares_with_greedy_and_writes_markdown():
    messages = []

    figures, markdown = bench_routes.run(
        progress=messages.append, modules=400, competencies=40, certificates=30, questions=12, gap=5
    )

    assert figures["questions"] == 12
    assert figures["solved"] + figures["infeasible_offer"] == 12
    assert figures["proven_optimal"] == figures["solved"]
    assert figures["milp_never_above_greedy"] is True
    assert figures["milp_cost_euro_total"] <= figures["greedy_cost_euro_total"]
    assert 0 <= figures["strictly_cheaper_share"] <= 1
    assert figures["route"]["median_ms"] <= figures["route"]["p95_ms"]
    assert "| time per question, p95 (ms) |" in markdown
    assert "greedy" in markdown
    assert not markdown.startswith("## ")  # the bench command adds heading, date, machine and command
    assert messages
