"""``/api/v1/fund/``: the regional fund (docs/fund.md), as its pages (``fund/views/``) show it.

- ``calls/`` and ``calls/<id>/``: the calls, for everyone (as the public pages).
- ``applications/``: staff of schools, employers and governments see the applications of their
  organisations ("Mijn aanvragen"); the programme office sees every application after submitting
  (its call overviews). ``applications/<id>/``: with the detail page's rule: the consortium's
  staff, and the programme office once it is submitted.
- Steps, each one service with the page's permission check: ``submit`` (staff of the lead),
  ``start-review``, ``reviews``, ``decision`` and ``payment`` (programme office).

Unknown ids give 404, someone who may not 403, a step the rules refuse the service's Dutch
``ApplicationError`` with its status (shared handler in ``core/api.py``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.core.api import LimitOffsetPagination
from doorleren.core.errors import ApplicationError

from .. import selectors, selectors_api, services
from ..models import ApplicationState
from .serializers import (
    FundApplicationDetailOutputSerializer,
    FundApplicationListInputSerializer,
    FundApplicationOutputSerializer,
    FundCallDetailOutputSerializer,
    FundCallListInputSerializer,
    FundCallOutputSerializer,
    FundDecisionInputSerializer,
    FundEmptyInputSerializer,
    FundReviewInputSerializer,
)

TAG = "fonds"
CALL_NOT_FOUND = OpenApiResponse(description="Deze oproep bestaat niet.")
APPLICATION_NOT_FOUND = OpenApiResponse(description="Deze aanvraag bestaat niet.")
FORBIDDEN = OpenApiResponse(description="U mag deze aanvraag niet zien, of deze stap niet zetten.")
REFUSED = OpenApiResponse(
    description="Dit kan nu niet, bijvoorbeeld omdat de status niet past. De melding zegt waarom."
)


def _forbidden(message: str) -> ApplicationError:
    return ApplicationError(message, code="permission_denied", status=403)


def _call_or_404(pk: int):
    call = selectors.call_get(pk=pk)
    if call is None:
        raise ApplicationError(_("Deze oproep bestaat niet."), code="not_found", status=404)
    return call


def _viewable(request, pk: int):
    """The application, if the user may see it (as the detail page: 404, then 403)."""
    application = selectors.application_get(pk=pk)
    if application is None:
        raise ApplicationError(_("Deze aanvraag bestaat niet."), code="not_found", status=404)
    if not selectors.may_view_application(user=request.user, application=application):
        raise _forbidden(_("U mag deze aanvraag niet zien."))
    return application


def _require_programme_office(request) -> None:
    if not selectors.is_programme_office(user=request.user):
        raise _forbidden(_("Alleen het programmabureau mag dit doen."))


def _require_lead(request, application) -> None:
    if not selectors.is_lead_member(user=request.user, application=application):
        raise _forbidden(_("Alleen medewerkers van de penvoerder mogen dit doen."))


def _call_view(call, today) -> dict:
    return {"call": call, "status": selectors_api.call_status(call=call, today=today)}


def _detail(request, pk: int) -> Response:
    """The application as the detail page shows it to this user (fetched again after a step)."""
    application = _viewable(request, pk)
    user = request.user
    is_office = selectors.is_programme_office(user=user)
    is_lead = selectors.is_lead_member(user=user, application=application)
    detail = selectors.application_detail(application=application)
    draft = application.state == ApplicationState.DRAFT
    application.detail = detail
    application.next_states = sorted(selectors.next_states(application=application))
    application.submit_problems = (
        [message for _code, message in services.submit_problems(application)] if draft and is_lead else None
    )
    application.scores = detail.scores if is_office else None
    application.may_review = selectors.may_review(user=user, application=application)
    application.conflict_of_interest = is_office and services.conflict_of_interest(user, application)
    return FundApplicationDetailOutputSerializer(application).data


# --- calls ----------------------------------------------------------------------------------------


class CallListView(GenericAPIView):
    permission_classes = [permissions.AllowAny]
    pagination_class = LimitOffsetPagination
    serializer_class = FundCallOutputSerializer

    @extend_schema(
        operation_id="fund_calls_list",
        tags=[TAG],
        summary="Oproepen van het regionaal fonds",
        description=(
            "Alle oproepen, de nieuwste eerst, met geld, data en status; met ?status= alleen die open zijn "
            "(eerst die het eerst sluiten), later openen of gesloten zijn. Voor iedereen, zoals de pagina."
        ),
        parameters=[FundCallListInputSerializer],
        responses={
            200: FundCallOutputSerializer(many=True),
            400: OpenApiResponse(description="Deze status kennen wij niet."),
        },
    )
    def get(self, request):
        filters = FundCallListInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        today = timezone.localdate()
        calls = {
            selectors_api.OPEN: selectors.calls_open,
            selectors_api.UPCOMING: selectors.calls_upcoming,
            selectors_api.CLOSED: selectors.calls_closed,
        }.get(filters.validated_data.get("status"))
        page = self.paginate_queryset(calls(today=today) if calls else selectors.calls_all())
        return self.get_paginated_response(
            FundCallOutputSerializer([_call_view(call, today) for call in page], many=True).data
        )


class CallDetailView(GenericAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = FundCallDetailOutputSerializer

    @extend_schema(
        operation_id="fund_calls_detail",
        tags=[TAG],
        summary="Eén oproep",
        description=(
            "Geld, data, programmalijn, indicatoren (wat de oproep wil bereiken) en beoordelingspunten "
            "met gewicht. Als de oproep open is ook wat al is toegekend en wat nog te verdelen is. "
            "may_apply: de gebruiker mag voor een eigen organisatie aanvragen."
        ),
        responses={200: FundCallDetailOutputSerializer, 404: CALL_NOT_FOUND},
    )
    def get(self, request, pk: int):
        call = _call_or_404(pk)
        today = timezone.localdate()
        is_open = selectors.call_is_open(call=call, today=today)
        figures = selectors.call_figures(call=call) if is_open else None
        data = {
            **_call_view(call, today),
            "granted_cents": figures.granted_cents if figures else None,
            "left_cents": figures.left_cents if figures else None,
            "may_apply": selectors.organisations_applying_for(user=request.user).exists(),
        }
        return Response(FundCallDetailOutputSerializer(data).data)


# --- applications ---------------------------------------------------------------------------------


class MaySeeApplications(permissions.BasePermission):
    """Staff of schools, employers and governments, and the programme office."""

    message = gettext_lazy("Alleen medewerkers van scholen, werkgevers en overheden en het programmabureau.")

    def has_permission(self, request, view) -> bool:
        return selectors.is_applicant(user=request.user) or selectors.is_programme_office(user=request.user)


class ApplicationListView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, MaySeeApplications]
    pagination_class = LimitOffsetPagination
    serializer_class = FundApplicationOutputSerializer

    @extend_schema(
        operation_id="fund_applications_list",
        tags=[TAG],
        summary="Aanvragen bij het regionaal fonds",
        description=(
            "Medewerkers van scholen, werkgevers en overheden zien de aanvragen waar hun organisaties aan "
            "meedoen, ook concepten (zoals 'Mijn aanvragen'). Het programmabureau ziet alle aanvragen na "
            "het indienen (concepten zijn van de aanvragers), de nieuwste eerst. Filter met ?call= en ?state=."
        ),
        parameters=[FundApplicationListInputSerializer],
        responses={
            200: FundApplicationOutputSerializer(many=True),
            400: OpenApiResponse(description="Een filter klopt niet."),
            403: OpenApiResponse(
                description="Niet ingelogd als school, werkgever, overheid of programmabureau."
            ),
        },
    )
    def get(self, request):
        filters = FundApplicationListInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        if selectors.is_programme_office(user=request.user):
            applications = selectors_api.applications_submitted()
        else:
            applications = selectors.applications_for_user(user=request.user)
        if "call" in filters.validated_data:
            applications = applications.filter(call_id=filters.validated_data["call"])
        if "state" in filters.validated_data:
            applications = applications.filter(state=filters.validated_data["state"])
        page = self.paginate_queryset(applications)
        return self.get_paginated_response(FundApplicationOutputSerializer(page, many=True).data)


class ApplicationDetailView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FundApplicationDetailOutputSerializer

    @extend_schema(
        operation_id="fund_applications_detail",
        tags=[TAG],
        summary="Eén aanvraag",
        description=(
            "Voor medewerkers van de organisaties in het samenwerkingsverband, en voor het programmabureau "
            "zodra de aanvraag is ingediend. Met de partners, de doelen en wat er volgens de verantwoording "
            "is bereikt, en de verantwoordingen. Het programmabureau ziet ook de beoordelingen en scores."
        ),
        responses={
            200: FundApplicationDetailOutputSerializer,
            403: FORBIDDEN,
            404: APPLICATION_NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        return Response(_detail(request, pk))


# --- steps: one service each ----------------------------------------------------------------------

STEP_RESPONSES = {
    200: FundApplicationDetailOutputSerializer,
    400: OpenApiResponse(description="De gegevens kloppen niet."),
    403: FORBIDDEN,
    404: APPLICATION_NOT_FOUND,
    409: REFUSED,
}


class ApplicationSubmitView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FundApplicationDetailOutputSerializer

    @extend_schema(
        operation_id="fund_applications_submit",
        tags=[TAG],
        summary="Een aanvraag indienen",
        description=(
            "Concept → ingediend, door medewerkers van de penvoerder. Alleen als de oproep open is, met "
            "minstens één school en één werkgever en minstens één doel, en niet meer dan het maximum per "
            "aanvraag. Daarna ligt de aanvraag vast."
        ),
        request=FundEmptyInputSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request, pk: int):
        FundEmptyInputSerializer(data=request.data).is_valid(raise_exception=True)
        application = _viewable(request, pk)
        _require_lead(request, application)
        services.fund_application_submit(actor=request.user, application=application)
        return Response(_detail(request, pk))


class ApplicationStartReviewView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FundApplicationDetailOutputSerializer

    @extend_schema(
        operation_id="fund_applications_start_review",
        tags=[TAG],
        summary="Een aanvraag in behandeling nemen",
        description="Ingediend → wordt beoordeeld. Voor het programmabureau.",
        request=FundEmptyInputSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request, pk: int):
        FundEmptyInputSerializer(data=request.data).is_valid(raise_exception=True)
        application = _viewable(request, pk)
        _require_programme_office(request)
        services.fund_application_start_review(actor=request.user, application=application)
        return Response(_detail(request, pk))


class ApplicationReviewView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FundApplicationDetailOutputSerializer

    @extend_schema(
        operation_id="fund_applications_review",
        tags=[TAG],
        summary="Een aanvraag beoordelen",
        description=(
            "Een score voor elk beoordelingspunt van de oproep, en een toelichting. Voor het "
            "programmabureau, als de aanvraag wordt beoordeeld, één keer per persoon, en nooit door wie "
            "werkt voor een organisatie in het samenwerkingsverband (403)."
        ),
        request=FundReviewInputSerializer,
        responses={
            201: FundApplicationDetailOutputSerializer,
            **{code: response for code, response in STEP_RESPONSES.items() if code != 200},
        },
    )
    def post(self, request, pk: int):
        data = FundReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = _viewable(request, pk)
        _require_programme_office(request)
        services.review_submit(
            actor=request.user,
            application=application,
            scores=data.validated_data["scores"],
            comment=data.validated_data.get("comment", ""),
        )
        return Response(_detail(request, pk), status=status.HTTP_201_CREATED)


class ApplicationDecisionView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FundApplicationDetailOutputSerializer

    @extend_schema(
        operation_id="fund_applications_decide",
        tags=[TAG],
        summary="Besluiten over een aanvraag",
        description=(
            "Wordt beoordeeld → toegekend (met het bedrag) of afgewezen, met de reden. Voor het "
            "programmabureau, na minstens twee beoordelingen. Een toekenning is hoogstens het gevraagde "
            "bedrag en gaat nooit over het plafond van de oproep of over wat er in het fonds is (409)."
        ),
        request=FundDecisionInputSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request, pk: int):
        data = FundDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = _viewable(request, pk)
        _require_programme_office(request)
        grant = data.validated_data["decision"] == FundDecisionInputSerializer.GRANT
        services.fund_application_decide(
            actor=request.user,
            application=application,
            grant=grant,
            amount_cents=data.validated_data.get("amount_cents") if grant else None,
            reason=data.validated_data["reason"],
        )
        return Response(_detail(request, pk))


class ApplicationPaymentView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FundApplicationDetailOutputSerializer

    @extend_schema(
        operation_id="fund_applications_pay",
        tags=[TAG],
        summary="Een toegekende aanvraag betalen",
        description=(
            "Toegekend → betaald: één boeking van het toegekende bedrag uit de pot van het fonds aan de "
            "penvoerder. Eén keer: nog eens vragen betaalt niets extra en geeft de aanvraag terug. Voor het "
            "programmabureau."
        ),
        request=FundEmptyInputSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request, pk: int):
        FundEmptyInputSerializer(data=request.data).is_valid(raise_exception=True)
        application = _viewable(request, pk)
        _require_programme_office(request)
        services.fund_application_pay(actor=request.user, application=application)
        return Response(_detail(request, pk))
