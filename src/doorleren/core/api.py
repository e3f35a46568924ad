"""API plumbing shared by every app: one exception handler that speaks Dutch."""

from django.core.exceptions import PermissionDenied, ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from doorleren.core.errors import ApplicationError


def exception_handler(exc, context):
    """Turn every known error into ``{"code": ..., "detail": ...}`` with a 4xx status."""
    if isinstance(exc, ApplicationError):
        body = {"code": exc.code, "detail": exc.message, **exc.extra}
        return Response(body, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        return Response({"code": "not_found", "detail": _("Dit bestaat niet (meer).")}, status=status.HTTP_404_NOT_FOUND)
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
        response.data = {"code": "parse_error", "detail": _("Wij konden de gegevens niet lezen. Stuur geldige JSON.")}
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        response.data = {"code": "unsupported_media_type", "detail": _("Dit soort gegevens nemen wij niet aan.")}
    elif isinstance(exc, exceptions.Throttled):
        response.data = {"code": "throttled", "detail": _("Te veel verzoeken. Probeer het later opnieuw.")}
    else:
        response.data = {"code": getattr(exc, "default_code", "error"), "detail": str(getattr(exc, "detail", exc))}
    return response
