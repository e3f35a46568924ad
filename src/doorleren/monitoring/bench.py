"""``doorleren bench monitoring``: the programme office's dashboard with 600,000 residents and five years
of events on PostgreSQL (docs/monitoring.md, "Snelheid").

Needs PostgreSQL (``DATABASE_URL``); works in a scratch database it creates, migrates and drops
(``doorleren.core.bench.scratch_database``).

Data (invented, seeded): ``DOORLEREN_BENCH_MONITORING_RESIDENTS`` residents (default 600,000) spread
over the 16 municipalities, each registered on a day in the last five years with a situation
(``profiles.StatusChange``; a third of the job seekers change to worker later); 20 measures over the
programme lines; about 30% of the residents take part in one or two measures; about 25% start work
once (``monitoring.WorkStart``). Modules, payments and competencies are not generated: they add rows
to the nightly refresh, not to the page, which reads only the materialised figures.

Measured:

- the nightly refresh (``outcomes_refresh`` and ``effect_estimates_refresh``): seconds and figures;
- the dashboard's main page ``/monitoring/`` as the programme office (Django test client, the whole
  request: middleware, queries, template, charts), over a mix of filters (period and target group):
  the first view in the process; 10 views with the chart cache emptied before each (every chart
  drawn again); then ``REQUESTS`` views as after the first visitor (charts cached); p50, p95 and
  maximum. It also checks the page shows the region's figure. Goal: p95 < 1 s in both cases.
- Baseline in the same run: the main key figure (residents reached per municipality in the default
  year, with the persons for the small-cell rule) counted directly from the event tables, as a page
  without materialised figures would have to.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from datetime import UTC, datetime

import numpy as np
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from doorleren.core.bench import SCRATCH_DATABASE, scratch_database
from doorleren.core.machine import machine_description, machine_line

RESIDENTS = int(os.environ.get("DOORLEREN_BENCH_MONITORING_RESIDENTS", "600000"))
REQUESTS = int(os.environ.get("DOORLEREN_BENCH_MONITORING_REQUESTS", "40"))
MEASURES = 20
YEARS = 5
GOAL_P95_SECONDS = 1.0
STATUSES = np.array(["worker", "job_seeker", "student"])
EDUCATION = np.array(["vmbo", "mbo2", "mbo3", "mbo4", "havo", "hbo", "wo", ""])


def _say(progress, message: str) -> None:
    if progress is not None:
        progress(message)


def _copy(table: str, columns: list[str], rows) -> int:
    n = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _reset_sequences(models) -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def no_style():
    from django.core.management.color import no_style as _no_style

    return _no_style()


def _generate(progress, today: dt.date) -> dict[str, int]:
    from doorleren.monitoring.models import Measure, MeasureParticipation, WorkStart

    # Other apps' tables are filled with COPY, by table name: their models only give the names.
    ProgrammeLine = apps.get_model("fund", "ProgrammeLine")
    ResidentProfile = apps.get_model("profiles", "ResidentProfile")
    StatusChange = apps.get_model("profiles", "StatusChange")
    Municipality = apps.get_model("region", "Municipality")
    User = get_user_model()
    rng = np.random.default_rng(2026)
    n = RESIDENTS
    munis = np.array(list(Municipality.objects.filter(is_current=True).values_list("pk", flat=True)))
    now = timezone.now()
    epoch = dt.date(1970, 1, 1)
    today_day = (today - epoch).days
    first_day = today_day - YEARS * 365

    _say(progress, f"{n} inwoners maken")
    status = STATUSES[rng.choice(3, size=n, p=[0.55, 0.3, 0.15])]
    education = EDUCATION[rng.integers(0, len(EDUCATION), size=n)]
    birth_year = rng.integers(today.year - 66, today.year - 16, size=n)
    muni = munis[rng.integers(0, len(munis), size=n)]
    registered = rng.integers(first_day, today_day - 30, size=n)
    counts = {}
    unusable = "!bench"  # an unusable password: nobody logs in as a generated resident
    counts["users"] = _copy(
        User._meta.db_table,
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "role",
        ],
        ((i + 1, unusable, False, f"bench{i}", "", "", "", False, True, now, "resident") for i in range(n)),
    )
    counts["profiles"] = _copy(
        ResidentProfile._meta.db_table,
        [
            "id",
            "created_at",
            "updated_at",
            "user_id",
            "status",
            "municipality_id",
            "education_level",
            "birth_year",
            "looking_for_work",
            "looking_for_learning",
        ],
        (
            (
                i + 1,
                now,
                now,
                i + 1,
                str(status[i]),
                int(muni[i]),
                str(education[i]),
                int(birth_year[i]),
                True,
                True,
            )
            for i in range(n)
        ),
    )
    # One change at registration; a third of the job seekers become workers later.
    later = (status == "job_seeker") & (rng.random(n) < 0.33)
    later_day = np.minimum(registered + rng.integers(30, 900, size=n), today_day)

    def changes():
        k = 0
        for i in range(n):
            k += 1
            yield (k, i + 1, str(status[i]), epoch + dt.timedelta(days=int(registered[i])))
            if later[i]:
                k += 1
                yield (k, i + 1, "worker", epoch + dt.timedelta(days=int(later_day[i])))

    _say(progress, "geschiedenis van situaties")
    counts["status_changes"] = _copy(
        StatusChange._meta.db_table, ["id", "profile_id", "status", "changed_on"], changes()
    )

    lines = list(ProgrammeLine.objects.order_by("number"))
    measures = [
        Measure.objects.create(
            programme_line=lines[k % len(lines)],
            code=f"bench-{k}",
            name=f"Maatregel {k + 1}",
            starts_on=today - dt.timedelta(days=YEARS * 365),
            target_groups=[] if k % 3 else ["job_seeker"],
        )
        for k in range(MEASURES)
    ]
    measure_ids = np.array([m.pk for m in measures])

    _say(progress, "deelnames en starts in werk")
    takes_part = rng.random(n) < 0.3
    second = takes_part & (rng.random(n) < 0.2)
    first_measure = measure_ids[rng.integers(0, MEASURES, size=n)]
    second_measure = measure_ids[
        (np.searchsorted(measure_ids, first_measure) + 1 + rng.integers(0, MEASURES - 1, size=n)) % MEASURES
    ]
    start = np.minimum(registered + rng.integers(0, 365, size=n), today_day - 7)

    def participations():
        k = 0
        for i in np.nonzero(takes_part)[0]:
            for measure_id, offset in (
                ((first_measure[i], 0), (second_measure[i], 120)) if second[i] else ((first_measure[i], 0),)
            ):
                k += 1
                day = min(int(start[i]) + offset, today_day - 7)
                yield (
                    k,
                    int(measure_id),
                    int(i) + 1,
                    epoch + dt.timedelta(days=day),
                    str(status[i]),
                    "coach",
                )

    counts["participations"] = _copy(
        MeasureParticipation._meta.db_table,
        ["id", "measure_id", "resident_id", "started_on", "status_at_start", "source"],
        participations(),
    )
    works = (rng.random(n) < (0.2 + 0.1 * takes_part)) | later
    work_day = np.where(later, later_day, np.minimum(start + rng.integers(14, 400, size=n), today_day))
    counts["work_starts"] = _copy(
        WorkStart._meta.db_table,
        ["id", "created_at", "updated_at", "resident_id", "started_on", "kind"],
        (
            (k + 1, now, now, int(i) + 1, epoch + dt.timedelta(days=int(work_day[i])), "job")
            for k, i in enumerate(np.nonzero(works)[0])
        ),
    )
    _reset_sequences([User, ResidentProfile, StatusChange, MeasureParticipation, WorkStart])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _baseline_query(year_start: dt.date) -> None:
    """Residents reached per municipality in one year, counted from the events (no materialised figures)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT p.municipality_id, COUNT(DISTINCT mp.resident_id)
            FROM monitoring_measureparticipation mp
            JOIN profiles_residentprofile p ON p.id = mp.resident_id
            WHERE mp.started_on >= %s AND mp.started_on < %s
            GROUP BY ROLLUP (p.municipality_id)
            """,
            [year_start, dt.date(year_start.year + 1, 1, 1)],
        )
        cursor.fetchall()


def monitoring_benchmark(*, progress=None) -> tuple[dict, str]:
    """Figures and a markdown section for docs/benchmarks.md (see the module docstring)."""
    from doorleren.monitoring.services import evaluation, outcomes

    today = timezone.localdate()
    with (
        override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver", "localhost"]),
        scratch_database(progress),
    ):
        load = round(os.getloadavg()[0], 2)
        started = time.perf_counter()
        counts = _generate(progress, today)
        generate_seconds = time.perf_counter() - started
        _say(progress, "uitkomsten berekenen (refresh)")
        refresh = {}
        refresh["outcomes_seconds"] = round(
            _timed(lambda: refresh.update(outcomes.outcomes_refresh(today=today))), 1
        )
        refresh["effects_seconds"] = round(
            _timed(lambda: evaluation.effect_estimates_refresh(today=today)), 1
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        User = get_user_model()
        office = User.objects.create(username="bench-programmabureau", role="programme_office")
        client = Client()
        client.force_login(office)
        year = today.year - 1
        variants = [
            "/monitoring/",
            f"/monitoring/?periode={year}",
            f"/monitoring/?periode={year}&doelgroep=job_seeker",
            f"/monitoring/?periode={year}-K2",
            "/monitoring/?doelgroep=worker",
        ]
        _say(progress, "hoofdpagina meten")
        cache.clear()
        first = _timed(lambda: _get(client, variants[0]))
        _check_figures_shown(client, variants[0])
        # Without cached charts (each view draws its charts again), then as after the first visitor.
        cold = []
        for url in variants * 2:
            cache.clear()
            cold.append(_timed(lambda url=url: _get(client, url)))
        times = [_timed(lambda url=url: _get(client, url)) for url in (variants * REQUESTS)[:REQUESTS]]
        baseline = [_timed(lambda: _baseline_query(dt.date(year, 1, 1))) for _ in range(5)]
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
    times.sort()
    cold.sort()
    p95 = _p95(times)
    p95_cold = _p95(cold)
    figures = {
        "residents": counts["profiles"],
        "events": counts["status_changes"] + counts["participations"] + counts["work_starts"],
        **counts,
        "generate_seconds": round(generate_seconds, 1),
        **refresh,
        "page_first_ms": round(first * 1000),
        "page_p50_ms": round(statistics.median(times) * 1000),
        "page_p95_ms": round(p95 * 1000),
        "page_max_ms": round(times[-1] * 1000),
        "requests": len(times),
        "page_cold_p95_ms": round(p95_cold * 1000),
        "page_cold_max_ms": round(cold[-1] * 1000),
        "cold_requests": len(cold),
        "baseline_p95_ms": round(sorted(baseline)[-1] * 1000),
        "goal_p95_ms": round(GOAL_P95_SECONDS * 1000),
        "goal_met": max(p95, p95_cold) < GOAL_P95_SECONDS,
        "load_before": load,
        "postgresql": pg_version,
    }
    return figures, _markdown(figures)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def _check_figures_shown(client: Client, url: str) -> None:
    """The page really shows the region's figures (not the "no figures yet" text)."""
    from doorleren.monitoring.models import Metric
    from doorleren.monitoring.selectors import outcomes as outcome_selectors

    period = outcome_selectors.period_default()
    reached = outcome_selectors.figures_for(period=period)[Metric.REACHED]
    text = client.get(url).content.decode()
    if not reached.shown or reached.text() not in text:
        raise RuntimeError(f"{url} toont het aantal bereikte inwoners ({reached.text()}) niet")


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} gaf {response.status_code}")


def _markdown(f: dict) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            "## monitoring",
            "",
            f"Date: {when}. Machine: {machine_line(machine_description())}. Command: `doorleren bench monitoring`. "
            f"PostgreSQL {f['postgresql']}, in a scratch database (`{SCRATCH_DATABASE}`) the run creates, migrates and drops. "
            f"Load average before the run: {f['load_before']}.",
            "",
            f"Data: {f['residents']:,} residents, {f['events']:,} events over five years "
            f"({f['status_changes']:,} changes of situation, {f['participations']:,} participations in 20 measures, "
            f"{f['work_starts']:,} starts in work); generated in {f['generate_seconds']} s.",
            "",
            "| figure | value |",
            "|---|---:|",
            f"| nightly refresh: outcome figures | {f.get('figures', 0):,} figures in {f['outcomes_seconds']} s |",
            f"| nightly refresh: effect estimates | {f['effects_seconds']} s |",
            f"| `/monitoring/` first view in the process (matplotlib loaded, charts drawn) | {f['page_first_ms']} ms |",
            f"| `/monitoring/` without cached charts: p95 / max ({f['cold_requests']} views) | {f['page_cold_p95_ms']} / {f['page_cold_max_ms']} ms |",
            f"| `/monitoring/` with cached charts: p50 ({f['requests']} views, 5 filter variants) | {f['page_p50_ms']} ms |",
            f"| `/monitoring/` with cached charts: p95 | **{f['page_p95_ms']} ms** |",
            f"| goal: p95 < {f['goal_p95_ms']} ms, with and without cached charts | {'met' if f['goal_met'] else 'NOT met'} |",
            f"| `/monitoring/` max | {f['page_max_ms']} ms |",
            f"| baseline: one key figure counted from the events (p95 of 5) | {f['baseline_p95_ms']} ms |",
            "",
        ]
    )
