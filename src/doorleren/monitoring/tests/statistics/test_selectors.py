"""Reading the indicators: the table, the region row, trends, the latest figure and small cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from doorleren.monitoring.models import StatIndicator, StatSource, StatValue
from doorleren.monitoring.selectors.statistics import (
    stat_latest,
    stat_overview,
    stat_table,
    stat_trend,
    stat_values_list,
)
from doorleren.monitoring.services.statistics import stat_values_demo_load
from doorleren.region.selectors import municipalities_current, municipality_resolve

pytestmark = pytest.mark.django_db


def _put(code, municipality, year, value, source=StatSource.CSV, reported=""):
    return StatValue.objects.create(
        indicator=StatIndicator.objects.get(code=code),
        municipality=municipality,
        year=year,
        value=Decimal(value),
        source=source,
        source_detail="test",
        reported_codes=reported,
        imported_at=timezone.now(),
    )


def _fill(code, year, value, **kwargs):
    for municipality in municipalities_current():
        _put(code, municipality, year, value, **kwargs)


def test_the_table_has_every_current_municipality_and_marks_merged_figures():
    eemsdelta = municipality_resolve(code_or_name="GM1979")
    _put("banen", eemsdelta, 2019, 15000, reported="GM0003, GM0010, GM0024")
    table = stat_table(indicator=StatIndicator.objects.get(code="banen"))
    assert len(table.rows) == 14
    assert table.years == [2019]
    row = next(r for r in table.rows if r.code == "GM1979")
    assert row.cells[0].merged and row.cells[0].display == "15.000"
    assert table.notes == [{"municipality": "Eemsdelta", "year": 2019, "codes": "GM0003, GM0010, GM0024"}]
    assert table.region[0].value is None  # not every municipality has a figure


def test_the_region_is_summed_or_weighted_from_the_municipalities():
    _fill("banen", 2020, 1000)
    _fill("bevolking-15-75", 2020, 100)
    _put_first = municipality_resolve(code_or_name="GM0014")
    StatValue.objects.filter(indicator__code="bevolking-15-75", municipality=_put_first).update(value=1400)
    _fill("werkloosheid", 2020, 4)
    StatValue.objects.filter(indicator__code="werkloosheid", municipality=_put_first).update(
        value=Decimal("5.5")
    )
    jobs = stat_latest(indicator=StatIndicator.objects.get(code="banen"))
    assert (jobs.year, jobs.cell.value, jobs.cell.computed) == (2020, 14000, True)
    rate = stat_latest(indicator=StatIndicator.objects.get(code="werkloosheid")).cell
    # (5.5·1400 + 4·13·100) / 2700
    assert round(rate.value, 4) == round((Decimal("5.5") * 1400 + 4 * 1300) / 2700, 4)
    assert rate.display == "4,8"


def test_a_stored_region_figure_wins_and_the_latest_year_is_taken():
    _put("netto-arbeidsparticipatie", None, 2019, "64.8", source=StatSource.PLAN)
    latest = stat_latest(indicator=StatIndicator.objects.get(code="netto-arbeidsparticipatie"))
    assert latest.year == 2019 and latest.cell.display == "64,8" and latest.cell.source == StatSource.PLAN


def test_small_counts_are_suppressed_and_the_region_total_hidden():
    _fill("zelfstandigen", 2021, 500)
    pekela = municipality_resolve(code_or_name="Pekela")
    StatValue.objects.filter(indicator__code="zelfstandigen", municipality=pekela).update(value=7)
    indicator = StatIndicator.objects.get(code="zelfstandigen")
    table = stat_table(indicator=indicator)
    cell = next(r for r in table.rows if r.code == pekela.code).cells[0]
    assert cell.suppressed and cell.display == "" and cell.csv_value == ""
    assert table.region[0].hidden and table.region[0].display == ""
    assert stat_latest(indicator=indicator) is None
    trend = stat_trend(indicator=indicator, municipality=pekela)
    assert trend[0].value is None
    listed = stat_values_list(indicator=indicator, municipality=pekela)
    assert listed[0]["value"] is None and listed[0]["suppressed"]


def test_percentages_below_ten_are_not_small_cells():
    _put("werkloosheid", municipality_resolve(code_or_name="Pekela"), 2021, "4.1")
    cell = stat_table(indicator=StatIndicator.objects.get(code="werkloosheid")).rows[0].cells
    assert not any(c.suppressed for c in cell)


def test_trend_for_the_region_and_overview_groups_with_demo_labels():
    stat_values_demo_load(today=dt.date(2024, 6, 1))
    indicator = StatIndicator.objects.get(code="banen")
    trend = stat_trend(indicator=indicator)
    assert [point.year for point in trend] == [2019, 2020, 2021, 2022, 2023]
    assert trend[0].value == 339000 and trend[0].source == StatSource.PLAN
    assert trend[-1].source == StatSource.DEMO
    groups = stat_overview()
    assert [group.key for group in groups] == ["main", "sub", "weights"]
    assert [i.code for i, _latest in groups[0].indicators] == [
        "netto-arbeidsparticipatie",
        "besteedbaar-inkomen",
        "uitstroom-naar-werk",
    ]
    assert all(latest is not None and latest.cell.is_demo for _i, latest in groups[0].indicators)
