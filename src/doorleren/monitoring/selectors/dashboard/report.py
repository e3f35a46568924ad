"""The quarterly report for the steering group (made into a PDF by ``monitoring.exports``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ...models import EffectEstimate, Measure, PeriodKind
from .. import outcomes
from ..outcomes import Period
from .charts import Chart, _metrics_trend_chart
from .common import _municipality_chart, _municipality_rows
from .filters import TREND_METRICS, Filters, _quarters, periods_cached
from .indicators import IndicatorRow, indicator_rows
from .programme_lines import LineSummary, line_summaries


@dataclass
class QuarterlyReport:
    quarter: Period
    year: Period
    year_label: str
    has_figures: bool
    quarter_figures: dict
    year_figures: dict
    lines: list[LineSummary]
    effects: list[tuple[Measure, EffectEstimate]]
    indicators: list[IndicatorRow]
    charts: list[Chart]
    made_on: dt.date


def report_quarter_parse(*, year: int, quarter: int, today: dt.date | None = None) -> Period:
    """The quarter of the report; a Dutch ``ApplicationError`` (404) for one that does not exist or
    has not started yet."""
    today = today or timezone.localdate()
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise ApplicationError(
            _("Dit kwartaal bestaat niet. Kies een jaar en een kwartaal van 1 tot en met 4, zoals 2026-K3."),
            code="monitoring_quarter_invalid",
            status=404,
        )
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    if start > today:
        raise ApplicationError(
            _("Dit kwartaal is nog niet begonnen. Er is nog geen rapport."),
            code="monitoring_quarter_future",
            status=404,
        )
    return Period(PeriodKind.QUARTER, start)


def quarterly_report(*, quarter: Period, today: dt.date | None = None) -> QuarterlyReport:
    today = today or timezone.localdate()
    year = Period(PeriodKind.YEAR, dt.date(quarter.start.year, 1, 1))
    year_label = (
        _("%(year)s tot nu toe") % {"year": year.start.year}
        if year.start.year == today.year
        else _("heel %(year)s") % {"year": year.start.year}
    )
    periods = periods_cached()
    lines = line_summaries(filters=Filters(year))
    estimates = {e.measure_id: e for e in EffectEstimate.objects.select_related("measure")}
    effects = [
        (row.measure, estimates[row.measure.pk])
        for summary in lines
        for row in summary.rows
        if row.measure.pk in estimates
    ]
    up_to = [p for p in _quarters(periods) if p.start <= quarter.start]
    series = outcomes.trends(metric_codes=TREND_METRICS, periods=up_to)
    charts = []
    trend = _metrics_trend_chart(
        key="rapport-trend",
        title=_("Inwoners bereikt en aan het werk gegaan, per kwartaal"),
        series=series,
        metrics=TREND_METRICS,
    )
    if trend:
        charts.append(trend)
    rows, total = _municipality_rows(Filters(year))
    charts.append(_municipality_chart("rapport-gemeenten", Filters(year), rows, total, ""))
    quarter_figures = outcomes.figures_for(period=quarter)
    return QuarterlyReport(
        quarter=quarter,
        year=year,
        year_label=year_label,
        has_figures=any(p == quarter for p in periods),
        quarter_figures=quarter_figures,
        year_figures=outcomes.figures_for(period=year),
        lines=lines,
        effects=effects,
        indicators=indicator_rows(),
        charts=charts,
        made_on=today,
    )
