"""Pages of the organiser (docs/placement.md, "In het platform"): start a round (``round_new``), put a
practical assignment in an open round (``assignment_add``, the form is on the round's page) and, for a
cooperative or innovation workshop, add member organisations (``members``).

Only staff of an organisation that may organise see the forms; the rules are in ``services.rounds``.
Every refusal is a Dutch sentence with a 4xx status and nothing is stored. No JavaScript: plain forms.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from doorleren.core.errors import ApplicationError

from . import selectors, services
from .forms import AssignmentAddForm, MemberAddForm, MemberSearchForm, RoundForm
from .views import _round_or_404, _round_page


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request):
    """Nieuwe ronde: name, the days learners choose, for whom, and the seats per team kept free."""
    organisations = selectors.organiser_organisations(user=request.user)
    if not organisations.exists():
        raise PermissionDenied(
            _(
                "Alleen medewerkers van een werkplaats, coöperatie, bedrijf, school of overheid kunnen een ronde starten."
            )
        )
    if request.method == "GET":
        form = RoundForm(organisations=organisations)
        return render(request, "placement/round_new.html", {"form": form})
    form = RoundForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return render(request, "placement/round_new.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        found = services.placement_round_create(
            organiser=data["organiser"],
            actor=request.user,
            name=data["name"],
            description=data["description"],
            apply_from=data["apply_from"],
            apply_until=data["apply_until"],
            for_students=data["for_students"],
            for_workers=data["for_workers"],
            for_job_seekers=data["for_job_seekers"],
            reserved_students=data["reserved_students"],
            reserved_workers=data["reserved_workers"],
        )
    except ApplicationError as error:
        form.add_error(None, error.message)
        return render(request, "placement/round_new.html", {"form": form}, status=error.status)
    messages.success(request, _("De ronde is gestart. Zet nu de praktijkopdrachten erin."))
    return redirect("placement:round", pk=found.pk)


@login_required
@require_POST
def assignment_add(request, pk: int):
    """Opdracht toevoegen (POST from the round's page): an open practical assignment of the organiser
    or of a member of its cooperative, with a number of places (default: the team size)."""
    found = _round_or_404(pk)
    if not selectors.is_organiser(user=request.user, round=found):
        raise PermissionDenied(_("Alleen de organisator van deze ronde kan dit doen."))
    form = AssignmentAddForm(request.POST, opportunities=selectors.addable_assignments(round=found))
    if not form.is_valid():
        return _round_page(request, found, error=form.first_error(), status=400)
    try:
        added = services.round_assignment_add(
            round=found,
            opportunity=form.cleaned_data["opportunity"],
            actor=request.user,
            capacity=form.cleaned_data["capacity"],
        )
    except ApplicationError as error:
        return _round_page(request, found, error=error.message, status=error.status)
    messages.success(
        request,
        ngettext(
            "%(title)s staat nu in de ronde, met %(n)s plaats.",
            "%(title)s staat nu in de ronde, met %(n)s plaatsen.",
            added.capacity,
        )
        % {"title": added.opportunity.title, "n": added.capacity},
    )
    return redirect("placement:round", pk=found.pk)


def _cooperative_or_404(pk: int):
    found = selectors.cooperative_get(pk=pk)
    if found is None:
        raise Http404(_("Deze werkplaats of coöperatie bestaat niet."))
    return found


def _members_page(request, cooperative, *, error: str = "", status: int = 200):
    search = MemberSearchForm(request.GET)
    text = search.search()
    candidates = list(selectors.member_candidates(cooperative=cooperative, search=text)[:26]) if text else []
    context = {
        "cooperative": cooperative,
        "members": selectors.cooperative_members(cooperative=cooperative),
        "search": search,
        "searched": text,
        "candidates": candidates[:25],
        "more": len(candidates) > 25,
        "error": error,
    }
    return render(request, "placement/members.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def members(request, pk: int):
    """Leden: the staff of a cooperative or innovation workshop find a school, firm or government by
    name and make it a member; its practical assignments can then be in the cooperative's rounds."""
    cooperative = _cooperative_or_404(pk)
    if not selectors.is_staff(user=request.user, organisation=cooperative):
        raise PermissionDenied(
            _("Alleen medewerkers van %(name)s kunnen leden toevoegen.") % {"name": cooperative.name}
        )
    if request.method == "GET":
        return _members_page(request, cooperative)
    form = MemberAddForm(request.POST, candidates=selectors.member_candidates(cooperative=cooperative))
    if not form.is_valid():
        return _members_page(request, cooperative, error=form.first_error(), status=400)
    member = form.cleaned_data["member"]
    try:
        services.cooperative_member_add(cooperative=cooperative, member=member, actor=request.user)
    except ApplicationError as error:
        return _members_page(request, cooperative, error=error.message, status=error.status)
    messages.success(
        request,
        _("%(member)s is nu lid van %(cooperative)s.")
        % {"member": member.name, "cooperative": cooperative.name},
    )
    return redirect("placement:members", pk=cooperative.pk)
