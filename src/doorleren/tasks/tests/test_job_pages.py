"""The job's page: status, progress "x van y", result or Dutch error, a "Vernieuwen" link without
JavaScript and htmx polling while it runs; only for the starter, administrators and (reports) the
same role; anything else is 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.tasks.models import Job, JobStatus
from doorleren.tasks.services import job_enqueue

from .helpers import run_queued_jobs

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _page(user, job) -> tuple[int, str]:
    response = _client(user).get(reverse("tasks:detail", args=[job.pk]))
    return response.status_code, response.content.decode()


def test_a_queued_job_shows_its_status_a_refresh_link_and_polls_with_htmx():
    user = UserFactory()
    job = job_enqueue(kind="tests_echo", started_by=user, params={"value": 1})

    status, html = _page(user, job)

    assert status == 200
    assert '<h1 class="utrecht-heading-1">Test: echo</h1>' in html
    assert "In de wachtrij" in html
    assert f'href="{reverse("tasks:detail", args=[job.pk])}">Vernieuwen</a>' in html
    assert 'hx-trigger="every 2s"' in html and 'hx-select="#taak-status"' in html


def test_htmx_polling_gets_204_until_something_changed():
    user = UserFactory()
    job = job_enqueue(kind="tests_echo", started_by=user, params={"value": 1})
    client = _client(user)
    url = reverse("tasks:detail", args=[job.pk])

    assert f'hx-get="{url}?stand=queued-0-0-0"' in client.get(url).content.decode()
    assert client.get(url, {"stand": "queued-0-0-0"}, headers={"HX-Request": "true"}).status_code == 204
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress_total=4, progress_done=1)
    response = client.get(url, {"stand": "queued-0-0-0"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "1 van 4" in response.content.decode()
    # Without htmx the page is always the whole page.
    assert client.get(url, {"stand": "running-1-4-0"}).status_code == 200


def test_a_running_job_shows_x_van_y():
    user = UserFactory()
    job = job_enqueue(kind="tests_echo", started_by=user, params={"value": 1})
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress_done=3, progress_total=10, progress_label="Cijfers inlezen"
    )

    _status, html = _page(user, job)

    assert "Cijfers inlezen: 3 van 10" in html
    assert '<progress max="100" value="30"' in html


def test_a_done_job_shows_its_result_and_stops_polling():
    user = UserFactory()
    job = job_enqueue(kind="tests_echo", started_by=user, params={"value": 5})
    run_queued_jobs()

    _status, html = _page(user, job)

    assert "Klaar: 5" in html and "regel een" in html
    assert "hx-trigger" not in html and "Vernieuwen" not in html


def test_a_failed_job_shows_the_dutch_message():
    user = UserFactory()
    job = job_enqueue(kind="tests_refused", started_by=user)
    run_queued_jobs()

    _status, html = _page(user, job)

    assert "<title>Mislukt: Test: geweigerd" in html
    assert "Dit is niet gelukt" in html and "Dit bestand kunnen wij niet lezen." in html


def test_others_get_404_administrators_see_it_and_anonymous_visitors_log_in_first():
    owner = UserFactory(role=Role.PROGRAMME_OFFICE)
    job = job_enqueue(kind="tests_echo", started_by=owner, params={"value": 1})

    assert _page(UserFactory(role=Role.PROGRAMME_OFFICE), job)[0] == 404  # same role, not shared
    assert _page(UserFactory(role=Role.RESIDENT), job)[0] == 404
    assert _page(UserFactory(role=Role.ADMINISTRATOR), job)[0] == 200
    response = _client().get(reverse("tasks:detail", args=[job.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_unknown_id_is_404():
    assert _client(UserFactory(role=Role.ADMINISTRATOR)).get("/taken/999999/").status_code == 404


def test_a_report_is_shared_with_the_same_role_and_its_file_downloads():
    owner, colleague = UserFactory(role=Role.PROGRAMME_OFFICE), UserFactory(role=Role.PROGRAMME_OFFICE)
    job = job_enqueue(kind="tests_report", started_by=owner)
    run_queued_jobs()
    file = job.files.get()
    url = reverse("tasks:file", args=[job.pk, file.pk])

    _status, html = _page(colleague, job)
    assert f'href="{url}" download>rapport.pdf</a>' in html
    response = _client(colleague).get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport.pdf"'

    assert _client(UserFactory(role=Role.COACH)).get(url).status_code == 404
    assert _page(UserFactory(role=Role.COACH), job)[0] == 404
    assert _client(owner).get(reverse("tasks:file", args=[job.pk, file.pk + 1])).status_code == 404


def test_my_jobs_lists_only_mine():
    anne, bert = UserFactory(), UserFactory()
    mine = job_enqueue(kind="tests_echo", started_by=anne, params={"value": 1})
    theirs = job_enqueue(kind="tests_echo", started_by=bert, params={"value": 2})

    html = _client(anne).get(reverse("tasks:list")).content.decode()

    assert reverse("tasks:detail", args=[mine.pk]) in html
    assert reverse("tasks:detail", args=[theirs.pk]) not in html
