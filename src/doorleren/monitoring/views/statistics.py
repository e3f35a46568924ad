"""Pages of the regional indicators (docs/monitoring-statistics.md): the overview, one indicator per
municipality and year (with a CSV download) and reading in a CSV file. Programme office and
administrators only; others get 403, anonymous visitors the login page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError
from doorleren.core.excel_csv import csv_text, excel_csv_response

from .. import tasks as monitoring_tasks
from ..selectors import statistics as selectors
from ..services import statistics as services

MONITORING_ROLES = ("programme_office", "administrator")


def may_see_statistics(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_active", False)
        and any(accounts_selectors.has_role(user=user, role=role) for role in MONITORING_ROLES)
    )


def _require_office(request) -> None:
    if not may_see_statistics(request.user):
        raise PermissionDenied(_("Alleen het programmabureau en beheerders zien de regionale cijfers."))


def _indicator_or_404(code: str):
    indicator = selectors.stat_indicator_get(code=code)
    if indicator is None:
        raise Http404(_("Deze indicator bestaat niet."))
    return indicator


@login_required
@require_GET
def statistics(request):
    _require_office(request)
    return render(request, "monitoring/statistics/overview.html", {"groups": selectors.stat_overview()})


@login_required
@require_GET
def statistic_detail(request, code: str):
    _require_office(request)
    indicator = _indicator_or_404(code)
    table = selectors.stat_table(indicator=indicator)
    return render(request, "monitoring/statistics/detail.html", {"indicator": indicator, "table": table})


@login_required
@require_GET
def statistic_csv(request, code: str):
    _require_office(request)
    indicator = _indicator_or_404(code)
    table = selectors.stat_table(indicator=indicator)
    header = [_("Gemeente"), _("CBS-code"), *[str(year) for year in table.years]]
    rows = [header]
    for row in table.rows:
        rows.append(
            [
                csv_text(row.name),
                row.code,
                *[_("minder dan 10") if cell.suppressed else cell.csv_value for cell in row.cells],
            ]
        )
    rows.append(
        [_("Regio"), "", *[_("niet getoond") if cell.hidden else cell.csv_value for cell in table.region]]
    )
    rows.append([])
    rows.append([csv_text(_("Indicator")), csv_text(f"{indicator.name} ({indicator.unit})")])
    for label, detail in table.sources:
        rows.append([csv_text(_("Bron")), csv_text(label), csv_text(detail)])
    for note in table.notes:
        rows.append(
            [
                csv_text(_("Omgerekend")),
                csv_text(note["municipality"]),
                str(note["year"]),
                csv_text(_("van de oude gemeenten %(codes)s") % {"codes": note["codes"]}),
            ]
        )
    return excel_csv_response(rows, filename=f"cijfers-{indicator.code}.csv")


class StatisticsImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-bestand"),
        help_text=gettext_lazy("Kolommen indicator, gemeente, jaar en waarde. UTF-8, hoogstens 2 MB."),
        error_messages={
            "required": gettext_lazy("Kies een CSV-bestand."),
            "empty": gettext_lazy("Het bestand is leeg."),
            "invalid": gettext_lazy("Kies een CSV-bestand."),
        },
    )
    source_detail = forms.CharField(
        label=gettext_lazy("Waar komen de cijfers vandaan?"),
        help_text=gettext_lazy("Bijvoorbeeld: Monitor Jeugd 2024 van de GGD. Dit staat bij elk cijfer."),
        max_length=200,
        required=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def statistics_import(request):
    _require_office(request)
    form = (
        StatisticsImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else StatisticsImportForm()
    )
    status, result, error, errors = 200, None, "", []
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            detail = form.cleaned_data["source_detail"] or _("CSV-bestand %(name)s") % {
                "name": upload.name[:150]
            }
            if settings.DOORLEREN_TASKS_INLINE_UPLOAD_BYTES < upload.size <= services.MAX_CSV_BYTES:
                # A big file: read it in on the background and show the job's page (docs/tasks.md).
                job = monitoring_tasks.indicators_import_csv_enqueue(
                    content=upload.read(),
                    file_name=upload.name,
                    source_detail=detail,
                    started_by=request.user,
                )
                return redirect("tasks:detail", pk=job.pk)
            try:
                result = services.stat_values_import_csv(file=upload, source_detail=detail)
            except ApplicationError as exc:
                error, errors, status = exc.message, exc.extra.get("errors", []), exc.status
        else:
            status = 400
    return render(
        request,
        "monitoring/statistics/import.html",
        {
            "form": form,
            "result": result,
            "error": error,
            "errors": errors,
            "indicators": selectors.stat_indicators(),
            "max_rows": services.MAX_CSV_ROWS,
        },
        status=status,
    )
