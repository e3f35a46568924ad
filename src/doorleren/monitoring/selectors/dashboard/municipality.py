"""The dashboard page of one municipality: its key figures, trend, measures and regional figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors

from ...models import Metric
from .. import outcomes
from ..outcomes import Period
from .common import Page, _page_with_key_figures
from .filters import TREND_METRICS, Filters
from .indicators import indicator_rows, indicators_table
from .programme_lines import _measures_ordered, measure_rows, measures_table


@dataclass(frozen=True)
class MunicipalityFound:
    municipality: object | None
    redirect_code: str = ""


def municipality_for_page(*, code: str) -> MunicipalityFound:
    """The current municipality with this code; for an old code the code of its successor (to
    redirect to). ``ApplicationError`` (404) for a code we do not know."""
    municipality = region_selectors.municipality_get(code=code)
    if municipality.is_current:
        if municipality.code != code:
            return MunicipalityFound(None, municipality.code)
        return MunicipalityFound(municipality)
    try:
        current = region_selectors.municipality_current_for(municipality=municipality)
    except ApplicationError as error:
        raise ApplicationError(error.message, code=error.code, status=404) from error
    return MunicipalityFound(None, current.code)


def municipality_page(
    *,
    municipality,
    filters: Filters,
    periods: list[Period],
    measure_link: Callable[[int], str] | None = None,
) -> Page:
    page = _page_with_key_figures(
        filters=filters,
        periods=periods,
        title=municipality.name,
        caption=_("Kerncijfers van %(name)s, %(period)s, %(group)s")
        % {
            "name": municipality.name,
            "period": filters.period.label,
            "group": filters.target_group_label,
        },
        trend_title=_("Inwoners bereikt en aan het werk gegaan in %(name)s, per kwartaal")
        % {"name": municipality.name},
        trend_metrics=TREND_METRICS,
        municipality_id=municipality.pk,
    )
    measures = _measures_ordered(municipalities=municipality)
    with_figures = outcomes.figures_by_measures(
        period=filters.period,
        metric_codes=(Metric.REACHED,),
        municipality_id=municipality.pk,
        target_group=filters.target_group,
    )
    listed = {m.pk for m in measures}
    if with_figures.keys() - listed:
        measures += _measures_ordered(pk__in=with_figures.keys() - listed)
    rows = measure_rows(measures=measures, filters=filters, municipality_id=municipality.pk)
    page.extra["measures"] = rows
    page.tables.append(
        measures_table(
            key="maatregelen",
            caption=_("Maatregelen in %(name)s, %(period)s")
            % {"name": municipality.name, "period": filters.period.label},
            rows=rows,
            link_for=measure_link,
        )
    )
    page.indicators = indicator_rows(municipality_id=municipality.pk, main_only=False)
    page.tables += [c.table for c in page.charts.values()]
    page.tables.append(
        indicators_table(
            key="indicatoren",
            caption=_("Regionale cijfers van %(name)s") % {"name": municipality.name},
            rows=page.indicators,
        )
    )
    return page
