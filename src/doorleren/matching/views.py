"""The resident's page "Wat moet ik leren?": the cheapest learning route to a regional occupation.

Only residents see it (others get 403); a resident without a profile is sent to fill one in first.
A plain GET form chooses the goal; the route shows on the same page. It works without JavaScript.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from doorleren.accounts.selectors import is_resident
from doorleren.core.errors import ApplicationError
from doorleren.profiles import selectors as profiles_selectors

from . import selectors


class RouteGoalForm(forms.Form):
    doel = forms.ChoiceField(
        label=gettext_lazy("Welk beroep wilt u leren?"),
        error_messages={
            "required": gettext_lazy("Kies een beroep."),
            "invalid_choice": gettext_lazy("Dit beroep kennen wij niet. Kies een beroep uit de lijst."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doel"].choices = [("", _("Kies een beroep")), *selectors.regional_occupation_choices()]


@login_required
@require_GET
def route(request):
    """Wat moet ik leren? Choose a regional occupation; see the cheapest modules that get you there."""
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners kunnen een leerroute zien."))
    profile = profiles_selectors.profile_for_user(user=request.user)
    if profile is None:
        messages.info(request, _("Vertel eerst iets over uzelf. Daarna ziet u wat u kunt leren."))
        return redirect("profiles:preferences")

    form = RouteGoalForm(request.GET if "doel" in request.GET else None)
    context = {"form": form, "route": None, "error": None}
    status = 200
    if form.is_bound:
        if form.is_valid():
            occupation = selectors.regional_occupation_for_route(code=form.cleaned_data["doel"])
            try:
                context["route"] = selectors.learning_route(profile=profile, occupation=occupation)
            except ApplicationError as error:
                context["error"] = error.message
                status = error.status
        else:
            status = 400
    return render(request, "matching/route.html", context, status=status)
