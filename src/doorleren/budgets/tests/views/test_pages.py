"""The pages: Mijn budgetten and Wie betaalt wat? for residents; the ledger overview for coaches,
the programme office and administrators. Others get 403; bad input never gives a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.tests.factories import ModuleFactory

from ..factories import funder, grant, resident, rule

pytestmark = pytest.mark.django_db

MINE = reverse("budgets:mine")
SPLIT = reverse("budgets:split")
OVERVIEW = reverse("budgets:ledger_overview")


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_anonymous_visitors_are_sent_to_log_in():
    for url in (MINE, SPLIT, OVERVIEW):
        response = Client().get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_a_resident_sees_their_budgets_and_what_they_may_ask_for():
    anne = resident()
    grant(
        rule_=rule(funder_=funder(name="Regionaal LLO-budget"), amount_cents=45_000, name="Scholing"),
        resident_=anne,
    )
    rule(funder_=funder(name="UWV Groningen"), name="Leren voor werk")
    response = _client(anne).get(MINE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regionaal LLO-budget: Scholing" in html
    assert "€ 450,00" in html
    assert "UWV Groningen: Leren voor werk" in html


def test_a_resident_without_a_profile_is_asked_to_fill_it_in():
    response = _client(UserFactory()).get(MINE)
    assert response.status_code == 200
    assert reverse("profiles:preferences") in response.content.decode()


@pytest.mark.parametrize("role", ["employer", "school", "coach", "programme_office", "administrator"])
def test_only_residents_have_budget_pages(role):
    client = _client(UserFactory(role=role))
    assert client.get(MINE).status_code == 403
    assert client.get(SPLIT).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coach", 200),
        ("programme_office", 200),
        ("administrator", 200),
        ("resident", 403),
        ("employer", 403),
        ("school", 403),
    ],
)
def test_the_ledger_overview_is_for_coaches_the_programme_office_and_administrators(role, status):
    funder(name="Regionaal LLO-budget")
    response = _client(UserFactory(role=role)).get(OVERVIEW)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Regionaal LLO-budget" in html
        assert "Alle boekingen tellen op tot nul" in html


def test_the_overview_never_names_residents():
    anne = resident()
    grant(rule_=rule(), resident_=anne)
    html = _client(UserFactory(role="programme_office")).get(OVERVIEW).content.decode()
    assert anne.last_name not in html
    assert "minder dan 10" in html


def test_the_split_page_shows_who_pays_what_and_what_is_left():
    anne = resident()
    grant(rule_=rule(funder_=funder(name="Regio"), amount_cents=30_000), resident_=anne)
    first, second = (
        ModuleFactory(price_cents=20_000, title="Eerste"),
        ModuleFactory(price_cents=25_000, title="Tweede"),
    )
    response = _client(anne).get(SPLIT, {"module": [first.pk, second.pk]})
    assert response.status_code == 200
    split = response.context["split"]
    assert split.covered_cents == 30_000
    assert split.left_to_pay_cents == 15_000
    html = response.content.decode()
    assert "U betaalt zelf € 150,00." in html
    assert "Regio betaalt € 300,00." in html


@pytest.mark.parametrize(
    "query",
    [
        {"module": "abc"},
        {"module": "99999999999999999999"},
        {"module": "9" * 5000},
        {"module": "-1"},
        {"module": "0"},
        {"module": "987654321"},
        {"module": ["1"] * 60},
        {"module": "1\x00"},
    ],
)
def test_bad_module_ids_give_a_page_and_a_warning_not_an_error(query):
    ModuleFactory()
    response = _client(resident()).get(SPLIT, query)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.context["unknown"]


def test_without_modules_the_split_page_explains_what_to_do():
    response = _client(resident()).get(SPLIT)
    assert response.status_code == 200
    assert response.context["split"] is None


def test_pages_only_read():
    client = _client(resident())
    for url in (MINE, SPLIT):
        assert client.post(url).status_code == 405
