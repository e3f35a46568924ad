"""Each role gets its own start page with its own data; the programme office never sees persons."""

import pytest
from django.urls import reverse

from doorleren.accounts.tests.factories import ConsentFactory, UserFactory
from doorleren.learning.models import PublicationStatus
from doorleren.learning.tests.factories import ModuleFactory
from doorleren.opportunities.models import OpportunityStatus
from doorleren.opportunities.tests.factories import OpportunityFactory
from doorleren.organisations.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)
from doorleren.profiles.tests.factories import ResidentProfileFactory
from doorleren.region.tests.factories import municipality
from doorleren.web.start_pages import (
    OWN_LIST_MAX,
    PAGES,
    SMALL_CELL,
    municipality_table,
    person_count,
    resident_total,
)

pytestmark = pytest.mark.django_db

ROLES = ["resident", "employer", "school", "coach", "programme_office", "administrator"]


def test_every_role_has_a_start_page():
    assert set(PAGES) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_start_page_renders_for_each_role(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get(reverse("web:start"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == f"web/start/{role}.html"
    assert "Welkom, Sanne" in response.content.decode()


def test_resident_start_page_answers_the_three_questions(client):
    client.force_login(UserFactory(role="resident"))
    html = client.get(reverse("web:start")).content.decode()
    for question in ("Wat kan ik?", "Welk werk past bij mij?", "Wat moet ik leren?"):
        assert question in html
    assert reverse("profiles:overview") in html
    assert reverse("learning:module_list") in html


def test_coach_sees_only_residents_who_gave_consent(client):
    desk = GovernmentFactory()
    coach = MembershipFactory(user=UserFactory(role="coach"), organisation=desk).user
    with_consent = UserFactory(first_name="Anne", last_name="Met Toestemming")
    UserFactory(first_name="Piet", last_name="Zonder Toestemming")
    ConsentFactory(resident=with_consent, organisation=desk)
    client.force_login(coach)
    html = client.get(reverse("web:start")).content.decode()
    assert "Anne Met Toestemming" in html
    assert reverse("profiles:resident_detail", kwargs={"user_id": with_consent.pk}) in html
    assert "Piet Zonder Toestemming" not in html


def test_programme_office_sees_no_names(client):
    UserFactory(first_name="Anne", last_name="Geheim")
    client.force_login(UserFactory(role="programme_office"))
    html = client.get(reverse("web:start")).content.decode()
    assert "Geheim" not in html
    assert "Aantallen per gemeente" in html


def test_administrator_start_page_links_to_the_admin(client):
    client.force_login(UserFactory(role="administrator"))
    assert 'href="/beheer/"' in client.get(reverse("web:start")).content.decode()


@pytest.mark.parametrize(
    ("value", "suppressed"), [(0, True), (1, True), (SMALL_CELL - 1, True), (SMALL_CELL, False)]
)
def test_small_person_counts_are_suppressed(value, suppressed):
    assert person_count(value).suppressed is suppressed


def _rows(values):
    return [{"residents": person_count(value)} for value in values]


def test_regional_total_is_shown_when_no_cell_is_small():
    assert resident_total({1: 12, 2: 30}, _rows([12, 30])).value == 42


def test_regional_total_is_withheld_when_it_would_give_away_a_small_cell():
    # 50 - 45 would show that the second municipality has 5 residents.
    assert resident_total({1: 45, 2: 5}, _rows([45, 5])) is None


def test_regional_total_is_shown_when_the_small_cells_together_are_not_small():
    assert resident_total({1: 40, 2: 6, 3: 7}, _rows([40, 6, 7])).value == 53


def test_municipality_table_suppresses_small_resident_counts():
    from doorleren.region.selectors import municipalities_current

    groningen = municipalities_current().get(code="GM0014")
    rows = {row["municipality"].code: row for row in municipality_table(resident_counts={groningen.pk: 3})}
    assert rows["GM0014"]["residents"].suppressed
    assert rows["GM0014"]["modules"] == 0


def _programme_office_page(client) -> str:
    client.force_login(UserFactory(role="programme_office"))
    return client.get(reverse("web:start")).content.decode()


def _resident_cell(html: str, municipality_name: str) -> str:
    """The text of the residents column in the row of ``municipality_name``."""
    row = html.split(f'scope="row">{municipality_name}</th>', 1)[1].split("</tr>", 1)[0]
    return row.split("</td>", 1)[0].rsplit(">", 1)[1].strip()


def test_programme_office_page_shows_minder_dan_10_for_a_small_municipality(client):
    ResidentProfileFactory.create_batch(4, municipality=municipality("GM0014"))
    ResidentProfileFactory.create_batch(SMALL_CELL + 2, municipality=municipality("GM0106"))
    html = _programme_office_page(client)
    assert _resident_cell(html, "Groningen") == "minder dan 10"
    assert _resident_cell(html, "Assen") == str(SMALL_CELL + 2)
    # 16 - 12 would give away Groningen's 4 (all other municipalities have 0): no regional total.
    assert "Inwoners met een profiel</dt>" not in html


def test_programme_office_page_shows_the_total_when_the_small_cells_give_nothing_away(client):
    for code in ("GM0014", "GM0106"):
        ResidentProfileFactory.create_batch(SMALL_CELL, municipality=municipality(code))
    ResidentProfileFactory.create_batch(6, municipality=municipality("GM0037"))
    ResidentProfileFactory.create_batch(7, municipality=municipality("GM0047"))
    html = _programme_office_page(client)
    assert _resident_cell(html, "Groningen") == str(SMALL_CELL)
    assert _resident_cell(html, "Stadskanaal") == "minder dan 10"
    figure = html.split("Inwoners met een profiel</dt>", 1)[1].split("</dd>", 1)[0]
    assert figure.rsplit(">", 1)[1].strip() == str(2 * SMALL_CELL + 13)


def test_employer_sees_its_own_opportunities_closed_ones_without_a_link(client):
    employer = OrganisationFactory()
    user = MembershipFactory(organisation=employer).user
    open_one = OpportunityFactory(organisation=employer, title="Open vacature")
    closed = OpportunityFactory(organisation=employer, title="Oude vacature", status=OpportunityStatus.CLOSED)
    OpportunityFactory(title="Vacature van een ander")
    client.force_login(user)
    html = client.get(reverse("web:start")).content.decode()
    assert reverse("opportunities:detail", args=[open_one.pk]) in html
    assert "Oude vacature" in html
    assert "gesloten" in html
    assert reverse("opportunities:detail", args=[closed.pk]) not in html
    assert "Vacature van een ander" not in html


def test_employer_with_many_opportunities_sees_how_many_there_are(client):
    employer = OrganisationFactory()
    user = MembershipFactory(organisation=employer).user
    OpportunityFactory.create_batch(OWN_LIST_MAX + 1, organisation=employer)
    client.force_login(user)
    html = client.get(reverse("web:start")).content.decode()
    assert f"U ziet hier {OWN_LIST_MAX} van de {OWN_LIST_MAX + 1}." in html


def test_school_sees_its_own_drafts_without_a_link(client):
    school = SchoolFactory()
    user = MembershipFactory(user=UserFactory(role="school"), organisation=school).user
    published = ModuleFactory(provider=school, title="Gepubliceerde module")
    draft = ModuleFactory(provider=school, title="Conceptmodule", status=PublicationStatus.DRAFT)
    ModuleFactory(title="Module van een ander")
    client.force_login(user)
    html = client.get(reverse("web:start")).content.decode()
    assert reverse("learning:module_detail", args=[published.pk]) in html
    assert "Conceptmodule (concept, alleen u ziet deze module)" in html
    assert reverse("learning:module_detail", args=[draft.pk]) not in html
    assert "Module van een ander" not in html
