"""Run one job: claim it, call its handler, store how it ended (docs/tasks.md).

``job_execute`` is what the queue's task (``doorleren.tasks.tasks.job_run``) calls. It claims the job
(status "running", one more attempt, a new run token, this worker's name and a lease), runs the
kind's handler, and stores the outcome only if the claim is still its own. Inside ``doorleren tasks
worker`` a thread renews the lease (and writes progress) on its own database connection while the
handler works, so progress shows during a long transaction on PostgreSQL. A job that is done or
failed is never run again; a running one only when its worker is gone (``job_is_stale``).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doorleren.core.errors import ApplicationError

from ..models import Job, JobFile, JobFileRole, JobStatus
from .registry import JobError, JobKind, JobOutcome, kind_get

logger = logging.getLogger(__name__)

_worker_mode = False
_current_job_id: int | None = None
PROGRESS_WRITE_SECONDS = 1.0


def worker_mode_enable() -> None:
    """Called by ``doorleren tasks worker``: renew the lease of a running job from a thread."""
    global _worker_mode
    _worker_mode = True


_INCARNATION = secrets.token_hex(4)
# A job whose lease ran out this many leases ago counts as stale even when a process with its
# worker's number still runs on this machine (the number may have been given to another process).
STALE_AFTER_LEASES = 30


def worker_identity() -> str:
    """This process as a worker: ``host:pid:token`` (the token tells a later process with the same
    number apart)."""
    return f"{_host()}:{os.getpid()}:{_INCARNATION}"


def _host() -> str:
    return socket.gethostname()[:40]


def lease_seconds() -> float:
    return float(settings.DOORLEREN_TASKS_LEASE_SECONDS)


def max_attempts() -> int:
    return int(settings.DOORLEREN_TASKS_MAX_ATTEMPTS)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process that nobody reaped yet (Linux) is gone too
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] not in (["Z"], ["X"])


def worker_alive(worker: str) -> bool | None:
    """Is the worker ``host:pid:token`` still running? None when it ran on another machine (only its
    lease can tell)."""
    if worker == worker_identity():
        return True
    host, pid, _token = ([*worker.rsplit(":", 2), "", ""])[:3]
    if host != _host() or not pid.isdigit():
        return None
    if int(pid) == os.getpid():
        return False  # an earlier process that had our number
    return _process_alive(int(pid))


def job_is_stale(job: Job, *, now: datetime) -> bool:
    """A running job whose worker is gone: its lease ran out and, when it ran on this machine, its
    process has ended too (on SQLite the job's own long transaction can keep the lease from being
    renewed; that is not a crash)."""
    if job.lease_expires_at is not None and job.lease_expires_at > now:
        return False
    if job.worker == worker_identity():
        return job.pk != _current_job_id
    if job.lease_expires_at is not None and job.lease_expires_at < now - timedelta(
        seconds=STALE_AFTER_LEASES * lease_seconds()
    ):
        return True
    return worker_alive(job.worker) is not True


class _Heartbeat:
    """Renews the lease of a running job (and writes its progress) from a thread, on the thread's own
    database connection; stops when the job is no longer this run's."""

    def __init__(self, job_id: int, token: str):
        self.job_id = job_id
        self.token = token
        self.progress: tuple[int, int, str] | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=lease_seconds())

    def _run(self) -> None:
        interval = max(lease_seconds() / 6, 0.1)
        try:
            while not self._stop.is_set():
                self._wake.wait(interval)
                self._wake.clear()
                if self._stop.is_set() or not self._beat():
                    return
                self._stop.wait(min(PROGRESS_WRITE_SECONDS, interval))  # at most one write a second
        finally:
            connections.close_all()

    def _beat(self) -> bool:
        fields: dict = {"lease_expires_at": timezone.now() + timedelta(seconds=lease_seconds())}
        if self.progress is not None:
            done, total, label = self.progress
            fields.update(progress_done=done, progress_total=total, progress_label=label)
        try:
            updated = Job.objects.filter(
                pk=self.job_id, run_token=self.token, status=JobStatus.RUNNING
            ).update(**fields)
        except DatabaseError:  # e.g. SQLite busy with the job's own transaction: try again later
            logger.info("job %s: lease not renewed this time", self.job_id, exc_info=True)
            return True
        return updated == 1


class JobContext:
    """What a handler gets: the job's parameters, who started it, its input files, and ``progress``."""

    def __init__(self, job: Job, token: str, heartbeat: _Heartbeat | None):
        self.job_id = job.pk
        self.kind = job.kind
        self.params: dict = dict(job.params)
        self.started_by = job.started_by
        self.attempt = job.attempts
        self._token = token
        self._heartbeat = heartbeat
        self._last_write = 0.0

    def input_bytes(self, name: str) -> bytes:
        content = (
            JobFile.objects.filter(job_id=self.job_id, role=JobFileRole.INPUT, name=name)
            .values_list("content", flat=True)
            .first()
        )
        if content is None:
            raise JobError(_("Het bestand van deze taak is er niet meer. Lees het opnieuw in."))
        return bytes(content)

    def progress(self, done: int, total: int, label: str = "") -> None:
        """``done`` of ``total`` steps (rows, bytes, ...), with the step's name in Dutch."""
        progress = (max(0, int(done)), max(0, int(total)), str(label)[:200])
        if self._heartbeat is not None:
            self._heartbeat.progress = progress
            self._heartbeat.poke()
            return
        now = time.monotonic()
        if connection.in_atomic_block or (now - self._last_write < PROGRESS_WRITE_SECONDS and done < total):
            return  # not visible before the commit anyway; the outcome sets the final figures
        self._last_write = now
        Job.objects.filter(pk=self.job_id, run_token=self._token, status=JobStatus.RUNNING).update(
            progress_done=progress[0], progress_total=progress[1], progress_label=progress[2]
        )


def _claim(job_id: int) -> tuple[Job, str] | None:
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
            return None
        if job.status == JobStatus.RUNNING and not job_is_stale(job, now=now):
            return None  # another worker is on it
        if job.attempts >= max_attempts():
            _fail(job, too_many_attempts_message(job.attempts), now=now)
            return None
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.run_token = secrets.token_hex(16)
        job.worker = worker_identity()
        job.lease_expires_at = now + timedelta(seconds=lease_seconds())
        job.started_at = job.started_at or now
        job.save()
    return job, job.run_token


def too_many_attempts_message(attempts: int) -> str:
    return ngettext(
        "Dit werk is %(count)d keer afgebroken, bijvoorbeeld omdat de verwerker stopte. Wij proberen het "
        "niet nog eens. Start het opnieuw of vraag de beheerder om hulp.",
        "Dit werk is %(count)d keer afgebroken, bijvoorbeeld omdat de verwerker stopte. Wij proberen het "
        "niet nog eens. Start het opnieuw of vraag de beheerder om hulp.",
        attempts,
    ) % {"count": attempts}


def _fail(job: Job, message: str, *, now: datetime, lines: list[str] | None = None) -> None:
    JobFile.objects.filter(job=job).delete()
    job.status = JobStatus.FAILED
    job.error = message
    job.lines = [str(line) for line in lines or []]
    job.summary = ""
    job.finished_at = now
    job.lease_expires_at = None
    job.save()


def _kind_of(job: Job) -> JobKind:
    try:
        import_string(job.handler)  # registers the kind
    except ImportError:
        logger.exception("job %s: handler %s not found", job.pk, job.handler)
    kind = kind_get(job.kind)
    if kind is None:
        raise ApplicationError(_("Dit soort werk kennen wij niet (meer)."), code="job_kind_unknown")
    return kind


def _json(data) -> dict:
    return json.loads(json.dumps(data, default=str))


def _store(job_id: int, token: str, *, outcome: JobOutcome | None, error: str = "", lines=()) -> bool:
    """Store the end of this run, if the job is still this run's (else another worker took over and
    will store its own). Output files of an earlier run are replaced, input files removed."""
    now = timezone.now()
    with transaction.atomic():
        job = (
            Job.objects.select_for_update()
            .filter(pk=job_id, run_token=token, status=JobStatus.RUNNING)
            .first()
        )
        if job is None:
            return False
        if outcome is None:
            _fail(job, error, now=now, lines=list(lines))
            return True
        JobFile.objects.filter(job=job).delete()
        JobFile.objects.bulk_create(
            JobFile(
                job=job,
                role=JobFileRole.OUTPUT,
                name=file.name,
                content_type=file.content_type,
                size=len(file.content),
                sha256=_sha256(file.content),
                content=file.content,
            )
            for file in outcome.files
        )
        job.status = JobStatus.DONE
        job.summary = outcome.summary
        job.lines = [str(line) for line in outcome.lines]
        job.result = _json(outcome.data)
        job.error = ""
        job.progress_done = job.progress_total = max(job.progress_total, job.progress_done, 1)
        job.progress_label = ""
        job.finished_at = now
        job.lease_expires_at = None
        job.save()
    return True


def _sha256(content: bytes) -> str:
    from .enqueue import sha256_hex

    return sha256_hex(content)


def job_execute(*, job_id: int) -> dict:
    """Run the job ``job_id`` if it is queued (or its worker died); returns what happened (JSON)."""
    global _current_job_id
    claimed = _claim(job_id)
    if claimed is None:
        return {"job": job_id, "ran": False}
    job, token = claimed
    heartbeat = _Heartbeat(job.pk, token) if _worker_mode else None
    _current_job_id = job.pk
    try:
        with translation.override(settings.LANGUAGE_CODE):
            try:
                kind = _kind_of(job)
                context = JobContext(job, token, heartbeat)
                if heartbeat is not None:
                    heartbeat.start()
                try:
                    outcome = kind.handler(context)
                finally:
                    if heartbeat is not None:
                        heartbeat.stop()
            except ApplicationError as error:
                stored = _store(
                    job.pk, token, outcome=None, error=error.message, lines=error.extra.get("lines", [])
                )
                return {"job": job.pk, "ran": True, "status": JobStatus.FAILED, "stored": stored}
            except Exception:
                logger.exception("job %s (%s) failed", job.pk, job.kind)
                message = _(
                    "Er ging iets mis bij dit werk. Probeer het later opnieuw of vraag de beheerder om hulp."
                )
                stored = _store(job.pk, token, outcome=None, error=message)
                return {"job": job.pk, "ran": True, "status": JobStatus.FAILED, "stored": stored}
            stored = _store(job.pk, token, outcome=outcome)
            return {"job": job.pk, "ran": True, "status": JobStatus.DONE, "stored": stored}
    finally:
        _current_job_id = None
