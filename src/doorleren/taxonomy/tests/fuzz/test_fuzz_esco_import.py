"""Fuzz ``esco_import`` and ``doorleren esco import DIR`` (issue 7): one damaged file in an otherwise good
export is refused with a Dutch ``<file>, regel <n>: ...`` message and the database stays as it was.

The small export of ``esco_files`` is imported once before the examples, so a later damaged import
that wrongly wrote part of its files, or changed an existing concept, shows in the snapshot. Each
example runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorleren.core.errors import ApplicationError
from doorleren.core.tests.fuzz_strategies import byte_mutations, csv_mutations
from doorleren.taxonomy.services import esco_import
from doorleren.taxonomy.tests import esco_files as ef

pytestmark = pytest.mark.django_db(transaction=False)

FILES = ef.base_rows()
NAMES = sorted(FILES)

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def imported(db, tmp_path):
    """The small export is already in the database."""
    esco_import(directory=ef.write_export(tmp_path / "esco"))


def valid_bytes(name: str) -> bytes:
    header, rows = FILES[name]
    return ef.csv_text(header, rows).encode("utf-8")


@st.composite
def damaged_export(draw) -> tuple[str, bytes]:
    """The name of one file and its damaged content; the other files stay good."""
    name = draw(st.sampled_from(NAMES))
    header, rows = FILES[name]
    if draw(st.booleans()):
        return name, draw(byte_mutations(valid_bytes(name)))
    return name, draw(csv_mutations(header.split(","), rows))


def write(folder: Path, name: str, data: bytes) -> Path:
    ef.write_export(folder)
    (folder / name).write_bytes(data)
    return folder


def check_refusal(error: ApplicationError) -> None:
    assert error.code in {"esco_file_invalid", "esco_files_missing"}, error.code
    assert error.message.strip()
    if error.code == "esco_file_invalid":
        assert error.message.startswith(f"{error.file_name}, regel {error.line}: ")
        assert error.line >= 1


def test_the_valid_export_imports_again_without_changes(imported, tmp_path):
    before = ef.taxonomy_snapshot()
    result = esco_import(directory=ef.write_export(tmp_path / "again"))
    assert result["occupations"]["nl"]["created"] == 0
    assert ef.taxonomy_snapshot() == before


@FUZZ
@given(damage=damaged_export())
def test_a_damaged_file_is_imported_or_refused_without_a_change(imported, damage):
    name, data = damage
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        before = ef.taxonomy_snapshot()
        try:
            esco_import(directory=write(Path(folder), name, data))
        except ApplicationError as error:
            check_refusal(error)
            assert ef.taxonomy_snapshot() == before
        transaction.set_rollback(True)


@FUZZ
@given(damage=damaged_export())
def test_the_command_answers_or_exits_2_with_one_line(imported, damage):
    name, data = damage
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        before = ef.taxonomy_snapshot()
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(
                "esco",
                "import",
                str(write(Path(folder), name, data)),
                "--no-progress",
                stdout=out,
                stderr=err,
            )
        except SystemExit as exit_:
            assert exit_.code == 2
            assert out.getvalue() == ""
            lines = err.getvalue().strip().splitlines()
            assert len(lines) == 1, err.getvalue()
            assert ".csv, regel " in lines[0], lines[0]  # the damage can show in a later file
            assert ef.taxonomy_snapshot() == before
        else:
            assert out.getvalue().strip().startswith("{")
        transaction.set_rollback(True)
