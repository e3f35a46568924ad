import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory

pytestmark = pytest.mark.django_db


def test_administrators_can_look_but_not_change(client):
    requirement = OpportunityCompetencyFactory()
    client.force_login(UserFactory(role="administrator", is_staff=True, is_superuser=True))

    assert client.get("/beheer/opportunities/opportunity/").status_code == 200
    assert (
        client.get(f"/beheer/opportunities/opportunity/{requirement.opportunity.pk}/change/").status_code
        == 200
    )
    assert client.get("/beheer/opportunities/opportunity/add/").status_code == 403
