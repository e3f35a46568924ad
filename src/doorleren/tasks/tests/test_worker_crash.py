"""The real worker (``doorleren tasks worker``, in its own process) is killed with SIGKILL while it
runs a job; a new worker runs the job again and it completes exactly once with the right result.

The job (``tests_wait_for_flag``) writes a file when it starts and waits for a flag file before it
completes, so the test knows when to kill and when to let go; no sleeping stands in for a result.
On SQLite the test's in-memory database is copied to a file for the workers and copied back after;
on PostgreSQL the workers use the test database (this test commits, ``transaction=True``; the
data of the migrations comes back afterwards, ``serialized_rollback``).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from doorleren.tasks.models import Job, JobStatus
from doorleren.tasks.services import job_enqueue

WAIT_SECONDS = 90


def _wait_until(condition: Callable[[], bool], what: str, *, workers=()) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        for worker in workers:
            if worker.poll() is not None:
                raise AssertionError(f"the worker stopped (exit {worker.returncode}) before: {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT_SECONDS} s for: {what}")
        time.sleep(0.05)


class _Database:
    """Where the worker processes find the test's database, and how the test reads a job's status."""

    def __init__(self, folder: Path):
        self.sqlite_file = folder / "workers.sqlite3" if connection.vendor == "sqlite" else None

    def __enter__(self) -> _Database:
        if self.sqlite_file is not None:
            connection.ensure_connection()
            with sqlite3.connect(self.sqlite_file) as target:
                connection.connection.backup(target)
        return self

    def __exit__(self, *exc) -> None:
        if self.sqlite_file is not None:
            with sqlite3.connect(self.sqlite_file) as source:
                source.backup(connection.connection)

    def url(self) -> str:
        if self.sqlite_file is not None:
            return f"sqlite:///{self.sqlite_file}"
        s = connection.settings_dict
        auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"

    def status(self, job_id: int) -> str:
        if self.sqlite_file is None:
            return Job.objects.get(pk=job_id).status
        with sqlite3.connect(self.sqlite_file, timeout=30) as db:
            return db.execute("SELECT status FROM tasks_job WHERE id = ?", (job_id,)).fetchone()[0]


def _start_worker(database: _Database, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "doorleren.conf.test",
        "DATABASE_URL": database.url(),
        "DOORLEREN_TASKS_LEASE_SECONDS": "2",
    }
    return subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "doorleren", "tasks", "worker", "--interval", "0.05"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_whose_worker_was_killed_completes_once_on_a_new_worker(tmp_path):
    flags = tmp_path / "flags"
    flags.mkdir()
    job = job_enqueue(kind="tests_wait_for_flag", params={"folder": str(flags), "value": 21})

    with _Database(tmp_path) as database:
        first = _start_worker(database, tmp_path / "worker-1.log")
        try:
            _wait_until(lambda: (flags / "started-1").exists(), "the job started", workers=[first])
            assert database.status(job.pk) == JobStatus.RUNNING
        finally:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait(timeout=WAIT_SECONDS)
        assert first.returncode == -signal.SIGKILL
        assert not (flags / "completed").exists()

        (flags / "go").touch()
        second = _start_worker(database, tmp_path / "worker-2.log")
        try:
            _wait_until(
                lambda: database.status(job.pk) in (JobStatus.DONE, JobStatus.FAILED),
                "the job ended on the second worker",
                workers=[second],
            )
        finally:
            os.killpg(second.pid, signal.SIGTERM)  # stops after its job; it has none now
            second.wait(timeout=WAIT_SECONDS)

    job.refresh_from_db()
    logs = "\n".join(p.read_text() for p in sorted(tmp_path.glob("worker-*.log")))
    assert job.status == JobStatus.DONE, f"{job.error}\n{logs}"
    assert job.result == {"double": 42}
    assert job.summary == "Klaar: 42"
    assert job.attempts == 2
    assert (flags / "started-2").exists()
    assert (flags / "completed").read_text().splitlines() == [f"{job.pk} 2"]  # exactly once
