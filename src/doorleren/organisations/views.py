from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doorleren.core.errors import ApplicationError
from doorleren.organisations import selectors, services
from doorleren.organisations.forms import IbanForm, OrganisationFilterForm
from doorleren.organisations.validators import iban_formatted, iban_masked
from doorleren.region.selectors import municipality_get

PAGE_SIZE = 25


@require_GET
def organisation_list(request):
    """The public directory, filtered by kind, municipality, sector and name."""
    form = OrganisationFilterForm(request.GET or None)
    organisations = selectors.organisations_public()
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            organisations = selectors.organisations_filter(
                kind=data["kind"],
                municipality=municipality_get(code=data["municipality"]) if data["municipality"] else None,
                sector_code=data["sector"],
                search=data["q"],
            )
        else:
            organisations = organisations.none()
    page_obj = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "organisations/organisation_list.html",
        {"form": form, "page_obj": page_obj, "query": query.urlencode()},
    )


@require_GET
def organisation_detail(request, pk: int):
    try:
        organisation = selectors.organisation_get(pk=pk)
    except ApplicationError as exc:
        raise Http404(exc.message) from exc
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})


# --- the payout account (IBAN) of a school or a company that offers modules ----------------------
# Its own staff see it in full and change it; coaches, the programme office and administrators see it
# masked; everyone else (residents too) gets 403. Every change goes through the service (audit log).


def _iban_role_or_403(request) -> None:
    role = getattr(request.user, "role", None)
    if role not in (*selectors.IBAN_EDITOR_ROLES, *selectors.IBAN_MASKED_ROLES):
        raise PermissionDenied(_("U mag de rekeningnummers van organisaties niet zien."))


@login_required
@require_GET
def organisation_iban_mine(request):
    """The organisations of the logged-in staff member that can have a payout account, with links."""
    if getattr(request.user, "role", None) not in selectors.IBAN_EDITOR_ROLES:
        raise PermissionDenied(
            _("Alleen medewerkers van een school of bedrijf hebben een rekening voor uitbetaling.")
        )
    organisations = [
        organisation
        for organisation in selectors.organisations_for_user(user=request.user).filter(
            kind__in=selectors.IBAN_ORGANISATION_KINDS
        )
        if selectors.organisation_iban_editable_by(user=request.user, organisation=organisation)
    ]
    for organisation in organisations:
        organisation.iban_display = iban_formatted(organisation.iban)
    return render(request, "organisations/iban_mine.html", {"organisations": organisations})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_iban(request, pk: int):
    """Rekening voor uitbetaling: see and (own staff) change the organisation's IBAN."""
    _iban_role_or_403(request)
    organisation = selectors.organisation_for_iban(pk=pk)
    if organisation is None:
        raise Http404(_("Deze organisatie bestaat niet, of zij heeft geen rekening voor uitbetaling."))
    editable = selectors.organisation_iban_editable_by(user=request.user, organisation=organisation)
    if not editable and not selectors.organisation_iban_masked_visible_to(user=request.user):
        raise PermissionDenied(_("Alleen medewerkers van deze organisatie zien dit rekeningnummer."))
    if request.method == "POST" and not editable:
        raise PermissionDenied(
            _("Alleen medewerkers van deze organisatie kunnen het rekeningnummer veranderen.")
        )
    status = 200
    form = IbanForm(initial={"iban": iban_formatted(organisation.iban)}) if editable else None
    if request.method == "POST":
        form = IbanForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.organisation_iban_set(
                    organisation=organisation,
                    iban=form.cleaned_data["iban"],
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as error:
                field = error.extra.get("field")
                form.add_error(field if field in form.fields else None, error.message)
                status = max(error.status, 400)
            else:
                messages.success(request, _("Het rekeningnummer is bewaard."))
                return redirect("organisations:iban", pk=organisation.pk)
    return render(
        request,
        "organisations/organisation_iban.html",
        {
            "organisation": organisation,
            "editable": editable,
            "iban_display": iban_formatted(organisation.iban) if editable else iban_masked(organisation.iban),
            "form": form,
        },
        status=status,
    )
