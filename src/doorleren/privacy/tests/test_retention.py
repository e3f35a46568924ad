"""Retention: each kind of data goes on the day its period ends, not a day earlier; idempotent; the
command prints one JSON line and refuses a bad date with exit code 2."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone

from doorleren.accounts.models import Consent, User
from doorleren.accounts.tests.factories import ConsentFactory, UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.audit.services import audit_record
from doorleren.budgets.selectors import ledger_reconciliation
from doorleren.budgets.tests.factories import grant, rule
from doorleren.enrolments.models import AnomalyReview
from doorleren.privacy.models import ProfileView
from doorleren.privacy.services import RETENTION, retention_apply, years_before
from doorleren.profiles.models import CompetencySuggestion, ResidentProfile
from doorleren.profiles.tests.factories import ResidentProfileFactory
from doorleren.taxonomy.tests.factories import CompetencyFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2030, 6, 15)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def just_before(years: int) -> dt.datetime:
    """The last moment that is past the limit: the day before the cutoff day."""
    return at(years_before(TODAY, years) - dt.timedelta(days=1), 23)


def just_inside(years: int) -> dt.datetime:
    return at(years_before(TODAY, years), 0)


@pytest.fixture
def resident(resident):
    """The resident logged in on TODAY, so the inactive-accounts rule leaves them alone."""
    User.objects.filter(pk=resident.pk).update(last_login=at(TODAY))
    return resident


def _view(resident, when):
    return ProfileView.objects.create(
        viewer_name="Henk", resident=resident, purpose="view_profile", what="profile", viewed_at=when
    )


def test_every_kind_has_a_documented_period():
    assert {rule.kind for rule in RETENTION} >= {
        "inactive_residents",
        "profile_views",
        "competency_suggestions",
        "revoked_consents",
        "anomaly_reviews",
        "audit_events",
        "ledger",
    }
    assert all(rule.why for rule in RETENTION)


def test_years_before_handles_29_february():
    assert years_before(dt.date(2028, 2, 29), 1) == dt.date(2027, 2, 28)


def test_profile_views_go_after_two_years(resident):
    old, kept = _view(resident, just_before(2)), _view(resident, just_inside(2))
    assert retention_apply(today=TODAY)["profile_views"] == 1
    assert list(ProfileView.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not ProfileView.objects.filter(pk=old.pk).exists()


def test_revoked_consents_go_two_years_after_revoking_active_ones_never(resident):
    long_ago = just_before(2) - dt.timedelta(days=900)
    ConsentFactory(resident=resident, granted_at=long_ago, revoked_at=just_before(2))
    kept = ConsentFactory(resident=resident, granted_at=long_ago, revoked_at=just_inside(2))
    active = ConsentFactory(resident=resident, granted_at=long_ago)
    assert retention_apply(today=TODAY)["revoked_consents"] == 1
    assert set(Consent.objects.values_list("pk", flat=True)) == {kept.pk, active.pk}


def test_competency_suggestions_go_a_year_after_the_decision(resident):
    profile = resident.resident_profile
    old = CompetencySuggestion.objects.create(
        profile=profile, competency=CompetencyFactory(), decision="rejected"
    )
    kept = CompetencySuggestion.objects.create(
        profile=profile, competency=CompetencyFactory(), decision="confirmed"
    )
    CompetencySuggestion.objects.filter(pk=old.pk).update(updated_at=just_before(1))
    CompetencySuggestion.objects.filter(pk=kept.pk).update(updated_at=just_inside(1))
    assert retention_apply(today=TODAY)["competency_suggestions"] == 1
    assert list(CompetencySuggestion.objects.values_list("pk", flat=True)) == [kept.pk]


def test_anomaly_reviews_go_after_five_years(coach):
    def review(when):
        made = AnomalyReview.objects.create(
            fingerprint="a" * 64, kind="burst", subject="s", outcome="in_orde", reason="r", reviewer=coach
        )
        AnomalyReview.objects.filter(pk=made.pk).update(created_at=when)
        return made

    review(just_before(5))
    kept = review(just_inside(5))
    assert retention_apply(today=TODAY)["anomaly_reviews"] == 1
    assert list(AnomalyReview.objects.values_list("pk", flat=True)) == [kept.pk]


def test_audit_lines_go_after_seven_years_and_the_ledger_stays(resident):
    grant(rule_=rule(amount_cents=10_000), resident_=resident)
    old = audit_record(action="test.old", subject=("x", 1))
    kept = audit_record(action="test.kept", subject=("x", 2))
    # The log refuses updates (AuditEventQuerySet); the plain QuerySet.update moves test lines in time.
    QuerySet.update(AuditEvent.objects.filter(pk=old.pk), at=just_before(7))
    QuerySet.update(AuditEvent.objects.filter(pk=kept.pk), at=just_inside(7))
    before = ledger_reconciliation()
    counts = retention_apply(today=TODAY)
    assert counts["audit_events"] == 1
    assert counts["ledger"] == 0
    assert (
        AuditEvent.objects.filter(pk=kept.pk).exists() and not AuditEvent.objects.filter(pk=old.pk).exists()
    )
    after = ledger_reconciliation()
    assert after.ok and after.transactions == before.transactions


def test_residents_who_did_not_log_in_for_three_years_are_erased(resident):
    User.objects.filter(pk=resident.pk).update(last_login=just_before(3))
    recent = ResidentProfileFactory().user
    User.objects.filter(pk=recent.pk).update(last_login=just_inside(3))
    never = UserFactory()
    User.objects.filter(pk=never.pk).update(last_login=None, date_joined=just_before(3))
    staff = UserFactory(role="employer")
    User.objects.filter(pk=staff.pk).update(last_login=just_before(3))

    assert retention_apply(today=TODAY)["inactive_residents"] == 2
    erased = User.objects.get(pk=resident.pk)
    assert erased.username.startswith("verwijderd-") and not erased.is_active
    assert not ResidentProfile.objects.filter(user=erased).exists()
    assert User.objects.get(pk=recent.pk).is_active
    assert User.objects.get(pk=staff.pk).is_active
    assert AuditEvent.objects.filter(action="privacy.account_erase", data__trigger="retention").count() == 2


def test_a_dry_run_counts_and_deletes_nothing(resident):
    _view(resident, just_before(2))
    User.objects.filter(pk=resident.pk).update(last_login=just_before(3))
    counts = retention_apply(today=TODAY, dry_run=True)
    assert counts["profile_views"] == 1 and counts["inactive_residents"] == 1
    assert ProfileView.objects.count() == 1
    assert User.objects.get(pk=resident.pk).is_active


def test_running_twice_deletes_nothing_more(resident):
    _view(resident, just_before(2))
    User.objects.filter(pk=resident.pk).update(last_login=just_before(3))
    retention_apply(today=TODAY)
    assert set(retention_apply(today=TODAY).values()) == {0}


def test_the_command_prints_one_json_line(resident):
    _view(resident, just_before(2))
    out = StringIO()
    call_command("privacy", "retention", "--dry-run", "--today", TODAY.isoformat(), stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["today"] == "2030-06-15" and result["dry_run"] is True
    assert result["counts"]["profile_views"] == 1


def test_the_command_refuses_a_bad_date_with_exit_code_2():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("privacy", "retention", "--today", "15-06-2030")
    assert error.value.returncode == 2
    assert "JJJJ-MM-DD" in str(error.value)
