"""Put work on the queue, once: ``job_enqueue``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ..models import ACTIVE_OR_DONE, Job, JobFile, JobFileRole
from .registry import kind_get


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def idempotency_key(*, kind: str, owner: str, inputs: Any) -> str:
    """The hash of the kind, whose work it is (a user id, a role or "" for the operator) and the
    inputs (JSON-ready; files by their sha256)."""
    text = json.dumps({"kind": kind, "owner": owner, "inputs": inputs}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def job_enqueue(
    *,
    kind: str,
    started_by=None,
    params: dict | None = None,
    key_inputs: Any = None,
    files: dict[str, bytes] | None = None,
) -> Job:
    """Queue the work ``kind`` with ``params`` (JSON) and input ``files`` ({name: bytes}), or return the
    job that already does or did the same work.

    The same work: the same kind, the same owner (``started_by``, or for kinds shared with a role the
    starter's role) and the same ``key_inputs`` (default: ``params``) with the same file contents.
    While such a job is queued, running or done, it is returned and nothing new is queued; after a
    failed one a new job is made. The job and its row in the queue are written in one transaction.
    """
    job_kind = kind_get(kind)
    if job_kind is None:
        raise ApplicationError(_("Dit soort werk kennen wij niet."), code="job_kind_unknown")
    params = params or {}
    files = files or {}
    if job_kind.share_with_role:
        role = getattr(started_by, "role", "") or ""
        owner = f"role:{role}"
    else:
        role = ""
        owner = f"user:{started_by.pk}" if started_by is not None else "operator"
    inputs = {
        "params": params if key_inputs is None else key_inputs,
        "files": {name: sha256_hex(content) for name, content in sorted(files.items())},
    }
    key = idempotency_key(kind=kind, owner=owner, inputs=inputs)

    existing = Job.objects.filter(idempotency_key=key, status__in=ACTIVE_OR_DONE).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                handler=job_kind.handler_path,
                started_by=started_by,
                shared_role=role,
                params=params,
                idempotency_key=key,
            )
            JobFile.objects.bulk_create(
                JobFile(
                    job=job,
                    role=JobFileRole.INPUT,
                    name=name,
                    size=len(content),
                    sha256=sha256_hex(content),
                    content=content,
                )
                for name, content in sorted(files.items())
            )
            job_queue_put(job=job)
    except IntegrityError:
        # Someone queued the same work at the same moment: theirs is the one.
        existing = Job.objects.filter(idempotency_key=key, status__in=ACTIVE_OR_DONE).first()
        if existing is None:
            raise
        return existing
    return job


def job_queue_put(*, job: Job) -> None:
    """Put a row for ``job`` in the queue (django-tasks) and remember its id. Call inside the
    transaction that queues the job."""
    from ..tasks import job_run

    result = job_run.enqueue(job.pk)
    job.task_result_id = str(result.id)
    job.save(update_fields=["task_result_id", "updated_at"])
