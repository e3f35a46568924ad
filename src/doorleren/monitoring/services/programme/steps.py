"""The parts of a measure: its targets (an indicator, a value, a year), its activities and what each
activity delivered per year. Every step locks the measure, writes the next version of its history
when something changed, and an audit line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from ...models import (
    MAX_STAT_VALUE,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Activity,
    ActivityResult,
    Measure,
    MeasureTarget,
    StatIndicator,
)
from .common import (
    RESULT_VALUE_MAX,
    UNIT_MAX,
    _actor_check,
    _amount,
    _date,
    _error,
    _period_check,
    _reason,
    _text,
    _whole,
    _year,
)
from .versions import _locked, _step_record, _step_remove, _sync, measure_snapshot

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.core.errors import ApplicationError


# --- targets ----------------------------------------------------------------------------------------


def _target_value(value: object) -> Decimal:
    message = _("Vul een getal in, zoals 66 of 66,5, met hoogstens 4 cijfers achter de komma.")
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str | float):
        raise _error(message, "measure_target_value_invalid", "target_value")
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise _error(message, "measure_target_value_invalid", "target_value") from None
    if not number.is_finite() or abs(number) > MAX_STAT_VALUE or number.as_tuple().exponent < -4:
        raise _error(message, "measure_target_value_invalid", "target_value")
    return number


def measure_target_set(
    *,
    actor: User | None,
    measure: Measure,
    indicator: StatIndicator,
    target_value: Decimal | int | str,
    target_year: int,
    contribution: str = "",
    reason: str = "",
) -> MeasureTarget:
    """The measure aims at ``indicator``: ``target_value`` in ``target_year``. Setting the same
    indicator and year again changes that target."""
    _actor_check(actor)
    if not isinstance(indicator, StatIndicator) or indicator.pk is None:
        raise _error(_("Kies een indicator uit de lijst."), "measure_target_indicator_invalid", "indicator")
    value = _target_value(target_value)
    year = _year(target_year, field="target_year", code="measure_target_year")
    contribution = _text(
        contribution,
        field="contribution",
        max_length=REASON_MAX,
        required=False,
        code="measure_target_contribution",
    )
    reason = _reason(reason, required=False, code="measure_target") or _("Doel van de maatregel gezet.")
    with transaction.atomic():
        locked = _locked(measure)
        before = measure_snapshot(measure=locked)
        target, _created = MeasureTarget.objects.update_or_create(
            measure=locked,
            indicator=indicator,
            target_year=year,
            defaults={"target_value": value, "contribution": contribution},
        )
        _step_record(
            locked=locked,
            before=before,
            actor=actor,
            reason=reason,
            action="measure_target_set",
            data={"indicator": indicator.code, "target_value": str(value), "target_year": year},
        )
    _sync(measure, locked)
    return target


def measure_target_remove(*, actor: User | None, target: MeasureTarget, reason: str = "") -> None:
    _actor_check(actor)
    reason = _reason(reason, required=False, code="measure_target") or _("Doel van de maatregel weggehaald.")
    _step_remove(
        measure=target.measure,
        rows=lambda locked: MeasureTarget.objects.filter(pk=target.pk, measure=locked),
        not_found=(_("Dit doel bestaat niet (meer)."), "measure_target_not_found"),
        actor=actor,
        reason=reason,
        action="measure_target_remove",
        data={"target_id": target.pk},
    )


# --- activities and results -------------------------------------------------------------------------

ACTIVITY_FIELDS = ("name", "description", "starts_on", "ends_on", "cost_cents")


def _activity_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise _error(
            _("Dit kunt u bij een activiteit niet wijzigen: %(names)s.")
            % {"names": ", ".join(sorted(unknown))},
            "activity_field_unknown",
        )
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "name":
            clean[name] = _text(value, field=name, max_length=TITLE_MAX, required=True, code="activity_name")
        elif name == "description":
            clean[name] = _text(
                value, field=name, max_length=TEXT_MAX, required=False, code="activity_description"
            )
        elif name == "starts_on":
            clean[name] = _date(value, field=name, code="activity_starts_on")
        elif name == "ends_on":
            clean[name] = _date(value, field=name, code="activity_ends_on", required=False)
        elif name == "cost_cents":
            clean[name] = _amount(value, field=name, code="activity_cost")
    return clean


def _activity_missing() -> ApplicationError:
    return _error(_("Deze activiteit bestaat niet (meer)."), "activity_not_found", status=404)


def activity_create(
    *,
    actor: User | None,
    measure: Measure,
    name: str,
    starts_on: dt.date,
    description: str = "",
    ends_on: dt.date | None = None,
    cost_cents: int = 0,
    reason: str = "",
) -> Activity:
    _actor_check(actor)
    fields = _activity_fields(
        {
            "name": name,
            "description": description,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "cost_cents": cost_cents,
        }
    )
    _period_check(fields["starts_on"], fields["ends_on"], code="activity")
    reason = _reason(reason, required=False, code="activity") or _("Activiteit toegevoegd.")
    with transaction.atomic():
        locked = _locked(measure)
        before = measure_snapshot(measure=locked)
        activity = Activity.objects.create(measure=locked, **fields)
        _step_record(
            locked=locked,
            before=before,
            actor=actor,
            reason=reason,
            action="activity_create",
            data={"activity_id": activity.pk, "cost_cents": activity.cost_cents},
            always=True,
        )
    _sync(measure, locked)
    activity.measure = measure  # later steps on this activity keep the caller's measure up to date
    return activity


def activity_update(*, actor: User | None, activity: Activity, reason: str = "", **changes: Any) -> Activity:
    """Change the given fields of an activity (names as in ``ACTIVITY_FIELDS``)."""
    _actor_check(actor)
    fields = _activity_fields(changes)
    reason = _reason(reason, required=False, code="activity") or _("Activiteit gewijzigd.")
    with transaction.atomic():
        locked = _locked(activity.measure)
        current = Activity.objects.filter(pk=activity.pk, measure=locked).first()
        if current is None:
            raise _activity_missing()
        _period_check(
            fields.get("starts_on", current.starts_on),
            fields.get("ends_on", current.ends_on),
            code="activity",
        )
        before = measure_snapshot(measure=locked)
        for name, value in fields.items():
            setattr(current, name, value)
        if fields:
            current.save(update_fields=list(fields))
        _step_record(
            locked=locked,
            before=before,
            actor=actor,
            reason=reason,
            action="activity_update",
            data={"activity_id": current.pk, "changed": sorted(fields)},
        )
    _sync(activity.measure, locked)
    return current


def activity_delete(*, actor: User | None, activity: Activity, reason: str = "") -> None:
    """Remove an activity and its results (they stay readable in the measure's history)."""
    _actor_check(actor)
    reason = _reason(reason, required=False, code="activity") or _("Activiteit weggehaald.")
    _step_remove(
        measure=activity.measure,
        rows=lambda locked: Activity.objects.filter(pk=activity.pk, measure=locked),
        not_found=(_("Deze activiteit bestaat niet (meer)."), "activity_not_found"),
        actor=actor,
        reason=reason,
        action="activity_delete",
        data={"activity_id": activity.pk},
    )


def activity_result_add(
    *,
    actor: User | None,
    activity: Activity,
    year: int,
    description: str,
    value: int,
    unit: str,
    reason: str = "",
) -> ActivityResult:
    """What an activity delivered in one year, e.g. 120 "deelnemers" in 2024."""
    _actor_check(actor)
    year = _year(year, field="year", code="activity_result_year")
    description = _text(
        description, field="description", max_length=TITLE_MAX, required=True, code="activity_result"
    )
    value = _whole(
        value,
        field="value",
        code="activity_result_value",
        minimum=0,
        maximum=RESULT_VALUE_MAX,
        message=_("Vul een heel getal in van 0 tot en met %(max)s.") % {"max": RESULT_VALUE_MAX},
    )
    unit = _text(unit, field="unit", max_length=UNIT_MAX, required=True, code="activity_result_unit")
    reason = _reason(reason, required=False, code="activity_result") or _("Resultaat toegevoegd.")
    with transaction.atomic():
        locked = _locked(activity.measure)
        if not Activity.objects.filter(pk=activity.pk, measure=locked).exists():
            raise _activity_missing()
        before = measure_snapshot(measure=locked)
        result = ActivityResult.objects.create(
            activity_id=activity.pk, year=year, description=description, value=value, unit=unit
        )
        _step_record(
            locked=locked,
            before=before,
            actor=actor,
            reason=reason,
            action="activity_result_add",
            data={"activity_id": activity.pk, "year": year, "value": value, "unit": unit},
            always=True,
        )
    _sync(activity.measure, locked)
    return result


def activity_result_remove(*, actor: User | None, result: ActivityResult, reason: str = "") -> None:
    _actor_check(actor)
    reason = _reason(reason, required=False, code="activity_result") or _("Resultaat weggehaald.")
    _step_remove(
        measure=result.activity.measure,
        rows=lambda locked: ActivityResult.objects.filter(pk=result.pk, activity__measure=locked),
        not_found=(_("Dit resultaat bestaat niet (meer)."), "activity_result_not_found"),
        actor=actor,
        reason=reason,
        action="activity_result_remove",
        data={"result_id": result.pk},
    )
