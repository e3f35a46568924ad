"""POST/PATCH /api/v1/opportunities/, POST .../{id}/close/ and POST .../suggest-competencies/."""

import pytest
from rest_framework.test import APIClient

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.opportunities.models import Opportunity
from doorleren.opportunities.tests.factories import OpportunityFactory
from doorleren.organisations.tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/opportunities/"
SUGGEST = f"{URL}suggest-competencies/"


def _body(**overrides):
    return {
        "kind": "vacancy",
        "title": "Medewerker afvalsortering",
        "description": "U sorteert afval op de band.",
        "municipality": "GM0014",
        "hours_per_week": 32,
    } | overrides


@pytest.fixture
def api(henk):
    client = APIClient()
    client.force_login(henk)
    return client


def test_create_a_vacancy(api, firm, welding):
    response = api.post(
        URL,
        _body(competencies=[{"code": "tech-lassen", "level": 3, "essential": False}], sector=None),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"]["id"] == firm.pk and body["status"] == "open"
    assert body["competencies"] == [
        {
            "code": "tech-lassen",
            "label": "Metaal lassen",
            "level": 3,
            "level_label": "Zelfstandig, ook bij lastige taken",
            "essential": False,
            "purpose": "apply",
        }
    ]
    assert AuditEvent.objects.filter(action="opportunities.opportunity_create").exists()


def test_create_a_practical_assignment_with_competencies_to_learn(api, welding, sorting):
    response = api.post(
        URL,
        _body(
            kind="practical_assignment",
            starts_on="2027-02-01",
            ends_on="2027-06-30",
            team_size=3,
            competencies=[
                {"code": "afval-sorteren", "level": 2},
                {"code": "tech-lassen", "level": 2, "purpose": "learn"},
            ],
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    rows = {row["code"]: (row["purpose"], row["essential"]) for row in response.json()["competencies"]}
    assert rows == {"afval-sorteren": ("apply", True), "tech-lassen": ("learn", False)}


def test_create_a_basic_job(api):
    assert api.post(URL, _body(kind="basic_job"), format="json").status_code == 201


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 5001}, "description"),
        ({"competencies": [{"code": "bestaat-niet", "level": 2}]}, "competencies"),
        ({"competencies": [{"code": "tech-lassen", "level": 5}]}, "competencies"),
        ({"kind": "practical_assignment", "team_size": 31}, "team_size"),
        ({"kind": "practical_assignment", "team_size": 1}, "team_size"),
        ({"starts_on": "2027-05-01", "ends_on": "2027-04-01"}, "ends_on"),
        ({"organisation": 999999}, "organisation"),
        ({"organisation": 10**20}, "organisation"),
        ({"municipality": "Amsterdam"}, "municipality"),
        ({"competencies": [{"code": "tech-lassen", "level": 2, "purpose": "learn"}]}, "competencies"),
        ({"team_size": 3}, "team_size"),
    ],
)
def test_bad_input_is_400_in_dutch_and_stores_nothing(api, welding, overrides, field):
    response = api.post(URL, _body(**overrides), format="json")
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["detail"] and field in (body.get("fields") or {body.get("field"): 1})
    assert not Opportunity.objects.exists()


def test_a_forged_organisation_of_another_firm_is_refused(api):
    other = OpportunityFactory().organisation
    response = api.post(URL, _body(organisation=other.pk), format="json")
    assert response.status_code == 400
    assert not Opportunity.objects.filter(organisation=other, title="Medewerker afvalsortering").exists()


def test_a_school_may_host_an_assignment_but_not_a_vacancy():
    user = UserFactory(role="school")
    MembershipFactory(user=user, organisation=SchoolFactory())
    client = APIClient()
    client.force_login(user)
    assert client.post(URL, _body(), format="json").status_code == 400
    response = client.post(
        URL, _body(kind="practical_assignment", starts_on="2027-02-01", ends_on="2027-03-01"), format="json"
    )
    assert response.status_code == 201


def test_residents_and_anonymous_may_not_write(welding):
    opportunity = OpportunityFactory()
    client = APIClient()
    assert client.post(URL, _body(), format="json").status_code == 403
    client.force_login(UserFactory(role="resident"))
    assert client.post(URL, _body(), format="json").status_code == 403
    assert client.patch(f"{URL}{opportunity.pk}/", {"title": "Nee"}, format="json").status_code == 403
    assert client.post(f"{URL}{opportunity.pk}/close/").status_code == 403
    assert client.post(SUGGEST, {"text": "lassen"}, format="json").status_code == 403
    opportunity.refresh_from_db()
    assert (opportunity.status, Opportunity.objects.count()) == ("open", 1)


def test_patch_changes_only_what_is_sent(api, firm, welding):
    opportunity = OpportunityFactory(organisation=firm, title="Oud", hours_per_week=24)
    response = api.patch(
        f"{URL}{opportunity.pk}/",
        {"title": "Nieuw", "competencies": [{"code": "tech-lassen", "level": 4}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.hours_per_week) == ("Nieuw", 24)
    assert [row["code"] for row in response.json()["competencies"]] == ["tech-lassen"]


def test_patch_with_a_bad_value_changes_nothing(api, firm):
    opportunity = OpportunityFactory(organisation=firm, title="Oud", starts_on="2027-05-01")
    response = api.patch(
        f"{URL}{opportunity.pk}/", {"title": "Nieuw", "ends_on": "2027-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Het einde kan niet voor het begin liggen."
    opportunity.refresh_from_db()
    assert opportunity.title == "Oud"


@pytest.mark.parametrize(
    "item", [{"level": 1}, {"code": "tech-lassen"}, {"essential": True, "purpose": "apply"}]
)
def test_patch_with_a_competency_without_code_or_level_is_a_400_not_a_crash(api, firm, welding, item):
    opportunity = OpportunityFactory(organisation=firm, title="Oud")
    response = api.patch(f"{URL}{opportunity.pk}/", {"title": "Nieuw", "competencies": [item]}, format="json")
    assert response.status_code == 400
    opportunity.refresh_from_db()
    assert opportunity.title == "Oud"


def test_another_firms_opportunity_is_404(api):
    other = OpportunityFactory(title="Van een ander")
    assert api.patch(f"{URL}{other.pk}/", {"title": "Van mij"}, format="json").status_code == 404
    assert api.post(f"{URL}{other.pk}/close/").status_code == 404
    other.refresh_from_db()
    assert (other.title, other.status) == ("Van een ander", "open")


def test_close_then_closing_again_is_409(api, firm):
    opportunity = OpportunityFactory(organisation=firm)
    response = api.post(f"{URL}{opportunity.pk}/close/")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    again = api.post(f"{URL}{opportunity.pk}/close/")
    assert again.status_code == 409 and again.json()["detail"] == "Dit werk is al gesloten."
    assert api.patch(f"{URL}{opportunity.pk}/", {"title": "x"}, format="json").status_code == 409


def test_suggest_competencies_from_a_text(api, indexed):
    response = api.post(SUGGEST, {"text": "U gaat metaal lassen en afval sorteren.", "top": 5}, format="json")
    assert response.status_code == 200, response.json()
    rows = response.json()["competencies"]
    assert {row["code"] for row in rows} == {"tech-lassen", "afval-sorteren"}
    assert {row["label"] for row in rows} == {"Metaal lassen", "Afval sorteren"}
    assert all(row["level"] is None and row["words"] for row in rows)


def test_suggest_without_an_index_is_503_in_dutch(api, no_index):
    response = api.post(SUGGEST, {"text": "lassen"}, format="json")
    assert response.status_code == 503
    assert "zoekindex" in response.json()["detail"]


@pytest.mark.parametrize("text", ["", " ", "x" * 5001])
def test_suggest_refuses_empty_or_long_text(api, text):
    assert api.post(SUGGEST, {"text": text}, format="json").status_code == 400
