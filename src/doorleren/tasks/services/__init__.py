"""Services of the tasks app: queue work once, run it, find the work of a stopped worker.

- ``job_kind`` (decorator), ``JobContext``, ``JobOutcome``, ``OutputFile``, ``JobError``: what an app
  needs to declare a kind of background work in its own ``tasks.py``.
- ``job_enqueue``: queue work, or return the job that already does or did the same work.
- ``job_execute``: run one job (the queue's task calls it).
- ``jobs_recover``, ``tasks_worker_run``: queue again what a stopped worker left; run the worker.
"""

from .enqueue import idempotency_key, job_enqueue, sha256_hex
from .recovery import jobs_recover, tasks_worker_run
from .registry import JobError, JobKind, JobOutcome, OutputFile, job_kind, kind_get
from .retention import jobs_purge
from .runner import JobContext, job_execute

__all__ = [
    "JobContext",
    "JobError",
    "JobKind",
    "JobOutcome",
    "OutputFile",
    "idempotency_key",
    "job_enqueue",
    "job_execute",
    "job_kind",
    "jobs_purge",
    "jobs_recover",
    "kind_get",
    "sha256_hex",
    "tasks_worker_run",
]
