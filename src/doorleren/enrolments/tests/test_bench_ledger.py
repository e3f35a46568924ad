"""``doorleren bench ledger``: refused without PostgreSQL; on PostgreSQL its clients and checks work."""

import pytest
from django.db import connection

from doorleren.core.errors import ApplicationError
from doorleren.enrolments import bench_ledger
from doorleren.taxonomy.benchmarks import BENCHMARKS


def test_the_benchmark_is_registered():
    assert BENCHMARKS["ledger"] == "doorleren.enrolments.bench_ledger:ledger_benchmark"


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for other databases")
def test_without_postgresql_the_benchmark_refuses_in_dutch():
    with pytest.raises(ApplicationError) as error:
        bench_ledger.ledger_benchmark()
    assert error.value.code == "bench_needs_postgresql"
    assert "PostgreSQL" in error.value.message


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_clients_reserve_at_once_and_the_checks_find_no_overspend_and_no_lost_entry():
    world = bench_ledger.build_world("test", residents=4)
    results, wall, cpu = bench_ledger.run_clients(world, clients=4, seconds=1.0, processes=2)
    summary = bench_ledger._summary(results, wall, cpu)
    checks = bench_ledger.check(world, results)
    assert summary["committed"] > 0 and summary["errors"] == 0
    assert checks["overspends"] == 0
    assert checks["lost_entries"] == 0
    assert checks["budgets_not_matching_clients"] == 0
    assert checks["reconciliation_ok"]
    run = {"clients": 4, "load_average_before": 1.0, **summary, **checks}
    markdown = bench_ledger._markdown(
        {
            "postgresql": "15.0",
            "seconds_per_run": 1.0,
            "residents_per_run": 4,
            "hot_share": 0.25,
            "processes": 1,
            "concurrent": run,
            "baseline": {**run, "clients": 1},
            "goal_per_second": 300,
            "goal_met": False,
        }
    )
    assert markdown.startswith("## Ledger reservations (`doorleren bench ledger`)")
    assert "| overspends | 0 | 0 |" in markdown


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_lost_or_extra_entry_is_found():
    world = bench_ledger.build_world("test", residents=1)
    results, _wall, _cpu = bench_ledger.run_clients(world, clients=2, seconds=0.3)
    results[0].committed.append((987654321, world.budget_ids[0], 100))  # a commit the ledger never saw
    checks = bench_ledger.check(world, results)
    assert checks["lost_entries"] == 1
    assert checks["budgets_not_matching_clients"] == 1
