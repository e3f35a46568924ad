"""``doorleren esco import DIR``: one JSON line last on stdout, Dutch error and exit code 2 on bad input."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from doorleren.taxonomy.models import Occupation
from doorleren.taxonomy.tests import esco_files as ef

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("esco", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_one_json_object_as_last_line(tmp_path, capsys):
    export = ef.write_export(tmp_path / "esco")

    out, _err = run("import", str(export))

    result = json.loads(out.strip().splitlines()[-1])
    assert result["occupations"]["nl"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert result["totals"]["occupations"] == 2
    assert "occupations_nl.csv" in capsys.readouterr().err  # the progress bar, on stderr


def test_no_progress_keeps_stderr_quiet(tmp_path, capsys):
    export = ef.write_export(tmp_path / "esco")

    run("import", str(export), "--no-progress")

    assert capsys.readouterr().err == ""


def test_malformed_file_exits_with_code_2_and_one_line_on_stderr(tmp_path):
    export = ef.write_export(tmp_path / "esco")
    (export / "occupations_nl.csv").write_text(
        ef.HEADERS["occupations"] + "\n" + f'Occupation,{ef.OCC_NURSE},2221,"verpleeg\nkundige',
        encoding="utf-8",
    )

    with pytest.raises(SystemExit) as exit_info:
        run("import", str(export), "--no-progress")

    assert exit_info.value.code == 2
    assert not Occupation.objects.exists()


def test_error_line_is_written_to_stderr(tmp_path):
    export = ef.write_export(tmp_path / "esco")
    (export / "skills_en.csv").write_text("conceptUri\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(SystemExit):
        call_command("esco", "import", str(export), "--no-progress", stdout=out, stderr=err)

    assert err.getvalue().strip() == (
        "skills_en.csv, regel 1: de kopregel klopt niet: kolom skillType, reuseLevel, preferredLabel, "
        "altLabels, description ontbreekt."
    )
    assert out.getvalue() == ""


def test_directory_without_files_exits_with_code_2(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        run("import", str(tmp_path), "--no-progress")
    assert exit_info.value.code == 2
