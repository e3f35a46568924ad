"""``doorleren tasks list`` and ``--queue`` on the import and refresh commands: the work goes on the
queue once and the command prints the job as one JSON line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from doorleren.monitoring.models import StatValue
from doorleren.monitoring.services.statistics import stat_indicators_load
from doorleren.tasks.models import Job, JobStatus
from doorleren.tasks.services import job_enqueue
from doorleren.taxonomy.models import Occupation
from doorleren.taxonomy.tests import esco_files

from .helpers import run_queued_jobs

pytestmark = pytest.mark.django_db


def _json_lines(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_monitoring_refresh_queue_twice_is_one_job():
    first = _json_lines("monitoring", "refresh", "--queue", "--today", "2026-11-28")
    second = _json_lines("monitoring", "refresh", "--queue", "--today", "2026-11-28")

    assert (
        first == second == [{"job": Job.objects.get().pk, "kind": "monitoring_refresh", "status": "queued"}]
    )
    assert DBTaskResult.objects.count() == 1
    run_queued_jobs()
    assert Job.objects.get().status == JobStatus.DONE


def test_indicators_import_csv_queue_reads_the_file_on_the_worker(tmp_path):
    stat_indicators_load()
    path = tmp_path / "cijfers.csv"
    path.write_bytes(b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;120000\n")

    [line] = _json_lines("indicators", "import-csv", str(path), "--queue")

    assert line["kind"] == "indicators_import_csv" and not StatValue.objects.exists()
    run_queued_jobs()
    assert Job.objects.get(pk=line["job"]).status == JobStatus.DONE
    assert StatValue.objects.get().value == 120000


def test_esco_import_queue(tmp_path):
    export = esco_files.write_export(tmp_path / "esco")

    [line] = _json_lines("esco", "import", str(export), "--queue")
    run_queued_jobs()

    assert Job.objects.get(pk=line["job"]).status == JobStatus.DONE
    assert Occupation.objects.count() == 2


def test_esco_import_queue_of_a_missing_folder_exits_with_a_dutch_line(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("esco", "import", str(tmp_path / "weg"), "--queue", stdout=io.StringIO(), stderr=err)
    assert stop.value.code == 2
    assert "bestaat niet" in err.getvalue()
    assert not Job.objects.exists()


def test_tasks_list_prints_one_json_line_per_job():
    job = job_enqueue(kind="tests_refused")
    run_queued_jobs()

    [line] = _json_lines("tasks", "list")

    assert line["id"] == job.pk
    assert line["status"] == "failed" and line["error"] == "Dit bestand kunnen wij niet lezen."
    assert line["title"] == "Test: geweigerd"
    assert _json_lines("tasks", "list", "--status", "done") == []
