from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doorleren.accounts import selectors, services
from doorleren.accounts.forms import ConsentGrantForm, ConsentRevokeForm
from doorleren.accounts.models import ConsentPurpose, Role
from doorleren.core.errors import ApplicationError
from doorleren.organisations.selectors import organisation_get


def _resident_only(request) -> None:
    if request.user.role != Role.RESIDENT:
        raise PermissionDenied(_("Alleen inwoners geven toestemming voor hun eigen gegevens."))


def _consent_page(request, *, grant_form: ConsentGrantForm, status: int = 200):
    consents = list(selectors.consents_for_resident(resident=request.user))
    return render(
        request,
        "accounts/consent.html",
        {
            "grant_form": grant_form,
            "active_consents": [c for c in consents if c.revoked_at is None],
            "past_consents": [c for c in consents if c.revoked_at is not None],
            "purposes": ConsentPurpose.choices,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    """The resident's consents: who may see their profile, with forms to grant and revoke."""
    _resident_only(request)
    organisations = selectors.organisations_consent_eligible()
    if request.method == "GET":
        return _consent_page(request, grant_form=ConsentGrantForm(organisations=organisations))
    form = ConsentGrantForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            organisation = organisation_get(pk=form.cleaned_data["organisation"], public_only=False)
            given = services.consent_grant(
                resident=request.user, organisation=organisation, purpose=form.cleaned_data["purpose"]
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("U heeft %(organisation)s toestemming gegeven: %(purpose)s.")
                % {"organisation": given.organisation.name, "purpose": given.get_purpose_display().lower()},
            )
            return redirect("account_consent")
    return _consent_page(request, grant_form=form, status=400)


@login_required
@require_POST
def consent_revoke(request):
    _resident_only(request)
    form = ConsentRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Wij konden niet zien welke toestemming u wilt intrekken. Probeer het opnieuw.")
        )
        return redirect("account_consent")
    try:
        organisation = organisation_get(pk=form.cleaned_data["organisation"], public_only=False)
        revoked = services.consent_revoke(
            resident=request.user, organisation=organisation, purpose=form.cleaned_data["purpose"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("U heeft de toestemming voor %(organisation)s ingetrokken: %(purpose)s.")
            % {"organisation": revoked.organisation.name, "purpose": revoked.get_purpose_display().lower()},
        )
    return redirect("account_consent")
