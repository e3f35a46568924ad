import datetime as dt

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.organisations.services import organisation_create, organisation_join_cooperative
from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


def test_employer_with_kvk_is_created_and_normalised():
    employer = organisation_create(
        kind="employer",
        name="  Bakkerij   Bolhuis ",
        kvk_number="12 34 56 78",
        municipality=municipality("GM0106"),
        sector_code="agrifood-eiwit",
        size_class="micro",
    )
    assert (employer.name, employer.kvk_number, employer.municipality.code) == (
        "Bakkerij Bolhuis",
        "12345678",
        "GM0106",
    )


def test_school_gets_upper_case_brin_and_a_level():
    school = organisation_create(kind="school", name="Noorderpoort", brin_code="25lx", school_level="mbo")
    assert (school.brin_code, school.school_level) == ("25LX", "mbo")


def test_school_without_level_gets_other():
    assert (
        organisation_create(kind="school", name="Volksuniversiteit", brin_code="99ZZ").school_level == "other"
    )


def test_former_municipality_is_stored_as_the_current_one():
    employer = organisation_create(
        kind="employer", name="Haven BV", kvk_number="87654321", municipality=municipality("GM0010")
    )
    assert employer.municipality.code == "GM1979"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "employer", "name": "Zonder KvK"}, "kvk_number_missing"),
        ({"kind": "employer", "name": "Te kort", "kvk_number": "1234567"}, "kvk_number_invalid"),
        ({"kind": "employer", "name": "Letters", "kvk_number": "1234567x"}, "kvk_number_invalid"),
        ({"kind": "employer", "name": "Nullen", "kvk_number": "00000000"}, "kvk_number_invalid"),
        ({"kind": "school", "name": "Zonder BRIN"}, "brin_code_missing"),
        ({"kind": "school", "name": "Slechte BRIN", "brin_code": "ABCD"}, "brin_code_invalid"),
        (
            {"kind": "employer", "name": "Met BRIN", "kvk_number": "12345678", "brin_code": "25LX"},
            "brin_code_not_school",
        ),
        ({"kind": "government", "name": "Gemeente", "size_class": "large"}, "size_class_not_employer"),
        (
            {"kind": "employer", "name": "X", "kvk_number": "12345678", "size_class": "huge"},
            "size_class_invalid",
        ),
        (
            {"kind": "employer", "name": "X", "kvk_number": "12345678", "sector_code": "ruimtevaart"},
            "sector_code_unknown",
        ),
        (
            {"kind": "employer", "name": "X", "kvk_number": "12345678", "is_innovation_workshop": True},
            "workshop_not_cooperative",
        ),
        ({"kind": "bank", "name": "X"}, "organisation_kind_invalid"),
        ({"kind": "", "name": "X"}, "organisation_kind_invalid"),
        ({"kind": "funder", "name": "   "}, "organisation_name_missing"),
        ({"kind": "funder", "name": "X" * 201}, "organisation_name_too_long"),
        ({"kind": "funder", "name": "X", "website": "javascript:alert(1)"}, "organisation_invalid"),
        ({"kind": "funder", "name": "X", "joined_cooperative_at": dt.date(2999, 1, 1)}, "joined_in_future"),
    ],
)
def test_bad_input_gives_a_dutch_application_error(fields, code):
    with pytest.raises(ApplicationError) as excinfo:
        organisation_create(**fields)
    assert excinfo.value.code == code
    assert excinfo.value.status == 400
    assert excinfo.value.message


def test_kvk_message_is_plain_dutch():
    with pytest.raises(ApplicationError, match="precies 8 cijfers"):
        organisation_create(kind="employer", name="X", kvk_number="123")


def test_duplicate_kvk_is_a_409():
    OrganisationFactory(kvk_number="12345678")
    with pytest.raises(ApplicationError) as excinfo:
        organisation_create(kind="employer", name="Tweede", kvk_number="12345678")
    assert (excinfo.value.code, excinfo.value.status) == ("kvk_number_taken", 409)


def test_duplicate_brin_is_a_409():
    organisation_create(kind="school", name="Een", brin_code="25LX")
    with pytest.raises(ApplicationError) as excinfo:
        organisation_create(kind="school", name="Twee", brin_code="25lx")
    assert excinfo.value.code == "brin_code_taken"


def test_innovation_workshop_is_a_cooperative():
    workshop = organisation_create(
        kind="cooperative", name="Innovatiewerkplaats Eemsdelta", is_innovation_workshop=True
    )
    assert workshop.is_innovation_workshop


def test_joining_the_cooperative_keeps_the_first_date():
    employer = OrganisationFactory()
    organisation_join_cooperative(organisation=employer, joined_on=dt.date(2024, 3, 1))
    organisation_join_cooperative(organisation=employer, joined_on=dt.date(2025, 1, 1))
    employer.refresh_from_db()
    assert employer.joined_cooperative_at == dt.date(2024, 3, 1)
