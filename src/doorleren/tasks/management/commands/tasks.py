"""``doorleren tasks worker`` / ``doorleren tasks list`` (docs/tasks.md).

- ``worker [--interval S] [--batch] [--max-tasks N]``: run the background worker (django-tasks-db's
  ``db_worker``) after queueing again what a stopped worker left; SIGTERM stops it after the job it
  is on. ``--batch``: stop when the queue is empty.
- ``list [--status STATUS] [--limit N]``: the newest jobs, one JSON line each.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from doorleren.core.cli import write_json_line

from ...models import JobStatus
from ...selectors import job_title, jobs_list
from ...services import tasks_worker_run


def job_json(job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job_title(job=job),
        "status": job.status,
        "progress": {"done": job.progress_done, "total": job.progress_total, "step": job.progress_label},
        "attempts": job.attempts,
        "started_by": job.started_by.get_username() if job.started_by_id else None,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "summary": job.summary,
        "error": job.error,
        "result": job.result,
    }


class Command(BaseCommand):
    help = "Taken op de achtergrond: worker (de verwerker draaien), list (de laatste taken)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        worker = sub.add_parser("worker", help="Draai de verwerker van taken op de achtergrond.")
        worker.add_argument(
            "--interval", type=float, default=1.0, help="Seconden wachten als er geen werk is (standaard 1)."
        )
        worker.add_argument("--batch", action="store_true", help="Stop als er geen werk meer is.")
        worker.add_argument("--max-tasks", type=int, default=None, help="Stop na zoveel taken.")
        listing = sub.add_parser("list", help="De laatste taken, één JSON-regel per taak.")
        listing.add_argument(
            "--status", choices=JobStatus.values, default="", help="Alleen taken met deze status."
        )
        listing.add_argument("--limit", type=int, default=20, help="Hoeveel taken (standaard 20).")

    def handle(self, *args, action: str, **options):
        if action == "worker":
            tasks_worker_run(
                interval=max(0.0, options["interval"]),
                batch=options["batch"],
                max_tasks=options["max_tasks"] if options["max_tasks"] and options["max_tasks"] > 0 else None,
                stdout=self.stdout,
                stderr=self.stderr,
            )
            return
        for job in jobs_list(status=options["status"], limit=max(1, min(options["limit"], 1000))):
            write_json_line(self, job_json(job))
