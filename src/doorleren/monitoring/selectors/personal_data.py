"""What monitoring keeps about one resident, for "Mijn gegevens" (docs/security-privacy.md)."""

from __future__ import annotations

from .participation import participations_of_resident, work_starts_of_resident


def personal_data_for(*, user) -> dict:
    """The measures ``user`` takes part in and the starts in work they (or a coach) told us."""
    return {
        "measure_participations": [
            {
                "measure": row.measure.name,
                "started_on": row.started_on,
                "status_at_start": row.status_at_start,
                "source": row.source,
            }
            for row in participations_of_resident(user=user).order_by("started_on", "id")
        ],
        "work_starts": [
            {"started_on": row.started_on, "kind": row.kind, "recorded_at": row.created_at}
            for row in work_starts_of_resident(user=user).order_by("started_on", "id")
        ],
    }
