"""Pages for organisations: place, change and close vacancies, practical assignments and basic jobs.

Everything works without JavaScript: the whole form travels with every button (search a competency,
add or remove one, suggest competencies from the description, save). Only members of an organisation
that may offer the kind see these pages (``selectors.host_organisations_for_user``); another
organisation's work is a 404, a resident gets a 403. Writes go through ``services`` (and are audited).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.levels import CompetencyLevel

from . import selectors, services
from .forms import NEED_CHOICES, NEED_ESSENTIAL, NEED_LEARN, NEED_NICE, OpportunityManageForm, competency_rows
from .models import CompetencyPurpose, OpportunityKind
from .services import COMPETENCIES_MAX, CompetencyRequirement

SUGGESTIONS_TOP = 10
KIND_SLUGS = {kind.value: kind for kind in OpportunityKind}


def _host_organisations(request, kind: str | None = None):
    """The organisations the user may place ``kind`` for; 403 when there are none."""
    organisations = selectors.host_organisations_for_user(user=request.user, kind=kind)
    if not organisations.exists():
        raise PermissionDenied(
            _("Alleen medewerkers van een bedrijf, school of overheid kunnen werk plaatsen.")
        )
    return organisations


def _form(
    kind: str, organisations, *, data=None, initial=None, editing: bool = False
) -> OpportunityManageForm:
    return OpportunityManageForm(
        data,
        initial=initial,
        kind=kind,
        organisations=organisations,
        municipalities=selectors.municipality_choices(),
        sectors=selectors.sector_choices(),
        editing=editing,
    )


def _requirements(rows: list[dict]) -> list[CompetencyRequirement]:
    return [
        CompetencyRequirement(
            competency=row["competency"],
            level=row["level"],
            essential=row["need"] == NEED_ESSENTIAL,
            purpose=CompetencyPurpose.LEARN if row["need"] == NEED_LEARN else CompetencyPurpose.APPLY,
        )
        for row in rows
    ]


def _rows_from_opportunity(opportunity) -> list[dict]:
    rows = []
    for requirement in opportunity.competency_requirements.all():
        if requirement.purpose == CompetencyPurpose.LEARN:
            need = NEED_LEARN
        else:
            need = NEED_ESSENTIAL if requirement.essential else NEED_NICE
        rows.append({"competency": requirement.competency, "level": requirement.level, "need": need})
    return rows


def _round_trip(request, rows: list[dict], errors: list[str]) -> dict:
    """What a button other than "Opslaan" does with the competencies: search, suggest, add or remove."""
    context = {"query": "", "results": None, "suggestions": None, "suggest_error": ""}
    if "add" in request.POST:
        known = selectors.competencies_by_codes(codes=[request.POST.get("add", "")])
        competency = next(iter(known.values()), None)
        if competency is None:
            errors.append(_("Deze competentie kennen wij niet. Zoek opnieuw en kies uit de lijst."))
        elif len(rows) >= COMPETENCIES_MAX:
            errors.append(_("Kies hoogstens %(max)s competenties.") % {"max": COMPETENCIES_MAX})
        elif all(row["competency"].pk != competency.pk for row in rows):
            rows.append({"competency": competency, "level": 2, "need": NEED_ESSENTIAL})
    elif "remove" in request.POST:
        rows[:] = [row for row in rows if row["competency"].code != request.POST.get("remove")]
    action = request.POST.get("action", "")
    if action == "search" or "add" in request.POST:
        context["query"] = request.POST.get("zoek", "")[:100]
    if action == "search":
        context["results"] = selectors.competencies_by_label(query=context["query"])
    elif action == "suggest":
        try:
            found = selectors.competencies_from_text(
                text=request.POST.get("description", ""), top=SUGGESTIONS_TOP
            )
        except ApplicationError as error:  # no text, too long, or no search index yet (503)
            context["suggest_error"] = error.message
        else:
            chosen = {row["competency"].code for row in rows}
            context["suggestions"] = [row for row in found if row["code"] not in chosen]
    return context


def _edit_page(request, *, kind: str, organisations, opportunity=None):
    editing = opportunity is not None
    context = {"query": "", "results": None, "suggestions": None, "suggest_error": ""}
    status = 200
    if request.method == "GET":
        if editing:
            initial = {
                "title": opportunity.title,
                "description": opportunity.description,
                "municipality": opportunity.municipality.code,
                "hours_per_week": opportunity.hours_per_week,
                "sector": opportunity.sector.code if opportunity.sector else "",
                "starts_on": opportunity.starts_on,
                "ends_on": opportunity.ends_on,
                "team_size": opportunity.team_size,
            }
            rows, errors = _rows_from_opportunity(opportunity), []
        else:
            initial, rows, errors = {"organisation": organisations.first()}, [], []
        form = _form(kind, organisations, initial=initial, editing=editing)
    else:
        known = selectors.competencies_by_codes(codes=request.POST.getlist("comp_code")[:50])
        rows, errors = competency_rows(request.POST, kind=kind, known=known)
        if request.POST.get("action", "save") == "save" and not {"add", "remove"} & set(request.POST):
            form = _form(kind, organisations, data=request.POST, editing=editing)
            if form.is_valid() and not errors:
                saved = _save(request, form, kind, rows, opportunity)
                if saved is not None:
                    return saved
            status = 400
        else:
            form = _form(kind, organisations, initial=request.POST.dict(), editing=editing)
            context.update(_round_trip(request, rows, errors))
    context.update(
        {
            "form": form,
            "kind": kind,
            "kind_label": OpportunityKind(kind).label,
            "opportunity": opportunity,
            "rows": rows,
            "competency_errors": errors,
            "need_choices": [c for c in NEED_CHOICES if c[0] != NEED_LEARN or kind == "practical_assignment"],
            "levels": CompetencyLevel.choices,
            "max_competencies": COMPETENCIES_MAX,
        }
    )
    return render(request, "opportunities/manage_form.html", context, status=status)


def _save(request, form, kind: str, rows: list[dict], opportunity):
    data = form.cleaned_data
    values = {
        "title": data["title"],
        "description": data["description"],
        "municipality": data["municipality"],
        "hours_per_week": data["hours_per_week"],
        "sector": data.get("sector"),
        "starts_on": data.get("starts_on"),
        "ends_on": data.get("ends_on"),
        "team_size": data.get("team_size"),
        "competencies": _requirements(rows),
    }
    try:
        if opportunity is None:
            saved = services.opportunity_create(
                organisation=data["organisation"], kind=kind, actor=request.user, **values
            )
            messages.success(request, _("%(title)s staat nu op doorleren.") % {"title": saved.title})
        else:
            saved = services.opportunity_update(opportunity=opportunity, actor=request.user, **values)
            messages.success(request, _("De wijzigingen in %(title)s zijn bewaard.") % {"title": saved.title})
    except ApplicationError as error:
        form.add_service_error(error)
        return None
    return redirect("opportunities:manage_list")


@login_required
@require_http_methods(["GET"])
def manage_list(request):
    """The user's own work and assignments, per organisation, with links to change or close them."""
    organisations = _host_organisations(request)
    groups = [
        (organisation, list(selectors.opportunities_for_organisation(organisation=organisation)[:200]))
        for organisation in organisations
    ]
    return render(request, "opportunities/manage_list.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def manage_create(request):
    """First choose what you offer; then fill in the form for that kind."""
    organisations = _host_organisations(request)
    offered = {kind for org in organisations for kind in services.HOSTS.get(org.kind, set())}
    kind = request.POST.get("kind") if request.method == "POST" else request.GET.get("soort")
    if kind not in KIND_SLUGS or kind not in offered:
        context = {
            "kinds": [choice for choice in OpportunityKind if choice in offered],
            "unknown": bool(kind),
        }
        status = 400 if kind else 200
        return render(request, "opportunities/manage_kind.html", context, status=status)
    return _edit_page(request, kind=kind, organisations=_host_organisations(request, kind))


def _own(request, pk: int):
    _host_organisations(request)
    opportunity = selectors.opportunity_for_member_get(user=request.user, pk=pk)
    if opportunity is None:
        raise Http404(_("Dit werk bestaat niet of is niet van uw organisatie."))
    return opportunity


@login_required
@require_http_methods(["GET", "POST"])
def manage_edit(request, pk: int):
    opportunity = _own(request, pk)
    if opportunity.status != "open":
        messages.info(request, _("Dit werk is gesloten. U kunt het niet meer wijzigen."))
        return redirect("opportunities:manage_list")
    return _edit_page(
        request,
        kind=opportunity.kind,
        organisations=selectors.host_organisations_for_user(user=request.user),
        opportunity=opportunity,
    )


@login_required
@require_POST
def manage_close(request, pk: int):
    opportunity = _own(request, pk)
    try:
        services.opportunity_close(opportunity=opportunity, actor=request.user)
    except ApplicationError as error:
        messages.info(request, error.message)
    else:
        messages.success(
            request, _("%(title)s is gesloten. Niemand ziet het nog.") % {"title": opportunity.title}
        )
    return redirect(reverse("opportunities:manage_list"))
