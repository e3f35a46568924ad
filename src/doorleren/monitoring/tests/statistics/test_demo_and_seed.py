"""The seeded indicators and the demo figures (plan figures plus labelled examples)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from doorleren.monitoring.models import StatAggregation, StatIndicator, StatSource, StatValue
from doorleren.monitoring.services.statistics import DEMO_DETAIL, stat_indicators_load, stat_values_demo_load
from doorleren.monitoring.statistics_seed import CODES
from doorleren.region.selectors import municipalities_current

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 28)


def test_the_migration_seeds_every_indicator_of_the_brief_with_its_weight():
    assert set(StatIndicator.objects.values_list("code", flat=True)) >= CODES
    assert len(CODES) == 19
    participation = StatIndicator.objects.get(code="netto-arbeidsparticipatie")
    assert participation.is_main_goal and participation.aggregation == StatAggregation.WEIGHTED_MEAN
    assert participation.weight_indicator.code == "bevolking-15-75"
    assert StatIndicator.objects.get(code="besteedbaar-inkomen").weight_indicator.code == "huishoudens"
    assert StatIndicator.objects.get(code="werkloosheid").higher_is_better is False
    assert StatIndicator.objects.get(code="banen-zorg").aggregation == StatAggregation.SUM


def test_loading_the_indicators_again_changes_nothing_and_keeps_the_cbs_settings():
    StatIndicator.objects.filter(code="banen").update(cbs_table="70072ned", cbs_measure="M1")
    before = StatIndicator.objects.count()
    result = stat_indicators_load()
    assert result["created"] == 0
    assert StatIndicator.objects.count() == before
    assert StatIndicator.objects.get(code="banen").cbs_table == "70072ned"


def test_the_demo_has_the_plan_figures_for_the_region():
    stat_values_demo_load(today=TODAY)
    plan = {
        row.indicator.code: row
        for row in StatValue.objects.filter(municipality=None, source=StatSource.PLAN).select_related(
            "indicator"
        )
    }
    assert plan["banen"].value == 339000 and plan["banen"].year == 2019
    assert plan["zelfstandigen"].value == 34500
    assert plan["netto-arbeidsparticipatie"].value == Decimal("64.8")
    assert "Werken aan ontwikkeling" in plan["banen"].source_detail


def test_the_demo_fills_every_indicator_municipality_and_year_with_labelled_examples():
    counts = stat_values_demo_load(today=TODAY)
    municipalities = municipalities_current().count()
    years = TODAY.year - 1 - 2019 + 1
    plan_rows = StatValue.objects.filter(source=StatSource.PLAN).count()
    # Every municipality and year, and the region (made from them) where the plan has no figure.
    assert counts["demo"] == len(CODES) * (municipalities + 1) * years - plan_rows
    demo = StatValue.objects.filter(source=StatSource.DEMO, municipality__isnull=False)
    assert demo.count() == len(CODES) * municipalities * years
    assert set(demo.values_list("source_detail", flat=True)) == {DEMO_DETAIL}
    # The municipalities' jobs add up to the plan's figure in 2019.
    jobs = sum(demo.filter(indicator__code="banen", year=2019).values_list("value", flat=True))
    assert abs(jobs - 339000) < 20
    rates = demo.filter(indicator__code="netto-arbeidsparticipatie").values_list("value", flat=True)
    assert all(55 < rate < 75 for rate in rates)


def test_the_demo_is_deterministic_idempotent_and_keeps_real_figures():
    stat_values_demo_load(today=TODAY)
    first = dict(StatValue.objects.values_list("id", "value"))
    groningen = StatValue.objects.get(indicator__code="banen", municipality__code="GM0014", year=2020)
    StatValue.objects.filter(pk=groningen.pk).update(value=1, source=StatSource.CBS)
    stat_values_demo_load(today=TODAY)
    second = dict(StatValue.objects.values_list("id", "value"))
    assert set(first) == set(second)  # no new rows
    assert StatValue.objects.get(pk=groningen.pk).value == 1  # a CBS figure is never overwritten
    # The region's demo figure for jobs in 2020 is made again from the municipalities (with the CBS one).
    region = StatValue.objects.get(indicator__code="banen", municipality=None, year=2020)
    assert second[region.pk] == first[region.pk] - groningen.value + 1
    del first[groningen.pk], second[groningen.pk], first[region.pk], second[region.pk]
    assert first == second


def test_the_demo_region_figures_are_a_sum_or_a_weighted_mean_of_the_municipalities():
    stat_values_demo_load(today=TODAY)
    municipal = StatValue.objects.filter(municipality__isnull=False, year=2021)
    jobs = sum(municipal.filter(indicator__code="banen").values_list("value", flat=True))
    assert StatValue.objects.get(indicator__code="banen", municipality=None, year=2021).value == jobs
    people = dict(municipal.filter(indicator__code="bevolking-15-75").values_list("municipality_id", "value"))
    rates = dict(
        municipal.filter(indicator__code="netto-arbeidsparticipatie").values_list("municipality_id", "value")
    )
    expected = sum(rates[m] * people[m] for m in rates) / sum(people[m] for m in rates)
    region = StatValue.objects.get(indicator__code="netto-arbeidsparticipatie", municipality=None, year=2021)
    assert region.source == StatSource.DEMO
    assert abs(region.value - expected) < Decimal("0.05")
