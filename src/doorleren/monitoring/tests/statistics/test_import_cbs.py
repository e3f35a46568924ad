"""``stat_values_import_cbs``: CBS figures stored per current municipality, old codes combined."""

from __future__ import annotations

from decimal import Decimal

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.monitoring.models import StatIndicator, StatSource, StatValue
from doorleren.monitoring.services.statistics import stat_values_import_cbs

pytestmark = pytest.mark.django_db


def _value(code: str, municipality: str, year: int) -> StatValue:
    return StatValue.objects.get(indicator__code=code, municipality__code=municipality, year=year)


def test_old_codes_are_combined_with_the_weights_of_the_same_import(cbs):
    result = stat_values_import_cbs(
        indicator="besteedbaar-inkomen",
        table="70072ned",
        measure_code="M001796_2",
        weight_measure_code="M000233",
        client=cbs,
    )
    eemsdelta = _value("besteedbaar-inkomen", "GM1979", 2019)
    expected = (
        Decimal("33.9") * Decimal("5.8")
        + Decimal("31.7") * Decimal("12.6")
        + Decimal("35.2") * Decimal("4.7")
    ) / Decimal("23.1")
    assert eemsdelta.value == expected.quantize(Decimal("0.0001"))
    assert eemsdelta.reported_codes == "GM0003, GM0010, GM0024"
    assert eemsdelta.source == StatSource.CBS
    assert eemsdelta.source_detail == "CBS StatLine 70072ned, M001796_2"
    assert result["mapped_from_old_codes"] == [
        {
            "indicator": "besteedbaar-inkomen",
            "gemeente": "Eemsdelta",
            "code": "GM1979",
            "jaar": 2019,
            "reported_codes": "GM0003, GM0010, GM0024",
            "waarde": str(eemsdelta.value),
        }
    ]
    # Current codes stay as they are; the padded Assen code is found.
    assert _value("besteedbaar-inkomen", "GM0014", 2019).value == Decimal("36.8")
    assert _value("besteedbaar-inkomen", "GM0106", 2019).reported_codes == ""
    assert _value("besteedbaar-inkomen", "GM1979", 2021).value == Decimal("34.1")
    assert result["stored"] == 4
    # The weights are not stored as figures.
    assert not StatValue.objects.filter(indicator__code="huishoudens").exists()


def test_a_value_cbs_marks_impossible_is_skipped_with_its_reason(cbs):
    result = stat_values_import_cbs(
        indicator="besteedbaar-inkomen",
        table="70072ned",
        measure_code="M001796_2",
        weight_measure_code="M000233",
        client=cbs,
    )
    impossible = [item for item in result["skipped"] if item["gemeente"] == "GM0024" and item["jaar"] == 2021]
    assert len(impossible) == 1
    assert "Impossible" in impossible[0]["reden"]


def test_without_weights_merged_figures_are_skipped_never_guessed(cbs):
    result = stat_values_import_cbs(
        indicator="besteedbaar-inkomen", table="70072ned", measure_code="M001796_2", client=cbs
    )
    assert not StatValue.objects.filter(
        indicator__code="besteedbaar-inkomen", municipality__code="GM1979", year=2019
    ).exists()
    reasons = [item["reden"] for item in result["skipped"]]
    assert any("gewogen gemiddelde" in reason and "Huishoudens" in reason for reason in reasons)
    assert result["stored"] == 3  # Groningen, Assen, Eemsdelta 2021


def test_counts_of_old_codes_are_added_up(cbs):
    stat_values_import_cbs(indicator="huishoudens", table="70072ned", measure_code="M000233", client=cbs)
    assert _value("huishoudens", "GM1979", 2019).value == Decimal("23.1")


def test_reimporting_updates_and_never_duplicates(cbs, recorder):
    arguments = {"indicator": "huishoudens", "table": "70072ned", "measure_code": "M000233", "client": cbs}
    first = stat_values_import_cbs(**arguments)
    StatValue.objects.filter(municipality__code="GM0014").update(value=1)
    second = stat_values_import_cbs(**arguments)
    assert (first["stored"], first["updated"]) == (3, 0)
    assert (second["stored"], second["updated"]) == (0, 3)
    assert StatValue.objects.filter(indicator__code="huishoudens").count() == 3
    assert _value("huishoudens", "GM0014", 2019).value == Decimal("130.4")


def test_only_the_regions_codes_and_the_years_asked_for_are_requested(cbs, recorder):
    stat_values_import_cbs(
        indicator="huishoudens", table="70072ned", measure_code="M000233", client=cbs, years=[2019, 2020]
    )
    query = recorder.requests[0].url.params["$filter"]
    assert "RegioS eq 'GM0003'" in query and "RegioS eq 'GM1979'" in query and "RegioS eq 'GM0053'" in query
    assert "Perioden eq '2019JJ00' or Perioden eq '2020JJ00'" in query
    assert "GM0363" not in query  # Amsterdam is not ours


def test_the_indicator_must_exist_and_have_a_table():
    with pytest.raises(ApplicationError) as unknown:
        stat_values_import_cbs(indicator="bestaat-niet", table="70072ned", measure_code="M1")
    assert unknown.value.status == 404
    with pytest.raises(ApplicationError) as missing:
        stat_values_import_cbs(indicator="banen")
    assert missing.value.code == "stat_cbs_table_missing"


def test_table_and_measure_default_to_the_indicators_own(cbs, recorder):
    StatIndicator.objects.filter(code="huishoudens").update(cbs_table="70072ned", cbs_measure="M000233")
    result = stat_values_import_cbs(indicator="huishoudens", client=cbs)
    assert result["stored"] == 3
    assert "Measure eq 'M000233'" in recorder.requests[0].url.params["$filter"]
