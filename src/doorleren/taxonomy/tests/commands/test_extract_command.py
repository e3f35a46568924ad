"""``doorleren extract TEXT`` or ``--file F``: one JSON line with suggested competencies."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> dict:
    out = io.StringIO()
    call_command("extract", *args, stdout=out, stderr=io.StringIO())
    (line,) = out.getvalue().splitlines()
    return json.loads(line)


def test_text_argument(small_taxonomy, linking_dir):
    data = run("Ik verzorg wonden.", "--top", "3")
    assert data["chars"] == len("Ik verzorg wonden.")
    assert data["competencies"][0]["code"] == "zorg-wondzorg"
    assert data["skills"][0]["uri"] == small_taxonomy.skills["wound"].uri
    assert len(data["competencies"]) <= 3


def test_file(small_taxonomy, linking_dir, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text("Lassen van metaal\nSamenwerken in een team\n", encoding="utf-8")
    codes = [row["code"] for row in run("--file", str(cv))["competencies"]]
    assert "tech-lassen" in codes and "samenwerken" in codes


def _fails(*args: str) -> str:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("extract", *args, stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 2
    message = err.getvalue().strip()
    assert message and "Traceback" not in message
    return message


def test_bad_input_exits_with_code_2_and_a_dutch_line(small_taxonomy, linking_dir, tmp_path):
    assert "niet allebei" in _fails()
    assert "Vul een tekst in" in _fails("   ")
    assert "hoogstens 5.000" in _fails("x" * 5001)
    assert "tussen 1 en 30" in _fails("lassen", "--top", "0")
    assert "kan niet worden gelezen" in _fails("--file", str(tmp_path / "missing.txt"))
    binary = tmp_path / "cv.pdf"
    binary.write_bytes(b"%PDF-1.4\xff\xfe\x00")
    assert "geen UTF-8" in _fails("--file", str(binary))
    huge = tmp_path / "huge.txt"
    huge.write_text("lassen " * 10_000, encoding="utf-8")
    assert "te groot" in _fails("--file", str(huge))
