"""The dashboard page of one programme line: its measures, as bars and as trend lines."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from doorleren.fund import selectors as fund_selectors

from ...models import Metric
from .. import outcomes
from ..outcomes import Period
from .charts import bar_chart, trend_chart
from .common import Page, _add_trend
from .filters import Filters, _quarters
from .programme_lines import line_summaries


def programme_line_get(*, number: int):
    for line in fund_selectors.programme_lines():
        if line.number == number:
            return line
    return None


def line_page(
    *,
    line,
    filters: Filters,
    periods: list[Period],
    measure_link: Callable[[int], str] | None = None,
) -> Page:
    page = Page(filters=filters, periods=periods, has_figures=bool(periods), title=str(line))
    page.lines = line_summaries(filters=filters, link_for=measure_link, number=line.number)
    rows = page.lines[0].rows if page.lines else []
    bars = outcomes.figures_by_measures(
        period=filters.period, metric_codes=(filters.metric,), target_group=filters.target_group
    )
    if rows:
        page.charts["maatregelen"] = bar_chart(
            key="maatregelen",
            title=_("%(metric)s per maatregel, %(period)s")
            % {"metric": filters.metric_label, "period": filters.period.label},
            label_header=_("Maatregel"),
            rows=[
                (r.measure.name, bars.get(r.measure.pk, {}).get(filters.metric, outcomes.NONE)) for r in rows
            ],
            metric=filters.metric,
        )
        # One line per measure: who was reached, per quarter (at most six lines).
        quarters = _quarters(periods)
        series = {}
        for row in rows[:6]:
            points = outcomes.trends(
                metric_codes=(Metric.REACHED,),
                periods=quarters,
                measure_id=row.measure.pk,
                target_group=filters.target_group,
            )[Metric.REACHED]
            series[row.measure.name] = points
        _add_trend(
            page,
            trend_chart(key="trend", title=_("Inwoners bereikt per maatregel, per kwartaal"), series=series),
        )
    page.tables += [s.table for s in page.lines]
    page.tables += [c.table for c in page.charts.values()]
    return page
