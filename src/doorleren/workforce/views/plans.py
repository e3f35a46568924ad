"""Ontwikkelplannen: the firm's plan and each employee's plan, with CSV and PDF downloads. The firm sees
a plan's modules and figures only while the employee shares the plan (docs/workforce.md)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorleren.privacy import services as privacy_services

from .. import exports, selectors
from .common import download, firm_or_403

CSV_TYPE = "text/csv; charset=utf-8"
PDF_TYPE = "application/pdf"


def _firm_plan(request):
    organisation = firm_or_403(request)
    if organisation is None:
        return None
    firm = selectors.firm_plan(organisation=organisation)
    privacy_services.profile_views_record(
        viewer=request.user,
        residents=[row.plan.employee for row in firm.rows if row.shared],
        organisation=organisation,
        purpose="share_development_plan",
        what="development_plan",
    )
    return firm


@login_required
@require_GET
def plans(request):
    firm = _firm_plan(request)
    if firm is None:
        return redirect("workforce:join")
    return render(request, "workforce/plans.html", {"firm": firm})


@login_required
@require_GET
def plans_csv(request):
    firm = _firm_plan(request)
    if firm is None:
        raise Http404(_("U heeft nog geen bedrijf aangemeld."))
    name = f"ontwikkelplannen-{timezone.localdate().isoformat()}.csv"
    return download(exports.firm_csv(firm), filename=name, content_type=CSV_TYPE)


@login_required
@require_GET
def plans_pdf(request):
    firm = _firm_plan(request)
    if firm is None:
        raise Http404(_("U heeft nog geen bedrijf aangemeld."))
    name = f"ontwikkelplannen-{timezone.localdate().isoformat()}.pdf"
    return download(exports.firm_pdf(firm), filename=name, content_type=PDF_TYPE)


def _plan_for_firm(request, pk: int):
    firm_or_403(request)
    plan = selectors.plan_for_manager(user=request.user, pk=pk)
    if plan is None:
        raise Http404(_("Dit plan bestaat niet, of het hoort niet bij uw bedrijf."))
    shared = selectors.plan_is_shared(plan=plan)
    if shared:  # privacy: the employee sees who looked at their plan (docs/security-privacy.md)
        privacy_services.profile_view_record(
            viewer=request.user,
            resident=plan.employee,
            organisation=plan.organisation,
            purpose="share_development_plan",
            what="development_plan",
        )
    return plan, shared


@login_required
@require_GET
def plan_detail(request, pk: int):
    plan, shared = _plan_for_firm(request, pk)
    context = {
        "plan": plan,
        "shared": shared,
        "payers": selectors.plan_payers(plan=plan) if shared else [],
        "for_employee": False,
    }
    return render(request, "workforce/plan_detail.html", context)


def _shared_plan_for_firm(request, pk: int):
    plan, shared = _plan_for_firm(request, pk)
    if not shared:
        raise PermissionDenied(_("De medewerker deelt dit plan niet met u."))
    return plan


@login_required
@require_GET
def plan_csv(request, pk: int):
    plan = _shared_plan_for_firm(request, pk)
    return download(exports.plan_csv(plan), filename=f"ontwikkelplan-{plan.pk}.csv", content_type=CSV_TYPE)


@login_required
@require_GET
def plan_pdf(request, pk: int):
    plan = _shared_plan_for_firm(request, pk)
    return download(exports.plan_pdf(plan), filename=f"ontwikkelplan-{plan.pk}.pdf", content_type=PDF_TYPE)
