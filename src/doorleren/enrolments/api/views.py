"""``/api/v1/enrolments/``: enrol (residents, with an idempotency key), read what you may see, take a step."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.accounts.selectors import has_role, is_resident
from doorleren.core.api import LimitOffsetPagination
from doorleren.privacy import services as privacy_services

from .. import selectors, services
from ..models import IDEMPOTENCY_KEY_MAX, Enrolment
from .serializers import (
    EnrolmentCreateInputSerializer,
    EnrolmentDetailOutputSerializer,
    EnrolmentListInputSerializer,
    EnrolmentOutputSerializer,
    EnrolmentStepInputSerializer,
)

TAG = "inschrijvingen"
LIST_ROLES = ("resident", "school", "employer", "coach")
IDEMPOTENCY_HEADER = "Idempotency-Key"
ERRORS = {
    400: OpenApiResponse(description="Niet alle gegevens kloppen."),
    403: OpenApiResponse(description="U mag dit niet."),
}


class MaySeeEnrolments(permissions.BasePermission):
    """Reading: residents, provider members and coaches. Enrolling (POST): residents only."""

    message = gettext_lazy("U mag dit niet zien of doen.")

    def has_permission(self, request, view) -> bool:
        if request.method == "POST":
            return is_resident(user=request.user)
        return any(has_role(user=request.user, role=role) for role in LIST_ROLES)


def _with_steps(enrolment: Enrolment, user, provider_ids: list[int] | None = None) -> Enrolment:
    enrolment.steps = selectors.steps_for(enrolment=enrolment, actor=user, provider_ids=provider_ids)
    return enrolment


def _history(enrolment: Enrolment) -> list[dict]:
    return [
        {
            "at": event.at,
            "action": event.action,
            "state": (event.data or {}).get("to"),
            "by": (event.data or {}).get("by"),
            "actor": (event.actor.get_full_name() or event.actor.username) if event.actor else None,
            "reason": event.reason,
        }
        for event in selectors.enrolment_history(enrolment=enrolment)
    ]


def _idempotency_key(request, body_key: str | None) -> str:
    header = request.headers.get(IDEMPOTENCY_HEADER)
    if header is not None and (not header.strip() or len(header) > IDEMPOTENCY_KEY_MAX):
        raise serializers.ValidationError(
            {
                "idempotency_key": [
                    _("De kop Idempotency-Key is leeg of langer dan %(max)d tekens.")
                    % {"max": IDEMPOTENCY_KEY_MAX}
                ]
            }
        )
    if header and body_key and header.strip() != body_key.strip():
        raise serializers.ValidationError(
            {"idempotency_key": [_("De sleutel in de kop en in de gegevens verschillen. Stuur er één.")]}
        )
    key = header or body_key
    if not key or not key.strip():
        raise serializers.ValidationError(
            {
                "idempotency_key": [
                    _(
                        "Stuur een sleutel tegen dubbel inschrijven: de kop Idempotency-Key of het veld idempotency_key."
                    )
                ]
            }
        )
    return key


class EnrolmentListCreateView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MaySeeEnrolments]
    pagination_class = LimitOffsetPagination
    serializer_class = EnrolmentOutputSerializer

    @extend_schema(
        operation_id="enrolments_list",
        tags=[TAG],
        summary="Inschrijvingen",
        description=(
            "Een inwoner ziet de eigen inschrijvingen; een medewerker van een school of bedrijf die van de "
            "eigen modules; een coach die van inwoners die toestemming gaven (alleen lezen)."
        ),
        parameters=[EnrolmentListInputSerializer],
        responses={200: EnrolmentOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        filters = EnrolmentListInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        enrolments = selectors.enrolments_visible_to(user=request.user)
        if filters.validated_data.get("state"):
            enrolments = enrolments.filter(state=filters.validated_data["state"])
        page = self.paginate_queryset(enrolments)
        provider_ids = selectors.provider_ids_for(user=request.user)
        return self.get_paginated_response(
            EnrolmentOutputSerializer(
                [_with_steps(e, request.user, provider_ids) for e in page], many=True
            ).data
        )

    @extend_schema(
        operation_id="enrolments_create",
        tags=[TAG],
        summary="Inschrijven",
        description=(
            "Schrijf de ingelogde inwoner in voor een module en reserveer het geld van de budgetten (zie "
            "docs/enrolments.md). De prijs komt altijd uit het aanbod. Een herhaald verzoek met dezelfde "
            "sleutel geeft dezelfde inschrijving terug (200) en reserveert niets extra; een nieuwe geeft 201."
        ),
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="Sleutel tegen dubbel inschrijven (of het veld idempotency_key).",
            )
        ],
        request=EnrolmentCreateInputSerializer,
        responses={
            200: EnrolmentOutputSerializer,
            201: EnrolmentOutputSerializer,
            409: OpenApiResponse(
                description="Prijs anders dan in het aanbod, al ingeschreven, of de verdeling is veranderd."
            ),
            **ERRORS,
        },
    )
    def post(self, request):
        data = EnrolmentCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        key = _idempotency_key(request, values.get("idempotency_key"))
        module = selectors.module_for_enrolment(module_id=values["module"])
        if module is None:
            raise serializers.ValidationError({"module": [_("Deze module staat niet in het aanbod.")]})
        before = selectors.enrolment_by_key(resident=request.user, idempotency_key=key.strip())
        enrolment = services.enrolment_create(
            resident=request.user,
            module=module,
            start=values.get("start"),
            idempotency_key=key,
            actor=request.user,
            price_cents=values.get("price_cents"),
            expected_left_to_pay_cents=values.get("expected_left_to_pay_cents"),
            reason=values.get("reason", ""),
        )
        enrolment = selectors.enrolment_visible(user=request.user, pk=enrolment.pk)
        return Response(
            EnrolmentOutputSerializer(_with_steps(enrolment, request.user)).data,
            status=status.HTTP_200_OK if before is not None else status.HTTP_201_CREATED,
        )


class EnrolmentDetailView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MaySeeEnrolments]
    serializer_class = EnrolmentDetailOutputSerializer

    @extend_schema(
        operation_id="enrolments_detail",
        tags=[TAG],
        summary="Eén inschrijving",
        description="Met wie wat betaalt, wat betaald en vrijgegeven is, en de geschiedenis (wie, wanneer, waarom).",
        responses={
            200: EnrolmentDetailOutputSerializer,
            404: OpenApiResponse(description="Niet gevonden."),
            **ERRORS,
        },
    )
    def get(self, request, pk: int):
        enrolment = selectors.enrolment_visible(user=request.user, pk=pk)
        if enrolment is None:
            raise Http404
        enrolment.history = _history(enrolment)
        privacy_services.profile_view_record(
            viewer=request.user,
            resident=enrolment.resident,
            organisation=None if has_role(user=request.user, role="coach") else enrolment.provider,
            purpose="view_profile" if has_role(user=request.user, role="coach") else "provider",
            what="enrolment",
        )
        return Response(EnrolmentDetailOutputSerializer(_with_steps(enrolment, request.user)).data)


class MayTryAStep(permissions.BasePermission):
    """Anyone who may read enrolments may try a step; the transition table decides who may take it."""

    message = gettext_lazy("U mag dit niet zien of doen.")

    def has_permission(self, request, view) -> bool:
        return any(has_role(user=request.user, role=role) for role in LIST_ROLES)


class EnrolmentStepView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MayTryAStep]
    serializer_class = EnrolmentOutputSerializer

    @extend_schema(
        operation_id="enrolments_transition",
        tags=[TAG],
        summary="Een stap zetten",
        description=(
            "Annuleren, start bevestigen, aanwezigheid bevestigen (met uren), laten betalen of stoppen "
            "doorgeven (met uren). Alleen de stappen uit de tabel in docs/enrolments.md; iets anders geeft "
            "409 (past niet bij de status) of 403 (u mag deze stap niet zetten)."
        ),
        request=EnrolmentStepInputSerializer,
        responses={
            200: EnrolmentOutputSerializer,
            404: OpenApiResponse(description="Niet gevonden."),
            409: OpenApiResponse(description="Deze stap past niet bij de status."),
            **ERRORS,
        },
    )
    def post(self, request):
        data = EnrolmentStepInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        enrolment = selectors.enrolment_visible(user=request.user, pk=values["enrolment"])
        if enrolment is None:
            raise Http404
        enrolment = services.enrolment_step(
            enrolment=enrolment,
            step=values["step"],
            actor=request.user,
            attended_hours=values.get("attended_hours"),
            reason=values.get("reason", ""),
        )
        enrolment = selectors.enrolment_visible(user=request.user, pk=enrolment.pk)
        return Response(EnrolmentOutputSerializer(_with_steps(enrolment, request.user)).data)


# --- signals for coaches: fraud and error checks (docs/enrolments.md, "Signalen voor coaches") ----
from .. import selectors_anomalies, selectors_anomalies_overview  # noqa: E402
from .serializers import (  # noqa: E402
    AnomalyListInputSerializer,
    AnomalyOutputSerializer,
    AnomalyReviewInputSerializer,
    AnomalyReviewOutputSerializer,
)


class MayReviewAnomalies(permissions.BasePermission):
    """Coaches, the programme office and administrators."""

    message = gettext_lazy("Alleen coaches, het programmabureau en beheerders zien signalen.")

    def has_permission(self, request, view) -> bool:
        return selectors_anomalies.may_review_anomalies(user=request.user)


class AnomalyListView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MayReviewAnomalies]
    pagination_class = LimitOffsetPagination
    serializer_class = AnomalyOutputSerializer

    @extend_schema(
        operation_id="enrolments_anomalies_list",
        tags=[TAG],
        summary="Signalen",
        description=(
            "Wat de controles op fraude en fouten vonden (zie docs/enrolments.md, 'Signalen voor coaches'): "
            "veel inschrijvingen op één dag bij één aanbieder, begonnen zonder aanwezigheid, betaald bij weinig "
            "aanwezigheid, en hetzelfde rekeningnummer bij meer aanbieders. Met de besluiten die er al zijn. "
            "De naam van een inwoner alleen met diens toestemming; het rekeningnummer alleen gemaskeerd."
        ),
        parameters=[AnomalyListInputSerializer],
        responses={200: AnomalyOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        filters = AnomalyListInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        overview = selectors_anomalies_overview.anomaly_overview(viewer=request.user)
        status_filter = filters.validated_data.get("status")
        anomalies = []
        if status_filter != "reviewed":
            anomalies += [anomaly for group in overview.open for anomaly in group.items]
        if status_filter != "open":
            anomalies += overview.reviewed
        if filters.validated_data.get("kind"):
            anomalies = [anomaly for anomaly in anomalies if anomaly.kind == filters.validated_data["kind"]]
        page = self.paginate_queryset(anomalies)
        return self.get_paginated_response(AnomalyOutputSerializer(page, many=True).data)


class AnomalyReviewCreateView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MayReviewAnomalies]
    serializer_class = AnomalyReviewOutputSerializer

    @extend_schema(
        operation_id="enrolments_anomalies_review",
        tags=[TAG],
        summary="Besluit over een signaal",
        description=(
            "Leg vast wat u besloot over een signaal: in_orde, onderzoeken of gemeld, met de reden (verplicht). "
            "Elk besluit komt ook in het logboek. Een kenmerk dat geen huidig signaal is geeft 404."
        ),
        request=AnomalyReviewInputSerializer,
        responses={
            201: AnomalyReviewOutputSerializer,
            404: OpenApiResponse(description="Dit signaal is er niet (meer)."),
            **ERRORS,
        },
    )
    def post(self, request):
        data = AnomalyReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.anomaly_review_create(
            fingerprint=data.validated_data["fingerprint"],
            outcome=data.validated_data["outcome"],
            reason=data.validated_data["reason"],
            actor=request.user,
        )
        return Response(AnomalyReviewOutputSerializer(review).data, status=status.HTTP_201_CREATED)
