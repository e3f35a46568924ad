"""Measures: a new measure (version 1 in its history) and changes to its fields, each checked and
cleaned here. A change takes the version the editor saw; a stale one is refused (409)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ...models import TEXT_MAX, TITLE_MAX, Measure, MeasureStatus, TargetGroup
from ...selectors.programme import MEASURE_FIELDS
from .common import (
    CODE_MAX,
    MANY_MAX,
    _actor_check,
    _amount,
    _date,
    _error,
    _period_check,
    _reason,
    _text,
)
from .versions import _audit, _locked, _version_write, measure_snapshot

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.budgets.models import GrantRule
    from doorleren.fund.models import ProgrammeLine
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality

_MANY_FIELDS = ("partners", "municipalities", "grant_rules")
_CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# --- the fields -------------------------------------------------------------------------------------


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
