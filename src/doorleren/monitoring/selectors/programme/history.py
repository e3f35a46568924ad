"""The history of a measure in plain Dutch: every version, who, when, why and what changed
compared with the version before it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from doorleren.core.templatetags.money import format_euro

from ...models import Measure, MeasureStatus, MeasureVersion, TargetGroup


@dataclass
class VersionView:
    version: int
    changed_at: dt.datetime
    changed_by: str
    reason: str
    changes: list[str]


# The fields of a measure people edit, in the order of the form: what ``measure_update`` may change
# (``services.programme.MEASURE_FIELDS``) and what the history names one by one.
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
FIELD_KEYS = MEASURE_FIELDS


def _label(key: str) -> str:
    # Looked up at call time, so the labels follow the active language.
    return {
        "programme_line": _("Programmalijn"),
        "code": _("Code"),
        "name": _("Naam"),
        "description": _("Omschrijving"),
        "responsible": _("Verantwoordelijk"),
        "responsible_name": _("Verantwoordelijk (naam)"),
        "partners": _("Partners"),
        "partner_names": _("Andere partners"),
        "budget_cents": _("Budget"),
        "starts_on": _("Begint op"),
        "ends_on": _("Eindigt op"),
        "target_groups": _("Doelgroepen"),
        "municipalities": _("Gemeenten"),
        "status": _("Stand"),
        "grant_rules": _("Regelingen"),
    }.get(key, key)


def _date_text(value: str | None) -> str:
    if not value:
        return _("geen")
    try:
        return date_format(dt.date.fromisoformat(value), "j F Y")
    except ValueError:
        return value


def _value_text(key: str, value: Any) -> str:
    if value in (None, "", []):
        return _("leeg")
    if key == "budget_cents":
        return format_euro(int(value))
    if key in ("starts_on", "ends_on"):
        return _date_text(value)
    if key == "status":
        return str(MeasureStatus(value).label) if value in MeasureStatus.values else str(value)
    if key == "target_groups":
        return ", ".join(str(TargetGroup(v).label) if v in TargetGroup.values else str(v) for v in value)
    if key in ("programme_line", "responsible"):
        return str(value.get("name", "")) if isinstance(value, dict) else str(value)
    return f"‘{value}’"


def _names(items: list[dict]) -> dict[Any, str]:
    return {item.get("id"): str(item.get("name", item.get("code", ""))) for item in items or []}


def _many_change(label: str, before: list[dict], after: list[dict]) -> str | None:
    old, new = _names(before), _names(after)
    added = [name for key, name in new.items() if key not in old]
    removed = [name for key, name in old.items() if key not in new]
    parts = []
    if added:
        parts.append(_("erbij: %(names)s") % {"names": ", ".join(added)})
    if removed:
        parts.append(_("eraf: %(names)s") % {"names": ", ".join(removed)})
    return f"{label}: {'; '.join(parts)}" if parts else None


def _target_text(target: dict) -> str:
    return _("%(indicator)s: %(value)s %(unit)s in %(year)s") % {
        "indicator": target.get("indicator_name", target.get("indicator", "")),
        "value": str(target.get("target_value", "")).replace(".", ","),
        "unit": target.get("unit", ""),
        "year": target.get("target_year", ""),
    }


def _targets_changes(before: list[dict], after: list[dict]) -> list[str]:
    old = {target["id"]: target for target in before or []}
    new = {target["id"]: target for target in after or []}
    changes = []
    for key, target in new.items():
        if key not in old:
            changes.append(_("Doel erbij: %(target)s") % {"target": _target_text(target)})
        elif target != old[key]:
            changes.append(
                _("Doel: %(old)s → %(new)s") % {"old": _target_text(old[key]), "new": _target_text(target)}
            )
    for key, target in old.items():
        if key not in new:
            changes.append(_("Doel eraf: %(target)s") % {"target": _target_text(target)})
    return changes


def _result_text(result: dict) -> str:
    return _("%(year)s: %(value)s %(unit)s (%(description)s)") % {
        "year": result.get("year", ""),
        "value": result.get("value", ""),
        "unit": result.get("unit", ""),
        "description": result.get("description", ""),
    }


def _activity_field_text(key: str, value: Any) -> str:
    if key == "cost_cents":
        return format_euro(int(value or 0))
    if key in ("starts_on", "ends_on"):
        return _date_text(value)
    return f"‘{value}’" if value else _("leeg")


def _activities_changes(before: list[dict], after: list[dict]) -> list[str]:
    old = {activity["id"]: activity for activity in before or []}
    new = {activity["id"]: activity for activity in after or []}
    changes = []
    for key, activity in new.items():
        name = activity.get("name", "")
        if key not in old:
            changes.append(
                _("Activiteit erbij: ‘%(name)s’ (%(cost)s)")
                % {"name": name, "cost": format_euro(int(activity.get("cost_cents") or 0))}
            )
            continue
        previous = old[key]
        labels = {
            "name": _("Naam"),
            "description": _("Omschrijving"),
            "starts_on": _("Begint op"),
            "ends_on": _("Eindigt op"),
            "cost_cents": _("Kosten"),
        }
        for field_name, label in labels.items():
            if activity.get(field_name) != previous.get(field_name):
                if field_name == "description":
                    changes.append(_("Activiteit ‘%(name)s’: omschrijving gewijzigd") % {"name": name})
                    continue
                changes.append(
                    _("Activiteit ‘%(name)s’: %(label)s: %(old)s → %(new)s")
                    % {
                        "name": name,
                        "label": label.lower(),
                        "old": _activity_field_text(field_name, previous.get(field_name)),
                        "new": _activity_field_text(field_name, activity.get(field_name)),
                    }
                )
        old_results = {result["id"]: result for result in previous.get("results", [])}
        new_results = {result["id"]: result for result in activity.get("results", [])}
        for result_key, result in new_results.items():
            if result_key not in old_results:
                changes.append(
                    _("Resultaat erbij bij ‘%(name)s’: %(result)s")
                    % {"name": name, "result": _result_text(result)}
                )
        for result_key, result in old_results.items():
            if result_key not in new_results:
                changes.append(
                    _("Resultaat eraf bij ‘%(name)s’: %(result)s")
                    % {"name": name, "result": _result_text(result)}
                )
    for key, activity in old.items():
        if key not in new:
            changes.append(_("Activiteit eraf: ‘%(name)s’") % {"name": activity.get("name", "")})
    return changes


def snapshot_changes(*, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What changed between two snapshots, as plain Dutch lines such as
    "Budget: € 100.000,00 → € 120.000,00"."""
    changes: list[str] = []
    for key in MEASURE_FIELDS:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        label = _label(key)
        if key in ("partners", "municipalities", "grant_rules"):
            line = _many_change(label, old or [], new or [])
            if line:
                changes.append(line)
        elif key in ("description", "partner_names"):
            changes.append(_("%(label)s gewijzigd") % {"label": label})
        else:
            changes.append(f"{label}: {_value_text(key, old)} → {_value_text(key, new)}")
    changes += _targets_changes(before.get("targets", []), after.get("targets", []))
    changes += _activities_changes(before.get("activities", []), after.get("activities", []))
    return changes


def _person(user) -> str:
    if user is None:
        return _("het systeem (demo of import)")
    return user.get_full_name() or user.get_username()


def measure_history(*, measure: Measure) -> list[VersionView]:
    """Every version of the measure, newest first: who, when, why and what changed (compared with the
    version before it)."""
    versions = list(
        MeasureVersion.objects.filter(measure=measure).select_related("changed_by").order_by("version")
    )
    views = []
    previous: dict[str, Any] | None = None
    for version in versions:
        if previous is None:
            changes = [_("De maatregel is gemaakt.")]
        else:
            changes = snapshot_changes(before=previous, after=version.snapshot) or [
                _("Niets zichtbaar gewijzigd.")
            ]
        views.append(
            VersionView(
                version=version.version,
                changed_at=version.changed_at,
                changed_by=_person(version.changed_by),
                reason=version.reason,
                changes=changes,
            )
        )
        previous = version.snapshot
    views.reverse()
    return views


def measure_versions(*, measure: Measure) -> QuerySet[MeasureVersion]:
    return MeasureVersion.objects.filter(measure=measure).select_related("changed_by").order_by("-version")
