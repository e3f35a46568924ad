"""The money report (``/budgetten/rapport/``) and its CSV download (``/budgetten/rapport.csv``).

For coaches, the programme office and administrators (``LEDGER_ROLES``; others 403, logged out to the
login page). ``?per=funder|programme_line|municipality|target_group`` (default ``funder``); another
value gives a Dutch message and status 400, never a 500. Figures and the small-cell rule:
``selectors.money_report`` and docs/budgets.md, "Rapporten". The pages only read.

CSV for Excel in Dutch, as ``/regionaal-beeld.csv`` (docs/regional-picture.md): UTF-8 with a byte
order mark, ``;`` between fields, CRLF, amounts in euros with a decimal comma and no thousands
separator, text that looks like a formula gets a leading ``'``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorleren.accounts.selectors import has_role
from doorleren.core.errors import ApplicationError
from doorleren.core.excel_csv import csv_euro, csv_text, excel_csv_response

from . import selectors
from .views import LEDGER_ROLES

PARAM = "per"


def _require_report_role(user) -> None:
    if not any(has_role(user=user, role=role) for role in LEDGER_ROLES):
        raise PermissionDenied(_("Alleen coaches, het programmabureau en beheerders zien dit rapport."))


def _report(request) -> selectors.MoneyReport:
    """The report for ``?per=``; ``ApplicationError`` for a value we do not know."""
    return selectors.money_report(by=request.GET.get(PARAM, selectors.FUNDER), today=timezone.localdate())


@login_required
@require_GET
def report(request):
    """Geld per financier, programmalijn, gemeente of doelgroep, and whether the ledger adds up."""
    _require_report_role(request.user)
    context = {
        "kinds": selectors.REPORT_KINDS,
        "selected": selectors.FUNDER,
        "report": None,
        "error": "",
        "small_cell": selectors.SMALL_CELL,
    }
    status = 200
    try:
        data = _report(request)
    except ApplicationError as error:
        context["error"], status = error.message, error.status
    else:
        context.update(report=data, selected=data.by, reconciliation=selectors.ledger_reconciliation())
    return render(request, "budgets/report.html", context, status=status)


def report_csv_header(data: selectors.MoneyReport) -> list[str]:
    header = [
        data.by_label.capitalize(),
        _("Inwoners met een budget"),
        _("Toegekend aan inwoners (euro)"),
        _("Uitgegeven (euro)"),
        _("Gereserveerd (euro)"),
        _("Vrijgegeven (euro)"),
        _("Nog te besteden (euro)"),
        _("Verlopen (euro)"),
    ]
    if data.by == selectors.FUNDER:
        header += [
            _("Soort financier"),
            _("Geld erin (euro)"),
            _("Nog in de pot (euro)"),
            _("Rechtstreeks aan organisaties betaald (euro)"),
        ]
    if data.by == selectors.PROGRAMME_LINE:
        header += [_("Regionaal fonds toegekend (euro)"), _("Regionaal fonds betaald (euro)")]
    return [*header, _("Opmerking")]


def _count_text(row: selectors.ReportRow, small_cell: int) -> str:
    if row.state == selectors.SHOWN:
        return str(row.residents.value)
    return f"<{small_cell}" if row.state == selectors.SMALL else "verborgen"


def _note(row: selectors.ReportRow, small_cell: int) -> str:
    if row.state == selectors.SMALL:
        return _("Minder dan %(n)d inwoners: bedragen niet getoond.") % {"n": small_cell}
    if row.state == selectors.HIDDEN:
        return _("Niet getoond: anders is een kleine groep uit te rekenen.")
    return ""


def report_csv_rows(data: selectors.MoneyReport) -> list[list[str]]:
    """The rows and the total as CSV cells, exactly as the page shows them."""
    lines = []
    for row in [*data.rows, data.total]:
        line = [
            csv_text(row.label),
            _count_text(row, data.small_cell),
            csv_euro(row.granted_cents),
            csv_euro(row.spent_cents),
            csv_euro(row.committed_cents),
            csv_euro(row.released_cents),
            csv_euro(row.remaining_cents),
            csv_euro(row.expired_cents),
        ]
        if data.by == selectors.FUNDER:
            line += [
                csv_text(row.kind_label),
                csv_euro(row.funded_cents),
                csv_euro(row.pool_cents),
                csv_euro(row.paid_direct_cents),
            ]
        if data.by == selectors.PROGRAMME_LINE:
            line += [csv_euro(row.fund_granted_cents), csv_euro(row.fund_paid_cents)]
        lines.append([*line, _note(row, data.small_cell)])
    return lines


@login_required
@require_GET
def report_csv(request):
    """The report's table as a CSV file for Excel, with the same ``?per=``."""
    _require_report_role(request.user)
    try:
        data = _report(request)
    except ApplicationError as error:
        return HttpResponse(error.message, status=error.status, content_type="text/plain; charset=utf-8")
    return excel_csv_response(
        [report_csv_header(data), *report_csv_rows(data)],
        filename=f"geldrapport-{data.by}-{data.today.isoformat()}.csv",
    )
