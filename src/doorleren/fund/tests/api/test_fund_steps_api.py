"""The fund's steps as API calls, each one service with the page's permission check: submit (staff of
the lead), start the review, review, decide and pay (programme office). A refused step is the
service's Dutch message with its status and changes nothing; bad bodies are a Dutch 400."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets.models import LedgerTransaction
from doorleren.core.tests.url_sweep import HUGE_INT, LONG, Sweep, database_state, state_difference
from doorleren.fund.models import ApplicationState, FundApplication, Review
from doorleren.organisations.tests.factories import MembershipFactory

from ..factories import (
    call,
    draft,
    fund,
    granted,
    in_review,
    office,
    paid,
    review,
    reviewed,
    submitted,
)

pytestmark = pytest.mark.django_db

APPLICATIONS = "/api/v1/fund/applications/"


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _post(client, application, step: str, body=None):
    pk = application if isinstance(application, (int, str)) else application.pk
    return client.post(f"{APPLICATIONS}{pk}/{step}/", json.dumps(body or {}), content_type="application/json")


def _state(application) -> str:
    return FundApplication.objects.get(pk=application.pk).state


def _scores(application, score: int = 4) -> list[dict]:
    return [{"criterion": c.pk, "score": score} for c in application.call.criteria.all()]


# --- submit ---------------------------------------------------------------------------------------


def test_the_lead_submits_a_draft():
    application, consortium = draft()
    response = _post(_client(consortium.applicant), application, "submit")
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert response.json()["submitted_at"]
    assert _state(application) == ApplicationState.SUBMITTED


def test_an_incomplete_draft_gets_the_services_reasons():
    application, consortium = draft(with_school=False)
    response = _post(_client(consortium.applicant), application, "submit")
    assert response.status_code == 400
    assert response.json()["code"] == "fund_application_incomplete"
    assert "onderwijsinstelling" in response.json()["detail"]
    assert _state(application) == ApplicationState.DRAFT


def test_submitting_twice_is_a_409():
    application, consortium = submitted()
    response = _post(_client(consortium.applicant), application, "submit")
    assert response.status_code == 409
    assert response.json()["code"] == "fund_application_state"


def test_a_partners_staff_may_not_submit():
    application, consortium = draft()
    partner = MembershipFactory(organisation=consortium.school, user__role="school").user
    response = _post(_client(partner), application, "submit")
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen medewerkers van de penvoerder mogen dit doen."
    assert _state(application) == ApplicationState.DRAFT


@pytest.mark.parametrize("role", ["programme_office", "employer", "resident"])
def test_outsiders_may_not_submit(role):
    application, _ = draft()
    response = _post(_client(UserFactory(role=role)), application, "submit")
    assert response.status_code == 403
    assert response.json()["detail"] == "U mag deze aanvraag niet zien."
    assert _state(application) == ApplicationState.DRAFT


# --- start the review -----------------------------------------------------------------------------


def test_the_programme_office_takes_up_an_application():
    application, _ = submitted()
    response = _post(_client(office()), application, "start-review")
    assert response.status_code == 200
    assert response.json()["state"] == "in_review"
    assert _state(application) == ApplicationState.IN_REVIEW


def test_the_lead_may_not_take_up_its_own_application():
    application, consortium = submitted()
    response = _post(_client(consortium.applicant), application, "start-review")
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen het programmabureau mag dit doen."
    assert _state(application) == ApplicationState.SUBMITTED


def test_taking_up_twice_is_a_409():
    application, _ = in_review()
    response = _post(_client(office()), application, "start-review")
    assert response.status_code == 409
    assert response.json()["code"] == "fund_application_state"


# --- review ---------------------------------------------------------------------------------------


def test_a_reviewer_scores_every_criterion():
    application, _ = in_review()
    reviewer = office()
    response = _post(
        _client(reviewer), application, "reviews", {"scores": _scores(application, 5), "comment": "Sterk."}
    )
    assert response.status_code == 201
    made = Review.objects.get(application=application)
    assert made.reviewer == reviewer and made.comment == "Sterk."
    assert sorted(made.scores.values_list("score", flat=True)) == [5, 5]
    scores = response.json()["scores"]
    assert (scores["reviews"], scores["percent"]) == (1, 100)
    assert response.json()["may_review"] is False


def test_a_second_review_by_the_same_person_is_a_409():
    application, _ = in_review()
    reviewer = office()
    review(application, reviewer=reviewer)
    response = _post(_client(reviewer), application, "reviews", {"scores": _scores(application)})
    assert response.status_code == 409
    assert response.json()["code"] == "fund_review_already"
    assert Review.objects.count() == 1


def test_someone_of_the_consortium_may_not_review():
    application, consortium = in_review()
    insider = office()
    MembershipFactory(user=insider, organisation=consortium.school)
    response = _post(_client(insider), application, "reviews", {"scores": _scores(application)})
    assert response.status_code == 403
    assert response.json()["code"] == "fund_conflict_of_interest"
    assert not Review.objects.exists()


def test_reviewing_before_the_review_started_is_a_409():
    application, _ = submitted()
    response = _post(_client(office()), application, "reviews", {"scores": _scores(application)})
    assert response.status_code == 409
    assert response.json()["code"] == "fund_review_not_in_review"


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        (lambda a: _scores(a)[:1], "fund_review_scores_missing"),
        (lambda a: [*_scores(a), {"criterion": 987654321, "score": 1}], "fund_review_criterion_unknown"),
        (lambda a: _scores(a, 6), "fund_review_score_invalid"),
    ],
)
def test_bad_scores_get_the_services_message(scores, code):
    application, _ = in_review()
    response = _post(_client(office()), application, "reviews", {"scores": scores(application)})
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"scores": "veel"},
        {"scores": [{"criterion": "abc", "score": 1}]},
        {"scores": [{"criterion": 1, "score": 11}]},
        {"scores": [{"criterion": 1, "score": 2}, {"criterion": 1, "score": 3}]},
        {"scores": [1, 2]},
        {"scores": [], "comment": LONG},
    ],
)
def test_a_bad_review_body_is_a_dutch_400(body):
    application, _ = in_review()
    response = _post(_client(office()), application, "reviews", body)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not Review.objects.exists()


def test_an_applicant_may_not_review():
    application, consortium = in_review()
    response = _post(_client(consortium.applicant), application, "reviews", {"scores": _scores(application)})
    assert response.status_code == 403
    assert not Review.objects.exists()


# --- decide ---------------------------------------------------------------------------------------


def test_the_programme_office_grants_at_most_what_was_asked():
    application, _ = reviewed(requested_cents=20_000_00)
    client = _client(office())
    refused = _post(
        client, application, "decision", {"decision": "grant", "amount_cents": 20_000_01, "reason": "Goed"}
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "fund_grant_above_requested"
    response = _post(
        client, application, "decision", {"decision": "grant", "amount_cents": 18_000_00, "reason": "Goed"}
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["granted_cents"]) == ("granted", 18_000_00)
    assert response.json()["decision_reason"] == "Goed"
    assert FundApplication.objects.get(pk=application.pk).granted_cents == 18_000_00


def test_the_programme_office_rejects_with_a_reason():
    application, _ = reviewed()
    response = _post(
        _client(office()), application, "decision", {"decision": "reject", "reason": "Past niet."}
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["granted_cents"]) == ("rejected", None)


def test_deciding_with_too_few_reviews_is_a_409():
    application, _ = reviewed(reviews=1)
    response = _post(_client(office()), application, "decision", {"decision": "reject", "reason": "Nee."})
    assert response.status_code == 409
    assert response.json()["code"] == "fund_decide_too_few_reviews"
    assert _state(application) == ApplicationState.IN_REVIEW


def test_a_grant_over_the_ceiling_is_a_409():
    ceiling = call(ceiling_cents=30_000_00, max_per_application_cents=20_000_00)
    granted(call_=ceiling, amount_cents=20_000_00)
    application, _ = reviewed(call_=ceiling, requested_cents=20_000_00)
    response = _post(
        _client(office()),
        application,
        "decision",
        {"decision": "grant", "amount_cents": 15_000_00, "reason": "Goed"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "fund_call_ceiling_exceeded"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "grant", "reason": "Goed"}, "amount_cents"),
        ({"decision": "misschien", "reason": "Goed"}, "decision"),
        ({"decision": "reject"}, "reason"),
        ({"decision": "reject", "reason": "   "}, "reason"),
        ({"decision": "grant", "amount_cents": 0, "reason": "Goed"}, "amount_cents"),
        ({"decision": "grant", "amount_cents": "veel", "reason": "Goed"}, "amount_cents"),
        ({"decision": "grant", "amount_cents": 10**20, "reason": "Goed"}, "amount_cents"),
        ({"decision": "reject", "reason": LONG}, "reason"),
    ],
)
def test_a_bad_decision_body_is_a_dutch_400_on_its_field(body, field):
    application, _ = reviewed()
    response = _post(_client(office()), application, "decision", body)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert _state(application) == ApplicationState.IN_REVIEW


def test_an_applicant_may_not_decide():
    application, consortium = reviewed()
    response = _post(
        _client(consortium.applicant),
        application,
        "decision",
        {"decision": "grant", "amount_cents": 1, "reason": "Ja"},
    )
    assert response.status_code == 403
    assert _state(application) == ApplicationState.IN_REVIEW


# --- pay ------------------------------------------------------------------------------------------


def test_the_programme_office_pays_once():
    money = fund(funded_cents=100_000_00)
    application, _ = granted(call_=call(funder_=money), amount_cents=18_000_00)
    client = _client(office())
    before = LedgerTransaction.objects.count()
    response = _post(client, application, "payment")
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["paid_at"] is not None) == ("paid", True)
    assert LedgerTransaction.objects.count() == before + 1
    again = _post(client, application, "payment")
    assert again.status_code == 200
    assert again.json()["state"] == "paid"
    assert LedgerTransaction.objects.count() == before + 1


def test_paying_before_the_decision_is_a_409():
    application, _ = reviewed()
    response = _post(_client(office()), application, "payment")
    assert response.status_code == 409
    assert response.json()["code"] == "fund_application_state"


def test_the_lead_may_not_pay_itself():
    application, consortium = granted()
    response = _post(_client(consortium.applicant), application, "payment")
    assert response.status_code == 403
    assert _state(application) == ApplicationState.GRANTED


# --- every step: bad ids, anonymous, and bad bodies -----------------------------------------------

STEPS = ["submit", "start-review", "reviews", "decision", "payment"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("pk", ["987654321", HUGE_INT])
def test_an_unknown_application_is_a_dutch_404(step, pk):
    response = _post(_client(office()), pk, step, {"decision": "reject", "reason": "x", "scores": []})
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Deze aanvraag bestaat niet."}


@pytest.mark.parametrize("step", STEPS)
def test_anonymous_may_do_no_step(step):
    application, _ = granted()
    before = database_state()
    assert _post(_client(), application, step).status_code == 403
    assert not state_difference(before, database_state())


@pytest.mark.parametrize("step", ["submit", "start-review", "payment"])
@pytest.mark.parametrize("raw", ["[]", '"x"', "{"])
def test_a_body_that_is_no_object_is_a_400(step, raw):
    application, _ = paid()
    client = _client(office())
    before = database_state()
    response = client.post(f"{APPLICATIONS}{application.pk}/{step}/", raw, content_type="application/json")
    assert response.status_code == 400
    assert not state_difference(before, database_state())


BAD_VALUES = [
    ("huge number", 10**20),
    ("negative", -1),
    ("5000 characters", LONG),
    ("NUL", "a\x00b"),
    ("null", None),
]


def _spoil(sweep: Sweep, url: str, good: dict) -> None:
    """One bad value per field of a good body: a 4xx with a Dutch detail, and nothing changed."""
    for field_name in good:
        for label, value in BAD_VALUES:
            before = database_state()
            body = json.dumps({**good, field_name: value})
            what = f"({field_name}: {label})"
            response = sweep.send("post", url, data=body, content_type="application/json", label=what)
            sweep.expect_api_error_body(response, method="post", url=url, label=what)
            if response.status_code < 400:
                sweep.problems.append(f"POST {url} {what}: accepted with {response.status_code}")
            if state_difference(before, database_state()):
                sweep.problems.append(f"POST {url} {what}: refused, but changed the database")


def test_one_bad_field_in_a_review_or_a_decision_is_refused_and_changes_nothing():
    """Every variant is refused: the reviewer already reviewed (409) and there is only one review to
    decide on (409), so a value that passes the input check still reaches a service that says no."""
    application, _ = reviewed(reviews=1)
    sweep = Sweep(client=_client(application.reviews.get().reviewer))
    url = f"{APPLICATIONS}{application.pk}/reviews/"
    good_scores = _scores(application)
    _spoil(sweep, url, {"scores": good_scores, "comment": "Goed plan."})
    first = good_scores[0]["criterion"]
    for label, value in BAD_VALUES:
        spoiled = [{**row, "score": value} if row["criterion"] == first else row for row in good_scores]
        response = sweep.send(
            "post", url, data=json.dumps({"scores": spoiled}), content_type="application/json", label=label
        )
        sweep.expect_api_error_body(response, method="post", url=url, label=f"(score: {label})")
        assert response.status_code == 400, label
    sweep.client.force_login(office())
    url = f"{APPLICATIONS}{application.pk}/decision/"
    _spoil(sweep, url, {"decision": "grant", "amount_cents": 1_000_00, "reason": "Goed plan."})
    assert _state(application) == ApplicationState.IN_REVIEW
    assert Review.objects.filter(application=application).count() == 1
    assert not sweep.problems, sweep.report()
