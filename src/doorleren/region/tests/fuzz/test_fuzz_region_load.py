"""Fuzz ``doorleren region load --file`` (issue 7): a damaged data file exits with code 2 and one line,
and the region tables stay as they were.

The region is loaded by the migrations; each example runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorleren.core.tests.fuzz_strategies import byte_mutations, json_mutations
from doorleren.region.loading import DATA_PATH

pytestmark = pytest.mark.django_db(transaction=False)

VALID_BYTES = DATA_PATH.read_bytes()
VALID = yaml.safe_load(VALID_BYTES)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def snapshot() -> dict[str, list[tuple]]:
    return {
        model._meta.label: [tuple(row) for row in model.objects.order_by("pk").values_list()]
        for model in apps.get_app_config("region").get_models(include_auto_created=True)
    }


def load_or_refuse(data: bytes) -> bool:
    """``region load --file`` on ``data`` in a savepoint that is rolled back; True when it loaded."""
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        path = Path(folder) / "gemeenten.yaml"
        path.write_bytes(data)
        before = snapshot()
        out = io.StringIO()
        try:
            call_command("region", "load", "--file", str(path), stdout=out)
        except CommandError as error:
            assert error.returncode == 2
            assert out.getvalue() == ""
            message = str(error).strip()
            assert message and len(message.splitlines()) == 1, message
            assert snapshot() == before
            loaded = False
        else:
            assert out.getvalue().strip().startswith("{")
            loaded = True
        transaction.set_rollback(True)
    return loaded


def test_the_shipped_file_loads():
    assert load_or_refuse(VALID_BYTES)


@FUZZ
@given(data=st.data())
def test_damaged_bytes_are_loaded_or_refused_in_one_line_without_a_change(data):
    load_or_refuse(data.draw(byte_mutations(VALID_BYTES)))


@FUZZ
@given(data=st.data())
def test_wrong_values_anywhere_are_loaded_or_refused_in_one_line_without_a_change(data):
    load_or_refuse(yaml.safe_dump(data.draw(json_mutations(VALID)), allow_unicode=True).encode("utf-8"))


@pytest.mark.parametrize(
    "data",
    [
        b"\x80",  # not UTF-8: was a UnicodeDecodeError traceback
        b"@",  # YAML scanner error: was a message over several lines, in English
        b"\x00",
        b"- 1\n- 2\n",  # a list, not a mapping
        VALID_BYTES.replace(b"name: Reiderland", b"name: null"),  # was an IntegrityError traceback
        VALID_BYTES.replace(b"lat: 53.2192", b"lat: noord"),  # was a ValueError traceback
        VALID_BYTES.replace(b"{code: GM1661,", b"[code, GM1661]\n      - {code: GM9999,"),  # AttributeError
    ],
    ids=["not-utf8", "bad-yaml", "nul", "list", "name-null", "lat-text", "source-not-mapping"],
)
def test_known_bad_files_are_refused_in_one_dutch_line(data):
    assert not load_or_refuse(data)
