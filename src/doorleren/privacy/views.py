"""Privacy pages of the resident (docs/security-privacy.md), under /account/:

- ``my_data``: what the platform keeps and why, with the JSON and PDF downloads;
- ``views``: "Wie bekeek mijn profiel": who saw the resident's data, when, what and why;
- ``delete``: "Mijn account verwijderen" with the password and a tick; staff get 403 (the administrator
  does it for them).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doorleren.accounts.selectors import is_resident
from doorleren.core.errors import ApplicationError

from . import exports, selectors, services
from .forms import AccountDeleteForm

PAGE_SIZE = 25


def _require_resident(request) -> None:
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Deze pagina is voor inwoners. Vraag de beheerder naar uw gegevens."))


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _filename(extension: str) -> str:
    return f"mijn-gegevens-{timezone.localdate().isoformat()}.{extension}"


@login_required
@require_GET
def my_data(request):
    """Mijn gegevens: what we keep and why, and the downloads."""
    _require_resident(request)
    return render(request, "privacy/my_data.html", {"retention": services.RETENTION})


@login_required
@require_GET
def my_data_json(request):
    _require_resident(request)
    data = selectors.personal_data_export(user=request.user)
    return _download(
        exports.export_json(data), filename=_filename("json"), content_type="application/json; charset=utf-8"
    )


@login_required
@require_GET
def my_data_pdf(request):
    _require_resident(request)
    data = selectors.personal_data_export(user=request.user)
    return _download(exports.export_pdf(data), filename=_filename("pdf"), content_type="application/pdf")


@login_required
@require_GET
def views(request):
    """Wie bekeek mijn profiel: newest first, 25 per page."""
    _require_resident(request)
    rows = selectors.profile_views_for_resident(resident=request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "privacy/views.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """Mijn account verwijderen. Staff and the programme office see why they cannot (403)."""
    if not selectors.may_delete_own_account(user=request.user):
        return render(request, "privacy/delete_not_allowed.html", status=403)
    status = 200
    if request.method == "POST":
        form = AccountDeleteForm(request.POST)
        if form.is_valid():
            try:
                services.account_delete(user=request.user, password=form.cleaned_data["password"])
            except ApplicationError as error:
                form.add_service_error(error)
            else:
                logout(request)
                messages.success(request, _("Uw account is verwijderd. Uw gegevens zijn weg."))
                return redirect("web:home")
        status = 400
    else:
        form = AccountDeleteForm()
    return render(request, "privacy/delete.html", {"form": form}, status=status)
