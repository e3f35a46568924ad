"""The measures per programme line, with their figures, effect verdict and the office's judgement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from doorleren.fund import selectors as fund_selectors

from ...models import EffectEstimate, Measure, MeasureJudgement, Metric, Verdict
from .. import outcomes
from ..outcomes import Figure, Rate
from .filters import MEASURE_METRICS, Filters
from .tables import Table, figure_cell, rate_cell, text_cell


@dataclass
class MeasureRow:
    measure: Measure
    reached: Figure
    rate_12m: Rate
    spent: Figure
    verdict: str  # the latest effect estimate's verdict, as text
    judgement: str  # the programme office's latest judgement, as text


@dataclass
class LineSummary:
    line: object  # fund.ProgrammeLine
    rows: list[MeasureRow]
    table: Table


def _measures_ordered(**lookups) -> list[Measure]:
    """The measures (with their programme line) matching ``lookups``, by line and code."""
    return list(
        Measure.objects.select_related("programme_line")
        .filter(**lookups)
        .order_by("programme_line__number", "code")
    )


def _verdicts() -> dict[int, str]:
    return {
        measure_id: str(Verdict(verdict).label)
        for measure_id, verdict in EffectEstimate.objects.order_by().values_list("measure_id", "verdict")
    }


def _judgements(measure_ids: list[int] | None = None) -> dict[int, str]:
    query = MeasureJudgement.objects.order_by("measure_id", "-judged_on", "-id")
    if measure_ids is not None:
        query = query.filter(measure_id__in=measure_ids)
    result: dict[int, str] = {}
    for measure_id, verdict, judged_on in query.values_list("measure_id", "verdict", "judged_on"):
        if measure_id not in result:
            result[measure_id] = _("%(verdict)s (%(date)s)") % {
                "verdict": Verdict(verdict).label,
                "date": judged_on.strftime("%d-%m-%Y"),
            }
    return result


def measure_rows(
    *,
    measures: list[Measure],
    filters: Filters,
    municipality_id: int | None = None,
) -> list[MeasureRow]:
    figures = outcomes.figures_by_measures(
        period=filters.period,
        metric_codes=MEASURE_METRICS,
        municipality_id=municipality_id,
        target_group=filters.target_group,
    )
    verdicts = _verdicts()
    judgements = _judgements([m.pk for m in measures])
    empty = dict.fromkeys(MEASURE_METRICS, outcomes.NONE) | {"work_rate_12m": Rate("none")}
    rows = []
    for measure in measures:
        cell = figures.get(measure.pk, empty)
        rows.append(
            MeasureRow(
                measure=measure,
                reached=cell[Metric.REACHED],
                rate_12m=cell["work_rate_12m"],
                spent=cell[Metric.SPENT_CENTS],
                verdict=verdicts.get(measure.pk, _("nog geen schatting")),
                judgement=judgements.get(measure.pk, _("nog geen oordeel")),
            )
        )
    return rows


def measures_table(
    *, key: str, caption: str, rows: list[MeasureRow], link_for: Callable[[int], str] | None = None
) -> Table:
    return Table(
        key=key,
        caption=caption,
        header=[
            _("Maatregel"),
            str(Metric.REACHED.label),
            _("Binnen 12 maanden aan het werk (deel, %)"),
            _("Geld uitgegeven (euro)"),
            _("Effect op werk (laatste schatting)"),
            _("Oordeel programmabureau"),
        ],
        rows=[
            [
                text_cell(row.measure.name, href=link_for(row.measure.pk) if link_for else ""),
                figure_cell(row.reached),
                rate_cell(row.rate_12m),
                figure_cell(row.spent, money=True),
                text_cell(row.verdict),
                text_cell(row.judgement),
            ]
            for row in rows
        ],
    )


def line_summaries(
    *, filters: Filters, link_for: Callable[[int], str] | None = None, number: int | None = None
) -> list[LineSummary]:
    """Each programme line (and the theme) with its measures and their figures."""
    lines = [line for line in fund_selectors.programme_lines() if number is None or line.number == number]
    measures = _measures_ordered()
    if number is not None:
        measures = [m for m in measures if m.programme_line.number == number]
    rows = measure_rows(measures=measures, filters=filters)
    result = []
    for line in lines:
        line_rows = [r for r in rows if r.measure.programme_line_id == line.pk]
        result.append(
            LineSummary(
                line=line,
                rows=line_rows,
                table=measures_table(
                    key=f"lijn-{line.number}",
                    caption=_("Maatregelen van %(line)s, %(period)s")
                    % {"line": line, "period": filters.period.label},
                    rows=line_rows,
                    link_for=link_for,
                ),
            )
        )
    return result
