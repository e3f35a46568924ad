"""Public pages: the list of open work and assignments (with filters) and one opportunity."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorleren.accounts import selectors as accounts_selectors
from doorleren.organisations import selectors as organisations_selectors

from . import selectors
from .forms import OpportunityFilterForm
from .models import OpportunityKind

PAGE_SIZE = 20


@require_GET
def opportunity_list(request):
    form = OpportunityFilterForm(
        request.GET or None,
        municipalities=selectors.municipality_choices(),
        sectors=selectors.sector_choices(),
    )
    filters = form.filters() if form.is_bound else {}
    page = Paginator(selectors.opportunities_search(**filters), PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "opportunities/list.html",
        {"form": form, "page": page, "query_string": query.urlencode(), "kinds": OpportunityKind},
    )


@require_GET
def opportunity_detail(request, pk: int):
    opportunity = selectors.opportunity_public_get(pk=pk)
    if opportunity is None:
        raise Http404
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "requirements": opportunity.competency_requirements.all(),
            # A resident may ask what to learn for it; the offering organisation's members see candidates.
            "for_resident": accounts_selectors.is_resident(user=request.user),
            "for_member": request.user.is_authenticated
            and organisations_selectors.membership_exists(
                user=request.user, organisation=opportunity.organisation
            ),
        },
    )
