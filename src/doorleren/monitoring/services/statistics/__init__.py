"""Regional indicators: seed them, import figures from CBS StatLine and CSV, load the demo figures.

Figures are stored per current municipality (or the whole region) and year (``StatValue``). A
figure reported under an old municipality code (Appingedam GM0003 in 2019) is stored under the
current municipality (Eemsdelta) with ``reported_codes`` naming the codes it came from. When several
old municipalities make one current municipality, their figures are combined as the indicator says
(``StatIndicator.aggregation``): counts are added up; percentages and averages get a weighted mean,
weighted with the weight indicator's figures (e.g. inhabitants aged 15-75) for the same old codes
and year from the same import. A combination is only made when every old municipality of that
year is there; otherwise the figure is skipped with the reason in the result, never guessed.
Details and the CSV format: docs/monitoring-statistics.md.

The modules: ``seed`` (the indicators), ``common`` (limits, ``Figure``, ``ImportResult``, storing a
figure), ``mergers`` (old codes and combining their figures), ``cbs_import``, ``csv_import`` and
``demo``. Import from this package.
"""

from .cbs_import import stat_values_import_cbs
from .common import FIRST_YEAR, LAST_YEAR, REGION, Figure, ImportResult, WeightOf
from .csv_import import (
    CSV_COLUMNS,
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    MAX_ERRORS_LISTED,
    parse_dutch_number,
    stat_values_import_csv,
)
from .demo import DEMO_DETAIL, DEMO_FIRST_YEAR, PLAN_FIGURES, stat_values_demo_load
from .seed import stat_indicators_load

__all__ = [
    "CSV_COLUMNS",
    "DEMO_DETAIL",
    "DEMO_FIRST_YEAR",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_CSV_BYTES",
    "MAX_CSV_ROWS",
    "MAX_ERRORS_LISTED",
    "PLAN_FIGURES",
    "REGION",
    "Figure",
    "ImportResult",
    "WeightOf",
    "parse_dutch_number",
    "stat_indicators_load",
    "stat_values_demo_load",
    "stat_values_import_cbs",
    "stat_values_import_csv",
]
