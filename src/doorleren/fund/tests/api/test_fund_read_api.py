"""/api/v1/fund/: calls (everyone), applications (staff of the consortium's organisations; the
programme office after submitting) and one application with the detail page's visibility rule.
Figures are the selectors'; bad ids are a Dutch 404, outsiders a 403, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.tests.url_sweep import HUGE_INT
from doorleren.fund import selectors
from doorleren.organisations.tests.factories import MembershipFactory

from ..factories import Consortium, call, draft, granted, office, paid, reviewed, submitted, today

pytestmark = pytest.mark.django_db

CALLS = "/api/v1/fund/calls/"
APPLICATIONS = "/api/v1/fund/applications/"


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


# --- calls ----------------------------------------------------------------------------------------


def _three_calls():
    open_call = call(title="Leren op de werkvloer")
    later = call(
        title="Later", opens_on=today() + dt.timedelta(days=10), closes_on=today() + dt.timedelta(days=40)
    )
    old = call(
        title="Oude oproep",
        opens_on=today() - dt.timedelta(days=90),
        closes_on=today() - dt.timedelta(days=60),
    )
    return open_call, later, old


def test_everyone_sees_the_calls_with_their_status():
    open_call, later, old = _three_calls()
    body = _client().get(CALLS).json()
    assert body["count"] == 3
    assert [row["id"] for row in body["results"]] == [c.pk for c in selectors.calls_all()]
    status = {row["title"]: row["status"] for row in body["results"]}
    assert status == {"Leren op de werkvloer": "open", "Later": "upcoming", "Oude oproep": "closed"}
    row = next(row for row in body["results"] if row["id"] == open_call.pk)
    assert row["ceiling_cents"] == open_call.ceiling_cents
    assert row["max_per_application_cents"] == open_call.max_per_application_cents
    assert row["programme_line"]["code"] == "kwalificerend-onderwijs"
    assert row["fund"]["name"] == open_call.funder.name


@pytest.mark.parametrize(
    ("status", "title"), [("open", "Leren op de werkvloer"), ("upcoming", "Later"), ("closed", "Oude oproep")]
)
def test_the_calls_by_status_are_the_pages_lists(status, title):
    _three_calls()
    body = _client().get(CALLS, {"status": status}).json()
    assert [row["title"] for row in body["results"]] == [title]


@pytest.mark.parametrize("value", ["gesloten", "OPEN", "x" * 3000])
def test_an_unknown_status_is_a_dutch_400(value):
    response = _client().get(CALLS, {"status": value})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"]["status"] == ["Kies open, upcoming of closed."]


def test_an_empty_status_gives_every_call_and_nul_is_refused():
    _three_calls()
    assert _client().get(CALLS, {"status": ""}).json()["count"] == 3
    assert _client().get(CALLS, {"status": "open\x00"}).status_code == 400


def test_a_call_shows_criteria_indicators_and_while_open_what_is_left():
    open_call = call(ceiling_cents=100_000_00)
    granted(call_=open_call, amount_cents=15_000_00)
    body = _client().get(f"{CALLS}{open_call.pk}/").json()
    figures = selectors.call_figures(call=open_call)
    assert (body["granted_cents"], body["left_cents"]) == (figures.granted_cents, figures.left_cents)
    assert (body["granted_cents"], body["left_cents"]) == (15_000_00, 85_000_00)
    assert [c["name"] for c in body["criteria"]] == ["Bereik", "Samenwerking"]
    assert [(c["weight"], c["max_score"]) for c in body["criteria"]] == [(2, 5), (1, 5)]
    assert sorted(i["code"] for i in body["indicators"]) == sorted(i.code for i in open_call.indicators.all())
    assert body["may_apply"] is False


def test_a_closed_call_shows_no_figures_as_the_page():
    _, _, old = _three_calls()
    body = _client().get(f"{CALLS}{old.pk}/").json()
    assert body["status"] == "closed"
    assert (body["granted_cents"], body["left_cents"]) == (None, None)


def test_staff_of_an_employer_may_apply():
    open_call = call()
    assert _client(Consortium().applicant).get(f"{CALLS}{open_call.pk}/").json()["may_apply"] is True
    assert _client(UserFactory(role="resident")).get(f"{CALLS}{open_call.pk}/").json()["may_apply"] is False


@pytest.mark.parametrize("pk", ["987654321", HUGE_INT])
def test_an_unknown_call_is_a_dutch_404(pk):
    response = _client().get(f"{CALLS}{pk}/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Deze oproep bestaat niet."}


# --- applications: the list -----------------------------------------------------------------------


def test_applicants_see_the_applications_of_their_organisations_drafts_included():
    mine, consortium = draft()
    theirs, _ = submitted()
    body = _client(consortium.applicant).get(APPLICATIONS).json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
    row = body["results"][0]
    assert (row["state"], row["state_label"]) == ("draft", "Concept")
    assert row["requested_cents"] == mine.requested_cents
    assert row["lead_organisation"] == {
        "id": consortium.lead.pk,
        "name": consortium.lead.name,
        "kind": "employer",
        "kind_label": "Werkgever",
    }
    assert theirs.pk not in [row["id"] for row in body["results"]]


def test_a_partners_staff_sees_the_application_too():
    application, consortium = draft()
    partner = MembershipFactory(organisation=consortium.school, user__role="school").user
    body = _client(partner).get(APPLICATIONS).json()
    assert [row["id"] for row in body["results"]] == [application.pk]
    assert [a.pk for a in selectors.applications_for_user(user=partner)] == [application.pk]


def test_the_programme_office_sees_every_application_after_submitting():
    concept, _ = draft()
    first, _ = submitted()
    second, _ = granted()
    body = _client(office()).get(APPLICATIONS).json()
    ids = {row["id"] for row in body["results"]}
    assert ids == {first.pk, second.pk}
    assert concept.pk not in ids
    body = _client(office()).get(APPLICATIONS, {"state": "granted"}).json()
    assert [row["id"] for row in body["results"]] == [second.pk]
    assert body["results"][0]["granted_cents"] == second.granted_cents
    body = _client(office()).get(APPLICATIONS, {"call": first.call_id}).json()
    assert [row["id"] for row in body["results"]] == [first.pk]


@pytest.mark.parametrize("role", ["resident", "administrator"])
def test_others_do_not_see_applications(role):
    submitted()
    response = _client(UserFactory(role=role)).get(APPLICATIONS)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_anonymous_gets_403():
    assert _client().get(APPLICATIONS).status_code == 403


@pytest.mark.parametrize("query", [{"call": HUGE_INT}, {"call": "abc"}, {"call": "0"}, {"state": "weg"}])
def test_bad_filters_are_a_dutch_400(query):
    response = _client(office()).get(APPLICATIONS, query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


# --- one application ------------------------------------------------------------------------------


def test_the_lead_sees_the_draft_with_what_is_missing_but_no_scores():
    application, consortium = draft(with_school=False)
    body = _client(consortium.applicant).get(f"{APPLICATIONS}{application.pk}/").json()
    assert body["state"] == "draft"
    assert body["submit_problems"] and any("onderwijsinstelling" in p for p in body["submit_problems"])
    assert body["scores"] is None
    assert body["next_states"] == ["submitted"]
    assert [m["role"] for m in body["members"]] == ["lead"]


def test_the_figures_are_the_detail_selectors():
    application, consortium = paid()
    body = _client(consortium.applicant).get(f"{APPLICATIONS}{application.pk}/").json()
    detail = selectors.application_detail(application=application)
    assert [m["organisation"]["id"] for m in body["members"]] == [m.organisation_id for m in detail.members]
    assert body["members"][0]["role"] == "lead"
    assert [(t["indicator"]["code"], t["target_value"], t["reported_value"]) for t in body["targets"]] == [
        (t.indicator.code, t.target_value, t.reported_value) for t in detail.targets
    ]
    assert body["reported_spent_cents"] == detail.reported_spent_cents == 0
    assert body["granted_cents"] == application.granted_cents
    assert body["state"] == "paid" and body["paid_at"]
    assert body["scores"] is None  # only the programme office sees the reviews
    assert body["submit_problems"] is None


def test_the_programme_office_sees_the_scores():
    application, _ = reviewed(reviews=2)
    body = _client(office()).get(f"{APPLICATIONS}{application.pk}/").json()
    summary = selectors.application_scores(application=application)
    scores = body["scores"]
    assert (scores["reviews"], scores["needed"], scores["percent"]) == (2, 2, summary.percent)
    assert scores["percent"] == 80
    assert [row["mean"] for row in scores["per_criterion"]] == [
        float(row.mean) for row in summary.per_criterion
    ]
    assert [r["percent"] for r in scores["review_list"]] == [v.percent for v in summary.review_views]
    assert scores["review_list"][0]["scores"] == [
        {"criterion": c.pk, "score": 4} for c in application.call.criteria.order_by("position", "id")
    ]
    assert body["may_review"] is True
    assert body["conflict_of_interest"] is False
    assert body["next_states"] == ["granted", "rejected"]


def test_the_office_does_not_see_a_draft():
    application, _ = draft()
    response = _client(office()).get(f"{APPLICATIONS}{application.pk}/")
    assert response.status_code == 403
    assert response.json() == {"code": "permission_denied", "detail": "U mag deze aanvraag niet zien."}


@pytest.mark.parametrize("role", ["resident", "employer", "school", "coach", "administrator"])
def test_outsiders_do_not_see_an_application(role):
    application, _ = submitted()
    response = _client(UserFactory(role=role)).get(f"{APPLICATIONS}{application.pk}/")
    assert response.status_code == 403


def test_anonymous_does_not_see_an_application():
    application, _ = submitted()
    assert _client().get(f"{APPLICATIONS}{application.pk}/").status_code == 403


@pytest.mark.parametrize("pk", ["987654321", HUGE_INT])
def test_an_unknown_application_is_a_dutch_404(pk):
    response = _client(office()).get(f"{APPLICATIONS}{pk}/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Deze aanvraag bestaat niet."}


def test_a_reviewer_who_reviewed_may_not_review_again():
    application, _ = reviewed(reviews=1)
    reviewer = application.reviews.get().reviewer
    assert _client(reviewer).get(f"{APPLICATIONS}{application.pk}/").json()["may_review"] is False
