"""``doorleren route --instance FILE``: one JSON line with the route; bad input gives one Dutch line and exit 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.utils import translation

from doorleren.engine.routes import MESSAGES_NL, RouteInstanceError
from doorleren.matching.management.commands import route as command
from doorleren.matching.management.commands.route import error_message

INSTANCE = {
    "modules": [
        {"id": "m0", "cost_cents": 5000, "hours": 4, "teaches": {}},
        {"id": "m1", "cost_cents": 45000, "hours": 40, "teaches": {"c1": 2}, "requires": ["m0"]},
        {"id": "m2", "cost_cents": 30000, "hours": 30, "teaches": {"c2": 1}},
        {"id": "m3", "cost_cents": 80000, "hours": 10, "teaches": {"c1": 3, "c2": 2}},
    ],
    "certificates": [{"id": "cert1", "modules": ["m1", "m2"]}],
    "have": {"c1": 1},
    "need": {"c1": 2, "c2": 1},
    "done": ["m0"],
    "budget_cents": 100000,
    "max_hours": 200,
}


def run(path) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("route", "--instance", str(path), stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def run_bad(path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("route", "--instance", str(path), stdout=out, stderr=err)
    assert caught.value.code == 2
    return out.getvalue(), err.getvalue()


def write(tmp_path, data, name="instance.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_a_good_instance_prints_one_json_line_with_the_route(tmp_path):
    lines, err = run(write(tmp_path, INSTANCE))

    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["status"] == "optimal"
    assert result["proven_optimal"] is True
    assert sorted(result["modules"]) == ["m1", "m2"]
    assert (result["cost_cents"], result["hours"]) == (75000, 70)
    assert result["certificates"] == ["cert1"]
    assert err == ""


def test_an_instance_over_budget_is_infeasible_with_the_reason(tmp_path):
    lines, _err = run(write(tmp_path, {**INSTANCE, "budget_cents": 70000}))

    result = json.loads(lines[0])
    assert result["status"] == "infeasible"
    assert result["reason"] == "budget"
    assert result["cheapest_cost_cents"] == 75000


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"modules": [', "Het bestand is geen goede JSON. Kijk op regel 1, teken 14."),
        ({**INSTANCE, "need": {"c1": 7}}, "Het niveau bij need.c1 moet 1, 2, 3 of 4 zijn."),
        ({**INSTANCE, "done": ["m9"]}, "De module m9 in done staat niet in de lijst met modules."),
        ({**INSTANCE, "budget_cents": "veel"}, "budget_cents moet een heel getal zijn."),
        ({**INSTANCE, "modules": "m1"}, "modules moet een lijst zijn."),
    ],
)
def test_a_wrong_instance_gives_one_dutch_line_and_exit_code_2(tmp_path, content, expected):
    out, err = run_bad(write(tmp_path, content))

    assert out == ""
    assert err.strip() == expected


def test_a_missing_file_or_not_utf8_gives_exit_code_2(tmp_path):
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"need": {"café": 1}}'.encode("latin-1"))

    assert "bestaat niet" in run_bad(tmp_path / "missing.json")[1]
    assert "geen UTF-8-tekst" in run_bad(latin)[1]


def test_an_over_large_file_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(command, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path = write(tmp_path, " " * (2 * 1024 * 1024) + json.dumps(INSTANCE))

    _out, err = run_bad(path)

    assert err.strip() == f"Het bestand {path} is te groot. Het mag hoogstens 2 MB zijn."


def test_every_engine_error_is_dutch_by_default_and_has_an_english_translation():
    for code, text in MESSAGES_NL.items():
        params = dict.fromkeys(("file", "max_mb", "line", "column", "field", "max", "id", "ids"), "x")
        error = RouteInstanceError(code, **params)
        with translation.override("nl"):
            assert error_message(error) == text % error.params
        with translation.override("en"):
            assert error_message(error) != text % error.params, code


def test_errors_are_translated_to_english():
    error = RouteInstanceError("unknown_module", id="m9", field="done")

    with translation.override("en"):
        message = error_message(error)

    assert message != error.message
    assert "m9" in message


def test_the_real_command_exits_with_2_and_no_traceback(tmp_path):
    path = write(tmp_path, {"modules": [], "need": {"c1": 2}, "oops": 1})
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "doorleren.conf.test"}

    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from doorleren.cli import main; main()", "route", "--instance", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == "Het veld oops kennen we niet."
    assert "Traceback" not in done.stderr
