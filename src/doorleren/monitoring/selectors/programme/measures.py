"""Reads of the programme's measures: the lines with their measures, one measure and its parts by
id, lists for choices in forms and filters, and the rows the API names by code or id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.db import ID_MAX
from doorleren.core.errors import ApplicationError
from doorleren.fund import selectors as fund_selectors
from doorleren.organisations import selectors as organisations_selectors
from doorleren.region import selectors as region_selectors

from ...models import (
    Activity,
    ActivityResult,
    Measure,
    MeasureJudgement,
    MeasureTarget,
    StatIndicator,
)

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.fund.models import ProgrammeLine

# Who may see and change the programme: Role values (accounts.models.Role).
PROGRAMME_ROLES = ("programme_office", "administrator")


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
