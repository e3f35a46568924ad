"""What every dashboard page is made of (``Page``), and the parts several pages share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .. import outcomes
from ..outcomes import Figure, Period
from .charts import Chart, _metrics_trend_chart, bar_chart
from .figures import KeyFigure, key_figures, key_figures_table
from .filters import Filters, _quarters
from .indicators import IndicatorRow
from .programme_lines import LineSummary
from .tables import Table
from .tile_grid import Tile, tiles


@dataclass
class Page:
    """What a dashboard page shows; ``tables`` are also the CSV/XLSX downloads."""

    filters: Filters
    periods: list[Period]
    has_figures: bool
    title: str
    key_figures: list[KeyFigure] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)
    tiles: list[Tile] = field(default_factory=list)
    lines: list[LineSummary] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def quarters(self) -> list[Period]:
        return _quarters(self.periods)

    @property
    def demo_values(self) -> bool:
        return any(row.is_demo for row in self.indicators)


def _add_trend(page: Page, trend: Chart | None) -> None:
    if trend:
        page.charts["trend"] = trend


def _page_with_key_figures(
    *,
    filters: Filters,
    periods: list[Period],
    title: str,
    caption: str,
    trend_title: str,
    trend_metrics: tuple[str, ...],
    measure_id: int | None = None,
    municipality_id: int | None = None,
) -> Page:
    """A page with the key figures of one cell (all measures or one, the region or one
    municipality), as figures and as the table ``kerncijfers``, and their trend per quarter."""
    page = Page(filters=filters, periods=periods, has_figures=bool(periods), title=title)
    figures = outcomes.figures_for(
        period=filters.period,
        measure_id=measure_id,
        municipality_id=municipality_id,
        target_group=filters.target_group,
    )
    page.key_figures = key_figures(figures)
    page.tables.append(key_figures_table(key="kerncijfers", caption=caption, figures=figures))
    series = outcomes.trends(
        metric_codes=trend_metrics,
        periods=_quarters(periods),
        measure_id=measure_id,
        municipality_id=municipality_id,
        target_group=filters.target_group,
    )
    _add_trend(
        page, _metrics_trend_chart(key="trend", title=trend_title, series=series, metrics=trend_metrics)
    )
    return page


def _municipality_rows(
    filters: Filters, measure_id: int | None = None
) -> tuple[list[tuple[outcomes.MunicipalityRef, Figure]], Figure]:
    return outcomes.figures_by_municipality(
        period=filters.period, metric=filters.metric, measure_id=measure_id, target_group=filters.target_group
    )


def _municipality_chart(key: str, filters: Filters, rows, total, where: str) -> Chart:
    return bar_chart(
        key=key,
        title=_("%(metric)s per gemeente%(where)s, %(period)s")
        % {"metric": filters.metric_label, "where": where, "period": filters.period.label},
        label_header=_("Gemeente"),
        rows=[(ref.name, f) for ref, f in rows],
        metric=filters.metric,
        total=(_("Hele regio"), total),
    )


def _add_municipality_bars_and_tiles(
    page: Page,
    *,
    where: str,
    measure_id: int | None = None,
    link_for: Callable[[str], str] | None = None,
) -> None:
    """The chosen metric per municipality: the bars (chart ``gemeenten``) and the tile grid."""
    rows, total = _municipality_rows(page.filters, measure_id=measure_id)
    page.charts["gemeenten"] = _municipality_chart("gemeenten", page.filters, rows, total, where)
    page.tiles = tiles(rows=rows, money=page.filters.money, link_for=link_for)
