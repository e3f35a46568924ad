"""Reads for the monitoring dashboard of the programme office (docs/monitoring-dashboard.md).

Every outcome figure comes from ``selectors.outcomes`` (small-cell rule applied there); this package
puts them together per page: key figures, charts (``ChartSpec`` for ``monitoring.charts`` plus a text
alternative and a data table), the tile grid of the municipalities, the measures per programme line
with their effect verdict, and the regional indicators. A page's ``tables`` are also its downloads.

Only materialised figures are read (``OutcomeFigure``, ``EffectEstimate``); a page costs a fixed,
small number of queries whatever the number of residents. The list of periods is cached under
``outcomes.figures_version()``.

The modules: ``filters`` (filters and periods), ``tables``, ``charts``, ``figures`` (key figures),
``tile_grid``, ``programme_lines`` (measures per line), ``indicators`` (regional indicators),
``common`` (``Page`` and the parts pages share), one module per page (``main``, ``line``,
``measure``, ``municipality``) and ``report`` (the quarterly report). Import from this package.
"""

from .charts import Chart, bar_chart, trend_chart
from .common import Page
from .figures import KeyFigure, key_figures, key_figures_table
from .filters import (
    BAR_METRICS,
    MEASURE_METRICS,
    MEASURE_TREND_METRICS,
    PERIODS_CACHE_SECONDS,
    TREND_METRICS,
    Filters,
    bar_metric_choices,
    filters_parse,
    periods_cached,
    target_group_choices,
)
from .indicators import IndicatorRow, indicator_rows, indicators_table, stat_text
from .line import line_page, programme_line_get
from .main import overview
from .measure import measure_get, measure_page
from .municipality import MunicipalityFound, municipality_for_page, municipality_page
from .programme_lines import LineSummary, MeasureRow, line_summaries, measure_rows, measures_table
from .report import QuarterlyReport, quarterly_report, report_quarter_parse
from .tables import Cell, Table, figure_cell, rate_cell, text_cell
from .tile_grid import TILE_BANDS, TILE_NOTES, TILE_PLACES, Tile, tiles

__all__ = [
    "BAR_METRICS",
    "MEASURE_METRICS",
    "MEASURE_TREND_METRICS",
    "PERIODS_CACHE_SECONDS",
    "TILE_BANDS",
    "TILE_NOTES",
    "TILE_PLACES",
    "TREND_METRICS",
    "Cell",
    "Chart",
    "Filters",
    "IndicatorRow",
    "KeyFigure",
    "LineSummary",
    "MeasureRow",
    "MunicipalityFound",
    "Page",
    "QuarterlyReport",
    "Table",
    "Tile",
    "bar_chart",
    "bar_metric_choices",
    "figure_cell",
    "filters_parse",
    "indicator_rows",
    "indicators_table",
    "key_figures",
    "key_figures_table",
    "line_page",
    "line_summaries",
    "measure_get",
    "measure_page",
    "measure_rows",
    "measures_table",
    "municipality_for_page",
    "municipality_page",
    "overview",
    "periods_cached",
    "programme_line_get",
    "quarterly_report",
    "rate_cell",
    "report_quarter_parse",
    "stat_text",
    "target_group_choices",
    "text_cell",
    "tiles",
    "trend_chart",
]
