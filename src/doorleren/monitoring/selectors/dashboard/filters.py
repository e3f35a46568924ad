"""The filters of a dashboard page (period, target group, metric) and the periods that have figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ...models import Metric, PeriodKind, TargetGroup
from .. import outcomes
from ..outcomes import Period

# The metrics of the trend lines.
TREND_METRICS = (Metric.REACHED, Metric.WORK_STARTED)
MEASURE_TREND_METRICS = (Metric.REACHED, Metric.WORK_12M)
# The columns of a measure row: reached, in work within 12 months (and its cohort), money.
MEASURE_METRICS = (Metric.REACHED, Metric.COHORT_12M, Metric.WORK_12M, Metric.SPENT_CENTS)
# Metrics that can be chosen for the bars and the tile grid.
BAR_METRICS = (
    Metric.REACHED,
    Metric.ROUTES_STARTED,
    Metric.ROUTES_COMPLETED,
    Metric.COMPETENCIES_GAINED,
    Metric.WORK_6M,
    Metric.WORK_12M,
    Metric.WORK_STARTED,
    Metric.SPENT_CENTS,
)
PERIODS_CACHE_SECONDS = 10 * 60


@dataclass(frozen=True)
class Filters:
    period: Period
    target_group: str = ""
    metric: str = Metric.REACHED

    def query(self, **change: str) -> str:
        """The filters as a query string (for links and downloads)."""
        from urllib.parse import urlencode

        values = {"periode": self.period.param, "doelgroep": self.target_group, "cijfer": self.metric}
        values.update(change)
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def target_group_label(self) -> str:
        return str(TargetGroup(self.target_group).label) if self.target_group else _("iedereen")

    @property
    def metric_label(self) -> str:
        return str(Metric(self.metric).label)

    @property
    def money(self) -> bool:
        return self.metric in outcomes.MONEY_METRICS


def periods_cached() -> list[Period]:
    """``outcomes.periods_available()``, cached until the figures are refreshed."""
    key = f"monitoring:dashboard:periods:{outcomes.figures_version()}"
    found = cache.get(key)
    if found is None:
        found = [(p.kind, p.start.isoformat()) for p in outcomes.periods_available()]
        cache.set(key, found, PERIODS_CACHE_SECONDS)
    return [Period(kind, dt.date.fromisoformat(start)) for kind, start in found]


def _quarters(periods: list[Period]) -> list[Period]:
    return [p for p in periods if p.kind == PeriodKind.QUARTER]


def _default_period(periods: list[Period]) -> Period:
    """As ``outcomes.period_default`` (the last full year with figures), from the cached list."""
    years = sorted(p.start for p in periods if p.kind == PeriodKind.YEAR)
    if not years:
        return outcomes.ALL_YEARS
    full = [y for y in years if y.year < timezone.localdate().year]
    return Period(PeriodKind.YEAR, (full or years)[-1])


def filters_parse(
    *, period: str | None, target_group: str | None = None, metric: str | None = None
) -> tuple[Filters, list[Period]]:
    """The filters from the query string, and the periods that have figures. Bad input: a Dutch
    ``ApplicationError`` with status 400."""
    periods = periods_cached()
    chosen = outcomes.period_parse(period) if period else _default_period(periods)
    group = outcomes.target_group_parse(target_group)
    code = outcomes.metric_parse(metric)
    if code not in BAR_METRICS:
        raise ApplicationError(
            _("Voor de staven en de kaart kunt u dit cijfer niet kiezen. Kies een ander cijfer."),
            code="monitoring_metric_invalid",
            status=400,
        )
    return Filters(chosen, group, code), periods


def bar_metric_choices() -> list[tuple[str, str]]:
    return [(code, label) for code, label, _money in outcomes.metrics() if code in BAR_METRICS]


def target_group_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in TargetGroup.choices]
