"""Mijn ontwikkelplan: the resident's invitations ("Ik werk bij ..."), roles and plans; agree or decline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorleren.core.errors import ApplicationError

from .. import exports, selectors, services
from ..forms import AnswerForm, DecisionForm
from .common import download, resident_or_403
from .plans import CSV_TYPE, PDF_TYPE


def _mine_page(request, *, status: int = 200, error: str = ""):
    holders = list(selectors.roles_of_employee(employee=request.user))
    context = {
        "invitations": list(selectors.invitations_for_resident(user=request.user)),
        "jobs": [
            {
                "gap": selectors.gap_for_employee(employee=request.user, holder=holder),
                "shared": selectors.plan_shared_with(
                    employee=request.user, organisation=holder.role.organisation
                ),
            }
            for holder in holders
        ],
        "plans": list(selectors.plans_for_employee(employee=request.user)),
        "error": error,
    }
    return render(request, "workforce/mine.html", context, status=status)


@login_required
@require_GET
def mine(request):
    resident_or_403(request)
    return _mine_page(request)


@login_required
@require_POST
def invitation_answer(request, pk: int):
    resident_or_403(request)
    holder = selectors.invitation_for_resident(user=request.user, pk=pk)
    if holder is None:
        raise Http404(_("Deze uitnodiging is er niet, of hij is niet voor u."))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _mine_page(request, status=400, error=_("Kies ja of nee."))
    try:
        if form.cleaned_data["answer"] == "ja":
            services.role_holder_accept(
                holder=holder, employee=request.user, share_plan=form.cleaned_data["share"]
            )
            messages.success(
                request, _("Bevestigd. U staat nu bij %(firm)s.") % {"firm": holder.role.organisation.name}
            )
        else:
            services.role_holder_refuse(holder=holder, employee=request.user)
            messages.success(request, _("U heeft nee gezegd. Er is niets aan uw account gekoppeld."))
    except ApplicationError as error:
        return _mine_page(
            request, status=error.status if 400 <= error.status < 500 else 400, error=error.message
        )
    return redirect("workforce:mine")


def _own_plan(request, pk: int):
    resident_or_403(request)
    plan = selectors.plan_for_employee(employee=request.user, pk=pk)
    if plan is None:
        raise Http404(_("Dit plan bestaat niet, of het is niet van u."))
    return plan


def _plan_page(request, plan, *, status: int = 200, form=None):
    context = {
        "plan": plan,
        "shared": True,
        "payers": selectors.plan_payers(plan=plan),
        "for_employee": True,
        "form": form or DecisionForm(),
    }
    return render(request, "workforce/plan_detail.html", context, status=status)


@login_required
@require_GET
def my_plan(request, pk: int):
    return _plan_page(request, _own_plan(request, pk))


@login_required
@require_POST
def my_plan_decide(request, pk: int):
    plan = _own_plan(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, plan, status=400, form=form)
    try:
        if form.cleaned_data["decision"] == "akkoord":
            services.development_plan_agree(plan=plan, employee=request.user)
            messages.success(request, _("U bent akkoord met het plan. Uw werkgever ziet dat."))
        else:
            services.development_plan_decline(
                plan=plan, employee=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request, _("U bent niet akkoord. Uw werkgever ziet dat en kan een nieuw plan maken.")
            )
    except ApplicationError as error:
        form.add_error(None, error.message)
        return _plan_page(
            request,
            _own_plan(request, pk),
            status=error.status if 400 <= error.status < 500 else 400,
            form=form,
        )
    return redirect("workforce:my_plan", pk=plan.pk)


@login_required
@require_GET
def my_plan_csv(request, pk: int):
    plan = _own_plan(request, pk)
    return download(
        exports.plan_csv(plan), filename=f"mijn-ontwikkelplan-{plan.pk}.csv", content_type=CSV_TYPE
    )


@login_required
@require_GET
def my_plan_pdf(request, pk: int):
    plan = _own_plan(request, pk)
    return download(
        exports.plan_pdf(plan), filename=f"mijn-ontwikkelplan-{plan.pk}.pdf", content_type=PDF_TYPE
    )
