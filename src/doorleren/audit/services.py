"""Write to the audit log. Call ``audit_record`` inside the same database transaction as the
action it describes, so an action and its log line are stored together or not at all."""

from __future__ import annotations

from typing import Any

from django.db import models

from doorleren.core.db import insert_one
from doorleren.core.errors import ApplicationError

from .models import AuditEvent

ACTION_MAX = 100
REASON_MAX = 500


def _subject(subject: models.Model | tuple[str, object]) -> tuple[str, str]:
    if isinstance(subject, models.Model):
        return subject._meta.label_lower, str(subject.pk)
    kind, pk = subject
    return str(kind), str(pk)


def audit_record(
    *,
    action: str,
    subject: models.Model | tuple[str, object],
    actor=None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one line to the audit log: ``actor`` (a user, or None for the system) did ``action`` to
    ``subject`` (a saved model instance, or ``(type, id)``) because of ``reason``.

    ``data`` must be JSON-serialisable (amounts in cents as integers). A reason that is too long is an
    ``ApplicationError`` (400); an empty or too long ``action`` is a programming error (ValueError).
    """
    if not action or len(action) > ACTION_MAX:
        raise ValueError(f"audit action must be 1-{ACTION_MAX} characters")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        from django.utils.translation import gettext as _

        raise ApplicationError(
            _("Schrijf de reden in hoogstens %(max)s tekens.") % {"max": REASON_MAX}, code="reason_too_long"
        )
    subject_type, subject_id = _subject(subject)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    # One plain INSERT (core.db): every reservation writes a line here, in the same transaction.
    return insert_one(
        AuditEvent(
            actor=actor,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            reason=reason,
            data=data or {},
        )
    )


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


def audit_events_purge(*, before, dry_run: bool = False) -> int:
    """Delete log lines older than ``before`` (a datetime): the retention task, after 7 years (the
    Dutch fiscal retention period). The only way a line ever leaves the log: whole lines, oldest first,
    never changed. The ledger itself is not in the log and is never purged. Returns how many (would) go."""
    from django.db import transaction

    old = AuditEvent.objects.filter(at__lt=before)
    if dry_run:
        return old.count()
    with transaction.atomic():
        # QuerySet.delete() refuses on purpose (AuditEventQuerySet); the raw delete skips that guard.
        return old._raw_delete(old.db)
