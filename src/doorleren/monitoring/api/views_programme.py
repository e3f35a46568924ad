"""``/api/v1/monitoring/measures/...``: the programme as data, as its pages show it
(docs/monitoring-programme.md, "API"). For the programme office and administrators; others get 403,
anonymous callers 401/403 as elsewhere in the API.

- ``measures/``: GET the measures (paginated), POST a new one.
- ``measures/<id>/``: GET one with targets, activities, results and judgements; PATCH changes the
  fields sent, with ``version`` (the one you read: 409 when someone changed it since) and ``reason``.
- ``measures/<id>/versions/``: the history, newest first, with the changes in plain Dutch.
- ``measures/<id>/judgements/`` (POST), ``targets/`` (POST), ``targets/<id>/`` (DELETE),
  ``activities/`` (POST), ``activities/<id>/results/`` (POST).

Unknown ids give 404; a change the rules refuse gives the service's Dutch ``ApplicationError`` with
its status (shared handler in ``core/api.py``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.core.api import LimitOffsetPagination

from ..selectors import programme as selectors
from ..services import programme as services
from .serializers_programme import (
    ActivityInputSerializer,
    ActivityResultInputSerializer,
    MeasureCreateInputSerializer,
    MeasureDetailOutputSerializer,
    MeasureEmptyInputSerializer,
    MeasureJudgementInputSerializer,
    MeasureJudgementOutputSerializer,
    MeasureListOutputSerializer,
    MeasureTargetInputSerializer,
    MeasureUpdateInputSerializer,
    MeasureVersionOutputSerializer,
)

TAG = "monitoring"
NOT_FOUND = OpenApiResponse(description="Deze maatregel (of dit doel, deze activiteit) bestaat niet.")
FORBIDDEN = OpenApiResponse(description="Niet ingelogd als programmabureau of beheerder.")
BAD = OpenApiResponse(description="De gegevens kloppen niet. De melding zegt wat er mis is.")


class MayChangeProgramme(permissions.BasePermission):
    message = gettext_lazy("Alleen het programmabureau en beheerders mogen het programma zien en wijzigen.")

    def has_permission(self, request, view) -> bool:
        return selectors.may_see_programme(user=request.user)


class ProgrammeView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MayChangeProgramme]

    def _measure(self, pk: int):
        return selectors.measure_for_id(measure_id=pk)

    def _detail(self, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        return Response(MeasureDetailOutputSerializer(self._measure(pk)).data, status=status_code)


class MeasureListView(ProgrammeView):
    pagination_class = LimitOffsetPagination
    serializer_class = MeasureListOutputSerializer

    @extend_schema(
        operation_id="monitoring_measures_list",
        tags=[TAG],
        summary="Maatregelen van het programma",
        description="Alle maatregelen, per programmalijn (het thema als laatste), met budget, periode, stand, "
        "versie en het laatste oordeel.",
        responses={200: MeasureListOutputSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.measures_all())
        return self.get_paginated_response(MeasureListOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="monitoring_measures_create",
        tags=[TAG],
        summary="Een maatregel maken",
        description="Een nieuwe maatregel van een programmalijn of het thema. Wordt versie 1 in de geschiedenis.",
        request=MeasureCreateInputSerializer,
        responses={201: MeasureDetailOutputSerializer, 400: BAD, 403: FORBIDDEN},
    )
    def post(self, request):
        data = MeasureCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = selectors.measure_references(data=data.validated_data)
        measure = services.measure_create(actor=request.user, **fields)
        return self._detail(measure.pk, status_code=status.HTTP_201_CREATED)


class MeasureDetailView(ProgrammeView):
    serializer_class = MeasureDetailOutputSerializer

    @extend_schema(
        operation_id="monitoring_measures_detail",
        tags=[TAG],
        summary="Eén maatregel",
        description="Alle gegevens: verantwoordelijke, partners, budget, periode, doelgroepen, gemeenten, "
        "regelingen, doelen, activiteiten met resultaten per jaar, en oordelen.",
        responses={200: MeasureDetailOutputSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return self._detail(pk)

    @extend_schema(
        operation_id="monitoring_measures_update",
        tags=[TAG],
        summary="Een maatregel wijzigen",
        description="Alleen de velden die u stuurt veranderen. Stuur de version mee die u las: heeft iemand "
        "anders de maatregel intussen gewijzigd, dan verandert er niets (409). reason komt in de geschiedenis. "
        "Verandert er niets, dan komt er geen nieuwe versie.",
        request=MeasureUpdateInputSerializer,
        responses={
            200: MeasureDetailOutputSerializer,
            400: BAD,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: OpenApiResponse(description="Iemand anders heeft deze maatregel net gewijzigd."),
        },
    )
    def patch(self, request, pk: int):
        data = MeasureUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        measure = self._measure(pk)
        fields = dict(data.validated_data)
        version, reason = fields.pop("version"), fields.pop("reason")
        services.measure_update(
            actor=request.user,
            measure=measure,
            expected_version=version,
            reason=reason,
            **selectors.measure_references(data=fields),
        )
        return self._detail(pk)


class MeasureVersionsView(ProgrammeView):
    serializer_class = MeasureVersionOutputSerializer
    pagination_class = None  # the whole history, newest first

    @extend_schema(
        operation_id="monitoring_measures_versions",
        tags=[TAG],
        summary="Geschiedenis van een maatregel",
        description="Elke versie, de nieuwste eerst: wie, wanneer, waarom, wat er veranderde (in zinnen en als "
        "veldnamen) en de maatregel na de wijziging.",
        responses={200: MeasureVersionOutputSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        measure = self._measure(pk)
        history = {view.version: view for view in selectors.measure_history(measure=measure)}
        rows = [
            {
                "version": version.version,
                "changed_at": version.changed_at,
                "changed_by": history[version.version].changed_by,
                "reason": version.reason,
                "changes": history[version.version].changes,
                "changed_fields": version.changed_fields,
                "snapshot": version.snapshot,
            }
            for version in selectors.measure_versions(measure=measure)
        ]
        return Response(MeasureVersionOutputSerializer(rows, many=True).data)


class MeasureJudgementsView(ProgrammeView):
    serializer_class = MeasureJudgementOutputSerializer

    @extend_schema(
        operation_id="monitoring_measures_judge",
        tags=[TAG],
        summary="Een oordeel over een maatregel geven",
        description="Doorgaan, aanpassen, stoppen of te vroeg om te zeggen, met de reden. Een kopie van de "
        "effectschatting van dat moment (als die er is) komt erbij.",
        request=MeasureJudgementInputSerializer,
        responses={201: MeasureJudgementOutputSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        data = MeasureJudgementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        judgement = services.measure_judgement_create(
            actor=request.user, measure=self._measure(pk), **data.validated_data
        )
        return Response(MeasureJudgementOutputSerializer(judgement).data, status=status.HTTP_201_CREATED)


class MeasureTargetsView(ProgrammeView):
    serializer_class = MeasureDetailOutputSerializer

    @extend_schema(
        operation_id="monitoring_measures_target_set",
        tags=[TAG],
        summary="Een doel van een maatregel zetten",
        description="De regionale indicator (code), de streefwaarde en het jaar, en wat de maatregel bijdraagt. "
        "Dezelfde indicator en hetzelfde jaar nog eens: dan verandert dat doel. Geeft de maatregel terug.",
        request=MeasureTargetInputSerializer,
        responses={201: MeasureDetailOutputSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        data = MeasureTargetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        measure = self._measure(pk)
        fields = dict(data.validated_data)
        fields["indicator"] = selectors.indicator_for_code(code=fields["indicator"])
        services.measure_target_set(actor=request.user, measure=measure, **fields)
        return self._detail(pk, status_code=status.HTTP_201_CREATED)


class MeasureTargetView(ProgrammeView):
    serializer_class = MeasureDetailOutputSerializer

    @extend_schema(
        operation_id="monitoring_measures_target_remove",
        tags=[TAG],
        summary="Een doel van een maatregel weghalen",
        description="Geeft de maatregel terug. Het doel blijft te lezen in de geschiedenis.",
        request=MeasureEmptyInputSerializer,
        responses={200: MeasureDetailOutputSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int, target_pk: int):
        measure = self._measure(pk)
        target = selectors.target_for_id(measure=measure, target_id=target_pk)
        services.measure_target_remove(actor=request.user, target=target)
        return self._detail(pk)


class MeasureActivitiesView(ProgrammeView):
    serializer_class = MeasureDetailOutputSerializer

    @extend_schema(
        operation_id="monitoring_measures_activity_create",
        tags=[TAG],
        summary="Een activiteit toevoegen",
        description="Naam, omschrijving, begin en einde, en kosten in centen. Geeft de maatregel terug.",
        request=ActivityInputSerializer,
        responses={201: MeasureDetailOutputSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        data = ActivityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.activity_create(actor=request.user, measure=self._measure(pk), **data.validated_data)
        return self._detail(pk, status_code=status.HTTP_201_CREATED)


class ActivityResultsView(ProgrammeView):
    serializer_class = MeasureDetailOutputSerializer

    @extend_schema(
        operation_id="monitoring_measures_activity_result_add",
        tags=[TAG],
        summary="Een resultaat van een activiteit toevoegen",
        description="Wat de activiteit in één jaar opleverde, zoals 120 deelnemers in 2025. Geeft de maatregel "
        "terug.",
        request=ActivityResultInputSerializer,
        responses={201: MeasureDetailOutputSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request, pk: int, activity_pk: int):
        data = ActivityResultInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        activity = selectors.activity_for_id(measure=self._measure(pk), activity_id=activity_pk)
        services.activity_result_add(actor=request.user, activity=activity, **data.validated_data)
        return self._detail(pk, status_code=status.HTTP_201_CREATED)
