"""Organisations place, change and close work on /werk/nieuw/, /werk/<id>/wijzigen/ and /werk/<id>/sluiten/."""

import datetime

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.opportunities.models import Opportunity, OpportunityCompetency
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.organisations.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db
NEW = "/werk/nieuw/"


def _post(**overrides):
    data = {
        "kind": "vacancy",
        "title": "Medewerker afvalsortering",
        "description": "U sorteert afval op de band. U werkt veilig en netjes.",
        "municipality": "GM0014",
        "hours_per_week": "32",
        "sector": "",
        "starts_on": "",
        "action": "save",
    }
    return {**data, **overrides}


@pytest.fixture
def logged_in(client, henk):
    client.force_login(henk)
    return client


def test_the_kind_choice_explains_a_basic_job_in_plain_words(logged_in):
    html = logged_in.get(NEW).content.decode()
    assert "?soort=vacancy" in html and "?soort=practical_assignment" in html and "?soort=basic_job" in html
    assert "nog niet de stap naar gewoon werk" in html


def test_the_form_works_without_javascript(logged_in):
    html = logged_in.get(NEW, {"soort": "practical_assignment"}).content.decode()
    assert 'method="post"' in html and 'name="kind" value="practical_assignment"' in html
    for field in (
        "title",
        "description",
        "municipality",
        "hours_per_week",
        "starts_on",
        "ends_on",
        "team_size",
    ):
        assert f'for="id_{field}"' in html
    assert 'value="suggest"' in html and 'value="search"' in html


def test_a_vacancy_form_has_no_team_or_end(logged_in):
    html = logged_in.get(NEW, {"soort": "vacancy"}).content.decode()
    assert 'for="id_team_size"' not in html and 'for="id_ends_on"' not in html


def test_place_a_vacancy_with_competencies(logged_in, firm, henk, welding, sorting):
    response = logged_in.post(
        NEW,
        _post(
            comp_code=["tech-lassen", "afval-sorteren"],
            comp_level=["3", "2"],
            comp_need=["essential", "nice"],
        ),
    )
    assert response.status_code == 302 and response["Location"] == "/werk/mijn/"
    opportunity = Opportunity.objects.get()
    assert (opportunity.organisation, opportunity.kind, opportunity.status) == (firm, "vacancy", "open")
    rows = {
        r.competency.code: (r.level, r.essential, r.purpose)
        for r in opportunity.competency_requirements.all()
    }
    assert rows == {"tech-lassen": (3, True, "apply"), "afval-sorteren": (2, False, "apply")}
    event = AuditEvent.objects.get(action="opportunities.opportunity_create")
    assert event.actor == henk


def test_place_a_practical_assignment_with_competencies_to_apply_and_to_learn(logged_in, welding, sorting):
    response = logged_in.post(
        NEW,
        _post(
            kind="practical_assignment",
            starts_on="2027-02-01",
            ends_on="2027-06-30",
            team_size="4",
            comp_code=["afval-sorteren", "tech-lassen"],
            comp_level=["2", "2"],
            comp_need=["essential", "learn"],
        ),
    )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.team_size == 4 and opportunity.ends_on == datetime.date(2027, 6, 30)
    learned = opportunity.competency_requirements.get(competency=welding)
    assert (learned.purpose, learned.essential) == ("learn", False)
    html = logged_in.get(f"/werk/{opportunity.pk}/").content.decode()
    assert "dit leert u in de opdracht" in html


def test_place_a_basic_job(logged_in):
    assert logged_in.post(NEW, _post(kind="basic_job", hours_per_week="16")).status_code == 302
    assert Opportunity.objects.get().kind == "basic_job"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "x" * 201}, "hoogstens 200 tekens"),
        ({"description": "x" * 5001}, "hoogstens 5000 tekens"),
        ({"hours_per_week": "60"}, "hoogstens 40"),
        ({"municipality": "GM9999"}, "Kies een gemeente uit de lijst."),
        ({"organisation": "999999"}, "Kies een organisatie waarvoor u werkt."),
        ({"comp_code": ["bestaat-niet"], "comp_level": ["2"], "comp_need": ["essential"]}, "kennen wij niet"),
        (
            {"comp_code": ["tech-lassen"], "comp_level": ["9"], "comp_need": ["essential"]},
            "niveau van 1 tot en met 4",
        ),
        ({"comp_code": ["tech-lassen"], "comp_level": ["2"], "comp_need": ["learn"]}, "nodig is of fijn"),
        (
            {
                "kind": "practical_assignment",
                "starts_on": "2027-05-01",
                "ends_on": "2027-04-01",
                "team_size": "3",
            },
            "Het einde kan niet voor het begin liggen.",
        ),
        (
            {
                "kind": "practical_assignment",
                "starts_on": "2027-05-01",
                "ends_on": "2027-06-01",
                "team_size": "31",
            },
            "hoogstens 30 mensen",
        ),
        ({"kind": "practical_assignment", "team_size": "3"}, "Vul in wanneer de opdracht begint."),
    ],
)
def test_bad_input_is_a_dutch_message_and_stores_nothing(logged_in, welding, overrides, message):
    response = logged_in.post(NEW, _post(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and message in html
    assert not Opportunity.objects.exists()


def test_a_forged_kind_is_refused(logged_in):
    response = logged_in.post(NEW, _post(kind="stage"))
    assert response.status_code == 400
    assert "Kies vacature, praktijkopdracht of basisbaan." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_another_firms_organisation_cannot_be_chosen(logged_in):
    other = OrganisationFactory(name="Concurrent BV")
    response = logged_in.post(NEW, _post(organisation=str(other.pk)))
    assert response.status_code == 400
    assert not Opportunity.objects.exists()


def test_search_and_add_a_competency_keeps_what_was_typed(logged_in, welding):
    html = logged_in.post(NEW, _post(action="search", zoek="lassen")).content.decode()
    assert "Metaal lassen" in html and 'name="add" value="tech-lassen"' in html
    assert "Medewerker afvalsortering" in html  # the typed title travels along
    html = logged_in.post(NEW, _post(add="tech-lassen")).content.decode()
    assert 'name="comp_code" value="tech-lassen"' in html
    html = logged_in.post(
        NEW, _post(remove="tech-lassen", comp_code=["tech-lassen"], comp_level=["2"], comp_need=["essential"])
    ).content.decode()
    assert 'name="comp_code" value="tech-lassen"' not in html
    assert not Opportunity.objects.exists()


def test_suggest_from_the_description(logged_in, indexed):
    response = logged_in.post(
        NEW, _post(action="suggest", description="U gaat metaal lassen en afval sorteren op de band.")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="add" value="tech-lassen"' in html and 'name="add" value="afval-sorteren"' in html
    assert 'value="ict-excel"' not in html


def test_suggest_without_a_search_index_says_so_in_dutch(logged_in, no_index):
    response = logged_in.post(NEW, _post(action="suggest"))
    assert response.status_code == 200
    assert "zoekindex" in response.content.decode()


def test_edit_changes_the_fields_and_competencies(client, henk, firm, welding):
    opportunity = OpportunityFactory(organisation=firm, title="Oud")
    OpportunityCompetencyFactory(opportunity=opportunity)
    client.force_login(henk)
    url = f"/werk/{opportunity.pk}/wijzigen/"
    assert "Oud" in client.get(url).content.decode()
    response = client.post(
        url, _post(title="Nieuw", comp_code=["tech-lassen"], comp_level=["4"], comp_need=["essential"])
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Nieuw"
    assert list(
        OpportunityCompetency.objects.filter(opportunity=opportunity).values_list("competency__code", "level")
    ) == [("tech-lassen", 4)]
    assert AuditEvent.objects.filter(action="opportunities.opportunity_update", actor=henk).exists()


def test_close_hides_it_from_the_public(client, henk, firm):
    opportunity = OpportunityFactory(organisation=firm)
    client.force_login(henk)
    assert client.get(f"/werk/{opportunity.pk}/sluiten/").status_code == 405
    assert client.post(f"/werk/{opportunity.pk}/sluiten/").status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == "closed"
    assert client.get(f"/werk/{opportunity.pk}/").status_code == 404
    assert client.get(f"/werk/{opportunity.pk}/wijzigen/").status_code == 302
    assert AuditEvent.objects.filter(action="opportunities.opportunity_close").count() == 1


def test_another_firms_work_is_404_and_a_resident_gets_403(client, henk):
    other = OpportunityFactory(title="Van een ander")
    client.force_login(henk)
    assert client.get(f"/werk/{other.pk}/wijzigen/").status_code == 404
    assert client.post(f"/werk/{other.pk}/wijzigen/", _post()).status_code == 404
    assert client.post(f"/werk/{other.pk}/sluiten/").status_code == 404
    other.refresh_from_db()
    assert other.status == "open" and other.title == "Van een ander"

    client.force_login(UserFactory(role="resident"))
    for url in (NEW, "/werk/mijn/", f"/werk/{other.pk}/wijzigen/"):
        assert client.get(url).status_code == 403
    assert client.post(NEW, _post()).status_code == 403
    assert client.post(f"/werk/{other.pk}/sluiten/").status_code == 403
    assert not Opportunity.objects.exclude(pk=other.pk).exists()


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(NEW).status_code == 302


@pytest.mark.parametrize(
    ("factory", "kinds"),
    [
        (SchoolFactory, {"practical_assignment"}),
        (GovernmentFactory, {"vacancy", "practical_assignment", "basic_job"}),
    ],
)
def test_schools_and_governments_host_practical_assignments(client, factory, kinds):
    user = UserFactory(role="school")
    MembershipFactory(user=user, organisation=factory())
    client.force_login(user)
    html = client.get(NEW).content.decode()
    assert {
        kind for kind in ("vacancy", "practical_assignment", "basic_job") if f"?soort={kind}" in html
    } == kinds
    if "vacancy" not in kinds:
        assert client.post(NEW, _post()).status_code == 400


def test_my_list_shows_closed_ones_too_with_buttons(client, henk, firm):
    OpportunityFactory(organisation=firm, title="Open baan")
    OpportunityFactory(organisation=firm, title="Dichte baan", status="closed")
    OpportunityFactory(title="Van een ander")
    client.force_login(henk)
    html = client.get("/werk/mijn/").content.decode()
    assert "Open baan" in html and "Dichte baan" in html and "Van een ander" not in html
    assert html.count('action="/werk/') == 1  # one close button: for the open one


def test_nul_characters_are_refused_or_ignored_not_a_500(logged_in):
    assert logged_in.post(NEW, _post(title="a\x00b")).status_code == 400
    assert logged_in.post(NEW, _post(action="search", zoek="las\x00sen")).status_code == 200
    assert logged_in.post(NEW, _post(add="a\x00b")).status_code == 200
    response = logged_in.post(NEW, _post(comp_code=["a\x00b"], comp_level=["2"], comp_need=["essential"]))
    assert response.status_code == 400
    assert not Opportunity.objects.exists()
