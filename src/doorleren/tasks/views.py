"""Pages of background work under /taken/: my jobs, one job (status, progress "x van y", result or
error in Dutch, files to download) and a job's file. Without JavaScript the job page has a
"Vernieuwen" link; with htmx it asks for its status block every two seconds until the job ends.
Only the person who started a job (and administrators; for reports the same role) sees it; another
id gives 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors

LIST_LIMIT = 50


def _back_url(job) -> str:
    name = selectors.job_back_url_name(job=job)
    if not name:
        return ""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def job_state(job) -> str:
    """What the status block shows, in short: the page answers htmx's polling with 204 while it is the
    same."""
    return f"{job.status}-{job.progress_done}-{job.progress_total}-{job.attempts}"


@login_required
@require_GET
def job_list(request):
    jobs = list(selectors.jobs_visible_to(user=request.user)[:LIST_LIMIT])
    rows = [{"job": job, "title": selectors.job_title(job=job)} for job in jobs]
    return render(request, "tasks/job_list.html", {"rows": rows, "limit": LIST_LIMIT})


@login_required
@require_GET
def job_detail(request, pk: int):
    job = selectors.job_get_for_user(user=request.user, pk=pk)
    if job is None:
        raise Http404(_("Deze taak bestaat niet, of u mag hem niet zien."))
    state = job_state(job)
    if request.headers.get("HX-Request") == "true" and request.GET.get("stand") == state:
        return HttpResponse(status=204)  # htmx polling: nothing changed, nothing to swap
    percent = None
    if job.progress_total:
        percent = min(100, round(100 * job.progress_done / job.progress_total))
    return render(
        request,
        "tasks/job_detail.html",
        {
            "job": job,
            "title": selectors.job_title(job=job),
            "files": selectors.job_output_files(job=job) if job.status == "done" else [],
            "percent": percent,
            "back_url": _back_url(job),
            "state": state,
        },
    )


@login_required
@require_GET
def job_file(request, pk: int, file_pk: int):
    file = selectors.job_output_file_for_user(user=request.user, job_pk=pk, file_pk=file_pk)
    if file is None:
        raise Http404(_("Dit bestand bestaat niet, of u mag het niet zien."))
    response = HttpResponse(bytes(file.content), content_type=file.content_type)
    safe_name = "".join(c for c in file.name if c.isalnum() or c in "-_.") or "bestand"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
