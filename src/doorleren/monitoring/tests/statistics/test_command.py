"""``doorleren indicators``: load, import-csv, import-cbs and demo; bad input exits with code 2."""

from __future__ import annotations

import io
import json

import httpx
import pytest
from django.core.management import call_command

from doorleren.monitoring.models import StatValue

from .conftest import Recorder

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("indicators", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue().strip().splitlines()[-1]), err.getvalue()


def test_load_prints_one_json_line():
    result, _err = _run("load")
    assert result == {"indicators": 19, "created": 0}


def test_import_csv_reads_a_file(tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_text("indicator;gemeente;jaar;waarde\nbanen;GM0014;2020;150000\n", encoding="utf-8")
    result, err = _run("import-csv", str(path))
    assert result["stored"] == 1 and result["source_detail"] == "CSV-bestand cijfers.csv"
    assert "inlezen" in err


@pytest.mark.parametrize(
    "content", [b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2020;veel\n", b"\xff\xfe\x00"]
)
def test_a_bad_file_exits_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "fout.csv"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("indicators", "import-csv", str(path), stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 2
    assert err.getvalue().strip().splitlines()[-1]
    assert not StatValue.objects.exists()


def test_a_missing_file_exits_2(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "indicators", "import-csv", str(tmp_path / "er-niet.csv"), stdout=io.StringIO(), stderr=err
        )
    assert exit_.value.code == 2
    assert "kan niet worden gelezen" in err.getvalue()


def test_import_cbs_with_years_uses_the_client(monkeypatch):
    recorder = Recorder()
    real = httpx.Client

    def mocked(**kwargs):
        kwargs["transport"] = httpx.MockTransport(recorder)
        return real(**kwargs)

    monkeypatch.setattr("doorleren.monitoring.cbs.httpx.Client", mocked)
    result, _err = _run(
        "import-cbs",
        "--indicator",
        "huishoudens",
        "--table",
        "70072ned",
        "--measure",
        "M000233",
        "--years",
        "2019-2021",
    )
    assert result["stored"] == 3
    assert "Perioden eq '2021JJ00'" in recorder.requests[0].url.params["$filter"]


@pytest.mark.parametrize(
    "args",
    [
        (
            "import-cbs",
            "--indicator",
            "banen",
            "--table",
            "70072ned",
            "--measure",
            "M1",
            "--years",
            "vorig jaar",
        ),
        ("import-cbs", "--indicator", "bestaat-niet", "--table", "70072ned", "--measure", "M1"),
        ("import-cbs", "--indicator", "banen"),
        ("import-cbs", "--indicator", "banen", "--table", "../../etc", "--measure", "M1"),
    ],
)
def test_bad_cbs_arguments_exit_2(args):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("indicators", *args, stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 2
    assert err.getvalue().strip()


def test_demo_prints_counts():
    result, _err = _run("demo")
    assert result["plan"] == 3 and result["demo"] > 0
