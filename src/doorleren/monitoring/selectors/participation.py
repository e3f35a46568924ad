"""Read participations and work starts (docs/monitoring.md, "Deelname en werk")."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ..models import Measure, MeasureParticipation, WorkStart


def work_starts_of_resident(*, user) -> QuerySet[WorkStart]:
    """The resident's own work starts, newest first."""
    return WorkStart.objects.filter(resident__user=user).order_by("-started_on", "-id")


def participations_of_resident(*, user) -> QuerySet[MeasureParticipation]:
    """The measures the resident takes part in, newest first."""
    return (
        MeasureParticipation.objects.filter(resident__user=user)
        .select_related("measure", "measure__programme_line")
        .order_by("-started_on", "-id")
    )


def measure_get(*, measure_id: int) -> Measure:
    """The measure with this id; a Dutch 404 when there is none."""
    found = Measure.objects.filter(pk=measure_id).first()
    if found is None:
        raise ApplicationError(_("Deze maatregel bestaat niet."), code="not_found", status=404)
    return found
