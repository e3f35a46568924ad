"""The API: enrol with an Idempotency-Key, read what you may see, take steps; bad input never breaks it."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.tests.url_sweep import LONG, Sweep, database_state, state_difference
from doorleren.enrolments.models import Enrolment, EnrolmentState

from ..factories import coach_for, enrol, module, provider_member, resident_with_budgets

pytestmark = pytest.mark.django_db

URL = "/api/v1/enrolments/"
STEP_URL = "/api/v1/enrolments/transitions/"
TODAY = timezone.localdate()
START = TODAY + dt.timedelta(days=30)


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def world():
    setting = resident_with_budgets(30_000, today=TODAY)
    course = module(price_cents=45_000, hours=40, start=START)
    return setting, course


def test_enrolling_with_the_header_key_gives_201_then_200_for_a_retry(world):
    setting, course = world
    client = _client(setting.resident)
    first = _post(client, URL, {"module": course.pk}, HTTP_IDEMPOTENCY_KEY="abc-1")
    again = _post(client, URL, {"module": course.pk}, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    body = first.json()
    assert (body["state"], body["price_cents"], body["covered_cents"], body["left_to_pay_cents"]) == (
        "reserved",
        45_000,
        30_000,
        15_000,
    )
    assert body["steps"] == ["cancel"]
    assert body["fundings"][0]["amount_cents"] == 30_000
    assert Enrolment.objects.count() == 1


def test_the_key_may_come_in_the_body_and_a_different_header_key_is_refused(world):
    setting, course = world
    client = _client(setting.resident)
    assert _post(client, URL, {"module": course.pk, "idempotency_key": "k"}).status_code == 201
    response = _post(client, URL, {"module": course.pk, "idempotency_key": "k"}, HTTP_IDEMPOTENCY_KEY="j")
    assert response.status_code == 400
    assert "idempotency_key" in response.json()["fields"]


def test_without_a_key_nothing_happens(world):
    setting, course = world
    response = _post(_client(setting.resident), URL, {"module": course.pk})
    assert response.status_code == 400
    assert "idempotency_key" in response.json()["fields"]
    assert not Enrolment.objects.exists()


def test_a_price_above_the_catalogue_is_refused_with_409(world):
    setting, course = world
    response = _post(
        _client(setting.resident), URL, {"module": course.pk, "idempotency_key": "k", "price_cents": 45_001}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "enrolment_price_above_catalogue"
    assert "nooit meer dan de prijs in het aanbod" in response.json()["detail"]
    assert not Enrolment.objects.exists()


def test_a_start_date_that_is_not_a_start_of_the_module_is_refused(world):
    setting, course = world
    response = _post(
        _client(setting.resident),
        URL,
        {"module": course.pk, "idempotency_key": "k", "start": (START + dt.timedelta(days=1)).isoformat()},
    )
    assert (response.status_code, response.json()["code"]) == (400, "enrolment_start_invalid")
    ok = _post(
        _client(setting.resident), URL, {"module": course.pk, "idempotency_key": "k", "start": str(START)}
    )
    assert ok.status_code == 201


def test_only_residents_enrol(world):
    setting, course = world
    for user in (UserFactory(role="school"), UserFactory(role="coach")):
        response = _post(_client(user), URL, {"module": course.pk, "idempotency_key": "k"})
        assert response.status_code == 403
    assert _post(_client(), URL, {"module": course.pk, "idempotency_key": "k"}).status_code in (401, 403)
    assert not Enrolment.objects.exists()


def test_reading_and_steps_per_role(world):
    setting, course = world
    enrolment = enrol(setting, course, on=TODAY)
    staff, coach = provider_member(course), coach_for(setting.resident)
    assert [e["id"] for e in _client(setting.resident).get(URL).json()["results"]] == [enrolment.pk]
    assert _client(staff).get(URL).json()["results"][0]["steps"] == ["cancel", "confirm_start"]
    assert _client(coach).get(URL).json()["results"][0]["steps"] == []
    assert _client(UserFactory(role="school")).get(URL).json()["results"] == []
    assert _client(UserFactory(role="programme_office")).get(URL).status_code == 403
    assert _client(staff).get(URL, {"state": "paid"}).json()["results"] == []

    started = _post(_client(staff), STEP_URL, {"enrolment": enrolment.pk, "step": "confirm_start"})
    assert (started.status_code, started.json()["state"]) == (200, "started")
    refused = _post(
        _client(coach), STEP_URL, {"enrolment": enrolment.pk, "step": "drop_out", "attended_hours": 1}
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "enrolment_actor_not_allowed")
    too_early = _post(_client(staff), STEP_URL, {"enrolment": enrolment.pk, "step": "pay"})
    assert (too_early.status_code, too_early.json()["code"]) == (409, "enrolment_transition_not_allowed")
    dropped = _post(
        _client(staff), STEP_URL, {"enrolment": enrolment.pk, "step": "drop_out", "attended_hours": 10}
    )
    assert dropped.json()["provider_paid_cents"] == 7_500  # 30,000 × 10 / 40
    hidden = _post(
        _client(UserFactory(role="school")), STEP_URL, {"enrolment": enrolment.pk, "step": "cancel"}
    )
    assert hidden.status_code == 404

    detail = _client(setting.resident).get(f"{URL}{enrolment.pk}/").json()
    assert [line["state"] for line in detail["history"]] == [
        "requested",
        "reserved",
        "started",
        "dropped_out",
    ]
    assert detail["history"][2]["by"] == "provider"
    assert _client(UserFactory()).get(f"{URL}{enrolment.pk}/").status_code == 404


# --- one bad field in an otherwise good body, with a real module and a real enrolment ----------------
BAD_VALUES = [
    ("huge number", 10**20),
    ("negative", -1),
    ("5000 characters", LONG),
    ("NUL", "a\x00b"),
    ("null", None),
]


def _sweep(client, url, good: dict) -> Sweep:
    sweep = Sweep(client=client)
    for field_name in good:
        for label, value in BAD_VALUES:
            state = database_state()
            what = f"({field_name}: {label})"
            response = sweep.send(
                "post",
                url,
                data=json.dumps({**good, field_name: value}),
                content_type="application/json",
                label=what,
            )
            if 400 <= response.status_code < 500:
                body = response.json()
                if not (body.get("code") and isinstance(body.get("detail"), str) and body["detail"].strip()):
                    sweep.problems.append(
                        f"{what}: {response.status_code} without code and detail: {body!r:.200}"
                    )
                changed = state_difference(state, database_state())
                if changed:
                    sweep.problems.append(f"{what}: refused but changed {changed}")
    return sweep


def test_one_bad_field_when_enrolling_never_breaks_the_api(world):
    setting, course = world
    good = {
        "module": course.pk,
        "start": str(START),
        "idempotency_key": "sweep",
        "price_cents": 45_000,
        "expected_left_to_pay_cents": 15_000,
        "reason": "Ik wil leren.",
    }
    sweep = _sweep(_client(setting.resident), URL, good)
    assert not sweep.problems, sweep.report()


def test_one_bad_field_in_a_step_never_breaks_the_api(world):
    setting, course = world
    enrolment = enrol(setting, course, on=TODAY)
    staff = provider_member(course)
    _post(_client(staff), STEP_URL, {"enrolment": enrolment.pk, "step": "confirm_start"})
    good = {"enrolment": enrolment.pk, "step": "drop_out", "attended_hours": 40, "reason": "Gestopt"}
    # attended_hours 41+ and -1 are refused; every variant is refused, so the good step never happens
    sweep = _sweep(_client(staff), STEP_URL, {**good, "attended_hours": 41})
    assert not sweep.problems, sweep.report()
    assert Enrolment.objects.get().state == EnrolmentState.STARTED
