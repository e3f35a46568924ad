"""The main dashboard page: the whole region."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from ..outcomes import Period
from .common import Page, _add_municipality_bars_and_tiles, _page_with_key_figures
from .filters import TREND_METRICS, Filters
from .indicators import indicator_rows, indicators_table
from .programme_lines import line_summaries


def overview(
    *,
    filters: Filters,
    periods: list[Period],
    measure_link: Callable[[int], str] | None = None,
    municipality_link: Callable[[str], str] | None = None,
) -> Page:
    """The main page: the whole region."""
    page = _page_with_key_figures(
        filters=filters,
        periods=periods,
        title=_("de hele regio"),
        caption=_("Kerncijfers van de regio, %(period)s, %(group)s")
        % {"period": filters.period.label, "group": filters.target_group_label},
        trend_title=_("Inwoners bereikt en aan het werk gegaan, per kwartaal"),
        trend_metrics=TREND_METRICS,
    )
    _add_municipality_bars_and_tiles(page, where="", link_for=municipality_link)
    page.lines = line_summaries(filters=filters, link_for=measure_link)
    page.indicators = indicator_rows()
    page.tables += [c.table for c in page.charts.values()]
    page.tables += [s.table for s in page.lines]
    page.tables.append(
        indicators_table(
            key="indicatoren", caption=_("Hoofddoelen van het regionale plan"), rows=page.indicators
        )
    )
    return page
