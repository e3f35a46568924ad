"""The resident's page "Welk werk past bij mij?": open work ranked by the matching engine.

Only residents see it (others 403). A resident without a profile is sent to the preferences form
first, as on the profile pages. The page works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorleren.accounts.selectors import is_resident
from doorleren.profiles import selectors as profiles_selectors

from . import selectors_work


@login_required
@require_GET
def work_matches(request):
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners zien welk werk bij hen past."))
    profile = profiles_selectors.profile_for_user(user=request.user)
    if profile is None:
        messages.info(request, _("Vertel eerst iets over uzelf. Daarna zoeken wij werk dat bij u past."))
        return redirect("profiles:preferences")
    found = selectors_work.work_matches_for_resident(profile=profile)
    return render(
        request,
        "matching/work.html",
        {"profile": profile, "found": found, "top": selectors_work.WORK_TOP},
    )
