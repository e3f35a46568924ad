"""Rules the database itself guards, whatever code writes."""

import pytest
from django.db import IntegrityError, transaction

from doorleren.learning.models import DeliveryMode
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory, ModuleStartFactory

pytestmark = pytest.mark.django_db


def refused(**kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleFactory(**kwargs)


def test_online_module_has_no_place(groningen):
    refused(mode=DeliveryMode.ONLINE, municipality=groningen)


def test_module_on_site_has_a_place():
    refused(mode=DeliveryMode.ON_SITE, municipality=None)


def test_price_is_never_negative():
    refused(price_cents=-1)


def test_nlqf_is_1_to_8():
    refused(nlqf_level=9)


def test_code_is_unique_per_provider(school):
    ModuleFactory(provider=school, code="A")
    refused(provider=school, code="A")
    assert ModuleFactory(code="A").code == "A"  # another provider


def test_competency_level_is_1_to_4():
    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleCompetencyFactory(level=5)


def test_end_date_not_before_start_date():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleStartFactory(start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 8, 31))
