"""Background work of the taxonomy app: the ESCO import (docs/tasks.md, docs/esco-import.md).

The import runs in one transaction and updates concepts and relations by their URIs, so a second run
of the same files (after a worker crash) leaves the same tables. The job's key is the hash of every
file it will read: the same files again give the same job; changed files a new one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from doorleren.tasks.services import JobContext, JobOutcome, job_enqueue, job_kind

from .services import esco_import
from .services.esco_import import esco_files_found

CHUNK = 1024 * 1024


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Bytes:
    """The import's progress bar per file, added up over all files into the job's progress."""

    def __init__(self, context: JobContext, total: int):
        self.context = context
        self.total = total
        self.done = 0
        self.label = ""

    def __call__(self, description: str, _size: int) -> _Bytes:
        self.label = description
        self.context.progress(self.done, self.total, self.label)
        return self

    def update(self, n: int) -> None:
        self.done += n
        self.context.progress(self.done, self.total, self.label)

    def close(self) -> None:
        pass


@job_kind("esco_import", title=gettext_lazy("ESCO inlezen"))
def esco_import_job(context: JobContext) -> JobOutcome:
    directory = Path(context.params["directory"])
    files = esco_files_found(directory=directory)[0]
    progress = _Bytes(context, total=sum(f.path.stat().st_size for f in files))
    result = esco_import(directory=directory, progress=progress)
    totals = result["totals"]
    lines = []
    if result["ignored_files"]:
        lines.append(_("Niet gelezen: %(files)s.") % {"files": ", ".join(result["ignored_files"])})
    return JobOutcome(
        summary=ngettext(
            "ESCO is ingelezen uit %(files)d bestand. Nu in de database: %(occupations)d beroepen en "
            "%(skills)d vaardigheden.",
            "ESCO is ingelezen uit %(files)d bestanden. Nu in de database: %(occupations)d beroepen en "
            "%(skills)d vaardigheden.",
            len(result["files"]),
        )
        % {"files": len(result["files"]), "occupations": totals["occupations"], "skills": totals["skills"]},
        lines=lines,
        data=result,
    )


def esco_import_enqueue(*, directory: Path, started_by=None):
    """Queue the ESCO import of ``directory`` (the worker reads the files there). The same files (by
    their sha256) again: the same job."""
    directory = Path(directory).resolve()
    files = esco_files_found(directory=directory)[0]
    return job_enqueue(
        kind="esco_import",
        started_by=started_by,
        params={"directory": str(directory)},
        key_inputs={"directory": str(directory), "files": {f.path.name: _sha256(f.path) for f in files}},
    )
