"""An organisation sees all its own opportunities, closed ones too; never another organisation's."""

import datetime

import pytest
from django.utils import timezone

from doorleren.opportunities.models import OpportunityStatus
from doorleren.opportunities.selectors import opportunities_for_organisation, opportunities_search
from doorleren.opportunities.tests.factories import OpportunityFactory
from doorleren.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_includes_closed_opportunities_open_ones_first():
    employer = OrganisationFactory()
    closed_new = OpportunityFactory(organisation=employer, status=OpportunityStatus.CLOSED, title="Gesloten")
    open_old = OpportunityFactory(organisation=employer, title="Oud")
    open_new = OpportunityFactory(organisation=employer, title="Nieuw")
    # created_at decides "newest"; make the order explicit.
    now = timezone.now()
    for offset, opportunity in enumerate([closed_new, open_new, open_old]):
        type(opportunity).objects.filter(pk=opportunity.pk).update(
            created_at=now - datetime.timedelta(days=offset)
        )
    assert list(opportunities_for_organisation(organisation=employer)) == [open_new, open_old, closed_new]
    # The public search still hides the closed one.
    assert closed_new not in opportunities_search()


def test_only_the_organisations_own_opportunities():
    employer, other = OrganisationFactory(), OrganisationFactory()
    own = OpportunityFactory(organisation=employer)
    OpportunityFactory(organisation=other)
    OpportunityFactory(organisation=other, status=OpportunityStatus.CLOSED)
    assert list(opportunities_for_organisation(organisation=employer)) == [own]


def test_an_organisation_without_opportunities_gets_none():
    OpportunityFactory()
    assert not opportunities_for_organisation(organisation=OrganisationFactory()).exists()
