"""``/api/v1/monitoring/work-starts/`` and ``participations/``: a resident (or a coach with consent)
records a start in work; a coach with consent or the programme office registers a resident for a
measure (docs/monitoring.md, "Deelname en werk")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError

from ..selectors.participation import measure_get, work_starts_of_resident
from ..services.participation import participation_register, work_start_record
from . import serializers_participation as s

TAG = "monitoring"


def _input(serializer_class, request) -> dict:
    if not isinstance(request.data, dict):
        raise ApplicationError(_("Stuur een JSON-object."), code="parse_error")
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _resident(user_id: int):
    resident = accounts_selectors.resident_get(user_id=user_id)
    if resident is None:
        raise ApplicationError(_("Deze inwoner bestaat niet."), code="not_found", status=404)
    return resident


class WorkStartListView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.WorkStartOutputSerializer
    pagination_class = None  # a plain list: a resident has few

    @extend_schema(
        operation_id="monitoring_work_starts_mine",
        tags=[TAG],
        summary="Mijn starts in werk (inwoner)",
        responses=s.WorkStartOutputSerializer(many=True),
    )
    def get(self, request):
        if not accounts_selectors.is_resident(user=request.user):
            raise ApplicationError(
                _("Alleen inwoners hebben eigen starts in werk."), code="not_resident", status=403
            )
        return Response(
            s.WorkStartOutputSerializer(work_starts_of_resident(user=request.user), many=True).data
        )

    @extend_schema(
        operation_id="monitoring_work_start_create",
        tags=[TAG],
        summary="Een start in werk doorgeven",
        description="De inwoner zelf (zonder resident_id), of een coach aan wie de inwoner toestemming gaf. "
        "De situatie van de inwoner wordt 'werkende'.",
        request=s.WorkStartInputSerializer,
        responses={
            201: s.WorkStartOutputSerializer,
            400: OpenApiResponse(description="Een gegeven klopt niet."),
            403: OpenApiResponse(description="U mag dit niet doorgeven voor deze inwoner."),
            404: OpenApiResponse(description="Deze inwoner bestaat niet."),
            409: OpenApiResponse(description="Dit werk is al doorgegeven."),
        },
    )
    def post(self, request):
        data = _input(s.WorkStartInputSerializer, request)
        resident = _resident(data["resident_id"]) if data.get("resident_id") else request.user
        work = work_start_record(
            actor=request.user, resident_user=resident, started_on=data["started_on"], kind=data["kind"]
        )
        return Response(s.WorkStartOutputSerializer(work).data, status=status.HTTP_201_CREATED)


class ParticipationCreateView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.ParticipationOutputSerializer

    @extend_schema(
        operation_id="monitoring_participation_create",
        tags=[TAG],
        summary="Een inwoner aanmelden voor een maatregel",
        description="Een coach aan wie de inwoner toestemming gaf, of het programmabureau.",
        request=s.ParticipationInputSerializer,
        responses={
            201: s.ParticipationOutputSerializer,
            400: OpenApiResponse(description="Een gegeven klopt niet."),
            403: OpenApiResponse(description="U mag deze inwoner niet aanmelden."),
            404: OpenApiResponse(description="De inwoner of de maatregel bestaat niet."),
            409: OpenApiResponse(description="De inwoner doet al mee."),
        },
    )
    def post(self, request):
        data = _input(s.ParticipationInputSerializer, request)
        resident = _resident(data["resident_id"])
        measure = measure_get(measure_id=data["measure_id"])
        participation = participation_register(
            actor=request.user,
            measure=measure,
            resident_user=resident,
            started_on=data["started_on"],
            reason=data["reason"],
        )
        return Response(s.ParticipationOutputSerializer(participation).data, status=status.HTTP_201_CREATED)
