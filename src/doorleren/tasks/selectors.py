"""Reads of the tasks app: which jobs a person may see, their files, lists for the command."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from doorleren.accounts import selectors as accounts_selectors

from .models import Job, JobFile, JobFileRole, JobStatus
from .services.registry import kind_get

ADMINISTRATOR = "administrator"


def _is_active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def job_visible_to(*, user, job: Job) -> bool:
    """The person who started the job, administrators, and for a report people with the same role."""
    if not _is_active(user):
        return False
    if accounts_selectors.has_role(user=user, role=ADMINISTRATOR):
        return True
    if job.started_by_id is not None and job.started_by_id == user.pk:
        return True
    return bool(job.shared_role) and accounts_selectors.has_role(user=user, role=job.shared_role)


def jobs_visible_to(*, user) -> QuerySet[Job]:
    if not _is_active(user):
        return Job.objects.none()
    if accounts_selectors.has_role(user=user, role=ADMINISTRATOR):
        return Job.objects.all()
    mine = Q(started_by_id=user.pk)
    role = getattr(user, "role", "")
    return Job.objects.filter(mine | Q(shared_role=role) if role else mine)


def job_get_for_user(*, user, pk: int) -> Job | None:
    """The job ``pk`` if ``user`` may see it; None otherwise (the page then says 404)."""
    return jobs_visible_to(user=user).select_related("started_by").filter(pk=pk).first()


def job_output_files(*, job: Job) -> list[JobFile]:
    return list(job.files.filter(role=JobFileRole.OUTPUT).defer("content"))


def job_output_file_for_user(*, user, job_pk: int, file_pk: int) -> JobFile | None:
    job = job_get_for_user(user=user, pk=job_pk)
    if job is None or job.status != JobStatus.DONE:
        return None
    return job.files.filter(role=JobFileRole.OUTPUT, pk=file_pk).first()


def job_title(*, job: Job) -> str:
    kind = kind_get(job.kind)
    return str(kind.title) if kind is not None else job.kind


def job_back_url_name(*, job: Job) -> str:
    kind = kind_get(job.kind)
    return kind.back_url_name if kind is not None else ""


def jobs_list(*, status: str = "", limit: int = 50) -> QuerySet[Job]:
    """The newest jobs (for ``doorleren tasks list``), optionally only those with ``status``."""
    jobs = Job.objects.select_related("started_by")
    if status:
        jobs = jobs.filter(status=status)
    return jobs[:limit]
