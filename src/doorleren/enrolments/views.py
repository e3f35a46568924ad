"""Pages: "Inschrijven" (who pays what, then confirm), "Mijn inschrijvingen" / "Inschrijvingen" (residents
their own with a cancel button; providers their modules' enrolments with buttons to confirm start,
attendance and payment; coaches read only) and one enrolment with its history.

No JavaScript needed. Every write is a POST form with CSRF and calls ``enrolments.services``; a refusal
shows its Dutch sentence. A GET never writes: the idempotency key of the confirm form is made when the
page is shown and only stored when the resident confirms.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.accounts.selectors import has_role, is_resident
from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services

from . import selectors, services
from .forms import EnrolmentConfirmForm, StartChoiceForm, StepForm
from .models import HOLDING_STATES, STEPS_WITH_HOURS, Enrolment, EnrolmentState, Step

# Roles that see the list page: residents (their own), providers (their modules), coaches (read only).
LIST_ROLES = ("resident", "school", "employer", "coach")


def _require_resident(request) -> None:
    if not is_resident(user=request.user):
        raise PermissionDenied(_("Alleen inwoners kunnen zich inschrijven voor een module."))


def _module_or_404(module_id: int):
    module = selectors.module_for_enrolment(module_id=module_id)
    if module is None:
        raise Http404(_("Deze module staat niet in het aanbod."))
    return module


def _chosen_start(starts, start_id: int | None):
    if start_id is None:
        return starts[0] if starts else None
    return next((start for start in starts if start.pk == start_id), False)


def _enrol_page(
    request, *, module, starts, start, form: EnrolmentConfirmForm | None, error: str = "", status=200
):
    today = timezone.localdate()
    start_date = start.start_date if start else today
    split = selectors.enrolment_split(resident=request.user, module=module, start_date=start_date, on=today)
    item = split.items[0]
    if form is None:
        form = EnrolmentConfirmForm(
            initial={
                "idempotency_key": uuid.uuid4().hex,
                "start": start.pk if start else None,
                "left_to_pay_cents": item.left_to_pay_cents,
            }
        )
    if not starts and selectors.module_has_fixed_starts(module=module):
        error = error or _("Deze module heeft geen nieuwe start. U kunt zich nu niet inschrijven.")
        form = None  # nothing to confirm
    open_enrolment = (
        selectors.enrolments_of_resident(resident=request.user)
        .filter(module=module, state__in=HOLDING_STATES)
        .first()
    )
    return render(
        request,
        "enrolments/enrol.html",
        {
            "module": module,
            "starts": starts,
            "start": start,
            "start_date": start_date,
            "split": split,
            "item": item,
            "form": form,
            "error": error,
            "open_enrolment": open_enrolment,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request, module_id: int):
    """Inschrijven: who pays what for this module and start, and a button to confirm."""
    _require_resident(request)
    module = _module_or_404(module_id)
    starts = selectors.module_starts_upcoming(module=module)
    if request.method == "GET":
        choice = StartChoiceForm(request.GET)
        start = _chosen_start(starts, choice.cleaned_data.get("start") if choice.is_valid() else None)
        if start is False or not choice.is_valid():
            return _enrol_page(
                request,
                module=module,
                starts=starts,
                start=starts[0] if starts else None,
                form=None,
                error=_("Deze start kennen wij niet. Kies een van de starts hieronder."),
                status=400,
            )
        return _enrol_page(request, module=module, starts=starts, start=start, form=None)
    form = EnrolmentConfirmForm(request.POST)
    start = _chosen_start(starts, form.cleaned_data.get("start")) if form.is_valid() else None
    if not form.is_valid() or start is False:
        return _enrol_page(
            request,
            module=module,
            starts=starts,
            start=starts[0] if starts else None,
            form=None,
            error=_("Wij konden uw inschrijving niet lezen. Kijk opnieuw wie wat betaalt en bevestig dan."),
            status=400,
        )
    try:
        enrolment = services.enrolment_create(
            resident=request.user,
            module=module,
            start=start,
            idempotency_key=form.cleaned_data["idempotency_key"],
            actor=request.user,
            expected_left_to_pay_cents=form.cleaned_data["left_to_pay_cents"],
        )
    except ApplicationError as error:
        return _enrol_page(
            request,
            module=module,
            starts=starts,
            start=start,
            form=None,
            error=error.message,
            status=error.status,
        )
    messages.success(
        request,
        _("U bent ingeschreven voor %(module)s. Het geld is gereserveerd.") % {"module": module.title},
    )
    return redirect("enrolments:detail", pk=enrolment.pk)


def _require_list_role(request) -> None:
    if not any(has_role(user=request.user, role=role) for role in LIST_ROLES):
        raise PermissionDenied(_("Alleen inwoners, aanbieders van modules en coaches zien inschrijvingen."))


def _with_steps(enrolments, user) -> list[Enrolment]:
    rows = list(enrolments)
    provider_ids = selectors.provider_ids_for(user=user)  # once, not per row
    for enrolment in rows:
        enrolment.steps = [
            {"value": step, "label": Step(step).label, "hours": step in STEPS_WITH_HOURS}
            for step in selectors.steps_for(enrolment=enrolment, actor=user, provider_ids=provider_ids)
        ]
    return rows


@login_required
@require_GET
def enrolment_list(request):
    """Mijn inschrijvingen (residents), Inschrijvingen (providers), read only for coaches."""
    _require_list_role(request)
    enrolments = _with_steps(selectors.enrolments_visible_to(user=request.user)[:500], request.user)
    return render(
        request,
        "enrolments/list.html",
        {
            "enrolments": enrolments,
            "is_resident": is_resident(user=request.user),
            "is_coach": has_role(user=request.user, role="coach"),
        },
    )


def _visible_or_404(request, pk: int) -> Enrolment:
    _require_list_role(request)
    enrolment = selectors.enrolment_visible(user=request.user, pk=pk)
    if enrolment is None:
        raise Http404(_("Deze inschrijving bestaat niet, of u mag haar niet zien."))
    return enrolment


def _history(enrolment: Enrolment) -> list:
    events = selectors.enrolment_history(enrolment=enrolment)
    for event in events:
        state = (event.data or {}).get("to")
        event.state_label = EnrolmentState(state).label if state in EnrolmentState.values else event.action
    return events


@login_required
@require_GET
def enrolment_detail(request, pk: int):
    """One enrolment: who pays what, what was paid and released, its history, and the steps you may take."""
    enrolment = _visible_or_404(request, pk)
    privacy_services.profile_view_record(
        viewer=request.user,
        resident=enrolment.resident,
        organisation=None if has_role(user=request.user, role="coach") else enrolment.provider,
        purpose="view_profile" if has_role(user=request.user, role="coach") else "provider",
        what="enrolment",
    )
    return render(
        request,
        "enrolments/detail.html",
        {
            "enrolment": _with_steps([enrolment], request.user)[0],
            "fundings": list(enrolment.fundings.all()),
            "history": _history(enrolment),
            "is_resident": is_resident(user=request.user),
        },
    )


@login_required
@require_POST
def enrolment_step(request, pk: int):
    """Take one step (a button on the list or the detail page) and go back."""
    enrolment = _visible_or_404(request, pk)
    form = StepForm(request.POST)
    back = reverse("enrolments:detail", kwargs={"pk": enrolment.pk})
    if not form.is_valid():
        messages.error(request, _("Wij konden niet lezen wat u wilt doen. Kijk of het aantal uren klopt."))
        return redirect(back)
    if form.cleaned_data["back"] == "list":
        back = reverse("enrolments:list") + f"#inschrijving-{enrolment.pk}"
    try:
        enrolment = services.enrolment_step(
            enrolment=enrolment,
            step=form.cleaned_data["step"],
            actor=request.user,
            attended_hours=form.cleaned_data["attended_hours"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Gelukt. De inschrijving voor %(module)s is nu: %(state)s.")
            % {"module": enrolment.module.title, "state": enrolment.get_state_display()},
        )
    return redirect(back)
