"""``/api/v1/opportunities/``: public read of open work and assignments."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.core.api import LimitOffsetPagination
from doorleren.core.errors import ApplicationError

from .. import selectors, services
from ..models import OpportunityKind
from .serializers import (
    OpportunityCreateInputSerializer,
    OpportunityDetailOutputSerializer,
    OpportunityFilterInputSerializer,
    OpportunityListOutputSerializer,
    OpportunityManageOutputSerializer,
    OpportunityUpdateInputSerializer,
    SuggestCompetenciesInputSerializer,
    SuggestCompetenciesOutputSerializer,
)

TAG = "werk"


class OpportunityListView(APIView):
    permission_classes = [permissions.AllowAny]
    pagination_class = LimitOffsetPagination

    @extend_schema(
        operation_id="opportunities_list",
        tags=[TAG],
        summary="Open werk en opdrachten",
        parameters=[OpportunityFilterInputSerializer],
        responses={
            200: OpportunityListOutputSerializer(many=True),
            400: OpenApiResponse(description="Een filter klopt niet."),
        },
    )
    def get(self, request):
        filters = OpportunityFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.opportunities_search(**filters.validated_data)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(OpportunityListOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="opportunities_create",
        tags=[TAG],
        summary="Werk of opdracht plaatsen",
        description=(
            "Voor medewerkers van een organisatie die dit soort werk mag aanbieden "
            "(docs/opportunities.md). Niet bekende competenties of een vreemde organisatie geven 400."
        ),
        request=OpportunityCreateInputSerializer,
        responses={
            201: OpportunityManageOutputSerializer,
            400: OpenApiResponse(description="Een gegeven klopt niet."),
            403: OpenApiResponse(description="U werkt niet voor een organisatie die dit mag aanbieden."),
        },
    )
    def post(self, request):
        _require_host(request)
        data = _valid(OpportunityCreateInputSerializer, request)
        organisation = _organisation_for(request, data["kind"], data.get("organisation"))
        opportunity = services.opportunity_create(
            organisation=organisation,
            kind=data["kind"],
            actor=request.user,
            **_values(data),
        )
        return Response(_manage_output(opportunity), status=201)


class OpportunityDetailView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="opportunities_retrieve",
        tags=[TAG],
        summary="Eén open werk of opdracht, met de gevraagde competenties",
        responses={
            200: OpportunityDetailOutputSerializer,
            404: OpenApiResponse(description="Bestaat niet of is gesloten."),
        },
    )
    def get(self, request, pk: int):
        opportunity = selectors.opportunity_public_get(pk=pk)
        if opportunity is None:
            raise ApplicationError(_("Dit werk bestaat niet of is gesloten."), code="not_found", status=404)
        return Response(OpportunityDetailOutputSerializer(opportunity).data)

    @extend_schema(
        operation_id="opportunities_partial_update",
        tags=[TAG],
        summary="Werk of opdracht wijzigen",
        description="Alleen de velden die u stuurt veranderen; competencies vervangt alle competenties.",
        request=OpportunityUpdateInputSerializer,
        responses={
            200: OpportunityManageOutputSerializer,
            400: OpenApiResponse(description="Een gegeven klopt niet."),
            403: OpenApiResponse(description="U werkt niet voor een organisatie die werk aanbiedt."),
            404: OpenApiResponse(description="Bestaat niet of is van een andere organisatie."),
            409: OpenApiResponse(description="Het werk is gesloten."),
        },
    )
    def patch(self, request, pk: int):
        _require_host(request)
        opportunity = _own(request, pk)
        data = _valid(OpportunityUpdateInputSerializer, request, partial=True)
        opportunity = services.opportunity_update(
            opportunity=opportunity, actor=request.user, **_values(data)
        )
        return Response(_manage_output(opportunity))


# --- issue 5: organisations place, change and close work (docs/opportunities.md) --------------------


def _require_host(request) -> None:
    """Signed in, and working for an organisation that may offer work; else 401/403 in Dutch."""
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if not selectors.host_organisations_for_user(user=request.user).exists():
        raise PermissionDenied()


def _valid(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _organisation_for(request, kind: str, organisation_id: int | None):
    organisations = selectors.host_organisations_for_user(user=request.user, kind=kind)
    if organisation_id is not None:
        organisation = organisations.filter(pk=organisation_id).first()
        if organisation is None:
            raise ApplicationError(
                _("Kies een organisatie waarvoor u werkt en die dit mag aanbieden."),
                code="invalid",
                extra={"field": "organisation"},
            )
        return organisation
    found = list(organisations[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        raise ApplicationError(
            _("Uw organisatie kan geen %(kind)s aanbieden.") % {"kind": OpportunityKind(kind).label.lower()},
            code="organisation_cannot_offer",
            extra={"field": "kind"},
        )
    raise ApplicationError(
        _("U werkt voor meer organisaties. Kies de organisatie die dit aanbiedt."),
        code="invalid",
        extra={"field": "organisation"},
    )


def _values(data: dict) -> dict:
    names = (
        "title",
        "description",
        "municipality",
        "hours_per_week",
        "sector",
        "starts_on",
        "ends_on",
        "team_size",
    )
    values = {name: data[name] for name in names if name in data}
    if "competencies" in data:
        values["competencies"] = [
            services.CompetencyRequirement(
                competency=row["competency"],
                level=row["level"],
                essential=row.get("essential", True),
                purpose=row.get("purpose", "apply"),  # PATCH fills in no defaults
            )
            for row in data["competencies"]
        ]
    return values


def _own(request, pk: int):
    opportunity = selectors.opportunity_for_member_get(user=request.user, pk=pk)
    if opportunity is None:
        raise ApplicationError(
            _("Dit werk bestaat niet of is niet van uw organisatie."), code="not_found", status=404
        )
    return opportunity


def _manage_output(opportunity) -> dict:
    fresh = selectors.opportunity_with_requirements_get(pk=opportunity.pk)
    return OpportunityManageOutputSerializer(fresh).data


class OpportunityCloseView(APIView):
    permission_classes = [permissions.AllowAny]  # checked in the method, with Dutch answers

    @extend_schema(
        operation_id="opportunities_close",
        tags=[TAG],
        summary="Werk of opdracht sluiten",
        description="Daarna ziet niemand het meer in de lijst. Een body is niet nodig.",
        request=None,
        responses={
            200: OpportunityManageOutputSerializer,
            403: OpenApiResponse(description="U werkt niet voor een organisatie die werk aanbiedt."),
            404: OpenApiResponse(description="Bestaat niet of is van een andere organisatie."),
            409: OpenApiResponse(description="Het werk is al gesloten."),
        },
    )
    def post(self, request, pk: int):
        _require_host(request)
        opportunity = services.opportunity_close(opportunity=_own(request, pk), actor=request.user)
        return Response(_manage_output(opportunity))


class OpportunitySuggestCompetenciesView(APIView):
    permission_classes = [permissions.AllowAny]  # checked in the method, with Dutch answers

    @extend_schema(
        operation_id="opportunities_suggest_competencies",
        tags=[TAG],
        summary="Competenties voorstellen uit de omschrijving van werk",
        description=(
            "Leest de tekst en geeft competenties uit de competentiekaart, met Nederlandse namen en de "
            "woorden uit de tekst. Er is geen schatting van het niveau (level is leeg). Niets wordt bewaard. "
            "503 als de zoekindex nog niet klaar is."
        ),
        request=SuggestCompetenciesInputSerializer,
        responses={
            200: SuggestCompetenciesOutputSerializer,
            400: OpenApiResponse(description="Geen tekst of te lang."),
            403: OpenApiResponse(description="U werkt niet voor een organisatie die werk aanbiedt."),
            503: OpenApiResponse(description="De zoekindex is nog niet klaar."),
        },
    )
    def post(self, request):
        _require_host(request)
        data = _valid(SuggestCompetenciesInputSerializer, request)
        rows = selectors.competencies_from_text(text=data["text"], top=data["top"])
        return Response(
            SuggestCompetenciesOutputSerializer(
                {"competencies": [{**row, "level": None} for row in rows]}
            ).data
        )
