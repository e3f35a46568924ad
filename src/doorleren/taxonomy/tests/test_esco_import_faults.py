"""An ESCO import whose database connection dies halfway: the import is either complete or absent.

The test kills the import's own server process (``pg_terminate_backend``), as a crash of the database
server, a failover or a cut network would, while the import is writing. The import is one transaction,
so afterwards every taxonomy table must be exactly as before; running ``doorleren esco import`` again
must then bring in everything.

PostgreSQL only (``DATABASE_URL``): SQLite has no server process to kill and no table locks to wait on.
The import runs in its own thread with its own connection. The test makes it stop at a chosen point by
holding a lock on the table it has to write to next (``LOCK TABLE ... IN SHARE MODE``: reading goes
on, writing waits), waits until ``pg_stat_activity`` shows it waiting there, and kills it.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection, connections

from doorleren.taxonomy.models import (
    IscoGroup,
    IscoGroupLabel,
    Occupation,
    OccupationSkill,
    Skill,
    SkillBroader,
    SkillGroup,
    SkillLabel,
    TaxonomyVersion,
)
from doorleren.taxonomy.services import esco_import
from doorleren.taxonomy.tests import esco_files as ef

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="killing a database connection needs PostgreSQL (pg_terminate_backend)",
    ),
]
TIMEOUT = 10
# What the full small export (esco_files.base_rows) gives in an empty database.
COMPLETE = {
    "isco_groups": 8,
    "skill_groups": 3,
    "skills": 3,
    "occupations": 2,
    "labels": 31,
    "skill_broader": 4,
    "occupation_skills": 3,
}


class _Import(threading.Thread):
    """``esco_import`` in its own thread and database connection."""

    def __init__(self, directory: Path) -> None:
        super().__init__(daemon=True)
        self.directory = directory
        self.connected = threading.Event()
        self.pid: int | None = None
        self.result: dict | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            connection.ensure_connection()
            self.pid = connection.connection.info.backend_pid
            self.connected.set()
            self.result = esco_import(directory=self.directory)
        except BaseException as error:  # noqa: BLE001 - the test looks at it
            self.error = error
        finally:
            self.connected.set()
            connections.close_all()


def _wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {TIMEOUT} s for {what}")
        time.sleep(0.01)


def _activity(pid: int) -> tuple[str | None, str]:
    """(wait event type, current statement) of ``pid``; the test's connection is in autocommit, so
    every query sees fresh statistics."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type, query FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row or (None, "")


def _tables_written(pid: int) -> set[str]:
    """The tables ``pid``'s open transaction has written to (it holds their ROW EXCLUSIVE lock)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relation::regclass::text FROM pg_locks"
            " WHERE pid = %s AND locktype = 'relation' AND mode = 'RowExclusiveLock' AND granted",
            [pid],
        )
        return {name for (name,) in cursor.fetchall()}


def _kill(pid: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, %s)", [pid, TIMEOUT * 1000])  # waits until gone
        assert cursor.fetchone()[0] is True


def _older_export(directory: Path) -> Path:
    """Part of the export, with labels that the full export changes: the database before the killed
    import is not empty, so the import has rows to update and labels to replace, not only to add."""
    rows = ef.base_rows()
    header, _rows = rows["ISCOGroups_nl.csv"]
    isco_nl = [ef.isco("2", "Intellectuele beroepen"), ef.isco("2221", "Verpleegkundigen (oud)")]
    header_skills, _skills = rows["skills_en.csv"]
    return ef.write_export(
        directory,
        {
            "ISCOGroups_en.csv": rows["ISCOGroups_en.csv"],
            "ISCOGroups_nl.csv": (header, isco_nl),
            "skills_en.csv": (header_skills, [ef.skill(ef.SKILL_WELD, "welding metal")]),
        },
    )


def _table(model) -> str:
    return model._meta.db_table


@pytest.mark.parametrize(
    ("locked", "written_before"),
    [
        # Halfway the concepts: ISCO groups updated, skill groups and skills written; the skill
        # labels (first an old label deleted) wait.
        pytest.param(SkillLabel, {IscoGroup, IscoGroupLabel, SkillGroup, Skill}, id="skill-labels"),
        # All concepts and the broader relations written; the occupation-skill relations wait.
        pytest.param(
            OccupationSkill, {IscoGroup, SkillLabel, Occupation, SkillBroader}, id="occupation-skills"
        ),
        # Everything written, ISCO parents linked; only the version counter is left before commit.
        pytest.param(TaxonomyVersion, {IscoGroup, SkillLabel, OccupationSkill}, id="version-counter"),
    ],
)
def test_an_esco_import_killed_while_writing_leaves_the_taxonomy_as_it_was_and_a_rerun_completes(
    tmp_path, locked, written_before
):
    esco_import(directory=_older_export(tmp_path / "oud"))
    before = ef.taxonomy_snapshot()
    assert TaxonomyVersion.objects.get(name="esco").version == 1
    export = ef.write_export(tmp_path / "nieuw")

    locker = connections.create_connection("default")
    try:
        locker.set_autocommit(False)
        with locker.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{_table(locked)}" IN SHARE MODE')  # noqa: S608 - a model's table
        worker = _Import(export)
        worker.start()
        assert worker.connected.wait(TIMEOUT)

        def waits_on_the_locked_table() -> bool:
            wait, query = _activity(worker.pid)
            return wait == "Lock" and f'"{_table(locked)}"' in query

        # Fails (times out) if the import never writes to that table while the earlier writes are
        # still open, e.g. when it finished or failed before.
        _wait_until(waits_on_the_locked_table, f"the import to wait for {_table(locked)}")
        # Proof that the kill interrupts a half-done import: its open transaction has written these
        # tables. Fails too when the import commits as it goes (then it holds no such locks).
        assert {_table(model) for model in written_before} <= _tables_written(worker.pid)
        _kill(worker.pid)
        worker.join(TIMEOUT)
    finally:
        locker.rollback()
        locker.close()

    assert not worker.is_alive()
    # Fails if the import swallowed the lost connection and reported success.
    assert isinstance(worker.error, OperationalError | InterfaceError), repr(worker.error)
    assert worker.result is None
    # Fails if any part of the import was committed before the end (it is not one transaction).
    assert ef.taxonomy_snapshot() == before

    out = io.StringIO()
    call_command("esco", "import", str(export), "--no-progress", stdout=out, stderr=io.StringIO())
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["totals"] == COMPLETE
    assert IscoGroup.objects.get(code="2221").label == "Verpleegkundigen"
    assert Skill.objects.get(uri=ef.SKILL_WELD).label == "weld metal"
    assert IscoGroup.objects.get(code="2221").parent.code == "222"
    # Counted once for the first import and once for the rerun: the killed import raised nothing.
    assert TaxonomyVersion.objects.get(name="esco").version == 2
    # Complete: a third run finds everything already there.
    again = esco_import(directory=export)
    assert not any(
        counts["created"] or counts["updated"]
        for key, per_lang in again.items()
        if key not in {"totals", "files", "ignored_files", "seconds"}
        for counts in per_lang.values()
    )
    assert again["totals"] == COMPLETE
