"""Background work as the platform sees it (docs/tasks.md).

A ``Job`` is one piece of background work (an import, a refresh, a report): who started it, what it
works on, how far it is and how it ended, in Dutch. The queue underneath is django-tasks with its
database backend (docs/adr/0005-background-tasks.md); ``task_result_id`` points at its row. The
``lease_expires_at``/``worker`` pair is how a crashed worker's job is found and run again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


# A second request for the same work while a job is in one of these returns that job.
ACTIVE_OR_DONE = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DONE)


class Job(models.Model):
    kind = models.CharField(_("soort"), max_length=60)
    handler = models.CharField(
        _("code"), max_length=200, help_text=_("Python-pad van de functie die het werk doet.")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Besides the starter (and administrators), people with this role see the job (reports).
    shared_role = models.CharField(_("ook te zien voor rol"), max_length=32, blank=True)
    params = models.JSONField(_("gegevens"), default=dict, blank=True)
    idempotency_key = models.CharField(_("sleutel"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("klaar"), default=0)
    progress_total = models.PositiveIntegerField(_("totaal"), default=0)
    progress_label = models.CharField(_("stap"), max_length=200, blank=True)
    summary = models.TextField(_("resultaat"), blank=True)
    lines = models.JSONField(_("details"), default=list, blank=True)
    result = models.JSONField(_("resultaat (gegevens)"), default=dict, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    task_result_id = models.CharField(_("taak in de wachtrij"), max_length=64, blank=True)
    run_token = models.CharField(max_length=32, blank=True)
    worker = models.CharField(_("verwerker"), max_length=200, blank=True)
    lease_expires_at = models.DateTimeField(_("bezig tot ten minste"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=Q(status__in=["queued", "running", "done"]),
                name="tasks_job_one_per_key",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "lease_expires_at"], name="tasks_job_status_lease"),
            models.Index(fields=["started_by", "-created_at"], name="tasks_job_started_by"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class JobFileRole(models.TextChoices):
    INPUT = "input", _("invoer")
    OUTPUT = "output", _("uitvoer")


class JobFile(models.Model):
    """A file a job reads (an uploaded CSV, kept until the job ends) or writes (a report). Kept in the
    database so a worker on another machine reads what the web server received."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=10, choices=JobFileRole.choices)
    name = models.CharField(_("naam"), max_length=200)
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("bestand van een taak")
        verbose_name_plural = _("bestanden van taken")

    def __str__(self) -> str:
        return self.name
