"""The pages: enrol after seeing who pays what, the list per role, one enrolment, and the step buttons."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.enrolments.models import Enrolment, EnrolmentState
from doorleren.learning.models import ModuleStart, PublicationStatus

from ..factories import coach_for, enrol, module, provider_member, resident_with_budgets

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _key(html: str) -> str:
    return re.search(r'name="idempotency_key" value="([^"]+)"', html)[1]


def _form(html: str) -> dict:
    fields = {}
    for name in ("idempotency_key", "start", "left_to_pay_cents"):
        match = re.search(rf'type="hidden" name="{name}"(?: value="([^"]*)")?', html)
        fields[name] = (match[1] or "") if match else ""
    return fields


# Pages use the real date: the budgets run around today and the module starts in a month.
TODAY = timezone.localdate()
START = TODAY + dt.timedelta(days=30)


@pytest.fixture
def world():
    setting = resident_with_budgets(30_000, today=TODAY)
    course = module(price_cents=45_000, hours=40, start=START)
    return setting, course


def test_the_enrol_page_shows_who_pays_what_and_writes_nothing(world):
    setting, course = world
    response = _client(setting.resident).get(reverse("enrolments:enrol", args=[course.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "€ 300,00" in html and "€ 150,00" in html  # the budget pays 300, the resident 150
    assert "Ja, schrijf mij in" in html and "csrfmiddlewaretoken" in html
    assert len(_key(html)) == 32
    assert not Enrolment.objects.exists()


def test_confirming_enrols_once_even_when_sent_twice(world):
    setting, course = world
    client = _client(setting.resident)
    url = reverse("enrolments:enrol", args=[course.pk])
    form = _form(client.get(url).content.decode())
    first = client.post(url, form)
    second = client.post(url, form)
    enrolment = Enrolment.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("enrolments:detail", args=[enrolment.pk])
    assert (enrolment.state, enrolment.covered_cents, enrolment.left_to_pay_cents) == (
        EnrolmentState.RESERVED,
        30_000,
        15_000,
    )
    assert enrolment.module_start == ModuleStart.objects.get(module=course)


def test_a_changed_split_shows_the_new_split_and_enrols_nobody(world):
    setting, course = world
    client = _client(setting.resident)
    url = reverse("enrolments:enrol", args=[course.pk])
    form = _form(client.get(url).content.decode())
    form["left_to_pay_cents"] = "0"
    response = client.post(url, form)
    assert response.status_code == 409
    assert "Wie wat betaalt is veranderd" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_choosing_another_start_shows_its_split(world):
    setting, course = world
    later = ModuleStart.objects.create(module=course, start_date=START.replace(year=START.year + 3))
    client = _client(setting.resident)
    response = client.get(reverse("enrolments:enrol", args=[course.pk]), {"start": later.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een start" in html
    assert _form(html)["start"] == str(later.pk)
    assert _form(html)["left_to_pay_cents"] == "45000"  # the budget has ended by then


@pytest.mark.parametrize("start", ["abc", "987654321", "99999999999999999999", "-1"])
def test_a_bad_start_is_a_clear_400(world, start):
    setting, course = world
    response = _client(setting.resident).get(reverse("enrolments:enrol", args=[course.pk]), {"start": start})
    assert response.status_code == 400
    assert "Deze start kennen wij niet" in response.content.decode()


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"idempotency_key": "k", "left_to_pay_cents": "abc"},
        {"idempotency_key": "x" * 81, "left_to_pay_cents": "0"},
        {"idempotency_key": "k", "left_to_pay_cents": "0", "start": "987654321"},
    ],
)
def test_a_bad_confirm_form_is_a_400_and_enrols_nobody(world, form):
    setting, course = world
    response = _client(setting.resident).post(reverse("enrolments:enrol", args=[course.pk]), form)
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


def test_only_residents_enrol_and_only_for_published_modules(world):
    setting, course = world
    url = reverse("enrolments:enrol", args=[course.pk])
    assert _client(UserFactory(role="school")).get(url).status_code == 403
    assert _client(UserFactory(role="coach")).post(url, {}).status_code == 403
    assert Client().get(url).status_code == 302  # to the login page
    draft = module(status=PublicationStatus.DRAFT)
    assert _client(setting.resident).get(reverse("enrolments:enrol", args=[draft.pk])).status_code == 404
    assert _client(setting.resident).get("/inschrijven/987654321/").status_code == 404


def test_the_confirm_form_needs_the_csrf_token(world):
    setting, course = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(setting.resident)
    url = reverse("enrolments:enrol", args=[course.pk])
    form = _form(client.get(url).content.decode())
    assert client.post(url, form).status_code == 403
    assert not Enrolment.objects.exists()


@pytest.fixture
def enrolled(world):
    setting, course = world
    enrolment = enrol(setting, course, on=TODAY)
    return setting, course, enrolment, provider_member(course), coach_for(setting.resident)


def test_each_role_sees_the_list_it_may_see(enrolled):
    setting, course, enrolment, staff, coach = enrolled
    url = reverse("enrolments:list")
    mine = _client(setting.resident).get(url).content.decode()
    assert "Mijn inschrijvingen" in mine and course.title in mine and "Annuleren" in mine
    theirs = _client(staff).get(url).content.decode()
    assert setting.resident.get_full_name() in theirs and "Start bevestigen" in theirs
    read_only = _client(coach).get(url).content.decode()
    assert (
        course.title in read_only
        and "Start bevestigen" not in read_only
        and "<form" not in read_only.split("<main")[-1]
    )
    other_school = _client(UserFactory(role="school")).get(url).content.decode()
    assert course.title not in other_school
    assert _client(UserFactory(role="programme_office")).get(url).status_code == 403


def test_one_enrolment_with_its_history_for_who_may_see_it(enrolled):
    setting, course, enrolment, staff, coach = enrolled
    url = reverse("enrolments:detail", args=[enrolment.pk])
    for user in (setting.resident, staff, coach):
        response = _client(user).get(url)
        assert response.status_code == 200
        assert "Wat er gebeurde" in response.content.decode()
    assert "Ingeschreven, geld gereserveerd" in _client(setting.resident).get(url).content.decode()
    for outsider in (UserFactory(), UserFactory(role="school"), UserFactory(role="employer")):
        assert _client(outsider).get(url).status_code == 404
    assert _client(UserFactory(role="programme_office")).get(url).status_code == 403


def test_the_provider_confirms_start_and_attendance_with_the_buttons(enrolled):
    setting, course, enrolment, staff, coach = enrolled
    client = _client(staff)
    step = reverse("enrolments:step", args=[enrolment.pk])
    response = client.post(step, {"step": "confirm_start", "back": "list"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("enrolments:list"))
    client.post(step, {"step": "confirm_attendance", "attended_hours": "40"})
    client.post(step, {"step": "pay"})
    enrolment.refresh_from_db()
    assert (enrolment.state, enrolment.attended_hours, enrolment.provider_paid_cents) == (
        EnrolmentState.PAID,
        40,
        30_000,
    )
    html = client.get(reverse("enrolments:detail", args=[enrolment.pk])).content.decode()
    assert "Betaald aan de aanbieder: € 300,00." in html


def test_the_resident_cancels_with_the_button_and_the_money_goes_back(enrolled):
    setting, course, enrolment, staff, coach = enrolled
    response = _client(setting.resident).post(
        reverse("enrolments:step", args=[enrolment.pk]), {"step": "cancel", "back": "list"}, follow=True
    )
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.CANCELLED
    assert "Gelukt." in response.content.decode()
    assert enrolment.fundings.get().released_cents == 30_000


def test_a_refused_step_shows_the_dutch_reason_and_changes_nothing(enrolled):
    setting, course, enrolment, staff, coach = enrolled
    step = reverse("enrolments:step", args=[enrolment.pk])
    refused = _client(setting.resident).post(step, {"step": "confirm_start"}, follow=True)
    assert "U mag deze stap niet zetten." in refused.content.decode()
    too_early = _client(staff).post(step, {"step": "pay"}, follow=True)
    assert "Dit kan nu niet." in too_early.content.decode()
    bad = _client(staff).post(step, {"step": "confirm_start", "attended_hours": "veel"}, follow=True)
    assert "Wij konden niet lezen wat u wilt doen." in bad.content.decode()
    assert _client(coach).post(step, {"step": "cancel"}, follow=True).status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.RESERVED


def test_steps_on_an_enrolment_you_may_not_see_are_404_and_get_is_405(enrolled):
    setting, course, enrolment, staff, coach = enrolled
    step = reverse("enrolments:step", args=[enrolment.pk])
    assert _client(UserFactory()).post(step, {"step": "cancel"}).status_code == 404
    assert _client(setting.resident).get(step).status_code == 405
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.RESERVED


def test_the_list_does_not_ask_the_database_once_per_enrolment(django_assert_max_num_queries):
    course = module(price_cents=45_000, hours=40, start=START)
    staff = provider_member(course)
    for _ in range(3):
        enrol(resident_with_budgets(10_000, today=TODAY), course, on=TODAY)
    client = _client(staff)
    url = reverse("enrolments:list")
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    for _ in range(5):
        enrol(resident_with_budgets(10_000, today=TODAY), course, on=TODAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).content.decode().count("Start bevestigen") == 8


def test_a_module_without_a_new_start_says_so_and_has_no_confirm_button(world):
    setting, _course = world
    closed = module(start=TODAY - dt.timedelta(days=3))
    html = _client(setting.resident).get(reverse("enrolments:enrol", args=[closed.pk])).content.decode()
    assert "Deze module heeft geen nieuwe start." in html
    assert "Ja, schrijf mij in" not in html
