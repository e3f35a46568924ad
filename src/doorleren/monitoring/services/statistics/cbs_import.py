"""Import one regional indicator from a CBS StatLine table (OData v4) for the region's municipalities."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ...cbs import VALUE_ATTRIBUTE_NONE, CbsClient, year_period
from ...models import TITLE_MAX, StatIndicator, StatSource
from .common import FIRST_YEAR, LAST_YEAR, Figure, ImportResult
from .mergers import _Region, _store_indicator


def _indicator(indicator: StatIndicator | str) -> StatIndicator:
    if isinstance(indicator, StatIndicator):
        return indicator
    found = StatIndicator.objects.select_related("weight_indicator").filter(code=str(indicator)[:60]).first()
    if found is None:
        raise ApplicationError(
            _("De indicator “%(code)s” kennen wij niet.") % {"code": str(indicator)[:60]},
            code="stat_indicator_unknown",
            status=404,
        )
    return found


def _years_check(years: Iterable[int] | None) -> list[int] | None:
    if years is None:
        return None
    checked = sorted({int(year) for year in years})
    if not checked or any(not FIRST_YEAR <= year <= LAST_YEAR for year in checked) or len(checked) > 50:
        raise ApplicationError(
            _("Kies jaren van %(first)d tot en met %(last)d, hoogstens 50.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="stat_years_invalid",
        )
    return checked


def stat_values_import_cbs(
    *,
    indicator: StatIndicator | str,
    table: str = "",
    measure_code: str = "",
    client: CbsClient | None = None,
    years: Iterable[int] | None = None,
    weight_measure_code: str = "",
    region_dimension: str = "RegioS",
) -> dict:
    """Import one indicator from a CBS StatLine table (OData v4) for the region's municipalities.

    ``table`` and ``measure_code`` default to the indicator's ``cbs_table`` and ``cbs_measure``.
    Only the region's codes (current and old) and ``years`` (default: all) are asked for. For a
    weighted mean over merged municipalities, ``weight_measure_code`` names the topic in the same
    table that gives the weights (e.g. the population 15-75); without it such figures are skipped.
    Re-importing updates the figures. Returns the result (see ``ImportResult.as_dict``).
    """
    indicator = _indicator(indicator)
    table = (table or indicator.cbs_table or "").strip()
    measure_code = (measure_code or indicator.cbs_measure or "").strip()
    if not table or not measure_code:
        raise ApplicationError(
            _("Geef een CBS-tabel en een onderwerp (measure) op; bij deze indicator staan ze niet."),
            code="stat_cbs_table_missing",
        )
    years = _years_check(years)
    region = _Region.read()
    own_client = client is None
    client = client or CbsClient()
    measures = [measure_code] + ([weight_measure_code] if weight_measure_code else [])
    try:
        observations = client.observations(
            table=table,
            measures=measures,
            regions=sorted(region.current_of),
            periods=[year_period(year) for year in years] if years is not None else None,
            region_dimension=region_dimension,
        )
    finally:
        if own_client:
            client.close()
    result = ImportResult(
        source=StatSource.CBS, source_detail=f"CBS StatLine {table}, {measure_code}"[:TITLE_MAX]
    )
    weights: dict[tuple[str, int], Decimal] = {}
    figures: list[Figure] = []
    for row in observations:
        year = row.year
        if row.measure == weight_measure_code and row.measure != measure_code:
            if year is not None and row.value is not None:
                weights[(row.region, year)] = row.value
            continue
        if row.measure != measure_code:
            continue
        result.figures += 1
        if year is None:
            result.skip(
                None,
                _("Dit is geen jaarcijfer (periode %(period)s).") % {"period": row.period},
                indicator=indicator.code,
                where=row.region,
            )
            continue
        if years is not None and year not in years:
            continue
        if row.value is None:
            result.skip(
                None,
                _("Het CBS geeft hier geen waarde (%(reason)s).")
                % {
                    "reason": row.value_attribute
                    if row.value_attribute != VALUE_ATTRIBUTE_NONE
                    else _("leeg")
                },
                indicator=indicator.code,
                where=row.region,
                year=year,
            )
            continue
        if not row.region.upper().startswith("GM"):
            result.skip(
                None,
                _("“%(code)s” is geen gemeente in de regio Groningen en Noord-Drenthe.")
                % {"code": row.region},
                indicator=indicator.code,
                where=row.region,
                year=year,
            )
            continue
        figures.append(Figure(indicator=indicator.code, where=row.region, year=year, value=row.value))
    with transaction.atomic():
        _store_indicator(
            indicator=indicator,
            figures=figures,
            region=region,
            weight_of=lambda code, year: weights.get((code, year)),
            result=result,
            now=timezone.now(),
        )
    output = result.as_dict()
    output["requests"] = client.requests
    return output
