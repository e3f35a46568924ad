"""Pages of the taxonomy: the competency map, search in occupations and skills, regional occupations.

Every page is a plain GET page; htmx only swaps in results (the competency autocomplete).
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy import selectors
from doorleren.taxonomy.forms import SearchForm, SectorFilterForm

SEARCH_TOP = 20
AUTOCOMPLETE_TOP = 10


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def _search(form: SearchForm, kind: str, top: int) -> list[dict] | None:
    """Results for a valid, non-empty query; ``None`` when nothing was asked. Errors become form errors."""
    if not form.is_valid() or not form.cleaned_data["q"]:
        return None
    try:
        return selectors.linking_search(kind=kind, queries=[form.cleaned_data["q"]], top=top)[0]["results"]
    except ApplicationError as error:
        form.add_error("q", error.message)
        return None


@require_GET
def competency_map(request):
    sectors = list(selectors.sector_list())
    form = SectorFilterForm(request.GET or None, sectors=[(s.code, s.label) for s in sectors])
    chosen = form.cleaned_data["sector"] if form.is_valid() else ""
    sections = selectors.competency_map_sections(sector=chosen or None)
    return render(request, "taxonomy/map.html", {"form": form, "sections": sections})


@require_GET
def competency_detail(request, code: str):
    return render(
        request, "taxonomy/competency_detail.html", {"competency": selectors.competency_get(code=code)}
    )


@require_GET
def occupation_search(request):
    form = SearchForm(request.GET or None)
    results = _search(form, "occupations", SEARCH_TOP)
    if results:
        results = selectors.occupation_hits_with_regional(hits=results)
    return render(request, "taxonomy/occupation_search.html", {"form": form, "results": results})


@require_GET
def skill_search(request):
    form = SearchForm(request.GET or None)
    results = _search(form, "skills", SEARCH_TOP)
    if results:
        results = selectors.skill_hits_with_competencies(hits=results)
    return render(request, "taxonomy/skill_search.html", {"form": form, "results": results})


@require_GET
def competency_autocomplete(request):
    """Competencies that fit what someone types: a ``<ul>`` fragment for htmx, else a full page."""
    form = SearchForm(request.GET or None)
    results = _search(form, "competencies", AUTOCOMPLETE_TOP)
    competencies = selectors.competencies_for_hits(hits=results) if results else []
    template = (
        "taxonomy/includes/competency_options.html"
        if _is_htmx(request)
        else "taxonomy/competency_search.html"
    )
    return render(
        request, template, {"form": form, "competencies": competencies, "searched": results is not None}
    )


@require_GET
def regional_occupation_list(request):
    return render(
        request,
        "taxonomy/regional_occupation_list.html",
        {"groups": selectors.regional_occupations_by_sector()},
    )


@require_GET
def regional_occupation_detail(request, code: str):
    occupation = selectors.regional_occupation_get(code=code)
    return render(request, "taxonomy/regional_occupation_detail.html", {"occupation": occupation})
