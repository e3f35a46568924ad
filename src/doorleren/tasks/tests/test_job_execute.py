"""A job runs once: its outcome is stored in Dutch, a failure becomes a Dutch message, a finished job
is never run again, and the job of a stopped worker is queued again (up to a limit)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from doorleren.tasks.models import Job, JobFile, JobFileRole, JobStatus
from doorleren.tasks.services import job_enqueue, job_execute, jobs_recover
from doorleren.tasks.services.runner import worker_identity

from .helpers import run_queued_jobs

pytestmark = pytest.mark.django_db


def test_a_queued_job_runs_and_stores_its_dutch_outcome(calls_file):
    job = job_enqueue(
        kind="tests_echo", params={"value": 7, "calls_file": str(calls_file)}, files={"csv": b"x"}
    )

    assert run_queued_jobs() == 1

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.summary == "Klaar: 7"
    assert job.lines == ["regel een"]
    assert job.result == {"value": 7, "attempt": 1}
    assert job.attempts == 1 and job.finished_at is not None
    assert (job.progress_done, job.progress_total) == (1, 1)
    assert not JobFile.objects.filter(job=job, role=JobFileRole.INPUT).exists()  # the upload is gone
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_done_job_is_not_run_again(calls_file):
    job = job_enqueue(kind="tests_echo", params={"value": 1, "calls_file": str(calls_file)})
    run_queued_jobs()

    assert job_execute(job_id=job.pk) == {"job": job.pk, "ran": False}
    assert calls_file.read_text().splitlines() == [str(job.pk)]


def test_a_refusal_becomes_the_dutch_message_on_the_job():
    job = job_enqueue(kind="tests_refused")
    run_queued_jobs()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Dit bestand kunnen wij niet lezen."


def test_an_unexpected_error_becomes_a_plain_dutch_message_without_details():
    job = job_enqueue(kind="tests_broken")
    run_queued_jobs()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Er ging iets mis bij dit werk.")
    assert "kapot" not in job.error and "ZeroDivision" not in job.error


def _crashed(job: Job, *, worker: str = "elders:4242:dood", ago: int = 600) -> None:
    """Make ``job`` look like its worker died while running it."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=1,
        worker=worker,
        run_token="oud",
        lease_expires_at=timezone.now() - dt.timedelta(seconds=ago),
    )
    DBTaskResult.objects.filter(id=job.task_result_id).update(status="RUNNING", started_at=timezone.now())


def test_a_job_whose_worker_is_gone_is_queued_again_and_runs_once_more(calls_file):
    job = job_enqueue(kind="tests_echo", params={"value": 3, "calls_file": str(calls_file)})
    old_row = job.task_result_id
    _crashed(job)

    assert jobs_recover() == {"queued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.task_result_id != old_row
    assert DBTaskResult.objects.get(id=old_row).status == "FAILED"

    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    assert job.result == {"value": 3, "attempt": 2}
    assert calls_file.read_text().splitlines() == [str(job.pk)]


def test_a_job_with_a_live_lease_is_left_alone():
    job = job_enqueue(kind="tests_echo", params={"value": 1})
    _crashed(job, ago=-60)  # the lease runs another minute

    assert jobs_recover() == {"queued": 0, "failed": 0}
    assert job_execute(job_id=job.pk) == {"job": job.pk, "ran": False}


def test_a_job_of_a_live_process_on_this_machine_is_left_alone_even_with_an_old_lease():
    job = job_enqueue(kind="tests_echo", params={"value": 1})
    host, _pid, _token = worker_identity().rsplit(":", 2)
    import os

    _crashed(job, worker=f"{host}:{os.getppid()}:ouder")  # our parent process runs

    assert jobs_recover() == {"queued": 0, "failed": 0}


def test_a_job_whose_process_on_this_machine_ended_is_queued_again():
    job = job_enqueue(kind="tests_echo", params={"value": 1})
    host, _pid, _token = worker_identity().rsplit(":", 2)
    _crashed(job, worker=f"{host}:999999999:weg")

    assert jobs_recover() == {"queued": 1, "failed": 0}


def test_after_too_many_attempts_the_job_fails_with_a_dutch_message(settings):
    settings.DOORLEREN_TASKS_MAX_ATTEMPTS = 1
    job = job_enqueue(kind="tests_echo", params={"value": 1})
    _crashed(job)

    assert jobs_recover() == {"queued": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Dit werk is 1 keer afgebroken")
