"""Aanmelden bij de coöperatie: an employer registers the firm and joins for free (docs/workforce.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doorleren.core.errors import ApplicationError
from doorleren.organisations import services as organisations_services
from doorleren.region import selectors as region_selectors

from ..forms import JoinForm
from .common import firm_or_403

MEMBER_ROLE_ADMIN = "admin"  # organisations.MembershipRole.ADMIN


@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    organisation = firm_or_403(request)
    status = 200
    form = None
    if organisation is not None:
        if request.method == "POST":
            organisations_services.organisation_join_cooperative(organisation=organisation)
            messages.success(request, _("Uw bedrijf is nu lid van de coöperatie. Dat is gratis."))
            return redirect("workforce:scan")
        return render(request, "workforce/join.html", {"organisation": organisation, "form": None})
    form = JoinForm(request.POST or None)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    created = organisations_services.organisation_create(
                        kind="employer",
                        name=data["name"],
                        kvk_number=data["kvk_number"],
                        sector_code=data["sector"],
                        size_class=data["size_class"],
                        municipality=region_selectors.municipality_get(code=data["municipality"]),
                    )
                    organisations_services.organisation_join_cooperative(organisation=created)
                    organisations_services.membership_create(
                        user=request.user, organisation=created, role=MEMBER_ROLE_ADMIN
                    )
            except ApplicationError as error:
                field = {
                    "kvk_number_invalid": "kvk_number",
                    "kvk_number_missing": "kvk_number",
                    "kvk_number_taken": "kvk_number",
                    "organisation_name_missing": "name",
                    "organisation_name_too_long": "name",
                }.get(error.code)
                form.add_error(field, error.message)
                status = error.status if 400 <= error.status < 500 else 400
            else:
                messages.success(
                    request, _("Uw bedrijf is aangemeld en lid van de coöperatie. Dat is gratis.")
                )
                return redirect("workforce:scan")
    return render(request, "workforce/join.html", {"organisation": None, "form": form}, status=status)
