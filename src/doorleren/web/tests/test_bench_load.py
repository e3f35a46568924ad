"""``doorleren bench load``: reading locust's figures and judging the goal (the run itself is a benchmark)."""

import pytest
from django.core.management import call_command

from doorleren.web.bench_load import GOAL_PAGES, _markdown, summarise


def _row(name, requests, failures, p95, p50=20, p99=None, most=None):
    return {
        "Name": name,
        "Request Count": str(requests),
        "Failure Count": str(failures),
        "50%": str(p50),
        "95%": str(p95),
        "99%": str(p99 or p95),
        "Max Response Time": str(most or p95),
        "Requests/s": "10.5",
    }


def _stats(p95_route=250, failures=0):
    return [
        _row("profiel", 100, 0, 120),
        _row("passend werk", 100, 0, 90),
        _row("leerroute", 50, failures, p95_route),
        _row("Aggregated", 250, failures, 200),
    ]


RAMP = {"users": 200, "errors": 0, "pages": {"inloggen": {"requests": 200, "p50_ms": 300, "p95_ms": 900}}}


def test_goal_met_with_no_errors_and_every_goal_page_under_300_ms():
    summary = summarise(_stats(), [], RAMP)
    assert summary["goal_met"]
    assert summary["goal_p95"] == {"profiel": 120.0, "passend werk": 90.0, "leerroute": 250.0}


@pytest.mark.parametrize(
    ("stats", "ramp_errors"),
    [(_stats(p95_route=300), 0), (_stats(failures=1), 0), (_stats(), 2), (_stats()[1:], 0)],
    ids=["p95 at 300 ms", "an error", "an error in the ramp", "a goal page never visited"],
)
def test_goal_not_met(stats, ramp_errors):
    assert not summarise(stats, [], {**RAMP, "errors": ramp_errors})["goal_met"]


def test_na_figures_of_locust_count_as_zero():
    row = _row("start", 0, 0, "N/A", p50="N/A")
    assert summarise([row], [], RAMP)["pages"]["start"]["p95_ms"] == 0.0


def test_markdown_names_the_machine_the_set_up_the_figures_and_the_verdict():
    failures = [{"Name": "leerroute", "Error": "HTTP 500", "Occurrences": "3"}]
    summary = summarise(_stats(failures=3), failures, RAMP)
    info = {
        "date": "2026-11-28 18:00 UTC",
        "machine": "2 cores",
        "postgres": "15",
        "load_before": "0.10",
        "gunicorn": "23",
        "locust": "2.47",
        "residents": 100_000,
        "accounts": 2_302,
        "prepare": {"built": False},
        "warm_seconds": 12.0,
    }
    text = _markdown(summary, info)
    assert text.startswith("## load, 2026-11-28 18:00 UTC")
    assert "100,000 residents" in text and "2 cores" in text
    assert "**NOT met**" in text and "error on leerroute (3×): HTTP 500" in text
    assert all(page in text for page in GOAL_PAGES)
    assert "200 logins" in text


@pytest.mark.django_db
def test_on_sqlite_the_benchmark_says_in_dutch_that_it_needs_postgresql(capsys, settings, tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("checks the refusal on SQLite")
    with pytest.raises(SystemExit) as stopped:
        call_command("bench", "load", "--output", str(tmp_path / "b.md"), "--no-progress")
    assert stopped.value.code != 0
    assert "PostgreSQL" in capsys.readouterr().err
    assert not (tmp_path / "b.md").exists()
