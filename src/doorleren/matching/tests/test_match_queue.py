"""``doorleren match --instance FILE --queue``: batch matching as a background job (docs/tasks.md)."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from django.core.management import call_command

from doorleren.tasks.models import Job, JobFile, JobStatus
from doorleren.tasks.tests.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db

INSTANCE = {
    "direction": "person",
    "top": 2,
    "labels": {"lassen": "Metaal lassen"},
    "persons": [{"id": "anne", "competencies": {"lassen": 2}}, {"id": "bert", "competencies": {"zorg": 3}}],
    "opportunities": [
        {"id": "lasser", "requires": {"lassen": {"level": 2, "essential": True}}},
        {"id": "verzorgende", "requires": {"zorg": 2}},
    ],
}


def _run(*args: str) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("match", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()], err.getvalue()


def _output(job: Job) -> list[dict]:
    file = JobFile.objects.exclude(role="input").get(job=job)
    return [json.loads(line) for line in bytes(file.content).decode().splitlines()]


def test_the_queued_job_gives_the_same_lines_as_the_command_and_the_same_file_is_one_job(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(INSTANCE), encoding="utf-8")
    direct, _err = _run("--instance", str(path))

    first, _err = _run("--instance", str(path), "--queue")
    again, _err = _run("--instance", str(path), "--queue")
    job = Job.objects.get()
    assert first == again == [{"job": job.pk, "kind": "matching_batch", "status": "queued"}]

    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result["lines"] == 2
    assert _output(job) == direct
    assert [line["person"] for line in direct] == ["anne", "bert"]


def test_a_malformed_file_is_refused_before_anything_is_queued(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text('{"persons": [', encoding="utf-8")
    lines, err = _run("--instance", str(path), "--queue")
    assert lines == []
    assert "geen geldige JSON" in err
    assert not Job.objects.exists()
