"""The resident's pages "Wat moet ik leren?" and "Mijn leerroutes".

Only residents see them (others get 403); a resident without a profile is sent to fill one in first.
The route page is a plain GET form: a goal (a regional occupation, an open opportunity or up to five
competencies with a level), hours per week and an optional end date. The route shows on the same
page, with a POST form (CSRF) to keep it. Everything works without JavaScript.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.accounts.selectors import is_resident
from doorleren.core.db import ID_MAX
from doorleren.core.errors import ApplicationError
from doorleren.profiles import selectors as profiles_selectors
from doorleren.taxonomy.levels import CompetencyLevel

from . import selectors, services

HOURS_PER_WEEK_MAX = 40  # as the resident's profile (profiles.choices.HOURS_MAX)
FINISH_BY_MAX_YEARS = 5
COMPETENCY_ROWS = range(1, selectors.GOAL_COMPETENCIES_MAX + 1)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
# A GET with one of these shows a route (or says what is wrong); without them the page is the empty form.
ROUTE_PARAMS = (
    selectors.PARAM_OCCUPATION,
    selectors.PARAM_OPPORTUNITY,
    selectors.PARAM_HOURS,
    selectors.PARAM_FINISH_BY,
    *(f"{selectors.PARAM_COMPETENCY}{n}" for n in COMPETENCY_ROWS),
)


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class RouteGoalForm(forms.Form):
    """The goal and the time of a learning route. ``profile_hours``: the hours per week in the profile."""

    doel = forms.ChoiceField(
        label=gettext_lazy("Welk beroep wilt u leren?"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Dit beroep kennen wij niet. Kies een beroep uit de lijst."),
        },
    )
    werk = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=ID_MAX,
        widget=forms.HiddenInput,
        error_messages={
            key: gettext_lazy("Dit werk kennen wij niet. Kies een ander doel.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    uren = forms.IntegerField(
        label=gettext_lazy("Hoeveel uur per week kunt u leren?"),
        help_text=gettext_lazy("Een heel getal van 1 tot en met 40."),
        required=False,
        min_value=1,
        max_value=HOURS_PER_WEEK_MAX,
        error_messages={
            key: gettext_lazy("Vul een heel getal in van 1 tot en met 40.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    klaar_op = forms.DateField(
        label=gettext_lazy("Wanneer wilt u klaar zijn? (niet verplicht)"),
        help_text=gettext_lazy(
            "Wij zoeken dan een route die op tijd klaar is. Kies een datum binnen 5 jaar."
        ),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": gettext_lazy("Vul een datum in, bijvoorbeeld 31-12-2027.")},
    )

    def __init__(self, *args, profile_hours: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile_hours = profile_hours
        occupation_list, competency_list = selectors.goal_choices()
        occupations = [("", _("Kies een beroep")), *occupation_list]
        competencies = [("", _("Kies een competentie")), *competency_list]
        # Callables: Django then reads the long lists when it needs them (checking the answer, writing
        # the page) instead of copying all 345 competencies into every field and widget up front.
        self.fields["doel"].choices = lambda: occupations
        for n in COMPETENCY_ROWS:
            self.fields[f"{selectors.PARAM_COMPETENCY}{n}"] = forms.ChoiceField(
                label=_("Competentie %(number)s") % {"number": n},
                required=False,
                choices=lambda: competencies,
                error_messages={
                    "invalid_choice": _(
                        "Deze competentie kennen wij niet. Kies een competentie uit de lijst."
                    )
                },
            )
            self.fields[f"{selectors.PARAM_LEVEL}{n}"] = forms.TypedChoiceField(
                label=_("Niveau bij competentie %(number)s") % {"number": n},
                required=False,
                coerce=int,
                empty_value=None,
                initial=CompetencyLevel.INDEPENDENT,
                choices=[(level.value, f"{level.value}. {level.label}") for level in CompetencyLevel],
                error_messages={"invalid_choice": _("Een niveau is 1, 2, 3 of 4.")},
            )

    def competency_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"{selectors.PARAM_COMPETENCY}{n}"], self[f"{selectors.PARAM_LEVEL}{n}"])
            for n in COMPETENCY_ROWS
        ]

    def clean_klaar_op(self):
        day = self.cleaned_data.get("klaar_op")
        if day is None:
            return None
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        if day > _years_later(today, FINISH_BY_MAX_YEARS):
            raise forms.ValidationError(
                _("Kies een datum binnen %(years)s jaar.") % {"years": FINISH_BY_MAX_YEARS}
            )
        return day

    def clean(self):
        data = super().clean()
        if self.has_error("werk"):  # a hidden field: say it above the form
            for error in self.errors.pop("werk"):
                self.add_error(None, error)
        levels: dict[str, int] = {}
        for n in COMPETENCY_ROWS:
            code = data.get(f"{selectors.PARAM_COMPETENCY}{n}")
            if not code:
                continue
            if code in levels:
                self.add_error(f"{selectors.PARAM_COMPETENCY}{n}", _("Deze competentie koos u al."))
                continue
            levels[code] = data.get(f"{selectors.PARAM_LEVEL}{n}") or CompetencyLevel.INDEPENDENT
        data["competencies"] = levels
        chosen = [bool(data.get("doel")), data.get("werk") is not None, bool(levels)]
        if self.errors:
            return data
        if not any(chosen):
            self.add_error("doel", _("Kies een beroep, of kies hieronder competenties."))
        elif sum(chosen) > 1:
            self.add_error(None, _("Kies één doel: een beroep of competenties."))
        if data.get("klaar_op") and not (data.get("uren") or self.profile_hours):
            self.add_error(
                "uren",
                _("Vul in hoeveel uur per week u kunt leren. Dan rekenen wij uit wat past tot uw datum."),
            )
        return data


def _resident_profile(request):
    """The resident's profile; raises 403 for others; None when the resident has no profile yet."""
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners kunnen een leerroute zien."))
    return profiles_selectors.profile_for_user(user=request.user)


def _no_profile_yet(request):
    messages.info(request, _("Vertel eerst iets over uzelf. Daarna ziet u wat u kunt leren."))
    return redirect("profiles:preferences")


def _form(data, profile) -> RouteGoalForm:
    """The form, bound when ``data`` asks for a route. Without ``uren`` it uses the profile's hours."""
    if data is None or not any(key in data for key in ROUTE_PARAMS):
        return RouteGoalForm(initial={"uren": profile.hours_per_week}, profile_hours=profile.hours_per_week)
    data = data.copy()
    if not data.get(selectors.PARAM_HOURS) and profile.hours_per_week:
        data[selectors.PARAM_HOURS] = str(profile.hours_per_week)
    return RouteGoalForm(data, profile_hours=profile.hours_per_week)


def _goal(form: RouteGoalForm) -> tuple[selectors.RouteGoal | None, int]:
    """The goal the valid form names, with the HTTP status; an unknown goal adds a form error."""
    data = form.cleaned_data
    if data.get("doel"):
        occupation = selectors.regional_occupation_for_route(code=data["doel"])
        return selectors.route_goal_for_occupation(occupation=occupation), 200
    if data.get("werk") is not None:
        goal = selectors.route_goal_for_opportunity(opportunity_id=data["werk"])
        if goal is None:
            form.add_error(
                None, _("Dit werk kennen wij niet, of het staat niet meer open. Kies een ander doel.")
            )
            return None, 404
        return goal, 200
    try:
        return selectors.route_goal_for_competencies(levels=data["competencies"]), 200
    except ApplicationError as error:
        form.add_error(None, error.message)
        return None, error.status


def _route_for(form: RouteGoalForm, profile) -> tuple[dict, int]:
    """Context and status for a bound form: the goal, the route, or what is wrong."""
    context: dict = {"goal": None, "route": None, "error": None}
    if not form.is_valid():
        werk = form.cleaned_data.get("werk") if hasattr(form, "cleaned_data") else None
        if werk is not None:  # keep the chosen work on screen while the time fields are corrected
            context["goal"] = selectors.route_goal_for_opportunity(opportunity_id=werk)
        return context, 400
    goal, status = _goal(form)
    context["goal"] = goal
    if goal is None:
        return context, status
    try:
        context["route"] = selectors.learning_route(
            profile=profile,
            goal=goal,
            hours_per_week=form.cleaned_data.get("uren"),
            finish_by=form.cleaned_data.get("klaar_op"),
        )
    except ApplicationError as error:
        context["error"] = error.message
        return context, error.status
    return context, 200


def _route_url(route: selectors.LearningRoute) -> str:
    query = selectors.route_query_string(
        kind=route.goal.kind,
        reference=route.goal.reference,
        hours_per_week=route.hours_per_week,
        finish_by=route.finish_by,
    )
    return f"{reverse('matching:route')}?{query}"


@login_required
@require_GET
def route(request):
    """Wat moet ik leren? Choose a goal; see the cheapest modules that get you there, and when."""
    profile = _resident_profile(request)
    if profile is None:
        return _no_profile_yet(request)
    form = _form(request.GET, profile)
    context = {
        "form": form,
        "goal": None,
        "route": None,
        "error": None,
        "save_fields": [],
        # Who pays what, and what is left to pay after the resident's budgets.
        "funding": None,
    }
    status = 200
    if form.is_bound:
        found, status = _route_for(form, profile)
        context.update(found)
        route_found = found["route"]
        if route_found is not None and route_found.modules:
            context["funding"] = selectors.route_funding(resident=request.user, route=route_found)
            query = selectors.goal_query(kind=route_found.goal.kind, reference=route_found.goal.reference)
            if route_found.hours_per_week:
                query[selectors.PARAM_HOURS] = str(route_found.hours_per_week)
            if route_found.finish_by:
                query[selectors.PARAM_FINISH_BY] = route_found.finish_by.isoformat()
            context["save_fields"] = sorted(query.items())
    return render(request, "matching/route.html", context, status=status)


@login_required
@require_POST
def route_save(request):
    """Bewaar deze route: work the route out again from the goal (never from posted modules) and keep it."""
    profile = _resident_profile(request)
    if profile is None:
        return _no_profile_yet(request)
    form = _form(request.POST, profile)
    found, _status = _route_for(form, profile) if form.is_bound else ({"route": None}, 400)
    learning_route = found["route"]
    if learning_route is None:
        messages.error(request, _("Deze route kunnen wij niet bewaren. Kies uw doel opnieuw."))
        return redirect("matching:route")
    try:
        saved = services.saved_route_create(resident=request.user, route=learning_route)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_route_url(learning_route))
    messages.success(request, _("Uw leerroute is bewaard."))
    return redirect(reverse("matching:saved_routes") + f"#route-{saved.pk}")


@login_required
@require_GET
def saved_routes(request):
    """Mijn leerroutes: the routes the resident kept, newest first."""
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners hebben leerroutes."))
    routes = list(selectors.saved_routes_for_resident(resident=request.user))
    for saved in routes:
        saved.again_url = (
            reverse("matching:route")
            + "?"
            + selectors.route_query_string(
                kind=saved.goal_kind,
                reference=saved.goal_reference,
                hours_per_week=saved.hours_per_week,
                finish_by=saved.finish_by
                if saved.finish_by and saved.finish_by > timezone.localdate()
                else None,
            )
        )
    return render(request, "matching/saved_routes.html", {"saved_routes": routes})


@login_required
@require_http_methods(["GET", "POST"])
def saved_route_delete(request, pk: int):
    """Ask, then remove one of the resident's saved routes. Someone else's route is a 404."""
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners hebben leerroutes."))
    saved = selectors.saved_route_for_resident(resident=request.user, pk=pk) if pk <= ID_MAX else None
    if saved is None:
        raise Http404(_("Deze route bestaat niet (meer)."))
    if request.method == "POST":
        try:
            services.saved_route_delete(resident=request.user, saved_route=saved)
        except ApplicationError as error:
            raise Http404(error.message) from error
        messages.success(request, _("De route naar %(goal)s is verwijderd.") % {"goal": saved.goal_label})
        return redirect("matching:saved_routes")
    return render(request, "matching/saved_route_delete.html", {"saved": saved})
