"""A company offers learning in practice: its knowledge, people who guide, or machines and space.

``/leren/praktijk/nieuw/``: a plain form (works without JavaScript; the competency names come from a
``<datalist>``, which the browser shows as suggestions while typing). Only members of a company
(employer) may offer; the offer appears in the learning offer (``learning:module_list`` and
``learning:practical_list``). Writes go through ``services.practical_offer_create``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doorleren.core.errors import ApplicationError
from doorleren.learning import selectors
from doorleren.learning.forms import PracticalOfferForm
from doorleren.learning.services.practical import practical_offer_create


@login_required
@require_http_methods(["GET", "POST"])
def practical_create(request):
    """A company offers learning in practice. Only members of a company (employer)."""
    providers = selectors.practical_providers_for_user(user=request.user)
    if not providers.exists():
        raise PermissionDenied(_("Alleen medewerkers van een bedrijf kunnen leren in de praktijk aanbieden."))
    status = 200
    if request.method == "POST":
        form = PracticalOfferForm(request.POST, providers=providers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                offer = practical_offer_create(
                    provider=data["provider"],
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    capacity=data["capacity"],
                    municipality=data["municipality"],
                    competencies=data["competencies"],
                    actor=request.user,
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(title)s staat nu in het leeraanbod.") % {"title": offer.title})
                return redirect("learning:practical_create")
        status = 400
    else:
        form = PracticalOfferForm(initial={"provider": providers.first()}, providers=providers)
    own = [
        (provider, list(selectors.practical_offers_for_provider(provider=provider)[:100]))
        for provider in providers
    ]
    return render(
        request,
        "learning/practical_form.html",
        {"form": form, "own": own, "competencies": selectors.competencies_for_pick()},
        status=status,
    )
