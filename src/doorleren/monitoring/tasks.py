"""Background work of the monitoring app (docs/tasks.md): reading in regional figures (CSV, CBS), the
nightly refresh and the quarterly report as a PDF to download from the job's page.

Each ``*_enqueue`` queues the work once (the same work again returns the same job); each handler may
run twice after a crash and then leaves the same data: the imports store all figures in one
transaction and update a figure that is there (by indicator, municipality and year), the refresh
replaces what it computes, and the report replaces the job's file.
"""

from __future__ import annotations

import datetime as dt
import io

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorleren.core.errors import ApplicationError
from doorleren.tasks.services import (
    JobContext,
    JobError,
    JobOutcome,
    OutputFile,
    job_enqueue,
    job_kind,
)

from . import exports
from .models import EffectEstimate, OutcomeFigure
from .selectors import dashboard as dashboard_selectors
from .services import evaluation, outcomes, participation
from .services import statistics as statistics_services

CSV_FILE = "csv"


# --- regional figures ------------------------------------------------------------------------------


def _import_outcome(result: dict) -> JobOutcome:
    lines = [
        _("%(indicator)s: %(name)s %(year)s, omgerekend van de oude gemeenten %(codes)s.")
        % {
            "indicator": item.get("indicator", ""),
            "name": item.get("gemeente", ""),
            "year": item.get("jaar", ""),
            "codes": item.get("reported_codes", ""),
        }
        for item in result.get("mapped_from_old_codes", [])
    ]
    for item in result.get("skipped", []):
        where = ", ".join(str(part) for part in (item["indicator"], item["gemeente"], item["jaar"]) if part)
        prefix = (_("Regel %(line)s") % {"line": item["regel"]}) + ": " if item.get("regel") else ""
        lines.append(f"{prefix}{where}. {item['reden']}")
    lines.extend(result.get("notes", []))
    summary = _(
        "Cijfers gelezen: %(figures)d. Nieuw: %(stored)d. Aangepast: %(updated)d. Niet ingelezen: %(skipped)d."
    ) % {
        "figures": result.get("figures", 0),
        "stored": result.get("stored", 0),
        "updated": result.get("updated", 0),
        "skipped": len(result.get("skipped", [])),
    }
    return JobOutcome(summary=summary, lines=lines, data=result)


def _csv_error_lines(error: ApplicationError) -> list[str]:
    lines = []
    for item in error.extra.get("errors", []):
        if item.get("column"):
            where = _("Regel %(line)d, kolom ‘%(column)s’") % {"line": item["line"], "column": item["column"]}
        else:
            where = _("Regel %(line)d") % {"line": item["line"]}
        lines.append(f"{where}: {item['message']}")
    return lines


@job_kind(
    "indicators_import_csv",
    title=gettext_lazy("Regionale cijfers inlezen"),
    back_url_name="monitoring:statistics_import",
)
def indicators_import_csv(context: JobContext) -> JobOutcome:
    content = context.input_bytes(CSV_FILE)
    context.progress(0, 1, _("Cijfers inlezen"))
    try:
        result = statistics_services.stat_values_import_csv(
            file=io.BytesIO(content), source_detail=context.params.get("source_detail", "")
        )
    except ApplicationError as error:
        lines = _csv_error_lines(error)
        # One wrong line is already in the message; several are listed (as on the upload page).
        raise JobError(error.message, lines=lines if len(lines) > 1 else [], code=error.code) from error
    return _import_outcome(result)


def indicators_import_csv_enqueue(*, content: bytes, file_name: str, source_detail: str, started_by=None):
    """Queue reading in the CSV file ``content`` (the same file again: the same job)."""
    return job_enqueue(
        kind="indicators_import_csv",
        started_by=started_by,
        params={"file_name": file_name[:200], "source_detail": source_detail},
        files={CSV_FILE: content},
    )


@job_kind(
    "indicators_import_cbs",
    title=gettext_lazy("Regionale cijfers ophalen bij het CBS"),
    back_url_name="monitoring:statistics",
)
def indicators_import_cbs(context: JobContext) -> JobOutcome:
    params = context.params
    context.progress(0, 1, _("Cijfers ophalen bij CBS StatLine"))
    result = statistics_services.stat_values_import_cbs(
        indicator=params["indicator"],
        table=params.get("table", ""),
        measure_code=params.get("measure_code", ""),
        weight_measure_code=params.get("weight_measure_code", ""),
        years=params.get("years"),
        region_dimension=params.get("region_dimension", "RegioS"),
    )
    return _import_outcome(result)


def indicators_import_cbs_enqueue(
    *,
    indicator: str,
    table: str = "",
    measure_code: str = "",
    weight_measure_code: str = "",
    years: list[int] | None = None,
    region_dimension: str = "RegioS",
    started_by=None,
):
    """Queue importing one indicator from CBS StatLine. The same request on the same day: the same job
    (CBS may publish new figures the next day)."""
    params = {
        "indicator": indicator,
        "table": table,
        "measure_code": measure_code,
        "weight_measure_code": weight_measure_code,
        "years": years,
        "region_dimension": region_dimension,
    }
    return job_enqueue(
        kind="indicators_import_cbs",
        started_by=started_by,
        params=params,
        key_inputs={**params, "day": timezone.localdate().isoformat()},
    )


# --- the nightly refresh ---------------------------------------------------------------------------


@job_kind(
    "monitoring_refresh", title=gettext_lazy("Monitoring bijwerken"), back_url_name="monitoring:dashboard"
)
def monitoring_refresh(context: JobContext) -> JobOutcome:
    today = dt.date.fromisoformat(context.params["today"]) if context.params.get("today") else None
    steps = (
        ("participations", _("Deelnames"), lambda: participation.participations_sync()),
        ("outcomes", _("Uitkomsten"), lambda: outcomes.outcomes_refresh(today=today)),
        ("effects", _("Effectschattingen"), lambda: evaluation.effect_estimates_refresh(today=today)),
    )
    result: dict = {}
    for number, (name, label, step) in enumerate(steps):
        context.progress(number, len(steps), label)
        result[name] = step()
    summary = _(
        "Bijgewerkt: %(added)d nieuwe deelnames, %(figures)d cijfers en %(estimates)d effectschattingen."
    ) % {
        "added": result["participations"].get("added", 0),
        "figures": result["outcomes"].get("figures", 0),
        "estimates": result["effects"].get("estimates", 0),
    }
    return JobOutcome(summary=summary, data=result)


def monitoring_refresh_enqueue(*, today: dt.date | None = None, started_by=None):
    """Queue the refresh (as if it is ``today``; default: the day it runs). Asked again the same day
    with the same ``today``: the same job."""
    day = timezone.localdate()
    return job_enqueue(
        kind="monitoring_refresh",
        started_by=started_by,
        params={"today": today.isoformat() if today else ""},
        key_inputs={"today": today.isoformat() if today else "", "day": day.isoformat()},
    )


# --- the quarterly report --------------------------------------------------------------------------


@job_kind(
    "monitoring_quarterly_report",
    title=gettext_lazy("Kwartaalrapport voor de stuurgroep"),
    share_with_role=True,
    back_url_name="monitoring:dashboard",
)
def monitoring_quarterly_report(context: JobContext) -> JobOutcome:
    params = context.params
    today = dt.date.fromisoformat(params["today"])
    period = dashboard_selectors.report_quarter_parse(
        year=params["year"], quarter=params["quarter"], today=today
    )
    context.progress(0, 1, _("Rapport maken"))
    report = dashboard_selectors.quarterly_report(quarter=period, today=today)
    pdf = exports.quarterly_report_pdf(report)
    return JobOutcome(
        summary=_("Het kwartaalrapport %(quarter)s staat klaar. U kunt het hieronder downloaden.")
        % {"quarter": period.label},
        data={"quarter": period.param, "bytes": len(pdf)},
        files=[
            OutputFile(
                name=f"monitoring-kwartaalrapport-{period.param}.pdf",
                content=pdf,
                content_type="application/pdf",
            )
        ],
    )


def _figures_version() -> dict:
    """Changes when the refresh rebuilt the figures (it replaces all rows)."""
    figures = OutcomeFigure.objects.aggregate(last=Max("id"), count=Count("id"))
    estimates = EffectEstimate.objects.aggregate(last=Max("id"), count=Count("id"))
    return {"figures": figures, "estimates": estimates}


def monitoring_quarterly_report_enqueue(*, year: int, quarter: int, started_by):
    """Queue the quarterly report for the steering group. Raises a Dutch ``ApplicationError`` for a
    quarter that does not exist or has not begun. Asked again the same day by someone with the same
    role while the figures are the same: the same job (and file)."""
    today = timezone.localdate()
    dashboard_selectors.report_quarter_parse(year=year, quarter=quarter, today=today)
    params = {"year": year, "quarter": quarter, "today": today.isoformat()}
    return job_enqueue(
        kind="monitoring_quarterly_report",
        started_by=started_by,
        params=params,
        key_inputs={**params, "version": _figures_version()},
    )
