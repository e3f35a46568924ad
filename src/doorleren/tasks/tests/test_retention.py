"""Finished jobs leave after a year (``privacy retention``, kind ``background_jobs``); others stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from doorleren.privacy.services import retention_apply
from doorleren.tasks.models import Job, JobFile, JobStatus
from doorleren.tasks.services import job_enqueue, jobs_purge

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _job(value: int, status: str, finished_days_ago: int | None) -> Job:
    job = job_enqueue(kind="tests_echo", params={"value": value}, files={"csv": b"x"})
    finished = NOW - dt.timedelta(days=finished_days_ago) if finished_days_ago is not None else None
    Job.objects.filter(pk=job.pk).update(status=status, finished_at=finished)
    return job


def test_done_and_failed_jobs_older_than_the_cut_off_go_with_their_files_and_queue_rows():
    old_done = _job(1, JobStatus.DONE, 400)
    old_failed = _job(2, JobStatus.FAILED, 400)
    recent = _job(3, JobStatus.DONE, 10)
    running = _job(4, JobStatus.RUNNING, None)
    cutoff = NOW - dt.timedelta(days=365)

    assert jobs_purge(finished_before=cutoff, dry_run=True) == 2
    assert Job.objects.count() == 4
    assert jobs_purge(finished_before=cutoff) == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not JobFile.objects.filter(job_id__in=[old_done.pk, old_failed.pk]).exists()
    assert set(DBTaskResult.objects.values_list("id", flat=True).iterator()) == {
        DBTaskResult.objects.get(id=recent.task_result_id).id,
        DBTaskResult.objects.get(id=running.task_result_id).id,
    }
    assert jobs_purge(finished_before=cutoff) == 0


def test_the_daily_retention_task_counts_them():
    _job(1, JobStatus.DONE, 800)
    counts = retention_apply(today=timezone.localdate())
    assert counts["background_jobs"] == 1
    assert not Job.objects.exists()
