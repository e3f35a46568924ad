"""The API of the signals: GET /api/v1/enrolments/anomalies/ and POST .../anomalies/reviews/."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.core.tests.url_sweep import LONG, Sweep, database_state, state_difference
from doorleren.enrolments import selectors_anomalies
from doorleren.enrolments.models import AnomalyReview, EnrolmentState
from doorleren.organisations import services as organisations_services
from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory

from ..anomaly_factories import raw_enrolment
from ..factories import coach_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/enrolments/anomalies/"
REVIEW_URL = "/api/v1/enrolments/anomalies/reviews/"
TODAY = timezone.localdate()


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _post(client, body):
    return client.post(REVIEW_URL, json.dumps(body), content_type="application/json")


@pytest.fixture
def late():
    resident = UserFactory(role="resident", first_name="Anne", last_name="Bakker")
    return raw_enrolment(
        resident_=resident, state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=20)
    )


def _fingerprint(enrolment) -> str:
    return selectors_anomalies.anomaly_fingerprint(kind="no_attendance", subject=f"enrolment:{enrolment.pk}")


@pytest.mark.parametrize("role", ["coach", "programme_office", "administrator"])
def test_the_signals_with_why_facts_and_no_names_without_consent(late, role):
    response = _client(UserFactory(role=role)).get(URL)
    assert response.status_code == 200
    [signal] = response.json()["results"]
    assert signal["fingerprint"] == _fingerprint(late)
    assert signal["kind"] == "no_attendance"
    assert signal["reason"].startswith(f"Inschrijving {late.pk} voor")
    assert signal["providers"] == [{"id": late.provider_id, "name": late.provider.name}]
    assert signal["enrolments"] == [{"id": late.pk, "resident_name": ""}]
    assert signal["facts"]["days_since_start"] == 20
    assert signal["day"] == late.start_date.isoformat()
    assert signal["reviews"] == []
    assert "Anne" not in response.content.decode()


def test_a_coach_with_consent_gets_the_name(late):
    response = _client(coach_for(late.resident)).get(URL)
    assert response.json()["results"][0]["enrolments"] == [{"id": late.pk, "resident_name": "Anne Bakker"}]


def test_the_account_number_is_only_masked():
    for organisation in (SchoolFactory(), OrganisationFactory()):
        organisations_services.organisation_iban_set(
            organisation=organisation, iban="NL91ABNA0417164300", actor=None
        )
    response = _client(UserFactory(role="coach")).get(URL, {"kind": "shared_iban"})
    [signal] = response.json()["results"]
    assert signal["facts"]["iban_masked"] == "NL** **** **** **43 00"
    assert "NL91ABNA" not in response.content.decode()


@pytest.mark.parametrize("role", ["resident", "school", "employer"])
def test_other_roles_are_refused(late, role):
    client = _client(UserFactory(role=role))
    assert client.get(URL).status_code == 403
    response = _post(client, {"fingerprint": _fingerprint(late), "outcome": "in_orde", "reason": "Klopt."})
    assert response.status_code == 403 and response.json()["detail"]
    assert not AnomalyReview.objects.exists()


def test_anonymous_is_refused(late):
    assert _client().get(URL).status_code in (401, 403)
    assert _post(
        _client(), {"fingerprint": _fingerprint(late), "outcome": "in_orde", "reason": "x"}
    ).status_code in (
        401,
        403,
    )


def test_a_review_is_created_audited_and_the_signal_is_then_reviewed(late):
    coach = UserFactory(role="coach")
    client = _client(coach)
    response = _post(client, {"fingerprint": _fingerprint(late), "outcome": "gemeld", "reason": "Gemeld."})
    assert response.status_code == 201
    body = response.json()
    assert (body["fingerprint"], body["kind"], body["outcome"], body["reason"]) == (
        _fingerprint(late),
        "no_attendance",
        "gemeld",
        "Gemeld.",
    )
    assert AuditEvent.objects.filter(action="enrolments.anomaly_review", actor=coach).count() == 1
    assert client.get(URL, {"status": "open"}).json()["results"] == []
    [reviewed] = client.get(URL, {"status": "reviewed"}).json()["results"]
    assert reviewed["reviews"][0]["outcome"] == "gemeld"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"fingerprint": "0" * 64, "outcome": "in_orde", "reason": "Klopt."}, 404),
        ({"fingerprint": "xyz", "outcome": "in_orde", "reason": "Klopt."}, 400),
        ({"fingerprint": "<fp>", "outcome": "prima", "reason": "Klopt."}, 400),
        ({"fingerprint": "<fp>", "outcome": "in_orde", "reason": ""}, 400),
        ({"fingerprint": "<fp>", "outcome": "in_orde", "reason": "   "}, 400),
        ({"fingerprint": "<fp>", "outcome": "in_orde", "reason": LONG}, 400),
        ({"fingerprint": "<fp>", "outcome": "in_orde", "reason": "a\x00b"}, 400),
        ({"fingerprint": "<fp>", "outcome": "in_orde"}, 400),
        ({"fingerprint": None, "outcome": "in_orde", "reason": "Klopt."}, 400),
    ],
)
def test_bad_or_forged_reviews_are_refused_in_dutch_and_change_nothing(late, body, status):
    body = {key: _fingerprint(late) if value == "<fp>" else value for key, value in body.items()}
    client = _client(UserFactory(role="coach"))
    before = database_state()
    response = _post(client, body)
    assert response.status_code == status
    assert response.json()["code"] and response.json()["detail"]
    assert not state_difference(before, database_state())
    assert not AnomalyReview.objects.exists() and not AuditEvent.objects.exists()


def test_junk_filters_are_refused_or_ignored_never_a_500(late):
    sweep = Sweep(client=_client(UserFactory(role="coach")))
    for query in ({"kind": "x"}, {"status": LONG}, {"limit": "99999999999999999999"}, {"kind": "a\x00b"}):
        response = sweep.send("get", URL, data=query, label=str(query)[:30])
        sweep.expect_api_error_body(response, method="get", url=URL, label=str(query)[:30])
    assert not sweep.problems, sweep.report()
