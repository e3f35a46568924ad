"""Fuzz ``doorleren route|match|allocate --instance FILE`` (issue 7): a malformed file never crashes.

Each command either answers (valid JSON lines on stdout) or exits with code 2 and one plain line on
stderr, nothing on stdout. The commands use no database.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorleren.core.tests.fuzz_strategies import byte_mutations, json_dumps_loose, json_mutations

ROUTE = {
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
MATCH = {
    "direction": "person",
    "top": 5,
    "labels": {"lassen": "Lassen", "excel": "Werken met Excel"},
    "persons": [
        {"id": "anne", "competencies": {"lassen": 2, "excel": 1}, "location": [53.2, 6.5], "max_km": 30},
        {"id": "bram", "competencies": {"plannen": 3}, "hours": 24, "sectors": ["afval"]},
    ],
    "opportunities": [
        {
            "id": "v2",
            "requires": {"lassen": {"level": 2, "essential": True}, "excel": {"level": 2}},
            "location": [53.2, 6.5],
            "hours": 32,
            "sector": "afval",
        },
        {"id": "v1", "requires": {"lassen": {"level": 2, "essential": True}}, "location": [52.8, 6.9]},
        {"id": "v3", "requires": {"excel": 1, "plannen": {"level": 3}}},
    ],
}
ALLOCATE = {
    "learners": {"l1": ["a1", "a2"], "l2": ["a1"], "l3": ["a2"]},
    "assignments": {
        "a1": {"capacity": 1, "ranking": ["l2", "l1"]},
        "a2": {"capacity": 2, "ranking": ["l1", "l3"], "reserved": [{"kinds": ["student"], "seats": 1}]},
    },
    "kinds": {"l1": "student", "l2": "werkende", "l3": "werkzoekende"},
}
VALID = {"route": ROUTE, "match": MATCH, "allocate": ALLOCATE}
COMMANDS = sorted(VALID)

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def run_cli(command: str, data: bytes) -> tuple[bool, str, str]:
    """Run the command on a file with ``data``; (answered, stdout, stderr). Refusals are checked here."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "instance.json"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(command, "--instance", str(path), stdout=out, stderr=err)
        except SystemExit as exit_:
            assert exit_.code == 2, f"exit code {exit_.code}"
            assert out.getvalue() == ""
            lines = err.getvalue().strip().splitlines()
            assert len(lines) == 1, err.getvalue()
            assert lines[0].strip()
            assert "Traceback" not in lines[0] and "Error:" not in lines[0], lines[0]
            return False, "", lines[0]
    for line in out.getvalue().splitlines():
        json.loads(line)
    return True, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_the_valid_sample_is_answered(command):
    answered, out, _err = run_cli(command, json.dumps(VALID[command]).encode())
    assert answered and out


@pytest.mark.parametrize("command", COMMANDS)
@FUZZ
@given(data=st.data())
def test_damaged_bytes_are_answered_or_refused_in_one_line(command, data):
    valid = json.dumps(VALID[command], indent=1).encode()
    run_cli(command, data.draw(byte_mutations(valid)))


@pytest.mark.parametrize("command", COMMANDS)
@FUZZ
@given(data=st.data())
def test_wrong_values_anywhere_are_answered_or_refused_in_one_line(command, data):
    run_cli(command, json_dumps_loose(data.draw(json_mutations(VALID[command]))))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "text",
    [
        '{"top": ' + "9" * 5000 + "}",  # more digits than Python turns into an int
        "[" * 100_000 + "]" * 100_000,  # deeper than the JSON parser can go
        '{"persons": [{"id": "a", "max_km": 1' + "0" * 400 + "}], " + '"opportunities": []}',
        '{"persons": [{"id": "a", "location": [1' + "0" * 400 + ', 1]}], "opportunities": []}',
        '{"persons": [], "opportunities": [{"id": "o", "hours": 1e999}]}',
    ],
    ids=["huge-int", "deep", "int-too-big-for-float", "huge-location", "float-infinity"],
)
def test_extreme_json_is_refused_in_one_line(command, text):
    answered, _out, _err = run_cli(command, text.encode())
    assert not answered
