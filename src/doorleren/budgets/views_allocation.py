"""Pages of fair allocation (docs/budgets.md, "Schaars geld eerlijk verdelen").

- ``rounds``: every round (public).
- ``round_detail``: one round (public): the rules, the period, the seed's hash (the seed after the
  period) and, once allocated, the anonymous ranking; the programme office allocates from here.
- ``round_csv``: the whole anonymous ranking as CSV, to check the lottery with the seed.
- ``application``: the resident's own application: apply (POST) or read why.
- ``withdraw`` and ``allocate``: POST only.

Every refusal is a Dutch sentence with a 4xx status; nothing the user sends is trusted for who
they are (the resident is always ``request.user``).
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.accounts.selectors import has_role, is_resident
from doorleren.core.errors import ApplicationError
from doorleren.profiles import selectors as profiles_selectors

from . import selectors, services
from .selectors.eligibility import rule_eligibility

RANKING_PAGE_SIZE = 100
RISK_FIELD = "baan_in_gevaar"


def _round_or_404(pk: int):
    found = selectors.allocation_round_get(pk=pk)
    if found is None:
        raise Http404(_("Deze verdeelronde bestaat niet (meer)."))
    return found


def _may_allocate(user) -> bool:
    return any(has_role(user=user, role=role) for role in services.ROUND_ROLES)


@require_GET
def rounds(request):
    """Verdeelrondes: every round, its period and where it stands."""
    return render(request, "budgets/allocation_rounds.html", {"rounds": selectors.allocation_rounds_public()})


def _round_page(request, found, *, error: str = "", status: int = 200):
    public = selectors.allocation_round_public(round=found)
    page = Paginator(selectors.allocation_round_ranking(round=found), RANKING_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    context = {
        "public": public,
        "round": found,
        "rule": found.rule,
        "page_obj": page,
        "may_allocate": _may_allocate(request.user),
        "is_resident": is_resident(user=request.user),
        "error": error,
    }
    return render(request, "budgets/allocation_round.html", context, status=status)


@require_GET
def round_detail(request, pk: int):
    return _round_page(request, _round_or_404(pk))


@require_GET
def round_csv(request, pk: int):
    """The anonymous ranking of an allocated round: position, application number, points, lottery number, granted."""
    found = _round_or_404(pk)
    rows = selectors.allocation_round_ranking(round=found)
    if not rows:
        raise Http404(_("Het geld van deze ronde is nog niet verdeeld."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verdeling-{found.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["plaats", "aanvraagnummer", "punten", "lotnummer", "toegekend"])
    for row in rows:
        writer.writerow(
            [row.position, row.number, row.points, row.lottery_number, "ja" if row.granted else "nee"]
        )
    return response


def _require_resident(request) -> None:
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners kunnen een budget aanvragen."))


def _application_page(request, found, *, error: str = "", status: int = 200):
    view = selectors.budget_application_for_resident(round=found, resident=request.user)
    phase = selectors.allocation_round_phase(round=found)
    eligibility = None
    if phase == selectors.OPEN and (view is None or view.can_apply_again):
        profile = profiles_selectors.profile_for_user(user=request.user)
        eligibility = rule_eligibility(rule=found.rule, profile=profile, on=timezone.localdate())
    context = {
        "round": found,
        "rule": found.rule,
        "phase": phase,
        "view": view,
        "eligibility": eligibility,
        "criteria": selectors.criteria_rows(round=found),
        "risk_field": RISK_FIELD,
        "error": error,
    }
    return render(request, "budgets/allocation_application.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def application(request, pk: int):
    """Mijn aanvraag: apply to an open round, or read where the application stands and why."""
    _require_resident(request)
    found = _round_or_404(pk)
    if request.method == "GET":
        return _application_page(request, found)
    risk = request.POST.get(RISK_FIELD, "")
    if risk not in ("", "ja"):
        return _application_page(request, found, error=_("Kies ja of nee."), status=400)
    try:
        services.budget_application_submit(
            round=found, resident=request.user, actor=request.user, risk_of_job_loss=risk == "ja"
        )
    except ApplicationError as error:
        return _application_page(request, found, error=error.message, status=error.status)
    messages.success(
        request, _("Uw aanvraag is binnen. Na de aanvraagperiode hoort u of u het budget krijgt.")
    )
    return redirect("budgets:allocation_application", pk=found.pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    """Trek mijn aanvraag in (POST)."""
    _require_resident(request)
    found = _round_or_404(pk)
    mine = selectors.budget_application_for_resident(round=found, resident=request.user)
    if mine is None:
        return _application_page(
            request, found, error=_("U heeft in deze ronde niets aangevraagd."), status=404
        )
    try:
        services.budget_application_withdraw(application=mine.application, actor=request.user)
    except ApplicationError as error:
        return _application_page(request, found, error=error.message, status=error.status)
    messages.success(request, _("U heeft uw aanvraag ingetrokken."))
    return redirect("budgets:allocation_application", pk=found.pk)


@login_required
@require_POST
def allocate(request, pk: int):
    """Verdeel het geld (POST, programme office): after the period, once."""
    found = _round_or_404(pk)
    if not _may_allocate(request.user):
        raise PermissionDenied(_("Alleen het programmabureau mag geld verdelen."))
    if found.state == "allocated":
        return _round_page(request, found, error=_("Het geld van deze ronde is al verdeeld."), status=409)
    try:
        done = services.allocation_round_allocate(round=found, actor=request.user)
    except ApplicationError as error:
        return _round_page(request, found, error=error.message, status=error.status)
    messages.success(request, _("Het geld is verdeeld. Hieronder ziet u de uitslag."))
    return redirect(reverse("budgets:allocation_round", kwargs={"pk": done.pk}) + "#uitslag")
