"""Ids of former municipalities map to the current municipality they became part of."""

import pytest

from doorleren.region.selectors import municipality_current_ids
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


def test_current_stays_itself_and_former_maps_to_its_successor():
    groningen, appingedam, haren = municipality("GM0014"), municipality("GM0003"), municipality("GM0017")
    result = municipality_current_ids(municipality_ids=[groningen.pk, appingedam.pk, haren.pk])
    assert result == {
        groningen.pk: groningen.pk,
        appingedam.pk: municipality("GM1979").pk,  # Eemsdelta
        haren.pk: groningen.pk,
    }


def test_unknown_ids_are_left_out():
    assert municipality_current_ids(municipality_ids=[987654321]) == {}
