import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.profiles.tests.factories import ResidentCompetencyFactory

pytestmark = pytest.mark.django_db


def test_administrators_can_look_but_not_change(client):
    row = ResidentCompetencyFactory()
    client.force_login(UserFactory(role="administrator", is_staff=True, is_superuser=True))

    assert client.get("/beheer/profiles/residentprofile/").status_code == 200
    assert client.get(f"/beheer/profiles/residentprofile/{row.profile.pk}/change/").status_code == 200
    assert client.get("/beheer/profiles/residentprofile/add/").status_code == 403
    assert (
        client.post(f"/beheer/profiles/residentprofile/{row.profile.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
