import pytest
from django.urls import reverse

from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.tests.factories import CompetencyFactory

pytestmark = pytest.mark.django_db


def test_url_names():
    assert reverse("opportunities:list") == "/werk/"
    assert reverse("opportunities:detail", args=[5]) == "/werk/5/"


def test_the_list_is_public_and_shows_open_work_only(client):
    OpportunityFactory(title="Helpende in Assen")
    OpportunityFactory(title="Gesloten baan", status="closed")

    response = client.get(reverse("opportunities:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Helpende in Assen" in html
    assert "Gesloten baan" not in html
    assert "Werk en opdrachten" in html


def test_filters_work_with_a_plain_get_form(client):
    OpportunityFactory(title="Basisbaan groen", kind="basic_job", municipality=municipality("GM0106"))
    OpportunityFactory(title="Vacature zorg", kind="vacancy", municipality=municipality("GM0106"))

    html = client.get(
        reverse("opportunities:list"), {"kind": "basic_job", "municipality": "GM0106"}
    ).content.decode()

    assert "Basisbaan groen" in html
    assert "Vacature zorg" not in html
    for field in ("q", "kind", "municipality", "sector"):
        assert f'for="id_{field}"' in html


def test_a_bad_filter_shows_an_error_instead_of_failing(client):
    OpportunityFactory(title="Vacature zorg")
    response = client.get(reverse("opportunities:list"), {"kind": "ruimtevaart", "municipality": "GM9999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies iets uit de lijst." in html
    assert "Kies een gemeente uit de lijst." in html
    assert "Vacature zorg" in html


def test_the_detail_shows_required_competencies_in_words(client):
    requirement = OpportunityCompetencyFactory(
        competency=CompetencyFactory(label="Hygiënisch werken"), level=3, essential=False
    )

    response = client.get(reverse("opportunities:detail", args=[requirement.opportunity.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hygiënisch werken" in html
    assert "Zelfstandig, ook bij lastige taken" in html
    assert "Fijn als u dit kunt" in html


def test_a_closed_opportunity_is_not_found(client):
    closed = OpportunityFactory(status="closed")
    assert client.get(reverse("opportunities:detail", args=[closed.pk])).status_code == 404


def test_the_menu_links_to_work(client):
    assert f'href="{reverse("opportunities:list")}"' in client.get(reverse("web:home")).content.decode()


def test_the_detail_page_leads_a_resident_to_what_to_learn_and_a_member_to_candidates(client):
    from doorleren.accounts.models import Role
    from doorleren.accounts.tests.factories import UserFactory
    from doorleren.organisations.tests.factories import MembershipFactory

    opportunity = OpportunityFactory(title="Operator")
    url = reverse("opportunities:detail", args=[opportunity.pk])
    learn = f"/leren/route/?werk={opportunity.pk}"
    candidates = f"/werk/{opportunity.pk}/kandidaten/"

    html = client.get(url).content.decode()
    assert learn not in html and candidates not in html

    client.force_login(UserFactory(role=Role.RESIDENT))
    html = client.get(url).content.decode()
    assert learn in html and candidates not in html

    outsider = UserFactory(role=Role.EMPLOYER)
    client.force_login(outsider)
    html = client.get(url).content.decode()
    assert learn not in html and candidates not in html

    member = UserFactory(role=Role.EMPLOYER)
    MembershipFactory(user=member, organisation=opportunity.organisation)
    client.force_login(member)
    html = client.get(url).content.decode()
    assert candidates in html and learn not in html
