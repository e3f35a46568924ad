"""The employer's pages: Bedrijfsscan (roles, competencies now and in 3-5 years, employees and their gap)
and the forms that change it. Every change goes through ``workforce.services``; a refused change shows
the role page again with the Dutch message and a 4xx status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services

from .. import selectors, services
from ..forms import InviteForm, ProposeForm, RoleCompetencyForm, RoleForm
from ..models import Horizon
from .common import firm_or_403


def _firm(request):
    return firm_or_403(request)


def _role_or_404(request, pk: int):
    firm_or_403(request)
    role = selectors.role_for_manager(user=request.user, pk=pk)
    if role is None:
        raise Http404(_("Deze rol bestaat niet, of hij hoort niet bij uw bedrijf."))
    return role


def _rows(role, horizon):
    return [row for row in role.competencies.all() if row.horizon == horizon]


def _role_page(request, role, *, status: int = 200, error: str = "", **forms):
    context = {
        "role": role,
        "now_rows": _rows(role, Horizon.NOW),
        "future_rows": _rows(role, Horizon.FUTURE),
        "gaps": [selectors.employee_gap(viewer=request.user, holder=holder) for holder in role.holders.all()],
        "competency_form": forms.get("competency_form") or RoleCompetencyForm(),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "propose_form": forms.get("propose_form") or ProposeForm(),
        "propose_holder": forms.get("propose_holder"),
        "error": error,
    }
    privacy_services.profile_views_record(
        viewer=request.user,
        residents=[gap.holder.employee for gap in context["gaps"] if gap.shared],
        organisation=role.organisation,
        purpose="share_development_plan",
        what="development_plan",
    )
    return render(request, "workforce/role_detail.html", context, status=status)


def _status(error: ApplicationError) -> int:
    return error.status if 400 <= error.status < 500 else 400


@login_required
@require_GET
def scan(request):
    organisation = _firm(request)
    if organisation is None:
        return redirect("workforce:join")
    roles = list(selectors.roles_for_organisation(organisation=organisation))
    for role in roles:
        role.now_count = len(_rows(role, Horizon.NOW))
        role.future_count = len(_rows(role, Horizon.FUTURE))
    return render(request, "workforce/scan.html", {"organisation": organisation, "roles": roles})


@login_required
@require_http_methods(["GET", "POST"])
def role_create(request):
    organisation = _firm(request)
    if organisation is None:
        return redirect("workforce:join")
    form = RoleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                role = services.company_role_create(
                    organisation=organisation,
                    title=data["title"],
                    regional_occupation=selectors.regional_occupation_by_code(
                        code=data["regional_occupation"]
                    ),
                    description=data["description"],
                    actor=request.user,
                )
            except ApplicationError as error:
                form.add_service_error(error)
                status = _status(error)
            else:
                messages.success(request, _("De rol is gemaakt."))
                return redirect("workforce:role", pk=role.pk)
    return render(request, "workforce/role_form.html", {"form": form, "role": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def role_edit(request, pk: int):
    role = _role_or_404(request, pk)
    initial = {
        "title": role.title,
        "regional_occupation": role.regional_occupation.code if role.regional_occupation else "",
        "description": role.description,
    }
    form = RoleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.company_role_update(
                    role=role,
                    title=data["title"],
                    regional_occupation=selectors.regional_occupation_by_code(
                        code=data["regional_occupation"]
                    ),
                    description=data["description"],
                    actor=request.user,
                )
            except ApplicationError as error:
                form.add_service_error(error)
                status = _status(error)
            else:
                messages.success(request, _("De rol is aangepast."))
                return redirect("workforce:role", pk=role.pk)
    return render(request, "workforce/role_form.html", {"form": form, "role": role}, status=status)


@login_required
@require_GET
def role_detail(request, pk: int):
    return _role_page(request, _role_or_404(request, pk))


@login_required
@require_POST
def role_delete(request, pk: int):
    role = _role_or_404(request, pk)
    services.company_role_delete(role=role, actor=request.user)
    messages.success(request, _("De rol is weg."))
    return redirect("workforce:scan")


@login_required
@require_POST
def role_from_map(request, pk: int):
    role = _role_or_404(request, pk)
    try:
        added = services.role_competencies_from_map(role=role, actor=request.user)
    except ApplicationError as error:
        return _role_page(request, role, status=_status(error), error=error.message)
    messages.success(request, _("Wij hebben %(n)s competenties uit de kaart gehaald.") % {"n": added})
    return redirect("workforce:role", pk=role.pk)


@login_required
@require_POST
def competency_set(request, pk: int):
    role = _role_or_404(request, pk)
    form = RoleCompetencyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        competency = selectors.competency_by_code(code=data["competency"])
        try:
            if competency is None:
                raise ApplicationError(_("Kies een competentie uit de lijst."), extra={"field": "competency"})
            services.role_competency_set(
                role=role,
                competency=competency,
                level=data["level"],
                horizon=data["horizon"],
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("De competentie is opgeslagen."))
            return redirect("workforce:role", pk=role.pk)
    return _role_page(request, _role_or_404(request, pk), status=400, competency_form=form)


@login_required
@require_POST
def competency_remove(request, pk: int):
    role = _role_or_404(request, pk)
    competency = selectors.competency_by_code(code=request.POST.get("competency", ""))
    try:
        if competency is None:
            raise ApplicationError(_("Deze rol heeft deze competentie niet."), status=404)
        services.role_competency_remove(
            role=role, competency=competency, horizon=request.POST.get("horizon", ""), actor=request.user
        )
    except ApplicationError as error:
        return _role_page(request, role, status=_status(error), error=error.message)
    messages.success(request, _("De competentie is weg."))
    return redirect("workforce:role", pk=role.pk)


@login_required
@require_POST
def holder_invite(request, pk: int):
    role = _role_or_404(request, pk)
    form = InviteForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.role_holder_invite(role=role, email=form.cleaned_data["email"], actor=request.user)
        except ApplicationError as error:
            form.add_service_error(error)
            status = _status(error)
        else:
            messages.success(
                request,
                _(
                    "De uitnodiging staat klaar. De medewerker ziet hem na het inloggen bij 'Mijn ontwikkelplan'."
                ),
            )
            return redirect("workforce:role", pk=role.pk)
    return _role_page(request, _role_or_404(request, pk), status=status, invite_form=form)


def _holder_or_404(request, pk: int):
    firm_or_403(request)
    holder = selectors.holder_for_manager(user=request.user, pk=pk)
    if holder is None:
        raise Http404(_("Deze medewerker staat niet bij uw bedrijf."))
    return holder


@login_required
@require_POST
def holder_remove(request, pk: int):
    holder = _holder_or_404(request, pk)
    role_pk = holder.role_id
    services.role_holder_remove(holder=holder, actor=request.user)
    messages.success(request, _("De medewerker staat niet meer bij deze rol."))
    return redirect("workforce:role", pk=role_pk)


@login_required
@require_POST
def plan_propose(request, pk: int):
    holder = _holder_or_404(request, pk)
    form = ProposeForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            plan = services.development_plan_propose(
                holder=holder, hours_per_week=form.cleaned_data["hours_per_week"], actor=request.user
            )
        except ApplicationError as error:
            form.add_service_error(error)
            status = _status(error)
        else:
            messages.success(request, _("Het plan is voorgesteld. De medewerker kan nu akkoord geven."))
            return redirect("workforce:plan", pk=plan.pk)
    role = _role_or_404(request, holder.role_id)
    return _role_page(request, role, status=status, propose_form=form, propose_holder=holder.pk)
