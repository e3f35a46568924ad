"""The page "Werkt het?" of a measure: its effect estimate, verdict and caveats
(``/monitoring/maatregelen/<pk>/effect/``, docs/monitoring-evaluation.md). The programme office and
administrators only; numbers, never persons."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorleren.accounts import selectors as accounts_selectors

from ..selectors import evaluation as selectors

# Roles that see the monitoring pages (accounts.models.Role values).
MONITORING_ROLES = ("programme_office", "administrator")


def _require_monitoring(request) -> None:
    user = request.user
    if not any(accounts_selectors.has_role(user=user, role=role) for role in MONITORING_ROLES):
        raise PermissionDenied(_("Alleen het programmabureau mag dit zien."))


@login_required
@require_GET
def measure_effect(request, pk: int):
    _require_monitoring(request)
    measure = selectors.measure_get(pk=pk)
    if measure is None:
        raise Http404(_("Deze maatregel bestaat niet."))
    return render(
        request,
        "monitoring/evaluation/measure_effect.html",
        {
            "measure": measure,
            "summary": selectors.effect_for_measure(measure=measure),
            "min_matched": selectors.MIN_MATCHED_PARTICIPANTS,
            "min_comparison": selectors.MIN_COMPARISON_PERSONS,
            "minimal_points": round(selectors.MINIMAL_RELEVANT_EFFECT * 100),
        },
    )
