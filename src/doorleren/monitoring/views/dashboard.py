"""Dashboard pages of the programme office under /monitoring/ (docs/monitoring-dashboard.md).

For the programme office and administrators (others 403, logged out to the login page). Every
filter is a plain GET form: ``?periode=2026|2026-K3|alle``, ``?doelgroep=worker|job_seeker|student``,
``?cijfer=<metric>`` (the bars and the tile grid). A value we do not know gives a Dutch page with
status 400. ``?download=csv|xlsx`` gives the page's tables as a file. The quarterly report for the
steering group is a PDF at ``rapport/<year>-K<quarter>.pdf``. The pages only read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorleren.accounts.selectors import has_role
from doorleren.core.errors import ApplicationError

from .. import charts, exports
from .. import tasks as monitoring_tasks
from ..selectors import dashboard as selectors
from ..selectors import outcomes

DASHBOARD_ROLES = ("programme_office", "administrator")
DOWNLOADS = ("csv", "xlsx")


def _require_role(user) -> None:
    if not any(has_role(user=user, role=role) for role in DASHBOARD_ROLES):
        raise PermissionDenied(_("Alleen het programmabureau en beheerders zien de monitoring."))


def _reverse_or_empty(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def measure_link(pk: int) -> str:
    """The measure's own page (helper PROGRAMME) when it exists, else its dashboard page."""
    return _reverse_or_empty("monitoring:measure_detail", pk=pk) or reverse(
        "monitoring:dashboard_measure", kwargs={"pk": pk}
    )


def municipality_link(code: str) -> str:
    return reverse("monitoring:dashboard_municipality", kwargs={"code": code})


def _filters(request):
    return selectors.filters_parse(
        period=request.GET.get("periode"),
        target_group=request.GET.get("doelgroep"),
        metric=request.GET.get("cijfer"),
    )


def _error_page(request, error: ApplicationError, *, title: str):
    return render(
        request,
        "monitoring/dashboard/error.html",
        {"title": title, "error": error.message, "back": reverse("monitoring:dashboard")},
        status=error.status,
    )


def _not_found(request, message: str):
    return _error_page(
        request, ApplicationError(message, code="not_found", status=404), title=_("Niet gevonden")
    )


def _rendered_charts(page: selectors.Page) -> dict:
    """Per chart: the chart, its inline SVG (cached in ``charts``) and the id of its text."""
    result = {}
    for key, chart in page.charts.items():
        text_id = f"grafiek-{key}-tekst"
        result[key] = {
            "chart": chart,
            "svg": mark_safe(charts.chart_svg(chart.spec, described_by=text_id)),  # noqa: S308 - our own SVG
            "text_id": text_id,
        }
    return result


def _filters_text(filters: selectors.Filters) -> str:
    return _("Periode: %(period)s. Doelgroep: %(group)s. Cijfer voor staven en kaart: %(metric)s.") % {
        "period": filters.period.label,
        "group": filters.target_group_label,
        "metric": filters.metric_label,
    }


def _download(request, page: selectors.Page, *, name: str):
    kind = request.GET.get("download")
    if kind is None:
        return None
    if kind not in DOWNLOADS:
        raise ApplicationError(
            _("Kies csv of xlsx om te downloaden."), code="monitoring_download_invalid", status=400
        )
    title = _("Monitoring: %(title)s") % {"title": page.title}
    filename = f"monitoring-{name}-{page.filters.period.param}.{kind}"
    if kind == "csv":
        body = exports.tables_csv(page.tables, title=title, filters_text=_filters_text(page.filters))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        body = exports.tables_xlsx(page.tables, title=title, filters_text=_filters_text(page.filters))
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _context(request, page: selectors.Page, **extra) -> dict:
    return {
        "page": page,
        "filters": page.filters,
        "rendered": _rendered_charts(page),
        "metric_choices": selectors.bar_metric_choices(),
        "group_choices": selectors.target_group_choices(),
        "small_cell": outcomes.SMALL_CELL,
        "query": page.filters.query(),
        "report_quarters": [
            {
                "label": p.label,
                "param": p.param,
                "url": reverse(
                    "monitoring:quarterly_report",
                    kwargs={"year": p.start.year, "quarter": (p.start.month - 1) // 3 + 1},
                ),
            }
            for p in page.quarters[:4]
        ],
        "action": request.path,
        **extra,
    }


def _page_response(
    request,
    build: Callable[..., selectors.Page],
    *,
    name: str,
    title: str,
    template: str,
    **extra,
):
    """The page ``build(filters=..., periods=...)`` makes from the filters in the request: rendered
    with ``template`` (and ``extra`` in its context), or as a download; a Dutch error page for bad
    input (``title`` its title)."""
    try:
        filters, periods = _filters(request)
        page = build(filters=filters, periods=periods)
        download = _download(request, page, name=name)
    except ApplicationError as error:
        return _error_page(request, error, title=title)
    if download is not None:
        return download
    return render(request, template, _context(request, page, **extra))


@login_required
@require_GET
def dashboard(request):
    """The whole region: key figures, trend, bars and tiles per municipality, measures per line."""
    _require_role(request.user)
    return _page_response(
        request,
        partial(selectors.overview, measure_link=measure_link, municipality_link=municipality_link),
        name="regio",
        title=_("Monitoring"),
        template="monitoring/dashboard/overview.html",
    )


@login_required
@require_GET
def dashboard_line(request, number: int):
    _require_role(request.user)
    line = selectors.programme_line_get(number=number)
    if line is None:
        return _not_found(request, _("Deze programmalijn bestaat niet. Kies een lijn op de monitoring."))
    return _page_response(
        request,
        partial(selectors.line_page, line=line, measure_link=measure_link),
        name=f"lijn-{line.number}",
        title=str(line),
        template="monitoring/dashboard/line.html",
        line=line,
    )


@login_required
@require_GET
def dashboard_measure(request, pk: int):
    _require_role(request.user)
    measure = selectors.measure_get(pk=pk)
    if measure is None:
        return _not_found(request, _("Deze maatregel bestaat niet. Kies een maatregel op de monitoring."))
    return _page_response(
        request,
        partial(selectors.measure_page, measure=measure, municipality_link=municipality_link),
        name=f"maatregel-{measure.code}",
        title=measure.name,
        template="monitoring/dashboard/measure.html",
        measure=measure,
        effect_url=_reverse_or_empty("monitoring:measure_effect", pk=measure.pk),
        detail_url=_reverse_or_empty("monitoring:measure_detail", pk=measure.pk),
        line_url=reverse("monitoring:dashboard_line", kwargs={"number": measure.programme_line.number}),
    )


@login_required
@require_GET
def dashboard_municipality(request, code: str):
    _require_role(request.user)
    try:
        found = selectors.municipality_for_page(code=code[:20])
    except ApplicationError as error:
        return _not_found(request, error.message)
    if found.redirect_code:
        target = reverse("monitoring:dashboard_municipality", kwargs={"code": found.redirect_code})
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{target}?{query}" if query else target)
    municipality = found.municipality
    return _page_response(
        request,
        partial(selectors.municipality_page, municipality=municipality, measure_link=measure_link),
        name=f"gemeente-{municipality.code}",
        title=municipality.name,
        template="monitoring/dashboard/municipality.html",
        municipality=municipality,
    )


@login_required
@require_GET
def quarterly_report(request, year: int, quarter: int):
    """The quarterly report for the steering group as a PDF."""
    _require_role(request.user)
    try:
        period = selectors.report_quarter_parse(year=year, quarter=quarter)
    except ApplicationError as error:
        return _error_page(request, error, title=_("Kwartaalrapport"))
    report = selectors.quarterly_report(quarter=period)
    response = HttpResponse(exports.quarterly_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="monitoring-kwartaalrapport-{period.param}.pdf"'
    return response


@login_required
@require_POST
def quarterly_report_job(request):
    """Make the quarterly report in the background (form field ``kwartaal=2026-K3``); the PDF is then
    on the job's page, for the requester and others with the same role (docs/tasks.md)."""
    _require_role(request.user)
    match = re.fullmatch(r"(\d{4})-K([1-4])", request.POST.get("kwartaal", "").strip())
    try:
        if match is None:
            raise ApplicationError(
                _(
                    "Dit kwartaal bestaat niet. Kies een jaar en een kwartaal van 1 tot en met 4, zoals 2026-K3."
                ),
                code="monitoring_quarter_invalid",
            )
        job = monitoring_tasks.monitoring_quarterly_report_enqueue(
            year=int(match.group(1)), quarter=int(match.group(2)), started_by=request.user
        )
    except ApplicationError as error:
        return _error_page(request, error, title=_("Kwartaalrapport"))
    return redirect("tasks:detail", pk=job.pk)
