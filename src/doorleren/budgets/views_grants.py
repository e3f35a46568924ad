"""Een budget toekennen: coaches and employer users give a resident a budget (docs/budgets.md,
"Een budget toekennen").

- ``grant_residents``: the residents who gave the user's organisation consent, with a name search.
- ``grant_resident``: one resident's budgets and the rules the user may grant them; a POST with a
  rule and a reason grants it (``services.budget_grant``, which checks everything again and writes
  the audit line). A resident without consent is "not found" (404), so nobody learns who exists.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services

from . import selectors, services
from .models import REASON_MAX

PAGE_SIZE = 25
FIELD_RULE = "regeling"
FIELD_REASON = "reden"


def _require_granter(request) -> None:
    if not selectors.may_grant_budgets(user=request.user):
        raise PermissionDenied(_("Alleen coaches en werkgevers kunnen budgetten toekennen."))


@login_required
@require_GET
def grant_residents(request):
    """Budget toekennen: choose a resident (only those who gave your organisation consent)."""
    _require_granter(request)
    search = request.GET.get("zoek", "")[: selectors.SEARCH_MAX].strip()
    residents = selectors.residents_for_granting(actor=request.user, search=search)
    page = Paginator(residents, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "budgets/grant_residents.html",
        {"page_obj": page, "search": search, "search_max": selectors.SEARCH_MAX},
    )


def _choice_or_404(request, pk: int):
    choice = selectors.grant_choice_for_id(actor=request.user, resident_id=pk, on=timezone.localdate())
    if choice is None:
        raise Http404(
            _(
                "Deze inwoner vindt u hier niet. Alleen inwoners die uw organisatie toestemming gaven, staan hier."
            )
        )
    return choice


def _page(
    request, choice, *, error: str = "", failed_rule: int | None = None, reason: str = "", status: int = 200
):
    return render(
        request,
        "budgets/grant_resident.html",
        {
            "choice": choice,
            "error": error,
            "failed_rule": failed_rule,
            "reason": reason,
            "reason_max": REASON_MAX,
            "field_rule": FIELD_RULE,
            "field_reason": FIELD_REASON,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def grant_resident(request, pk: int):
    """One resident: their budgets, and the rules you may grant them. POST grants one rule."""
    _require_granter(request)
    choice = _choice_or_404(request, pk)
    privacy_services.profile_view_record(
        viewer=request.user, resident=choice.resident, purpose="view_profile", what="grant"
    )
    if request.method == "GET":
        return _page(request, choice)
    rule_value = request.POST.get(FIELD_RULE, "")
    reason = request.POST.get(FIELD_REASON, "").strip()
    rules = {str(view.rule.pk): view.rule for view in choice.rules}
    if rule_value not in rules:
        return _page(
            request,
            choice,
            error=_("Kies een regeling uit de lijst. Deze regeling kunt u deze inwoner niet geven."),
            status=400,
        )
    if not reason:
        return _page(
            request,
            choice,
            error=_("Schrijf op waarom u dit budget toekent."),
            failed_rule=int(rule_value),
            status=400,
        )
    try:
        budget = services.budget_grant(
            rule=rules[rule_value], resident=choice.resident, actor=request.user, reason=reason
        )
    except ApplicationError as error:
        return _page(
            request,
            choice,
            error=error.message,
            failed_rule=int(rule_value),
            reason=reason,
            status=error.status,
        )
    messages.success(
        request,
        _("Het budget is toegekend: %(rule)s. De inwoner ziet het nu bij Mijn budgetten.")
        % {"rule": budget.rule.name},
    )
    return redirect(reverse("budgets:grant_resident", kwargs={"pk": choice.resident.pk}))
