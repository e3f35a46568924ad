"""The audit log: one line per action, never changed, never deleted."""

import pytest
from django.db import transaction

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent, AuditImmutableError
from doorleren.audit.selectors import audit_events, audit_events_for
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_a_line_names_who_what_to_what_why_and_the_facts():
    coach = UserFactory(role="coach")
    target = UserFactory()

    event = audit_record(
        action="budgets.budget_grant",
        subject=target,
        actor=coach,
        reason="Past bij de regeling.",
        data={"cents": 50000},
    )

    assert (event.actor, event.action, event.subject_type, event.subject_id) == (
        coach,
        "budgets.budget_grant",
        "accounts.user",
        str(target.pk),
    )
    assert event.reason == "Past bij de regeling."
    assert event.data == {"cents": 50000}
    assert event.at is not None
    assert list(audit_events_for(subject=target)) == [event]
    assert list(audit_events_for(subject=("accounts.user", target.pk))) == [event]


def test_the_system_is_an_empty_actor_and_anonymous_users_count_as_the_system():
    from django.contrib.auth.models import AnonymousUser

    first = audit_record(action="x.run", subject=("job", 1))
    second = audit_record(action="x.run", subject=("job", 2), actor=AnonymousUser())
    assert first.actor is None and second.actor is None


def test_lines_are_never_changed_or_deleted():
    event = audit_record(action="x.run", subject=("job", 1))
    event.reason = "anders"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.update(reason="anders")
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().reason == ""


def test_a_too_long_reason_is_a_dutch_400_and_nothing_is_written():
    with pytest.raises(ApplicationError) as error:
        audit_record(action="x.run", subject=("job", 1), reason="a" * 501)
    assert error.value.code == "reason_too_long"
    assert "hoogstens 500 tekens" in error.value.message
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("action", ["", "a" * 101])
def test_a_wrong_action_code_is_a_programming_error(action):
    with pytest.raises(ValueError):
        audit_record(action=action, subject=("job", 1))


def test_a_line_written_in_a_failed_transaction_is_gone_with_the_action():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action="x.run", subject=("job", 1))
        raise RuntimeError("the action failed")
    assert not AuditEvent.objects.exists()


def test_the_log_can_be_filtered_by_action_and_actor():
    coach = UserFactory(role="coach")
    audit_record(action="budgets.reserve", subject=("r", 1), actor=coach)
    audit_record(action="fund.submit", subject=("a", 1))
    assert [e.action for e in audit_events(action_prefix="budgets.")] == ["budgets.reserve"]
    assert [e.action for e in audit_events(actor=coach)] == ["budgets.reserve"]
