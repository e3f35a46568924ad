"""Helpers every fund page uses: lookups (404), access (403) and the application page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from .. import selectors, services
from ..forms import DecisionForm, PartnerForm, ReasonForm
from ..models import ApplicationState


def _call_or_404(pk: int):
    call = selectors.call_get(pk=pk)
    if call is None:
        raise Http404(_("Deze oproep bestaat niet."))
    return call


def _application_or_404(pk: int):
    application = selectors.application_get(pk=pk)
    if application is None:
        raise Http404(_("Deze aanvraag bestaat niet."))
    return application


def _viewable(request, pk: int):
    application = _application_or_404(pk)
    if not selectors.may_view_application(user=request.user, application=application):
        raise PermissionDenied(_("U mag deze aanvraag niet zien."))
    return application


def _raise_access(error: ApplicationError) -> None:
    """A service said "not you" (403) or "not there" (404): the error page, not a form message."""
    if error.status == 403:
        raise PermissionDenied(error.message)
    if error.status == 404:
        raise Http404(error.message)


def _require_programme_office(request) -> None:
    if not selectors.is_programme_office(user=request.user):
        raise PermissionDenied(_("Alleen het programmabureau mag dit doen."))


def _require_lead(request, application) -> None:
    if not selectors.is_lead_member(user=request.user, application=application):
        raise PermissionDenied(_("Alleen medewerkers van de penvoerder mogen dit doen."))


def _euro_input(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros},{rest:02d}" if rest else str(euros)


def _detail(request, application, *, status: int = 200, error: str = "", **given):
    """The application page, with the forms the user may use; ``error`` shows a refused step."""
    user = request.user
    is_office = selectors.is_programme_office(user=user)
    is_lead = selectors.is_lead_member(user=user, application=application)
    conflict = is_office and services.conflict_of_interest(user, application)
    detail = selectors.application_detail(application=application)
    state = application.state
    draft = state == ApplicationState.DRAFT
    context = {
        "detail": detail,
        "application": application,
        "call": application.call,
        "error": error,
        "is_office": is_office,
        "is_lead": is_lead,
        "states": ApplicationState,
        "conflict": conflict,
        "may_review": selectors.may_review(user=user, application=application),
        "submit_problems": [message for _code, message in services.submit_problems(application)]
        if draft and is_lead
        else [],
        "partner_form": given.get("partner_form")
        or (
            PartnerForm(organisations=selectors.partner_candidates(application=application))
            if draft and is_lead
            else None
        ),
        "decision_form": given.get("decision_form")
        or (DecisionForm() if is_office and not conflict and state == ApplicationState.IN_REVIEW else None),
        "account_form": given.get("account_form")
        or (ReasonForm() if is_office and state == ApplicationState.PAID else None),
        "may_report": is_lead and state == ApplicationState.PAID,
    }
    return render(request, "fund/application_detail.html", context, status=status)


def _step(request, pk: int, *, call_service, success: str, who) -> object:
    """A POST button: run one service; on success back to the page, else the page with the message."""
    application = _viewable(request, pk)
    who(request, application)
    try:
        call_service(application)
    except ApplicationError as error:
        _raise_access(error)
        return _detail(request, application, status=error.status, error=error.message)
    messages.success(request, success)
    return redirect("fund:application_detail", pk=application.pk)


def _office(request, application) -> None:
    _require_programme_office(request)
