import datetime as dt

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.errors import ApplicationError
from doorleren.organisations.selectors import (
    organisation_get,
    organisations_filter,
    organisations_for_user,
    organisations_public,
)
from doorleren.organisations.tests.factories import (
    FunderFactory,
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


def test_public_directory_hides_employers_that_did_not_join_the_cooperative():
    member = OrganisationFactory(joined_cooperative_at=dt.date(2024, 1, 1))
    outsider = OrganisationFactory()
    school, government, funder = SchoolFactory(), GovernmentFactory(), FunderFactory()
    assert set(organisations_public()) == {member, school, government, funder}
    assert outsider not in organisations_public()


def test_filter_by_kind_municipality_sector_and_name():
    assen = municipality("GM0106")
    school = SchoolFactory(name="Drenthe College", municipality=assen)
    SchoolFactory(name="Noorderpoort", municipality=municipality("GM0014"))
    OrganisationFactory(
        name="Assen Zorg",
        municipality=assen,
        joined_cooperative_at=dt.date(2024, 1, 1),
        sector_code="zorg-welzijn",
    )
    assert list(organisations_filter(kind="school", municipality=assen)) == [school]
    assert [o.name for o in organisations_filter(sector_code="zorg-welzijn")] == ["Assen Zorg"]
    assert [o.name for o in organisations_filter(search="drenthe")] == ["Drenthe College"]


def test_get_hides_non_public_organisations_unless_asked():
    outsider = OrganisationFactory()
    with pytest.raises(ApplicationError) as excinfo:
        organisation_get(pk=outsider.pk)
    assert excinfo.value.status == 404
    assert organisation_get(pk=outsider.pk, public_only=False) == outsider


def test_organisations_for_user_are_their_memberships():
    membership = MembershipFactory()
    OrganisationFactory()
    assert list(organisations_for_user(user=membership.user)) == [membership.organisation]
    assert not organisations_for_user(user=UserFactory()).exists()
