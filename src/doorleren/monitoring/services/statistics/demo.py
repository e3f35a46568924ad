"""The demo figures: the regional plan's figures for the region, and clearly labelled example
figures for every indicator, municipality and year."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from doorleren.region import selectors as region_selectors

from ...models import StatAggregation, StatIndicator, StatSource, StatValue
from .common import _stat_value_save

DEMO_DETAIL = "Voorbeeldcijfer voor de demo, geen echte meting"
DEMO_FIRST_YEAR = 2019

# The figures the regional plan quotes for the labour-market region ("Werken aan ontwikkeling",
# 2020, §1.2, with its footnotes 6-8): (indicator, year, value, source detail).
PLAN_FIGURES: list[tuple[str, int, Decimal, str]] = [
    (
        "banen",
        2019,
        Decimal(339000),
        "Regionaal plan Werken aan ontwikkeling (2020), §1.2; daar uit Regio in Beeld 2019",
    ),
    (
        "zelfstandigen",
        2019,
        Decimal(34500),
        "Regionaal plan Werken aan ontwikkeling (2020), §1.2; daar uit StatLine, zelfstandigen (nov. 2019)",
    ),
    (
        "netto-arbeidsparticipatie",
        2019,
        Decimal("64.8"),
        "Regionaal plan Werken aan ontwikkeling (2020), §1.2; daar uit StatLine, arbeidsdeelname (apr. 2019)",
    ),
]

# Inhabitants aged 15-75 per current municipality, rounded: only to make the demo figures plausible
# in size (they are labelled as examples everywhere).
_DEMO_POPULATION = {
    "GM0014": 190000,
    "GM1952": 46000,
    "GM1979": 34000,
    "GM1966": 36000,
    "GM1895": 28000,
    "GM0765": 9500,
    "GM0037": 23500,
    "GM0047": 20000,
    "GM1950": 19000,
    "GM1969": 47000,
    "GM1699": 24000,
    "GM0106": 50000,
    "GM1680": 18500,
    "GM1730": 25500,
}
# (base value, spread between municipalities, change per year) for the percentages and scores.
_DEMO_RATES = {
    "netto-arbeidsparticipatie": (Decimal("64.8"), Decimal("3.0"), Decimal("0.5")),
    "besteedbaar-inkomen": (Decimal("40.0"), Decimal("4.0"), Decimal("1.2")),
    "uitstroom-naar-werk": (Decimal("78.0"), Decimal("4.0"), Decimal("0.4")),
    "werkloosheid": (Decimal("4.6"), Decimal("1.0"), Decimal("-0.15")),
    "langdurige-werkloosheid": (Decimal("1.6"), Decimal("0.5"), Decimal("-0.05")),
    "sociaal-economische-status": (Decimal("-0.150"), Decimal("0.120"), Decimal("0.005")),
    "middelbaar-hoogopgeleid": (Decimal("70.0"), Decimal("5.0"), Decimal("0.4")),
    "voortijdig-schoolverlaters": (Decimal("2.2"), Decimal("0.5"), Decimal("-0.05")),
    "digitale-vaardigheden": (Decimal("78.0"), Decimal("4.0"), Decimal("0.6")),
    "ervaren-gezondheid": (Decimal("76.0"), Decimal("3.0"), Decimal("-0.2")),
}
# Jobs per inhabitant 15-75 (the city has many more jobs than inhabitants who work there), and the
# share of jobs per sector.
_DEMO_JOB_RATIO = {"GM0014": Decimal("0.98"), "GM0106": Decimal("0.85")}
_DEMO_SECTOR_SHARE = {
    "banen-industrie": Decimal("0.09"),
    "banen-zorg": Decimal("0.21"),
    "banen-handel": Decimal("0.15"),
    "banen-bouw": Decimal("0.05"),
    "banen-onderwijs": Decimal("0.08"),
}


def _demo_raw(code: str, municipality: str, year: int, first_year: int) -> Decimal:
    """A deterministic, plausible example figure (seeded by indicator, municipality and year)."""
    spread_rng = random.Random(f"doorleren-demo:{code}:{municipality}")  # noqa: S311 - demo figures, not security
    year_rng = random.Random(f"doorleren-demo:{code}:{municipality}:{year}")  # noqa: S311
    population = Decimal(_DEMO_POPULATION.get(municipality, 20000))
    step = year - first_year
    growth = Decimal(1) + Decimal("0.004") * step + Decimal(str(round(year_rng.uniform(-0.004, 0.004), 4)))
    if code == "bevolking-15-75":
        return (population * growth).quantize(Decimal(1))
    if code == "huishoudens":
        return (population / Decimal("1.65") * growth).quantize(Decimal(1))
    jobs = population * _DEMO_JOB_RATIO.get(municipality, Decimal("0.48"))
    jobs *= Decimal(str(round(spread_rng.uniform(0.9, 1.1), 3))) * growth
    if code == "banen":
        return jobs.quantize(Decimal(1))
    if code in _DEMO_SECTOR_SHARE:
        share = _DEMO_SECTOR_SHARE[code] * Decimal(str(round(spread_rng.uniform(0.8, 1.2), 3)))
        return (jobs * share).quantize(Decimal(1))
    if code == "zelfstandigen":
        return (
            population * Decimal("0.085") * Decimal(str(round(spread_rng.uniform(0.85, 1.15), 3))) * growth
        ).quantize(Decimal(1))
    base, spread, trend = _DEMO_RATES.get(code, (Decimal(50), Decimal(5), Decimal(0)))
    offset = Decimal(str(round(spread_rng.uniform(-1, 1), 3))) * spread
    noise = Decimal(str(round(year_rng.uniform(-0.3, 0.3), 3))) * abs(trend or Decimal("0.1"))
    return base + offset + trend * step + noise


def _demo_value_save(*, indicator: StatIndicator, municipality, year: int, value: Decimal, now) -> None:
    """Store an example figure (source DEMO), rounded to the indicator's decimals."""
    places = Decimal(1).scaleb(-indicator.decimals)
    _stat_value_save(
        indicator=indicator,
        municipality=municipality,
        year=year,
        value=value.quantize(places, rounding=ROUND_HALF_UP),
        source=StatSource.DEMO,
        source_detail=DEMO_DETAIL,
        now=now,
    )


def stat_values_demo_load(*, today: dt.date) -> dict[str, int]:
    """The plan's region figures (source PLAN) and example figures (source DEMO) for every indicator,
    every current municipality and the years 2019 to last year. Deterministic and safe to repeat;
    never overwrites figures from CBS or a CSV file."""
    indicators = {i.code: i for i in StatIndicator.objects.all()}
    municipalities = list(region_selectors.municipalities_current())
    years = list(range(DEMO_FIRST_YEAR, max(DEMO_FIRST_YEAR, today.year - 1) + 1))
    now = timezone.now()
    counts = {"plan": 0, "demo": 0, "kept": 0}
    with transaction.atomic():
        for code, year, value, detail in PLAN_FIGURES:
            if code not in indicators:
                continue
            _stat_value_save(
                indicator=indicators[code],
                municipality=None,
                year=year,
                value=value,
                source=StatSource.PLAN,
                source_detail=detail,
                now=now,
            )
            counts["plan"] += 1
        plan = {code: value for code, year, value, _detail in PLAN_FIGURES if year == DEMO_FIRST_YEAR}
        existing = {
            (row.indicator_id, row.municipality_id, row.year): row.source
            for row in StatValue.objects.filter(municipality__isnull=False, year__in=years)
        }
        for code, indicator in sorted(indicators.items()):
            raw = {
                (m.code, year): _demo_raw(code, m.code, year, DEMO_FIRST_YEAR)
                for m in municipalities
                for year in years
            }
            # Scale counts so that the municipalities add up to the plan's region figure in 2019.
            if code in plan and indicator.aggregation == StatAggregation.SUM and municipalities:
                total = sum(raw[(m.code, DEMO_FIRST_YEAR)] for m in municipalities)
                if total:
                    factor = plan[code] / total
                    raw = {key: (value * factor).quantize(Decimal(1)) for key, value in raw.items()}
            for municipality in municipalities:
                for year in years:
                    source = existing.get((indicator.pk, municipality.pk, year))
                    if source is not None and source != StatSource.DEMO:
                        counts["kept"] += 1
                        continue
                    _demo_value_save(
                        indicator=indicator,
                        municipality=municipality,
                        year=year,
                        value=raw[(municipality.code, year)],
                        now=now,
                    )
                    counts["demo"] += 1
        counts["demo"] += _demo_region_values(indicators=indicators, years=years, now=now)
    return counts


def _demo_region_values(*, indicators: dict[str, StatIndicator], years: list[int], now) -> int:
    """Region figures (source DEMO) made from the municipalities' demo figures: a sum for counts, a
    mean weighted by the weight indicator for shares. Region figures from the plan, CBS or a CSV
    file stay as they are."""
    values: dict[tuple[int, int], dict[int, Decimal]] = {}
    for indicator_id, municipality_id, year, value in StatValue.objects.filter(
        municipality__isnull=False, year__in=years
    ).values_list("indicator_id", "municipality_id", "year", "value"):
        values.setdefault((indicator_id, year), {})[municipality_id] = value
    kept = {
        (indicator_id, year)
        for indicator_id, year in StatValue.objects.filter(municipality__isnull=True, year__in=years)
        .exclude(source=StatSource.DEMO)
        .values_list("indicator_id", "year")
    }
    written = 0
    for indicator in indicators.values():
        for year in years:
            parts = values.get((indicator.pk, year))
            if not parts or (indicator.pk, year) in kept:
                continue
            if indicator.aggregation == StatAggregation.SUM:
                total = sum(parts.values(), Decimal(0))
            else:
                weights = values.get((indicator.weight_indicator_id, year), {})
                weight = sum((weights.get(m, Decimal(0)) for m in parts), Decimal(0))
                if not weight:
                    continue
                total = sum((v * weights.get(m, Decimal(0)) for m, v in parts.items()), Decimal(0)) / weight
            _demo_value_save(indicator=indicator, municipality=None, year=year, value=total, now=now)
            written += 1
    return written
