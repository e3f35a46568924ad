"""``stat_values_import_csv``: a CSV file, all or nothing, with old municipality codes mapped."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.monitoring.models import StatSource, StatValue
from doorleren.monitoring.services.statistics import MAX_CSV_ROWS, parse_dutch_number, stat_values_import_csv

pytestmark = pytest.mark.django_db


def _import(text: str, **kwargs):
    return stat_values_import_csv(
        file=io.StringIO(text), source_detail=kwargs.pop("source_detail", "Test"), **kwargs
    )


def _value(code: str, municipality: str | None, year: int) -> StatValue:
    return StatValue.objects.get(indicator__code=code, municipality__code=municipality, year=year)


GOOD = """indicator;gemeente;jaar;waarde
netto-arbeidsparticipatie;GM0014;2023;66,1
netto-arbeidsparticipatie;Assen;2023;67.4
banen;regio;2019;339000
banen;tynaarlo;2023;1.234,5
"""


def test_a_good_file_is_stored_with_dutch_decimals_names_and_the_region():
    result = _import(GOOD, source_detail="Monitor 2023")
    assert result["stored"] == 4 and result["updated"] == 0 and result["skipped"] == []
    assert _value("netto-arbeidsparticipatie", "GM0014", 2023).value == Decimal("66.1")
    assert _value("netto-arbeidsparticipatie", "GM0106", 2023).value == Decimal("67.4")
    assert _value("banen", "GM1730", 2023).value == Decimal("1234.5")
    region = StatValue.objects.get(indicator__code="banen", municipality=None, year=2019)
    assert region.value == 339000
    assert region.source == StatSource.CSV and region.source_detail == "Monitor 2023"


def test_bytes_with_a_byte_order_mark_and_commas_are_read():
    data = '\ufeffindicator,gemeente,jaar,waarde\nwerkloosheid,GM0047,2022,"4,2"\n'.encode()
    result = stat_values_import_csv(file=io.BytesIO(data), source_detail="x")
    assert result["stored"] == 1
    assert _value("werkloosheid", "GM0047", 2022).value == Decimal("4.2")


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("netto-arbeidsparticipatie;GM0014;2023;veel", "waarde"),
        ("netto-arbeidsparticipatie;GM0014;twintig;66,1", "jaar"),
        ("bestaat-niet;GM0014;2023;66,1", "indicator"),
        ("netto-arbeidsparticipatie;;2023;66,1", "gemeente"),
    ],
)
def test_a_bad_line_names_line_and_column_and_nothing_is_stored(line, column):
    text = "indicator;gemeente;jaar;waarde\nwerkloosheid;GM0047;2022;4,2\n" + line + "\n"
    with pytest.raises(ApplicationError) as error:
        _import(text)
    assert error.value.message.startswith(f"Regel 3, kolom ‘{column}’")
    assert "niets opgeslagen" in error.value.message
    assert error.value.extra["line"] == 3 and error.value.extra["column"] == column
    assert not StatValue.objects.exists()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "stat_csv_empty"),
        (b"wat;is;dit\n1;2;3\n", "stat_csv_header"),
        (b"indicator;gemeente;jaar;waarde\n", "stat_csv_no_rows"),
        ("indicator;gemeente;jaar;waarde\nbanen;Caf\xe9;2020;1\n".encode("latin-1"), "stat_csv_not_utf8"),
        (bytes(range(256)), "stat_csv_not_utf8"),
        (b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2020\n", "stat_csv_invalid"),
        (b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2020;1\nbanen;gm0014;2020;2\n", "stat_csv_invalid"),
        (b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2020;99999999999999999999\n", "stat_csv_invalid"),
    ],
)
def test_malformed_files_are_refused_in_dutch(content, code):
    with pytest.raises(ApplicationError) as error:
        stat_values_import_csv(file=io.BytesIO(content), source_detail="x")
    assert error.value.code == code
    assert error.value.status == 400
    assert not StatValue.objects.exists()


def test_size_and_row_limits():
    too_many = "indicator;gemeente;jaar;waarde\n" + "".join(
        f"banen;GM0014;{1990 + i % 100};{i}\n" for i in range(MAX_CSV_ROWS + 1)
    )
    with pytest.raises(ApplicationError) as rows:
        _import(too_many)
    assert rows.value.code in {"stat_csv_too_many_rows", "stat_csv_too_large"}
    with pytest.raises(ApplicationError) as size:
        stat_values_import_csv(file=io.BytesIO(b"x" * (3 * 1024 * 1024)), source_detail="x")
    assert size.value.code == "stat_csv_too_large"


def test_old_codes_of_a_count_are_summed_and_marked():
    text = "indicator;gemeente;jaar;waarde\nbanen;GM0003;2019;4000\nbanen;Delfzijl;2019;9000\nbanen;GM0024;2019;2000\n"
    result = _import(text)
    eemsdelta = _value("banen", "GM1979", 2019)
    assert eemsdelta.value == 15000
    assert eemsdelta.reported_codes == "GM0003, GM0010, GM0024"
    assert eemsdelta.is_merged
    assert result["mapped_from_old_codes"][0]["gemeente"] == "Eemsdelta"


def test_old_codes_of_a_percentage_are_weighted_with_the_weight_indicator_of_the_same_file():
    text = (
        "indicator;gemeente;jaar;waarde\n"
        "werkloosheid;GM0017;2018;3,0\nwerkloosheid;GM0009;2018;5,0\nwerkloosheid;GM0014;2018;6,0\n"
        "bevolking-15-75;GM0017;2018;15000\nbevolking-15-75;GM0009;2018;5000\nbevolking-15-75;GM0014;2018;180000\n"
    )
    _import(text)
    groningen = _value("werkloosheid", "GM0014", 2018)
    # (3·15000 + 5·5000 + 6·180000) / 200000
    assert groningen.value == Decimal("5.75")
    assert groningen.reported_codes == "GM0009, GM0014, GM0017"
    assert _value("bevolking-15-75", "GM0014", 2018).value == 200000


def test_missing_weights_skip_the_figure_with_a_reason():
    text = "indicator;gemeente;jaar;waarde\nwerkloosheid;GM0003;2019;5\nwerkloosheid;GM0010;2019;6\nwerkloosheid;GM0024;2019;4\n"
    result = _import(text)
    assert not StatValue.objects.filter(indicator__code="werkloosheid").exists()
    assert len(result["skipped"]) == 1
    assert "gewicht" in result["skipped"][0]["reden"]
    assert "Appingedam (GM0003)" in result["skipped"][0]["reden"]


def test_an_incomplete_set_of_old_municipalities_is_skipped():
    text = "indicator;gemeente;jaar;waarde\nbanen;GM0003;2019;4000\nbanen;GM0010;2019;9000\n"
    result = _import(text)
    assert not StatValue.objects.exists()
    assert "Loppersum (GM0024)" in result["skipped"][0]["reden"]


def test_a_code_outside_the_region_is_skipped_and_reported():
    text = "indicator;gemeente;jaar;waarde\nbanen;GM0363;2020;500000\nbanen;Amsterdam;2020;1\nbanen;GM0014;2020;150000\n"
    result = _import(text)
    assert result["stored"] == 1
    assert [item["gemeente"] for item in result["skipped"]] == ["GM0363", "Amsterdam"]
    assert all("geen gemeente in de regio" in item["reden"] for item in result["skipped"])


def test_a_partial_merger_maps_to_the_main_successor_and_says_so():
    text = (
        "indicator;gemeente;jaar;waarde\n"
        "banen;Bedum;2018;3000\nbanen;De Marne;2018;2000\nbanen;Eemsmond;2018;4000\nbanen;Winsum;2018;3500\n"
    )
    result = _import(text)
    assert _value("banen", "GM1966", 2018).value == 12500
    assert any(
        "Winsum" in note and "Westerkwartier" in note and "Het Hogeland" in note for note in result["notes"]
    )


def test_a_figure_of_a_municipality_after_it_was_dissolved_is_skipped():
    result = _import("indicator;gemeente;jaar;waarde\nbanen;GM0024;2022;2000\n")
    assert not StatValue.objects.exists()
    assert "bestond in 2022 niet meer" in result["skipped"][0]["reden"]


def test_reimport_updates_values_never_duplicates():
    _import("indicator;gemeente;jaar;waarde\nbanen;GM0014;2020;150000\n")
    result = _import("indicator;gemeente;jaar;waarde\nbanen;Groningen;2020;151000\n")
    assert (result["stored"], result["updated"]) == (0, 1)
    assert StatValue.objects.filter(indicator__code="banen").count() == 1
    assert _value("banen", "GM0014", 2020).value == 151000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("64,8", Decimal("64.8")),
        ("64.8", Decimal("64.8")),
        ("339000", Decimal(339000)),
        ("1.234,5", Decimal("1234.5")),
        ("-0,15", Decimal("-0.15")),
        (" 12 ", Decimal(12)),
        ("1,2,3", None),
        ("abc", None),
        ("", None),
        ("1e5", None),
    ],
)
def test_dutch_numbers(text, expected):
    assert parse_dutch_number(text) == expected
