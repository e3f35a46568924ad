"""``/api/v1/monitoring/outcomes/``: the platform outcomes as the dashboard shows them
(docs/monitoring-dashboard.md, "API"). Programme office and administrators only (others 403).

Every figure carries its ``state`` (``shown``, ``small``, ``hidden``, ``none``); ``value`` is null
unless it is ``shown``: the small-cell rule holds here as on the pages. Bad input gives a Dutch
``{"code", "detail"}`` with status 400 (an unknown measure or municipality: 404).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from doorleren.accounts.selectors import has_role
from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors

from ..models import Metric
from ..selectors import dashboard as dashboard_selectors
from ..selectors import outcomes
from .serializers_dashboard import (
    OutcomesByMunicipalityInputSerializer,
    OutcomesByMunicipalityOutputSerializer,
    OutcomesInputSerializer,
    OutcomesOutputSerializer,
)

TAG = "monitoring"
ROLES = ("programme_office", "administrator")
FORBIDDEN = OpenApiResponse(description="Alleen het programmabureau en beheerders zien deze cijfers.")
BAD_INPUT = OpenApiResponse(description="Een periode, doelgroep of cijfer dat wij niet kennen.")
NOT_FOUND = OpenApiResponse(description="Deze maatregel of gemeente kennen wij niet.")


def _require_role(request) -> None:
    if not any(has_role(user=request.user, role=role) for role in ROLES):
        raise ApplicationError(
            _("Alleen het programmabureau en beheerders zien deze cijfers."),
            code="permission_denied",
            status=403,
        )


def _measure_id(value: int | None) -> int | None:
    if value is None:
        return None
    if dashboard_selectors.measure_get(pk=value) is None:
        raise ApplicationError(_("Deze maatregel bestaat niet."), code="not_found", status=404)
    return value


def _municipality(value: str):
    if not value:
        return None
    try:
        return region_selectors.municipality_resolve(code_or_name=value)
    except ApplicationError as error:
        raise ApplicationError(error.message, code="municipality_unknown", status=404) from error


def _figure(figure: outcomes.Figure) -> dict:
    return {"state": figure.state, "value": figure.value if figure.shown else None}


class OutcomesView(GenericAPIView):
    serializer_class = OutcomesOutputSerializer

    @extend_schema(
        operation_id="monitoring_outcomes",
        tags=[TAG],
        summary="Uitkomsten van één cel",
        description=(
            "Alle cijfers van één periode, maatregel (of alle), gemeente (of de regio) en doelgroep (of "
            "iedereen), met de aandelen die binnen 6 en 12 maanden werk vonden. Een cijfer van minder dan 10 "
            "personen heeft state small en geen value."
        ),
        parameters=[OutcomesInputSerializer],
        responses={200: OutcomesOutputSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request):
        _require_role(request)
        given = OutcomesInputSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        period = outcomes.period_parse(data.get("period") or None)
        group = outcomes.target_group_parse(data.get("target_group") or None)
        measure_id = _measure_id(data.get("measure"))
        municipality = _municipality(data.get("municipality", ""))
        figures = outcomes.figures_for(
            period=period,
            measure_id=measure_id,
            municipality_id=municipality.pk if municipality else None,
            target_group=group,
        )
        rows = [
            {"metric": code, "label": label, **_figure(figures[code])}
            for code, label, _money in outcomes.metrics()
        ]
        for name, label in outcomes.RATE_LABELS.items():
            rate = figures[name]
            rows.append(
                {
                    "metric": name,
                    "label": str(label),
                    "state": rate.state if rate.state in ("shown", "small", "none") else "none",
                    "value": rate.fraction if rate.shown else None,
                }
            )
        body = {
            "period": period.param,
            "period_label": period.label,
            "measure": measure_id,
            "municipality": municipality.code if municipality else None,
            "target_group": group,
            "figures": rows,
        }
        return Response(OutcomesOutputSerializer(body).data)


class OutcomesByMunicipalityView(GenericAPIView):
    serializer_class = OutcomesByMunicipalityOutputSerializer

    @extend_schema(
        operation_id="monitoring_outcomes_by_municipality",
        tags=[TAG],
        summary="Eén cijfer per gemeente",
        description=(
            "Eén cijfer voor elke gemeente van nu en voor de hele regio. Kleine aantallen (small) en cijfers "
            "waarmee een klein aantal uit het totaal is uit te rekenen (hidden) hebben geen value."
        ),
        parameters=[OutcomesByMunicipalityInputSerializer],
        responses={
            200: OutcomesByMunicipalityOutputSerializer,
            400: BAD_INPUT,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request):
        _require_role(request)
        given = OutcomesByMunicipalityInputSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        metric = outcomes.metric_parse(data.get("metric") or None)
        period = outcomes.period_parse(data.get("period") or None)
        group = outcomes.target_group_parse(data.get("target_group") or None)
        measure_id = _measure_id(data.get("measure"))
        rows, total = outcomes.figures_by_municipality(
            period=period, metric=metric, measure_id=measure_id, target_group=group
        )
        body = {
            "metric": metric,
            "label": str(Metric(metric).label),
            "period": period.param,
            "period_label": period.label,
            "measure": measure_id,
            "target_group": group,
            "municipalities": [{"code": ref.code, "name": ref.name, **_figure(f)} for ref, f in rows],
            "total": _figure(total),
        }
        return Response(OutcomesByMunicipalityOutputSerializer(body).data)
