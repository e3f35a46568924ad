"""``/monitoring/mijn-werk/``: a resident tells the platform they started work (docs/monitoring.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError

from ..forms_work import WorkStartForm
from ..selectors.participation import work_starts_of_resident
from ..services.participation import work_start_record


@login_required
@require_http_methods(["GET", "POST"])
def work_mine(request):
    if not accounts_selectors.is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners geven hier door dat ze werk hebben."))
    form = WorkStartForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                work_start_record(
                    actor=request.user,
                    resident_user=request.user,
                    started_on=form.cleaned_data["started_on"],
                    kind=form.cleaned_data["kind"],
                )
            except ApplicationError as error:
                form.add_service_error(error, field="started_on" if "date" in error.code else None)
                status = error.status if 400 <= error.status < 500 else 400
            else:
                messages.success(request, _("Gefeliciteerd met uw werk! Dat staat nu in uw profiel."))
                return redirect("monitoring:work_mine")
    context = {"form": form, "work_starts": work_starts_of_resident(user=request.user)}
    return render(request, "monitoring/work/mine.html", context, status=status)
