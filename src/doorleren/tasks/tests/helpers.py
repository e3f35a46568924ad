"""Run queued jobs inside a test, through django-tasks-db's own worker code (``Worker.run_task``),
without its loop (which closes database connections a test transaction needs)."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from doorleren.tasks.services.runner import worker_identity


def run_queued_jobs(*, limit: int = 50) -> int:
    """Run every ready row of the queue, oldest first; returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_identity(),
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        row = DBTaskResult.objects.ready().first()
        if row is None:
            break
        row.claim(worker.worker_id)
        worker.run_task(row)
        ran += 1
    return ran
