"""``doorleren allocate --instance FILE``: one JSON line with the matching; bad input gives one Dutch line and exit 2.

These tests have no database marker: the command must work without a database.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.utils import translation

from doorleren.engine.placement import MESSAGES_NL, PlacementInstanceError
from doorleren.matching.management.commands import allocate as command
from doorleren.matching.management.commands.allocate import error_message

ISSUE_INSTANCE = (
    '{"learners": {"l1": ["a1", "a2"], "l2": ["a1"], "l3": ["a2"]}, '
    '"assignments": {"a1": {"capacity": 1, "ranking": ["l2", "l1"]}, "a2": {"capacity": 1, "ranking": ["l1"]}}}'
)


def run(path, *extra) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("allocate", "--instance", str(path), *extra, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def run_bad(path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("allocate", "--instance", str(path), stdout=out, stderr=err)
    assert caught.value.code == 2
    return out.getvalue(), err.getvalue()


def write(tmp_path, data, name="instance.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_the_issue_example_prints_exactly_the_documented_line(tmp_path):
    lines, err = run(write(tmp_path, ISSUE_INSTANCE))

    assert lines == ['{"matching": {"l1": "a2", "l2": "a1", "l3": null}}']
    assert err == ""


def test_explain_adds_a_dutch_explanation_per_learner(tmp_path):
    lines, _err = run(write(tmp_path, ISSUE_INSTANCE), "--explain")

    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert answer["matching"] == {"l1": "a2", "l2": "a1", "l3": None}
    assert set(answer["explanations"]) == {"l1", "l2", "l3"}
    l1 = answer["explanations"]["l1"]
    assert l1["code"] == "later_choice"
    assert l1["reasons"][0]["code"] == "full"
    assert l1["reasons"][0]["params"] == {"assignment": "a1", "choice": 1, "rank": 2, "cutoff_rank": 1}
    assert (
        l1["text"]
        == "U bent geplaatst bij a2. Die stond op nummer 2 op uw lijst. Bij de opdrachten die u liever wilde, was geen plaats voor u."
    )
    assert l1["reasons"][0]["text"].endswith("De laatste van hen stond op plaats 1.")
    assert answer["explanations"]["l3"]["reasons"][0]["text"] == (
        "a2 (nummer 1 op uw lijst): de aanbieder heeft u niet op zijn lijst gezet."
    )


def test_reserved_seats_and_kinds_are_read_from_the_file(tmp_path):
    data = {
        "learners": {"w1": ["t"], "w2": ["t"], "s1": ["t"]},
        "assignments": {
            "t": {
                "capacity": 2,
                "ranking": ["w1", "w2", "s1"],
                "reserved": [{"kinds": ["student"], "seats": 1}],
            }
        },
        "kinds": {"w1": "werkende", "w2": "werkende", "s1": "student"},
    }

    lines, _err = run(write(tmp_path, data))

    assert json.loads(lines[0]) == {"matching": {"w1": "t", "w2": None, "s1": "t"}}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"learners": {', "Het bestand is geen goede JSON. Kijk op regel 1, teken 15."),
        ("[1, 2]", "instance moet een JSON-object zijn."),
        ('"learners"', "instance moet een JSON-object zijn."),
        (
            '{"learners": {"l1": ["a1"], "l1": []}, "assignments": {}}',
            "Het veld l1 staat twee keer in hetzelfde object.",
        ),
        (
            {"learners": {"l1": ["a9"]}, "assignments": {}},
            "De opdracht a9 in learners.l1 staat niet in de lijst met opdrachten (assignments).",
        ),
        (
            {"learners": {"l1": []}, "assignments": {"a1": {"capacity": 1, "ranking": ["l1", "x"]}}},
            "De deelnemer x in assignments.a1.ranking staat niet in de lijst met deelnemers (learners).",
        ),
        (
            {"learners": {"l1": ["a1", "a1"]}, "assignments": {"a1": {"capacity": 1, "ranking": []}}},
            "a1 staat twee keer in learners.l1.",
        ),
        (
            {"learners": {"l1": []}, "assignments": {"a1": {"capacity": 0, "ranking": []}}},
            "assignments.a1.capacity moet 1 of meer zijn.",
        ),
        (
            {"learners": {"l1": []}, "assignments": {"a1": {"capacity": -3, "ranking": []}}},
            "assignments.a1.capacity moet 1 of meer zijn.",
        ),
        (
            {"learners": {"l1": []}, "assignments": {"a1": {"capacity": 2.5, "ranking": []}}},
            "assignments.a1.capacity moet een heel getal zijn.",
        ),
        (
            {"learners": {"l1": []}, "assignments": {"a1": {"capacity": "10", "ranking": []}}},
            "assignments.a1.capacity moet een heel getal zijn.",
        ),
        ({"learners": {"l1": []}, "assignments": {"a1": []}}, "assignments.a1 moet een JSON-object zijn."),
        ({"learners": {"l1": []}}, "Het veld assignments ontbreekt."),
    ],
)
def test_a_wrong_instance_gives_one_dutch_line_and_exit_code_2(tmp_path, content, expected):
    out, err = run_bad(write(tmp_path, content))

    assert out == ""
    assert err.strip() == expected
    assert len(err.strip().splitlines()) == 1


def test_a_missing_file_or_not_utf8_gives_exit_code_2(tmp_path):
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"learners": {"café": []}, "assignments": {}}'.encode("latin-1"))

    assert (
        run_bad(tmp_path / "missing.json")[1].strip()
        == f"Het bestand {tmp_path / 'missing.json'} bestaat niet."
    )
    assert run_bad(latin)[1].strip() == f"Het bestand {latin} is geen UTF-8-tekst."


def test_an_over_large_file_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(command, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path = write(tmp_path, " " * (2 * 1024 * 1024) + ISSUE_INSTANCE)

    _out, err = run_bad(path)

    assert err.strip() == f"Het bestand {path} is te groot. Het mag hoogstens 2 MB zijn."


def test_every_engine_error_is_dutch_by_default():
    params = dict.fromkeys(
        ("file", "max_mb", "line", "column", "field", "max", "id", "kind", "seats", "capacity"), "x"
    )
    for code, text in MESSAGES_NL.items():
        error = PlacementInstanceError(code, **params)
        with translation.override("nl"):
            assert error_message(error) == text % error.params


def test_the_real_command_exits_with_2_and_no_traceback(tmp_path):
    path = write(
        tmp_path, {"learners": {"l1": ["a1"]}, "assignments": {"a1": {"capacity": 1, "ranking": ["l2"]}}}
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "doorleren.conf.test"}

    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from doorleren.cli import main; main()", "allocate", "--instance", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "De deelnemer l2 in assignments.a1.ranking staat niet in de lijst met deelnemers (learners)."
    )
    assert "Traceback" not in done.stderr


def test_the_real_command_prints_the_matching(tmp_path):
    path = write(tmp_path, ISSUE_INSTANCE)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "doorleren.conf.test"}

    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from doorleren.cli import main; main()", "allocate", "--instance", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

    assert done.returncode == 0
    assert done.stdout == '{"matching": {"l1": "a2", "l2": "a1", "l3": null}}\n'
