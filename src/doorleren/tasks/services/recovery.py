"""Find the jobs whose worker is gone and queue them again (``jobs_recover``), and the worker itself
(``tasks_worker_run``): django-tasks-db's ``db_worker`` plus this recovery, at start and every half
lease (docs/tasks.md, "Na een crash").

django-tasks-db marks a task "RUNNING" when a worker takes it and never looks at it again: a worker
killed mid-task leaves it so for ever. The job's lease is what tells us: a running job whose lease
ran out (and whose process is gone, on this machine) is queued again, with a new row in the queue.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from django.core.management import call_command
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ..models import Job, JobStatus
from . import runner
from .enqueue import job_queue_put

logger = logging.getLogger(__name__)

WORKER_LOST = "doorleren.tasks.WorkerLost"


def _row_worker_gone(row: DBTaskResult, *, now: datetime) -> bool:
    """The queue row was taken by a worker more than a lease ago, and that worker is gone."""
    if row.started_at is None or row.started_at > now - timedelta(seconds=runner.lease_seconds()):
        return False
    worker = row.worker_ids[-1] if row.worker_ids else ""
    return runner.worker_alive(worker) is not True


def _needs_queueing(job: Job, *, now: datetime) -> bool:
    if job.status == JobStatus.RUNNING:
        return runner.job_is_stale(job, now=now)
    if job.status != JobStatus.QUEUED:
        return False
    row = DBTaskResult.objects.filter(id=job.task_result_id).first() if job.task_result_id else None
    if row is None:
        return True  # the queue row is gone (pruned by hand?)
    if row.status == TaskResultStatus.READY:
        return False  # waiting for a worker
    if row.status == TaskResultStatus.RUNNING:
        return _row_worker_gone(row, now=now)  # taken, but the worker died before it started the job
    return True  # the row ended without the job starting


def _requeue(job_id: int, *, now: datetime) -> str:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not _needs_queueing(job, now=now):
            return "skipped"
        DBTaskResult.objects.filter(id=job.task_result_id or None, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback="The worker stopped while it had this task; doorleren queued the job again.",
        )
        if job.status == JobStatus.QUEUED:
            job.attempts += 1  # taken but never started: counts as a try, so this cannot loop for ever
        if job.attempts >= runner.max_attempts():
            runner._fail(job, runner.too_many_attempts_message(job.attempts), now=now)
            return "failed"
        job.status = JobStatus.QUEUED
        job.run_token = ""
        job.worker = ""
        job.lease_expires_at = None
        job.save()
        job_queue_put(job=job)
    return "queued"


def jobs_recover(*, now: datetime | None = None) -> dict[str, int]:
    """Queue again every job whose worker is gone; a job tried too often fails with a Dutch message.
    Returns how many were queued again and how many failed."""
    now = now or timezone.now()
    counts = {"queued": 0, "failed": 0}
    lease = timedelta(seconds=runner.lease_seconds())
    candidates = set(
        Job.objects.filter(status=JobStatus.RUNNING)
        .exclude(lease_expires_at__gt=now)
        .values_list("pk", flat=True)
    ) | set(
        Job.objects.filter(status=JobStatus.QUEUED, updated_at__lt=now - lease).values_list("pk", flat=True)
    )
    for job_id in sorted(candidates):
        try:
            outcome = _requeue(job_id, now=now)
        except DatabaseError:
            raise
        except Exception:  # one odd job must not stop the worker
            logger.exception("tasks: could not queue job %s again", job_id)
            continue
        if outcome in counts:
            counts[outcome] += 1
    return counts


def _recover_every(seconds: float, stop: threading.Event) -> None:
    try:
        while not stop.wait(seconds):
            try:
                found = jobs_recover()
            except DatabaseError:
                logger.warning("tasks: could not look for stopped jobs this time", exc_info=True)
                continue
            if any(found.values()):
                logger.warning("tasks: jobs of a stopped worker: %s", found)
    finally:
        connections.close_all()


def tasks_worker_run(
    *, interval: float = 1.0, batch: bool = False, max_tasks: int | None = None, stdout=None, stderr=None
) -> dict:
    """Run the worker until it is stopped (SIGTERM/SIGINT: after the running job), or with ``batch``
    until the queue is empty. Recovers stopped jobs first and then every half lease."""
    runner.worker_mode_enable()
    found = jobs_recover()
    if any(found.values()):
        logger.warning("tasks: jobs of a stopped worker: %s", found)
    stop = threading.Event()
    watcher = threading.Thread(
        target=_recover_every,
        args=(max(runner.lease_seconds() / 2, 0.5), stop),
        name="tasks-recover",
        daemon=True,
    )
    if not batch:
        watcher.start()
    try:
        call_command(
            "db_worker",
            queue_name="*",
            interval=interval,
            batch=batch,
            max_tasks=max_tasks,
            reload=False,
            startup_delay=False,
            worker_id=runner.worker_identity(),
            stdout=stdout,
            stderr=stderr,
        )
    finally:
        stop.set()
    return found
