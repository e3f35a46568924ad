"""The charts of the dashboard: a ``ChartSpec`` for ``monitoring.charts``, a text alternative written
from the data, and the same figures as a table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ...charts import ChartSpec
from ...models import Metric
from .. import outcomes
from ..outcomes import SMALL_CELL, Figure, Period
from .tables import Table, figure_cell, text_cell


@dataclass
class Chart:
    spec: ChartSpec
    caption: str
    text: str  # the text alternative, written from the data
    table: Table

    @property
    def key(self) -> str:
        return self.spec.key


def _value(figure: Figure, money: bool) -> float | None:
    if not figure.shown or figure.value is None:
        return None
    return figure.value / 100 if money else float(figure.value)


def _suppressed(figure: Figure) -> bool:
    return figure.state in ("small", "hidden")


def _gap_text(figure: Figure) -> str:
    return figure.text() if _suppressed(figure) else ""


def trend_chart(
    *,
    key: str,
    title: str,
    series: dict[str, list[tuple[Period, Figure]]],
) -> Chart | None:
    """A line chart of one or more metrics (or measures) per quarter, with its table and text."""
    named = [(name, points) for name, points in series.items() if points]
    if not named:
        return None
    periods = [p for p, _f in named[0][1]]
    labels = tuple(p.short_label for p in periods)
    spec = ChartSpec(
        key=key,
        kind="line",
        title=title,
        labels=labels,
        series=tuple((name, tuple(_value(f, False) for _p, f in points)) for name, points in named),
        value_label=_("aantal"),
    )
    sentences = []
    for name, points in named:
        shown = [(p, f) for p, f in points if f.shown]
        if not shown:
            sentences.append(_("%(name)s: er zijn geen cijfers die wij mogen tonen.") % {"name": name})
            continue
        (first_p, first_f), (last_p, last_f) = shown[0], shown[-1]
        high_p, high_f = max(shown, key=lambda pf: pf[1].value)
        sentence = _(
            "%(name)s: van %(first)s in %(first_period)s naar %(last)s in %(last_period)s. "
            "Het hoogste was %(high)s in %(high_period)s."
        ) % {
            "name": name,
            "first": first_f.text(),
            "first_period": first_p.short_label,
            "last": last_f.text(),
            "last_period": last_p.short_label,
            "high": high_f.text(),
            "high_period": high_p.short_label,
        }
        hidden = sum(1 for _p, f in points if _suppressed(f))
        if hidden:
            sentence += " " + _(
                "%(n)s kwartalen zijn niet getoond, omdat het om minder dan %(small)s personen gaat."
            ) % {"n": hidden, "small": SMALL_CELL}
        sentences.append(sentence)
    table = Table(
        key=key,
        caption=title,
        header=[_("Kwartaal"), *[name for name, _p in named]],
        rows=[
            [text_cell(period.short_label), *[figure_cell(points[i][1]) for _n, points in named]]
            for i, period in enumerate(periods)
        ],
    )
    return Chart(spec=spec, caption=title, text=" ".join(sentences), table=table)


def _metrics_trend_chart(
    *, key: str, title: str, series: dict[str, list[tuple[Period, Figure]]], metrics: tuple[str, ...]
) -> Chart | None:
    """``trend_chart`` of ``metrics`` from ``outcomes.trends``, each line named by its metric."""
    return trend_chart(key=key, title=title, series={str(Metric(m).label): series[m] for m in metrics})


def bar_chart(
    *,
    key: str,
    title: str,
    label_header: str,
    rows: list[tuple[str, Figure]],
    metric: str,
    total: tuple[str, Figure] | None = None,
) -> Chart:
    """Horizontal bars of one metric, with its table (and total row) and text."""
    money = metric in outcomes.MONEY_METRICS
    metric_label = str(Metric(metric).label)
    spec = ChartSpec(
        key=key,
        kind="bars",
        title=title,
        labels=tuple(name for name, _f in rows),
        series=((metric_label, tuple(_value(f, money) for _n, f in rows)),),
        gap_texts=tuple(_gap_text(f) for _n, f in rows),
        value_label=metric_label + (" (euro)" if money else ""),
        money=money,
    )
    shown = [(name, f) for name, f in rows if f.shown]
    if shown:
        high = max(shown, key=lambda nf: nf[1].value)
        low = min(shown, key=lambda nf: nf[1].value)
        text = _(
            "Het hoogste cijfer heeft %(high)s (%(high_value)s), het laagste %(low)s (%(low_value)s)."
        ) % {
            "high": high[0],
            "high_value": high[1].text(money=money),
            "low": low[0],
            "low_value": low[1].text(money=money),
        }
    else:
        text = _("Er zijn hier geen cijfers die wij mogen tonen.")
    hidden = sum(1 for _n, f in rows if _suppressed(f))
    if hidden:
        text += " " + _(
            "%(n)s niet getoond: het gaat om minder dan %(small)s personen, of het kleine aantal is anders "
            "uit te rekenen."
        ) % {"n": hidden, "small": SMALL_CELL}
    table_rows = [[text_cell(name), figure_cell(f, money=money)] for name, f in rows]
    if total is not None:
        table_rows.append([text_cell(total[0]), figure_cell(total[1], money=money)])
    table = Table(
        key=key,
        caption=title,
        header=[label_header, metric_label + (" (euro)" if money else "")],
        rows=table_rows,
    )
    return Chart(spec=spec, caption=title, text=text, table=table)
