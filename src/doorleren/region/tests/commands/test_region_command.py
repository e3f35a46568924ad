import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_load_prints_one_json_line(capsys):
    call_command("region", "load")
    assert json.loads(capsys.readouterr().out.strip())["current"] == 14


def test_load_bad_file_exits_with_code_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("subregions: [\n", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("region", "load", "--file", str(bad))
    assert excinfo.value.returncode == 2


def test_resolve_prints_current_municipality(capsys):
    call_command("region", "resolve", "Loppersum")
    assert json.loads(capsys.readouterr().out.strip()) == {"code": "GM1979", "name": "Eemsdelta"}


def test_resolve_unknown_exits_with_code_2():
    with pytest.raises(CommandError) as excinfo:
        call_command("region", "resolve", "Atlantis")
    assert excinfo.value.returncode == 2
