"""Queueing the same work twice gives one job and one row in the queue; a failed job can be queued anew."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.errors import ApplicationError
from doorleren.tasks.models import Job, JobFile, JobStatus
from doorleren.tasks.services import job_enqueue

pytestmark = pytest.mark.django_db


def test_the_same_work_twice_is_one_job_and_one_queue_row():
    user = UserFactory()
    first = job_enqueue(kind="tests_echo", started_by=user, params={"value": 1}, files={"csv": b"a;b\n"})
    second = job_enqueue(kind="tests_echo", started_by=user, params={"value": 1}, files={"csv": b"a;b\n"})

    assert second.pk == first.pk
    assert Job.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    assert str(DBTaskResult.objects.get().id) == first.task_result_id
    assert JobFile.objects.get().content == b"a;b\n"


@pytest.mark.parametrize("status", [JobStatus.RUNNING, JobStatus.DONE])
def test_a_running_or_done_job_is_returned_too(status):
    first = job_enqueue(kind="tests_echo", params={"value": 1})
    Job.objects.filter(pk=first.pk).update(status=status)

    assert job_enqueue(kind="tests_echo", params={"value": 1}).pk == first.pk
    assert DBTaskResult.objects.count() == 1


def test_after_a_failed_job_the_same_work_is_queued_again():
    first = job_enqueue(kind="tests_echo", params={"value": 1})
    Job.objects.filter(pk=first.pk).update(status=JobStatus.FAILED)

    second = job_enqueue(kind="tests_echo", params={"value": 1})

    assert second.pk != first.pk
    assert DBTaskResult.objects.count() == 2


def test_another_file_other_parameters_or_another_person_is_other_work():
    anne, bert = UserFactory(), UserFactory()
    base = job_enqueue(kind="tests_echo", started_by=anne, params={"value": 1}, files={"csv": b"1"})
    others = [
        job_enqueue(kind="tests_echo", started_by=anne, params={"value": 1}, files={"csv": b"2"}),
        job_enqueue(kind="tests_echo", started_by=anne, params={"value": 2}, files={"csv": b"1"}),
        job_enqueue(kind="tests_echo", started_by=bert, params={"value": 1}, files={"csv": b"1"}),
        job_enqueue(kind="tests_echo", params={"value": 1}, files={"csv": b"1"}),
    ]
    assert len({base.pk, *(job.pk for job in others)}) == 5


def test_work_shared_with_a_role_is_the_same_job_for_colleagues_with_that_role():
    office, colleague = UserFactory(role=Role.PROGRAMME_OFFICE), UserFactory(role=Role.PROGRAMME_OFFICE)
    first = job_enqueue(kind="tests_report", started_by=office, params={"q": 3})
    second = job_enqueue(kind="tests_report", started_by=colleague, params={"q": 3})

    assert second.pk == first.pk
    assert first.shared_role == Role.PROGRAMME_OFFICE


def test_an_unknown_kind_is_refused_in_dutch():
    with pytest.raises(ApplicationError, match="Dit soort werk kennen wij niet."):
        job_enqueue(kind="bestaat_niet")
