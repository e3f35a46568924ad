"""The programme as data (docs/monitoring-programme.md): measures, their targets, activities,
results and judgements, edited by the programme office, with history.

Every change to a measure, its targets or its activities (with their results) bumps
``Measure.version`` and writes a ``MeasureVersion``: a full JSON copy (``snapshot``) of the measure
after the change, the names of the parts that changed, who and why. A change that changes nothing
writes no version. ``measure_update`` takes the version the editor saw (``expected_version``); when
someone else changed the measure in the meantime it says so (409) and changes nothing.

Only the programme office and administrators may write (403 for anyone else). ``actor`` None is the
system (the demo, an import), never a page. Every service owns its transaction and writes one
audit line in it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.fund import selectors as fund_selectors
from doorleren.fund import services as fund_services
from doorleren.region import selectors as region_selectors

from ..models import (
    MAX_AMOUNT_CENTS,
    MAX_STAT_VALUE,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Activity,
    ActivityResult,
    Measure,
    MeasureJudgement,
    MeasureStatus,
    MeasureTarget,
    MeasureVersion,
    StatIndicator,
    TargetGroup,
    Verdict,
)

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.budgets.models import GrantRule
    from doorleren.fund.models import ProgrammeLine
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality

# Who may change the programme: Role values (accounts.models.Role).
PROGRAMME_ROLES = ("programme_office", "administrator")
CODE_MAX = 60
UNIT_MAX = 40
YEAR_MIN, YEAR_MAX = 2000, 2100
RESULT_VALUE_MAX = 10**9
# More than this many partners, municipalities or grant rules is a mistake, not a measure.
MANY_MAX = 100
_CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The fields of a measure that measure_update may change, in the order of the form.
MEASURE_FIELDS = (
    "programme_line",
    "code",
    "name",
    "description",
    "responsible",
    "responsible_name",
    "partners",
    "partner_names",
    "budget_cents",
    "starts_on",
    "ends_on",
    "target_groups",
    "municipalities",
    "status",
    "grant_rules",
)
_MANY_FIELDS = ("partners", "municipalities", "grant_rules")


# --- checks -----------------------------------------------------------------------------------------


def _forbidden() -> ApplicationError:
    return ApplicationError(
        _("Alleen het programmabureau en beheerders mogen het programma wijzigen."),
        code="monitoring_forbidden",
        status=403,
    )


def may_change_programme(user: User | None) -> bool:
    """Is ``user`` an active member of the programme office, or an administrator?"""
    return (
        user is not None
        and any(accounts_selectors.has_role(user=user, role=role) for role in PROGRAMME_ROLES)
        and user.is_active
    )


def _actor_check(actor: User | None) -> None:
    """The programme office or an administrator; ``None`` is the system (the demo), never a page."""
    if actor is not None and not may_change_programme(actor):
        raise _forbidden()


def _error(message: str, code: str, field: str | None = None, status: int = 400) -> ApplicationError:
    return ApplicationError(message, code=code, status=status, extra={"field": field} if field else None)


def _text(value: object, *, field: str, max_length: int, required: bool, code: str) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or "\x00" in value or len(value) > max_length:
        raise _error(
            _("Deze tekst is te lang of bevat tekens die niet mogen. Gebruik hoogstens %(max)d tekens.")
            % {"max": max_length},
            f"{code}_invalid",
            field,
        )
    value = value.strip()
    if required and not value:
        raise _error(_("Vul dit in."), f"{code}_empty", field)
    return value


def _reason(value: object, *, required: bool, code: str) -> str:
    if required and (not isinstance(value, str) or not value.strip()):
        raise _error(_("Schrijf op waarom u dit wijzigt."), f"{code}_reason_missing", "reason")
    return _text(value, field="reason", max_length=REASON_MAX, required=required, code=f"{code}_reason")


def _whole(value: object, *, field: str, code: str, minimum: int, maximum: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _error(message, f"{code}_invalid", field)
    return value


def _amount(value: object, *, field: str, code: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(_("Het bedrag moet een heel aantal centen zijn."), f"{code}_not_whole", field)
    if value < 0:
        raise _error(_("Het bedrag kan niet onder 0 zijn."), f"{code}_negative", field)
    if value > MAX_AMOUNT_CENTS:
        raise _error(
            _("Het bedrag is te hoog. Kijk of u het goed heeft ingetypt."), f"{code}_too_high", field
        )
    return value


def _date(value: object, *, field: str, code: str, required: bool = True) -> dt.date | None:
    if value is None and not required:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise _error(_("Vul een datum in."), f"{code}_invalid", field)
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise _error(
            _("Kies een datum tussen %(min)s en %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
            f"{code}_out_of_range",
            field,
        )
    return value


def _year(value: object, *, field: str, code: str) -> int:
    return _whole(
        value,
        field=field,
        code=code,
        minimum=YEAR_MIN,
        maximum=YEAR_MAX,
        message=_("Vul een jaar in van %(min)s tot en met %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
    )


def _period_check(starts_on: dt.date, ends_on: dt.date | None, *, code: str) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise _error(
            _("De einddatum moet op of na de begindatum liggen."), f"{code}_ends_before_start", "ends_on"
        )


def _instance(value: object, *, model_field: str, field: str, code: str, message: str):
    """``value`` must be a saved instance of the model behind ``Measure.<model_field>``."""
    model = Measure._meta.get_field(model_field).related_model
    if not isinstance(value, model) or value.pk is None:
        raise _error(message, f"{code}_invalid", field)
    return value


def _many(values: object, *, model_field: str, field: str, code: str, message: str) -> list:
    if values is None:
        return []
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise _error(message, f"{code}_invalid", field)
    found = list(
        dict.fromkeys(
            _instance(value, model_field=model_field, field=field, code=code, message=message)
            for value in values
        )
    )
    if len(found) > MANY_MAX:
        raise _error(_("Kies hoogstens %(max)d.") % {"max": MANY_MAX}, f"{code}_too_many", field)
    return found


def _target_groups(values: object) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise _error(_("Kies de doelgroepen uit de lijst."), "measure_target_groups_invalid", "target_groups")
    values = list(values)
    if any(not isinstance(value, str) or value not in TargetGroup.values for value in values):
        raise _error(_("Kies de doelgroepen uit de lijst."), "measure_target_groups_invalid", "target_groups")
    return [value for value in TargetGroup.values if value in values]


def _municipalities(values: object) -> list[Municipality]:
    found = _many(
        values,
        model_field="municipalities",
        field="municipalities",
        code="measure_municipalities",
        message=_("Kies de gemeenten uit de lijst."),
    )
    old = [municipality.name for municipality in found if not municipality.is_current]
    if old:
        raise _error(
            _("Deze gemeente bestaat niet meer: %(names)s. Kies de gemeente van nu.")
            % {"names": ", ".join(old)},
            "measure_municipality_not_current",
            "municipalities",
        )
    return found


def _measure_fields(fields: dict[str, Any], *, measure: Measure | None) -> dict[str, Any]:
    """Check and clean the given fields of a measure (only those given)."""
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise _error(
            _("Dit kunt u bij een maatregel niet wijzigen: %(names)s.")
            % {"names": ", ".join(sorted(unknown))},
            "measure_field_unknown",
        )
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "programme_line":
            clean[name] = _instance(
                value,
                model_field="programme_line",
                field=name,
                code="measure_programme_line",
                message=_("Kies een programmalijn uit de lijst."),
            )
        elif name == "code":
            code = _text(value, field=name, max_length=CODE_MAX, required=True, code="measure_code").lower()
            if not _CODE_PATTERN.match(code):
                raise _error(
                    _(
                        "Gebruik voor de code alleen kleine letters, cijfers en streepjes, zoals ‘basisbanen-2024’."
                    ),
                    "measure_code_invalid",
                    name,
                )
            taken = Measure.objects.filter(code=code)
            if measure is not None:
                taken = taken.exclude(pk=measure.pk)
            if taken.exists():
                raise _error(
                    _("Er is al een maatregel met de code ‘%(code)s’. Kies een andere code.")
                    % {"code": code},
                    "measure_code_taken",
                    name,
                )
            clean[name] = code
        elif name == "name":
            clean[name] = _text(value, field=name, max_length=TITLE_MAX, required=True, code="measure_name")
        elif name in ("description", "partner_names"):
            clean[name] = _text(
                value, field=name, max_length=TEXT_MAX, required=False, code=f"measure_{name}"
            )
        elif name == "responsible_name":
            clean[name] = _text(
                value, field=name, max_length=TITLE_MAX, required=False, code="measure_responsible"
            )
        elif name == "responsible":
            clean[name] = (
                None
                if value is None
                else _instance(
                    value,
                    model_field="responsible",
                    field=name,
                    code="measure_responsible",
                    message=_("Kies een organisatie uit de lijst."),
                )
            )
        elif name == "partners":
            clean[name] = _many(
                value,
                model_field="partners",
                field=name,
                code="measure_partners",
                message=_("Kies de partners uit de lijst."),
            )
        elif name == "grant_rules":
            clean[name] = _many(
                value,
                model_field="grant_rules",
                field=name,
                code="measure_grant_rules",
                message=_("Kies de regelingen uit de lijst."),
            )
        elif name == "municipalities":
            clean[name] = _municipalities(value)
        elif name == "budget_cents":
            clean[name] = _amount(value, field=name, code="measure_budget")
        elif name == "starts_on":
            clean[name] = _date(value, field=name, code="measure_starts_on")
        elif name == "ends_on":
            clean[name] = _date(value, field=name, code="measure_ends_on", required=False)
        elif name == "target_groups":
            clean[name] = _target_groups(value)
        elif name == "status":
            if not isinstance(value, str) or value not in MeasureStatus.values:
                raise _error(_("Kies een stand uit de lijst."), "measure_status_invalid", name)
            clean[name] = value
    return clean


# --- snapshots and versions -------------------------------------------------------------------------


def _number_text(value: Decimal) -> str:
    return (
        format(value.normalize(), "f")
        if value == value.to_integral_value()
        else format(value.normalize(), "f")
    )


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


# --- measures ---------------------------------------------------------------------------------------


def measure_create(
    *,
    actor: User | None,
    programme_line: ProgrammeLine,
    code: str,
    name: str,
    description: str = "",
    responsible: Organisation | None = None,
    responsible_name: str = "",
    partners: Iterable[Organisation] = (),
    partner_names: str = "",
    budget_cents: int = 0,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    target_groups: Iterable[str] = (),
    municipalities: Iterable[Municipality] = (),
    status: str = MeasureStatus.RUNNING,
    grant_rules: Iterable[GrantRule] = (),
    reason: str = "",
) -> Measure:
    """A new measure of a programme line (or the theme), with version 1 in its history."""
    _actor_check(actor)
    fields = _measure_fields(
        {
            "programme_line": programme_line,
            "code": code,
            "name": name,
            "description": description,
            "responsible": responsible,
            "responsible_name": responsible_name,
            "partners": partners,
            "partner_names": partner_names,
            "budget_cents": budget_cents,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "target_groups": target_groups,
            "municipalities": municipalities,
            "status": status,
            "grant_rules": grant_rules,
        },
        measure=None,
    )
    reason = _reason(reason, required=False, code="measure_create") or _("Nieuwe maatregel.")
    _period_check(fields["starts_on"], fields["ends_on"], code="measure")
    many = {name: fields.pop(name) for name in _MANY_FIELDS}
    with transaction.atomic():
        measure = Measure.objects.create(version=1, **fields)
        for name, values in many.items():
            getattr(measure, name).set(values)
        _version_write(measure=measure, before=None, actor=actor, reason=reason)
        _audit(
            "measure_create",
            measure,
            actor,
            reason,
            {
                "code": measure.code,
                "programme_line": measure.programme_line.code,
                "budget_cents": measure.budget_cents,
            },
        )
    return measure


def measure_update(
    *, actor: User | None, measure: Measure, expected_version: int, reason: str, **changes: Any
) -> Measure:
    """Change the given fields of ``measure`` (names as in ``MEASURE_FIELDS``).

    ``expected_version`` is the version the editor saw; when the measure changed since, nothing
    changes (409). A change that changes nothing writes no version and no audit line.
    """
    _actor_check(actor)
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) or expected_version < 1:
        raise _error(
            _("De versie van de maatregel ontbreekt of klopt niet."), "measure_version_invalid", "version"
        )
    reason = _reason(reason, required=True, code="measure_update")
    with transaction.atomic():
        locked = _locked(measure)
        if locked.version != expected_version:
            raise ApplicationError(
                _("Iemand anders heeft deze maatregel net gewijzigd. Laad de pagina opnieuw."),
                code="measure_version_stale",
                status=409,
                extra={"version": locked.version},
            )
        fields = _measure_fields(changes, measure=locked)
        _period_check(
            fields.get("starts_on", locked.starts_on),
            fields.get("ends_on", locked.ends_on),
            code="measure",
        )
        before = measure_snapshot(measure=locked)
        for name, value in fields.items():
            if name in _MANY_FIELDS:
                getattr(locked, name).set(value)
            else:
                setattr(locked, name, value)
        plain = [name for name in fields if name not in _MANY_FIELDS]
        if plain:
            locked.save(update_fields=[*plain, "updated_at"])
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        if version is not None:
            _audit(
                "measure_update",
                locked,
                actor,
                reason,
                {"version": version.version, "changed": version.changed_fields},
            )
    return locked


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
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        if version is not None:
            _audit(
                "measure_target_set",
                locked,
                actor,
                reason,
                {
                    "indicator": indicator.code,
                    "target_value": str(value),
                    "target_year": year,
                    "version": version.version,
                },
            )
    _sync(measure, locked)
    return target


def measure_target_remove(*, actor: User | None, target: MeasureTarget, reason: str = "") -> None:
    _actor_check(actor)
    reason = _reason(reason, required=False, code="measure_target") or _("Doel van de maatregel weggehaald.")
    with transaction.atomic():
        locked = _locked(target.measure)
        before = measure_snapshot(measure=locked)
        deleted, _rows = MeasureTarget.objects.filter(pk=target.pk, measure=locked).delete()
        if not deleted:
            raise _error(_("Dit doel bestaat niet (meer)."), "measure_target_not_found", status=404)
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        _audit(
            "measure_target_remove",
            locked,
            actor,
            reason,
            {"target_id": target.pk, "version": version.version if version else locked.version},
        )
    _sync(target.measure, locked)


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


def _sync(given: Measure, locked: Measure) -> None:
    """Let the caller's measure object see the new version."""
    if given is not locked:
        given.version = locked.version


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
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        _audit(
            "activity_create",
            locked,
            actor,
            reason,
            {"activity_id": activity.pk, "cost_cents": activity.cost_cents, "version": version.version},
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
            raise _error(_("Deze activiteit bestaat niet (meer)."), "activity_not_found", status=404)
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
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        if version is not None:
            _audit(
                "activity_update",
                locked,
                actor,
                reason,
                {"activity_id": current.pk, "changed": sorted(fields), "version": version.version},
            )
    _sync(activity.measure, locked)
    return current


def activity_delete(*, actor: User | None, activity: Activity, reason: str = "") -> None:
    """Remove an activity and its results (they stay readable in the measure's history)."""
    _actor_check(actor)
    reason = _reason(reason, required=False, code="activity") or _("Activiteit weggehaald.")
    with transaction.atomic():
        locked = _locked(activity.measure)
        before = measure_snapshot(measure=locked)
        deleted, _rows = Activity.objects.filter(pk=activity.pk, measure=locked).delete()
        if not deleted:
            raise _error(_("Deze activiteit bestaat niet (meer)."), "activity_not_found", status=404)
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        _audit(
            "activity_delete",
            locked,
            actor,
            reason,
            {"activity_id": activity.pk, "version": version.version if version else locked.version},
        )
    _sync(activity.measure, locked)


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
            raise _error(_("Deze activiteit bestaat niet (meer)."), "activity_not_found", status=404)
        before = measure_snapshot(measure=locked)
        result = ActivityResult.objects.create(
            activity_id=activity.pk, year=year, description=description, value=value, unit=unit
        )
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        _audit(
            "activity_result_add",
            locked,
            actor,
            reason,
            {
                "activity_id": activity.pk,
                "year": year,
                "value": value,
                "unit": unit,
                "version": version.version,
            },
        )
    _sync(activity.measure, locked)
    return result


def activity_result_remove(*, actor: User | None, result: ActivityResult, reason: str = "") -> None:
    _actor_check(actor)
    reason = _reason(reason, required=False, code="activity_result") or _("Resultaat weggehaald.")
    measure = result.activity.measure
    with transaction.atomic():
        locked = _locked(measure)
        before = measure_snapshot(measure=locked)
        deleted, _rows = ActivityResult.objects.filter(pk=result.pk, activity__measure=locked).delete()
        if not deleted:
            raise _error(_("Dit resultaat bestaat niet (meer)."), "activity_result_not_found", status=404)
        version = _version_write(measure=locked, before=before, actor=actor, reason=reason)
        _audit(
            "activity_result_remove",
            locked,
            actor,
            reason,
            {"result_id": result.pk, "version": version.version if version else locked.version},
        )
    _sync(measure, locked)


# --- judgements -------------------------------------------------------------------------------------


def _estimate_copy(measure: Measure) -> dict[str, Any] | None:
    estimate = getattr(measure, "effect_estimate", None)
    if estimate is None:
        return None
    return {
        "effect": estimate.effect,
        "ci_low": estimate.ci_low,
        "ci_high": estimate.ci_high,
        "participants": estimate.participants,
        "verdict": estimate.verdict,
        "computed_at": estimate.computed_at.isoformat(),
    }


def measure_judgement_create(
    *,
    actor: User | None,
    measure: Measure,
    verdict: str,
    reason: str,
    judged_on: dt.date | None = None,
) -> MeasureJudgement:
    """The programme office's judgement: continue, adjust, stop or too early to say, and why. A copy of
    the measure's effect estimate at that moment (if there is one) is kept with it."""
    _actor_check(actor)
    if not isinstance(verdict, str) or verdict not in Verdict.values:
        raise _error(_("Kies een oordeel uit de lijst."), "measure_judgement_verdict_invalid", "verdict")
    reason = _text(
        reason, field="reason", max_length=TEXT_MAX, required=True, code="measure_judgement_reason"
    )
    today = timezone.localdate()
    judged_on = (
        today if judged_on is None else _date(judged_on, field="judged_on", code="measure_judgement_date")
    )
    if judged_on > today:
        raise _error(
            _("Een oordeel kan niet in de toekomst liggen."), "measure_judgement_in_future", "judged_on"
        )
    with transaction.atomic():
        locked = _locked(measure)
        judgement = MeasureJudgement.objects.create(
            measure=locked,
            judged_on=judged_on,
            verdict=verdict,
            reason=reason,
            judged_by=actor if getattr(actor, "is_authenticated", False) else None,
            estimate=_estimate_copy(locked),
        )
        _audit(
            "measure_judgement_create",
            locked,
            actor,
            reason[:REASON_MAX],
            {"judgement_id": judgement.pk, "verdict": verdict, "judged_on": judged_on.isoformat()},
        )
    return judgement


# --- the demo ---------------------------------------------------------------------------------------


def programme_demo_load(
    *, organisations_by_name: Mapping[str, Organisation] | None = None, today: dt.date
) -> dict[str, int]:
    """Demo measures from the regional plan (``programme_seed.py``) on every programme line and the
    theme, with targets, activities, yearly results and judgements. Safe to repeat: a measure whose
    code exists is left as it is. Responsible parties and partners found in ``organisations_by_name``
    are linked; others are kept as names. Indicator codes that do not exist are skipped."""
    from ..programme_seed import MEASURES

    organisations = dict(organisations_by_name or {})
    lines = {line.code: line for line in fund_selectors.programme_lines()}
    if not lines:
        fund_services.programme_plan_load()
        lines = {line.code: line for line in fund_selectors.programme_lines()}
    municipalities = {m.code: m for m in region_selectors.municipalities_current()}
    indicators = {indicator.code: indicator for indicator in StatIndicator.objects.all()}
    counts = dict.fromkeys(("measures", "targets", "activities", "results", "judgements", "skipped"), 0)
    for spec in MEASURES:
        line = lines.get(spec["line"])
        if line is None or Measure.objects.filter(code=spec["code"]).exists():
            counts["skipped"] += 1
            continue
        responsible = organisations.get(spec["responsible"])
        partner_objects = [organisations[name] for name in spec["partners"] if name in organisations]
        other_partners = [name for name in spec["partners"] if name not in organisations]
        with transaction.atomic():
            measure = measure_create(
                actor=None,
                programme_line=line,
                code=spec["code"],
                name=spec["name"],
                description=spec["description"],
                responsible=responsible,
                responsible_name="" if responsible else spec["responsible"],
                partners=partner_objects,
                partner_names=", ".join(other_partners),
                budget_cents=spec["budget_euros"] * 100,
                starts_on=spec["starts_on"],
                ends_on=spec["ends_on"],
                target_groups=spec["target_groups"],
                municipalities=[
                    municipalities[code] for code in spec["municipalities"] if code in municipalities
                ],
                status=spec["status"],
                reason=_("Demo: maatregel uit het regionale plan."),
            )
            counts["measures"] += 1
            for code, value, year, contribution in spec["targets"]:
                if code in indicators:
                    measure_target_set(
                        actor=None,
                        measure=measure,
                        indicator=indicators[code],
                        target_value=Decimal(str(value)),
                        target_year=year,
                        contribution=contribution,
                    )
                    counts["targets"] += 1
            for activity_spec in spec["activities"]:
                activity = activity_create(
                    actor=None,
                    measure=measure,
                    name=activity_spec["name"],
                    description=activity_spec["description"],
                    starts_on=activity_spec["starts_on"],
                    ends_on=activity_spec["ends_on"],
                    cost_cents=activity_spec["cost_euros"] * 100,
                )
                counts["activities"] += 1
                for year, description, value, unit in activity_spec["results"]:
                    if year < today.year:
                        activity_result_add(
                            actor=None,
                            activity=activity,
                            year=year,
                            description=description,
                            value=value,
                            unit=unit,
                        )
                        counts["results"] += 1
            for judged_on, verdict, reason in spec["judgements"]:
                if judged_on <= today:
                    measure_judgement_create(
                        actor=None, measure=measure, verdict=verdict, reason=reason, judged_on=judged_on
                    )
                    counts["judgements"] += 1
    return counts
