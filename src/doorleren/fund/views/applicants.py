"""Pages of applicants: their applications, a draft, partners, submit and spending reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.core.errors import ApplicationError

from .. import selectors, services
from ..forms import ApplicationForm, PartnerForm, ReportForm
from ..models import ApplicationState
from ._common import (
    _call_or_404,
    _detail,
    _euro_input,
    _raise_access,
    _require_lead,
    _step,
    _viewable,
)


@login_required
@require_GET
def mine(request):
    """The applications of the user's organisations, and the calls open now."""
    if not selectors.is_applicant(user=request.user):
        raise PermissionDenied(_("Alleen medewerkers van scholen, werkgevers en overheden doen aanvragen."))
    return render(
        request,
        "fund/mine.html",
        {
            "applications": selectors.applications_for_user(user=request.user),
            "open_calls": selectors.calls_open(),
            "organisations": selectors.organisations_applying_for(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request, pk: int):
    call = _call_or_404(pk)
    organisations = list(selectors.organisations_applying_for(user=request.user))
    if not organisations:
        raise PermissionDenied(
            _("U kunt alleen aanvragen voor een school, werkgever of overheid waar u werkt.")
        )
    indicators = list(call.indicators.order_by("code"))
    form = ApplicationForm(request.POST or None, organisations=organisations, indicators=indicators)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                application = services.fund_application_create(
                    actor=request.user,
                    call=call,
                    lead_organisation=form.cleaned_data["lead_organisation"],
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                    requested_cents=form.cleaned_data["requested"],
                    targets=form.targets(),
                )
            except ApplicationError as error:
                _raise_access(error)
                form.add_service_error(error)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Uw aanvraag is bewaard als concept. Voeg nu de partners toe en dien de aanvraag in."),
                )
                return redirect("fund:application_detail", pk=application.pk)
        else:
            status = 400
    return render(
        request,
        "fund/application_form.html",
        {"form": form, "call": call, "application": None, "is_open": selectors.call_is_open(call=call)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk: int):
    application = _viewable(request, pk)
    _require_lead(request, application)
    indicators = list(application.call.indicators.order_by("code"))
    if request.method == "POST":
        form = ApplicationForm(request.POST, indicators=indicators)
    else:
        initial = {
            "title": application.title,
            "summary": application.summary,
            "requested": _euro_input(application.requested_cents),
        }
        initial.update({f"target_{t.indicator_id}": t.target_value for t in application.targets.all()})
        form = ApplicationForm(initial=initial, indicators=indicators)
    status, blocked = 200, ""
    if application.state != ApplicationState.DRAFT:
        blocked = _("Deze aanvraag is geen concept meer. U kunt hem niet meer veranderen.")
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.fund_application_update(
                    actor=request.user,
                    application=application,
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                    requested_cents=form.cleaned_data["requested"],
                    targets=form.targets(),
                )
            except ApplicationError as error:
                _raise_access(error)
                form.add_service_error(error)
                status = error.status
            else:
                messages.success(request, _("De aanvraag is bewaard."))
                return redirect("fund:application_detail", pk=application.pk)
        else:
            status = 400
    return render(
        request,
        "fund/application_form.html",
        {
            "form": form,
            "call": application.call,
            "application": application,
            "is_open": True,
            "blocked": blocked,
        },
        status=status,
    )


@login_required
@require_GET
def application_detail(request, pk: int):
    return _detail(request, _viewable(request, pk))


@login_required
@require_POST
def partner_add(request, pk: int):
    application = _viewable(request, pk)
    _require_lead(request, application)
    form = PartnerForm(request.POST, organisations=selectors.partner_candidates(application=application))
    if not form.is_valid():
        return _detail(request, application, status=400, partner_form=form)
    try:
        services.consortium_member_add(
            actor=request.user, application=application, organisation=form.cleaned_data["organisation"]
        )
    except ApplicationError as error:
        _raise_access(error)
        form.add_service_error(error)
        return _detail(request, application, status=error.status, partner_form=form)
    messages.success(
        request, _("%(name)s doet nu mee aan de aanvraag.") % {"name": form.cleaned_data["organisation"].name}
    )
    return redirect("fund:application_detail", pk=application.pk)


@login_required
@require_POST
def partner_remove(request, pk: int, member_pk: int):
    application = _viewable(request, pk)
    _require_lead(request, application)
    member = next((m for m in application.members.select_related("organisation") if m.pk == member_pk), None)
    if member is None:
        raise Http404(_("Deze partner doet niet mee aan de aanvraag."))
    try:
        services.consortium_member_remove(
            actor=request.user, application=application, organisation=member.organisation
        )
    except ApplicationError as error:
        _raise_access(error)
        return _detail(request, application, status=error.status, error=error.message)
    messages.success(request, _("%(name)s doet niet meer mee.") % {"name": member.organisation.name})
    return redirect("fund:application_detail", pk=application.pk)


@login_required
@require_POST
def application_submit(request, pk: int):
    return _step(
        request,
        pk,
        who=_require_lead,
        call_service=lambda a: services.fund_application_submit(actor=request.user, application=a),
        success=_("Uw aanvraag is ingediend. Het programmabureau beoordeelt hem."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    """The lead organisation reports what it spent and achieved."""
    application = _viewable(request, pk)
    _require_lead(request, application)
    indicators = [
        t.indicator for t in application.targets.select_related("indicator").order_by("indicator__code")
    ]
    form = ReportForm(request.POST or None, indicators=indicators)
    status, blocked = 200, ""
    if application.state != ApplicationState.PAID:
        blocked = _("U kunt verantwoorden als het geld is betaald en de aanvraag nog niet is afgesloten.")
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.spending_report_submit(
                    actor=request.user,
                    application=application,
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                    spent_cents=form.cleaned_data["spent"],
                    results=form.results(),
                    text=form.cleaned_data["text"],
                )
            except ApplicationError as error:
                _raise_access(error)
                form.add_service_error(error)
                status = error.status
            else:
                messages.success(request, _("Dank u. Uw verantwoording is ontvangen."))
                return redirect("fund:application_detail", pk=application.pk)
        else:
            status = 400
    return render(
        request,
        "fund/report_form.html",
        {
            "form": form,
            "application": application,
            "detail": selectors.application_detail(application=application),
            "blocked": blocked,
        },
        status=status,
    )
