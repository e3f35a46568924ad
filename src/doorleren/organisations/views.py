from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorleren.core.errors import ApplicationError
from doorleren.organisations import selectors
from doorleren.organisations.forms import OrganisationFilterForm
from doorleren.region.selectors import municipality_get

PAGE_SIZE = 25


@require_GET
def organisation_list(request):
    """The public directory, filtered by kind, municipality, sector and name."""
    form = OrganisationFilterForm(request.GET or None)
    organisations = selectors.organisations_public()
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            organisations = selectors.organisations_filter(
                kind=data["kind"],
                municipality=municipality_get(code=data["municipality"]) if data["municipality"] else None,
                sector_code=data["sector"],
                search=data["q"],
            )
        else:
            organisations = organisations.none()
    page_obj = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "organisations/organisation_list.html",
        {"form": form, "page_obj": page_obj, "query": query.urlencode()},
    )


@require_GET
def organisation_detail(request, pk: int):
    try:
        organisation = selectors.organisation_get(pk=pk)
    except ApplicationError as exc:
        raise Http404(exc.message) from exc
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})
