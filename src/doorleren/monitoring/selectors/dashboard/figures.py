"""The key figures of a page: the main metrics of one cell, as figures and as a table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ...models import Metric
from .. import outcomes
from .tables import Table, figure_cell, rate_cell, text_cell


@dataclass(frozen=True)
class KeyFigure:
    code: str
    label: str
    text: str
    note: str = ""
    state: str = "shown"


def key_figures(figures: dict) -> list[KeyFigure]:
    """The main metrics of one cell, with the share in work after 6 and 12 months."""
    result = []
    for metric in outcomes.MAIN_METRICS:
        figure = figures[metric]
        note = ""
        if metric == Metric.WORK_6M:
            note = _("%(rate)s van de deelnemers die al 6 maanden meedoen") % {
                "rate": figures["work_rate_6m"].text()
            }
        elif metric == Metric.WORK_12M:
            note = _("%(rate)s van de deelnemers die al 12 maanden meedoen") % {
                "rate": figures["work_rate_12m"].text()
            }
        result.append(
            KeyFigure(
                code=metric,
                label=str(Metric(metric).label),
                text=figure.text(money=metric in outcomes.MONEY_METRICS),
                note=note,
                state=figure.state,
            )
        )
    return result


def key_figures_table(*, key: str, caption: str, figures: dict) -> Table:
    rows = []
    for metric in outcomes.MAIN_METRICS:
        rows.append(
            [
                text_cell(Metric(metric).label),
                figure_cell(figures[metric], money=metric in outcomes.MONEY_METRICS),
            ]
        )
    for name, label in outcomes.RATE_LABELS.items():
        rows.append([text_cell(f"{label} (%)"), rate_cell(figures[name])])
    return Table(key=key, caption=caption, header=[_("Cijfer"), _("Waarde")], rows=rows)
