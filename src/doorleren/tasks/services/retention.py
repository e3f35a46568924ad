"""How long finished jobs stay (``privacy.services.RETENTION``, kind ``background_jobs``)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from ..models import Job, JobStatus

FINISHED = (JobStatus.DONE, JobStatus.FAILED)


def jobs_purge(*, finished_before: datetime, dry_run: bool = False) -> int:
    """Delete done and failed jobs that finished before ``finished_before``, with their files (reports,
    results) and their rows in the queue; returns how many jobs. Queued and running jobs stay. What a job
    wrote elsewhere (imported figures, modules) stays: it belongs to that data's own retention."""
    old = Job.objects.filter(status__in=FINISHED, finished_at__lt=finished_before)
    if dry_run:
        return old.count()
    with transaction.atomic():
        queue_ids = [pk for pk in old.values_list("task_result_id", flat=True) if pk]
        deleted = old.count()
        old.delete()
        if queue_ids:
            DBTaskResult.objects.filter(id__in=queue_ids).delete()
    return deleted
