"""``/api/v1/workforce/``: the company scan and plans for the employer; the employee's own plans and
their decision. The firm sees an employee's levels, gap and plan figures only while the employee
shares the plan with the firm (docs/workforce.md)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.privacy import services as privacy_services

from .. import selectors, services
from .serializers import (
    FirmPlanOutputSerializer,
    PlanDecisionInputSerializer,
    PlanOutputSerializer,
    ScanOutputSerializer,
)

TAG = "bedrijfsscan"
ERRORS = {
    400: OpenApiResponse(description="Niet alle gegevens kloppen."),
    403: OpenApiResponse(description="U mag dit niet."),
}


class IsEmployerWithFirm(permissions.BasePermission):
    message = gettext_lazy("Alleen werkgevers met een aangemeld bedrijf kunnen dit zien.")

    def has_permission(self, request, view) -> bool:
        return selectors.employer_organisation_for(user=request.user) is not None


class IsResident(permissions.BasePermission):
    message = gettext_lazy("Alleen inwoners hebben een eigen ontwikkelplan.")

    def has_permission(self, request, view) -> bool:
        return selectors.is_resident(user=request.user)


class IsEmployerOrResident(permissions.BasePermission):
    message = gettext_lazy("Alleen werkgevers en inwoners kunnen ontwikkelplannen zien.")

    def has_permission(self, request, view) -> bool:
        return selectors.is_resident(user=request.user) or IsEmployerWithFirm().has_permission(request, view)


def _name(user) -> str:
    return user.get_full_name() or user.username


def plan_data(plan, *, shared: bool) -> dict:
    data = {
        "id": plan.pk,
        "organisation": plan.organisation.name,
        "employee": _name(plan.employee),
        "role": plan.role_title,
        "state": plan.state,
        "shared": shared,
        "items": [],
    }
    figures = (
        "hours_per_week",
        "start_date",
        "end_date",
        "total_hours",
        "total_cents",
        "covered_cents",
        "own_contribution_cents",
    )
    data.update({key: getattr(plan, key) if shared else None for key in figures})
    if shared:
        data["items"] = [
            {
                "position": item.position,
                "module_id": item.module_id,
                "module": item.module_title,
                "provider": item.provider_name,
                "start_date": item.start_date,
                "end_date": item.end_date,
                "hours": item.hours,
                "price_cents": item.price_cents,
                "covered_cents": item.covered_cents,
                "own_contribution_cents": item.own_contribution_cents,
                "funding": [
                    {"funder": line.funder_name, "rule": line.rule_name, "amount_cents": line.amount_cents}
                    for line in item.funding.all()
                ],
            }
            for item in plan.items.all()
        ]
    return data


def _holder_data(request, holder) -> dict:
    gap = selectors.employee_gap(viewer=request.user, holder=holder)
    if gap.shared:  # privacy: logged for the employee (docs/security-privacy.md)
        privacy_services.profile_view_record(
            viewer=request.user,
            resident=holder.employee,
            organisation=holder.role.organisation,
            purpose="share_development_plan",
            what="development_plan",
        )
    return {
        "id": holder.pk,
        "name": _name(holder.employee) if holder.employee is not None else None,
        "email": holder.email,
        "state": holder.state,
        "shared": gap.shared,
        "reason": gap.reason,
        "gap": [
            {
                "code": row.competency.code,
                "label": row.competency.label,
                "have": row.have,
                "now": row.now,
                "future": row.future,
            }
            for row in gap.rows
        ]
        if gap.shared
        else None,
    }


class ScanView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsEmployerWithFirm]
    serializer_class = ScanOutputSerializer

    @extend_schema(
        operation_id="workforce_scan",
        tags=[TAG],
        summary="Bedrijfsscan",
        description=(
            "De rollen in het bedrijf, wat elke rol nu en over 3 tot 5 jaar nodig heeft, en wie de rol heeft. "
            "Niveaus en gat per medewerker alleen als de medewerker het ontwikkelplan met het bedrijf deelt."
        ),
        responses={200: ScanOutputSerializer, **ERRORS},
    )
    def get(self, request):
        organisation = selectors.employer_organisation_for(user=request.user)
        roles = [
            {
                "id": role.pk,
                "title": role.title,
                "regional_occupation": role.regional_occupation.code if role.regional_occupation else None,
                "description": role.description,
                "competencies": [
                    {
                        "code": row.competency.code,
                        "label": row.competency.label,
                        "level": row.level,
                        "horizon": row.horizon,
                        "source": row.source,
                    }
                    for row in role.competencies.all()
                ],
                "holders": [_holder_data(request, holder) for holder in role.holders.all()],
            }
            for role in selectors.roles_for_organisation(organisation=organisation)
        ]
        return Response(
            ScanOutputSerializer(
                {
                    "organisation": organisation.name,
                    "joined_cooperative_at": organisation.joined_cooperative_at,
                    "roles": roles,
                }
            ).data
        )


class FirmPlanView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsEmployerWithFirm]
    serializer_class = FirmPlanOutputSerializer

    @extend_schema(
        operation_id="workforce_firm_plan",
        tags=[TAG],
        summary="Ontwikkelplan van het bedrijf",
        description=(
            "De plannen van de medewerkers en de totalen: uren, kosten, betaald door budgetten en eigen "
            "bijdrage. Alleen gedeelde plannen tellen mee; van andere plannen ziet u geen bedragen."
        ),
        responses={200: FirmPlanOutputSerializer, **ERRORS},
    )
    def get(self, request):
        firm = selectors.firm_plan(organisation=selectors.employer_organisation_for(user=request.user))
        privacy_services.profile_views_record(
            viewer=request.user,
            residents=[row.plan.employee for row in firm.rows if row.shared],
            organisation=firm.organisation,
            purpose="share_development_plan",
            what="development_plan",
        )
        return Response(
            FirmPlanOutputSerializer(
                {
                    "organisation": firm.organisation.name,
                    "total_hours": firm.total_hours,
                    "total_cents": firm.total_cents,
                    "covered_cents": firm.covered_cents,
                    "own_contribution_cents": firm.own_contribution_cents,
                    "not_shared": firm.not_shared,
                    "plans": [plan_data(row.plan, shared=row.shared) for row in firm.rows],
                }
            ).data
        )


class MyPlansView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsResident]
    serializer_class = PlanOutputSerializer
    pagination_class = None  # a plain list: a resident has few plans

    @extend_schema(
        operation_id="workforce_my_plans",
        tags=[TAG],
        summary="Mijn ontwikkelplannen",
        description="De plannen die werkgevers voor u maakten, nieuwste eerst.",
        responses={200: PlanOutputSerializer(many=True), **ERRORS},
        filters=False,
    )
    def get(self, request):
        plans = selectors.plans_for_employee(employee=request.user)
        return Response(
            PlanOutputSerializer([plan_data(plan, shared=True) for plan in plans], many=True).data
        )


class PlanDetailView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsEmployerOrResident]
    serializer_class = PlanOutputSerializer

    @extend_schema(
        operation_id="workforce_plan_detail",
        tags=[TAG],
        summary="Eén ontwikkelplan",
        description="Uw eigen plan (inwoner), of een plan van uw bedrijf (werkgever; bedragen alleen als het gedeeld is).",
        responses={200: PlanOutputSerializer, 404: OpenApiResponse(description="Niet gevonden."), **ERRORS},
    )
    def get(self, request, pk: int):
        if selectors.is_resident(user=request.user):
            plan = selectors.plan_for_employee(employee=request.user, pk=pk)
            shared = True
        else:
            plan = selectors.plan_for_manager(user=request.user, pk=pk)
            shared = plan is not None and selectors.plan_is_shared(plan=plan)
            if shared:  # privacy: logged for the employee (docs/security-privacy.md)
                privacy_services.profile_view_record(
                    viewer=request.user,
                    resident=plan.employee,
                    organisation=plan.organisation,
                    purpose="share_development_plan",
                    what="development_plan",
                )
        if plan is None:
            raise Http404(_("Dit plan bestaat niet, of u mag het niet zien."))
        return Response(PlanOutputSerializer(plan_data(plan, shared=shared)).data)


class PlanDecisionView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsResident]
    serializer_class = PlanDecisionInputSerializer

    @extend_schema(
        operation_id="workforce_plan_decide",
        tags=[TAG],
        summary="Akkoord of niet akkoord met mijn plan",
        description="Alleen voor uw eigen voorgestelde plan. U geeft akkoord op precies de bedragen in het plan.",
        request=PlanDecisionInputSerializer,
        responses={
            200: PlanOutputSerializer,
            404: OpenApiResponse(description="Dit plan is er niet of is niet van u."),
            409: OpenApiResponse(description="Over dit plan is al besloten."),
            **ERRORS,
        },
    )
    def post(self, request):
        data = PlanDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan = selectors.plan_for_employee(employee=request.user, pk=values["plan"])
        if plan is None:
            raise Http404(_("Dit plan is er niet, of het is niet van u."))
        if values["decision"] == "agree":
            services.development_plan_agree(plan=plan, employee=request.user)
        else:
            services.development_plan_decline(
                plan=plan, employee=request.user, reason=values.get("reason", "")
            )
        plan = selectors.plan_for_employee(employee=request.user, pk=plan.pk)
        return Response(PlanOutputSerializer(plan_data(plan, shared=True)).data)
