import datetime as dt

import pytest
from django.urls import reverse

from doorleren.organisations.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


def test_directory_lists_schools_and_members_not_outsiders(client):
    SchoolFactory(name="Alfa-college")
    OrganisationFactory(name="Lid BV", joined_cooperative_at=dt.date(2024, 1, 1))
    OrganisationFactory(name="Geheim BV")
    html = client.get(reverse("organisations:list")).content.decode()
    assert "Alfa-college" in html
    assert "Lid BV" in html
    assert "Geheim BV" not in html
    assert "2 organisaties gevonden" in html


def test_directory_filters_by_kind_and_municipality(client):
    SchoolFactory(name="Drenthe College", municipality=municipality("GM0106"))
    SchoolFactory(name="Noorderpoort", municipality=municipality("GM0014"))
    GovernmentFactory(name="Gemeente Assen", municipality=municipality("GM0106"))
    response = client.get(reverse("organisations:list"), {"kind": "school", "municipality": "GM0106"})
    html = response.content.decode()
    assert "Drenthe College" in html
    assert "Noorderpoort" not in html
    assert "Gemeente Assen" not in html


def test_directory_with_a_bad_filter_shows_an_error_summary_not_a_500(client):
    response = client.get(reverse("organisations:list"), {"municipality": "GM9999", "kind": "bank"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#id_municipality"' in html
    assert "Kies een gemeente uit de lijst." in html
    assert "0 organisaties gevonden" in html


def test_directory_does_not_show_persons(client):
    membership = MembershipFactory(organisation=SchoolFactory())
    html = client.get(reverse("organisations:detail", args=[membership.organisation.pk])).content.decode()
    assert membership.organisation.name in html
    assert membership.user.username not in html
    assert membership.user.last_name not in html


def test_detail_of_unlisted_employer_is_404(client):
    assert client.get(reverse("organisations:detail", args=[OrganisationFactory().pk])).status_code == 404


def test_every_filter_input_has_a_label(client):
    html = client.get(reverse("organisations:list")).content.decode()
    for name in ["kind", "municipality", "sector", "q"]:
        assert f'<label class="utrecht-form-label" for="id_{name}">' in html
