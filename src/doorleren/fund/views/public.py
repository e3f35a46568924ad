"""Public pages: the calls and one call."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import selectors
from ._common import _call_or_404


@require_GET
def call_list(request):
    """Calls that are open now, calls that open later, and closed calls."""
    today = timezone.localdate()
    return render(
        request,
        "fund/call_list.html",
        {
            "open_calls": selectors.calls_open(today=today),
            "upcoming_calls": selectors.calls_upcoming(today=today),
            "closed_calls": selectors.calls_closed(today=today)[:20],
            "is_applicant": selectors.is_applicant(user=request.user),
            "is_programme_office": selectors.is_programme_office(user=request.user),
        },
    )


@require_GET
def call_detail(request, pk: int):
    call = _call_or_404(pk)
    return render(
        request,
        "fund/call_detail.html",
        {
            "call": call,
            "is_open": selectors.call_is_open(call=call),
            "may_apply": selectors.organisations_applying_for(user=request.user).exists(),
            "is_applicant": selectors.is_applicant(user=request.user),
            "figures": selectors.call_figures(call=call),
        },
    )
