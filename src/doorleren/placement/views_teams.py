"""Team outcomes after the assignment (the host), and the public page of workshops and cooperatives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services

from . import selectors, services
from .views import _host_assignment, organiser_of

LEVEL = "niveau_"


def _team_page(request, found, assignment, team, *, error: str = "", status: int = 200):
    members = selectors.team_members(team=team, viewer=request.user)
    privacy_services.profile_views_record(
        viewer=request.user,
        residents=[m.learner for m in members if m.label == str(m.learner)],
        purpose="view_profile",
        what="placement",
    )
    context = {
        "round": found,
        "assignment": assignment,
        "members": members,
        "competencies": selectors.assignment_competencies(assignment=assignment),
        "levels": range(1, 5),
        "error": error,
    }
    return render(request, "placement/team.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk: int, assignment_pk: int):
    """Resultaten: per team member completed or not, and the competencies the host saw (level 1-4)."""
    found, assignment = _host_assignment(request, pk, assignment_pk)
    found_team = selectors.team_get(assignment=assignment)
    if found_team is None:
        raise Http404(_("Deze opdracht heeft (nog) geen team."))
    if request.method == "GET":
        return _team_page(request, found, assignment, found_team)
    members = {
        str(m.learner.pk): m.learner for m in selectors.team_members(team=found_team, viewer=request.user)
    }
    learner = members.get(request.POST.get("lid", ""))
    codes = {c.competency.code for c in selectors.assignment_competencies(assignment=assignment)}
    try:
        if learner is None:
            raise ApplicationError(
                _("Deze persoon zit niet in dit team."), code="not_team_member", status=404
            )
        levels = {}
        for code in codes:
            value = request.POST.get(f"{LEVEL}{code}", "")
            if value == "":
                continue
            if value not in ("1", "2", "3", "4"):
                raise ApplicationError(_("Kies een niveau van 1 tot en met 4."), code="invalid_level")
            levels[code] = int(value)
        services.team_outcome_record(
            team=found_team,
            learner=learner,
            actor=request.user,
            completed=request.POST.get("afgerond") == "ja",
            competencies=levels,
        )
    except ApplicationError as error:
        return _team_page(request, found, assignment, found_team, error=error.message, status=error.status)
    messages.success(
        request, _("Het resultaat is bewaard. De competenties staan nu in het profiel van de lerende.")
    )
    return redirect("placement:team", pk=found.pk, assignment_pk=assignment.pk)


@require_GET
def workshops(request):
    """Innovatiewerkplaatsen en gebiedscoöperaties: members, assignments and outcomes (counts only)."""
    return render(
        request,
        "placement/workshops.html",
        {"workshops": selectors.workshops_overview(), "mine": organiser_of(request.user)},
    )
