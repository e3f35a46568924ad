"""Helpers shared by the workforce pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .. import selectors


def firm_or_403(request):
    """The employer's firm; 403 for everyone else, with a Dutch sentence."""
    if not selectors.is_employer(user=request.user):
        raise PermissionDenied(_("Alleen werkgevers kunnen hun bedrijf scannen en plannen maken."))
    organisation = selectors.employer_organisation_for(user=request.user)
    return organisation


def resident_or_403(request) -> None:
    if not selectors.is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners hebben een eigen ontwikkelplan."))


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def int_or_none(value) -> int | None:
    """A POSTed id as an int, or None when it is not a sane whole number."""
    if not isinstance(value, str) or not value.isdigit() or len(value) > 18:
        return None
    return int(value)
