"""The programme office's numbers: residents with a profile per current municipality, no persons."""

import pytest

from doorleren.accounts.models import Role
from doorleren.profiles.selectors import resident_counts_by_municipality
from doorleren.profiles.tests.factories import ResidentFactory, ResidentProfileFactory
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


def test_counts_profiles_per_municipality():
    groningen, assen = municipality("GM0014"), municipality("GM0106")
    ResidentProfileFactory.create_batch(3, municipality=groningen)
    ResidentProfileFactory(municipality=assen)
    assert resident_counts_by_municipality() == {groningen.pk: 3, assen.pk: 1}


def test_gives_numbers_only():
    ResidentProfileFactory(municipality=municipality("GM0014"))
    counts = resident_counts_by_municipality()
    assert all(isinstance(key, int) and isinstance(value, int) for key, value in counts.items())


def test_a_former_municipality_counts_for_the_one_it_became_part_of():
    appingedam = municipality("GM0003")
    assert not appingedam.is_current
    ResidentProfileFactory(municipality=appingedam)
    ResidentProfileFactory(municipality=appingedam.successor)
    assert resident_counts_by_municipality() == {appingedam.successor.pk: 2}


def test_profiles_without_municipality_inactive_accounts_and_non_residents_do_not_count():
    groningen = municipality("GM0014")
    ResidentProfileFactory(municipality=None)
    ResidentProfileFactory(municipality=groningen, user=ResidentFactory(is_active=False))
    # A profile can only be made for a resident; a user whose role changed later is no longer counted.
    ResidentProfileFactory(municipality=groningen, user=ResidentFactory(role=Role.COACH))
    ResidentProfileFactory(municipality=groningen)
    assert resident_counts_by_municipality() == {groningen.pk: 1}


def test_no_profiles_gives_an_empty_result():
    assert resident_counts_by_municipality() == {}
