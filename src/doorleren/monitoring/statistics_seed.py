"""The regional indicators of the plan's goals (``StatIndicator``), seeded once.

Source: "Werken aan ontwikkeling" (2020), chapter 5.1: main goals (net labour participation,
disposable income per household, outflow from education to work) and sub goals ((long-term)
unemployment, socio-economic status, medium and highly educated, jobs per sector, early school
leavers, digital skills, perceived health). ``bevolking-15-75`` and ``huishoudens`` are the
weights for combining percentages and averages of merged municipalities (docs/monitoring-statistics.md).

The codes are fixed: measures (``MeasureTarget``) and other helpers look indicators up by code.
Stored names are Dutch content (plain strings, not translated), like the programme lines in
``fund/plan.py``. ``stat_indicators_apply`` is used by the data migration
``0002_stat_indicators`` and by ``services.statistics.stat_indicators_load``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SUM = "sum"
WEIGHTED_MEAN = "weighted_mean"


@dataclass(frozen=True)
class IndicatorSeed:
    code: str
    name: str
    unit: str
    description: str
    is_main_goal: bool = False
    higher_is_better: bool = True
    decimals: int = 0
    aggregation: str = SUM
    weight: str = ""  # code of the weight indicator (weighted mean only)


# In this order on the pages (``position``). Weights first, so the others can point at them.
INDICATORS: list[IndicatorSeed] = [
    IndicatorSeed(
        "bevolking-15-75",
        "Inwoners van 15 tot 75 jaar",
        "personen",
        "Het aantal inwoners van 15 tot 75 jaar. Weegt de percentages als gemeenten samengaan.",
    ),
    IndicatorSeed(
        "huishoudens",
        "Huishoudens",
        "huishoudens",
        "Het aantal particuliere huishoudens. Weegt inkomen en sociaal-economische status.",
    ),
    IndicatorSeed(
        "netto-arbeidsparticipatie",
        "Netto arbeidsparticipatie",
        "%",
        "Het deel van de inwoners van 15 tot 75 jaar dat betaald werk heeft.",
        is_main_goal=True,
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
    IndicatorSeed(
        "besteedbaar-inkomen",
        "Gemiddeld besteedbaar inkomen per huishouden",
        "× € 1.000",
        "Wat een huishouden gemiddeld per jaar te besteden heeft, na belasting en premies.",
        is_main_goal=True,
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="huishoudens",
    ),
    IndicatorSeed(
        "uitstroom-naar-werk",
        "Uitstroom uit het onderwijs naar werk",
        "%",
        "Het deel van de jongeren dat na school of studie aan het werk gaat.",
        is_main_goal=True,
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
    IndicatorSeed(
        "werkloosheid",
        "Werkloosheid",
        "%",
        "Het deel van de beroepsbevolking dat geen werk heeft en wel werk zoekt.",
        higher_is_better=False,
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
    IndicatorSeed(
        "langdurige-werkloosheid",
        "Langdurige werkloosheid",
        "%",
        "Het deel van de beroepsbevolking dat een jaar of langer werk zoekt.",
        higher_is_better=False,
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
    IndicatorSeed(
        "sociaal-economische-status",
        "Sociaal-economische status (score)",
        "score",
        "De CBS-score voor welvaart, opleiding en werk van de huishoudens. 0 is het landelijk gemiddelde.",
        decimals=3,
        aggregation=WEIGHTED_MEAN,
        weight="huishoudens",
    ),
    IndicatorSeed(
        "middelbaar-hoogopgeleid",
        "Middelbaar en hoger opgeleid (15-75 jaar)",
        "%",
        "Het deel van de inwoners van 15 tot 75 jaar met ten minste een mbo-2-diploma, havo of vwo.",
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
    IndicatorSeed(
        "banen", "Banen van werknemers", "banen", "Het aantal banen van werknemers in de gemeente."
    ),
    IndicatorSeed(
        "zelfstandigen", "Zelfstandigen", "personen", "Het aantal zelfstandigen dat in de gemeente woont."
    ),
    IndicatorSeed(
        "banen-industrie", "Banen in de industrie", "banen", "Banen van werknemers in de industrie."
    ),
    IndicatorSeed("banen-zorg", "Banen in de zorg", "banen", "Banen van werknemers in zorg en welzijn."),
    IndicatorSeed("banen-handel", "Banen in de handel", "banen", "Banen van werknemers in de handel."),
    IndicatorSeed("banen-bouw", "Banen in de bouw", "banen", "Banen van werknemers in de bouw."),
    IndicatorSeed(
        "banen-onderwijs", "Banen in het onderwijs", "banen", "Banen van werknemers in het onderwijs."
    ),
    IndicatorSeed(
        "voortijdig-schoolverlaters",
        "Voortijdig schoolverlaters",
        "%",
        "Het deel van de jongeren dat van school gaat zonder startkwalificatie (havo, vwo of mbo-2).",
        higher_is_better=False,
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
    IndicatorSeed(
        "digitale-vaardigheden",
        "Inwoners met digitale basisvaardigheden",
        "%",
        "Het deel van de inwoners dat de computer en internet goed genoeg kan gebruiken.",
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
    IndicatorSeed(
        "ervaren-gezondheid",
        "Inwoners die hun gezondheid goed noemen",
        "%",
        "Het deel van de inwoners dat de eigen gezondheid goed of zeer goed noemt.",
        decimals=1,
        aggregation=WEIGHTED_MEAN,
        weight="bevolking-15-75",
    ),
]

# Main goals first on the pages, then the sub goals, then the weights.
_ORDER = [
    "netto-arbeidsparticipatie",
    "besteedbaar-inkomen",
    "uitstroom-naar-werk",
    "werkloosheid",
    "langdurige-werkloosheid",
    "sociaal-economische-status",
    "middelbaar-hoogopgeleid",
    "banen",
    "zelfstandigen",
    "banen-industrie",
    "banen-zorg",
    "banen-handel",
    "banen-bouw",
    "banen-onderwijs",
    "voortijdig-schoolverlaters",
    "digitale-vaardigheden",
    "ervaren-gezondheid",
    "bevolking-15-75",
    "huishoudens",
]
POSITIONS = {code: (index + 1) * 10 for index, code in enumerate(_ORDER)}
CODES = frozenset(seed.code for seed in INDICATORS)


def stat_indicators_apply(*, get_model: Callable[[str], Any]) -> dict[str, int]:
    """Create or update the indicators. Safe to repeat; never deletes; CBS table and measure stay."""
    StatIndicator = get_model("StatIndicator")
    rows: dict[str, Any] = {}
    created = 0
    for seed in INDICATORS:
        row, was_created = StatIndicator.objects.update_or_create(
            code=seed.code,
            defaults={
                "name": seed.name,
                "unit": seed.unit,
                "description": seed.description,
                "is_main_goal": seed.is_main_goal,
                "higher_is_better": seed.higher_is_better,
                "decimals": seed.decimals,
                "aggregation": seed.aggregation,
                "weight_indicator": rows[seed.weight] if seed.weight else None,
                "position": POSITIONS[seed.code],
            },
        )
        rows[seed.code] = row
        created += int(was_created)
    return {"indicators": len(INDICATORS), "created": created}
