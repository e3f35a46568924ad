"""The page "Signalen": who may see it, what it shows (names only with consent), and the decision form
(POST with CSRF, works without JavaScript; a forged signal gives a Dutch message and a 4xx)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.enrolments import selectors_anomalies
from doorleren.enrolments.models import AnomalyReview, EnrolmentState
from doorleren.organisations import services as organisations_services
from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory

from ..anomaly_factories import raw_enrolment
from ..factories import coach_for

pytestmark = pytest.mark.django_db

URL = reverse("enrolments:anomalies")
REVIEW_URL = reverse("enrolments:anomaly_review")
TODAY = timezone.localdate()


def _client(user=None, **options) -> Client:
    client = Client(raise_request_exception=False, **options)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def late():
    resident = UserFactory(role="resident", first_name="Anne", last_name="Bakker")
    return raw_enrolment(
        resident_=resident, state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=20)
    )


def _fingerprint(enrolment) -> str:
    return selectors_anomalies.anomaly_fingerprint(kind="no_attendance", subject=f"enrolment:{enrolment.pk}")


def test_anonymous_visitors_go_to_the_login_page():
    for response in (_client().get(URL), _client().post(REVIEW_URL, {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["resident", "school", "employer"])
def test_other_roles_get_403(role):
    client = _client(UserFactory(role=role))
    assert client.get(URL).status_code == 403
    assert (
        client.post(REVIEW_URL, {"fingerprint": "0" * 64, "outcome": "in_orde", "reason": "x"}).status_code
        == 403
    )


@pytest.mark.parametrize("role", ["coach", "programme_office", "administrator"])
def test_the_page_shows_each_signal_with_why_facts_and_a_form(late, role):
    response = _client(UserFactory(role=role)).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    anchor = f"signaal-{_fingerprint(late)[:12]}"
    assert f'id="{anchor}"' in html
    assert f"Inschrijving {late.pk} voor {late.module.title} is 20 dagen geleden begonnen." in html
    assert late.provider.name in html
    assert f'value="{_fingerprint(late)}"' in html and "csrfmiddlewaretoken" in html
    assert f'action="{REVIEW_URL}"' in html
    assert "Anne Bakker" not in html  # no consent: numbers only
    assert "Geen open signalen van deze soort." in html  # the other kinds


def test_a_coach_with_the_residents_consent_sees_the_name_and_a_link(late):
    coach = coach_for(late.resident)
    html = _client(coach).get(URL).content.decode()
    assert "Anne Bakker" in html
    assert reverse("enrolments:detail", args=[late.pk]) in html


def test_a_shared_account_is_shown_masked(late):
    first, second = SchoolFactory(name="Leerhuis Noord"), OrganisationFactory(name="Cursus BV")
    for organisation in (first, second):
        organisations_services.organisation_iban_set(
            organisation=organisation, iban="NL91ABNA0417164300", actor=None
        )
    html = _client(UserFactory(role="coach")).get(URL).content.decode()
    assert "NL** **** **** **43 00" in html
    assert "NL91ABNA0417164300" not in html and "NL91 ABNA" not in html
    assert "Leerhuis Noord" in html and "Cursus BV" in html


def test_a_decision_is_saved_and_the_signal_moves_to_bekeken(late):
    coach = UserFactory(role="coach", first_name="Carla", last_name="Coach")
    client = _client(coach)
    response = client.post(
        REVIEW_URL,
        {"fingerprint": _fingerprint(late), "outcome": "onderzoeken", "reason": "Ik bel de school."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{URL}#signaal-{_fingerprint(late)[:12]}"
    review = AnomalyReview.objects.get()
    assert (review.reviewer, review.outcome, review.reason) == (coach, "onderzoeken", "Ik bel de school.")
    assert AuditEvent.objects.filter(action="enrolments.anomaly_review", actor=coach).count() == 1
    html = client.get(URL).content.decode()
    bekeken = html.split('id="bekeken"', 1)[1]
    assert f"signaal-{_fingerprint(late)[:12]}" in bekeken
    assert "Carla Coach" in bekeken and "Ik bel de school." in bekeken and "Onderzoeken" in bekeken
    assert "Nog een besluit vastleggen" in bekeken


def test_a_decision_without_a_reason_shows_the_error_and_stores_nothing(late):
    response = _client(UserFactory(role="coach")).post(
        REVIEW_URL, {"fingerprint": _fingerprint(late), "outcome": "in_orde", "reason": "  "}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html
    assert "Schrijf op waarom u dit besluit." in html
    anchor = f"signaal-{_fingerprint(late)[:12]}"
    assert f'href="#id_{anchor}_reason"' in html and f'id="id_{anchor}_reason"' in html
    assert not AnomalyReview.objects.exists()


@pytest.mark.parametrize(
    ("fingerprint", "status"),
    [("0" * 64, 404), ("f" * 64, 404), ("niet-echt", 400), ("", 400), ("<script>" + "a" * 56, 400)],
)
def test_a_forged_or_unknown_signal_gives_a_dutch_message_and_stores_nothing(late, fingerprint, status):
    response = _client(UserFactory(role="coach")).post(
        REVIEW_URL, {"fingerprint": fingerprint, "outcome": "gemeld", "reason": "Vals."}
    )
    html = response.content.decode()
    assert response.status_code == status
    assert "Dit signaal" in html and 'role="alert"' in html
    assert "<script>" not in html
    assert not AnomalyReview.objects.exists() and not AuditEvent.objects.exists()


def test_a_bad_outcome_is_a_form_error(late):
    response = _client(UserFactory(role="coach")).post(
        REVIEW_URL, {"fingerprint": _fingerprint(late), "outcome": "prima", "reason": "Klopt."}
    )
    assert response.status_code == 400
    assert "Kies wat u besluit" in response.content.decode()
    assert not AnomalyReview.objects.exists()


def test_the_form_needs_the_csrf_token(late):
    client = _client(UserFactory(role="coach"), enforce_csrf_checks=True)
    response = client.post(
        REVIEW_URL, {"fingerprint": _fingerprint(late), "outcome": "in_orde", "reason": "Klopt."}
    )
    assert response.status_code == 403
    assert not AnomalyReview.objects.exists()


def test_the_review_address_takes_no_get():
    assert _client(UserFactory(role="coach")).get(REVIEW_URL).status_code == 405


def test_every_form_field_on_the_page_has_its_own_id(late):
    raw_enrolment(state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=30))
    html = _client(UserFactory(role="coach")).get(URL).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert html.count('name="reason"') == 2


def test_the_coach_menu_links_to_the_page():
    html = _client(UserFactory(role="coach")).get(reverse("web:start")).content.decode()
    assert f'href="{URL}"' in html
