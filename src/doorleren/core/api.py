"""API plumbing shared by every app: one exception handler that speaks Dutch."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from doorleren.core.errors import ApplicationError

# ``?limit=`` above this gives this many. Without a ceiling a huge limit (99999999999999999999)
# reached the database as LIMIT and broke the query (500 on SQLite and PostgreSQL).
MAX_LIMIT = 200


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """DRF's limit/offset pagination with a ceiling on ``limit``. A bad ``limit`` or ``offset`` (not a
    number, negative) falls back to the default, as in DRF; an offset past the end gives an empty page."""

    max_limit = MAX_LIMIT


def _as_json(response: Response | None, context) -> Response | None:
    """Errors are always JSON, also from a view with other renderers (the OpenAPI document is YAML)
    and also when the client asked for something we cannot send (406)."""
    request = context.get("request")
    if response is not None and request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


def exception_handler(exc, context):
    """Turn every known error into JSON ``{"code": ..., "detail": ...}`` with a 4xx status; ``detail``
    is always one of our own Dutch sentences."""
    return _as_json(_error_response(exc, context), context)


def _error_response(exc, context) -> Response | None:
    if isinstance(exc, ApplicationError):
        body = {"code": exc.code, "detail": exc.message, **exc.extra}
        return Response(body, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            detail=exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    elif isinstance(exc, Http404):
        return Response(
            {"code": "not_found", "detail": _("Dit bestaat niet (meer).")}, status=status.HTTP_404_NOT_FOUND
        )
    elif isinstance(exc, PermissionDenied):
        return Response(
            {"code": "permission_denied", "detail": _("U mag dit niet zien of doen.")},
            status=status.HTTP_403_FORBIDDEN,
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "code": "invalid",
            "detail": _("Niet alle gegevens kloppen. Kijk bij de velden wat er mis is."),
            "fields": exc.detail,
        }
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response.data = {"code": "not_authenticated", "detail": _("Log eerst in.")}
    elif isinstance(exc, exceptions.PermissionDenied):
        response.data = {"code": "permission_denied", "detail": _("U mag dit niet zien of doen.")}
    elif isinstance(exc, exceptions.NotFound):
        response.data = {"code": "not_found", "detail": _("Dit bestaat niet (meer).")}
    elif isinstance(exc, exceptions.MethodNotAllowed):
        response.data = {"code": "method_not_allowed", "detail": _("Dit kan niet op dit adres.")}
    elif isinstance(exc, exceptions.ParseError):
        response.data = {
            "code": "parse_error",
            "detail": _("Wij konden de gegevens niet lezen. Stuur geldige JSON."),
        }
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        response.data = {
            "code": "unsupported_media_type",
            "detail": _("Dit soort gegevens nemen wij niet aan."),
        }
    elif isinstance(exc, exceptions.Throttled):
        response.data = {"code": "throttled", "detail": _("Te veel verzoeken. Probeer het later opnieuw.")}
    elif isinstance(exc, exceptions.NotAcceptable):
        response.data = {
            "code": "not_acceptable",
            "detail": _("Wij sturen alleen JSON. Vraag om application/json."),
        }
    else:
        # DRF's own texts are English; never show them as the detail.
        response.data = {
            "code": getattr(exc, "default_code", "error"),
            "detail": _("Wij konden dit verzoek niet verwerken. Kijk of het adres en de gegevens kloppen."),
        }
    return response
