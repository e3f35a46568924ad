"""Fuzz ``stat_values_import_csv`` and ``doorleren indicators import-csv`` (issue 7): a damaged file is
refused with one Dutch message and no figure changes; what is imported never crashes the import.

Figures are already stored before the examples (so a refused import that wrote or changed some
shows in the snapshot); each example runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorleren.core.errors import ApplicationError
from doorleren.core.tests.fuzz_strategies import byte_mutations, csv_mutations
from doorleren.monitoring.models import StatIndicator, StatValue
from doorleren.monitoring.services.statistics import stat_values_import_csv

pytestmark = pytest.mark.django_db(transaction=False)

HEADER = ["indicator", "gemeente", "jaar", "waarde"]
ROWS = [
    ["netto-arbeidsparticipatie", "GM0014", "2023", "66,1"],
    ["netto-arbeidsparticipatie", "Assen", "2023", "67.4"],
    ["banen", "regio", "2019", "339000"],
    ["banen", "tynaarlo", "2023", "1.234,5"],
    # Oldambt (GM1895) in 2008, from the three municipalities that formed it in 2010
    ["banen", "GM1661", "2008", "1000"],
    ["banen", "GM0039", "2008", "2000"],
    ["banen", "Winschoten", "2008", "3000"],
]
VALID = ("\n".join(";".join(row) for row in [HEADER, *ROWS]) + "\n").encode("utf-8")

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def stored(db):
    stat_values_import_csv(
        file=io.StringIO("indicator;gemeente;jaar;waarde\nbanen;GM0014;2023;100\nbanen;regio;2019;5\n"),
        source_detail="Eerder",
    )


def snapshot() -> list:
    return list(StatValue.objects.order_by("pk").values_list())


def check_refusal(error: ApplicationError) -> None:
    assert error.code.startswith("stat_csv_"), error.code
    message = error.message.strip()
    assert message and "Traceback" not in message


def import_or_refuse(data: bytes) -> bool:
    with transaction.atomic():
        before = snapshot()
        try:
            result = stat_values_import_csv(file=io.BytesIO(data), source_detail="Fuzz")
        except ApplicationError as error:
            check_refusal(error)
            assert snapshot() == before
            imported = False
        else:
            assert result["figures"] >= 1
            assert result["stored"] + result["updated"] + len(result["skipped"]) >= 1
            imported = True
        transaction.set_rollback(True)
    return imported


def test_the_valid_sample_is_imported(stored):
    assert import_or_refuse(VALID)


@FUZZ
@given(data=st.data())
def test_damaged_bytes_are_imported_or_refused_without_a_change(stored, data):
    import_or_refuse(data.draw(byte_mutations(VALID)))


@FUZZ
@given(data=st.data(), delimiter=st.sampled_from([";", ","]))
def test_wrong_cells_and_columns_are_imported_or_refused_without_a_change(stored, data, delimiter):
    import_or_refuse(data.draw(csv_mutations(HEADER, ROWS, delimiter=delimiter)))


number_text = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=8).map(str),
    st.integers(-(10**19), 10**19).map(str),
    st.sampled_from(["-999999999999,99999999", "1000000000000", "-1000000000000", "0,00000001", "0"]),
)


@FUZZ
@given(
    weights=st.lists(number_text, min_size=3, max_size=3),
    values=st.lists(number_text, min_size=3, max_size=3),
)
def test_extreme_numbers_for_merged_municipalities_never_crash(stored, weights, values):
    """A weighted mean over old municipalities (Oldambt, 2008) with any weights and values."""
    indicator = (
        StatIndicator.objects.filter(aggregation="weighted_mean").exclude(weight_indicator=None).first()
    )
    weight = indicator.weight_indicator.code
    lines = ["indicator;gemeente;jaar;waarde"]
    for code, w, v in zip(("GM1661", "GM0039", "GM0052"), weights, values, strict=True):
        lines += [f"{weight};{code};2008;{w}", f"{indicator.code};{code};2008;{v}"]
    import_or_refuse(("\n".join(lines) + "\n").encode())


def test_a_weighted_mean_too_big_to_store_is_skipped_not_a_crash(stored):
    """Weights that almost cancel out (sum 0.00000001) make a mean far above the largest value."""
    indicator = (
        StatIndicator.objects.filter(aggregation="weighted_mean").exclude(weight_indicator=None).first()
    )
    weight = indicator.weight_indicator.code
    text = (
        "indicator;gemeente;jaar;waarde\n"
        f"{weight};GM1661;2008;1000000000000\n{weight};GM0039;2008;-999999999999,99999999\n"
        f"{weight};GM0052;2008;0\n{indicator.code};GM1661;2008;1000000000000\n"
        f"{indicator.code};GM0039;2008;-1000000000000\n{indicator.code};GM0052;2008;5\n"
    )
    result = stat_values_import_csv(file=io.StringIO(text), source_detail="x")
    assert [s["reden"] for s in result["skipped"] if s["indicator"] == indicator.code] == [
        "Dit getal is te groot."
    ]


@FUZZ
@given(data=st.data())
def test_the_command_answers_or_exits_2_with_one_line(stored, data):
    damaged = data.draw(byte_mutations(VALID))
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        path = Path(folder) / "cijfers.csv"
        path.write_bytes(damaged)
        before = snapshot()
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("indicators", "import-csv", str(path), stdout=out, stderr=err)
        except SystemExit as exit_:
            assert exit_.code == 2
            assert out.getvalue() == ""
            lines = err.getvalue().strip().splitlines()
            assert len(lines) == 2, err.getvalue()  # "Bestand ... inlezen ..." and the reason
            assert lines[1].strip() and "Traceback" not in lines[1]
            assert snapshot() == before
        else:
            assert out.getvalue().strip().startswith("{")
        transaction.set_rollback(True)
