"""``doorleren bench ledger``: committed reservations per second with 16 concurrent clients on PostgreSQL.

Needs PostgreSQL (``DATABASE_URL``). The run makes its own scratch database ``doorleren_bench`` on
that server (migrated from scratch), works only there and drops it at the end: the developer's data
is never touched.

Workload: residents with four budgets each (four funders), reservations of 10 to 100 euro through
``budgets.services.reservation_create`` (the resident's lock, the ledger's row locks in id order, an
idempotency key, two entries and an audit line, one database transaction each). A quarter of the
reservations go to four "hot" budgets that every client uses at the same time, until they run out
(about halfway through a run on a 2-core machine); after that they are refused (that is where an
overspend would show). Every client is a thread with its own
database connection, all started together; the 16 clients are spread over one forked Python process
per core, because threads of one process share one interpreter lock and the clients' Python work
(about 5 ms of processor time per reservation) would otherwise be the limit. Each run lasts a fixed
time.

Measured against its baseline in the same run: the same workload with one client. Afterwards:
overspends (a budget with more reserved than it got, or below zero: must be 0), lost entries (a
reservation a client saw committed that is not in the ledger with both its entries, or a
reservation in the ledger no client committed: must be 0), each budget's reservations against what
the clients counted, and ``ledger_reconciliation``.

``DOORLEREN_BENCH_LEDGER_SECONDS`` (default 20), ``DOORLEREN_BENCH_LEDGER_HOT_SHARE`` (default 0.25)
and ``DOORLEREN_BENCH_LEDGER_PROCESSES`` (default: the number of cores) change the length of each
run, the share of reservations on the hot budgets and the number of Python processes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test.utils import override_settings
from django.utils import timezone

from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets import services as budgets_services
from doorleren.core.bench import SCRATCH_DATABASE, scratch_database
from doorleren.core.errors import ApplicationError
from doorleren.core.machine import machine_description, machine_line
from doorleren.profiles import services as profiles_services

CLIENTS = 16
# Python processes the 16 clients are spread over (threads inside each): one per core by default.
PROCESSES = int(os.environ.get("DOORLEREN_BENCH_LEDGER_PROCESSES", str(os.cpu_count() or 1)))
SECONDS = float(os.environ.get("DOORLEREN_BENCH_LEDGER_SECONDS", "20"))
RESIDENTS = 64
HOT_SHARE = float(os.environ.get("DOORLEREN_BENCH_LEDGER_HOT_SHARE", "0.25"))
GOAL_PER_SECOND = 300

SEED = 20261128
FUNDERS = (
    ("Bench: regionaal LLO-budget", "regional_llo", 400_000),
    ("Bench: UWV", "uwv", 300_000),
    ("Bench: opleidingsfonds", "sector_fund", 300_000),
    ("Bench: eigen ontwikkelbudget", "own_budget", 200_000),
)
HOT_BUDGET_CENTS = 1_000_000  # each runs out after about 180 reservations: about halfway through a run


def _say(progress, message: str) -> None:
    if progress is not None:
        progress(message)


@dataclass
class World:
    label: str
    residents: list
    budget_ids: list[int]
    hot_ids: list[int]
    granted: dict[int, int]


def build_world(label: str, *, residents: int = RESIDENTS) -> World:
    """Funders, rules and residents with budgets, all through the services."""
    today = timezone.localdate()
    users = get_user_model()
    people = []
    budgets: list[int] = []
    hot: list[int] = []
    granted: dict[int, int] = {}
    rules = []
    for name, kind, amount in FUNDERS:
        funder = budgets_services.funder_create(name=f"{name} ({label})", kind=kind)
        budgets_services.funder_pool_fund(funder=funder, amount_cents=10**11, reason="Meting")
        rules.append(
            (
                budgets_services.grant_rule_create(
                    funder=funder,
                    name="Meting",
                    amount_cents=amount,
                    valid_from=today,
                    valid_until=today + dt.timedelta(days=365),
                ),
                budgets_services.grant_rule_create(
                    funder=funder,
                    name="Meting, gedeeld",
                    amount_cents=HOT_BUDGET_CENTS,
                    valid_from=today,
                    valid_until=today + dt.timedelta(days=365),
                ),
            )
        )
    for number in range(residents + 1):
        user = users.objects.create_user(username=f"bench-{label}-{number}", role="resident")
        profiles_services.profile_create(user=user, status="worker")
        people.append(user)
        for normal, shared in rules:
            budget = budgets_services.budget_grant(
                rule=shared if number == 0 else normal, resident=user, actor=None
            )
            (hot if number == 0 else budgets).append(budget.pk)
            granted[budget.pk] = budget.amount_cents
    return World(label=label, residents=people, budget_ids=budgets, hot_ids=hot, granted=granted)


@dataclass
class ClientResult:
    committed: list[tuple[int, int, int]] = field(default_factory=list)  # (transaction id, budget id, cents)
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


def _load_budgets(world: World) -> dict:
    """Budget id → budget with its account and funder, loaded by this client's own connection."""
    return {
        budget.pk: budget
        for resident in world.residents
        for budget in budgets_selectors.budgets_of_resident(resident=resident)
    }


def _client_work(world: World, n: int, seconds: float, wait) -> ClientResult:
    """One client: its own connection, reservations until ``seconds`` have passed after ``wait()``."""
    result = ClientResult()
    rng = random.Random(SEED + n)
    try:
        budgets = _load_budgets(world)
        wait()
        deadline = time.perf_counter() + seconds
        count = 0
        while time.perf_counter() < deadline:
            count += 1
            pool = world.hot_ids if rng.random() < HOT_SHARE else world.budget_ids
            budget = budgets[rng.choice(pool)]
            amount = rng.randrange(1_000, 10_001)
            started = time.perf_counter()
            try:
                record = budgets_services.reservation_create(
                    budget=budget,
                    amount_cents=amount,
                    idempotency_key=f"bench-{world.label}-{n}-{count}",
                    reason="Meting",
                )
            except ApplicationError as error:
                if error.code == "ledger_insufficient_balance":
                    result.refused += 1
                else:
                    result.errors.append(error.code)
            except Exception as error:  # noqa: BLE001 - a deadlock or serialisation failure is a finding
                result.errors.append(type(error).__name__)
            else:
                result.latencies.append(time.perf_counter() - started)
                result.committed.append((record.pk, budget.pk, amount))
    finally:
        connections.close_all()
    return result


def _threads(world: World, numbers: list[int], seconds: float, wait) -> tuple[list[ClientResult], float]:
    """Clients ``numbers`` as threads of this process; each calls ``wait`` before it starts. Returns
    their results and this process's processor time from the start to the end."""
    results: dict[int, ClientResult] = {}
    lock, started = threading.Lock(), []

    def go() -> None:
        wait()
        with lock:
            if not started:
                started.append(time.process_time())

    def client(n: int) -> None:
        results[n] = _client_work(world, n, seconds, go)

    threads = [threading.Thread(target=client, args=(n,)) for n in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu = time.process_time() - started[0] if started else 0.0
    return [results[n] for n in numbers], cpu


def run_clients(
    world: World, *, clients: int, seconds: float, processes: int = 1
) -> tuple[list[ClientResult], float, float]:
    """``clients`` clients, each a thread with its own connection, reserve for ``seconds``; they are
    spread over ``processes`` forked Python processes (threads of one process share one interpreter
    lock). Returns (results, wall time, processor time of the Python clients)."""
    processes = max(1, min(processes, clients))
    groups = [list(range(clients))[p::processes] for p in range(processes)]
    if processes == 1:
        barrier = threading.Barrier(clients + 1)
        box: list = []
        runner = threading.Thread(
            target=lambda: box.append(_threads(world, groups[0], seconds, barrier.wait))
        )
        runner.start()
        barrier.wait()
        started = time.perf_counter()
        runner.join()
        results, cpu = box[0]
        return results, time.perf_counter() - started, cpu
    import multiprocessing

    context = multiprocessing.get_context("fork")
    connections.close_all()  # every client opens its own connection after the fork
    barrier = context.Barrier(clients + 1)
    pipes, children = [], []
    for numbers in groups:
        receive, send = context.Pipe(duplex=False)

        def child(numbers=numbers, send=send) -> None:
            send.send(_threads(world, numbers, seconds, barrier.wait))

        process = context.Process(target=child, daemon=True)
        process.start()
        pipes.append(receive)
        children.append(process)
    barrier.wait()
    started = time.perf_counter()
    answers = [pipe.recv() for pipe in pipes]
    wall = time.perf_counter() - started
    for process in children:
        process.join()
    return [r for results, _cpu in answers for r in results], wall, sum(cpu for _results, cpu in answers)


def check(world: World, results: list[ClientResult]) -> dict:
    """Overspends, lost entries and the reconciliation, from the database."""
    committed = [row for result in results for row in result.committed]
    seen = budgets_selectors.reservation_totals(budget_ids=list(world.granted))
    counted: dict[int, int] = {}
    for _pk, budget_id, amount in committed:
        counted[budget_id] = counted.get(budget_id, 0) + amount
    overspends = sum(
        1
        for budget_id, granted in world.granted.items()
        if seen.reserved_cents.get(budget_id, 0) > granted or seen.balance_cents[budget_id] < 0
    )
    committed_ids = {pk for pk, _budget, _amount in committed}
    lost = len(committed_ids - seen.complete_transaction_ids) + len(seen.transaction_ids - committed_ids)
    mismatched = sum(
        1 for budget_id in world.granted if seen.reserved_cents.get(budget_id, 0) != counted.get(budget_id, 0)
    )
    reconciliation = budgets_selectors.ledger_reconciliation()
    return {
        "overspends": overspends,
        "lost_entries": lost,
        "budgets_not_matching_clients": mismatched,
        "reconciliation_ok": reconciliation.ok,
        "ledger_total_cents": reconciliation.total_cents,
        "accounts": reconciliation.accounts,
        "transactions": reconciliation.transactions,
    }


def _summary(results: list[ClientResult], wall: float, cpu: float = 0.0) -> dict:
    latencies = sorted(latency for result in results for latency in result.latencies)
    committed = sum(len(result.committed) for result in results)
    return {
        "committed": committed,
        "refused_no_money": sum(result.refused for result in results),
        "errors": sum(len(result.errors) for result in results),
        "error_kinds": sorted({kind for result in results for kind in result.errors}),
        "seconds": round(wall, 2),
        "per_second": round(committed / wall, 1) if wall else 0.0,
        "attempts_per_second": round((committed + sum(r.refused + len(r.errors) for r in results)) / wall, 1)
        if wall
        else 0.0,
        "latency_median_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "latency_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 2) if latencies else None,
        "python_cpu_ms_per_reservation": round(cpu * 1000 / committed, 2) if committed else None,
    }


def ledger_benchmark(*, progress=None) -> tuple[dict, str]:
    """Figures and a markdown section for docs/benchmarks.md (see the module docstring)."""
    # DEBUG (on in the dev settings) makes Django keep every query in memory: not what is measured.
    with override_settings(DEBUG=False), scratch_database(progress):
        version = connection.cursor().connection.info.server_version
        runs = {}
        for label, clients in (("concurrent", CLIENTS), ("baseline", 1)):
            _say(progress, f"{label}: financiers en budgetten maken")
            world = build_world(label)
            _say(progress, f"{label}: {clients} client(s), {SECONDS:g} s reserveren")
            load = round(os.getloadavg()[0], 2)  # other work on the machine shows in the figures
            results, wall, cpu = run_clients(world, clients=clients, seconds=SECONDS, processes=PROCESSES)
            runs[label] = {
                "clients": clients,
                "load_average_before": load,
                **_summary(results, wall, cpu),
                **check(world, results),
            }
    figures = {
        "postgresql": f"{version // 10000}.{version % 10000}",
        "seconds_per_run": SECONDS,
        "residents_per_run": RESIDENTS,
        "budgets_per_run": (RESIDENTS + 1) * len(FUNDERS),
        "hot_share": HOT_SHARE,
        "processes": PROCESSES,
        **runs,
        "ratio": round(runs["concurrent"]["per_second"] / runs["baseline"]["per_second"], 2)
        if runs["baseline"]["per_second"]
        else None,
        "goal_per_second": GOAL_PER_SECOND,
        "goal_met": runs["concurrent"]["per_second"] >= GOAL_PER_SECOND
        and all(runs[label]["overspends"] == 0 and runs[label]["lost_entries"] == 0 for label in runs),
    }
    return figures, _markdown(figures)


def _cores(run: dict) -> float:
    """Cores the Python clients kept busy: processor time per reservation x reservations per second."""
    return (run.get("python_cpu_ms_per_reservation") or 0) * run["per_second"] / 1000


def _markdown(f: dict) -> str:
    c, b = f["concurrent"], f["baseline"]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")

    def row(name: str, key: str, ratio: bool = False) -> str:
        extra = f" {c[key] / b[key]:.2f} |" if ratio and b[key] else " |"
        return f"| {name} | {c[key]} | {b[key]} |{extra}"

    return "\n".join(
        [
            "## Ledger reservations (`doorleren bench ledger`)",
            "",
            f"Date: {when}. Machine: {machine_line(machine_description())}. Command: `doorleren bench ledger`. "
            f"PostgreSQL {f['postgresql']}, in a scratch database (`{SCRATCH_DATABASE}`) the run creates, migrates and drops.",
            "",
            f"Workload per run: {f['residents_per_run']} residents with 4 budgets each (4 funders) plus 4 hot budgets "
            f"of one resident that every client uses ({f['hot_share']:.0%} of the reservations) until they run out; "
            f"reservations of 10 to 100 euro, each `budgets.services.reservation_create` in its own transaction "
            f"(the resident's lock, the ledger's row locks in id order, an idempotency key, two entries, an audit line). "
            f"{f['seconds_per_run']:g} s per run; every client a thread with its own connection, the "
            f"{c['clients']} clients spread over {f['processes']} Python processes (one per core; threads of one "
            "process share one interpreter lock). Baseline: the same workload with one client, in the same run. "
            "The load average before each run shows other work on the machine at the time.",
            "",
            f"| measure | {c['clients']} clients | 1 client (baseline) | ratio |",
            "|---|---:|---:|---:|",
            row("load average (1 min) before the run", "load_average_before"),
            row("committed reservations per second", "per_second", ratio=True),
            row("attempts per second (committed, refused and errors)", "attempts_per_second", ratio=True),
            row("committed reservations", "committed"),
            row("refused: no money left on the budget", "refused_no_money"),
            row("errors (deadlocks, others)", "errors"),
            row("latency median (ms)", "latency_median_ms"),
            row("latency p95 (ms)", "latency_p95_ms"),
            row("processor time of the Python clients per reservation (ms)", "python_cpu_ms_per_reservation"),
            row("overspends", "overspends"),
            row("lost entries", "lost_entries"),
            row(
                "budgets whose reservations differ from what the clients counted",
                "budgets_not_matching_clients",
            ),
            row("ledger reconciliation ok", "reconciliation_ok"),
            row("sum of all entries (cents)", "ledger_total_cents"),
            "",
            f"Processor time: the Python clients alone used {_cores(c):.2f} of the {machine_description()['cores']} "
            f"cores with {c['clients']} clients ({_cores(b):.2f} with one), next to PostgreSQL and the other work "
            "on the machine (load average above). The rate is limited by processor time (Django's queries, most "
            "of them in the ledger transfer), not by the locks: in trial runs with 0 to 25% of the reservations "
            "on the hot budgets the rate stayed within the run-to-run spread (the queue at the hot budgets shows "
            "in the p95 latency).",
            "",
            f"Goal: at least {f['goal_per_second']} committed reservations per second with {c['clients']} clients, "
            f"0 overspends, 0 lost entries: {'met' if f['goal_met'] else 'not met'}.",
        ]
    )
