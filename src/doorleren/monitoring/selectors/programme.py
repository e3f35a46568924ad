"""Reads of the programme (docs/monitoring-programme.md): lines with their measures, one measure,
its history in plain Dutch and its results per year, and lists for choices in forms and filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError
from doorleren.core.templatetags.money import format_euro
from doorleren.fund import selectors as fund_selectors
from doorleren.organisations import selectors as organisations_selectors
from doorleren.region import selectors as region_selectors

from ..models import (
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
    from doorleren.fund.models import ProgrammeLine

ID_MAX = 2**63 - 1
PROGRAMME_ROLES = ("programme_office", "administrator")
# A table of results per year shows at most this many years.
YEARS_MAX = 12
RUN_YEARS = 4


def may_see_programme(*, user: User | None) -> bool:
    """The programme office and administrators see and change the programme."""
    return (
        user is not None
        and any(accounts_selectors.has_role(user=user, role=role) for role in PROGRAMME_ROLES)
        and user.is_active
    )


# --- the programme ----------------------------------------------------------------------------------


@dataclass
class MeasureRow:
    measure: Measure
    latest_judgement: MeasureJudgement | None

    @property
    def responsible_text(self) -> str:
        return responsible_text(measure=self.measure)


@dataclass
class LineView:
    line: ProgrammeLine
    measures: list[MeasureRow] = field(default_factory=list)

    @property
    def budget_cents(self) -> int:
        return sum(row.measure.budget_cents for row in self.measures)


def responsible_text(*, measure: Measure) -> str:
    return measure.responsible.name if measure.responsible_id else measure.responsible_name


def _measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("programme_line", "responsible").prefetch_related(
        Prefetch("judgements", queryset=MeasureJudgement.objects.order_by("-judged_on", "-id"))
    )


def programme_lines_with_measures() -> list[LineView]:
    """Every programme line and the theme (in their order), each with its measures, the sum of their
    budgets, their status and the latest judgement."""
    views = {line.pk: LineView(line=line) for line in fund_selectors.programme_lines()}
    for measure in _measures().order_by("programme_line__number", "code"):
        judgements = list(measure.judgements.all())
        view = views.get(measure.programme_line_id)
        if view is None:  # a line added after the lines were read
            view = views[measure.programme_line_id] = LineView(line=measure.programme_line)
        view.measures.append(
            MeasureRow(measure=measure, latest_judgement=judgements[0] if judgements else None)
        )
    return sorted(views.values(), key=lambda view: (view.line.is_theme, view.line.number))


def measure_for_id(*, measure_id: int) -> Measure:
    """The measure with everything its page shows; ApplicationError 404 when there is none."""
    measure = None
    if isinstance(measure_id, int) and not isinstance(measure_id, bool) and 1 <= measure_id <= ID_MAX:
        measure = (
            Measure.objects.select_related("programme_line", "responsible")
            .prefetch_related(
                "partners",
                "municipalities",
                "grant_rules",
                Prefetch("targets", queryset=MeasureTarget.objects.select_related("indicator")),
                Prefetch(
                    "activities",
                    queryset=Activity.objects.order_by("starts_on", "id").prefetch_related(
                        Prefetch("results", queryset=ActivityResult.objects.order_by("year", "id"))
                    ),
                ),
                Prefetch(
                    "judgements",
                    queryset=MeasureJudgement.objects.select_related("judged_by").order_by(
                        "-judged_on", "-id"
                    ),
                ),
            )
            .filter(pk=measure_id)
            .first()
        )
    if measure is None:
        raise ApplicationError(_("Deze maatregel bestaat niet."), code="measure_not_found", status=404)
    return measure


def effect_estimate_for(*, measure: Measure):
    """The measure's latest effect estimate, or None."""
    try:
        return measure.effect_estimate
    except Measure.effect_estimate.RelatedObjectDoesNotExist:
        return None


def target_for_id(*, measure: Measure, target_id: int) -> MeasureTarget:
    found = None
    if isinstance(target_id, int) and 1 <= target_id <= ID_MAX:
        found = measure.targets.select_related("indicator", "measure").filter(pk=target_id).first()
    if found is None:
        raise ApplicationError(_("Dit doel bestaat niet."), code="measure_target_not_found", status=404)
    return found


def activity_for_id(*, measure: Measure, activity_id: int) -> Activity:
    found = None
    if isinstance(activity_id, int) and 1 <= activity_id <= ID_MAX:
        found = measure.activities.select_related("measure").filter(pk=activity_id).first()
    if found is None:
        raise ApplicationError(_("Deze activiteit bestaat niet."), code="activity_not_found", status=404)
    return found


def result_for_id(*, measure: Measure, result_id: int) -> ActivityResult:
    found = None
    if isinstance(result_id, int) and 1 <= result_id <= ID_MAX:
        found = (
            ActivityResult.objects.select_related("activity", "activity__measure")
            .filter(pk=result_id, activity__measure=measure)
            .first()
        )
    if found is None:
        raise ApplicationError(_("Dit resultaat bestaat niet."), code="activity_result_not_found", status=404)
    return found


def measures_for_choice() -> list[dict[str, Any]]:
    """Every measure for a filter or a choice on other pages: id, code, name and its line."""
    return [
        {
            "id": measure.pk,
            "code": measure.code,
            "name": measure.name,
            "line": measure.programme_line.name,
            "line_code": measure.programme_line.code,
        }
        for measure in Measure.objects.select_related("programme_line").order_by(
            "programme_line__number", "name"
        )
    ]


def measures_all() -> QuerySet[Measure]:
    return _measures().order_by("programme_line__number", "code")


# --- choices for the forms --------------------------------------------------------------------------


def programme_lines() -> QuerySet[ProgrammeLine]:
    return fund_selectors.programme_lines()


def organisations_for_choice():
    return organisations_selectors.organisations_all().order_by("name", "pk")


def municipalities_for_choice():
    return region_selectors.municipalities_current()


def grant_rules_for_choice():
    """The grant rules a measure can be paid from (budgets.GrantRule, read through the relation)."""
    model = Measure._meta.get_field("grant_rules").related_model
    return model._default_manager.select_related("funder").order_by("name", "pk")


def indicators_for_choice() -> QuerySet[StatIndicator]:
    return StatIndicator.objects.order_by("position", "code")


# --- history ----------------------------------------------------------------------------------------


@dataclass
class VersionView:
    version: int
    changed_at: dt.datetime
    changed_by: str
    reason: str
    changes: list[str]


# The fields of a snapshot that the history names one by one, in the order of the form.
FIELD_KEYS = (
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
    for key in FIELD_KEYS:
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


# --- results per year -------------------------------------------------------------------------------


@dataclass
class ResultRow:
    activity: Activity
    cells: list[list[ActivityResult]]


@dataclass
class ResultsTable:
    years: list[int]
    rows: list[ResultRow]

    @property
    def has_results(self) -> bool:
        return any(cell for row in self.rows for cell in row.cells)


def measure_years(*, measure: Measure) -> list[int]:
    """The years of the measure's run (four years from the start when it has no end)."""
    first = measure.starts_on.year
    last = measure.ends_on.year if measure.ends_on else first + RUN_YEARS - 1
    return list(range(first, min(last, first + YEARS_MAX - 1) + 1))


def measure_results_by_year(*, measure: Measure) -> ResultsTable:
    """Activities × years: the results of each activity in each year of the measure's run, plus any
    year outside the run that has a result."""
    activities = list(
        Activity.objects.filter(measure=measure)
        .order_by("starts_on", "id")
        .prefetch_related(Prefetch("results", queryset=ActivityResult.objects.order_by("year", "id")))
    )
    years = set(measure_years(measure=measure))
    for activity in activities:
        years.update(result.year for result in activity.results.all())
    ordered = sorted(years)[:YEARS_MAX] if len(years) > YEARS_MAX else sorted(years)
    rows = []
    for activity in activities:
        by_year: dict[int, list[ActivityResult]] = {}
        for result in activity.results.all():
            by_year.setdefault(result.year, []).append(result)
        rows.append(ResultRow(activity=activity, cells=[by_year.get(year, []) for year in ordered]))
    return ResultsTable(years=ordered, rows=rows)


# --- the effect estimate in short -------------------------------------------------------------------

SMALL_CELL = 10


@dataclass
class EstimateSummary:
    effect: str
    interval: str
    participants: str
    verdict: str
    computed_at: dt.datetime | None


def _points(value: float | None) -> str:
    if value is None:
        return _("onbekend")
    return _("%(sign)s%(value)s procentpunt") % {
        "sign": "+" if value > 0 else "",
        "value": number_format(round(value * 100, 1), decimal_pos=1),
    }


def estimate_summary(*, estimate: dict[str, Any] | Any | None) -> EstimateSummary | None:
    """The effect estimate (an ``EffectEstimate`` or the JSON copy kept with a judgement) in words:
    the effect on work within 12 months in percentage points, its interval, the number of
    participants (fewer than 10 is never shown as a number) and the verdict."""
    if estimate is None:
        return None
    read = estimate.get if isinstance(estimate, dict) else lambda key: getattr(estimate, key, None)
    participants = read("participants") or 0
    verdict = read("verdict")
    computed_at = read("computed_at")
    if isinstance(computed_at, str):
        try:
            computed_at = dt.datetime.fromisoformat(computed_at)
        except ValueError:
            computed_at = None
    low, high = read("ci_low"), read("ci_high")
    return EstimateSummary(
        effect=_points(read("effect")),
        interval=(
            _("van %(low)s tot %(high)s") % {"low": _points(low), "high": _points(high)}
            if low is not None and high is not None
            else _("onbekend")
        ),
        participants=(
            _("minder dan %(n)d") % {"n": SMALL_CELL}
            if participants < SMALL_CELL
            else number_format(participants, force_grouping=True)
        ),
        verdict=str(Verdict(verdict).label) if verdict in Verdict.values else _("onbekend"),
        computed_at=computed_at,
    )


def number_text(*, value) -> str:
    """A target value as people write it: ``Decimal("66.5000")`` → "66,5", 345000 → "345.000"."""
    normalized = value.normalize() if hasattr(value, "normalize") else value
    exponent = normalized.as_tuple().exponent if hasattr(normalized, "as_tuple") else 0
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(normalized, decimal_pos=decimals, force_grouping=True)


@dataclass
class TargetRow:
    target: MeasureTarget
    value: str


def measure_targets(*, measure: Measure) -> list[TargetRow]:
    return [
        TargetRow(target=target, value=number_text(value=target.target_value))
        for target in sorted(measure.targets.all(), key=lambda t: (t.target_year, t.indicator.position, t.pk))
    ]


# --- references from the API ------------------------------------------------------------------------


def _unknown(field_name: str) -> ApplicationError:
    return ApplicationError(
        _("Dit kennen wij niet. Kijk of de code of het nummer klopt."),
        code="measure_reference_unknown",
        extra={"field": field_name},
    )


def measure_references(*, data: dict[str, Any]) -> dict[str, Any]:
    """The API names linked rows by code or id; this turns them into rows for the services. Only the
    keys given are looked up; an unknown code or id is a 400 naming the field."""
    found = dict(data)
    if "programme_line" in data:
        line = fund_selectors.programme_lines().filter(code=data["programme_line"]).first()
        if line is None:
            raise _unknown("programme_line")
        found["programme_line"] = line
    if data.get("responsible") is not None:
        organisation = organisations_selectors.organisations_all().filter(pk=data["responsible"]).first()
        if organisation is None:
            raise _unknown("responsible")
        found["responsible"] = organisation
    for key, rows in (
        ("partners", lambda ids: organisations_selectors.organisations_all().filter(pk__in=ids)),
        ("grant_rules", lambda ids: grant_rules_for_choice().filter(pk__in=ids)),
    ):
        if key in data:
            ids = list(dict.fromkeys(data[key]))
            by_id = {row.pk: row for row in rows(ids)}
            if len(by_id) != len(ids):
                raise _unknown(key)
            found[key] = [by_id[pk] for pk in ids]
    if "municipalities" in data:
        codes = list(dict.fromkeys(code.strip().upper() for code in data["municipalities"]))
        by_code = {m.code: m for m in region_selectors.municipalities_all().filter(code__in=codes)}
        if len(by_code) != len(codes):
            raise _unknown("municipalities")
        found["municipalities"] = [by_code[code] for code in codes]
    return found


def indicator_for_code(*, code: str) -> StatIndicator:
    indicator = StatIndicator.objects.filter(code=code).first()
    if indicator is None:
        raise _unknown("indicator")
    return indicator
