"""``/api/v1/placement/``: rounds of practical assignments, as the pages in ``placement/views.py``.

- ``rounds/`` and ``rounds/<id>/``: every round, and one with its assignments and counts (public).
- ``rounds/<id>/my-choices/``: the learner's list (GET, PUT). ``rounds/<id>/my-result/``: their
  place and why (GET).
- ``rounds/<id>/assignments/<id>/ranking/``: the host's applicants (GET) and order (PUT).
- ``rounds/<id>/allocate/``: the organiser places everyone (POST, once).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.accounts.selectors import is_resident
from doorleren.core.api import LimitOffsetPagination
from doorleren.core.errors import ApplicationError
from doorleren.privacy import services as privacy_services

from .. import selectors, services
from . import serializers as s

TAG = "praktijkopdrachten"


def _round(pk: int):
    found = selectors.placement_round_get(pk=pk)
    if found is None:
        raise ApplicationError(_("Deze ronde bestaat niet (meer)."), code="not_found", status=404)
    return found


def _resident(request) -> None:
    if not is_resident(user=request.user):
        raise ApplicationError(
            _("Alleen inwoners kunnen praktijkopdrachten kiezen."), code="not_resident", status=403
        )


def _input(serializer_class, request) -> dict:
    if not isinstance(request.data, dict):
        raise ApplicationError(_("Stuur een JSON-object."), code="parse_error")
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class RoundListView(GenericAPIView):
    permission_classes = [permissions.AllowAny]
    pagination_class = LimitOffsetPagination
    serializer_class = s.PlacementRoundOutputSerializer

    @extend_schema(
        operation_id="placement_rounds_list",
        tags=[TAG],
        summary="Rondes van praktijkopdrachten",
        responses=s.PlacementRoundOutputSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.placement_rounds())
        return self.get_paginated_response(s.PlacementRoundOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="placement_round_create",
        tags=[TAG],
        summary="Een ronde starten (de organisator)",
        description="Voor medewerkers van een werkplaats, coöperatie, bedrijf, school of overheid. De ronde is "
        "meteen open; zet er daarna opdrachten in (rounds/{id}/assignments/).",
        request=s.PlacementRoundCreateInputSerializer,
        responses={
            201: s.PlacementRoundOutputSerializer,
            400: OpenApiResponse(description="Een gegeven klopt niet, of de organisatie is niet van u."),
            403: OpenApiResponse(description="U werkt niet voor een organisatie die rondes mag organiseren."),
        },
    )
    def post(self, request):
        return _round_create(request)


def _detail(found) -> dict:
    overview = selectors.round_overview(round=found)
    return {"round": found, "assignments": overview.assignments, "counts": overview}


class RoundDetailView(GenericAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = s.PlacementRoundDetailOutputSerializer

    @extend_schema(
        operation_id="placement_round_detail", tags=[TAG], summary="Eén ronde met opdrachten en cijfers"
    )
    def get(self, request, pk: int):
        return Response(s.PlacementRoundDetailOutputSerializer(_detail(_round(pk))).data)


class MyChoicesView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.PlacementChoicesInputSerializer

    def _out(self, request, found) -> Response:
        data = {
            "may_choose": selectors.may_choose(round=found, learner=request.user),
            "choices": selectors.learner_choices(round=found, learner=request.user),
        }
        return Response(s.PlacementChoicesOutputSerializer(data).data)

    @extend_schema(
        operation_id="placement_my_choices",
        tags=[TAG],
        summary="Mijn keuzes",
        responses=s.PlacementChoicesOutputSerializer,
    )
    def get(self, request, pk: int):
        _resident(request)
        return self._out(request, _round(pk))

    @extend_schema(
        operation_id="placement_my_choices_set",
        tags=[TAG],
        summary="Mijn keuzes bewaren (de liefste eerst, hoogstens 10)",
        request=s.PlacementChoicesInputSerializer,
        responses=s.PlacementChoicesOutputSerializer,
    )
    def put(self, request, pk: int):
        _resident(request)
        found = _round(pk)
        data = _input(s.PlacementChoicesInputSerializer, request)
        services.learner_choices_set(
            round=found, learner=request.user, assignment_ids=data["assignments"], actor=request.user
        )
        return self._out(request, found)


class MyResultView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.PlacementResultOutputSerializer

    @extend_schema(operation_id="placement_my_result", tags=[TAG], summary="Mijn plek en waarom")
    def get(self, request, pk: int):
        _resident(request)
        view = selectors.learner_result(round=_round(pk), learner=request.user)
        if view is None:
            raise ApplicationError(
                _("U heeft in deze ronde nog geen plek. Die krijgt u als de ronde is geplaatst."),
                code="no_result",
                status=404,
            )
        result = view.result
        data = {
            "placed": result.assignment_id is not None,
            "assignment": result.assignment_id,
            "title": view.assignment.opportunity.title if view.assignment else None,
            "choice": result.choice,
            "code": result.code,
            "params": result.params,
            "text": view.headline,
            "reasons": [
                {**reason, "text": text} for reason, text in zip(result.reasons, view.reasons, strict=True)
            ],
        }
        return Response(s.PlacementResultOutputSerializer(data).data)


class RankingView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.PlacementRankingInputSerializer

    def _assignment(self, request, pk: int, assignment_pk: int):
        found = _round(pk)
        assignment = selectors.round_assignment_get(round=found, pk=assignment_pk)
        if assignment is None:
            raise ApplicationError(
                _("Deze opdracht hoort niet bij deze ronde."), code="not_found", status=404
            )
        if not selectors.is_host(user=request.user, assignment=assignment):
            raise ApplicationError(
                _("Alleen medewerkers van de aanbieder van deze opdracht kunnen dit doen."),
                code="not_host",
                status=403,
            )
        return assignment

    def _out(self, request, assignment) -> Response:
        rows = selectors.applicants_for_host(assignment=assignment, viewer=request.user)
        privacy_services.profile_views_record(
            viewer=request.user,
            residents=[a.learner_id for a in rows if a.named],
            purpose="view_profile",
            what="placement",
        )
        return Response(s.PlacementApplicantOutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="placement_applicants",
        tags=[TAG],
        summary="Sollicitanten van een opdracht (voor de aanbieder)",
        responses=s.PlacementApplicantOutputSerializer(many=True),
    )
    def get(self, request, pk: int, assignment_pk: int):
        return self._out(request, self._assignment(request, pk, assignment_pk))

    @extend_schema(
        operation_id="placement_ranking_set",
        tags=[TAG],
        summary="De volgorde van de aanbieder bewaren",
        request=s.PlacementRankingInputSerializer,
        responses=s.PlacementApplicantOutputSerializer(many=True),
    )
    def put(self, request, pk: int, assignment_pk: int):
        assignment = self._assignment(request, pk, assignment_pk)
        data = _input(s.PlacementRankingInputSerializer, request)
        scores = data.get("scores")
        if scores is not None:
            if not all(key.isdigit() and len(key) < 11 for key in scores):
                raise ApplicationError(_("Gebruik de nummers van de sollicitanten."), code="scores_invalid")
            scores = {int(key): value for key, value in scores.items()}
        services.host_ranking_set(
            assignment=assignment, actor=request.user, ranking=data.get("ranking"), scores=scores
        )
        return self._out(request, assignment)


class AllocateView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.PlacementEmptyInputSerializer

    @extend_schema(
        operation_id="placement_allocate",
        tags=[TAG],
        summary="Iedereen plaatsen (de organisator, één keer)",
        request=None,
        responses=s.PlacementRoundDetailOutputSerializer,
    )
    def post(self, request, pk: int):
        found = _round(pk)
        if not selectors.is_organiser(user=request.user, round=found):
            raise ApplicationError(
                _("Alleen de organisator van deze ronde kan dit doen."), code="not_organiser", status=403
            )
        found = services.placement_round_allocate(round=found, actor=request.user)
        return Response(s.PlacementRoundDetailOutputSerializer(_detail(found)).data)


# --- the organiser: start a round (RoundListView.post) and put assignments in it --------------------


def _organiser_for(request, organiser_id: int | None):
    """The organisation the round is for: one the user works for that may organise; else a Dutch 4xx."""
    organisations = selectors.organiser_organisations(user=request.user)
    if organiser_id is not None:
        found = organisations.filter(pk=organiser_id).first()
        if found is None:
            raise ApplicationError(
                _("Kies een organisatie waarvoor u werkt en die rondes mag organiseren."),
                code="organiser_invalid",
                extra={"field": "organiser"},
            )
        return found
    found = list(organisations[:2])
    if not found:
        raise ApplicationError(
            _("U werkt niet voor een organisatie die rondes mag organiseren."),
            code="not_organiser",
            status=403,
        )
    if len(found) > 1:
        raise ApplicationError(
            _("U werkt voor meer organisaties. Kies de organisatie die de ronde organiseert."),
            code="organiser_invalid",
            extra={"field": "organiser"},
        )
    return found[0]


def _round_create(request) -> Response:
    # As ``opportunities`` does: 401/403 with the common Dutch sentences ("Log eerst in.").
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if not selectors.organiser_organisations(user=request.user).exists():
        raise PermissionDenied()
    data = _input(s.PlacementRoundCreateInputSerializer, request)
    organiser = _organiser_for(request, data.pop("organiser", None))
    found = services.placement_round_create(organiser=organiser, actor=request.user, **data)
    found = selectors.placement_rounds().get(pk=found.pk)
    return Response(s.PlacementRoundOutputSerializer(found).data, status=201)


class RoundAssignmentsView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.PlacementAssignmentAddInputSerializer

    @extend_schema(
        operation_id="placement_round_assignment_add",
        tags=[TAG],
        summary="Een praktijkopdracht in een open ronde zetten (de organisator)",
        description="Een open praktijkopdracht van de organisator of van een lid van zijn coöperatie. Zonder "
        "capacity krijgt de opdracht zoveel plaatsen als het team groot is.",
        request=s.PlacementAssignmentAddInputSerializer,
        responses={
            201: s.PlacementAssignmentOutputSerializer,
            400: OpenApiResponse(
                description="De opdracht kan niet in deze ronde, of een gegeven klopt niet."
            ),
            403: OpenApiResponse(description="U bent niet de organisator van deze ronde."),
            404: OpenApiResponse(description="Deze ronde bestaat niet."),
            409: OpenApiResponse(description="De opdracht staat er al in, of de ronde is niet meer open."),
        },
    )
    def post(self, request, pk: int):
        found = _round(pk)
        if not selectors.is_organiser(user=request.user, round=found):
            raise ApplicationError(
                _("Alleen de organisator van deze ronde kan dit doen."), code="not_organiser", status=403
            )
        data = _input(s.PlacementAssignmentAddInputSerializer, request)
        opportunity = selectors.assignment_opportunity_get(pk=data["opportunity"])
        if opportunity is None:
            raise ApplicationError(
                _("Deze praktijkopdracht bestaat niet."),
                code="opportunity_unknown",
                extra={"field": "opportunity"},
            )
        added = services.round_assignment_add(
            round=found, opportunity=opportunity, actor=request.user, capacity=data.get("capacity")
        )
        assignment = selectors.round_assignment_get(round=found, pk=added.pk)
        return Response(s.PlacementAssignmentOutputSerializer(assignment).data, status=201)
