"""Write the learning routes a resident keeps ("Mijn leerroutes"). Only these functions write them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.accounts.selectors import is_resident
from doorleren.core.errors import ApplicationError

from . import selectors
from .models import SavedRoute, SavedRouteModule

if TYPE_CHECKING:
    from doorleren.accounts.models import User

SAVED_ROUTES_MAX = 50  # per resident: enough to compare, not a place to dump thousands


def _require_resident(resident) -> None:
    if not is_resident(user=resident):
        raise ApplicationError(
            _("Alleen inwoners kunnen een leerroute bewaren."), code="not_resident", status=403
        )


def saved_route_create(*, resident: User, route: selectors.LearningRoute) -> SavedRoute:
    """Keep ``route`` for ``resident``: the goal, the modules in order with their price, hours and dates.

    Only a route with modules can be kept. Saving the same route again (same goal, hours per week,
    end date and modules) returns the route saved before, so a double click saves it once.
    At most ``SAVED_ROUTES_MAX`` routes per resident.
    """
    _require_resident(resident)
    if route.status not in (selectors.ROUTE, selectors.PARTIAL) or not route.modules:
        raise ApplicationError(_("Er is geen route om te bewaren."), code="nothing_to_save", status=409)
    module_ids = [module.pk for module in route.modules]
    plan = {step.module.pk: step for step in route.plan.modules} if route.plan else {}
    with transaction.atomic():
        # One resident at a time: the count and the duplicate check below stay true until we write.
        get_user_model().objects.select_for_update().filter(pk=resident.pk).first()
        same = SavedRoute.objects.filter(
            resident=resident,
            goal_kind=route.goal.kind,
            goal_reference=route.goal.reference,
            hours_per_week=route.hours_per_week,
            finish_by=route.finish_by,
            cost_cents=route.cost_cents,
        )
        for saved in same.prefetch_related("steps"):
            if [step.module_id for step in saved.steps.all()] == module_ids:
                return saved
        if SavedRoute.objects.filter(resident=resident).count() >= SAVED_ROUTES_MAX:
            raise ApplicationError(
                _(
                    "U heeft al %(count)s routes bewaard. Verwijder eerst een route die u niet meer nodig heeft."
                )
                % {"count": SAVED_ROUTES_MAX},
                code="too_many_saved_routes",
                status=409,
            )
        saved = SavedRoute.objects.create(
            resident=resident,
            goal_kind=route.goal.kind,
            goal_reference=route.goal.reference,
            goal_label=route.goal.label[:500],
            hours_per_week=route.hours_per_week,
            finish_by=route.finish_by,
            start_date=route.plan.start_date if route.plan else None,
            end_date=route.plan.end_date if route.plan else None,
            cost_cents=route.cost_cents,
            hours=route.hours,
            proven_optimal=route.proven_optimal,
            fits=route.shortfall is None and not route.late,
            uncovered=[
                {"code": step.competency.code, "label": step.competency.label, "level": step.need}
                for step in route.uncovered
            ],
        )
        SavedRouteModule.objects.bulk_create(
            SavedRouteModule(
                saved_route=saved,
                position=position,
                module=module,
                title=module.title,
                provider_name=module.provider.name,
                cost_cents=module.price_cents,
                hours=module.hours,
                start_date=plan[module.pk].start_date if module.pk in plan else None,
                end_date=plan[module.pk].end_date if module.pk in plan else None,
                fixed_start=plan[module.pk].fixed if module.pk in plan else False,
            )
            for position, module in enumerate(route.modules)
        )
    return saved


def saved_route_delete(*, resident: User, saved_route: SavedRoute) -> None:
    """Remove a route ``resident`` saved. Someone else's route is "not found" (404), never removed."""
    _require_resident(resident)
    deleted, _rows = SavedRoute.objects.filter(pk=saved_route.pk, resident=resident).delete()
    if not deleted:
        raise ApplicationError(_("Deze route bestaat niet (meer)."), code="saved_route_not_found", status=404)


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


@transaction.atomic
def personal_data_erase(*, user) -> dict[str, int]:
    """Delete every learning route ``user`` saved (with its modules). Returns rows per model."""
    _total, per_model = SavedRoute.objects.filter(resident=user).delete()
    return dict(sorted(per_model.items()))
