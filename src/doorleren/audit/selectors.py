"""Read the audit log."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_for(*, subject: models.Model | tuple[str, object]) -> QuerySet[AuditEvent]:
    """Everything logged about ``subject``, newest first."""
    if isinstance(subject, models.Model):
        subject_type, subject_id = subject._meta.label_lower, str(subject.pk)
    else:
        subject_type, subject_id = str(subject[0]), str(subject[1])
    return AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).select_related("actor")


def audit_events(*, action_prefix: str = "", actor=None) -> QuerySet[AuditEvent]:
    """The log, newest first; optionally only actions starting with ``action_prefix`` or by ``actor``."""
    events = AuditEvent.objects.select_related("actor")
    if action_prefix:
        events = events.filter(action__startswith=action_prefix)
    if actor is not None:
        events = events.filter(actor=actor)
    return events


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


def personal_data_for(*, user, subjects: tuple[tuple[str, object], ...] = ()) -> dict:
    """The log lines done by ``user`` or about them: about their account and about ``subjects``
    (``(type, id)`` pairs of their own things, e.g. ``("enrolments.enrolment", 12)``), oldest first.
    Who else acted is not named: only whether it was the user themself."""
    from django.db.models import Q

    about = Q(subject_type="accounts.user", subject_id=str(user.pk)) | Q(actor=user)
    for subject_type, subject_id in subjects:
        about |= Q(subject_type=str(subject_type), subject_id=str(subject_id))
    return {
        "audit_events": [
            {
                "at": event.at,
                "action": event.action,
                "subject_type": event.subject_type,
                "subject_id": event.subject_id,
                "reason": event.reason,
                "by_self": event.actor_id == user.pk,
            }
            for event in AuditEvent.objects.filter(about).order_by("at", "id")
        ]
    }
