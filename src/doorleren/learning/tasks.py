"""Background work of the learning offer: a school's or company's big module file (docs/tasks.md).

``modules_import_csv`` reads all rows or none, in one transaction, and updates a module with the same
code: a second run of the same file (after a worker crash) leaves the same modules.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorleren.core.errors import ApplicationError
from doorleren.tasks.services import JobContext, JobError, JobOutcome, job_enqueue, job_kind

from .selectors import import_providers_for_user
from .services import ModuleImportError, modules_import_csv

CSV_FILE = "csv"


@job_kind("modules_import_csv", title=gettext_lazy("Modules inlezen"), back_url_name="learning:import")
def modules_import(context: JobContext) -> JobOutcome:
    # The starter must still be allowed to import for this organisation when the job runs.
    providers = {p.pk: p for p in import_providers_for_user(user=context.started_by)}
    provider = providers.get(context.params.get("provider_id"))
    if provider is None:
        raise ApplicationError(
            _("Alleen medewerkers van een school of bedrijf kunnen modules inlezen."), code="import_forbidden"
        )
    content = context.input_bytes(CSV_FILE)
    context.progress(0, 1, _("Modules inlezen"))
    try:
        result = modules_import_csv(provider=provider, file=io.BytesIO(content))
    except ModuleImportError as error:
        raise JobError(error.message, lines=[e.message for e in error.errors], code=error.code) from error
    return JobOutcome(
        summary=_(
            "Het bestand is ingelezen: %(created)d nieuw, %(updated)d gewijzigd, %(unchanged)d hetzelfde gebleven."
        )
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        data={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )


def modules_import_enqueue(*, provider, content: bytes, file_name: str, started_by):
    """Queue reading in ``content`` as the modules of ``provider`` (the same file again: the same job)."""
    return job_enqueue(
        kind="modules_import_csv",
        started_by=started_by,
        params={"provider_id": provider.pk, "file_name": file_name[:200]},
        files={CSV_FILE: content},
    )
