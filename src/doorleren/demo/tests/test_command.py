"""``doorleren demo``: the last stdout line is JSON with the counts; bad input exits with code 2."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

ARGS = [
    "--residents",
    "30",
    "--employers",
    "20",
    "--modules",
    "60",
    "--certificates",
    "5",
    "--diplomas",
    "2",
    "--vacancies",
    "25",
    "--assignments",
    "4",
    "--basic-jobs",
    "3",
    "--coaches",
    "3",
    "--practical-offers",
    "4",
    "--today",
    "2026-03-02",
    "--no-progress",
]


@pytest.mark.django_db
def test_prints_logins_and_ends_with_one_json_line():
    out = StringIO()
    call_command("demo", *ARGS, "--seed", "2", stdout=out)
    lines = out.getvalue().strip().splitlines()
    counts = json.loads(lines[-1])
    assert counts["residents"] == 30
    assert counts["vacancies"] == 25
    assert any(line.split()[0] == "anne" for line in lines[1:-1])
    assert "doorleren-demo" in lines[0]


@pytest.mark.django_db
def test_second_run_without_reset_exits_with_code_2():
    call_command("demo", *ARGS, stdout=StringIO())
    with pytest.raises(CommandError) as caught:
        call_command("demo", *ARGS, stdout=StringIO())
    assert caught.value.returncode == 2
    assert "--reset" in str(caught.value)
    call_command("demo", *ARGS, "--reset", stdout=StringIO())


@pytest.mark.django_db
def test_bad_date_exits_with_code_2():
    with pytest.raises(CommandError) as caught:
        call_command("demo", "--today", "gisteren", stdout=StringIO())
    assert caught.value.returncode == 2
