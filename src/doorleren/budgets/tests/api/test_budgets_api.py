"""/api/v1/budgets/: the resident's own budgets, and who pays what for modules. Read only."""

import pytest
from django.test import Client

from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.tests.factories import ModuleFactory

from ..factories import funder, grant, resident, rule

pytestmark = pytest.mark.django_db

MINE = "/api/v1/budgets/"
SPLIT = "/api/v1/budgets/split/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_resident_gets_budgets_and_open_rules():
    anne = resident()
    budget = grant(
        rule_=rule(funder_=funder(name="Regio"), amount_cents=45_000, name="Scholing"), resident_=anne
    )
    rule(funder_=funder(name="UWV"), name="Leren voor werk", amount_cents=10_000)
    body = _client(anne).get(MINE).json()
    assert body["usable_cents"] == 45_000
    assert body["has_profile"] is True
    (item,) = body["budgets"]
    assert item["id"] == budget.pk
    assert item["funder"]["name"] == "Regio"
    assert item["funder"]["kind"] == "regional_llo"
    assert item["balance_cents"] == 45_000
    assert item["valid_until"] == budget.valid_until.isoformat()
    assert item["sentence"].startswith("U heeft nog € 450,00 van Regio.")
    assert item["pays_for"]
    assert [rule_["name"] for rule_ in body["available"]] == ["Leren voor werk"]


@pytest.mark.parametrize("role", ["employer", "coach", "programme_office"])
def test_other_roles_get_403_in_dutch(role):
    response = _client(UserFactory(role=role)).get(MINE)
    assert response.status_code == 403
    assert response.json() == {"code": "permission_denied", "detail": "U mag dit niet zien of doen."}


def test_anonymous_gets_403():
    assert Client().get(MINE).status_code == 403


def test_the_split_says_who_pays_what_per_module_and_in_total():
    anne = resident()
    budget = grant(rule_=rule(funder_=funder(name="Regio"), amount_cents=30_000), resident_=anne)
    first, second = ModuleFactory(price_cents=20_000), ModuleFactory(price_cents=25_000)
    body = _client(anne).get(SPLIT, {"module": [first.pk, second.pk]}).json()
    assert (body["total_cents"], body["covered_cents"], body["left_to_pay_cents"]) == (45_000, 30_000, 15_000)
    assert [item["module"] for item in body["items"]] == [first.pk, second.pk]
    assert sum(item["left_to_pay_cents"] for item in body["items"]) == 15_000
    for item in body["items"]:
        assert (
            sum(part["amount_cents"] for part in item["parts"]) + item["left_to_pay_cents"]
            == item["cost_cents"]
        )
    assert body["budgets"] == [
        {
            "id": budget.pk,
            "funder": {
                "id": budget.rule.funder.pk,
                "name": "Regio",
                "kind": "regional_llo",
                "kind_label": "Regionaal budget Leven Lang Ontwikkelen",
            },
            "rule": budget.rule.name,
            "position": 1,
            "balance_before_cents": 30_000,
            "used_cents": 30_000,
            "balance_after_cents": 0,
        }
    ]


def test_the_split_refuses_unknown_or_bad_module_numbers():
    client = _client(resident())
    for query in ({"module": "987654321"}, {"module": "abc"}, {"module": "0"}, {"module": ["1"] * 51}):
        response = client.get(SPLIT, query)
        assert response.status_code == 400, query
        assert response.json()["code"] == "invalid"
        assert "module" in response.json()["fields"]


def test_an_empty_split_is_zero():
    body = _client(resident()).get(SPLIT).json()
    assert (body["total_cents"], body["left_to_pay_cents"], body["items"]) == (0, 0, [])
