"""The audit log: who did what, when and why. Rows are only ever added (docs/audit.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditImmutableError(RuntimeError):
    """An audit event was changed or deleted after it was written. A programming error, never user input."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise AuditImmutableError("audit events are never changed")

    def delete(self):
        raise AuditImmutableError("audit events are never deleted")


class AuditEvent(models.Model):
    """One action on the platform. ``action`` is a dotted code (``budgets.reservation_create``);
    ``subject_type``/``subject_id`` name what it was done to; ``data`` holds the facts that matter
    (amounts in cents, states), never free personal text beyond ``reason``."""

    at = models.DateTimeField(_("wanneer"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg: het systeem zelf (een opdracht of een geplande taak)."),
    )
    action = models.CharField(_("wat"), max_length=100, db_index=True)
    subject_type = models.CharField(_("soort"), max_length=100)
    subject_id = models.CharField(_("nummer"), max_length=64)
    reason = models.CharField(_("waarom"), max_length=500, blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ("-at", "-id")
        indexes = [models.Index(fields=("subject_type", "subject_id", "at"))]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject_type}:{self.subject_id}"

    def save(self, *args, **kwargs):
        # A safety net only (services never change a row): an event is written once.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditImmutableError("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError("audit events are never deleted")
