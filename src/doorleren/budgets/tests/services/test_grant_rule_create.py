"""grant_rule_create: a funder's regulation with eligibility and what it pays for."""

import datetime as dt

import pytest

from doorleren.budgets import services
from doorleren.core.errors import ApplicationError
from doorleren.learning.tests.factories import SectorFactory
from doorleren.organisations.tests.factories import GovernmentFactory, SchoolFactory
from doorleren.region.tests.factories import municipality

from ..factories import TODAY, funder

pytestmark = pytest.mark.django_db


def _create(**extra):
    data = {
        "funder": funder(),
        "name": "Scholingsbudget",
        "amount_cents": 75_000,
        "valid_from": TODAY,
        "valid_until": TODAY + dt.timedelta(days=365),
    }
    return services.grant_rule_create(**{**data, **extra})


def test_a_rule_keeps_eligibility_and_what_it_pays_for():
    sector, school = SectorFactory(code="ict-digitalisering"), SchoolFactory()
    rule = _create(
        for_students=False,
        municipalities=[municipality("GM1979")],
        max_education_level="mbo2",
        max_employer_size="small",
        min_nlqf_level=1,
        max_nlqf_level=4,
        pays_without_level=False,
        sectors=[sector],
        providers=[school],
        order=10,
    )
    assert (rule.for_workers, rule.for_job_seekers, rule.for_students) == (True, True, False)
    assert list(rule.municipalities.values_list("code", flat=True)) == ["GM1979"]
    assert list(rule.sectors.all()) == [sector]
    assert list(rule.providers.all()) == [school]
    assert (rule.min_nlqf_level, rule.max_nlqf_level, rule.order) == (1, 4, 10)


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"amount_cents": 0}, "ledger_amount_not_positive"),
        ({"amount_cents": 10**12 + 1}, "ledger_amount_too_high"),
        ({"amount_cents": 12.5}, "ledger_amount_not_whole_cents"),
        ({"valid_until": TODAY - dt.timedelta(days=1)}, "grant_rule_dates_reversed"),
        ({"valid_from": "2026-01-01"}, "grant_rule_valid_from_invalid"),
        (
            {"for_workers": False, "for_job_seekers": False, "for_students": False},
            "grant_rule_no_target_group",
        ),
        ({"max_education_level": "phd"}, "grant_rule_education_invalid"),
        ({"max_employer_size": "huge"}, "grant_rule_size_invalid"),
        ({"min_nlqf_level": 0}, "grant_rule_nlqf_invalid"),
        ({"max_nlqf_level": 9}, "grant_rule_nlqf_invalid"),
        ({"min_nlqf_level": 5, "max_nlqf_level": 3}, "grant_rule_nlqf_reversed"),
        ({"order": -1}, "grant_rule_order_invalid"),
        ({"order": 1001}, "grant_rule_order_invalid"),
        ({"name": ""}, "grant_rule_name_empty"),
    ],
)
def test_bad_rules_are_refused(extra, code):
    with pytest.raises(ApplicationError) as caught:
        _create(**extra)
    assert caught.value.code == code


def test_only_schools_and_companies_can_be_providers():
    with pytest.raises(ApplicationError) as caught:
        _create(providers=[GovernmentFactory()])
    assert caught.value.code == "grant_rule_provider_invalid"


def test_a_name_is_used_once_per_funder():
    money = funder()
    _create(funder=money)
    with pytest.raises(ApplicationError) as caught:
        _create(funder=money)
    assert caught.value.code == "grant_rule_name_taken"
    _create()  # another funder may use the same name
