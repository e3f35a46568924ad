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
