from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorleren.region import selectors


@require_GET
def overview(request):
    """The subregions and municipalities of the labour-market region, with former municipalities."""
    return render(
        request,
        "region/overview.html",
        {
            "subregions": selectors.subregions_overview(),
            "plan_municipalities": selectors.municipalities_in_regional_plan_2020(),
        },
    )
