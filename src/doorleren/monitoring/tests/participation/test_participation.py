"""Who takes part in a measure and who started work: from enrolments, from coaches and from residents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError
from doorleren.enrolments.tests.factories import coach_for, enrol, module, resident_with_budgets
from doorleren.fund.models import ProgrammeLine
from doorleren.monitoring.models import Measure, MeasureParticipation, WorkStart
from doorleren.monitoring.services.participation import (
    participation_register,
    participations_sync,
    work_start_record,
)
from doorleren.profiles import services as profiles_services
from doorleren.profiles.models import StatusChange
from doorleren.profiles.tests.factories import ResidentProfileFactory

pytestmark = pytest.mark.django_db


def measure(**extra):
    extra.setdefault("starts_on", dt.date(2024, 1, 1))
    return Measure.objects.create(
        programme_line=ProgrammeLine.objects.get(number=2), code="m", name="M", **extra
    )


def test_a_resident_whose_module_is_paid_from_the_measures_rule_takes_part_from_its_start():
    setting = resident_with_budgets(100_000)
    profiles_services.profile_update_preferences(profile=setting.resident.resident_profile, status="worker")
    m = measure()
    m.grant_rules.add(setting.budgets[0].rule)
    enrolment = enrol(setting, module())
    assert participations_sync() == {"added": 1}
    participation = MeasureParticipation.objects.get()
    assert (participation.measure, participation.resident.user) == (m, setting.resident)
    assert participation.started_on == enrolment.start_date
    assert participation.status_at_start == "worker"
    assert participations_sync() == {"added": 0}


def test_a_module_paid_from_another_rule_does_not_make_someone_take_part():
    setting = resident_with_budgets(100_000)
    measure()
    enrol(setting, module())
    assert participations_sync() == {"added": 0}


def test_a_coach_with_consent_registers_a_resident_and_the_audit_log_says_so():
    profile = ResidentProfileFactory(status="job_seeker")
    coach = coach_for(profile.user)
    m = measure()
    day = timezone.localdate() - dt.timedelta(days=3)
    made = participation_register(
        actor=coach, measure=m, resident_user=profile.user, started_on=day, reason="gesprek"
    )
    assert made.status_at_start == "job_seeker"
    assert AuditEvent.objects.filter(action="monitoring.participation_register", actor=coach).exists()
    with pytest.raises(ApplicationError) as twice:
        participation_register(actor=coach, measure=m, resident_user=profile.user, started_on=day)
    assert twice.value.status == 409


def test_a_coach_without_consent_may_not_register_a_resident():
    profile = ResidentProfileFactory()
    with pytest.raises(ApplicationError) as refused:
        participation_register(
            actor=UserFactory(role="coach"),
            measure=measure(),
            resident_user=profile.user,
            started_on=dt.date(2025, 1, 1),
        )
    assert refused.value.status == 403
    assert not MeasureParticipation.objects.exists()


def test_a_start_outside_the_measure_is_refused():
    profile = ResidentProfileFactory()
    office = UserFactory(role="programme_office")
    with pytest.raises(ApplicationError) as refused:
        participation_register(
            actor=office, measure=measure(), resident_user=profile.user, started_on=dt.date(2023, 12, 31)
        )
    assert refused.value.code == "monitoring_date_outside_measure"


def test_the_resident_records_work_and_their_situation_becomes_worker_from_that_day():
    profile = ResidentProfileFactory(status="job_seeker")
    day = timezone.localdate() - dt.timedelta(days=10)
    work_start_record(actor=profile.user, resident_user=profile.user, started_on=day, kind="job")
    profile.refresh_from_db()
    assert profile.status == "worker"
    assert WorkStart.objects.filter(resident=profile, started_on=day).exists()
    assert StatusChange.objects.filter(profile=profile, status="worker").exists()
    with pytest.raises(ApplicationError) as twice:
        work_start_record(actor=profile.user, resident_user=profile.user, started_on=day, kind="job")
    assert twice.value.status == 409


@pytest.mark.parametrize(
    ("days_ago", "kind", "code"),
    [
        (-1, "job", "monitoring_date_future"),
        (6 * 366, "job", "monitoring_date_too_old"),
        (1, "astronaut", "monitoring_work_kind_invalid"),
    ],
)
def test_a_wrong_work_start_is_refused_and_nothing_changes(days_ago, kind, code):
    profile = ResidentProfileFactory(status="job_seeker")
    with pytest.raises(ApplicationError) as refused:
        work_start_record(
            actor=profile.user,
            resident_user=profile.user,
            started_on=timezone.localdate() - dt.timedelta(days=days_ago),
            kind=kind,
        )
    assert refused.value.code == code
    profile.refresh_from_db()
    assert profile.status == "job_seeker" and not WorkStart.objects.exists()


def test_another_resident_or_the_programme_office_may_not_record_work_for_someone():
    profile = ResidentProfileFactory()
    for actor in (ResidentProfileFactory().user, UserFactory(role="programme_office")):
        with pytest.raises(ApplicationError) as refused:
            work_start_record(
                actor=actor, resident_user=profile.user, started_on=timezone.localdate(), kind="job"
            )
        assert refused.value.status == 403


def test_the_work_page_records_work_and_shows_it(client):
    profile = ResidentProfileFactory(status="job_seeker")
    client.force_login(profile.user)
    url = reverse("monitoring:work_mine")
    assert client.get(url).status_code == 200
    day = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    response = client.post(url, {"started_on": day, "kind": "basisbaan"}, follow=True)
    assert response.status_code == 200
    assert "Gefeliciteerd" in response.content.decode()
    assert "Basisbaan" in response.content.decode()


@pytest.mark.parametrize(
    "body", [{}, {"started_on": "gisteren", "kind": "job"}, {"started_on": "2999-01-01", "kind": "job"}]
)
def test_the_work_page_answers_bad_input_with_a_400_in_dutch(client, body):
    profile = ResidentProfileFactory(status="job_seeker")
    client.force_login(profile.user)
    response = client.post(reverse("monitoring:work_mine"), body)
    assert response.status_code == 400
    assert "Er gaat nog iets mis" in response.content.decode()
    assert not WorkStart.objects.exists()


def test_only_residents_see_the_work_page(client):
    client.force_login(UserFactory(role="coach"))
    assert client.get(reverse("monitoring:work_mine")).status_code == 403


def test_a_coach_with_consent_records_work_through_the_api(client):
    profile = ResidentProfileFactory(status="job_seeker")
    coach = coach_for(profile.user)
    client.force_login(coach)
    response = client.post(
        "/api/v1/monitoring/work-starts/",
        {"resident_id": profile.user.pk, "started_on": timezone.localdate().isoformat(), "kind": "job"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    missing = client.post(
        "/api/v1/monitoring/work-starts/",
        {"resident_id": 999_999, "started_on": timezone.localdate().isoformat(), "kind": "job"},
        content_type="application/json",
    )
    assert missing.status_code == 404


def test_the_programme_office_registers_a_participant_through_the_api(client):
    profile = ResidentProfileFactory()
    m = measure()
    client.force_login(UserFactory(role="programme_office"))
    body = {
        "resident_id": profile.user.pk,
        "measure_id": m.pk,
        "started_on": timezone.localdate().isoformat(),
    }
    assert (
        client.post("/api/v1/monitoring/participations/", body, content_type="application/json").status_code
        == 201
    )
    again = client.post("/api/v1/monitoring/participations/", body, content_type="application/json")
    assert again.status_code == 409
    wrong = client.post(
        "/api/v1/monitoring/participations/", {**body, "measure_id": 424242}, content_type="application/json"
    )
    assert wrong.status_code == 404
