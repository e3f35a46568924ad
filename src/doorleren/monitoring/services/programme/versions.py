"""The measure's history: its snapshot as JSON, the row lock every change takes, the next
``MeasureVersion`` when something changed, and the audit line that goes with each change."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record

from ...models import Measure, MeasureVersion
from .common import _error

if TYPE_CHECKING:
    from doorleren.accounts.models import User


def _number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def measure_snapshot(*, measure: Measure) -> dict[str, Any]:
    """The measure as JSON: every field, the ids (and codes or names) of the linked rows, its targets
    and its activities with their results. ``MeasureVersion.snapshot`` holds this."""
    line = measure.programme_line
    return {
        "programme_line": {"id": line.pk, "code": line.code, "name": line.name},
        "code": measure.code,
        "name": measure.name,
        "description": measure.description,
        "responsible": (
            {"id": measure.responsible.pk, "name": measure.responsible.name} if measure.responsible else None
        ),
        "responsible_name": measure.responsible_name,
        "partners": [{"id": o.pk, "name": o.name} for o in measure.partners.order_by("name", "pk")],
        "partner_names": measure.partner_names,
        "budget_cents": measure.budget_cents,
        "starts_on": measure.starts_on.isoformat(),
        "ends_on": measure.ends_on.isoformat() if measure.ends_on else None,
        "target_groups": list(measure.target_groups or []),
        "municipalities": [
            {"id": m.pk, "code": m.code, "name": m.name}
            for m in measure.municipalities.order_by("name", "pk")
        ],
        "status": measure.status,
        "grant_rules": [{"id": r.pk, "name": r.name} for r in measure.grant_rules.order_by("name", "pk")],
        "targets": [
            {
                "id": target.pk,
                "indicator": target.indicator.code,
                "indicator_name": target.indicator.name,
                "unit": target.indicator.unit,
                "target_value": _number_text(target.target_value),
                "target_year": target.target_year,
                "contribution": target.contribution,
            }
            for target in measure.targets.select_related("indicator").order_by(
                "target_year", "indicator__code", "pk"
            )
        ],
        "activities": [
            {
                "id": activity.pk,
                "name": activity.name,
                "description": activity.description,
                "starts_on": activity.starts_on.isoformat(),
                "ends_on": activity.ends_on.isoformat() if activity.ends_on else None,
                "cost_cents": activity.cost_cents,
                "results": [
                    {
                        "id": result.pk,
                        "year": result.year,
                        "description": result.description,
                        "value": result.value,
                        "unit": result.unit,
                    }
                    for result in activity.results.order_by("year", "pk")
                ],
            }
            for activity in measure.activities.order_by("starts_on", "pk")
        ],
    }


def _locked(measure: Measure) -> Measure:
    """The measure's row, locked until the end of the transaction (``SELECT ... FOR UPDATE``)."""
    found = Measure.objects.select_for_update().filter(pk=measure.pk).first()
    if found is None:
        raise _error(_("Deze maatregel bestaat niet (meer)."), "measure_not_found", status=404)
    return found


def _version_write(
    *, measure: Measure, before: dict[str, Any] | None, actor: User | None, reason: str
) -> MeasureVersion | None:
    """Write the next version when the snapshot differs from ``before`` (``None``: the first one)."""
    after = measure_snapshot(measure=measure)
    if before is None:
        changed = list(after)
        number = measure.version
    else:
        changed = [key for key in after if after[key] != before.get(key)]
        if not changed:
            return None
        measure.version += 1
        Measure.objects.filter(pk=measure.pk).update(version=measure.version, updated_at=timezone.now())
    return MeasureVersion.objects.create(
        measure=measure,
        version=number if before is None else measure.version,
        changed_at=timezone.now(),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
        changed_fields=changed,
        snapshot=after,
    )


def _audit(action: str, subject, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    audit_record(action=f"monitoring.{action}", subject=subject, actor=actor, reason=reason, data=data)


def _sync(given: Measure, locked: Measure) -> None:
    """Let the caller's measure object see the new version."""
    if given is not locked:
        given.version = locked.version


def _step_record(
    *,
    locked: Measure,
    before: dict[str, Any],
    actor: User | None,
    reason: str,
    action: str,
    data: dict[str, Any],
    always: bool = False,
) -> MeasureVersion | None:
    """After a step on a part of the measure (a target, an activity, a result): the next version when
    the snapshot changed, and an audit line with ``data`` and the version number (when nothing
    changed, only with ``always``, naming the version as it is)."""
    version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
    if version is not None or always:
        _audit(
            action,
            locked,
            actor,
            reason,
            {**data, "version": version.version if version is not None else locked.version},
        )
    return version


def _step_remove(
    *,
    measure: Measure,
    rows: Callable[[Measure], QuerySet],
    not_found: tuple[str, str],
    actor: User | None,
    reason: str,
    action: str,
    data: dict[str, Any],
) -> None:
    """Delete ``rows(locked)`` (a part of the locked measure) with a version and an audit line;
    ``not_found`` (message, code) is the 404 when there was nothing to delete."""
    with transaction.atomic():
        locked = _locked(measure)
        before = measure_snapshot(measure=locked)
        deleted, _rows = rows(locked).delete()
        if not deleted:
            message, code = not_found
            raise _error(message, code, status=404)
        _step_record(
            locked=locked, before=before, actor=actor, reason=reason, action=action, data=data, always=True
        )
    _sync(measure, locked)
