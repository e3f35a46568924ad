"""Pages of the programme office: review, decide, pay, close, the figures and new calls."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.budgets import selectors as budgets_selectors
from doorleren.core.errors import ApplicationError

from .. import selectors, services
from ..forms import CallForm, DecisionForm, ReasonForm, ReviewForm
from ..models import ApplicationState
from ._common import (
    _call_or_404,
    _detail,
    _office,
    _raise_access,
    _require_programme_office,
    _step,
    _viewable,
)


@login_required
@require_POST
def start_review(request, pk: int):
    return _step(
        request,
        pk,
        who=_office,
        call_service=lambda a: services.fund_application_start_review(actor=request.user, application=a),
        success=_("De aanvraag is in behandeling genomen."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    application = _viewable(request, pk)
    _require_programme_office(request)
    criteria = list(application.call.criteria.order_by("position", "id"))
    form = ReviewForm(request.POST or None, criteria=criteria)
    status, blocked = 200, ""
    if not selectors.may_review(user=request.user, application=application):
        if services.conflict_of_interest(request.user, application):
            raise PermissionDenied(_("U werkt voor een organisatie in dit samenwerkingsverband."))
        blocked = _(
            "U kunt deze aanvraag nu niet beoordelen: hij is niet in behandeling, of u heeft hem al beoordeeld."
        )
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.review_submit(
                    actor=request.user,
                    application=application,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except ApplicationError as error:
                _raise_access(error)
                form.add_service_error(error)
                status = error.status
            else:
                messages.success(request, _("Uw beoordeling is bewaard."))
                return redirect("fund:application_detail", pk=application.pk)
        else:
            status = 400
    return render(
        request,
        "fund/review_form.html",
        {
            "form": form,
            "application": application,
            "detail": selectors.application_detail(application=application),
            "blocked": blocked,
        },
        status=status,
    )


@login_required
@require_POST
def decide(request, pk: int):
    application = _viewable(request, pk)
    _require_programme_office(request)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, decision_form=form)
    grant = form.cleaned_data["decision"] == DecisionForm.GRANT
    try:
        services.fund_application_decide(
            actor=request.user,
            application=application,
            grant=grant,
            amount_cents=form.cleaned_data["amount"] if grant else None,
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        _raise_access(error)
        form.add_service_error(error)
        return _detail(request, application, status=error.status, decision_form=form)
    messages.success(request, _("De aanvraag is toegekend.") if grant else _("De aanvraag is afgewezen."))
    return redirect("fund:application_detail", pk=application.pk)


@login_required
@require_POST
def pay(request, pk: int):
    application = _viewable(request, pk)
    _require_programme_office(request)
    if application.state in (ApplicationState.PAID, ApplicationState.ACCOUNTED_FOR):
        messages.info(request, _("Deze aanvraag is al betaald. Er is niets nog eens betaald."))
        return redirect("fund:application_detail", pk=application.pk)
    return _step(
        request,
        pk,
        who=_office,
        call_service=lambda a: services.fund_application_pay(actor=request.user, application=a),
        success=_("Het geld is betaald aan de penvoerder."),
    )


@login_required
@require_POST
def account(request, pk: int):
    application = _viewable(request, pk)
    _require_programme_office(request)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, account_form=form)
    try:
        services.fund_application_account(
            actor=request.user, application=application, reason=form.cleaned_data["reason"]
        )
    except ApplicationError as error:
        _raise_access(error)
        return _detail(request, application, status=error.status, error=error.message, account_form=form)
    messages.success(request, _("De aanvraag is verantwoord en afgesloten."))
    return redirect("fund:application_detail", pk=application.pk)


@login_required
@require_GET
def overview(request):
    """The programme office: figures per call, and per programme line and indicator."""
    _require_programme_office(request)
    return render(
        request,
        "fund/overview.html",
        {"calls": selectors.calls_figures(), "lines": selectors.indicator_figures()},
    )


@login_required
@require_GET
def call_overview(request, pk: int):
    """The programme office: one call's figures and its applications with their scores."""
    _require_programme_office(request)
    call = _call_or_404(pk)
    rows = [
        (application, selectors.application_scores(application=application))
        for application in selectors.applications_of_call(call=call)
    ]
    return render(
        request,
        "fund/call_overview.html",
        {
            "call": call,
            "figures": selectors.call_figures(call=call),
            "rows": rows,
            "states": ApplicationState,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    _require_programme_office(request)
    form = CallForm(
        request.POST or None,
        funders=budgets_selectors.funders_all(),
        programme_lines=selectors.programme_lines(),
        indicators=selectors.indicators_all(),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                call = services.fund_call_create(
                    actor=request.user,
                    funder=form.funders[data["funder"]],
                    title=data["title"],
                    description=data["description"],
                    programme_line=form.lines[data["programme_line"]],
                    indicators=[form.all_indicators[pk] for pk in data["indicators"]],
                    ceiling_cents=data["ceiling"],
                    max_per_application_cents=data["max_per_application"],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    criteria=[
                        services.CriterionInput(name=name, weight=weight, max_score=max_score)
                        for name, weight, max_score in form.criteria()
                    ],
                )
            except ApplicationError as error:
                _raise_access(error)
                form.add_service_error(error)
                status = error.status
            else:
                messages.success(request, _("De oproep is gemaakt."))
                return redirect("fund:call_overview", pk=call.pk)
        else:
            status = 400
    return render(request, "fund/call_form.html", {"form": form}, status=status)
