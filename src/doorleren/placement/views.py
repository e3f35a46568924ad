"""Pages of placement in practical assignments (docs/placement.md, "In het platform").

Learners: ``rounds`` (/praktijk/), ``choose`` (kiezen/), ``mine`` (mijn-plek/). Hosts: ``applicants``
(rank applicants) and ``team`` (outcomes after the assignment). Organisers: ``round_detail`` with
``close`` and ``allocate`` (POST). Everyone: ``workshops`` (/praktijk/werkplaatsen/, counts only).
The person is always ``request.user``; an id from another round is "not found"; every refusal is a
Dutch sentence with a 4xx status. No JavaScript: plain forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.accounts.selectors import is_resident
from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services

from . import selectors, services
from .models import MAX_CHOICES, RoundState

PLACE = "plaats_"


def _round_or_404(pk: int):
    found = selectors.placement_round_get(pk=pk)
    if found is None:
        raise Http404(_("Deze ronde bestaat niet (meer)."))
    return found


def _assignment_or_404(found, pk: int):
    assignment = selectors.round_assignment_get(round=found, pk=pk)
    if assignment is None:
        raise Http404(_("Deze opdracht hoort niet bij deze ronde."))
    return assignment


def _require_resident(request) -> None:
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners kunnen praktijkopdrachten kiezen."))


def _places(post, prefix: str, allowed: set[int], top: int) -> dict[int, int]:
    """``plaats_<id>`` fields → {id: place}; empty fields are left out. Raises ApplicationError."""
    places = {}
    for key, value in post.items():
        if not key.startswith(prefix) or value == "":
            continue
        ident, number = key.removeprefix(prefix), value
        if not (ident.isdigit() and number.isdigit() and len(ident) < 12 and len(number) < 4):
            raise ApplicationError(_("Kies voor elke regel een plaats uit de lijst."), code="invalid")
        if int(ident) not in allowed or not 1 <= int(number) <= top:
            raise ApplicationError(_("Kies voor elke regel een plaats uit de lijst."), code="invalid")
        places[int(ident)] = int(number)
    return places


@dataclass(frozen=True)
class Organiser:
    """What the organiser's links on the rounds and workshops pages need."""

    may_organise: bool = False
    cooperatives: tuple = ()  # the cooperatives the user works for


def organiser_of(user) -> Organiser:
    if user is None or not getattr(user, "is_authenticated", False):
        return Organiser()
    organisations = list(selectors.organiser_organisations(user=user))
    return Organiser(
        may_organise=bool(organisations),
        cooperatives=tuple(o for o in organisations if o.kind == "cooperative"),
    )


@require_GET
def rounds(request):
    """Praktijkopdrachten: every round; for a learner the rounds open to them first."""
    user = request.user
    context = {
        "rounds": selectors.placement_rounds(),
        "open_to_me": selectors.rounds_open_to_learner(learner=user) if is_resident(user=user) else [],
        "is_resident": is_resident(user=user),
        "mine": organiser_of(user),
    }
    return render(request, "placement/rounds.html", context)


def _round_page(request, found, *, error: str = "", status: int = 200):
    user = request.user
    overview = selectors.round_overview(round=found)
    mine = {a.pk for a in selectors.host_assignments(round=found, user=user)}
    is_organiser = selectors.is_organiser(user=user, round=found)
    context = {
        "round": found,
        "overview": overview,
        "is_organiser": is_organiser,
        "addable": list(selectors.addable_assignments(round=found)) if is_organiser else [],
        "my_assignments": mine,
        "is_resident": is_resident(user=user),
        "error": error,
    }
    return render(request, "placement/round.html", context, status=status)


@require_GET
def round_detail(request, pk: int):
    return _round_page(request, _round_or_404(pk))


def _organiser_action(request, pk: int, action, done: str):
    found = _round_or_404(pk)
    if not selectors.is_organiser(user=request.user, round=found):
        raise PermissionDenied(_("Alleen de organisator van deze ronde kan dit doen."))
    try:
        action(round=found, actor=request.user)
    except ApplicationError as error:
        return _round_page(request, found, error=error.message, status=error.status)
    messages.success(request, done)
    return redirect("placement:round", pk=found.pk)


@login_required
@require_POST
def close(request, pk: int):
    return _organiser_action(
        request, pk, services.placement_round_close, _("De ronde is gesloten. Kiezen kan niet meer.")
    )


@login_required
@require_POST
def allocate(request, pk: int):
    return _organiser_action(
        request,
        pk,
        services.placement_round_allocate,
        _("Iedereen is geplaatst. Elke lerende ziet nu waar en waarom."),
    )


def _choose_page(request, found, *, error: str = "", status: int = 200, chosen: dict | None = None):
    assignments = list(selectors.round_assignments(round=found))
    if chosen is None:
        chosen = {
            c.assignment_id: c.rank for c in selectors.learner_choices(round=found, learner=request.user)
        }
    for assignment in assignments:
        assignment.chosen_rank = chosen.get(assignment.pk)
    context = {
        "round": found,
        "assignments": assignments,
        "places": range(1, min(MAX_CHOICES, len(assignments)) + 1),
        "may_choose": selectors.may_choose(round=found, learner=request.user),
        "error": error,
        "max_choices": MAX_CHOICES,
    }
    return render(request, "placement/choose.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def choose(request, pk: int):
    """Kiezen: give up to 10 assignments a place (1 = most wanted). Works without JavaScript."""
    _require_resident(request)
    found = _round_or_404(pk)
    if request.method == "GET":
        return _choose_page(request, found)
    allowed = set(selectors.round_assignments(round=found).values_list("pk", flat=True))
    try:
        places = _places(request.POST, PLACE, allowed, MAX_CHOICES)
        ordered = services.choices_from_ranks(ranks=places)
        services.learner_choices_set(
            round=found, learner=request.user, assignment_ids=ordered, actor=request.user
        )
    except ApplicationError as error:
        return _choose_page(request, found, error=error.message, status=error.status)
    messages.success(request, _("Uw keuzes zijn bewaard. U kunt ze veranderen tot de ronde sluit."))
    return redirect("placement:mine", pk=found.pk)


@login_required
@require_GET
def mine(request, pk: int):
    """Mijn plek: my list and, after the placing, where I am placed and why."""
    _require_resident(request)
    found = _round_or_404(pk)
    context = {
        "round": found,
        "choices": selectors.learner_choices(round=found, learner=request.user),
        "result": selectors.learner_result(round=found, learner=request.user),
        "may_choose": selectors.may_choose(round=found, learner=request.user),
    }
    return render(request, "placement/mine.html", context)


def _host_assignment(request, pk: int, assignment_pk: int):
    found = _round_or_404(pk)
    assignment = _assignment_or_404(found, assignment_pk)
    if not selectors.is_host(user=request.user, assignment=assignment):
        raise PermissionDenied(_("Alleen medewerkers van de aanbieder van deze opdracht kunnen dit zien."))
    return found, assignment


def _applicants_page(request, found, assignment, *, error: str = "", status: int = 200):
    applicants = selectors.applicants_for_host(assignment=assignment, viewer=request.user)
    privacy_services.profile_views_record(
        viewer=request.user,
        residents=[a.learner_id for a in applicants if a.named],
        purpose="view_profile",
        what="placement",
    )
    context = {
        "round": found,
        "assignment": assignment,
        "applicants": applicants,
        "places": range(1, len(applicants) + 1),
        "may_rank": found.state != RoundState.ALLOCATED,
        "error": error,
    }
    return render(request, "placement/applicants.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def applicants(request, pk: int, assignment_pk: int):
    """Sollicitanten: the host gives each applicant a place, or leaves them out."""
    found, assignment = _host_assignment(request, pk, assignment_pk)
    if request.method == "GET":
        return _applicants_page(request, found, assignment)
    rows = selectors.applicants_for_host(assignment=assignment, viewer=request.user)
    try:
        places = _places(request.POST, PLACE, {row.learner_id for row in rows}, max(1, len(rows)))
        ordered = services.choices_from_ranks(ranks=places)
        services.host_ranking_set(assignment=assignment, actor=request.user, ranking=ordered)
    except ApplicationError as error:
        return _applicants_page(request, found, assignment, error=error.message, status=error.status)
    messages.success(request, _("Uw volgorde is bewaard."))
    return redirect("placement:applicants", pk=found.pk, assignment_pk=assignment.pk)
