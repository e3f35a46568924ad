"""Every kind of background work leaves the same data when it runs twice for one job: the worker died
after the work was stored but before the job was marked done, so the job runs again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning import tasks as learning_tasks
from doorleren.learning.models import Module, ModuleStart
from doorleren.monitoring import tasks as monitoring_tasks
from doorleren.monitoring.models import EffectEstimate, MeasureParticipation, OutcomeFigure, StatValue
from doorleren.monitoring.services.statistics import stat_indicators_load
from doorleren.monitoring.tests.evaluation import world
from doorleren.monitoring.tests.statistics.conftest import Recorder, client_for
from doorleren.organisations.tests.factories import MembershipFactory, SchoolFactory
from doorleren.tasks.models import Job, JobFile, JobFileRole, JobStatus
from doorleren.tasks.services import jobs_recover, runner
from doorleren.taxonomy import tasks as taxonomy_tasks
from doorleren.taxonomy.models import (
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillBroader,
    SkillLabel,
)
from doorleren.taxonomy.tests import esco_files

from .helpers import run_queued_jobs

pytestmark = pytest.mark.django_db


def _rows(values) -> list:
    """Rows in a fixed order (None sorts too)."""
    return sorted(values, key=repr)


class _WorkerDied(BaseException):
    """Stands for SIGKILL: nothing in the worker catches it as an error of the job."""


def _die(*args, **kwargs):
    raise _WorkerDied


@pytest.fixture
def run_twice(monkeypatch):
    """Run ``job`` until its work is stored but the worker "dies" before it marks the job done; then
    let the recovery queue it again and run it to the end. Returns the snapshots after both runs."""

    def run(job: Job, snapshot) -> tuple:
        with monkeypatch.context() as patch:
            patch.setattr(runner, "_store", _die)
            run_queued_jobs()
        first = snapshot()
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING
        Job.objects.filter(pk=job.pk).update(
            worker="elders:4242:dood", lease_expires_at=timezone.now() - dt.timedelta(minutes=10)
        )
        assert jobs_recover()["queued"] == 1
        run_queued_jobs()
        job.refresh_from_db()
        assert job.status == JobStatus.DONE, job.error
        assert job.attempts == 2
        return first, snapshot()

    return run


def test_the_esco_import_twice_leaves_the_same_tables(tmp_path, run_twice):
    export = esco_files.write_export(tmp_path / "esco")
    job = taxonomy_tasks.esco_import_enqueue(directory=export)
    assert taxonomy_tasks.esco_import_enqueue(directory=export).pk == job.pk  # same files: same job

    def snapshot():
        return (
            _rows(Occupation.objects.values_list("uri", "label", "status", "code")),
            _rows(Skill.objects.values_list("uri", "label", "status", "skill_type")),
            _rows(OccupationLabel.objects.values_list("concept__uri", "lang", "kind", "text")),
            _rows(SkillLabel.objects.values_list("concept__uri", "lang", "kind", "text")),
            _rows(SkillBroader.objects.values_list("skill__uri", "skill_group__uri", "broader_skill__uri")),
            _rows(OccupationSkill.objects.values_list("occupation__uri", "skill__uri", "relation")),
        )

    first, second = run_twice(job, snapshot)
    assert first == second
    assert len(first[0]) == 2
    assert "ESCO is ingelezen uit" in Job.objects.get(pk=job.pk).summary


INDICATOR_CSV = (
    b"indicator;gemeente;jaar;waarde\nbanen;GM0003;2019;4000\nbanen;GM0010;2019;9000\n"
    b"banen;GM0024;2019;2000\nbanen;GM0014;2019;120000\nbanen;GM0363;2019;1\n"
)


def _stat_values():
    return _rows(
        StatValue.objects.values_list(
            "indicator__code",
            "municipality__code",
            "year",
            "value",
            "source",
            "source_detail",
            "reported_codes",
        )
    )


def test_the_indicator_csv_import_twice_leaves_the_same_figures(run_twice):
    stat_indicators_load()
    office = UserFactory(role=Role.PROGRAMME_OFFICE)
    job = monitoring_tasks.indicators_import_csv_enqueue(
        content=INDICATOR_CSV, file_name="banen.csv", source_detail="Test", started_by=office
    )
    first, second = run_twice(job, _stat_values)
    assert first == second
    assert len(first) == 2  # Eemsdelta (three old municipalities) and Groningen; GM0363 is not in the region
    job.refresh_from_db()
    # The summary is the last run's: the figures were there already, so they count as updated.
    assert job.summary == "Cijfers gelezen: 5. Nieuw: 0. Aangepast: 2. Niet ingelezen: 1."
    assert any("GM0363" in line for line in job.lines)


def test_a_bad_indicator_csv_fails_with_the_line_and_column_in_dutch():
    stat_indicators_load()
    job = monitoring_tasks.indicators_import_csv_enqueue(
        content=b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;veel\n",
        file_name="x.csv",
        source_detail="",
    )
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Regel 2, kolom ‘waarde’")
    assert job.lines == []  # the one wrong line is in the message
    assert not StatValue.objects.exists()


def test_a_bad_indicator_csv_lists_every_wrong_line():
    stat_indicators_load()
    job = monitoring_tasks.indicators_import_csv_enqueue(
        content=b"indicator;gemeente;jaar;waarde\nbanen;GM0014;2019;veel\nbanen;GM0014;20x9;1\n",
        file_name="x.csv",
        source_detail="",
    )
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.lines == [
        "Regel 2, kolom ‘waarde’: “veel” is geen getal. Schrijf bijvoorbeeld 64,8 of 339000.",
        "Regel 3, kolom ‘jaar’: “20x9” is geen jaar van 1990 tot en met 2100.",
    ]


def test_the_cbs_import_twice_leaves_the_same_figures(monkeypatch, run_twice):
    stat_indicators_load()
    monkeypatch.setattr(
        "doorleren.monitoring.services.statistics.cbs_import.CbsClient", lambda: client_for(Recorder())
    )
    job = monitoring_tasks.indicators_import_cbs_enqueue(
        indicator="besteedbaar-inkomen",
        table="70072ned",
        measure_code="M001796_2",
        weight_measure_code="M000233",
    )
    first, second = run_twice(job, _stat_values)
    assert first == second and first


def test_the_monitoring_refresh_twice_leaves_the_same_figures(run_twice):
    world.build()
    job = monitoring_tasks.monitoring_refresh_enqueue(today=world.TODAY)
    assert monitoring_tasks.monitoring_refresh_enqueue(today=world.TODAY).pk == job.pk

    def snapshot():
        return (
            _rows(
                OutcomeFigure.objects.values_list(
                    "period_kind",
                    "period_start",
                    "measure_id",
                    "municipality_id",
                    "target_group",
                    "metric",
                    "value",
                    "persons",
                )
            ),
            _rows(
                EffectEstimate.objects.values_list(
                    "measure_id",
                    "participants",
                    "comparison_persons",
                    "effect",
                    "ci_low",
                    "ci_high",
                    "verdict",
                )
            ),
            _rows(MeasureParticipation.objects.values_list("measure_id", "resident_id", "started_on")),
        )

    first, second = run_twice(job, snapshot)
    assert first == second
    assert first[0] and first[1]
    assert Job.objects.get(pk=job.pk).summary.startswith("Bijgewerkt: 0 nieuwe deelnames, ")


MODULES_CSV = 'code,titel,uren,prijs_euro,vorm,startdata\nA1,Een,4,"12,35",online,2026-09-01;2027-02-01\nA2,Twee,8,0,online,\n'


def test_the_module_import_twice_leaves_the_same_modules(run_twice):
    school = SchoolFactory()
    user = MembershipFactory(user=UserFactory(role=Role.SCHOOL), organisation=school).user
    job = learning_tasks.modules_import_enqueue(
        provider=school, content=MODULES_CSV.encode(), file_name="modules.csv", started_by=user
    )

    def snapshot():
        return (
            _rows(Module.objects.values_list("provider_id", "code", "title", "hours", "price_cents", "mode")),
            _rows(ModuleStart.objects.values_list("module__code", "start_date")),
        )

    first, second = run_twice(job, snapshot)
    assert first == second
    assert len(first[0]) == 2 and len(first[1]) == 2


def test_a_module_import_stops_when_the_starter_may_no_longer_import():
    school = SchoolFactory()
    membership = MembershipFactory(user=UserFactory(role=Role.SCHOOL), organisation=school)
    job = learning_tasks.modules_import_enqueue(
        provider=school, content=MODULES_CSV.encode(), file_name="modules.csv", started_by=membership.user
    )
    membership.delete()
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Alleen medewerkers van een school of bedrijf kunnen modules inlezen."
    assert not Module.objects.exists()


def test_the_quarterly_report_made_again_for_the_same_job_keeps_one_pdf():
    """The report is stored with the job's end in one transaction; a second run of the job (forced
    here) replaces the job's file instead of adding one."""
    world.build()
    monitoring_tasks.monitoring_refresh_enqueue(today=world.TODAY)
    run_queued_jobs()
    office = UserFactory(role=Role.PROGRAMME_OFFICE)
    job = monitoring_tasks.monitoring_quarterly_report_enqueue(year=2024, quarter=1, started_by=office)

    def pdfs():
        return [
            (name, bytes(content)[:5])
            for name, content in JobFile.objects.filter(job=job, role=JobFileRole.OUTPUT).values_list(
                "name", "content"
            )
        ]

    run_queued_jobs()
    first = pdfs()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        worker="elders:4242:dood",
        lease_expires_at=timezone.now() - dt.timedelta(minutes=10),
    )
    assert jobs_recover()["queued"] == 1
    run_queued_jobs()
    assert first == pdfs() == [("monitoring-kwartaalrapport-2024-K1.pdf", b"%PDF-")]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert job.summary == "Het kwartaalrapport 2024 kwartaal 1 staat klaar. U kunt het hieronder downloaden."
