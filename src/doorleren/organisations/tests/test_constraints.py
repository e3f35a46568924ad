"""The database refuses what the services refuse, also when code bypasses them."""

import pytest
from django.db import IntegrityError

from doorleren.organisations.models import Organisation
from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "employer", "name": "Zonder KvK", "kvk_number": ""},
        {"kind": "employer", "name": "Korte KvK", "kvk_number": "123"},
        {"kind": "school", "name": "Zonder BRIN", "brin_code": ""},
        {"kind": "government", "name": "Gemeente met BRIN", "brin_code": "25LX"},
        {"kind": "school", "name": "School met grootte", "brin_code": "25LX", "size_class": "small"},
        {"kind": "employer", "name": "Werkplaats", "kvk_number": "12345678", "is_innovation_workshop": True},
    ],
)
def test_invalid_rows_are_refused(fields):
    with pytest.raises(IntegrityError):
        Organisation.objects.create(**fields)


def test_kvk_number_is_unique():
    OrganisationFactory(kvk_number="12345678")
    with pytest.raises(IntegrityError):
        OrganisationFactory(kvk_number="12345678")


def test_brin_code_is_unique():
    SchoolFactory(brin_code="25LX")
    with pytest.raises(IntegrityError):
        SchoolFactory(brin_code="25LX")


def test_many_organisations_without_kvk_are_fine():
    Organisation.objects.create(kind="government", name="Gemeente A")
    Organisation.objects.create(kind="funder", name="Fonds B")
    assert Organisation.objects.count() == 2
