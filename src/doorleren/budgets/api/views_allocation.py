"""``/api/v1/budgets/rounds/``: fair allocation when money is scarce (docs/budgets.md, "Schaars geld
eerlijk verdelen"), as the pages in ``budgets/views_allocation.py`` show it.

- ``rounds/`` and ``rounds/<id>/``: every round and one round, for everyone (as the public pages):
  the rules, the period, the seed's hash (the seed after the period) and, once allocated, the
  result and the anonymous ranking.
- ``rounds/<id>/application/``: the resident's own application: read it and why (GET), apply
  (POST), withdraw (DELETE). Residents only; the resident is always the one logged in.
- ``rounds/<id>/allocate/``: the programme office and administrators divide the money (POST).

The services decide; a refusal is their Dutch ``ApplicationError`` with its status (shared handler
in ``core/api.py``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.accounts.selectors import has_role, is_resident
from doorleren.core.api import LimitOffsetPagination
from doorleren.core.errors import ApplicationError
from doorleren.profiles import selectors as profiles_selectors

from .. import selectors, services
from .serializers_allocation import (
    AllocationRoundAllocateInputSerializer,
    AllocationRoundApplicationOutputSerializer,
    AllocationRoundApplyInputSerializer,
    AllocationRoundDetailOutputSerializer,
    AllocationRoundSummaryOutputSerializer,
)

TAG = "budgetten"
NOT_FOUND = OpenApiResponse(description="Deze verdeelronde bestaat niet (meer).")
PAGE_PARAMETERS = [
    OpenApiParameter(
        "limit", OpenApiTypes.INT, description="Hoeveel plaatsen van de uitslag (hoogstens 200)."
    ),
    OpenApiParameter(
        "offset", OpenApiTypes.INT, description="Vanaf welke plaats van de uitslag (0 is de eerste)."
    ),
]


class IsResident(permissions.BasePermission):
    message = gettext_lazy("Alleen inwoners kunnen een budget aanvragen.")

    def has_permission(self, request, view) -> bool:
        return is_resident(user=request.user)


class MayAllocate(permissions.BasePermission):
    message = gettext_lazy("Alleen het programmabureau mag geld verdelen.")

    def has_permission(self, request, view) -> bool:
        return any(has_role(user=request.user, role=role) for role in services.ROUND_ROLES)


def _round_or_404(pk: int):
    found = selectors.allocation_round_get(pk=pk)
    if found is None:
        raise ApplicationError(_("Deze verdeelronde bestaat niet (meer)."), code="not_found", status=404)
    return found


def _round_detail(request, found) -> dict:
    """The public page's data: the round and, once allocated, the result and one page of the ranking."""
    public = selectors.allocation_round_public(round=found)
    ranking = None
    if public.allocated:
        paginator = LimitOffsetPagination()
        rows = paginator.paginate_queryset(selectors.allocation_round_ranking(round=found), request)
        ranking = {
            "count": paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": rows,
        }
    return {"public": public, "result": public if public.allocated else None, "ranking": ranking}


def _application_data(found, resident) -> dict:
    """What "Mijn aanvraag" shows: the application with the sentences why, and whether the resident
    fits the rule when they may (again) apply."""
    view = selectors.budget_application_for_resident(round=found, resident=resident)
    phase = selectors.allocation_round_phase(round=found)
    eligibility = None
    if phase == selectors.OPEN and (view is None or view.can_apply_again):
        profile = profiles_selectors.profile_for_user(user=resident)
        eligibility = selectors.rule_eligibility(rule=found.rule, profile=profile, on=timezone.localdate())
    return {
        "round": found,
        "phase": phase,
        "view": view,
        "eligibility": eligibility,
        "criteria": selectors.criteria_rows(round=found),
    }


class RoundListView(GenericAPIView):
    permission_classes = [permissions.AllowAny]
    pagination_class = LimitOffsetPagination
    serializer_class = AllocationRoundSummaryOutputSerializer

    @extend_schema(
        operation_id="budgets_rounds_list",
        tags=[TAG],
        summary="Verdeelrondes",
        description=(
            "Alle verdeelrondes, de nieuwste periode eerst: de regeling, het geld, de aanvraagperiode en "
            "waar de ronde staat. Voor iedereen, zoals de pagina. Zie docs/budgets.md, 'Schaars geld "
            "eerlijk verdelen'."
        ),
        responses={200: AllocationRoundSummaryOutputSerializer(many=True)},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.allocation_rounds_public())
        return self.get_paginated_response(AllocationRoundSummaryOutputSerializer(page, many=True).data)


class RoundDetailView(GenericAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = AllocationRoundDetailOutputSerializer

    @extend_schema(
        operation_id="budgets_rounds_detail",
        tags=[TAG],
        summary="Eén verdeelronde",
        description=(
            "De regels (punten per voorwaarde), de periode, de vingerafdruk (SHA-256) van het zaad en, "
            "na de periode, het zaad zelf. Na het verdelen ook de uitslag en de volgorde zonder namen "
            "(plaats, aanvraagnummer, punten, lotnummer, budget ja/nee), per pagina met ?limit= en "
            "?offset=. Voor iedereen, zoals de pagina."
        ),
        parameters=PAGE_PARAMETERS,
        responses={200: AllocationRoundDetailOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return Response(AllocationRoundDetailOutputSerializer(_round_detail(request, _round_or_404(pk))).data)


class RoundApplicationView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsResident]
    serializer_class = AllocationRoundApplicationOutputSerializer

    @extend_schema(
        operation_id="budgets_rounds_application",
        tags=[TAG],
        summary="Mijn aanvraag in een verdeelronde",
        description=(
            "De eigen aanvraag van de ingelogde inwoner met de zinnen waarom (punten, lotnummer, plaats, "
            "wel of geen budget), of null als de inwoner niet aanvroeg. Kan de inwoner nu (opnieuw) "
            "aanvragen, dan ook of hij of zij bij de regeling past."
        ),
        responses={
            200: AllocationRoundApplicationOutputSerializer,
            403: OpenApiResponse(description="Niet ingelogd als inwoner."),
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        found = _round_or_404(pk)
        return Response(
            AllocationRoundApplicationOutputSerializer(_application_data(found, request.user)).data
        )

    @extend_schema(
        operation_id="budgets_rounds_apply",
        tags=[TAG],
        summary="Aanvragen in een verdeelronde",
        description=(
            "Vraag het budget van de ronde aan voor de ingelogde inwoner. Alleen zolang de ronde open is, "
            "als de inwoner bij de regeling past en het budget nog niet heeft. Eén aanvraag per ronde; na "
            "intrekken mag het opnieuw. Vroeg aanvragen geeft geen voorrang."
        ),
        request=AllocationRoundApplyInputSerializer,
        responses={
            201: AllocationRoundApplicationOutputSerializer,
            400: OpenApiResponse(
                description="Niet alle gegevens kloppen, of de inwoner past niet bij de regeling."
            ),
            403: OpenApiResponse(description="Niet ingelogd als inwoner."),
            404: NOT_FOUND,
            409: OpenApiResponse(
                description="Nog niet open, al voorbij, al aangevraagd of het budget al gekregen."
            ),
        },
    )
    def post(self, request, pk: int):
        data = AllocationRoundApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = _round_or_404(pk)
        services.budget_application_submit(
            round=found,
            resident=request.user,
            actor=request.user,
            risk_of_job_loss=data.validated_data["risk_of_job_loss"],
        )
        return Response(
            AllocationRoundApplicationOutputSerializer(_application_data(found, request.user)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        operation_id="budgets_rounds_withdraw",
        tags=[TAG],
        summary="Mijn aanvraag intrekken",
        description=(
            "Trek de eigen aanvraag in, zolang het geld nog niet is verdeeld. Zolang de ronde open is, "
            "mag de inwoner daarna opnieuw aanvragen."
        ),
        responses={
            200: AllocationRoundApplicationOutputSerializer,
            403: OpenApiResponse(description="Niet ingelogd als inwoner."),
            404: OpenApiResponse(description="Deze ronde bestaat niet, of u heeft er niets aangevraagd."),
            409: OpenApiResponse(description="Deze aanvraag kan niet meer worden ingetrokken."),
        },
    )
    def delete(self, request, pk: int):
        found = _round_or_404(pk)
        mine = selectors.budget_application_for_resident(round=found, resident=request.user)
        if mine is None:
            raise ApplicationError(
                _("U heeft in deze ronde niets aangevraagd."), code="budget_application_missing", status=404
            )
        services.budget_application_withdraw(application=mine.application, actor=request.user)
        return Response(
            AllocationRoundApplicationOutputSerializer(_application_data(found, request.user)).data
        )


class RoundAllocateView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MayAllocate]
    serializer_class = AllocationRoundDetailOutputSerializer

    @extend_schema(
        operation_id="budgets_rounds_allocate",
        tags=[TAG],
        summary="Het geld van een verdeelronde verdelen",
        description=(
            "Na de aanvraagperiode, één keer: rangschik de aanvragen op punten en loting en geef de "
            "budgetten in die volgorde tot het geld op is (zie docs/budgets.md). Alles of niets in één "
            "keer. Geeft de ronde met de uitslag terug. Voor het programmabureau en beheerders."
        ),
        request=AllocationRoundAllocateInputSerializer,
        responses={
            200: AllocationRoundDetailOutputSerializer,
            400: OpenApiResponse(description="De gegevens kloppen niet."),
            403: OpenApiResponse(description="Niet ingelogd als programmabureau of beheerder."),
            404: NOT_FOUND,
            409: OpenApiResponse(
                description="De periode loopt nog, de regeling is gestopt, of het geld is al verdeeld."
            ),
        },
    )
    def post(self, request, pk: int):
        AllocationRoundAllocateInputSerializer(data=request.data).is_valid(raise_exception=True)
        found = _round_or_404(pk)
        if selectors.allocation_round_phase(round=found) == selectors.ALLOCATED:
            raise ApplicationError(
                _("Het geld van deze ronde is al verdeeld."), code="allocation_round_allocated", status=409
            )
        done = services.allocation_round_allocate(round=found, actor=request.user)
        return Response(AllocationRoundDetailOutputSerializer(_round_detail(request, done)).data)
