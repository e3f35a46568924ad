"""rule_eligibility: situation, municipality, education, employer and dates; reasons in plain Dutch."""

import datetime as dt

import pytest

from doorleren.budgets.models import FunderKind
from doorleren.budgets.selectors import rule_eligibility
from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.profiles.tests.factories import ResidentProfileFactory
from doorleren.region.tests.factories import municipality

from ..factories import TODAY, funder, rule

pytestmark = pytest.mark.django_db


def _check(regulation, on=TODAY, employer=None, **profile):
    return rule_eligibility(
        rule=regulation, profile=ResidentProfileFactory(**profile), employer=employer, on=on
    )


def test_a_rule_for_everyone_fits_everyone():
    result = _check(rule())
    assert result.eligible
    assert result.reasons == () == result.conditions


@pytest.mark.parametrize(("status", "eligible"), [("worker", True), ("job_seeker", False), ("student", True)])
def test_target_groups(status, eligible):
    assert _check(rule(for_job_seekers=False), status=status).eligible is eligible


def test_municipalities_empty_means_all_and_otherwise_the_list():
    regulation = rule(municipalities=[municipality("GM1979"), municipality("GM1966")])
    assert _check(regulation, municipality=municipality("GM1979")).eligible
    result = _check(regulation, municipality=municipality("GM0014"))
    assert not result.eligible
    assert result.reasons == ("Deze regeling is alleen voor inwoners van Eemsdelta en Het Hogeland.",)
    assert not _check(regulation, municipality=None).eligible


def test_a_former_municipality_counts_as_the_one_it_merged_into():
    from doorleren.region.models import Municipality

    loppersum = Municipality.objects.get(name="Loppersum")
    assert _check(rule(municipalities=[municipality("GM1979")]), municipality=loppersum).eligible


@pytest.mark.parametrize(
    ("level", "eligible"),
    [
        ("none", True),
        ("primary", True),
        ("vmbo", True),
        ("mbo2", True),
        ("mbo3", False),
        ("hbo", False),
        ("", False),
    ],
)
def test_education_at_most(level, eligible):
    assert _check(rule(max_education_level="mbo2"), education_level=level).eligible is eligible


def test_dates():
    regulation = rule(valid_from=TODAY, valid_until=TODAY + dt.timedelta(days=10))
    assert _check(regulation, on=TODAY).eligible
    assert _check(regulation, on=TODAY + dt.timedelta(days=10)).eligible
    late = _check(regulation, on=TODAY + dt.timedelta(days=11))
    assert not late.eligible
    assert late.reasons[0].startswith("Deze regeling is gestopt op")
    assert not _check(regulation, on=TODAY - dt.timedelta(days=1)).eligible


def test_employer_size_is_a_condition_until_the_employer_is_known():
    regulation = rule(max_employer_size="micro")
    unknown = _check(regulation)
    assert unknown.eligible
    assert unknown.conditions == ("Alleen als uw werkgever minder dan 10 medewerkers heeft.",)
    assert _check(regulation, employer=OrganisationFactory(size_class="micro")).eligible
    assert not _check(regulation, employer=OrganisationFactory(size_class="small")).eligible


def test_an_employer_top_up_is_for_that_employers_people():
    firm = OrganisationFactory(name="Wierde Afval")
    regulation = rule(funder_=funder(kind=FunderKind.EMPLOYER, organisation=firm))
    assert _check(regulation).conditions == ("Alleen als u bij Wierde Afval werkt.",)
    assert _check(regulation, employer=firm).conditions == ()
    assert not _check(regulation, employer=OrganisationFactory()).eligible


def test_without_a_profile_nothing_fits():
    result = rule_eligibility(rule=rule(), profile=None, on=TODAY)
    assert not result.eligible
    assert "profiel" in result.reasons[0]
