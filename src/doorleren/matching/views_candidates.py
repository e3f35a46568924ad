"""The page "Kandidaten" of an opportunity: residents who fit it, and residents who could fit it
after a few hours of learning ("Bijna-kandidaten").

Only members of the organisation that offers the opportunity see it (others 403, an unknown id 404),
and only residents who gave that organisation consent appear. A plain GET form sets the most hours
of learning (``uren``); a bad number shows a form error with status 400. No JavaScript needed.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services

from . import selectors_candidates

# The limits are NEAR_HOURS_MIN and NEAR_HOURS_MAX of selectors_candidates.
_HOURS_MESSAGE = gettext_lazy("Vul een heel getal in van 1 tot en met 2000.")


class NearHoursForm(forms.Form):
    uren = forms.IntegerField(
        label=gettext_lazy("Hoeveel uur mag iemand nog leren?"),
        help_text=gettext_lazy("In uren. Een heel getal van 1 tot en met 2000."),
        min_value=selectors_candidates.NEAR_HOURS_MIN,
        max_value=selectors_candidates.NEAR_HOURS_MAX,
        error_messages={
            "required": gettext_lazy("Vul in hoeveel uur iemand nog mag leren."),
            "invalid": _HOURS_MESSAGE,
            "min_value": _HOURS_MESSAGE,
            "max_value": _HOURS_MESSAGE,
        },
    )


def _error_page(request, error: ApplicationError):
    title = _("Pagina niet gevonden") if error.status == 404 else _("Geen toegang")
    return render(
        request,
        "web/error.html",
        {"title": title, "text": error.message, "status": error.status},
        status=error.status,
    )


@login_required
@require_GET
def candidates(request, pk: int):
    """Kandidaten en bijna-kandidaten for one of the viewer's own opportunities."""
    try:
        opportunity = selectors_candidates.opportunity_for_member(viewer=request.user, pk=pk)
    except ApplicationError as error:
        return _error_page(request, error)

    bound = "uren" in request.GET
    form = NearHoursForm(
        request.GET if bound else None, initial={"uren": selectors_candidates.NEAR_HOURS_DEFAULT}
    )
    status = 200
    if not bound:
        max_hours = selectors_candidates.NEAR_HOURS_DEFAULT
    elif form.is_valid():
        max_hours = form.cleaned_data["uren"]
    else:
        max_hours = None
        status = 400
    overview = selectors_candidates.candidate_overview(
        viewer=request.user, opportunity=opportunity, max_hours=max_hours
    )
    privacy_services.profile_views_record(
        viewer=request.user,
        residents=[c.resident for c in [*overview.candidates, *(overview.near or [])]],
        organisation=opportunity.organisation,
        purpose="view_profile",
        what="candidates",
    )
    return render(
        request,
        "matching/candidates.html",
        {"opportunity": opportunity, "overview": overview, "form": form},
        status=status,
    )
