"""Fuzz ``modules_import_csv`` (issue 7): a damaged file is refused with Dutch messages, nothing changes.

Every example starts from the same database (a savepoint rolled back after it): the provider already
has two modules with competencies, a prerequisite and start dates, so an import that wrongly wrote
half a file, or wrongly changed an existing module, shows in the snapshot.
"""

from __future__ import annotations

import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorleren.core.errors import ApplicationError
from doorleren.core.tests.fuzz_strategies import byte_mutations, csv_mutations
from doorleren.learning.models import DeliveryMode, Module, ModuleCompetency, ModulePrerequisite, ModuleStart
from doorleren.learning.services import ModuleImportError, modules_import_csv
from doorleren.learning.tests.factories import CompetencyFactory, ModuleFactory
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db(transaction=False)

HEADER = [
    "code",
    "titel",
    "omschrijving",
    "uren",
    "prijs_euro",
    "nlqf",
    "vorm",
    "gemeente",
    "competenties",
    "voorkennis",
    "startdata",
    "taal",
    "status",
]
ROWS = [
    ["Z1", "Zorg thuis", "Leer zorgen.", "40", "450,00", "3", "op locatie", "Groningen",
     "zorg-observeren:2;zorg-rapporteren:3", "", "2026-09-01;2027-02-01", "nl", "gepubliceerd"],
    ["Z2", "Rapporteren", "", "24", "295.5", "", "online", "", "zorg-rapporteren:4", "Z1", "2026-10-05",
     "en", "concept"],
    ["OUD", "Bestaande module", "Anders", "8", "0", "2", "gemengd", "GM0106", "", "", "", "", ""],
]  # fmt: skip
VALID = "\n".join(",".join(f'"{cell}"' if ";" in cell or "," in cell else cell for cell in row)
                  for row in [HEADER, *ROWS]).encode() + b"\n"  # fmt: skip

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
def provider(school):
    CompetencyFactory(code="zorg-observeren")
    CompetencyFactory(code="zorg-rapporteren")
    old = ModuleFactory(
        provider=school,
        code="OUD",
        title="Oud",
        hours=4,
        mode=DeliveryMode.ON_SITE,
        municipality=municipality(),
    )
    ModuleFactory(
        provider=school,
        code="ANDER",
        title="Andere module",
        hours=2,
        mode=DeliveryMode.ONLINE,
        municipality=None,
    )
    ModuleStart.objects.create(module=old, start_date="2026-01-05")
    return school


def snapshot() -> list:
    """Every row the import can touch (all providers), ordered."""
    return [
        list(Module.objects.order_by("pk").values_list()),
        list(ModuleCompetency.objects.order_by("pk").values_list()),
        list(ModulePrerequisite.objects.order_by("pk").values_list()),
        list(ModuleStart.objects.order_by("pk").values_list()),
    ]


def import_or_refuse(provider, data: bytes) -> bool:
    """Import ``data`` in a savepoint that is rolled back; True when it was imported.

    A refusal must be a ``ModuleImportError`` (an ``ApplicationError``) with Dutch line messages and
    leave every table as it was."""
    with transaction.atomic():
        before = snapshot()
        try:
            result = modules_import_csv(provider=provider, file=io.BytesIO(data))
        except ApplicationError as error:
            assert isinstance(error, ModuleImportError)
            assert error.code == "import_invalid"
            assert error.message.startswith("Wij hebben niets ingelezen")
            assert error.errors and all(e.message.strip() for e in error.errors)
            assert all("Traceback" not in e.message for e in error.errors)
            assert snapshot() == before
            imported = False
        else:
            assert result.rows >= 1
            imported = True
        transaction.set_rollback(True)
    return imported


def test_the_valid_sample_is_imported(provider):
    assert import_or_refuse(provider, VALID)


@FUZZ
@given(data=st.data())
def test_damaged_bytes_are_imported_or_refused_without_a_change(provider, data):
    import_or_refuse(provider, data.draw(byte_mutations(VALID)))


@FUZZ
@given(data=st.data(), delimiter=st.sampled_from([",", ";"]))
def test_wrong_cells_and_columns_are_imported_or_refused_without_a_change(provider, data, delimiter):
    import_or_refuse(provider, data.draw(csv_mutations(HEADER, ROWS, delimiter=delimiter)))


@FUZZ
@given(data=st.data())
def test_a_bad_row_after_good_rows_stores_nothing(provider, data):
    """All or nothing: the good rows before a bad one are not stored either."""
    bad = data.draw(st.sampled_from([
        ["X1", "Kapot", "", "-4", "10", "", "online", "", "", "", "", "", ""],
        ["X1", "Kapot", "", "4", "NaN", "", "online", "", "", "", "", "", ""],
        ["X1", "Kapot", "", "4", "1e9", "", "online", "", "", "", "", "", ""],
        ["X1", "Kapot", "", "4", "10", "9", "online", "", "", "", "", "", ""],
        ["X1", "Kapot", "", "4", "10", "", "online", "", "onbekend:2", "", "", "", ""],
        ["X1", "Kapot", "", "4", "10", "", "online", "", "", "X1", "", "", ""],
        ["X1", "Kapot", "", "4", "10", "", "online", "", "", "", "2026-02-30", "", ""],
        ["X1", "", "", "4", "10", "", "online", "", "", "", "", "", ""],
        ["X1", "Kapot", "", "4", "10", "", "op locatie", "Atlantis", "", "", "", "", ""],
        ["Z1", "Dubbel", "", "4", "10", "", "online", "", "", "", "", "", ""],
        ["X1", "Kapot", "", "4", "10", "", "per post", "", "", "", "", "", ""],
        ["X1", "Kapot", "", "4", "10", "", "online", "", "", "", "", "xx", ""],
        ["X1", "Kapot", "", "4", "10", "", "online", "", "", "", "", "", "weg"],
        ["Z1", "Kring", "", "4", "10", "", "online", "", "", "Z2", "", "", ""],
    ]))  # fmt: skip
    rows = [list(row) for row in ROWS]
    if bad[0] == "Z1" and bad[1] == "Kring":
        rows[0] = bad  # Z1 needs Z2 and Z2 needs Z1
    else:
        rows.insert(data.draw(st.integers(0, len(rows))), bad)
    text = "\n".join(
        ",".join(f'"{c}"' if ";" in c or "," in c else c for c in row) for row in [HEADER, *rows]
    )
    assert not import_or_refuse(provider, text.encode() + b"\n")
