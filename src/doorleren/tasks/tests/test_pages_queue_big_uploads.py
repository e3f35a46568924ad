"""Pages that read a file in during the request queue a big file as a job and send the uploader to
the job's page; the quarterly report can be made on the background. Small files stay as they were
(their tests are in the apps)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.models import Module
from doorleren.monitoring.models import StatValue
from doorleren.monitoring.services.statistics import stat_indicators_load
from doorleren.organisations.tests.factories import MembershipFactory, SchoolFactory
from doorleren.tasks.models import Job, JobStatus

from .helpers import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_upload_is_big(settings):
    settings.DOORLEREN_TASKS_INLINE_UPLOAD_BYTES = 10


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_a_big_indicator_file_becomes_a_job_with_its_result_on_the_job_page():
    stat_indicators_load()
    office = UserFactory(role=Role.PROGRAMME_OFFICE)
    client = _client(office)
    upload = SimpleUploadedFile("cijfers.csv", b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;120000\n")

    response = client.post(reverse("monitoring:statistics_import"), {"file": upload})

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("tasks:detail", args=[job.pk])
    assert not StatValue.objects.exists()
    assert "In de wachtrij" in client.get(response["Location"]).content.decode()

    run_queued_jobs()
    html = client.get(response["Location"]).content.decode()
    assert "Cijfers gelezen: 1. Nieuw: 1. Aangepast: 0. Niet ingelezen: 0." in html
    assert reverse("monitoring:statistics_import") in html  # the way back
    assert StatValue.objects.get().value == 120000


def test_a_big_module_file_becomes_a_job():
    school = SchoolFactory()
    user = MembershipFactory(user=UserFactory(role=Role.SCHOOL), organisation=school).user
    upload = SimpleUploadedFile("modules.csv", b'code,titel,uren,prijs_euro,vorm\nA1,Een,4,"12,35",online\n')

    response = _client(user).post(reverse("learning:import"), {"provider": school.pk, "file": upload})

    job = Job.objects.get()
    assert response["Location"] == reverse("tasks:detail", args=[job.pk])
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.summary == "Het bestand is ingelezen: 1 nieuw, 0 gewijzigd, 0 hetzelfde gebleven."
    assert Module.objects.get().price_cents == 1235


def test_a_big_module_file_with_errors_shows_each_line_in_dutch_on_the_job_page():
    school = SchoolFactory()
    user = MembershipFactory(user=UserFactory(role=Role.SCHOOL), organisation=school).user
    upload = SimpleUploadedFile("modules.csv", b"code,titel,uren,prijs_euro,vorm\nA1,Een,4,twaalf,online\n")
    client = _client(user)

    response = client.post(reverse("learning:import"), {"provider": school.pk, "file": upload})
    run_queued_jobs()

    html = client.get(response["Location"]).content.decode()
    assert "Wij hebben niets ingelezen: er is 1 fout in het bestand." in html
    assert "Regel 2: het bedrag" in html
    assert not Module.objects.exists()


def test_the_quarterly_report_can_be_made_on_the_background():
    office = UserFactory(role=Role.PROGRAMME_OFFICE)
    response = _client(office).post(reverse("monitoring:quarterly_report_job"), {"kwartaal": "2024-K1"})

    job = Job.objects.get()
    assert response["Location"] == reverse("tasks:detail", args=[job.pk])
    assert job.kind == "monitoring_quarterly_report" and job.shared_role == Role.PROGRAMME_OFFICE
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert bytes(job.files.get().content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("quarter", "message"), [("2024-K5", "Dit kwartaal bestaat niet."), ("2099-K1", "nog niet begonnen")]
)
def test_a_wrong_quarter_is_a_dutch_error_and_no_job(quarter, message):
    response = _client(UserFactory(role=Role.PROGRAMME_OFFICE)).post(
        reverse("monitoring:quarterly_report_job"), {"kwartaal": quarter}
    )
    assert response.status_code in (400, 404)
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_a_resident_cannot_ask_for_the_report():
    response = _client(UserFactory(role=Role.RESIDENT)).post(
        reverse("monitoring:quarterly_report_job"), {"kwartaal": "2024-K1"}
    )
    assert response.status_code == 403
    assert not Job.objects.exists()
