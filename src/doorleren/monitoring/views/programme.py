"""Pages of the programme (``/monitoring/programma/`` and ``/monitoring/maatregelen/...``,
docs/monitoring-programme.md). For the programme office and administrators (others 403, anonymous
visitors go to the login page). Every change is a POST with CSRF that calls one service. Unknown ids
give 404; a form that does not check out comes back with Dutch messages and 400; a refused change
shows the service's message with its status (400/409)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.core.errors import ApplicationError

from ..forms_programme import (
    ActivityForm,
    JudgementForm,
    MeasureForm,
    MeasureUpdateForm,
    RemoveForm,
    ResultForm,
    TargetForm,
)
from ..models import TargetGroup
from ..selectors import programme as selectors
from ..services import programme as services

TEMPLATES = "monitoring/programme/"


def _require_office(request) -> None:
    if not selectors.may_see_programme(user=request.user):
        raise PermissionDenied(
            _("Alleen het programmabureau en beheerders mogen het programma zien en wijzigen.")
        )


def _raise_access(error: ApplicationError) -> None:
    """A service said "not you" (403) or "not there" (404): the error page, not a form message."""
    if error.status == 403:
        raise PermissionDenied(error.message)
    if error.status == 404:
        raise Http404(error.message)


def _lookup(function, **kwargs):
    try:
        return function(**kwargs)
    except ApplicationError as error:
        _raise_access(error)
        raise


def _measure(request, pk: int):
    _require_office(request)
    return _lookup(selectors.measure_for_id, measure_id=pk)


def _measure_form_kwargs() -> dict:
    return {
        "lines": selectors.programme_lines(),
        "organisations": selectors.organisations_for_choice(),
        "municipalities": selectors.municipalities_for_choice(),
        "grant_rules": selectors.grant_rules_for_choice(),
    }


def _posted(request):
    """The form's data on a POST; ``None`` (an unbound form) on a GET."""
    return request.POST if request.method == "POST" else None


def _submit(request, form, call_service, *, success: str, measure=None):
    """A form page: on a POST, a form that does not check out is a 400 and a refused change shows the
    service's message on the form with its status; on success back to the measure's page (``measure``,
    or the one ``call_service`` returned). Returns (that redirect or ``None``, the page's status)."""
    if request.method != "POST":
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        result = call_service()
    except ApplicationError as error:
        _raise_access(error)
        form.add_service_error(error)
        return None, error.status
    messages.success(request, success)
    return redirect("monitoring:measure_detail", pk=(result if measure is None else measure).pk), 200


def _detail(request, measure, *, status: int = 200, error: str = ""):
    """The measure's page; ``error`` shows a refused step above it."""
    target_groups = [
        str(TargetGroup(value).label) for value in measure.target_groups if value in TargetGroup.values
    ]
    return render(
        request,
        TEMPLATES + "measure_detail.html",
        {
            "measure": measure,
            "responsible": selectors.responsible_text(measure=measure),
            "target_groups": target_groups,
            "targets": selectors.measure_targets(measure=measure),
            "activities": list(measure.activities.all()),
            "activities_cost_cents": sum(activity.cost_cents for activity in measure.activities.all()),
            "results": selectors.measure_results_by_year(measure=measure),
            "estimate": selectors.estimate_summary(estimate=selectors.effect_estimate_for(measure=measure)),
            "judgements": [
                (judgement, selectors.estimate_summary(estimate=judgement.estimate))
                for judgement in measure.judgements.all()
            ],
            "error": error,
        },
        status=status,
    )


def _step(request, measure, form, call_service, *, success: str, title: str, intro: str, submit: str):
    """A step on the measure (a target, an activity, a result): its form (``_submit``) on one page."""
    done, status = _submit(request, form, call_service, success=success, measure=measure)
    if done is not None:
        return done
    return render(
        request,
        TEMPLATES + "step_form.html",
        {"measure": measure, "form": form, "title": title, "intro": intro, "submit": submit},
        status=status,
    )


def _remove(request, measure, *, call_service, success: str):
    """A POST button that removes something: run the service; on success back to the page."""
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _detail(
            request, measure, status=400, error=" ".join(m for e in form.errors.values() for m in e)
        )
    try:
        call_service(form.cleaned_data["reason"])
    except ApplicationError as error:
        _raise_access(error)
        return _detail(
            request, selectors.measure_for_id(measure_id=measure.pk), status=error.status, error=error.message
        )
    messages.success(request, success)
    return redirect("monitoring:measure_detail", pk=measure.pk)


@login_required
@require_GET
def programme(request):
    _require_office(request)
    return render(request, TEMPLATES + "overview.html", {"lines": selectors.programme_lines_with_measures()})


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request):
    _require_office(request)
    form = MeasureForm(_posted(request), **_measure_form_kwargs())
    done, status = _submit(
        request,
        form,
        lambda: services.measure_create(actor=request.user, **form.service_fields()),
        success=_("De maatregel is gemaakt."),
    )
    if done is not None:
        return done
    return render(request, TEMPLATES + "measure_form.html", {"form": form, "measure": None}, status=status)


@login_required
@require_GET
def measure_detail(request, pk: int):
    return _detail(request, _measure(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def measure_update(request, pk: int):
    measure = _measure(request, pk)
    if request.method == "POST":
        form = MeasureUpdateForm(request.POST, **_measure_form_kwargs())
    else:
        form = MeasureUpdateForm(initial=MeasureForm.initial_for(measure), **_measure_form_kwargs())
    done, status = _submit(
        request,
        form,
        lambda: services.measure_update(
            actor=request.user,
            measure=measure,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            **form.service_fields(),
        ),
        success=_("De maatregel is bijgewerkt."),
        measure=measure,
    )
    if done is not None:
        return done
    return render(request, TEMPLATES + "measure_form.html", {"form": form, "measure": measure}, status=status)


@login_required
@require_GET
def measure_history(request, pk: int):
    measure = _measure(request, pk)
    return render(
        request,
        TEMPLATES + "history.html",
        {"measure": measure, "versions": selectors.measure_history(measure=measure)},
    )


# --- targets ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def measure_target_add(request, pk: int):
    measure = _measure(request, pk)
    form = TargetForm(_posted(request), indicators=selectors.indicators_for_choice())
    return _step(
        request,
        measure,
        form,
        lambda: services.measure_target_set(actor=request.user, measure=measure, **form.cleaned_data),
        success=_("Het doel is bewaard."),
        title=_("Een doel toevoegen"),
        intro=_(
            "Op welke regionale indicator richt de maatregel zich, welke waarde wilt u halen en in welk jaar? "
            "Hetzelfde jaar en dezelfde indicator nog eens: dan verandert dat doel."
        ),
        submit=_("Doel bewaren"),
    )


@login_required
@require_POST
def measure_target_remove(request, pk: int, target_pk: int):
    measure = _measure(request, pk)
    target = _lookup(selectors.target_for_id, measure=measure, target_id=target_pk)
    return _remove(
        request,
        measure,
        call_service=lambda reason: services.measure_target_remove(
            actor=request.user, target=target, reason=reason
        ),
        success=_("Het doel is weggehaald."),
    )


# --- activities and results -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk: int):
    measure = _measure(request, pk)
    form = ActivityForm(_posted(request))
    return _step(
        request,
        measure,
        form,
        lambda: services.activity_create(actor=request.user, measure=measure, **form.service_fields()),
        success=_("De activiteit is toegevoegd."),
        title=_("Een activiteit toevoegen"),
        intro=_("Wat gebeurt er binnen de maatregel, wanneer, en wat kost het?"),
        submit=_("Activiteit toevoegen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_update(request, pk: int, activity_pk: int):
    measure = _measure(request, pk)
    activity = _lookup(selectors.activity_for_id, measure=measure, activity_id=activity_pk)
    if request.method == "POST":
        form = ActivityForm(request.POST)
    else:
        form = ActivityForm(initial=ActivityForm.initial_for(activity))
    return _step(
        request,
        measure,
        form,
        lambda: services.activity_update(actor=request.user, activity=activity, **form.service_fields()),
        success=_("De activiteit is bijgewerkt."),
        title=_("Activiteit wijzigen: %(name)s") % {"name": activity.name},
        intro="",
        submit=_("Wijziging bewaren"),
    )


@login_required
@require_POST
def activity_delete(request, pk: int, activity_pk: int):
    measure = _measure(request, pk)
    activity = _lookup(selectors.activity_for_id, measure=measure, activity_id=activity_pk)
    return _remove(
        request,
        measure,
        call_service=lambda reason: services.activity_delete(
            actor=request.user, activity=activity, reason=reason
        ),
        success=_("De activiteit en haar resultaten zijn weggehaald."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_result_add(request, pk: int, activity_pk: int):
    measure = _measure(request, pk)
    activity = _lookup(selectors.activity_for_id, measure=measure, activity_id=activity_pk)
    form = ResultForm(_posted(request))
    return _step(
        request,
        measure,
        form,
        lambda: services.activity_result_add(actor=request.user, activity=activity, **form.cleaned_data),
        success=_("Het resultaat is bewaard."),
        title=_("Resultaat toevoegen: %(name)s") % {"name": activity.name},
        intro=_("Wat leverde de activiteit op in één jaar? Bijvoorbeeld 120 deelnemers in 2025."),
        submit=_("Resultaat bewaren"),
    )


@login_required
@require_POST
def activity_result_remove(request, pk: int, result_pk: int):
    measure = _measure(request, pk)
    result = _lookup(selectors.result_for_id, measure=measure, result_id=result_pk)
    return _remove(
        request,
        measure,
        call_service=lambda reason: services.activity_result_remove(
            actor=request.user, result=result, reason=reason
        ),
        success=_("Het resultaat is weggehaald."),
    )


# --- judgements -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def measure_judge(request, pk: int):
    measure = _measure(request, pk)
    form = JudgementForm(_posted(request))
    done, status = _submit(
        request,
        form,
        lambda: services.measure_judgement_create(actor=request.user, measure=measure, **form.cleaned_data),
        success=_("Uw oordeel is bewaard."),
        measure=measure,
    )
    if done is not None:
        return done
    return render(
        request,
        TEMPLATES + "judgement_form.html",
        {
            "measure": measure,
            "form": form,
            "estimate": selectors.estimate_summary(estimate=selectors.effect_estimate_for(measure=measure)),
        },
        status=status,
    )
