"""The dashboard page of one measure: its key figures, trend, municipalities and target groups."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from ...models import EffectEstimate, Measure
from .. import outcomes
from ..outcomes import Period
from .charts import bar_chart
from .common import Page, _add_municipality_bars_and_tiles, _page_with_key_figures
from .filters import MEASURE_TREND_METRICS, Filters
from .programme_lines import _judgements


def measure_get(*, pk: int) -> Measure | None:
    return Measure.objects.select_related("programme_line").filter(pk=pk).first()


def measure_page(
    *,
    measure: Measure,
    filters: Filters,
    periods: list[Period],
    municipality_link: Callable[[str], str] | None = None,
) -> Page:
    page = _page_with_key_figures(
        filters=filters,
        periods=periods,
        title=measure.name,
        caption=_("Kerncijfers van %(measure)s, %(period)s, %(group)s")
        % {"measure": measure.name, "period": filters.period.label, "group": filters.target_group_label},
        trend_title=_("Deelnemers en wie binnen 12 maanden werk vond, per kwartaal van de start"),
        trend_metrics=MEASURE_TREND_METRICS,
        measure_id=measure.pk,
    )
    _add_municipality_bars_and_tiles(
        page, where=_(" (deze maatregel)"), measure_id=measure.pk, link_for=municipality_link
    )
    groups, group_total = outcomes.figures_by_target_group(
        period=filters.period, metric=filters.metric, measure_id=measure.pk
    )
    page.charts["doelgroepen"] = bar_chart(
        key="doelgroepen",
        title=_("%(metric)s per doelgroep, %(period)s")
        % {"metric": filters.metric_label, "period": filters.period.label},
        label_header=_("Doelgroep"),
        rows=[(label, f) for _code, label, f in groups],
        metric=filters.metric,
        total=(_("Alle doelgroepen"), group_total),
    )
    page.extra["effect"] = EffectEstimate.objects.filter(measure=measure).first()
    page.extra["judgement"] = _judgements([measure.pk]).get(measure.pk, "")
    page.tables += [c.table for c in page.charts.values()]
    return page
