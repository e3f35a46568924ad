"""/api/v1/budgets/rounds/: fair allocation as JSON. Rounds are public; a resident reads, makes and
withdraws their own application; the programme office allocates. The figures are the selectors'
(as on the pages), refusals are the services' Dutch messages with their status, never a 500."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import selectors, services
from doorleren.budgets.models import AllocationRound, Budget, BudgetApplication, BudgetApplicationState
from doorleren.core.tests.url_sweep import HUGE_INT, database_state, state_difference
from doorleren.region.tests.factories import municipality

from ..allocation_factories import allocation_round, programme_office
from ..factories import funder, resident, rule

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/budgets/rounds/"


def _today() -> dt.date:
    return timezone.localdate()


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _rule(**extra):
    today = _today()
    return rule(
        funder_=funder(funded_cents=extra.pop("funded_cents", 1_000_000)),
        amount_cents=50_000,
        valid_from=today - dt.timedelta(days=60),
        valid_until=today + dt.timedelta(days=365),
        **extra,
    )


@pytest.fixture
def open_round():
    today = _today()
    return allocation_round(
        rule_=_rule(),
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=7),
        today=today,
    )


@pytest.fixture
def closed_round():
    """The period ended yesterday; three applications (vmbo: 2 points more than havo and wo)."""
    today = _today()
    made = allocation_round(
        rule_=_rule(),
        money_cents=100_000,
        opens_on=today - dt.timedelta(days=20),
        closes_on=today - dt.timedelta(days=1),
        today=today - dt.timedelta(days=20),
    )
    for education in ("vmbo", "havo", "wo"):
        person = resident(education_level=education, municipality=municipality("GM0106"))
        services.budget_application_submit(
            round=made, resident=person, actor=person, today=today - dt.timedelta(days=10)
        )
    return made


def _url(made, suffix: str = "") -> str:
    return f"{ROUNDS}{made.pk}/{suffix}"


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


# --- public: the rounds and one round -------------------------------------------------------------


def test_everyone_sees_the_rounds_as_the_selector_lists_them(open_round, closed_round):
    body = _client().get(ROUNDS).json()
    expected = selectors.allocation_rounds_public()
    assert body["count"] == len(expected) == 2
    assert [row["id"] for row in body["results"]] == [summary.round.pk for summary in expected]
    row = next(row for row in body["results"] if row["id"] == open_round.pk)
    assert row["phase"] == "open"
    assert row["name"] == open_round.name
    assert row["money_cents"] == open_round.money_cents
    assert row["rule"]["amount_cents"] == 50_000
    assert row["rule"]["funder"]["name"] == open_round.rule.funder.name
    assert "Vroeg aanvragen geeft geen voorrang" in row["sentence"]


def test_an_open_round_shows_the_hash_and_the_points_but_not_the_seed(open_round):
    body = _client(resident()).get(_url(open_round)).json()
    assert body["seed_hash"] == open_round.seed_hash
    assert body["seed"] is None
    assert open_round.seed not in json.dumps(body)
    assert body["criteria"] == [
        {"code": row.code, "label": row.label, "points": row.points}
        for row in selectors.criteria_rows(round=open_round)
    ]
    assert body["result"] is None and body["ranking"] is None
    assert body["applications"] == 0


def test_after_the_period_the_seed_is_public(closed_round):
    body = _client().get(_url(closed_round)).json()
    assert (body["phase"], body["seed"], body["applications"]) == ("closed", closed_round.seed, 3)


def test_an_allocated_round_shows_the_result_and_the_anonymous_ranking(closed_round):
    services.allocation_round_allocate(round=closed_round, actor=None)
    found = AllocationRound.objects.get(pk=closed_round.pk)
    body = _client().get(_url(found)).json()
    public = selectors.allocation_round_public(round=found)
    assert body["result"] == {
        "available_cents": found.available_cents,
        "granted_cents": found.granted_cents,
        "remaining_cents": public.remaining_cents,
        "granted": public.granted,
        "ranked": public.ranked,
        "not_ranked": public.not_ranked,
        "first_not_granted_position": public.first_not_granted_position,
        "allocated_at": body["result"]["allocated_at"],
    }
    assert (body["result"]["granted"], body["result"]["first_not_granted_position"]) == (2, 3)
    rows = selectors.allocation_round_ranking(round=found)
    assert body["ranking"]["count"] == 3
    assert body["ranking"]["results"] == [
        {
            "position": row.position,
            "number": row.number,
            "points": row.points,
            "lottery_number": row.lottery_number,
            "granted": row.granted,
        }
        for row in rows
    ]
    for person in BudgetApplication.objects.filter(round=found).values_list("resident__last_name", flat=True):
        assert person not in json.dumps(body)


def test_the_ranking_comes_in_pages(closed_round):
    services.allocation_round_allocate(round=closed_round, actor=None)
    body = _client().get(_url(closed_round), {"limit": 2, "offset": 1}).json()
    assert [row["position"] for row in body["ranking"]["results"]] == [2, 3]
    assert body["ranking"]["next"] is None and body["ranking"]["previous"] is not None


@pytest.mark.parametrize("pk", ["987654321", HUGE_INT])
@pytest.mark.parametrize("suffix", ["", "application/"])
def test_an_unknown_round_is_a_dutch_404(pk, suffix):
    response = _client(resident()).get(f"{ROUNDS}{pk}/{suffix}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Deze verdeelronde bestaat niet (meer)."}


def test_a_non_numeric_id_is_a_404():
    assert _client().get(f"{ROUNDS}abc/").status_code == 404


# --- the resident's own application ---------------------------------------------------------------


@pytest.mark.parametrize("role", ["coach", "employer", "school", "programme_office", "administrator"])
def test_only_residents_have_an_application(open_round, role):
    client = _client(UserFactory(role=role))
    for method in ("get", "post", "delete"):
        response = getattr(client, method)(_url(open_round, "application/"))
        assert response.status_code == 403, method
        assert response.json()["code"] == "permission_denied"
    assert not BudgetApplication.objects.exists()


def test_anonymous_visitors_are_refused(open_round):
    assert _client().get(_url(open_round, "application/")).status_code == 403
    assert _post(_client(), _url(open_round, "application/")).status_code == 403


def test_before_applying_a_resident_sees_whether_they_fit(open_round):
    body = _client(resident()).get(_url(open_round, "application/")).json()
    assert body["application"] is None
    assert body["phase"] == "open"
    assert body["eligibility"] == {"eligible": True, "reasons": [], "conditions": []}
    assert [row["code"] for row in body["criteria"]] == [
        row.code for row in selectors.criteria_rows(round=open_round)
    ]


def test_a_resident_applies_and_reads_why(open_round):
    anne = resident(status="worker", education_level="vmbo")
    response = _post(_client(anne), _url(open_round, "application/"), {"risk_of_job_loss": True})
    assert response.status_code == 201
    application = BudgetApplication.objects.get(round=open_round, resident=anne)
    assert application.facts["criteria"]["risk_of_job_loss"] is True
    body = response.json()
    view = selectors.budget_application_for_resident(round=open_round, resident=anne)
    mine = body["application"]
    assert mine["state"] == "submitted"
    assert mine["number"] == application.number
    assert mine["headline"] == view.headline == "Uw aanvraag is binnen."
    assert mine["sentences"] == list(view.sentences)
    assert any(
        "U krijgt 5 punten: 2 omdat u geen startkwalificatie heeft, 2 omdat uw baan in gevaar is" in s
        for s in mine["sentences"]
    )
    assert (mine["can_withdraw"], mine["can_apply_again"]) == (True, False)
    assert body["eligibility"] is None
    assert _client(anne).get(_url(open_round, "application/")).json() == body


def test_a_forged_resident_is_ignored(open_round):
    anne, piet = resident(), resident()
    _post(_client(anne), _url(open_round, "application/"), {"resident": piet.pk, "resident_id": piet.pk})
    assert list(BudgetApplication.objects.values_list("resident_id", flat=True)) == [anne.pk]


def test_a_second_application_is_the_services_409(open_round):
    anne = resident()
    client = _client(anne)
    _post(client, _url(open_round, "application/"))
    response = _post(client, _url(open_round, "application/"))
    assert response.status_code == 409
    assert response.json() == {
        "code": "budget_application_exists",
        "detail": "U heeft al aangevraagd in deze ronde. U hoeft niets meer te doen.",
    }
    assert BudgetApplication.objects.filter(resident=anne).count() == 1


def test_a_closed_round_refuses_with_a_409(closed_round):
    response = _post(_client(resident()), _url(closed_round, "application/"))
    assert response.status_code == 409
    assert response.json()["code"] == "allocation_round_closed"


def test_a_resident_who_does_not_fit_gets_the_reasons(open_round):
    today = _today()
    regulation = _rule(for_job_seekers=False, for_students=False)
    made = allocation_round(
        rule_=regulation, opens_on=today, closes_on=today + dt.timedelta(days=3), today=today
    )
    client = _client(resident(status="job_seeker"))
    body = client.get(_url(made, "application/")).json()
    assert body["eligibility"]["eligible"] is False and body["eligibility"]["reasons"]
    response = _post(client, _url(made, "application/"))
    assert response.status_code == 400
    assert response.json()["code"] == "budget_not_eligible"
    assert response.json()["detail"] == " ".join(body["eligibility"]["reasons"])
    assert not BudgetApplication.objects.exists()


@pytest.mark.parametrize(
    "body", [{"risk_of_job_loss": "misschien"}, {"risk_of_job_loss": None}, {"risk_of_job_loss": [1]}]
)
def test_a_strange_answer_is_a_dutch_400_and_stores_nothing(open_round, body):
    response = _post(_client(resident()), _url(open_round, "application/"), body)
    assert response.status_code == 400
    assert response.json()["fields"]["risk_of_job_loss"] == ["Kies ja of nee."]
    assert not BudgetApplication.objects.exists()


@pytest.mark.parametrize("raw", ["[]", '"ja"', "{"])
def test_a_body_that_is_no_object_is_a_400(open_round, raw):
    response = _client(resident()).post(
        _url(open_round, "application/"), raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert not BudgetApplication.objects.exists()


def test_a_resident_withdraws_and_may_apply_again(open_round):
    anne = resident()
    client = _client(anne)
    _post(client, _url(open_round, "application/"))
    response = client.delete(_url(open_round, "application/"))
    assert response.status_code == 200
    mine = response.json()["application"]
    assert mine["state"] == "withdrawn"
    assert mine["headline"] == "U heeft uw aanvraag ingetrokken."
    assert (mine["can_withdraw"], mine["can_apply_again"]) == (False, True)
    assert response.json()["eligibility"]["eligible"] is True
    assert _post(client, _url(open_round, "application/")).status_code == 201
    assert BudgetApplication.objects.get(resident=anne).state == BudgetApplicationState.SUBMITTED


def test_withdrawing_without_an_application_is_a_dutch_404(open_round):
    response = _client(resident()).delete(_url(open_round, "application/"))
    assert response.status_code == 404
    assert response.json() == {
        "code": "budget_application_missing",
        "detail": "U heeft in deze ronde niets aangevraagd.",
    }


def test_after_the_allocation_withdrawing_is_a_409_and_the_resident_reads_why(closed_round):
    services.allocation_round_allocate(round=closed_round, actor=None)
    application = BudgetApplication.objects.get(round=closed_round, facts__education_level="vmbo")
    client = _client(application.resident)
    response = client.delete(_url(closed_round, "application/"))
    assert response.status_code == 409
    assert response.json()["code"] == "budget_application_not_withdrawable"
    mine = client.get(_url(closed_round, "application/")).json()["application"]
    view = selectors.budget_application_for_resident(round=closed_round, resident=application.resident)
    assert mine["state"] == "granted"
    assert mine["headline"] == "U krijgt het budget."
    assert mine["sentences"] == list(view.sentences)
    assert mine["position"] == 1 and mine["lottery_number"] is not None
    assert mine["budget"] == Budget.objects.get(resident=application.resident).pk


# --- the programme office allocates ---------------------------------------------------------------


@pytest.mark.parametrize("role", ["programme_office", "administrator"])
def test_the_programme_office_allocates_once(closed_round, role):
    client = _client(UserFactory(role=role))
    response = _post(client, _url(closed_round, "allocate/"))
    assert response.status_code == 200
    body = response.json()
    assert body["phase"] == "allocated"
    assert body["result"]["granted_cents"] == 100_000
    assert Budget.objects.filter(rule=closed_round.rule).count() == 2
    assert body["ranking"]["count"] == 3
    again = _post(client, _url(closed_round, "allocate/"))
    assert again.status_code == 409
    assert again.json() == {
        "code": "allocation_round_allocated",
        "detail": "Het geld van deze ronde is al verdeeld.",
    }
    assert Budget.objects.filter(rule=closed_round.rule).count() == 2


def test_allocating_during_the_period_is_the_services_409(open_round):
    response = _post(_client(programme_office()), _url(open_round, "allocate/"))
    assert response.status_code == 409
    assert response.json()["code"] == "allocation_round_still_open"
    assert AllocationRound.objects.get(pk=open_round.pk).state == "open"


@pytest.mark.parametrize("role", ["resident", "coach", "employer", "school"])
def test_others_may_not_allocate_and_nothing_changes(closed_round, role):
    client = _client(UserFactory(role=role))
    before = database_state()
    response = _post(client, _url(closed_round, "allocate/"))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not state_difference(before, database_state())


def test_anonymous_may_not_allocate(closed_round):
    assert _post(_client(), _url(closed_round, "allocate/")).status_code == 403
    assert AllocationRound.objects.get(pk=closed_round.pk).state == "open"


@pytest.mark.parametrize("pk", ["987654321", HUGE_INT])
def test_allocating_an_unknown_round_is_a_404(pk):
    response = _post(_client(programme_office()), f"{ROUNDS}{pk}/allocate/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Deze verdeelronde bestaat niet (meer)."


@pytest.mark.parametrize("raw", ["[]", '"x"', "{"])
def test_allocate_refuses_a_body_that_is_no_object(closed_round, raw):
    response = _client(programme_office()).post(
        _url(closed_round, "allocate/"), raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert AllocationRound.objects.get(pk=closed_round.pk).state == "open"
