from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doorleren.learning import selectors
from doorleren.learning import tasks as learning_tasks
from doorleren.learning.forms import ModuleImportForm, ModuleSearchForm, PracticalSearchForm
from doorleren.learning.services import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    ModuleImportError,
    modules_import_csv,
)
from doorleren.learning.services.modules_import import COLUMNS, REQUIRED_COLUMNS

PAGE_SIZE = 20
PRACTICAL_PREVIEW = 3

EXAMPLE_CSV = (
    "code,titel,omschrijving,uren,prijs_euro,nlqf,vorm,gemeente,competenties,voorkennis,startdata\n"
    'ZORG-01,Zorg bij mensen thuis,Leer mensen thuis te verzorgen.,40,"450,00",3,op locatie,Groningen,'
    '"zorg-dagelijkse-verzorging:2;zorg-observeren:2",,"2026-09-01;2027-02-01"\n'
    'ZORG-02,Rapporteren in de zorg,Schrijf op wat u ziet en doet.,24,"295,50",3,gemengd,Assen,'
    '"zorg-rapporteren:3",ZORG-01,2026-10-05\n'
    'DIGI-01,Werken met de computer,,16,0,,online,,"ict-basis-computer:2;digi-zoeken-internet:2",,\n'
)


def _wants_results_only(request) -> bool:
    """An htmx swap of the results; a boosted link or a history restore needs the whole page."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@require_GET
def module_list(request):
    """Search the learning offer. A plain GET form; htmx only swaps the results in."""
    options = selectors.module_filter_options(include_competency_code=request.GET.get("competency") or None)
    form = ModuleSearchForm(request.GET or None, options=options)
    modules = selectors.modules_search()
    practical = selectors.practical_offers_search()
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            competency_codes = [data["competency"]] if data["competency"] else None
            modules = selectors.modules_search(
                q=data["q"],
                competency_codes=competency_codes,
                sector=data["sector"] or None,
                municipality=data["municipality"],
                mode=data["mode"] or None,
                max_price_cents=data["max_price"],
                nlqf=data["nlqf"],
                provider=data["provider"],
            )
            practical = selectors.practical_offers_search(
                q=data["q"],
                competency_codes=competency_codes,
                sector=data["sector"] or None,
                municipality=data["municipality"],
            )
        else:
            modules, practical = modules.none(), practical.none()
    page_obj = Paginator(modules, PAGE_SIZE).get_page(request.GET.get("pagina"))
    practical_query = {
        k: v for k, v in request.GET.items() if k in ("q", "competency", "sector", "municipality")
    }
    context = {
        "form": form,
        "page_obj": page_obj,
        "query": _query_without_page(request),
        "practical_preview": list(practical[:PRACTICAL_PREVIEW]),
        "practical_count": practical.count(),
        "practical_query": urlencode(practical_query),
    }
    template = (
        "learning/includes/module_results.html"
        if _wants_results_only(request)
        else "learning/module_list.html"
    )
    return render(request, template, context)


@require_GET
def module_detail(request, pk: int):
    module = selectors.module_detail(module_id=pk)
    if module is None:
        raise Http404(_("Deze module bestaat niet (meer)."))
    return render(request, "learning/module_detail.html", {"module": module})


@require_GET
def certificate_list(request):
    q = request.GET.get("q", "")[:100]
    page_obj = Paginator(selectors.certificate_list(q=q), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "learning/certificate_list.html",
        {
            "page_obj": page_obj,
            "q": q,
            "query": _query_without_page(request),
            "diplomas": selectors.diploma_list(),
        },
    )


@require_GET
def certificate_detail(request, pk: int):
    certificate = selectors.certificate_detail(certificate_id=pk)
    if certificate is None:
        raise Http404(_("Dit certificaat bestaat niet (meer)."))
    return render(request, "learning/certificate_detail.html", {"certificate": certificate})


@require_GET
def diploma_detail(request, pk: int):
    diploma = selectors.diploma_detail(diploma_id=pk)
    if diploma is None:
        raise Http404(_("Dit diploma bestaat niet (meer)."))
    required_ids = {c.pk for c in diploma.required_certificates.all()}
    return render(
        request,
        "learning/diploma_detail.html",
        {"diploma": diploma, "rules": selectors.diploma_rules(diploma=diploma), "required_ids": required_ids},
    )


@require_GET
def practical_list(request):
    """What companies offer: their knowledge, people who guide, machines and space."""
    options = selectors.practical_filter_options(
        include_competency_code=request.GET.get("competency") or None
    )
    form = PracticalSearchForm(request.GET or None, options=options)
    offers = selectors.practical_offers_search()
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            offers = selectors.practical_offers_search(
                q=data["q"],
                competency_codes=[data["competency"]] if data["competency"] else None,
                sector=data["sector"] or None,
                municipality=data["municipality"],
                kind=data["kind"] or None,
            )
        else:
            offers = offers.none()
    page_obj = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "learning/practical_list.html",
        {"form": form, "page_obj": page_obj, "query": _query_without_page(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_import(request):
    """A school or company uploads its modules as CSV. Only members, only school or employer users."""
    providers = selectors.import_providers_for_user(user=request.user)
    if not providers:
        raise PermissionDenied(_("Alleen medewerkers van een school of bedrijf kunnen modules inlezen."))
    posted = request.method == "POST"
    form = ModuleImportForm(
        request.POST if posted else None, request.FILES if posted else None, providers=providers
    )
    import_errors = []
    import_summary = ""
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        if settings.DOORLEREN_TASKS_INLINE_UPLOAD_BYTES < upload.size <= MAX_FILE_BYTES:
            # A big file: read it in on the background and show the job's page (docs/tasks.md).
            job = learning_tasks.modules_import_enqueue(
                provider=form.cleaned_data["provider"],
                content=upload.read(),
                file_name=upload.name,
                started_by=request.user,
            )
            return redirect("tasks:detail", pk=job.pk)
        try:
            result = modules_import_csv(
                provider=form.cleaned_data["provider"], file=form.cleaned_data["file"]
            )
        except ModuleImportError as exc:
            import_errors = exc.errors
            import_summary = exc.message
        else:
            messages.success(
                request,
                _(
                    "Het bestand is ingelezen: %(created)d nieuw, %(updated)d gewijzigd, %(unchanged)d hetzelfde gebleven."
                )
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect("learning:import")
    return render(
        request,
        "learning/module_import.html",
        {
            "form": form,
            "providers": providers,
            "import_errors": import_errors,
            "import_summary": import_summary,
            "columns": COLUMNS,
            "required_columns": REQUIRED_COLUMNS,
            "max_mb": MAX_FILE_BYTES // (1024 * 1024),
            "max_rows": MAX_ROWS,
        },
    )


@require_GET
def import_example(request):
    """An example file to start from."""
    response = HttpResponse(EXAMPLE_CSV.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modules-voorbeeld.csv"'
    return response
